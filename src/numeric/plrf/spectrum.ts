// Spectral input of the loss recursion (plrf.md §2.1): modes k with eigenvalue lambda_k of W^T D W, weight
// rho_k = <D^(1/2) b, u_k>^2, and the unreachable part F0 = P(0) - sum_k rho_k. `sampledSpectrum` gives it
// exactly for one seeded draw of W [derived: plrf.md §2.1]; ./deterministic.ts gives the deterministic
// equivalent.
import { createRng } from '../rng.js';
import { symmetricEigenProjectedJs, eigenProjectedInWasm, wasmEigenScratch, type ProjectedEigen } from './eigen.js';
import { wasmKernels, type WasmKernels } from '../linalg/wasm.js';
import { dataSpectrum, initialLoss, type PlrfParams } from './setup.js';

export interface SpectralInput {
  /** eigenvalues lambda_k > 0, descending */
  lambda: Float64Array;
  /** F weights rho_k */
  rho: Float64Array;
  /** F0 = min_theta P(theta) */
  F0: number;
  /** P(0) = b^T D b */
  P0: number;
  /** how it was made */
  source: 'sampled W' | 'deterministic equivalent';
  /** for the sampled spectrum: the eigenbasis projections (Q^T W^T D b)_k, which SGD in the eigenbasis uses */
  projections?: Float64Array;
}

/**
 * Sigma = W^T D W (lower triangle, row-major d x d) and c = W^T D b for W in R^(v x d) with iid N(0, 1/d)
 * entries drawn row by row from `createRng(seed, 1)` (W itself is never stored). The rank-v update runs in
 * the WebAssembly SIMD kernel (../linalg/kernels.c, 4 x 4 register tiles over panels of 128 rows) when
 * available, else in `covarianceJs`; both sum the same products, in different orders (they agree to
 * rounding, tested).
 */
export function sampleCovariance(p: PlrfParams, seed: number): { sigma: Float64Array; c: Float64Array } {
  const k = wasmKernels();
  if (!k) return covarianceJs(p, seed);
  const { d } = p;
  const ld = wasmLeadingDimension(d);
  const [sPtr, ...panels] = k.reserve([ld * ld, ...wasmCovarianceScratch(d)]);
  const c = covarianceInWasm(p, seed, k, sPtr, panels);
  const S = k.f64(sPtr, ld * ld);
  const sigma = new Float64Array(d * d);
  for (let i = 0; i < d; i++) sigma.set(S.subarray(i * ld, i * ld + i + 1), i * d);
  return { sigma, c };
}

/**
 * Draw the rows of W in order, accumulate c = W^T D b, and hand each row of A = D^(1/2) W to `use`
 * (j = 0..v-1; the array is reused).
 */
function drawRows(p: PlrfParams, seed: number, c: Float64Array, use: (j: number, a: Float64Array) => void): void {
  const { d, v, alpha, beta } = p;
  const rng = createRng(seed, 1);
  const row = new Float64Array(d);
  const a = new Float64Array(d);
  const sd = 1 / Math.sqrt(d);
  for (let j = 0; j < v; j++) {
    const sl = Math.pow(j + 1, -alpha);
    const cb = Math.pow(j + 1, -2 * alpha - beta); // lambda_j b_j
    rng.normals(row);
    for (let i = 0; i < d; i++) {
      const w = row[i] * sd;
      c[i] += cb * w;
      a[i] = sl * w;
    }
    use(j, a);
  }
}

/** PANEL rows of A per call of the kernel (measured at d = 1000: 64 and 256 are within a few per cent) */
const PANEL = 128;
/** Sigma's leading dimension in WebAssembly memory: d rounded up to the kernel's 4 x 4 tiles */
const wasmLeadingDimension = (d: number) => 4 * Math.ceil(d / 4);
/** the two panel buffers (rows of A as drawn, and packed) */
const wasmCovarianceScratch = (d: number) => [PANEL * wasmLeadingDimension(d), PANEL * wasmLeadingDimension(d)];

/**
 * Sigma = W^T D W into WebAssembly memory at sPtr (ld x ld, lower triangle), the rows of A gathered PANEL at
 * a time in the first panel buffer; returns c = W^T D b.
 */
function covarianceInWasm(p: PlrfParams, seed: number, k: WasmKernels, sPtr: number, panels: readonly number[]): Float64Array {
  const { d, v } = p;
  const ld = wasmLeadingDimension(d);
  const [rPtr, pPtr] = panels;
  k.f64(sPtr, ld * ld).fill(0);
  const R = k.f64(rPtr, PANEL * ld).fill(0); // R[b*ld + i] = A[j0 + b][i]; columns d..ld stay zero
  const c = new Float64Array(d);
  drawRows(p, seed, c, (j, a) => {
    const b = j % PANEL;
    R.set(a, b * ld);
    if (b === PANEL - 1 || j === v - 1) k.exports.syrk_rows(sPtr, ld, rPtr, pPtr, b + 1);
  });
  return c;
}

/** The JavaScript version of the rank-v update (no WebAssembly), kept for comparison and as the fallback. */
export function covarianceJs(p: PlrfParams, seed: number): { sigma: Float64Array; c: Float64Array } {
  const { d, v } = p;
  const sigma = new Float64Array(d * d);
  const c = new Float64Array(d);
  // rows of A = D^(1/2) W, eight at a time: Sigma[i, k] += sum_b A[b, i] A[b, k] over the lower triangle,
  // eight multiply-adds per load and store of Sigma, the eight rows interleaved so that every read has unit
  // stride (measured at d = 1000, v = 4000: 1.7 s CPU, against 3.5 s with eight separate row arrays and
  // 2.0 s with sixteen interleaved rows; two output rows per pass, below: 1.6 s in `npm run bench`, was 2.1 s)
  const NB = 8;
  const blk = new Float64Array(d * NB); // blk[i*NB + b] = A[j0 + b, i], interleaved for unit-stride reads
  drawRows(p, seed, c, (j, a) => {
    const b = j % NB;
    for (let i = 0; i < d; i++) blk[i * NB + b] = a[i];
    if (b === NB - 1 || j === v - 1) {
      for (let r = b + 1; r < NB; r++) for (let i = 0; i < d; i++) blk[i * NB + r] = 0;
      blockUpdate(sigma, blk, d);
    }
  });
  return { sigma, c };
}

/** sigma (lower triangle) += sum_{b<8} blk[., b] blk[., b]^T, blk interleaved (blk[i*8 + b]) */
function blockUpdate(sigma: Float64Array, blk: Float64Array, d: number): void {
  const NB = 8;
  // two rows of Sigma per pass, so every loaded column block feeds sixteen multiply-adds (each element's
  // sum is the same expression as one row at a time: results are bit-identical)
  let i = 0;
  for (; i + 1 < d; i += 2) {
    const q = i * NB;
    const x0 = blk[q], x1 = blk[q + 1], x2 = blk[q + 2], x3 = blk[q + 3], x4 = blk[q + 4], x5 = blk[q + 5], x6 = blk[q + 6], x7 = blk[q + 7];
    const y0 = blk[q + 8], y1 = blk[q + 9], y2 = blk[q + 10], y3 = blk[q + 11], y4 = blk[q + 12], y5 = blk[q + 13], y6 = blk[q + 14], y7 = blk[q + 15];
    const o = i * d, o2 = o + d;
    for (let k = 0, t = 0; k <= i; k++, t += NB) {
      const b0 = blk[t], b1 = blk[t + 1], b2 = blk[t + 2], b3 = blk[t + 3], b4 = blk[t + 4], b5 = blk[t + 5], b6 = blk[t + 6], b7 = blk[t + 7];
      sigma[o + k] += x0 * b0 + x1 * b1 + x2 * b2 + x3 * b3 + x4 * b4 + x5 * b5 + x6 * b6 + x7 * b7;
      sigma[o2 + k] += y0 * b0 + y1 * b1 + y2 * b2 + y3 * b3 + y4 * b4 + y5 * b5 + y6 * b6 + y7 * b7;
    }
    const t = (i + 1) * NB;
    sigma[o2 + i + 1] += y0 * blk[t] + y1 * blk[t + 1] + y2 * blk[t + 2] + y3 * blk[t + 3] + y4 * blk[t + 4] + y5 * blk[t + 5] + y6 * blk[t + 6] + y7 * blk[t + 7];
  }
  for (; i < d; i++) {
    const q = i * NB;
    const x0 = blk[q], x1 = blk[q + 1], x2 = blk[q + 2], x3 = blk[q + 3], x4 = blk[q + 4], x5 = blk[q + 5], x6 = blk[q + 6], x7 = blk[q + 7];
    const o = i * d;
    for (let k = 0, t = 0; k <= i; k++, t += NB) {
      sigma[o + k] += x0 * blk[t] + x1 * blk[t + 1] + x2 * blk[t + 2] + x3 * blk[t + 3] + x4 * blk[t + 4] + x5 * blk[t + 5] + x6 * blk[t + 6] + x7 * blk[t + 7];
    }
  }
}

/** Exact spectral input for one draw of W (seeded): eigenpairs of W^T D W, plrf.md §2.1. */
export function sampledSpectrum(p: PlrfParams, seed: number): SpectralInput {
  const { values, projections } = sampledEigen(p, seed);
  const P0 = initialLoss(p.alpha, p.beta, p.v);
  const rho = new Float64Array(p.d);
  let sum = 0;
  for (let k = 0; k < p.d; k++) {
    // rho_k = (c^T e_k)^2 / lambda_k; a numerically null mode (lambda_k <= 0) carries nothing
    rho[k] = values[k] > 0 ? (projections[k] * projections[k]) / values[k] : 0;
    sum += rho[k];
  }
  return { lambda: values, rho, F0: Math.max(0, P0 - sum), P0, source: 'sampled W', projections };
}

/** Eigenvalues of W^T D W and projections of c = W^T D b; with WebAssembly, Sigma never leaves its memory. */
function sampledEigen(p: PlrfParams, seed: number): ProjectedEigen {
  const k = wasmKernels();
  if (!k) {
    const { sigma, c } = covarianceJs(p, seed);
    return symmetricEigenProjectedJs(sigma, p.d, c);
  }
  const ld = wasmLeadingDimension(p.d);
  const cov = wasmCovarianceScratch(p.d);
  const [sPtr, ...rest] = k.reserve([ld * ld, ...cov, ...wasmEigenScratch(p.d)]);
  const c = covarianceInWasm(p, seed, k, sPtr, rest.slice(0, cov.length));
  return eigenProjectedInWasm(k, sPtr, ld, p.d, c, rest.slice(cov.length));
}

/** g(z) - 1 = -2 gamma B z + gamma^2 B (B+1) z^2 (plrf.md §1, Learning rate), without cancellation. */
export function gMinusOne(lambda: number, lr: number, batch: number): number {
  return lr * batch * lambda * (lr * (batch + 1) * lambda - 2);
}

/**
 * ||K|| = sum_t K(t) = sum_k gamma lambda_k / (2 - gamma (B+1) lambda_k) (plrf.md §1) [derived];
 * Infinity when a mode is unstable (gamma (B+1) lambda_k >= 2).
 */
export function kernelNorm(spec: Pick<SpectralInput, 'lambda'>, lr: number, batch: number): number {
  let s = 0;
  for (const l of spec.lambda) {
    const den = 2 - lr * (batch + 1) * l;
    if (den <= 0) return Infinity;
    s += (lr * l) / den;
  }
  return s;
}

export { dataSpectrum };
