// Fitting L(N, D) = E + A/N^alpha + B/D^beta to measured losses, after Hoffmann et al. 2022 and the Epoch
// replication (chinchilla.md §2) [paper: procedure]:
//   log L_hat = LSE(a - alpha ln N, b - beta ln D, e),   A = e^a, B = e^b, E = e^e,
//   minimise sum_i Huber_delta(log L_hat_i - log L_i), delta = 1e-3,
// by a quasi-Newton method (L-BFGS, src/numeric/optimize.ts) started from the best points of Hoffmann's
// grid of initialisations; bootstrap (rows resampled with replacement, seeded) for percentile intervals
// of every parameter and of the allocation exponents a = beta/(alpha+beta), b = alpha/(alpha+beta).
import { lbfgs, type LbfgsResult } from '../numeric/optimize.js';
import { createRng } from '../numeric/rng.js';
import type { Observation } from './csv.js';
import type { ParsedLaw } from '../law/parse.js';
import { lawExponents, lawValue } from '../law/allocate.js';
import { cachedLaw } from '../law/index.js';
import { CHINCHILLA_LAW, CHINCHILLA_CONSTRAINT, CHINCHILLA_FIT } from '../../theory/chinchilla.js';

export const PARAM_NAMES = ['E', 'A', 'B', 'alpha', 'beta'] as const;
export type ParamName = (typeof PARAM_NAMES)[number];
export type ChinchillaParams = Record<ParamName, number>;

/** theta = (a, b, e, alpha, beta) -> the law's constants */
export function fromTheta(t: readonly number[]): ChinchillaParams {
  return { A: Math.exp(t[0]), B: Math.exp(t[1]), E: Math.exp(t[2]), alpha: t[3], beta: t[4] };
}

/** The law as its theory file states it (theory/chinchilla.ts), parsed once (src/law/index.ts). */
const chinchillaLaw = (): ParsedLaw => cachedLaw(CHINCHILLA_LAW, CHINCHILLA_CONSTRAINT, { id: CHINCHILLA_FIT.id, provenance: 'paper' });

/**
 * Allocation exponents a (N_opt ~ C^a) and b (D_opt ~ C^b) at (alpha, beta), derived by the engine
 * (dominant balance on the parsed law, src/law/allocate.ts) rather than written out a second time.
 */
export function allocationExponents(p: Pick<ChinchillaParams, 'alpha' | 'beta'>): { a: number; b: number } {
  const ex = lawExponents(chinchillaLaw(), { alpha: p.alpha, beta: p.beta });
  return { a: ex.a.value ?? NaN, b: ex.b.value ?? NaN };
}

interface Data {
  lnN: Float64Array;
  lnD: Float64Array;
  lnL: Float64Array;
  /** multiplicity of each row (bootstrap weights) */
  w: Float64Array;
  n: number;
}

function toData(obs: readonly Observation[]): Data {
  const n = obs.length;
  const d: Data = { lnN: new Float64Array(n), lnD: new Float64Array(n), lnL: new Float64Array(n), w: new Float64Array(n).fill(1), n };
  obs.forEach((o, i) => {
    d.lnN[i] = Math.log(o.N);
    d.lnD[i] = Math.log(o.D);
    d.lnL[i] = Math.log(o.loss);
  });
  return d;
}

/** Huber objective on log-loss residuals, scaled by 1/(delta * sum w) (the minimiser is unchanged), and its gradient. */
function objective(data: Data, delta: number) {
  let wsum = 0;
  for (let i = 0; i < data.n; i++) wsum += data.w[i];
  const scale = 1 / (delta * wsum);
  return (t: Float64Array, g: Float64Array): number => {
    const [a, b, e, alpha, beta] = t;
    let f = 0, g0 = 0, g1 = 0, g2 = 0, g3 = 0, g4 = 0;
    for (let i = 0; i < data.n; i++) {
      const w = data.w[i];
      if (w === 0) continue;
      const x1 = a - alpha * data.lnN[i];
      const x2 = b - beta * data.lnD[i];
      const m = Math.max(x1, x2, e);
      const e1 = Math.exp(x1 - m), e2 = Math.exp(x2 - m), e3 = Math.exp(e - m);
      const s = e1 + e2 + e3;
      const r = m + Math.log(s) - data.lnL[i];
      const ar = Math.abs(r);
      f += w * (ar <= delta ? 0.5 * r * r : delta * (ar - 0.5 * delta));
      const psi = w * (ar <= delta ? r : delta * Math.sign(r));
      const p1 = e1 / s, p2 = e2 / s, p3 = e3 / s;
      g0 += psi * p1;
      g1 += psi * p2;
      g2 += psi * p3;
      g3 -= psi * p1 * data.lnN[i];
      g4 -= psi * p2 * data.lnD[i];
    }
    g[0] = g0 * scale; g[1] = g1 * scale; g[2] = g2 * scale; g[3] = g3 * scale; g[4] = g4 * scale;
    return f * scale;
  };
}

/** Hoffmann's grid of initialisations (chinchilla.md §2, Epoch notebook): 6 x 6 x 6 x 5 x 5 = 5400 points. */
export function initialisationGrid(): number[][] {
  const ab = [0, 5, 10, 15, 20, 25];
  const es = [-1, -0.5, 0, 0.5, 1, 1.5];
  const exps = [0, 0.5, 1, 1.5, 2];
  const out: number[][] = [];
  for (const a of ab) for (const b of ab) for (const e of es) for (const al of exps) for (const be of exps) out.push([a, b, e, al, be]);
  return out;
}

export interface FitOptions {
  /** Huber threshold on log-loss residuals (default 1e-3, Hoffmann/Epoch) */
  delta?: number;
  /** L-BFGS runs from the best grid points (default 12) */
  starts?: number;
  bootstrap?: number;
  seed?: number;
  /** called after each bootstrap resample (progress bars) */
  onProgress?: (done: number, total: number) => void;
}

export interface Interval {
  value: number;
  /** 95% percentile bootstrap interval */
  ci: [number, number] | null;
  /** bootstrap standard deviation */
  se: number | null;
}

export interface FitResult {
  params: Record<ParamName, Interval>;
  exponents: { a: Interval; b: Interval };
  objective: number;
  optimizer: {
    method: string;
    status: LbfgsResult['status'];
    converged: boolean;
    iterations: number;
    gradNorm: number;
    gridPoints: number;
    starts: number;
    /** how many of the starts ended within 1e-8 (relative) of the best objective */
    agreeingStarts: number;
  };
  bootstrap: { resamples: number; seed: number | null; notConverged: number; samples: number[][] };
  huberDelta: number;
  rows: number;
  residuals: { rms: number; max: number };
}

function bestFit(fg: ReturnType<typeof objective>, starts: number[][]): { best: LbfgsResult; all: LbfgsResult[] } {
  const all = starts.map((s) => lbfgs(fg, s, { maxIterations: 1000, gtol: 1e-9, ftol: 1e-13 }));
  const best = all.reduce((m, r) => (Number.isFinite(r.f) && r.f < m.f ? r : m), all[0]);
  return { best, all };
}

/** The best `k` grid points by objective value. */
function bestGridPoints(fg: ReturnType<typeof objective>, k: number): number[][] {
  const grid = initialisationGrid();
  const g = new Float64Array(5);
  const scored = grid.map((p) => ({ p, f: fg(Float64Array.from(p), g) })).filter((s) => Number.isFinite(s.f));
  scored.sort((x, y) => x.f - y.f);
  return scored.slice(0, k).map((s) => s.p);
}

function percentile(sorted: number[], q: number): number {
  const pos = (sorted.length - 1) * q;
  const lo = Math.floor(pos), hi = Math.ceil(pos);
  return sorted[lo] + (sorted[hi] - sorted[lo]) * (pos - lo);
}

function interval(value: number, samples: number[]): Interval {
  if (samples.length < 2) return { value, ci: null, se: null };
  const s = [...samples].sort((x, y) => x - y);
  const mean = s.reduce((a, b) => a + b, 0) / s.length;
  const se = Math.sqrt(s.reduce((a, b) => a + (b - mean) ** 2, 0) / (s.length - 1));
  return { value, ci: [percentile(s, 0.025), percentile(s, 0.975)], se };
}

/** Fit the Chinchilla law to observations; bootstrap intervals when `bootstrap` > 0 (needs a seed). */
export function fitChinchilla(obs: readonly Observation[], options: FitOptions = {}): FitResult {
  const delta = options.delta ?? 1e-3;
  const nStarts = options.starts ?? 12;
  const B = options.bootstrap ?? 0;
  const seed = options.seed ?? 1;
  const data = toData(obs);
  const fg = objective(data, delta);
  const starts = bestGridPoints(fg, nStarts);
  const { best, all } = bestFit(fg, starts);
  const agreeing = all.filter((r) => Math.abs(r.f - best.f) <= 1e-8 * Math.max(1e-12, Math.abs(best.f))).length;
  const est = fromTheta(best.x);

  // bootstrap: resample rows (as multiplicities), refit warm-started at the estimate and at the best grid point
  const rng = createRng(seed, 6);
  const samples: number[][] = [];
  let notConverged = 0;
  for (let r = 0; r < B; r++) {
    const w = new Float64Array(data.n);
    for (let i = 0; i < data.n; i++) w[Math.min(data.n - 1, Math.floor(rng.uniform() * data.n))] += 1;
    const fgb = objective({ ...data, w }, delta);
    const fits = [best.x, starts[0]].map((s) => lbfgs(fgb, s, { maxIterations: 1000, gtol: 1e-9, ftol: 1e-13 }));
    const fb = fits[0].f <= fits[1].f ? fits[0] : fits[1];
    if (!fb.converged) notConverged++;
    samples.push(fb.x);
    options.onProgress?.(r + 1, B);
  }
  const col = (j: number) => samples.map((s) => s[j]);
  const params = {
    A: interval(est.A, col(0).map(Math.exp)),
    B: interval(est.B, col(1).map(Math.exp)),
    E: interval(est.E, col(2).map(Math.exp)),
    alpha: interval(est.alpha, col(3)),
    beta: interval(est.beta, col(4)),
  } as Record<ParamName, Interval>;
  const ex = allocationExponents(est);
  const exSamples = samples.map((s) => allocationExponents({ alpha: s[3], beta: s[4] }));
  // residuals of the estimate
  let ss = 0, mx = 0;
  for (let i = 0; i < data.n; i++) {
    const r = Math.log(predict(est, obs[i].N, obs[i].D)) - data.lnL[i];
    ss += r * r;
    mx = Math.max(mx, Math.abs(r));
  }
  return {
    params: { E: params.E, A: params.A, B: params.B, alpha: params.alpha, beta: params.beta },
    exponents: { a: interval(ex.a, exSamples.map((e) => e.a)), b: interval(ex.b, exSamples.map((e) => e.b)) },
    objective: best.f,
    optimizer: {
      method: 'L-BFGS (src/numeric/optimize.ts) from the best grid points of Hoffmann\'s 5400-point grid of initialisations',
      status: best.status,
      converged: best.converged,
      iterations: best.iterations,
      gradNorm: best.gradNorm,
      gridPoints: initialisationGrid().length,
      starts: starts.length,
      agreeingStarts: agreeing,
    },
    bootstrap: { resamples: B, seed: B > 0 ? seed : null, notConverged, samples },
    huberDelta: delta,
    rows: data.n,
    residuals: { rms: Math.sqrt(ss / data.n), max: mx },
  };
}

/** The law's prediction, evaluated from the law as stated (not restated here). */
export function predict(p: ChinchillaParams, N: number, D: number): number {
  return lawValue(chinchillaLaw(), p, { N, D });
}

/**
 * Synthetic observations from a known law with seeded multiplicative log-normal noise (for recovery
 * tests and examples): N and D drawn log-uniformly in the given ranges.
 */
export function synthesize(p: ChinchillaParams, n: number, seed: number, noise = 0.01, N: [number, number] = [7e7, 1.6e10], D: [number, number] = [5e9, 5e11]): Observation[] {
  const rng = createRng(seed, 61);
  const lu = ([lo, hi]: [number, number]) => Math.exp(Math.log(lo) + rng.uniform() * (Math.log(hi) - Math.log(lo)));
  return Array.from({ length: n }, (_, i) => {
    const Ni = lu(N), Di = lu(D);
    return { N: Ni, D: Di, loss: predict(p, Ni, Di) * Math.exp(noise * rng.normal()), line: i + 2 };
  });
}
