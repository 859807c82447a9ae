// Compute-optimal allocation under the Jeon-Van Roy-style template [reconstruction] of
// theory/info-bound.ts, E(p, T) = m/p + (k/T)(1 + ln(T/k)) with C = p T, and under the negative control
// m/p + b p ln(T)/T. The closed form (lower-branch Lambert W) is [derived: info-theoretic.md §4.2]; every
// closed-form optimum can be checked against a direct numeric minimisation of E along the budget line.
import { DomainError, outsideDomain } from '../errors.js';
import { lambertWm1, lambertWm1Log } from '../numeric/lambertw.js';
import { scanAndRefine, brentMinimize } from '../numeric/optimize.js';
import { INFO_BOUND_LABEL, infoBound, negativeControl } from '../../theory/info-bound.js';
import { compileFormula, parseFormula } from '../symbolic/formula.js';
import type { ProvenanceTag } from '../engine/types.js';
import { parseLaw } from './parse.js';
import { lawExponents, type LawExponent } from './allocate.js';

export { INFO_BOUND_LABEL };

export interface BoundOptimum {
  /** s* = ln(T* / k) */
  s: number;
  p: number;
  T: number;
  error: number;
  /** the ratio p* / T* */
  ratio: number;
  /** d ln p* / d ln C */
  slope: number;
  /** d ln T* / d ln C */
  slopeT: number;
  /** E at the edge T = k of the domain (m k / C + 1 for the template) */
  edgeError?: number;
  /** false when the edge T = k is lower than this interior (local) minimum */
  global?: boolean;
}

/** A bound E(p, T) as its theory file writes it, compiled once by the safe formula reader. */
function compiledBound(expr: string, names: [string, string]): (a: number, b: number, p: number, T: number) => number {
  const vars = [...names, 'p', 'T'];
  const f = compileFormula(parseFormula(expr, vars), vars);
  return (a, b, p, T) => f([a, b, p, T]);
}

/** The bound itself, E = m/p + (k/T)(1 + ln(T/k)) (theory/info-bound.ts `bound`) [reconstruction]. */
export const infoBoundError = compiledBound(infoBound.bound.expr, ['m', 'k']);

/** The smallest budget with an interior optimum, 2 e m k [derived]. */
export function dataStarvedBudget(m: number, k: number): number {
  return 2 * Math.E * m * k;
}

/**
 * Above 2e m k the interior stationary point is a local minimum, but up to C = c_edge m k the edge T = k
 * (E = m k/C + 1) is lower [derived here, not in the reference: (1 + 2s)e^(-s) = 1 + s e^(-2s) at
 * s_c = 0.84257, so c_edge = e^(2 s_c)/s_c = 6.40089; tested in test/info-bound.test.ts].
 */
export const EDGE_CROSSOVER_S = (() => {
  const f = (s: number) => (1 + 2 * s) * Math.exp(-s) - 1 - s * Math.exp(-2 * s);
  let lo = 0.5, hi = 1;
  for (let i = 0; i < 100; i++) {
    const mid = 0.5 * (lo + hi);
    if (f(mid) > 0) lo = mid;
    else hi = mid;
  }
  return 0.5 * (lo + hi);
})();

/** The budget above which the interior optimum is the global one on the budget line (T >= k) [derived]. */
export function edgeCrossoverBudget(m: number, k: number): number {
  return (m * k * Math.exp(2 * EDGE_CROSSOVER_S)) / EDGE_CROSSOVER_S;
}

export class DataStarvedError extends DomainError {
  readonly needed: number;
  constructor(m: number, k: number, C: number) {
    const need = dataStarvedBudget(m, k);
    super(
      `C = ${C} is at or below 2e*m*k = ${need.toPrecision(6)} (m = ${m}, k = ${k}): no interior optimum ("data-starved": ` +
        `along C = p*T the bound rises with T everywhere, the edge T = k is best). Valid domain: C > 2e*m*k; ` +
        `a compute budget above ${need.toPrecision(6)} is needed [derived: docs/theory/info-bound.md §5]`,
      { parameter: 'C', value: C, condition: 'C > 2*e*m*k', reason: 'data-starved' },
    );
    this.name = 'DataStarvedError';
    this.needed = need;
  }
}

function checkParams(m: number, k: number, C: number): void {
  for (const [name, v] of [['m', m], ['k', k], ['C', C]] as const) {
    if (!Number.isFinite(v) || !(v > 0)) throw outsideDomain(name, v, `${name} > 0`, undefined, 'the bound');
  }
  if (!Number.isFinite(dataStarvedBudget(m, k)) || !(m * k > 0)) {
    throw new DomainError(`m = ${m}, k = ${k}: m*k = ${m * k} is outside the representable range (1e-300 .. 1e300); rescale the units of the bound`);
  }
}

/** The closed form's expressions in s = s*, m, k, C, T, as theory/info-bound.ts states them (`closedFormExprs`). */
const CLOSED = Object.fromEntries(
  Object.entries(infoBound.closedFormExprs).map(([name, expr]) => {
    const vars = ['s', 'm', 'k', 'C', 'T'];
    const f = compileFormula(parseFormula(expr, vars), vars);
    return [name, (s: number, m: number, k: number, C: number, T: number) => f([s, m, k, C, T])];
  }),
) as Record<keyof typeof infoBound.closedFormExprs, (s: number, m: number, k: number, C: number, T: number) => number>;

/** Closed-form optimum: s* = -W_{-1}(-2mk/C)/2 and the rest (theory/info-bound.ts closedForm) [derived]. */
export function infoBoundOptimum(m: number, k: number, C: number): BoundOptimum {
  checkParams(m, k, C);
  const z = (-2 * m * k) / C;
  // at z = -1/e the two branches merge (s* = 1/2): an inflection, the slope is infinite
  if (!(z > -Math.exp(-1)) || C <= dataStarvedBudget(m, k)) throw new DataStarvedError(m, k, C);
  // ln(-z) in logs, so that -2mk/C may underflow
  const lnz = Math.LN2 + Math.log(m) + Math.log(k) - Math.log(C);
  const s = -0.5 * (lnz < -700 ? lambertWm1Log(lnz) : lambertWm1(z));
  if (!(s > 0.5)) throw new DataStarvedError(m, k, C);
  const T = CLOSED.T(s, m, k, C, 0);
  const p = C / T;
  return {
    s,
    p,
    T,
    error: CLOSED.error(s, m, k, C, T),
    ratio: CLOSED.ratio(s, m, k, C, T),
    slope: CLOSED.slope(s, m, k, C, T),
    slopeT: CLOSED.slopeT(s, m, k, C, T),
    edgeError: (m * k) / C + 1,
    global: s > EDGE_CROSSOVER_S,
  };
}

export interface NumericCheck {
  method: string;
  s: number;
  p: number;
  T: number;
  error: number;
  /** relative differences closed form vs numeric */
  gap: { p: number; T: number; error: number };
}

/**
 * Direct numeric minimisation of E along C = p T, over s = ln(T/k) in (0, ln(C/k) + 14]: a uniform scan,
 * then Brent. Independent of the Lambert-W closed form (it never uses the stationarity condition).
 */
export function infoBoundNumeric(m: number, k: number, C: number, closed?: BoundOptimum): NumericCheck {
  checkParams(m, k, C);
  const E = (s: number) => {
    const T = k * Math.exp(s);
    return infoBoundError(m, k, C / T, T);
  };
  const hi = Math.max(4, Math.log(C / k) + 14);
  // lowest interior local minimum of a uniform scan, refined by Brent (the edge s -> 0 is reported apart)
  const n = 4000, h = hi / n;
  const f = Array.from({ length: n + 1 }, (_, i) => E(1e-12 + i * h));
  let best = -1;
  for (let i = 1; i < n; i++) if (f[i] <= f[i - 1] && f[i] <= f[i + 1] && (best < 0 || f[i] < f[best])) best = i;
  if (best < 0) throw new DataStarvedError(m, k, C);
  const r = brentMinimize(E, 1e-12 + (best - 1) * h, 1e-12 + (best + 1) * h, 1e-14);
  const T = k * Math.exp(r.x);
  const out: NumericCheck = {
    method: 'lowest interior local minimum of a 4000-point scan of E along C = p*T over s = ln(T/k), refined by Brent (relative tolerance 1e-14 in s)',
    s: r.x,
    p: C / T,
    T,
    error: r.fx,
    gap: { p: NaN, T: NaN, error: NaN },
  };
  const c = closed ?? infoBoundOptimum(m, k, C);
  const rel = (a: number, b: number) => Math.abs(a - b) / Math.abs(b);
  out.gap = { p: rel(out.p, c.p), T: rel(out.T, c.T), error: rel(out.error, c.error) };
  return out;
}

// ---- negative control ------------------------------------------------------------------------------

/** The negative-control bound m/p + b p ln(T)/T (theory/info-bound.ts `negativeControl.bound`) [derived]. */
export const negativeControlError = compiledBound(negativeControl.bound.expr, ['m', 'b']);

/**
 * Interior optimum of the negative control along C = p T, numerically: minimise over v = ln T on
 * [5/6, ln C + 30] (E is unimodal there: its stationarity 3v - ln(2v - 1) = 2 ln C - ln(m/b) has one
 * root with v > 5/6 [derived]). The slope d ln p* / d ln C by central differences in ln C.
 */
export function negativeControlOptimum(m: number, b: number, C: number): BoundOptimum {
  checkParams(m, b, C);
  const at = (lnC: number) => {
    const E = (v: number) => negativeControlError(m, b, Math.exp(lnC - v), Math.exp(v));
    const r = scanAndRefine(E, 5 / 6, lnC + 30, 2000, 1e-14);
    if (!r) throw new DomainError(`negative control: no interior optimum at C = ${Math.exp(lnC)} (m = ${m}, b = ${b}); the budget is too small`);
    // polish on a tighter bracket
    const r2 = brentMinimize(E, r.x - 1e-3 * Math.max(1, r.x), r.x + 1e-3 * Math.max(1, r.x), 1e-15);
    return r2.fx <= r.fx ? r2 : r;
  };
  const lnC = Math.log(C);
  const r = at(lnC);
  const v = r.x;
  const T = Math.exp(v);
  const p = C / T;
  const h = 0.05;
  const slope = 1 - (at(lnC + h).x - at(lnC - h).x) / (2 * h);
  return { s: Math.log(T), p, T, error: r.fx, ratio: p / T, slope, slopeT: 1 - slope };
}

// ---- sweeps -------------------------------------------------------------------------------------------

export interface SweepRow {
  C: number;
  p: number;
  T: number;
  error: number;
  ratio: number;
  slope: number;
}

/** Budgets spaced evenly in log between lo and hi (inclusive), `perDecade` per decade. */
export function logGrid(lo: number, hi: number, perDecade: number): number[] {
  const n = Math.max(1, Math.round(Math.log10(hi / lo) * perDecade));
  return Array.from({ length: n + 1 }, (_, i) => Math.exp(Math.log(lo) + ((Math.log(hi) - Math.log(lo)) * i) / n));
}

/** The optimum of a bound (`optimum(a, b, C)`) at each budget. */
export function sweepBound(optimum: (a: number, b: number, C: number) => BoundOptimum, a: number, b: number, budgets: number[]): SweepRow[] {
  return budgets.map((C) => {
    const o = optimum(a, b, C);
    return { C, p: o.p, T: o.T, error: o.error, ratio: o.ratio, slope: o.slope };
  });
}

/** Average slopes of ln p* against ln C over decade pairs (C to 100 C), as in info-theoretic.md §4.3. */
export function decadePairSlopes(rows: SweepRow[]): Array<{ from: number; to: number; slope: number }> {
  const out: Array<{ from: number; to: number; slope: number }> = [];
  for (let i = 0; i < rows.length; i++) {
    const j = rows.findIndex((r) => Math.abs(Math.log10(r.C / rows[i].C) - 2) < 1e-9);
    if (j > i) out.push({ from: rows[i].C, to: rows[j].C, slope: Math.log(rows[j].p / rows[i].p) / Math.log(rows[j].C / rows[i].C) });
  }
  return out;
}

// ---- asymptotic exponents from the engine ------------------------------------------------------------

export interface Asymptotics {
  /** the power-law skeleton the engine balanced (log factors dropped) */
  skeleton: string;
  constraint: string;
  /** p* ~ C^p, T* ~ C^T, E* ~ C^(-error) */
  p: LawExponent;
  T: LawExponent;
  error: LawExponent;
  note: string;
}

const asymptoticsCache = new Map<string, Asymptotics>();

/**
 * The engine's exponents for a bound with its log factors ignored (its power-law skeleton, e.g. the
 * dominant balance of m/p against k/T): the limits of the exact local slopes.
 */
export function skeletonAsymptotics(skeleton: { law: string; constraint: string; note: string }, provenance: ProvenanceTag): Asymptotics {
  const key = `${skeleton.law}\u0000${skeleton.constraint}`;
  const hit = asymptoticsCache.get(key);
  if (hit) return hit;
  const law = parseLaw(skeleton.law, skeleton.constraint, { id: 'bound-skeleton', provenance, source: skeleton.note });
  const ex = lawExponents(law, {});
  const out: Asymptotics = { skeleton: skeleton.law, constraint: skeleton.constraint, p: ex.a, T: ex.b, error: ex.loss, note: `engine: dominant balance ${ex.balance}; ${skeleton.note}` };
  asymptoticsCache.set(key, out);
  return out;
}
