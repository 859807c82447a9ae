// `kind: boundary`: "the boundary between phases P and Q is the curve lhs = rhs". Refuted by
// (a) a point on the claimed curve next to P or Q whose two sides are not P and Q (fast-check draws
//     points, each projected onto the curve along one coordinate; the failure is shrunk and moved to a
//     round coordinate), or
// (b) a point of the true P|Q boundary that is not on the claimed curve (scans along each coordinate
//     axis, on lines through round values of the other coordinates, bisected to the transition).
// Sides are read with the engine's classification of the points just off the curve.
import fc from 'fast-check';
import type { Model } from '../engine/model.js';
import { compileFormula } from '../symbolic/formula.js';
import { inDomain, parameterBox, pieceAt } from './oracle.js';
import type { Resolved } from './schema.js';
import { toPoint, uniform, type Box } from './search.js';
import type { CheckOptions } from './exponent.js';
import { METHOD, type Verdict } from './verdict.js';
import { diagramOf, gradient } from './cells.js';
import { rationalOf, PrintError } from '../symbolic/print.js';
import { parseEquation, FormulaError } from '../symbolic/formula.js';
import { exactDiv, AlgebraLimitError, NotRationalError } from '../symbolic/rational/index.js';
import type { Node } from '../symbolic/formula.js';

/** Which phases `p` meets in the derived diagram. */
function meets(model: Model, p: string): string[] {
  const d = diagramOf(model);
  return d ? [...new Set(d.boundaries.filter((b) => b.between.includes(p)).flatMap((b) => b.between).filter((x) => x !== p && x !== 'outside the domain'))] : [];
}

/** The claimed curve is exactly a boundary of the derived diagram between the two phases (numerators proportional). */
function exactBoundary(model: Model, between: [string, string], residual: Node): string | null {
  const d = diagramOf(model);
  if (!d) return null;
  try {
    const claimed = rationalOf(residual, { params: model.params }).value.num;
    for (const b of d.boundaries) {
      if (!(b.between.includes(between[0]) && b.between.includes(between[1]))) continue;
      const truth = rationalOf(parseEquation(b.equation, model.params).residual, { params: model.params }).value.num;
      const q = exactDiv(claimed, truth);
      if (q && q.isConstant() && !q.isZero()) return b.equation;
    }
  } catch (e) {
    if (e instanceof PrintError || e instanceof FormulaError || e instanceof AlgebraLimitError || e instanceof NotRationalError) return null;
    throw e;
  }
  return null;
}

/** Step off the curve to read its sides, relative to the parameter box's width. */
const SIDE_STEP = 2e-5;
/** A true boundary point lies on the claimed curve when its distance to it is below this (relative to the box). */
const ON_CURVE_TOL = 1e-6;
/** Curve points closer than this (in condition margin) to another boundary line are not used. */
const CORNER = 1e-3;

type Side = string | null; // a phase name, 'outside the domain', 'no phase', or null on a boundary line

function sideAt(model: Model, x: number[]): Side {
  if (!inDomain(model, x)) {
    // on the domain's own boundary line: undecided
    const m = Math.min(...model.theory.domain.map((d) => model.condition(d.condition).evaluate(...x)));
    return m > -1e-6 ? null : 'outside the domain';
  }
  const ref = pieceAt(model, x);
  if (ref) return ref.phase;
  // in the domain, in no piece: on a boundary line, or a gap no phase covers
  const cls = model.classifyVector(x);
  return cls.phase === null ? 'no phase' : null;
}


/** Root of g along coordinate k through x nearest to x[k] (scan + bisection); null when none in the box. */
function project(g: (x: number[]) => number, x: number[], k: number, box: Box): number[] | null {
  const [lo, hi] = box[k];
  const n = 200;
  const y = [...x];
  const at = (t: number) => {
    y[k] = t;
    return g(y);
  };
  let best: [number, number] | null = null;
  const consider = (a: number, b: number) => {
    if (!best || Math.abs((a + b) / 2 - x[k]) < Math.abs((best[0] + best[1]) / 2 - x[k])) best = [a, b];
  };
  let prevT = lo, prevG = at(lo);
  if (prevG === 0) consider(lo, lo);
  for (let i = 1; i <= n; i++) {
    const t = lo + ((hi - lo) * i) / n;
    const v = at(t);
    if (v === 0) consider(t, t);
    else if (Number.isFinite(prevG) && Number.isFinite(v) && prevG * v < 0) consider(prevT, t);
    prevT = t;
    prevG = v;
  }
  if (!best) return null;
  let [a, b] = best as [number, number];
  let ga = at(a);
  for (let i = 0; i < 80 && a !== b; i++) {
    const m = (a + b) / 2;
    const gm = at(m);
    if (gm === 0) {
      a = b = m;
      break;
    }
    if (ga * gm < 0) b = m;
    else {
      a = m;
      ga = gm;
    }
  }
  const out = [...x];
  out[k] = (a + b) / 2;
  return out;
}

const ROUND_STEPS = [1, 0.5, 0.25, 0.2, 0.1, 0.05, 0.025, 0.02, 0.01];

export function checkBoundary(r: Extract<Resolved, { kind: 'boundary' }>, opts: CheckOptions): Verdict {
  const { claim, target, between, condition, where } = r;
  const { model, params } = target;
  const base = { id: claim.id, kind: claim.kind, model: model.theory.id, seed: opts.seed };
  const box = parameterBox(model);
  const width = box.map(([lo, hi]) => hi - lo);
  const g = compileFormula(condition.residual, params);
  const segment = where.map((w) => compileFormula(w.margin, params));
  const curveText = where.length ? `${condition.text} where ${where.map((w) => w.text).join(', ')}` : condition.text;
  const pair = new Set(between);
  const named = `${between[0]}|${between[1]}`;
  const provenance = between.map((p) => {
    const piece = model.theory.phases!.find((ph) => ph.name === p)!.regions[0];
    return { region: p, expr: model.theory.phases!.find((ph) => ph.name === p)!.regions.map((rg) => rg.conditions.join(', ')).join(' or '), provenance: piece.provenance, source: piece.source };
  });

  // coordinates the condition depends on (the curve is solved along one of them)
  const probe = box.map(([lo, hi]) => lo + 0.37 * (hi - lo));
  const dependent = params.map((_, k) => k).filter((k) => {
    for (const f of [0.13, 0.61, 0.89]) {
      const a = [...probe], b = [...probe];
      a[k] = box[k][0] + f * width[k];
      b[k] = box[k][0] + (f + 0.05) * width[k];
      if (g(a) !== g(b)) return true;
    }
    return false;
  });
  if (dependent.length === 0) {
    return { ...base, status: 'inconclusive', method: 'curve analysis', reason: `the condition '${condition.text}' does not depend on ${params.join(', ')}: it is not a curve` };
  }

  // (a) points of the claimed curve: their sides must be the named phases wherever one side is
  const sides = (p: number[]): [Side, Side] => {
    const n = gradient(g, p, box);
    const norm = Math.hypot(...n.map((v, k) => v * width[k]));
    if (!(norm > 0) || !Number.isFinite(norm)) return [null, null];
    const dir = n.map((v, k) => (v * width[k] * width[k]) / norm);
    return [sideAt(model, p.map((v, k) => v - SIDE_STEP * dir[k])), sideAt(model, p.map((v, k) => v + SIDE_STEP * dir[k]))];
  };
  // points of the curve near another boundary line (a corner of the phase diagram) are skipped: a step
  // off the curve there may land in a third phase although the claim is right
  const lines = [...new Set([...model.theory.domain.map((d) => d.condition), ...model.theory.phases!.flatMap((ph) => ph.regions.flatMap((rg) => rg.conditions))])].map((c) => model.condition(c));
  // (a line through p is the curve itself when it also passes through a nearby point of the curve)
  const nearCorner = (p: number[], k: number) => {
    let q: number[] | null | undefined;
    return lines.some((c) => {
      const m = Math.abs(c.evaluate(...p));
      if (m >= CORNER) return false;
      if (m > 1e-9) return true;
      if (q === undefined) {
        const j = p.findIndex((_, i) => i !== k);
        const shifted = [...p];
        if (j >= 0) shifted[j] += 1e-3 * width[j];
        q = j >= 0 ? project(g, shifted, k, box) : null;
      }
      return !q || Math.abs(c.evaluate(...q)) > 1e-9;
    });
  };
  let relevant = 0;
  const curveFails = (p: number[] | null, k: number, count = false): boolean => {
    if (!p || segment.some((m) => !(m(p) > 1e-6)) || nearCorner(p, k)) return false;
    const [a, b] = sides(p);
    if (a === null || b === null) return false;
    if (!pair.has(a) && !pair.has(b)) return false;
    if (count) relevant++;
    return !(pair.has(a) && pair.has(b) && a !== b);
  };
  const onCurve = (x: number[], k: number) => project(g, x, k, box);
  let bad: { p: number[]; k: number } | null = null;
  let drawn = 0;
  // a deterministic pass (counts the curve points next to the named phases), then fast-check with shrinking
  for (let i = 1; i <= opts.samples && !bad; i++) {
    const u = box.map(([lo], k) => lo + width[k] * ((i * [0.7548776662, 0.5698402910, 0.4301597090][k % 3]) % 1));
    for (const k of dependent) {
      const p = onCurve(u, k);
      if (p) drawn++;
      if (curveFails(p, k, true)) {
        bad = { p: p!, k };
        break;
      }
    }
  }
  if (!bad) {
    const arb = fc.tuple(fc.tuple(...box.map(([lo, hi]) => uniform(lo, hi))), fc.constantFrom(...dependent));
    const details = fc.check(fc.property(arb, ([x, k]) => !curveFails(onCurve(x, k), k)), { seed: opts.seed, numRuns: opts.samples });
    drawn += details.numRuns;
    if (details.failed && details.counterexample) {
      const [[x, k]] = details.counterexample;
      const p = onCurve(x, k);
      if (p) bad = { p, k };
    }
  }
  const neverMeet = !meets(model, between[0]).includes(between[1]) && diagramOf(model) !== null;
  const trueCurves = (diagramOf(model)?.boundaries ?? []).filter((b) => b.between.includes(between[0]) && b.between.includes(between[1])).map((b) => b.equation);
  const meetNote = neverMeet
    ? `; ${between[0]} and ${between[1]} never meet in the derived phase diagram (${between[0]} meets ${meets(model, between[0]).join(', ') || 'none'}; ${between[1]} meets ${meets(model, between[1]).join(', ') || 'none'})`
    : trueCurves.length ? `; the derived diagram's ${named} boundary is ${trueCurves.join(' and ')}` : '';
  if (bad) {
    const pt = roundOnCurve(bad.p, dependent, box, (x, k) => onCurve(x, k), (p, k) => curveFails(p, k));
    const [a, b] = sides(pt);
    return {
      ...base,
      status: 'refuted',
      method: `a point of the claimed curve ${curveText} next to ${between.join(' or ')} whose two sides are not ${between.join(' and ')} (engine classification just off the curve; found after ${drawn} curve points)`,
      counterexample: { point: toPoint(params, pt), claimed: named, actual: `${a}|${b}`, difference: g(pt), note: `the claimed curve passes through this point, but its two sides are ${a} and ${b}: ${a === b ? `it runs inside ${a}` : `the phases that really meet there are ${a} and ${b}`}${meetNote}` },
      theory: provenance,
      samples: drawn,
    };
  }

  // (b) points of the true boundary: they must lie on the claimed curve
  const scan = scanBoundary(model, between, box);
  const off = scan.points.find((q) => distance(g, q, box) > ON_CURVE_TOL || segment.some((m) => m(q) < -1e-9));
  if (off) {
    return {
      ...base,
      status: 'refuted',
      method: `a point of the true ${named} boundary (axis scans through round coordinates, bisected to 1e-12) off the claimed curve ${curveText}`,
      counterexample: { point: toPoint(params, off), claimed: `inside ${between[0]} or ${between[1]} (off ${curveText})`, actual: named, difference: g(off), note: `${between[0]} meets ${between[1]} here, but the point is not on ${curveText}: lhs - rhs = ${g(off)}` },
      theory: provenance,
      samples: drawn + scan.points.length,
    };
  }
  if (neverMeet && scan.points.length === 0) {
    return { ...base, status: 'refuted', method: `${between[0]} and ${between[1]} never meet: no point of a ${named} boundary in the derived phase diagram or the axis scans`, counterexample: { point: {}, claimed: named, actual: 'no such boundary', difference: null, note: meetNote.slice(2) }, theory: provenance };
  }
  if (relevant === 0 && scan.points.length === 0) {
    return { ...base, status: 'inconclusive', method: 'curve analysis and axis scans', reason: `${between[0]} and ${between[1]} do not meet in the parameter box, and the claimed curve does not touch either`, theory: provenance };
  }
  if (scan.points.length === 0) {
    return { ...base, status: 'inconclusive', method: 'curve analysis and axis scans', reason: `no point of the ${named} boundary was found by the axis scans, though the claimed curve separates them at ${relevant} sampled points`, theory: provenance };
  }
  const exact = where.length === 0 ? exactBoundary(model, between, condition.residual) : null;
  return {
    ...base,
    status: 'verified',
    method: exact ? METHOD.exactBoundary : METHOD.sampled,
    how: `${exact ? `the claimed curve is the derived diagram's ${named} boundary ${exact} (the same polynomial up to a constant); ` : ''}every sampled point of the claimed curve next to ${between.join(' or ')} separates ${between.join(' from ')} (${relevant} of ${drawn} curve points), and all ${scan.points.length} points of the true ${named} boundary found by axis scans lie on it (distance <= ${ON_CURVE_TOL} of the box)`,
    theory: provenance,
    samples: drawn + scan.points.length,
  };
}

/** First-order distance of x to the curve g = 0, relative to the box. */
function distance(g: (x: number[]) => number, x: number[], box: Box): number {
  const width = box.map(([lo, hi]) => hi - lo);
  const n = gradient(g, x, box);
  const norm = Math.hypot(...n.map((v, k) => v * width[k]));
  const v = Math.abs(g(x));
  return norm > 0 && Number.isFinite(norm) ? v / norm : v;
}

/** Move a failing curve point to round values of its free coordinates (re-projected onto the curve). */
function roundOnCurve(p: number[], dependent: number[], box: Box, onCurve: (x: number[], k: number) => number[] | null, fails: (p: number[], k: number) => boolean): number[] {
  for (const step of ROUND_STEPS) {
    for (const k of dependent) {
      const free = p.map((_, i) => i).filter((i) => i !== k);
      const variants: number[][] = [[...p]];
      for (const i of free) {
        const next: number[][] = [];
        for (const v of variants) {
          for (const d of [0, -1, 1]) {
            const w = [...v];
            w[i] = Math.round((Math.round(p[i] / step) + d) * step * 1e12) / 1e12;
            if (w[i] >= box[i][0] && w[i] <= box[i][1]) next.push(w);
          }
        }
        variants.splice(0, variants.length, ...next);
      }
      for (const v of variants) {
        const q = onCurve(v, k);
        if (q && fails(q, k)) return q;
      }
    }
  }
  return p;
}

/** Points where `between[0]` meets `between[1]`, on axis-parallel lines through round coordinates. */
export function scanBoundary(model: Model, between: [string, string], box: Box): { points: number[][] } {
  const dim = box.length;
  const width = box.map(([lo, hi]) => hi - lo);
  const points: number[][] = [];
  const seen = new Set<string>();
  const pair = new Set(between);
  const phaseAt = (x: number[]) => pieceAt(model, x)?.phase ?? null;
  const N = 400;
  // coarse lines first; finer ones only while few boundary points are found (narrow phases)
  for (const step of [0.5, 0.25, 0.1, 0.05, 0.02, 0.01]) {
    if (points.length >= 12) break;
    for (let k = 0; k < dim; k++) {
      const others = box.map(([lo, hi], i) => {
        if (i === k) return [0];
        const vals: number[] = [];
        for (let j = Math.ceil(lo / step); j * step <= hi + 1e-12; j++) vals.push(Math.round(j * step * 1e12) / 1e12);
        return vals;
      });
      const lines: number[][] = [[]];
      for (const vals of others) {
        const next: number[][] = [];
        for (const l of lines) for (const v of vals) next.push([...l, v]);
        lines.splice(0, lines.length, ...next);
        if (lines.length > 400) break;
      }
      for (const base of lines.slice(0, 400)) {
        if (base.length !== dim) continue;
        const key = `${k}:${base.map((v, i) => (i === k ? '*' : v)).join(',')}`;
        if (seen.has(key)) continue;
        seen.add(key);
        let last: { t: number; phase: string } | null = null;
        const x = [...base];
        for (let i = 0; i <= N; i++) {
          const t = box[k][0] + (width[k] * i) / N;
          x[k] = t;
          const ph = phaseAt(x);
          if (ph === null) continue;
          if (last && ph !== last.phase && pair.has(ph) && pair.has(last.phase)) {
            // bisect twice with the engine's classification (boundary lines are 1e-9 thick there): to the
            // last point of the old phase and to the first of the new one; the boundary is midway
            const y = [...x];
            const edge = (stillOld: (phase: string | null) => boolean) => {
              let a = last!.t, b = t;
              for (let it = 0; it < 60; it++) {
                const m = (a + b) / 2;
                y[k] = m;
                if (stillOld(model.classifyVector(y).phase)) a = m;
                else b = m;
              }
              return (a + b) / 2;
            };
            const from = last.phase;
            const q = [...x];
            q[k] = (edge((p) => p === from) + edge((p) => p !== ph)) / 2;
            const h = SIDE_STEP * width[k];
            const left = [...q], right = [...q];
            left[k] -= h;
            right[k] += h;
            if (phaseAt(left) === last.phase && phaseAt(right) === ph) points.push(q);
          }
          last = { t, phase: ph };
        }
      }
    }
  }
  return { points };
}
