// Final values t -> inf of the random-feature model (random-features.md §2.5), σ = 0:
//   K = min(N, P) = Σ_k λ_k r/(1 + λ_k r)   (root r)                                   [paper eq.70-74]
//   N < P:  L(inf) = [Σ λw²/(1+λr)]/(1 - N/P),  L̂(inf) = (1 - N/P)² L(inf)
//   N > P:  1 - γ = (1/P) Σ λr/(1+λr)²,  L̂(inf) = 0,
//           L(inf) = [Σ λw²/(1+λr)²]/(1 - γ) + (P/(N - P)) Σ λw²/(1+λr)
//   [derived: solution of the 4x4 systems eq.73, eq.76; checked against the DMFT at t = 1e7 and simulations]
//   P = inf: Σ λw²/(1+λr) (best fit by N features); N = inf: ridgeless kernel regression [paper eq.78-80].
//   Bias (ensemble) final value: Σ λw²/(1+λr)² (the bias form behind the paper's N^-min(a-1,2b), §3.3).
// Both diverge at N = P.
import type { Spectrum } from './spectrum.js';
import { DomainError } from '../../errors.js';

/** The root r of K = Σ λ r/(1+λ r) (bisection in log r). */
export function finalRoot(sp: Spectrum, K: number): number {
  const f = (r: number) => {
    let s = 0;
    for (let j = 0; j < sp.lam.length; j++) s += (sp.wLam[j] * r) / (1 + sp.lam[j] * r);
    return s - K;
  };
  let lo = -50, hi = 300;
  if (f(Math.exp(hi)) < 0) {
    throw new DomainError(`min(N, P) = ${K} exceeds the number of modes the spectrum represents (its spectrum decays too fast at this b for the final values): lower N or P, or give more modes`, { parameter: 'N', value: K, condition: 'min(N, P) < modes represented' });
  }
  for (let it = 0; it < 200 && hi - lo > 1e-14; it++) {
    const mid = 0.5 * (lo + hi);
    if (f(Math.exp(mid)) < 0) lo = mid;
    else hi = mid;
  }
  return Math.exp(0.5 * (lo + hi));
}

export interface FinalValues {
  loss: number;
  trainLoss: number;
  /** the bias (ensemble-averaged) final loss Σ λw²/(1+λr)² */
  bias: number;
  r: number;
}

export function finalValues(sp: Spectrum, N: number, P: number): FinalValues {
  if (N === P) throw new Error(`final values diverge at N = P = ${N}`);
  const K = Math.min(N, P);
  if (!Number.isFinite(K)) return { loss: 0, trainLoss: 0, bias: 0, r: Infinity };
  const r = finalRoot(sp, K);
  let s1 = 0, s2 = 0, g = 0;
  for (let j = 0; j < sp.lam.length; j++) {
    const q = 1 / (1 + sp.lam[j] * r);
    s1 += sp.wTar[j] * q;
    s2 += sp.wTar[j] * q * q;
    g += sp.wLam[j] * r * q * q;
  }
  if (N < P) {
    const f = Number.isFinite(P) ? 1 - N / P : 1;
    return { loss: s1 / f, trainLoss: f * s1, bias: s2, r };
  }
  const oneMinusGamma = g / P;
  const extra = Number.isFinite(N) ? (P / (N - P)) * s1 : 0;
  return { loss: s2 / oneMinusGamma + extra, trainLoss: 0, bias: s2, r };
}
