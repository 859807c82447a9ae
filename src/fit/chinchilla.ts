// Fitting L(N, D) = E + A/N^alpha + B/D^beta to measured losses, after Hoffmann et al. 2022 and the Epoch
// replication (chinchilla.md §2) [paper: procedure]: an instance of the general fitter (./law-fit.ts) on
// the law as its theory file states it (theory/chinchilla.ts), with E, A, B log-parameterised
// (ln Lhat = LSE(ln A - alpha ln N, ln B - beta ln D, ln E) is the same function), Huber (delta = 1e-3)
// on log-loss, L-BFGS from the best points of Hoffmann's / Epoch's 4500-point grid, bootstrap intervals
// of every parameter and of the allocation exponents a = beta/(alpha+beta), b = alpha/(alpha+beta)
// (from the engine). This module keeps the Chinchilla-shaped result (params E, A, B, alpha, beta).
import { createRng } from '../numeric/rng.js';
import type { Observation } from './csv.js';
import type { ParsedLaw } from '../law/parse.js';
import { lawExponents, lawValue } from '../law/allocate.js';
import { cachedLaw } from '../law/index.js';
import { CHINCHILLA_LAW, CHINCHILLA_CONSTRAINT, CHINCHILLA_FIT } from '../../theory/chinchilla.js';
import { fitLaw, type FitLaw, type Interval, type LawFitResult, type GridMode } from './law-fit.js';
import { resolveLaw } from './laws.js';

export type { Interval };
export const PARAM_NAMES = ['E', 'A', 'B', 'alpha', 'beta'] as const;
export type ParamName = (typeof PARAM_NAMES)[number];
export type ChinchillaParams = Record<ParamName, number>;

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

let fitLawCache: FitLaw | undefined;
/** The Chinchilla law as a FitLaw (./laws.ts), every constant free. */
export function chinchillaFitLaw(): FitLaw {
  fitLawCache ??= resolveLaw({ law: CHINCHILLA_FIT.id, set: [], columns: ['N', 'D'] }, () => undefined);
  return fitLawCache;
}

export interface FitOptions {
  /** Huber threshold on log-loss residuals (default 1e-3, Hoffmann/Epoch) */
  delta?: number;
  /** L-BFGS runs from the best grid points (default 12) */
  starts?: number;
  /** 'full': L-BFGS from all 4500 grid points (Hoffmann / Epoch) */
  grid?: GridMode;
  bootstrap?: number;
  seed?: number;
  /** called after each bootstrap resample (progress bars) */
  onProgress?: (done: number, total: number) => void;
}

export interface FitResult {
  params: Record<ParamName, Interval>;
  exponents: { a: Interval; b: Interval };
  objective: number;
  optimizer: LawFitResult['optimizer'];
  /** every start's end point, best first (for starts-disagree) */
  starts: Array<{ objective: number; params: Record<string, number> }>;
  bootstrap: { resamples: number; seed: number | null; notConverged: number; samples: number[][] };
  huberDelta: number;
  rows: number;
  residuals: { rms: number; max: number };
  /** the general fitter's result */
  general: LawFitResult;
}

/** Fit the Chinchilla law to observations; bootstrap intervals when `bootstrap` > 0 (needs a seed). */
export function fitChinchilla(obs: readonly Observation[], options: FitOptions = {}): FitResult {
  const r = fitLaw(obs.map((o) => ({ vars: { N: o.N, D: o.D }, loss: o.loss, C: o.C })), chinchillaFitLaw(), options);
  const params = Object.fromEntries(PARAM_NAMES.map((k) => [k, r.params[k]])) as Record<ParamName, Interval>;
  const strip = (iv: Interval): Interval => ({ value: iv.value, ci: iv.ci, se: iv.se });
  return {
    params,
    exponents: { a: strip(r.exponents!.a), b: strip(r.exponents!.b) },
    objective: r.objective,
    optimizer: r.optimizer,
    starts: r.startResults.map((s) => ({ objective: s.objective, params: s.params })),
    bootstrap: r.bootstrap,
    huberDelta: r.huberDelta,
    rows: r.rows,
    residuals: r.residuals,
    general: r,
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
