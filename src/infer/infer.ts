// Which parameter points of a theory explain measured exponents (docs/infer.md) [derived].
// Two-parameter theories: the phase diagram derived from the theory's terms (src/engine/phases.ts) gives
// every phase with its region and its exponents as exact rational functions; in each phase the set
// {lo_q <= E_q <= hi_q for every measured q} is printed as conditions (./conditions.ts) and measured
// along lines of both parameters across the search box (the theory's parameter ranges): on each line the
// roots of every condition's margin split it into intervals, each tested at its midpoint, so thin phases
// and thin bands are not missed for lack of a sample inside them. Other theories (one or three
// parameters): the box is sampled (a grid, or Halton points), the engine's exponents taken at each point,
// the consistent points grouped by phase (or by dominant balance) and their conditions printed the same way.
import { signChangeRoots } from '../numeric/roots.js';
import { derivePhases, type DerivedDiagram, type DerivedPhase } from '../engine/phases.js';
import { parameterBox } from '../engine/region.js';
import { fromJs } from '../engine/condition.js';
import { FormulaError, compileFormula, parseFormula, toJs } from '../symbolic/formula.js';
import { halton } from '../numeric/halton.js';
import { PrintError, printExpression } from '../symbolic/print.js';
import { DomainError } from '../errors.js';
import { intervalConditions } from './conditions.js';
import type { Model } from '../engine/model.js';
import { ratDecimal, type Interval } from './measurement.js';

export interface InferRegion {
  phase: string;
  /** the dominant balance of the phase */
  balance: [string, string];
  /** `conditions`: the set is exactly the conjunction of `conditions` (bbox and area are measured); `sampled`: conditions could not be printed for every measured exponent */
  kind: 'conditions' | 'sampled';
  conditions: string[];
  /** how many of `conditions` (the first ones) are the phase's region and the domain; the rest come from the measurements */
  regionConditions: number;
  /** measured exponents constant over the phase and inside their interval */
  constant: Record<string, number>;
  /** the phase's exponent formulas of the measured quantities */
  exponents: Record<string, string>;
  bbox: Record<string, [number, number]>;
  /** measure of the set inside the search box, in parameter units (an area for two parameters, a length for one, a volume for three) */
  area: number;
  /** area / measure of the search box */
  areaFraction: number;
  /** a point of the set */
  point: Record<string, number>;
  /** points of the set (for the plot) */
  samples: number[][];
}

export interface InferResult {
  model: string;
  params: string[];
  measured: Record<string, { value: number; interval: [number, number]; text: string }>;
  searchBox: Record<string, [number, number]>;
  method: string;
  regions: InferRegion[];
  /** phases that no point explains, with the reason where it is exact (a constant exponent outside its interval) */
  excluded: Array<{ phase: string; reason: string }>;
  empty: boolean;
  provenance: 'derived';
  /** two parameters: the phase at a point (index into `phases`, -1 outside the domain or on a boundary) and the consistent set's region there (index into `regions`, -1 none); not printed */
  plane?: { phases: string[]; phaseAt: (a: number, b: number) => number; regionAt: (a: number, b: number) => number };
}

export interface InferOptions {
  /** lines per parameter across the box (two-parameter theories; default 160) */
  lines?: number;
  /** steps of the root search along a line (default 64) */
  steps?: number;
  /** sample points (theories with one or three parameters; default 4000 per parameter count) */
  samples?: number;
}

/** A function of the two parameters (no arrays: the line scans call these millions of times). */
type Fn2 = (a: number, b: number) => number;

/** Compile an expression in the two parameters. */
function compile2(expr: string, params: readonly string[]): Fn2 {
  return fromJs([...params], toJs(parseFormula(expr, params), params)) as Fn2;
}

export function infer(model: Model, measured: Record<string, Interval>, opts: InferOptions = {}): InferResult {
  const t = model.theory;
  const params = model.params;
  for (const q of Object.keys(measured)) if (!t.quantities.some((x) => x.name === q)) throw new DomainError(`${q} is not a quantity of ${t.id} (its quantities: ${t.quantities.map((x) => x.name).join(', ')})`, { parameter: q });
  if (Object.keys(measured).length === 0) throw new DomainError(`no measurement given (the quantities of ${t.id}: ${t.quantities.map((x) => x.name).join(', ')})`);
  const box = parameterBox(t);
  const base = {
    model: t.id,
    params,
    measured: Object.fromEntries(Object.entries(measured).map(([q, m]) => [q, { value: m.value, interval: [m.lo, m.hi] as [number, number], text: m.text }])),
    searchBox: Object.fromEntries(params.map((p, i) => [p, box[i]])),
    provenance: 'derived' as const,
  };
  const r = params.length === 2 ? (planeOrNull(model, measured, box, opts) ?? inferSampled(model, measured, box, opts)) : inferSampled(model, measured, box, opts);
  return { ...base, ...r, empty: r.regions.length === 0 };
}

// ---- two parameters: the derived phase diagram, measured along lines ------------------------------------

/** The plane method, or null where the phase diagram cannot be derived exactly (then the box is sampled). */
function planeOrNull(model: Model, measured: Record<string, Interval>, box: Array<[number, number]>, opts: InferOptions) {
  try {
    diagramOf(model);
  } catch (e) {
    if (e instanceof DomainError || e instanceof PrintError) return null;
    throw e;
  }
  return inferPlane(model, measured, box, opts);
}

function inferPlane(model: Model, measured: Record<string, Interval>, box: Array<[number, number]>, opts: InferOptions) {
  const params = model.params;
  const diagram = diagramOf(model);
  const domain = model.theory.domain.map((d) => compile2(`(${model.condition(d.condition).margin})`, params));
  const lines = opts.lines ?? 160;
  const steps = opts.steps ?? 64;
  const boxArea = (box[0][1] - box[0][0]) * (box[1][1] - box[1][0]);
  const regions: InferRegion[] = [];
  const excluded: InferResult['excluded'] = [];
  const phaseTests: Array<(a: number, b: number) => boolean> = [];
  const phaseNames: string[] = [];
  const regionTests: Array<(a: number, b: number) => boolean> = [];
  for (const ph of diagram.phases) {
    ph.pieces.forEach((piece, k) => {
      const name = ph.pieces.length > 1 ? `${ph.name}#${k + 1}` : ph.name;
      const margins = [...piece.map((c) => compile2(`(${model.condition(c).margin})`, params)), ...domain];
      const inPhase = (a: number, b: number) => {
        for (const m of margins) if (!(m(a, b) > 0)) return false;
        return true;
      };
      phaseTests.push(inPhase);
      phaseNames.push(name);
      const phasePoints = gridPoints(box, 64).filter((x) => inPhase(x[0], x[1]));
      phasePoints.push(params.map((p) => ph.point[p]));
      const built = phaseConditions(ph, params, measured, phasePoints);
      if ('excluded' in built) {
        excluded.push({ phase: name, reason: built.excluded });
        return;
      }
      const fns: Fn2[] = [...margins];
      const ranges: Array<{ f: Fn2; lo: number; hi: number }> = [];
      for (const [q, m] of Object.entries(measured)) {
        if (built.constant[q] !== undefined) continue;
        const e = compile2(ph.exponents[q].expr, params);
        fns.push((a, b) => e(a, b) - m.lo, (a, b) => m.hi - e(a, b));
        ranges.push({ f: e, lo: m.lo, hi: m.hi });
      }
      const member = (a: number, b: number) => {
        if (!inPhase(a, b)) return false;
        for (const { f, lo, hi } of ranges) {
          const v = f(a, b);
          if (!(v >= lo && v <= hi)) return false;
        }
        return true;
      };
      let scan = scanPlane(fns, member, box, lines, steps);
      // a set missed by every line fits in one line spacing each way (a connected set whose projection is
      // longer crosses a line): look for it from the phase's best grid points by Gauss-Newton, then scan a
      // window of 1.5 spacings around each point found
      if (scan.intervals.length === 0 && ranges.length > 0) scan = tinySets(fns, member, inPhase, ranges, phasePoints, box, lines, steps);
      else if (scan.intervals.length > 0) scan = refine(scan, fns, member, box, lines, steps);
      if (scan.intervals.length === 0) {
        excluded.push({ phase: name, reason: 'no point of the phase inside the search box meets the conditions' });
        return;
      }
      regionTests.push(member);
      regions.push({
        phase: name,
        balance: ph.balance,
        kind: built.sampled ? 'sampled' : 'conditions',
        conditions: unique([...piece, ...model.theory.domain.map((d) => d.condition), ...built.conditions]),
        regionConditions: unique([...piece, ...model.theory.domain.map((d) => d.condition)]).length,
        constant: built.constant,
        exponents: Object.fromEntries(Object.keys(measured).map((q) => [q, ph.exponents[q].expr])),
        bbox: Object.fromEntries(params.map((p, i) => [p, scan.bbox[i]])),
        area: scan.area,
        areaFraction: scan.area / boxArea,
        point: Object.fromEntries(params.map((p, i) => [p, scan.point[i]])),
        samples: scan.samples,
      });
    });
  }
  const first = (tests: Array<(a: number, b: number) => boolean>) => (a: number, b: number) => tests.findIndex((f) => f(a, b));
  return {
    method: `derived phase diagram (${diagram.phases.length} phases); each phase's set measured along ${lines} lines per parameter across the search box (roots of every condition located, each interval tested at its midpoint)`,
    regions,
    excluded,
    plane: { phases: phaseNames, phaseAt: first(phaseTests), regionAt: first(regionTests) },
  };
}

/** The derived diagram of a model, once per model object (its theory does not change). */
const diagrams = new WeakMap<Model, DerivedDiagram>();
function diagramOf(model: Model): DerivedDiagram {
  let d = diagrams.get(model);
  if (!d) diagrams.set(model, (d = derivePhases(model)));
  return d;
}

/** The measurement conditions of one phase, or the exact reason it is excluded. */
function phaseConditions(ph: DerivedPhase, params: readonly string[], measured: Record<string, Interval>, phasePoints: number[][]): { conditions: string[]; constant: Record<string, number>; sampled: boolean } | { excluded: string } {
  const conditions: string[] = [];
  const constant: Record<string, number> = {};
  let sampled = false;
  for (const [q, m] of Object.entries(measured)) {
    const expr = ph.exponents[q].expr;
    let qc;
    try {
      qc = intervalConditions(expr, expr, params, m, phasePoints);
    } catch {
      sampled = true; // not rational: the set is only sampled
      continue;
    }
    if (qc.constant !== undefined) {
      if (qc.constant < m.lo || qc.constant > m.hi) return { excluded: `${q} = ${expr} throughout the phase, outside [${ratDecimal(m.exact.lo)}, ${ratDecimal(m.exact.hi)}]` };
      constant[q] = qc.constant;
    } else conditions.push(...qc.conditions);
  }
  return { conditions, constant, sampled };
}

function gridPoints(box: Array<[number, number]>, n: number): number[][] {
  const out: number[][] = [];
  for (let i = 0; i < n; i++) for (let j = 0; j < n; j++) out.push([box[0][0] + ((box[0][1] - box[0][0]) * (i + 0.5)) / n, box[1][0] + ((box[1][1] - box[1][0]) * (j + 0.5)) / n]);
  return out;
}

type Fn2Bool = (a: number, b: number) => boolean;

interface Scan {
  intervals: Array<{ dir: number; s: number; t0: number; t1: number }>;
  area: number;
  bbox: Array<[number, number]>;
  point: number[];
  samples: number[][];
}

/** The set {member} along `lines` lines per direction: intervals between the roots of `fns`, each tested at its midpoint. */
function scanPlane(fns: Fn2[], member: Fn2Bool, box: Array<[number, number]>, lines: number, steps: number): Scan {
  const intervals: Scan['intervals'] = [];
  const areas = [0, 0];
  for (const dir of [0, 1]) {
    // dir 0: lines of fixed parameter 0 along parameter 1; dir 1: the other way
    const [slo, shi] = box[dir];
    const [tlo, thi] = box[1 - dir];
    const h = (shi - slo) / lines;
    for (let i = 0; i < lines; i++) {
      const s = slo + (i + 0.5) * h;
      const cuts = [tlo, thi];
      for (const f of fns) cuts.push(...signChangeRoots(dir === 0 ? (tt) => f(s, tt) : (tt) => f(tt, s), tlo, thi, steps));
      cuts.sort((a, b) => a - b);
      let open: number | null = null;
      for (let k = 0; k + 1 < cuts.length; k++) {
        const a = cuts[k], b = cuts[k + 1];
        if (!(b > a)) continue;
        const m = (a + b) / 2;
        const inside = dir === 0 ? member(s, m) : member(m, s);
        if (inside && open === null) open = a;
        if (!inside && open !== null) {
          intervals.push({ dir, s, t0: open, t1: a });
          open = null;
        }
      }
      if (open !== null) intervals.push({ dir, s, t0: open, t1: thi });
    }
    areas[dir] = intervals.filter((iv) => iv.dir === dir).reduce((sum, iv) => sum + (iv.t1 - iv.t0) * h, 0);
  }
  // a cover of the set: along a line its ends are roots (exact, but a line need not pass through the set's
  // extreme corner); across, the set reaches at most one line spacing beyond the outermost line meeting it
  const bbox: Array<[number, number]> = box.map(() => [Infinity, -Infinity]);
  for (const iv of intervals) {
    const h = (box[iv.dir][1] - box[iv.dir][0]) / lines;
    const a = bbox[1 - iv.dir];
    a[0] = Math.min(a[0], iv.t0);
    a[1] = Math.max(a[1], iv.t1);
    const c = bbox[iv.dir];
    c[0] = Math.min(c[0], Math.max(box[iv.dir][0], iv.s - h));
    c[1] = Math.max(c[1], Math.min(box[iv.dir][1], iv.s + h));
  }
  const longest = intervals.reduce((m, iv) => (iv.t1 - iv.t0 > m.t1 - m.t0 ? iv : m), intervals[0] ?? { dir: 0, s: 0, t0: 0, t1: 0 });
  const mid = (iv: { dir: number; s: number; t0: number; t1: number }, u = 0.5) => (iv.dir === 0 ? [iv.s, iv.t0 + u * (iv.t1 - iv.t0)] : [iv.t0 + u * (iv.t1 - iv.t0), iv.s]);
  const stride = Math.max(1, Math.floor(intervals.length / 400));
  const samples = intervals.filter((_, k) => k % stride === 0).flatMap((iv) => [mid(iv, 0.15), mid(iv), mid(iv, 0.85)]);
  const nonEmpty = areas.filter((a) => a > 0);
  return { intervals, area: nonEmpty.length ? (areas[0] + areas[1]) / 2 : 0, bbox, point: intervals.length ? mid(longest) : [], samples };
}

/**
 * A second scan of the set's bounding box widened by one line spacing, with as many lines across it: a set
 * met by the lines of one direction only (thin across them) gets lines of both, so its box is covered on
 * both axes. Where it is finer than the first scan, its box and area replace the first's; else the boxes are joined.
 */
function refine(scan: Scan, fns: Fn2[], member: Fn2Bool, box: Array<[number, number]>, lines: number, steps: number): Scan {
  const w = box.map(([lo, hi], k): [number, number] => {
    const h = (hi - lo) / lines;
    return [Math.max(lo, scan.bbox[k][0] - h), Math.min(hi, scan.bbox[k][1] + h)];
  });
  const fine = scanPlane(fns, member, w, 64, steps);
  if (fine.intervals.length === 0) return scan;
  const finer = w.every(([lo, hi], k) => (hi - lo) / 64 < (box[k][1] - box[k][0]) / lines);
  const bbox = box.map((_, k): [number, number] => [Math.min(scan.bbox[k][0], fine.bbox[k][0]), Math.max(scan.bbox[k][1], fine.bbox[k][1])]);
  return finer ? fine : { ...scan, bbox };
}

/** The small components of the set near the phase points where the measurements are closest to being met. */
function tinySets(fns: Fn2[], member: Fn2Bool, inPhase: Fn2Bool, ranges: Array<{ f: Fn2; lo: number; hi: number }>, phasePoints: number[][], box: Array<[number, number]>, lines: number, steps: number): Scan {
  const residual = (a: number, b: number) => ranges.map(({ f, lo, hi }) => (f(a, b) - (lo + hi) / 2) / (hi - lo));
  const size = (a: number, b: number) => Math.max(...residual(a, b).map(Math.abs));
  const starts = phasePoints
    .map((x) => ({ x, r: size(x[0], x[1]) }))
    .filter((c) => Number.isFinite(c.r))
    .sort((p, q) => p.r - q.r)
    .slice(0, 6);
  const h = box.map(([lo, hi]) => (hi - lo) / lines);
  const found: Scan[] = [];
  const windows: Array<Array<[number, number]>> = [];
  for (const { x } of starts) {
    const seed = gaussNewton(residual, inPhase, x);
    if (!seed || !member(seed[0], seed[1])) continue;
    if (windows.some((w) => w.every(([lo, hi], k) => lo <= seed[k] && seed[k] <= hi))) continue;
    const w = box.map(([lo, hi], k): [number, number] => [Math.max(lo, seed[k] - 1.5 * h[k]), Math.min(hi, seed[k] + 1.5 * h[k])]);
    windows.push(w);
    const local = scanPlane(fns, member, w, 48, steps);
    if (local.intervals.length) found.push(local);
  }
  if (found.length === 0) return scanPlane(fns, member, box, 0, steps);
  return {
    intervals: found.flatMap((f) => f.intervals),
    area: found.reduce((s, f) => s + f.area, 0),
    bbox: box.map((_, k): [number, number] => [Math.min(...found.map((f) => f.bbox[k][0])), Math.max(...found.map((f) => f.bbox[k][1]))]),
    point: found[0].point,
    samples: found.flatMap((f) => f.samples),
  };
}

/** Damped Gauss-Newton (Levenberg-Marquardt) on the residuals from x0, staying inside the phase; null if it leaves it. */
function gaussNewton(res: (a: number, b: number) => number[], inPhase: Fn2Bool, x0: number[]): number[] | null {
  let [a, b] = x0;
  for (let it = 0; it < 40; it++) {
    const F = res(a, b);
    if (F.every((v) => Math.abs(v) < 0.1)) return [a, b];
    const ea = 1e-7 * (1 + Math.abs(a)), eb = 1e-7 * (1 + Math.abs(b));
    const Fa = res(a + ea, b), Fb = res(a, b + eb);
    const J = F.map((v, i) => [(Fa[i] - v) / ea, (Fb[i] - v) / eb]);
    // (J^T J + lambda I) d = -J^T F
    let [m11, m12, m22, g1, g2] = [0, 0, 0, 0, 0];
    J.forEach(([ja, jb], i) => {
      m11 += ja * ja;
      m12 += ja * jb;
      m22 += jb * jb;
      g1 += ja * F[i];
      g2 += jb * F[i];
    });
    const lambda = 1e-9 * (m11 + m22) + 1e-300;
    m11 += lambda;
    m22 += lambda;
    const det = m11 * m22 - m12 * m12;
    if (!(Math.abs(det) > 0)) return null;
    let da = -(m22 * g1 - m12 * g2) / det;
    let db = -(m11 * g2 - m12 * g1) / det;
    let t = 1;
    while (t > 1e-6 && !inPhase(a + t * da, b + t * db)) t /= 2;
    if (t <= 1e-6) return null;
    a += t * da;
    b += t * db;
    if (!Number.isFinite(a) || !Number.isFinite(b)) return null;
  }
  return null;
}


// ---- one or three parameters: sampled -------------------------------------------------------------------

function inferSampled(model: Model, measured: Record<string, Interval>, box: Array<[number, number]>, opts: InferOptions) {
  const params = model.params;
  const n = params.length;
  if (n < 1 || n > 3) throw new DomainError(`${model.theory.id} has ${n} parameters: infer handles one to three`, { parameter: 'parameters', value: n, condition: '1 to 3 parameters' });
  const count = opts.samples ?? 4000 * n;
  const points: number[][] = [];
  if (n === 1) for (let i = 0; i < count; i++) points.push([box[0][0] + ((box[0][1] - box[0][0]) * (i + 0.5)) / count]);
  else for (let i = 1; i <= count; i++) points.push(halton(i, n).map((u, k) => box[k][0] + (box[k][1] - box[k][0]) * u));
  const volume = box.reduce((v, [lo, hi]) => v * (hi - lo), 1);
  const spacing = box.map(([lo, hi]) => (hi - lo) / (n === 1 ? count : Math.round(count ** (1 / n))));
  const groups = new Map<string, { phase: string; balance: [string, string]; exprs: Record<string, string>; all: number[][]; hits: number[][] }>();
  const qs = Object.keys(measured);
  // the engine's full answer once per (phase, case signature, balance); its formulas compiled for the other points
  const formulas = new Map<string, { key: string; f: Record<string, (x: readonly number[]) => number> } | null>();
  for (const x of points) {
    if (!model.theory.domain.every((d) => model.condition(d.condition).evaluate(...x) > 1e-9)) continue;
    const bal = model.balanceAt(x);
    if (bal.kind !== 'pair') continue;
    const cls = model.classifyVector(x);
    if ((model.theory.phases ?? []).length > 0 && (cls.phase === null || cls.onBoundary)) continue;
    const local = `${cls.phase ?? ''}|${model.signatureAt(x).key}|${bal.active.increasing}=${bal.active.decreasing}`;
    let form = formulas.get(local);
    if (form === undefined) {
      form = null;
      try {
        const r = model.exponents(Object.fromEntries(params.map((p, i) => [p, x[i]])));
        const exprs = Object.fromEntries(qs.map((q) => [q, printed(r.exponents[q].expr, params)]));
        const key = `${r.phase ?? ''}|${r.balance.terms.join('=')}|${qs.map((q) => exprs[q]).join('|')}`;
        if (!groups.has(key)) groups.set(key, { phase: r.phase ?? `balance ${r.balance.terms[0]} = ${r.balance.terms[1]}`, balance: [r.balance.terms[0], r.balance.terms[1]], exprs, all: [], hits: [] });
        form = { key, f: Object.fromEntries(qs.map((q) => [q, compileFormula(parseFormula(exprs[q], params), params)])) };
      } catch (e) {
        if (!(e instanceof DomainError || e instanceof FormulaError)) throw e;
      }
      formulas.set(local, form);
    }
    if (!form) continue;
    const g = groups.get(form.key)!;
    g.all.push(x);
    const f = form.f;
    if (qs.every((q) => {
      const v = f[q](x);
      return v >= measured[q].lo && v <= measured[q].hi;
    })) g.hits.push(x);
  }
  const regions: InferRegion[] = [];
  const excluded: InferResult['excluded'] = [];
  const used = new Map<string, number>();
  for (const g of groups.values()) {
    const k = (used.get(g.phase) ?? 0) + 1;
    used.set(g.phase, k);
    const name = k > 1 ? `${g.phase}#${k}` : g.phase;
    if (g.hits.length === 0) {
      excluded.push({ phase: name, reason: `none of its ${g.all.length} sample points meets the conditions` });
      continue;
    }
    const conditions: string[] = [];
    const constant: Record<string, number> = {};
    let exact = true;
    for (const q of qs) {
      try {
        const qc = intervalConditions(g.exprs[q], g.exprs[q], params, measured[q], g.all);
        if (qc.constant !== undefined) constant[q] = qc.constant;
        else conditions.push(...qc.conditions);
      } catch {
        exact = false;
      }
    }
    const stated = (model.theory.phases ?? []).find((p) => p.name === g.phase);
    const region = stated ? (stated.regions.length === 1 ? stated.regions[0].conditions : []) : [];
    const bbox = params.map((_, i) => {
      const vals = g.hits.map((x) => x[i]);
      return [Math.max(box[i][0], Math.min(...vals) - spacing[i]), Math.min(box[i][1], Math.max(...vals) + spacing[i])] as [number, number];
    });
    const area = (g.hits.length / points.length) * volume;
    const centre = bbox.map(([lo, hi]) => (lo + hi) / 2);
    const point = g.hits.reduce((best, x) => (dist(x, centre) < dist(best, centre) ? x : best), g.hits[0]);
    regions.push({
      phase: name,
      balance: g.balance,
      // a phase stated as a union, or a balance without a stated region: the set is the sample's
      kind: exact && (stated ? stated.regions.length === 1 : false) ? 'conditions' : 'sampled',
      conditions: unique([...region, ...model.theory.domain.map((d) => d.condition), ...conditions]),
      regionConditions: unique([...region, ...model.theory.domain.map((d) => d.condition)]).length,
      constant,
      exponents: g.exprs,
      bbox: Object.fromEntries(params.map((p, i) => [p, bbox[i]])),
      area,
      areaFraction: area / volume,
      point: Object.fromEntries(params.map((p, i) => [p, point[i]])),
      samples: g.hits.slice(0, 1200),
    });
  }
  return { method: `${points.length} sample points of the search box (${n === 1 ? 'a uniform grid' : 'Halton'}), the engine's exponents at each, grouped by phase and dominant balance`, regions, excluded };
}

/** The printer's form of an engine expression (as written where it is not rational). */
function printed(expr: string, params: readonly string[]): string {
  try {
    return printExpression(expr, { params }).text;
  } catch {
    return expr;
  }
}

function unique(xs: string[]): string[] {
  return [...new Set(xs)];
}

function dist(a: number[], b: number[]): number {
  return a.reduce((s, v, i) => s + (v - b[i]) ** 2, 0);
}
