// The one general fitter of a scaling law to measured losses (docs/fitting.md §"Any law"), after Hoffmann
// et al. 2022 Approach 3 and the Epoch replication (chinchilla.md §2) [paper: procedure]:
//   minimise  sum_i w_i Huber_delta(ln Lhat(x_i; theta) - ln L_i) / delta      (a SUM, not a mean)
// by L-BFGS (src/numeric/optimize.ts) with the gradient from forward-mode automatic differentiation of
// the law (./autodiff.ts), started from a grid of points; a parameter whose sign domain is positive is
// fitted as theta = ln p (log-parameterisation); bootstrap (rows resampled with replacement, seeded)
// for 95% percentile intervals. The law and its parameters come from ./laws.ts (FitLaw).
import { lbfgs, type LbfgsResult } from '../numeric/optimize.js';
import { createRng } from '../numeric/rng.js';
import type { Node } from '../symbolic/formula.js';
import type { ProvenanceTag } from '../engine/types.js';
import { compileLaw, type CompiledLaw } from './autodiff.js';
import type { Diagnostic } from './diagnostics.js';

/** A free parameter of a fit: its name, sign domain and grid of starting values. */
export interface FitParameter {
  name: string;
  /** fitted as theta = ln p (p > 0) */
  positive: boolean;
  /** how the sign domain is known (the law's form, or a --free annotation) */
  domain: string;
  /** starting values of theta (ln p when positive), Hoffmann's grid for the Chinchilla law */
  grid: number[];
}

/** One law's exponent from the engine, in the law's own names. */
export interface LawExponentValue {
  value: number | null;
  /** the quantity, e.g. "N_opt ~ C^a" */
  quantity: string;
  /** the exponent as an expression in the law's parameters */
  expr: string;
}

export interface LawExponentsOut {
  a: LawExponentValue;
  b: LawExponentValue;
  /** where the exponents come from (engine model, law) */
  source: string;
}

/** A law ready to fit: its tree over the data's variables, the free and fixed parameters. */
export interface FitLaw {
  id: string;
  title: string;
  /** the law as written (with definitions, if any, listed in `definitions`) */
  text: string;
  definitions: Record<string, string>;
  /** the law with definitions substituted */
  tree: Node;
  /** the data columns the law reads (roles), besides loss */
  variables: string[];
  free: FitParameter[];
  fixed: Record<string, number>;
  provenance: ProvenanceTag;
  source: string;
  /** per variable, the free parameters that multiply or exponentiate it (identifiability) */
  terms: Record<string, string[]>;
  /** compute-optimal exponents from the engine at parameter values (null when the engine cannot) */
  exponents?: (values: Record<string, number>) => LawExponentsOut | null;
  /** why exponents are unavailable, when they are */
  exponentsNote?: string;
  /** law-specific identifiability checks on the rows */
  checks?: (rows: readonly DataRow[], free: readonly string[]) => Diagnostic[];
  /** extra starting points (parameter values, e.g. a preset's constants), tried besides the grid */
  extraStarts?: Array<Record<string, number>>;
}

/** One measured run: the law's variables and the loss. */
export interface DataRow {
  vars: Record<string, number>;
  loss: number;
  C?: number;
}

export interface Interval {
  value: number;
  /** 95% percentile bootstrap interval */
  ci: [number, number] | null;
  /** bootstrap standard deviation */
  se: number | null;
}

export type GridMode = 'default' | 'full';

export interface LawFitOptions {
  /** Huber threshold on log-loss residuals (default 1e-3, Hoffmann/Epoch) */
  delta?: number;
  /** 'default': score every grid point, L-BFGS from the best `starts`; 'full': L-BFGS from every grid point */
  grid?: GridMode;
  /** L-BFGS runs from the best grid points (default 12) */
  starts?: number;
  bootstrap?: number;
  seed?: number;
  onProgress?: (done: number, total: number) => void;
  /** at most this many grid points are scored (default MAX_SCORED; a larger grid is sampled evenly) */
  maxScored?: number;
}

export interface StartResult {
  /** the starting point (parameter values) */
  from: Record<string, number>;
  objective: number;
  params: Record<string, number>;
  status: LbfgsResult['status'];
}

export interface LawFitResult {
  law: { id: string; text: string; definitions: Record<string, string>; variables: string[]; provenance: ProvenanceTag; source: string };
  free: Array<{ name: string; positive: boolean; domain: string }>;
  fixed: Record<string, number>;
  params: Record<string, Interval>;
  exponents: { a: Interval & LawExponentValue; b: Interval & LawExponentValue; source: string } | null;
  exponentsNote?: string;
  /** the Huber sum / (delta * rows) at the optimum (the scale fitChinchilla has always reported) */
  objective: number;
  /** the plain Huber sum at the optimum */
  huberSum: number;
  optimizer: {
    method: string;
    status: LbfgsResult['status'];
    converged: boolean;
    iterations: number;
    gradNorm: number;
    grid: GridMode;
    gridPoints: number;
    scoredPoints: number;
    starts: number;
    /** how many of the starts ended within 1e-8 (relative) of the best objective */
    agreeingStarts: number;
  };
  /** every start's end point, best first */
  startResults: StartResult[];
  bootstrap: { resamples: number; seed: number | null; notConverged: number; samples: number[][] };
  huberDelta: number;
  rows: number;
  residuals: { rms: number; max: number };
}

/** Grid points scored at most (a larger product grid is sampled evenly, deterministically). */
export const MAX_SCORED = 20000;
/** Start end points reported in `startResults` at most. */
export const MAX_REPORTED_STARTS = 50;
/**
 * L-BFGS settings. The objective is a sum over rows, so the gradient test scales with the rows: 1e-9 per
 * row, the test fitChinchilla always applied to the mean (a fixed absolute threshold on a mean is what
 * stops early, the marin finding of issue 15; a fixed one on a sum cannot be met in double precision).
 */
const lbfgsOptions = (rows: number) => ({ maxIterations: 1000, gtol: 1e-9 * Math.max(1, rows), ftol: 1e-13 });

interface Data {
  x: Float64Array[];
  /** the rows' variables, row-major, and their logarithms */
  X: Float64Array;
  LX: Float64Array;
  lnL: Float64Array;
  w: Float64Array;
  n: number;
}

/** The law compiled over (variables, all parameters); the free ones first, then the fixed. */
export function compileFitLaw(law: FitLaw): { compiled: CompiledLaw; names: string[] } {
  const names = [...law.free.map((p) => p.name), ...Object.keys(law.fixed)];
  return { compiled: compileLaw(law.tree, law.variables, names), names };
}

function toData(law: FitLaw, rows: readonly DataRow[]): Data {
  const x = rows.map((r) => Float64Array.from(law.variables, (v) => r.vars[v]));
  const X = new Float64Array(rows.length * law.variables.length);
  x.forEach((row, i) => X.set(row, i * law.variables.length));
  return {
    x,
    X,
    LX: X.map(Math.log),
    lnL: Float64Array.from(rows, (r) => Math.log(r.loss)),
    w: new Float64Array(rows.length).fill(1),
    n: rows.length,
  };
}

/** theta (free parameters, ln p when positive) -> the full parameter vector (free, then fixed). */
function makeUnpack(law: FitLaw) {
  const F = law.free.length;
  const fixed = Object.values(law.fixed);
  const pos = law.free.map((p) => p.positive);
  const p = new Float64Array(F + fixed.length);
  for (let k = 0; k < fixed.length; k++) p[F + k] = fixed[k];
  return (t: ArrayLike<number>): Float64Array => {
    for (let j = 0; j < F; j++) p[j] = pos[j] ? Math.exp(t[j]) : t[j];
    return p;
  };
}

/** The objective sum_i w_i Huber(r_i)/delta and its gradient in theta (the chain rule dp/dtheta = p for ln p). */
function objective(law: FitLaw, compiled: CompiledLaw, data: Data, delta: number) {
  const F = law.free.length;
  const unpack = makeUnpack(law);
  const pos = law.free.map((p) => p.positive);
  const gp = new Float64Array(F + Object.keys(law.fixed).length);
  return (t: Float64Array, g: Float64Array): number => {
    const p = unpack(t);
    const f = compiled.huber(data.X, data.LX, data.lnL, data.w, data.n, p, gp, delta);
    for (let j = 0; j < F; j++) g[j] = pos[j] ? gp[j] * p[j] : gp[j];
    return f;
  };
}

/** The objective's value only (grid scoring). */
function objectiveValue(law: FitLaw, compiled: CompiledLaw, data: Data, delta: number) {
  const unpack = makeUnpack(law);
  return (t: ArrayLike<number>): number => compiled.huberValue(data.X, data.LX, data.lnL, data.w, data.n, unpack(t), delta);
}

/** Number of points of the law's product grid. */
export function gridSize(law: FitLaw): number {
  return law.free.reduce((s, p) => s * p.grid.length, 1);
}

/** The i-th point of the product grid (the first parameter varies slowest). */
function gridPoint(law: FitLaw, i: number): number[] {
  const out = new Array<number>(law.free.length);
  for (let j = law.free.length - 1; j >= 0; j--) {
    const g = law.free[j].grid;
    out[j] = g[i % g.length];
    i = Math.floor(i / g.length);
  }
  return out;
}

/** Indices of the grid points used: all, or an even deterministic sample of `max` of them. */
function gridIndices(size: number, max: number): number[] {
  if (size <= max) return Array.from({ length: size }, (_, i) => i);
  // a stride coprime with the size visits distinct points spread over the whole grid
  let stride = Math.floor(size / max) * 2 + 1;
  const gcd = (a: number, b: number): number => (b === 0 ? a : gcd(b, a % b));
  while (gcd(stride, size) !== 1) stride++;
  return Array.from({ length: max }, (_, k) => (k * stride) % size);
}

/** Parameter values -> theta. */
function thetaOf(law: FitLaw, values: Record<string, number>): number[] | null {
  const t = law.free.map((p) => {
    const v = values[p.name];
    if (v === undefined || !Number.isFinite(v)) return NaN;
    return p.positive ? (v > 0 ? Math.log(v) : NaN) : v;
  });
  return t.every(Number.isFinite) ? t : null;
}

function valuesOf(law: FitLaw, t: readonly number[]): Record<string, number> {
  return Object.fromEntries(law.free.map((p, j) => [p.name, p.positive ? Math.exp(t[j]) : t[j]]));
}

function percentile(sorted: number[], q: number): number {
  const pos = (sorted.length - 1) * q;
  const lo = Math.floor(pos), hi = Math.ceil(pos);
  return sorted[lo] + (sorted[hi] - sorted[lo]) * (pos - lo);
}

/** A point estimate with the 95% percentile interval and standard deviation of its bootstrap samples. */
export function interval(value: number, samples: number[]): Interval {
  const s = samples.filter(Number.isFinite).sort((x, y) => x - y);
  if (s.length < 2) return { value, ci: null, se: null };
  const mean = s.reduce((a, b) => a + b, 0) / s.length;
  const se = Math.sqrt(s.reduce((a, b) => a + (b - mean) ** 2, 0) / (s.length - 1));
  return { value, ci: [percentile(s, 0.025), percentile(s, 0.975)], se };
}

/** The law's value at parameter values (free and fixed) and a row of variables. */
export function lawPrediction(law: FitLaw, values: Record<string, number>): (vars: Record<string, number>) => number {
  const { compiled, names } = compileFitLaw(law);
  const p = Float64Array.from(names, (n) => values[n] ?? law.fixed[n]);
  return (vars) => compiled.value(Float64Array.from(law.variables, (v) => vars[v]), p);
}

/** Fit `law` to `rows`. */
export function fitLaw(rows: readonly DataRow[], law: FitLaw, options: LawFitOptions = {}): LawFitResult {
  const delta = options.delta ?? 1e-3;
  const mode = options.grid ?? 'default';
  const nStarts = options.starts ?? 12;
  const B = options.bootstrap ?? 0;
  const seed = options.seed ?? 1;
  const { compiled } = compileFitLaw(law);
  const data = toData(law, rows);
  const fg = objective(law, compiled, data, delta);
  const LBFGS = lbfgsOptions(data.n);
  const fv = objectiveValue(law, compiled, data, delta);

  // starting points: the grid (scored, best first; or every point for 'full'), then any extra starts
  const size = gridSize(law);
  const idx = gridIndices(size, mode === 'full' ? size : options.maxScored ?? MAX_SCORED);
  let starts: number[][];
  if (mode === 'full') starts = idx.map((i) => gridPoint(law, i));
  else {
    const scored = idx.map((i) => {
      const t = gridPoint(law, i);
      return { t, f: fv(t) };
    }).filter((s) => Number.isFinite(s.f));
    scored.sort((x, y) => x.f - y.f); // stable: ties keep the grid's order
    // the best points whose objective and gradient are numbers
    const g = new Float64Array(law.free.length);
    starts = [];
    for (const s of scored) {
      if (starts.length >= nStarts) break;
      if (Number.isFinite(fg(Float64Array.from(s.t), g))) starts.push(s.t);
    }
  }
  for (const e of law.extraStarts ?? []) {
    const t = thetaOf(law, e);
    if (t) starts.push(t);
  }
  if (starts.length === 0) starts = [gridPoint(law, 0)];
  const runs = starts.map((s) => ({ from: s, r: lbfgs(fg, s, LBFGS) }));
  const best = runs.reduce((m, x) => (Number.isFinite(x.r.f) && (x.r.f < m.r.f || !Number.isFinite(m.r.f)) ? x : m), runs[0]).r;
  const agreeing = runs.filter((x) => Math.abs(x.r.f - best.f) <= 1e-8 * Math.max(1e-12, Math.abs(best.f))).length;
  const startResults: StartResult[] = runs
    .filter((x) => Number.isFinite(x.r.f))
    .sort((x, y) => x.r.f - y.r.f)
    .slice(0, MAX_REPORTED_STARTS)
    .map((x) => ({ from: valuesOf(law, x.from), objective: x.r.f / (data.n), params: valuesOf(law, x.r.x), status: x.r.status }));

  // bootstrap: resample rows (as multiplicities), refit warm-started at the estimate and at the best start
  const rng = createRng(seed, 6);
  const samples: number[][] = [];
  let notConverged = 0;
  for (let r = 0; r < B; r++) {
    const w = new Float64Array(data.n);
    for (let i = 0; i < data.n; i++) w[Math.min(data.n - 1, Math.floor(rng.uniform() * data.n))] += 1;
    const fgb = objective(law, compiled, { ...data, w }, delta);
    // warm start at the estimate; the best grid point too only when that refit does not converge
    let fb = lbfgs(fgb, best.x, LBFGS);
    if (!fb.converged) {
      const alt = lbfgs(fgb, starts[0], LBFGS);
      if (alt.f < fb.f) fb = alt;
    }
    if (!fb.converged) notConverged++;
    samples.push(fb.x);
    options.onProgress?.(r + 1, B);
  }

  const est = valuesOf(law, best.x);
  const params: Record<string, Interval> = {};
  law.free.forEach((p, j) => {
    params[p.name] = interval(est[p.name], samples.map((s) => (p.positive ? Math.exp(s[j]) : s[j])));
  });
  let exponents: LawFitResult['exponents'] = null;
  let exponentsNote = law.exponentsNote;
  if (law.exponents) {
    const all = { ...law.fixed, ...est };
    const ex = safeExponents(law, all);
    if (ex) {
      const exS = samples.map((s) => safeExponents(law, { ...law.fixed, ...valuesOf(law, s) }));
      const col = (k: 'a' | 'b') => exS.map((e) => e?.[k].value ?? NaN);
      exponents = {
        a: { ...interval(ex.a.value ?? NaN, col('a')), ...ex.a, value: ex.a.value ?? NaN },
        b: { ...interval(ex.b.value ?? NaN, col('b')), ...ex.b, value: ex.b.value ?? NaN },
        source: ex.source,
      };
      if (ex.a.value === null || ex.b.value === null) exponentsNote = 'the engine gives no exponent value at the fitted parameters';
    } else exponentsNote = exponentsNote ?? 'the engine could not derive the exponents at the fitted parameters';
  }
  // residuals of the estimate
  const p = makeUnpack(law)(best.x);
  let ss = 0, mx = 0;
  for (let i = 0; i < data.n; i++) {
    const r = Math.log(compiled.value(data.x[i], p)) - data.lnL[i];
    ss += r * r;
    mx = Math.max(mx, Math.abs(r));
  }
  return {
    law: { id: law.id, text: law.text, definitions: law.definitions, variables: law.variables, provenance: law.provenance, source: law.source },
    free: law.free.map((q) => ({ name: q.name, positive: q.positive, domain: q.domain })),
    fixed: { ...law.fixed },
    params,
    exponents,
    ...(exponentsNote ? { exponentsNote } : {}),
    objective: best.f / data.n,
    huberSum: best.f * delta,
    optimizer: {
      method: `L-BFGS (src/numeric/optimize.ts), gradient by forward-mode automatic differentiation, ${mode === 'full' ? `from every point of the ${size}-point grid` : `from the best ${Math.min(nStarts, idx.length)} of ${idx.length} scored grid points`}${law.extraStarts?.length ? ' and the preset\'s constants' : ''}`,
      status: best.status,
      converged: best.converged,
      iterations: best.iterations,
      gradNorm: best.gradNorm,
      grid: mode,
      gridPoints: size,
      scoredPoints: mode === 'full' ? 0 : idx.length,
      starts: starts.length,
      agreeingStarts: agreeing,
    },
    startResults,
    bootstrap: { resamples: B, seed: B > 0 ? seed : null, notConverged, samples },
    huberDelta: delta,
    rows: data.n,
    residuals: { rms: Math.sqrt(ss / data.n), max: mx },
  };
}

function safeExponents(law: FitLaw, values: Record<string, number>): LawExponentsOut | null {
  try {
    return law.exponents!(values);
  } catch {
    return null;
  }
}
