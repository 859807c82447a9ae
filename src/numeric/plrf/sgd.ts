// Monte-Carlo one-pass SGD for PLRF (plrf.md §1, §7), seeded.
// Given W, SGD and P see x only through phi = W^T x and y = <x, b>, which are jointly Gaussian:
//   Sigma = W^T D W,  c = W^T D b,  theta* = Sigma^(-1) c,  F0 = b^T D b - c^T theta*,
//   phi ~ N(0, Sigma),  y = phi^T theta* + sqrt(F0) zeta   [derived: plrf.md §7, exact in law]
// With Sigma = Q Lambda Q^T and delta = Q^T (theta - theta*), the update
//   delta <- delta - gamma sum_{i<=B} phit_i (phit_i^T delta - sqrt(F0) zeta_i),  phit_i = Lambda^(1/2) xi_i
// is the same process rotated [derived: SGD is equivariant under rotations of feature space], so a step
// costs O(B d) once the eigenpairs are known (the O(d^3) eigendecomposition is the Volterra method's).
// delta_0 = -Lambda^(-1) Q^T c;  P(theta) = sum_k lambda_k delta_k^2 + F0 (exact, at the requested steps).
// `sgdDirect` runs the literal algorithm of plrf.md §1 (x in R^v, W stored) for small cross-checks.
import { createRng } from '../rng.js';
import type { SpectralInput } from './spectrum.js';
import type { PlrfParams } from './setup.js';

export interface SgdOptions {
  lr: number;
  batch: number;
  runs: number;
  seed: number;
  onProgress?: (fraction: number) => void;
}

export interface SgdResult {
  mean: Float64Array;
  /** sample standard deviation over runs (0 for one run) */
  std: Float64Array;
}

function summarise(perRun: Float64Array[], nSteps: number): SgdResult {
  const mean = new Float64Array(nSteps), std = new Float64Array(nSteps);
  const R = perRun.length;
  for (let i = 0; i < nSteps; i++) {
    let s = 0;
    for (const run of perRun) s += run[i];
    mean[i] = s / R;
    let q = 0;
    for (const run of perRun) q += (run[i] - mean[i]) ** 2;
    std[i] = R > 1 ? Math.sqrt(q / (R - 1)) : 0;
  }
  return { mean, std };
}

/** SGD in the eigenbasis of W^T D W (needs `spec.projections`, i.e. a sampled spectrum); run i uses stream 100 + i. */
export function sgdEigenbasis(spec: SpectralInput, steps: readonly number[], o: SgdOptions): SgdResult {
  if (!spec.projections) throw new Error('sgdEigenbasis needs the eigenbasis projections of a sampled W');
  const n = spec.lambda.length;
  const sq = new Float64Array(n);
  const delta0 = new Float64Array(n);
  for (let k = 0; k < n; k++) {
    const l = spec.lambda[k];
    sq[k] = l > 0 ? Math.sqrt(l) : 0;
    delta0[k] = l > 0 ? -spec.projections[k] / l : 0;
  }
  const sF0 = Math.sqrt(spec.F0);
  const perRun: Float64Array[] = [];
  const phi = new Float64Array(n * o.batch);
  const err = new Float64Array(o.batch);
  for (let run = 0; run < o.runs; run++) {
    const rng = createRng(o.seed, 100 + run);
    const delta = Float64Array.from(delta0);
    const out = new Float64Array(steps.length);
    let r = 0;
    for (let i = 0; i < steps.length; i++) {
      while (r < steps[i]) {
        for (let b = 0; b < o.batch; b++) {
          let dot = 0;
          const off = b * n;
          for (let k = 0; k < n; k++) {
            const p = sq[k] * rng.normal();
            phi[off + k] = p;
            dot += p * delta[k];
          }
          err[b] = dot - sF0 * rng.normal();
        }
        for (let b = 0; b < o.batch; b++) {
          const off = b * n, e = o.lr * err[b];
          for (let k = 0; k < n; k++) delta[k] -= e * phi[off + k];
        }
        r++;
      }
      let P = spec.F0;
      for (let k = 0; k < n; k++) P += spec.lambda[k] * delta[k] * delta[k];
      out[i] = P;
    }
    perRun.push(out);
    o.onProgress?.((run + 1) / o.runs);
  }
  return summarise(perRun, steps.length);
}

/**
 * The literal one-pass SGD of plrf.md §1 with x = D^(1/2) z in R^v and W stored (O(v d) per sample): for
 * cross-checks at small d only. W is drawn exactly as in ./spectrum.ts `sampleCovariance` (same seed,
 * stream 1, row by row), so the result is comparable with the Volterra curve of the same seed.
 */
export function sgdDirect(p: PlrfParams, seed: number, steps: readonly number[], o: SgdOptions): SgdResult {
  const { d, v, alpha, beta } = p;
  const wRng = createRng(seed, 1);
  const W = new Float64Array(v * d);
  const row = new Float64Array(d);
  for (let j = 0; j < v; j++) {
    wRng.normals(row);
    for (let i = 0; i < d; i++) W[j * d + i] = row[i] / Math.sqrt(d);
  }
  const sl = new Float64Array(v), bj = new Float64Array(v);
  for (let j = 0; j < v; j++) {
    sl[j] = Math.pow(j + 1, -alpha);
    bj[j] = Math.pow(j + 1, -beta);
  }
  // exact population loss P(theta) = ||D^(1/2)(W theta - b)||^2
  const loss = (theta: Float64Array) => {
    let s = 0;
    for (let j = 0; j < v; j++) {
      let wt = 0;
      for (let i = 0; i < d; i++) wt += W[j * d + i] * theta[i];
      s += sl[j] * sl[j] * (wt - bj[j]) ** 2;
    }
    return s;
  };
  const perRun: Float64Array[] = [];
  const x = new Float64Array(v), ph = new Float64Array(d), grad = new Float64Array(d);
  for (let run = 0; run < o.runs; run++) {
    const rng = createRng(o.seed, 100 + run);
    const theta = new Float64Array(d);
    const out = new Float64Array(steps.length);
    let r = 0;
    for (let i = 0; i < steps.length; i++) {
      while (r < steps[i]) {
        grad.fill(0);
        for (let b = 0; b < o.batch; b++) {
          let y = 0;
          for (let j = 0; j < v; j++) {
            x[j] = sl[j] * rng.normal();
            y += x[j] * bj[j];
          }
          ph.fill(0);
          for (let j = 0; j < v; j++) {
            const xj = x[j];
            for (let k = 0; k < d; k++) ph[k] += W[j * d + k] * xj;
          }
          let e = -y;
          for (let k = 0; k < d; k++) e += ph[k] * theta[k];
          for (let k = 0; k < d; k++) grad[k] += ph[k] * e;
        }
        for (let k = 0; k < d; k++) theta[k] -= o.lr * grad[k];
        r++;
      }
      out[i] = loss(theta);
    }
    perRun.push(out);
  }
  return summarise(perRun, steps.length);
}
