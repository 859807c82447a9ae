// A PLRF problem instance (plrf.md §1): data spectrum lambda_j = j^(-2 alpha), target b_j = j^(-beta),
// j = 1..v; d features; batch B; learning rate gamma. Defaults and their provenance:
// - v = 4d (the 2025 authors' code `V_D_ratio = 4` [authors' code]; the reference requires a finite
//   v/d > 1 when 2 alpha < 1 [paper]; above the line any v >= d is admissible and v = 4d is used for all
//   methods so that they compare at the same v);
// - gamma by the trace rule gamma = c_gamma min(1/tr D, 1/(B+1)), c_gamma = 0.5 [derived from plrf.md §1:
//   ||K|| ~ gamma tr D / 2 < 1 and gamma (B+1) lambda_k < 2; the authors use c_gamma = 0.25..0.75 over
//   sum_j j^(-2 alpha) [authors' code]].
import { DomainError } from '../../errors.js';
import { domainViolation } from '../../engine/domain.js';
import { plrf } from '../../models/builtin.js';

export interface PlrfParams {
  alpha: number;
  beta: number;
  d: number;
  v: number;
  /** batch size B */
  batch: number;
  /** learning rate gamma */
  lr: number;
}

export interface PlrfOptions {
  alpha: number;
  beta: number;
  d: number;
  v?: number;
  batch?: number;
  lr?: number;
}

export const V_OVER_D = 4;
export const C_GAMMA = 0.5;
/** smallest d accepted: below it the spectra are too coarse for any of the methods to mean anything */
export const MIN_D = 4;

/** Check (alpha, beta) admissible: the domain of the theory file (theory/plrf.yaml), checked by the engine's ./domain.ts. */
export function checkAdmissible(alpha: number, beta: number): void {
  const err = domainViolation(plrf, [alpha, beta]);
  if (err) throw err;
}

/** tr D = sum_{j<=v} j^(-2 alpha). */
export function traceD(alpha: number, v: number): number {
  let s = 0;
  for (let j = v; j >= 1; j--) s += Math.pow(j, -2 * alpha);
  return s;
}

/** The trace-rule learning rate (see the header). */
export function defaultLearningRate(alpha: number, v: number, batch: number): number {
  return C_GAMMA * Math.min(1 / traceD(alpha, v), 1 / (batch + 1));
}

/** Validate and complete the options; throws DomainError naming the parameter, its value and the domain. */
export function resolveParams(o: PlrfOptions): PlrfParams {
  checkAdmissible(o.alpha, o.beta);
  if (!Number.isInteger(o.d) || o.d < MIN_D) throw new DomainError(`d = ${o.d} must be an integer >= ${MIN_D}`, { parameter: 'd', value: o.d });
  const v = o.v ?? V_OVER_D * o.d;
  if (!Number.isInteger(v) || v < o.d) throw new DomainError(`v = ${v} must be an integer >= d = ${o.d} (the input dimension cannot be below the feature count)`, { parameter: 'v', value: v });
  if (2 * o.alpha < 1 && v === o.d) throw new DomainError(`v = ${v}: below the high-dimensional line (2*alpha < 1) v/d must exceed 1`, { parameter: 'v', value: v });
  const batch = o.batch ?? 1;
  if (!Number.isInteger(batch) || batch < 1) throw new DomainError(`batch = ${batch} must be an integer >= 1`, { parameter: 'batch', value: batch });
  const lr = o.lr ?? defaultLearningRate(o.alpha, v, batch);
  if (!(lr > 0) || !Number.isFinite(lr)) throw new DomainError(`lr = ${lr} must be a positive number`, { parameter: 'lr', value: lr });
  return { alpha: o.alpha, beta: o.beta, d: o.d, v, batch, lr };
}

/** lambda_j = j^(-2 alpha), j = 1..v */
export function dataSpectrum(alpha: number, v: number): Float64Array {
  const out = new Float64Array(v);
  for (let j = 0; j < v; j++) out[j] = Math.pow(j + 1, -2 * alpha);
  return out;
}

/** F weights w_j = lambda_j b_j^2 = j^(-2 alpha - 2 beta), j = 1..v (the whitened target squared) */
export function targetWeights(alpha: number, beta: number, v: number): Float64Array {
  const out = new Float64Array(v);
  for (let j = 0; j < v; j++) out[j] = Math.pow(j + 1, -2 * alpha - 2 * beta);
  return out;
}

/** P(0) = b^T D b = sum_{j<=v} j^(-2 alpha - 2 beta) */
export function initialLoss(alpha: number, beta: number, v: number): number {
  let s = 0;
  for (let j = v; j >= 1; j--) s += Math.pow(j, -2 * alpha - 2 * beta);
  return s;
}
