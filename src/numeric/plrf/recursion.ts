// Expected loss from a spectral input by the per-mode recursion (plrf.md §2.3) [derived: equivalent to the
// Volterra equation (10); with the default blocks within 1e-4 of its convolution solution (tested)].
//   exact step:  m_k <- g_k m_k + gamma^2 B lambda_k^2 P_r,   P_{r+1} = F0 + sum_k m_k,   m_k(0) = rho_k
//   block of h:  a_k = g_k^h; the kernel input sum_{s<h} g^(h-1-s) P_(r+s) with P linear across the block,
//                = c1_k P_old + c2_k P_new (blockWeights), so that
//                P_new = (F0 + sum a_k m_k + P_old sum c1_k)/(1 - sum c2_k),  m_k <- a_k m_k + c1_k P_old + c2_k P_new
//   (plrf.md §2.3 takes P at the block's end, b_k = c1_k + c2_k on P_new: first order, ~0.05% at 2% blocks;
//   the linear rule is second order [derived; tested against the convolution solution of (10)])
import { gMinusOne, type SpectralInput } from './spectrum.js';

export interface RecursionOptions {
  lr: number;
  batch: number;
  /** exact single steps up to this step count (default 1000) */
  exactSteps?: number;
  /** block length h ~ fraction * r after that (default 0.01; plrf.md §2.3 uses 0.02) */
  blockFraction?: number;
  /** called with the fraction done (by steps on a log scale) */
  onProgress?: (fraction: number) => void;
}

/**
 * Weights of a block of h steps for one mode with g = 1 + gm1: a = g^h, and (c1, c2) with
 * sum_{s<h} g^(h-1-s) P_(r+s) ~ c1 P_r + c2 P_(r+h) for P linear across the block:
 * S0 = sum_u g^u = (1 - g^h)/(1 - g),  S1 = sum_s s g^(h-1-s) = (h-1) S0 - g (1 - h g^(h-1) + (h-1) g^h)/(1-g)^2,
 * c2 = S1/h, c1 = S0 - c2 [derived]; for h (1 - g) < 1e-4 the series to first order in x = 1 - g.
 */
export function blockWeights(h: number, gm1: number, logg: number): [number, number, number] {
  const x = -gm1;
  const em1 = Math.expm1(h * logg); // g^h - 1
  const a = 1 + em1;
  let S0: number, S1: number;
  if (h * x < 1e-4) {
    S0 = h - (x * h * (h - 1)) / 2;
    S1 = (h * (h - 1)) / 2 - (x * (h - 1) * h * (h - 2)) / 6;
  } else {
    S0 = -em1 / x;
    const g = 1 - x;
    const gh1 = Math.exp((h - 1) * logg);
    S1 = (h - 1) * S0 - (g * (1 - h * gh1 + (h - 1) * a)) / (x * x);
  }
  const c2 = S1 / h;
  return [a, S0 - c2, c2];
}

/** Log-spaced integer step counts from 1 to R (K requested points; duplicates after rounding removed). */
export function logStepGrid(R: number, K: number): number[] {
  if (!(R >= 1)) throw new Error(`logStepGrid: R = ${R} must be >= 1`);
  const out: number[] = [];
  const top = Math.log(R);
  for (let i = 0; i < K; i++) {
    const r = Math.round(Math.exp(K === 1 ? top : (top * i) / (K - 1)));
    if (out.length === 0 || r > out[out.length - 1]) out.push(Math.min(r, Math.floor(R)));
  }
  if (out[out.length - 1] !== Math.floor(R)) out.push(Math.floor(R));
  return [...new Set(out)];
}

/** E[P(theta_r)] at the (ascending, integer) step counts `steps`. */
export function lossAtSteps(spec: SpectralInput, steps: readonly number[], o: RecursionOptions): Float64Array {
  const n = spec.lambda.length;
  const { lr, batch } = o;
  const exactSteps = o.exactSteps ?? 1000;
  const frac = o.blockFraction ?? 0.01;
  const m = Float64Array.from(spec.rho);
  const gm1 = new Float64Array(n); // g_k - 1
  const logg = new Float64Array(n);
  const kc = new Float64Array(n); // gamma^2 B lambda_k^2
  const ak = [new Float64Array(n), new Float64Array(n)];
  const c1k = [new Float64Array(n), new Float64Array(n)];
  const c2k = [new Float64Array(n), new Float64Array(n)];
  const cachedH = [-1, -1];
  const sumC1 = [0, 0], sumC2 = [0, 0];
  for (let k = 0; k < n; k++) {
    const l = spec.lambda[k];
    gm1[k] = gMinusOne(l, lr, batch);
    logg[k] = Math.log1p(gm1[k]);
    kc[k] = lr * lr * batch * l * l;
  }
  const out = new Float64Array(steps.length);
  let r = 0;
  let P = spec.P0;
  const R = steps.length ? steps[steps.length - 1] : 0;
  const logR = Math.log(Math.max(R, 2));
  let lastReport = 0;
  for (let i = 0; i < steps.length; i++) {
    const target = steps[i];
    if (!Number.isInteger(target) || target < r) throw new Error(`lossAtSteps: steps must be ascending integers (got ${target} after ${r})`);
    while (r < target) {
      if (r < exactSteps) {
        P = exactStep(m, gm1, kc, P, spec.F0);
        r += 1;
      } else {
        // h: a power of two in (frac r / 2, frac r], so that the block coefficients are reused; the last
        // block before a requested step is cut to reach it exactly
        const hPow = Math.pow(2, Math.floor(Math.log2(Math.max(1, frac * r))));
        const h = Math.min(hPow, target - r);
        // two coefficient sets: the current power-of-two block and the last cut block
        let slot = h === cachedH[0] ? 0 : h === cachedH[1] ? 1 : -1;
        if (slot < 0) {
          slot = h === hPow ? 0 : 1;
          [sumC1[slot], sumC2[slot]] = blockCoefficients(h, gm1, logg, kc, ak[slot], c1k[slot], c2k[slot]);
          cachedH[slot] = h;
        }
        const A = ak[slot], C1 = c1k[slot], C2 = c2k[slot];
        const Pold = P;
        const den = 1 - sumC2[slot];
        P = decaySum(m, A, spec.F0 + sumC1[slot] * Pold) / den;
        feed(m, C1, C2, Pold, P);
        r += h;
      }
      if (o.onProgress && r - lastReport > 0.01 * r) {
        lastReport = r;
        o.onProgress(Math.log(Math.max(r, 1)) / logR);
      }
    }
    out[i] = P;
  }
  o.onProgress?.(1);
  return out;
}

// The inner loops as small functions, so that V8 optimises them after a few calls instead of waiting for
// on-stack replacement of the whole of lossAtSteps (measured at d = 1000, first call: 65-85 ms of CPU before, 30-40 ms after; warm: ~10 ms; results bit-identical).
/** one exact step: m_k <- g_k m_k + kc_k P; returns F0 + sum_k m_k (summed in order) */
function exactStep(m: Float64Array, gm1: Float64Array, kc: Float64Array, P: number, F0: number): number {
  let s = F0;
  for (let k = 0; k < m.length; k++) {
    m[k] = m[k] + gm1[k] * m[k] + kc[k] * P;
    s += m[k];
  }
  return s;
}

/** m_k *= a_k; returns start + sum_k m_k (summed in order) */
function decaySum(m: Float64Array, A: Float64Array, start: number): number {
  let num = start;
  for (let k = 0; k < m.length; k++) {
    m[k] *= A[k];
    num += m[k];
  }
  return num;
}

/** m_k += c1_k P_old + c2_k P_new */
function feed(m: Float64Array, C1: Float64Array, C2: Float64Array, Pold: number, P: number): void {
  for (let k = 0; k < m.length; k++) m[k] += C1[k] * Pold + C2[k] * P;
}

/** a_k, kc_k c1_k, kc_k c2_k of a block of h steps for every mode (blockWeights); returns the sums of the last two */
function blockCoefficients(h: number, gm1: Float64Array, logg: Float64Array, kc: Float64Array, A: Float64Array, C1: Float64Array, C2: Float64Array): [number, number] {
  let s1 = 0, s2 = 0;
  for (let k = 0; k < A.length; k++) {
    const [a, c1, c2] = blockWeights(h, gm1[k], logg[k]);
    A[k] = a;
    C1[k] = kc[k] * c1;
    C2[k] = kc[k] * c2;
    s1 += C1[k];
    s2 += C2[k];
  }
  return [s1, s2];
}
