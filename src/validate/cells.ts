// The points of a claim's region that the validator checks, and the phases the region meets.
// The phases are found from the derived phase diagram (src/engine/phases.ts derivePhases: every candidate
// boundary curve, the irreducible factors where the active balance can change) together with the stated
// phases' own condition lines, the domain's edges and the region's edges: every curve is intersected with
// lines across the parameter box, and points are taken on both sides of every crossing and around every
// intersection of two curves. A sign-invariant cell of these curves has a crossing or a corner, so a thin
// strip (a phase 1e-4 wide) is met by a probe point although random samples miss it [derived].
import { signChangeRoots } from '../numeric/roots.js';
import { DomainError } from '../errors.js';
import { derivePhases, type DerivedDiagram } from '../engine/phases.js';
import type { Model } from '../engine/model.js';
import { compileFormula, parseEquation } from '../symbolic/formula.js';
import { inDomain, parameterBox, pieceAt } from './oracle.js';
import { MARGIN, type Box } from './search.js';
import type { ModelTarget, RegionSpec } from './schema.js';

type Curve = (x: number[]) => number;

/** A claim's region as a membership test over the parameter box. */
export interface RegionSpace {
  box: Box;
  inside: (x: number[]) => boolean;
  /** the region's own edges (its inequalities' margins) */
  edges: Curve[];
  key: string;
}

export function regionSpace(target: ModelTarget, region: RegionSpec): RegionSpace {
  const { model, params } = target;
  const edges = region.ineqs.map((i) => {
    const f = compileFormula(i.margin, params);
    return (x: number[]) => f(x);
  });
  const phases = region.phases ? new Set(region.phases) : null;
  const inside = (x: number[]) => {
    if (!inDomain(model, x)) return false;
    for (const e of edges) if (!(e(x) > MARGIN)) return false;
    if (phases) {
      const ref = pieceAt(model, x);
      if (!ref || !phases.has(ref.phase)) return false;
    }
    return true;
  };
  return { box: parameterBox(model), inside, edges, key: `${model.theory.id}|${region.phases?.join('|') ?? '*'}|${region.ineqs.map((i) => i.text).join(';')}` };
}

/** Lines across the box per direction, sign-change steps per line (curves of low degree), offsets from a curve. */
const LINES = 48;
const STEPS = 192;
const OFFSETS = [1e-5, 1e-3];

interface ModelCurves {
  curves: Curve[];
  /** the diagram could be derived (2 parameters): the probes are complete */
  derived: boolean;
  reason?: string;
  /** probe points of the model's own curves (before any region filter) */
  probes: number[][];
  /** crossing points per curve (for the intersections with a region's edges) */
  crossings: number[][][];
}

const modelCurves = new WeakMap<Model, ModelCurves>();

/** The model's candidate boundary curves: the derived diagram's factors, the stated phases' and the domain's condition lines. */
function curvesOf(model: Model): ModelCurves {
  let c = modelCurves.get(model);
  if (c) return c;
  const curves: Curve[] = [];
  let derived = false;
  let reason: string | undefined;
  if (model.params.length === 2) {
    const d = diagramOf(model);
    if (d) {
      for (const text of d.curves) {
        const f = compileFormula(parseEquation(text, model.params).residual, model.params);
        curves.push((x) => f(x));
      }
      derived = true;
    } else reason = diagramError.get(model);
  } else reason = `the phase diagram is derived for 2-parameter theories only (${model.theory.id} has ${model.params.length})`;
  const t = model.theory;
  const conds = new Set([...t.domain.map((d) => d.condition), ...(t.phases ?? []).flatMap((p) => p.regions.flatMap((r) => r.conditions)), ...t.terms.flatMap((term) => term.cases.flatMap((k) => k.when))]);
  for (const cond of conds) {
    const m = model.condition(cond).evaluate;
    curves.push((x) => m(...x));
  }
  const box = parameterBox(model);
  const crossings = curves.map((g) => crossingsOf(g, box));
  const probes: number[][] = [];
  crossings.forEach((pts, i) => {
    probes.push(...sides(curves[i], pts, box));
    for (let j = i + 1; j < curves.length; j++) probes.push(...corners(curves[i], pts, curves[j], box));
  });
  c = { curves, derived, reason, probes, crossings };
  modelCurves.set(model, c);
  return c;
}

/** Points where g changes sign on axis-parallel lines across the box (bisected). */
function crossingsOf(g: Curve, box: Box): number[][] {
  const out: number[][] = [];
  if (box.length !== 2) return out;
  for (const dir of [0, 1]) {
    const other = 1 - dir;
    const [lo, hi] = box[dir];
    const [slo, shi] = box[other];
    for (let i = 1; i < LINES; i++) {
      const x = [0, 0];
      x[other] = slo + ((shi - slo) * i) / LINES;
      const at = (t: number) => {
        x[dir] = t;
        return g(x);
      };
      for (const t of signChangeRoots(at, lo, hi, STEPS)) {
        const p = [0, 0];
        p[other] = x[other];
        p[dir] = t;
        out.push(p);
      }
    }
  }
  return out;
}

/** The central-difference gradient of g at x, steps 1e-7 of the box's side (boundary.ts uses it too). */
export function gradient(g: Curve, x: number[], box: Box): number[] {
  return x.map((_, k) => {
    const h = 1e-7 * (box[k][1] - box[k][0]);
    const a = [...x], b = [...x];
    a[k] -= h;
    b[k] += h;
    return (g(b) - g(a)) / (2 * h);
  });
}

/** Points a small step off the curve on both sides, at every crossing. */
function sides(g: Curve, pts: number[][], box: Box): number[][] {
  const out: number[][] = [];
  const w = box.map(([lo, hi]) => hi - lo);
  for (const p of pts) {
    const n = gradient(g, p, box);
    const norm = Math.hypot(...n.map((v, k) => v * w[k]));
    if (!(norm > 0) || !Number.isFinite(norm)) continue;
    for (const eps of OFFSETS) for (const s of [-1, 1]) out.push(p.map((v, k) => v + (s * eps * n[k] * w[k] * w[k]) / norm));
  }
  return out;
}

/** For each crossing, the nearest other crossing of the same curve (within three line spacings), or -1. */
function neighbours(pts: number[][], box: Box): number[] {
  const w = box.map(([lo, hi]) => hi - lo);
  return pts.map((p, i) => {
    let best = -1;
    let bestD = 3 / LINES;
    pts.forEach((q, j) => {
      if (j === i) return;
      const d = Math.hypot((q[0] - p[0]) / w[0], (q[1] - p[1]) / w[1]);
      if (d < bestD) {
        bestD = d;
        best = j;
      }
    });
    return best;
  });
}

const nearCache = new WeakMap<number[][], number[]>();

/** Points around the intersections of curve g (crossings pts) with curve h. */
function corners(g: Curve, pts: number[][], h: Curve, box: Box): number[][] {
  const out: number[][] = [];
  const w = box.map(([lo, hi]) => hi - lo);
  let near = nearCache.get(pts);
  if (!near) {
    near = neighbours(pts, box);
    nearCache.set(pts, near);
  }
  const hv = pts.map((p) => h(p));
  const seen = new Set<string>();
  for (let i = 0; i < pts.length; i++) {
    // an intersection lies between two neighbouring crossings of g where h has opposite signs
    const j = near[i];
    if (j < 0 || !(hv[i] * hv[j] < 0)) continue;
    const x = newton(g, h, pts[i].map((v, k) => (v + pts[j][k]) / 2), box);
    if (!x) continue;
    const key = x.map((v) => v.toFixed(9)).join(',');
    if (seen.has(key)) continue;
    seen.add(key);
    for (const r of OFFSETS) for (let k = 0; k < 8; k++) {
      const th = (Math.PI * (2 * k + 1)) / 8;
      out.push([x[0] + r * w[0] * Math.cos(th), x[1] + r * w[1] * Math.sin(th)]);
    }
  }
  return out;
}

/** A common root of g and h near x0 (Newton with a numeric Jacobian); null when it does not converge in the box. */
function newton(g: Curve, h: Curve, x0: number[], box: Box): number[] | null {
  let x = [...x0];
  for (let it = 0; it < 40; it++) {
    const f = [g(x), h(x)];
    if (Math.abs(f[0]) < 1e-13 && Math.abs(f[1]) < 1e-13) break;
    const a = gradient(g, x, box), b = gradient(h, x, box);
    const det = a[0] * b[1] - a[1] * b[0];
    if (!(Math.abs(det) > 1e-300)) return null;
    x = [x[0] - (f[0] * b[1] - f[1] * a[1]) / det, x[1] - (a[0] * f[1] - b[0] * f[0]) / det];
    if (!x.every(Number.isFinite)) return null;
  }
  const inBox = x.every((v, k) => v >= box[k][0] && v <= box[k][1]);
  return inBox && Math.abs(g(x)) < 1e-9 && Math.abs(h(x)) < 1e-9 ? x : null;
}

export interface Probes {
  /** probe points inside the region */
  points: number[][];
  /** the phases the region meets were found from the derived diagram (false: by sampling only) */
  fromDiagram: boolean;
  reason?: string;
}

const probeCache = new Map<string, Probes>();

/** Probe points of a region: both sides of every curve crossing and around every corner, inside the region. */
export function regionProbes(model: Model, space: RegionSpace): Probes {
  const hit = probeCache.get(space.key);
  if (hit) return hit;
  const mc = curvesOf(model);
  const all = [...mc.probes];
  for (const e of space.edges) {
    const pts = crossingsOf(e, space.box);
    all.push(...sides(e, pts, space.box));
    for (const g of mc.curves) all.push(...corners(e, pts, g, space.box));
    for (const f of space.edges) if (f !== e) all.push(...corners(e, pts, f, space.box));
  }
  // the model's crossings of its own curves against the region's edges (from the other side)
  for (const e of space.edges) mc.crossings.forEach((pts, i) => all.push(...corners(mc.curves[i], pts, e, space.box)));
  const r: Probes = { points: all.filter((x) => space.inside(x)), fromDiagram: mc.derived, ...(mc.reason ? { reason: mc.reason } : {}) };
  if (probeCache.size > 500) probeCache.clear();
  probeCache.set(space.key, r);
  return r;
}

/**
 * The point of largest `size` reachable from x0 inside `cell` (a pattern search: axis and diagonal steps,
 * halved from a tenth of the box down to 1e-9 of it).
 */
export function maximise(size: (x: number[]) => number, cell: (x: number[]) => boolean, x0: number[], box: Box): number[] {
  let x = [...x0];
  let best = size(x);
  const w = box.map(([lo, hi]) => hi - lo);
  const dirs = [[1, 0], [-1, 0], [0, 1], [0, -1], [1, 1], [1, -1], [-1, 1], [-1, -1]].filter((d) => d.length >= x.length).map((d) => d.slice(0, x.length));
  if (x.length !== 2) for (let k = 0; k < x.length; k++) for (const s of [1, -1]) dirs.push(x.map((_, i) => (i === k ? s : 0)));
  for (let step = 0.1; step > 1e-9; step /= 2) {
    let moved = true;
    for (let guard = 0; moved && guard < 200; guard++) {
      moved = false;
      for (const d of dirs) {
        const y = x.map((v, k) => Math.min(box[k][1], Math.max(box[k][0], v + step * w[k] * d[k])));
        if (!cell(y)) continue;
        const s = size(y);
        if (s > best) {
          best = s;
          x = y;
          moved = true;
        }
      }
    }
  }
  return x;
}

const diagrams = new WeakMap<Model, DerivedDiagram | null>();
const diagramError = new WeakMap<Model, string>();
/** The derived phase diagram of a model (null when it cannot be derived), once per model. */
export function diagramOf(model: Model): DerivedDiagram | null {
  if (!diagrams.has(model)) {
    try {
      diagrams.set(model, derivePhases(model));
    } catch (e) {
      if (!(e instanceof DomainError)) throw e;
      diagrams.set(model, null);
      diagramError.set(model, e.message);
    }
  }
  return diagrams.get(model)!;
}

