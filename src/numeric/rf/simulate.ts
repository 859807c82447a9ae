// The finite-size random-feature model itself (random-features.md §1, §8.1): draw the projection A
// (N x M, iid N(0,1)), the data Ψ (P x M, Ψ_μk = √λ_k z_μk) and label noise ε, and evaluate gradient flow
// (or gradient descent) in closed form from the eigendecomposition of the N x N (or P x P) Gram matrix
// [derived: checked numerically, reference §8.1]:
//   Z = A/√N, B = ZΨᵀ (N x P), y = Ψw* + σε, d = B y/P, G = B Bᵀ/P = U diag(g) Uᵀ
//   v(t) = w* - Zᵀ U φ(g) Uᵀ d,  φ(g) = (1 - e^(-tg))/g (flow) or (1 - (1-ηg)^ℓ)/g (GD, ℓ steps)
//   for P < N the same with Bᵀ B/P = V diag(g) Vᵀ:  U φ(g) Uᵀ d = B V (φ(g) ∘ Vᵀy)/P
//   L = Σ λ_k v_k² + σ² (population), L̂ = ||Ψv + σε||²/P = ||y - Bᵀc||²/P with c = U φ Uᵀ d.
// Every run r uses createRng(seed, r); the output is the mean over runs (and its standard error).
import { DomainError } from '../../errors.js';
import { EigenvalueDecomposition, Matrix } from 'ml-matrix';
import { createRng } from '../rng.js';

export interface SimulateOptions {
  a: number;
  b: number;
  N: number;
  P: number;
  /** modes M of the (necessarily truncated) simulated spectrum */
  modes: number;
  /** times (flow time), or GD step counts when `lr` is given */
  times: readonly number[];
  /** gradient descent with this learning rate: `times` are step counts (theory time = lr x steps) */
  lr?: number;
  sigma?: number;
  seed: number;
  runs: number;
  /** called after each run (progress bars) */
  onRun?: (done: number) => void;
}

export interface SimulateResult {
  t: number[];
  loss: number[];
  trainLoss: number[];
  /** standard error of the mean over runs */
  lossStderr: number[];
  trainLossStderr: number[];
  /** population loss of the predictor averaged over the runs (an ensemble of `runs` members, bagged) */
  ensembleLoss: number[];
  seed: number;
  runs: number;
  modes: number;
  /** largest Gram eigenvalue seen (GD is stable for lr * gMax < 2) */
  gMax: number;
}

export class UnstableStepError extends DomainError {
  constructor(readonly lr: number, readonly gMax: number) {
    super(`lr = ${lr} but lr must be < 2/g_max = ${(2 / gMax).toPrecision(4)}: gradient descent diverges (g_max = ${gMax.toPrecision(4)}, largest eigenvalue of the feature Gram matrix)`, { parameter: 'lr', value: lr, condition: `lr < ${(2 / gMax).toPrecision(4)}` });
    this.name = 'UnstableStepError';
  }
}

export function simulate(o: SimulateOptions): SimulateResult {
  if (!Number.isFinite(o.P)) return simulateInfiniteData(o);
  const { a, b, N, P, modes: M, times, runs } = o;
  const sigma = o.sigma ?? 0;
  const T = times.length;
  const lamSqrt = new Float64Array(M), lam = new Float64Array(M), wStar = new Float64Array(M);
  for (let k = 0; k < M; k++) {
    lam[k] = Math.pow(k + 1, -b);
    lamSqrt[k] = Math.sqrt(lam[k]);
    wStar[k] = Math.pow(k + 1, -(a - b) / 2); // λ_k w_k² = k^-a [paper eq.13, equalities as in the authors' code]
  }
  const sumL = new Float64Array(T), sumL2 = new Float64Array(T), sumH = new Float64Array(T), sumH2 = new Float64Array(T);
  const vMean = new Float64Array(T * M);
  let gMax = 0;
  for (let r = 0; r < runs; r++) {
    const rng = createRng(o.seed, r);
    const Z = new Float64Array(N * M);
    rng.normals(Z);
    const sN = 1 / Math.sqrt(N);
    for (let i = 0; i < Z.length; i++) Z[i] *= sN;
    // stream the data, four rows of Ψ at a time: rows μ give columns μ of B = ZΨᵀ and the labels y_μ
    const B = new Float64Array(N * P); // row-major N x P
    const y = new Float64Array(P);
    const psi = new Float64Array(4 * M);
    for (let mu0 = 0; mu0 < P; mu0 += 4) {
      const rows = Math.min(4, P - mu0);
      for (let q = 0; q < rows; q++) {
        const row = psi.subarray(q * M, (q + 1) * M);
        rng.normals(row);
        let ym = 0;
        for (let k = 0; k < M; k++) {
          row[k] *= lamSqrt[k];
          ym += row[k] * wStar[k];
        }
        y[mu0 + q] = ym + sigma * rng.normal();
      }
      if (rows === 4) {
        for (let i = 0; i < N; i++) {
          let a0 = 0, a1 = 0, a2 = 0, a3 = 0;
          const off = i * M;
          for (let k = 0; k < M; k++) {
            const z = Z[off + k];
            a0 += z * psi[k];
            a1 += z * psi[M + k];
            a2 += z * psi[2 * M + k];
            a3 += z * psi[3 * M + k];
          }
          const o = i * P + mu0;
          B[o] = a0;
          B[o + 1] = a1;
          B[o + 2] = a2;
          B[o + 3] = a3;
        }
      } else {
        for (let q = 0; q < rows; q++) for (let i = 0; i < N; i++) B[i * P + mu0 + q] = dot(Z, i * M, psi, q * M, M);
      }
    }
    // eigendecomposition on the smaller side; coefficients c(t) = (projection on range) for each t
    const small = Math.min(N, P);
    const G = new Matrix(small, small);
    if (N <= P) {
      for (let i = 0; i < N; i++) for (let j = i; j < N; j++) {
        const acc = dot(B, i * P, B, j * P, P);
        G.set(i, j, acc / P);
        G.set(j, i, acc / P);
      }
    } else {
      const BT = new Float64Array(P * N);
      for (let i = 0; i < N; i++) for (let mu = 0; mu < P; mu++) BT[mu * N + i] = B[i * P + mu];
      for (let mu = 0; mu < P; mu++) for (let nu = mu; nu < P; nu++) {
        const acc = dot(BT, mu * N, BT, nu * N, N);
        G.set(mu, nu, acc / P);
        G.set(nu, mu, acc / P);
      }
    }
    const eig = new EigenvalueDecomposition(G, { assumeSymmetric: true });
    const g = eig.realEigenvalues.map((x) => Math.max(x, 0));
    const U = eig.eigenvectorMatrix;
    for (const x of g) gMax = Math.max(gMax, x);
    if (o.lr !== undefined && o.lr * gMax >= 2) throw new UnstableStepError(o.lr, gMax);
    // projections: N <= P: Uᵀd with d = B y/P;  N > P: Vᵀy
    const proj = new Float64Array(small);
    if (N <= P) {
      const d = new Float64Array(N);
      for (let i = 0; i < N; i++) d[i] = dot(B, i * P, y, 0, P) / P;
      for (let q = 0; q < N; q++) {
        let acc = 0;
        for (let i = 0; i < N; i++) acc += U.get(i, q) * d[i];
        proj[q] = acc;
      }
    } else {
      for (let q = 0; q < P; q++) {
        let acc = 0;
        for (let mu = 0; mu < P; mu++) acc += U.get(mu, q) * y[mu];
        proj[q] = acc;
      }
    }
    const c = new Float64Array(N), v = new Float64Array(M), coef = new Float64Array(small), tmp = new Float64Array(P), res = new Float64Array(P);
    for (let ti = 0; ti < T; ti++) {
      const t = times[ti];
      for (let q = 0; q < small; q++) coef[q] = phi(g[q], t, o.lr) * proj[q];
      if (N <= P) {
        // c = U coef
        for (let i = 0; i < N; i++) {
          let acc = 0;
          for (let q = 0; q < N; q++) acc += U.get(i, q) * coef[q];
          c[i] = acc;
        }
      } else {
        // c = B V coef / P
        for (let mu = 0; mu < P; mu++) {
          let acc = 0;
          for (let q = 0; q < P; q++) acc += U.get(mu, q) * coef[q];
          tmp[mu] = acc / P;
        }
        for (let i = 0; i < N; i++) c[i] = dot(B, i * P, tmp, 0, P);
      }
      // v = w* - Zᵀc; population loss
      v.set(wStar);
      for (let i = 0; i < N; i++) {
        const ci = c[i], off = i * M;
        for (let k = 0; k < M; k++) v[k] -= Z[off + k] * ci;
      }
      let L = sigma * sigma;
      for (let k = 0; k < M; k++) L += lam[k] * v[k] * v[k];
      const vm = ti * M;
      for (let k = 0; k < M; k++) vMean[vm + k] += v[k] / runs;
      // training residual y - Bᵀc
      res.set(y);
      for (let i = 0; i < N; i++) {
        const ci = c[i], off = i * P;
        for (let mu = 0; mu < P; mu++) res[mu] -= B[off + mu] * ci;
      }
      const H = dot(res, 0, res, 0, P) / P;
      sumL[ti] += L;
      sumL2[ti] += L * L;
      sumH[ti] += H;
      sumH2[ti] += H * H;
    }
    o.onRun?.(r + 1);
  }
  const mean = (s: Float64Array) => Array.from(s, (x) => x / runs);
  const se = (s: Float64Array, s2: Float64Array) =>
    Array.from(s, (x, i) => (runs > 1 ? Math.sqrt(Math.max(0, s2[i] / runs - (x / runs) ** 2) / (runs - 1)) : 0));
  const ensembleLoss = Array.from({ length: T }, (_, ti) => {
    let L = sigma * sigma;
    for (let k = 0; k < M; k++) L += lam[k] * vMean[ti * M + k] ** 2;
    return L;
  });
  return {
    t: [...times],
    loss: mean(sumL),
    trainLoss: mean(sumH),
    lossStderr: se(sumL, sumL2),
    trainLossStderr: se(sumH, sumH2),
    ensembleLoss,
    seed: o.seed,
    runs,
    modes: M,
    gMax,
  };
}

/**
 * P = inf (no data limit; the t, P -> inf limit behind the width bottleneck, random-features.md §3.3):
 * gradient flow on the population loss, G = Z Λ Zᵀ, d = Z Λ w*, v(t) = w* - Zᵀ U φ(g) Uᵀ d, train = test.
 * Time may be Infinity (φ = 1/g on the range of G: the best fit by N features).
 */
function simulateInfiniteData(o: SimulateOptions): SimulateResult {
  const { a, b, N, modes: M, times, runs } = o;
  const sigma = o.sigma ?? 0;
  const T = times.length;
  const lam = new Float64Array(M), wStar = new Float64Array(M), lw = new Float64Array(M);
  for (let k = 0; k < M; k++) {
    lam[k] = Math.pow(k + 1, -b);
    wStar[k] = Math.pow(k + 1, -(a - b) / 2);
    lw[k] = lam[k] * wStar[k];
  }
  const sumL = new Float64Array(T), sumL2 = new Float64Array(T);
  const vMean = new Float64Array(T * M);
  let gMax = 0;
  for (let r = 0; r < runs; r++) {
    const rng = createRng(o.seed, r);
    const Z = new Float64Array(N * M);
    rng.normals(Z);
    const sN = 1 / Math.sqrt(N);
    for (let i = 0; i < Z.length; i++) Z[i] *= sN;
    const ZL = new Float64Array(N * M); // Z Λ^(1/2)
    for (let i = 0; i < N; i++) for (let k = 0; k < M; k++) ZL[i * M + k] = Z[i * M + k] * Math.sqrt(lam[k]);
    const G = new Matrix(N, N);
    for (let i = 0; i < N; i++) for (let j = i; j < N; j++) {
      const acc = dot(ZL, i * M, ZL, j * M, M);
      G.set(i, j, acc);
      G.set(j, i, acc);
    }
    const d = new Float64Array(N);
    for (let i = 0; i < N; i++) d[i] = dot(Z, i * M, lw, 0, M);
    const eig = new EigenvalueDecomposition(G, { assumeSymmetric: true });
    const g = eig.realEigenvalues.map((x) => Math.max(x, 0));
    const U = eig.eigenvectorMatrix;
    const gTop = Math.max(...g);
    gMax = Math.max(gMax, gTop);
    if (o.lr !== undefined && o.lr * gTop >= 2) throw new UnstableStepError(o.lr, gTop);
    const proj = new Float64Array(N);
    for (let q = 0; q < N; q++) {
      let acc = 0;
      for (let i = 0; i < N; i++) acc += U.get(i, q) * d[i];
      proj[q] = acc;
    }
    const c = new Float64Array(N), v = new Float64Array(M), coef = new Float64Array(N);
    for (let ti = 0; ti < T; ti++) {
      const t = times[ti];
      for (let q = 0; q < N; q++) coef[q] = Number.isFinite(t) ? phi(g[q], t, o.lr) * proj[q] : g[q] > 1e-12 * gTop ? proj[q] / g[q] : 0;
      for (let i = 0; i < N; i++) {
        let acc = 0;
        for (let q = 0; q < N; q++) acc += U.get(i, q) * coef[q];
        c[i] = acc;
      }
      v.set(wStar);
      for (let i = 0; i < N; i++) {
        const ci = c[i], off = i * M;
        for (let k = 0; k < M; k++) v[k] -= Z[off + k] * ci;
      }
      let L = sigma * sigma;
      for (let k = 0; k < M; k++) L += lam[k] * v[k] * v[k];
      for (let k = 0; k < M; k++) vMean[ti * M + k] += v[k] / runs;
      sumL[ti] += L;
      sumL2[ti] += L * L;
    }
    o.onRun?.(r + 1);
  }
  const loss = Array.from(sumL, (x) => x / runs);
  const se = Array.from(sumL, (x, i) => (runs > 1 ? Math.sqrt(Math.max(0, sumL2[i] / runs - (x / runs) ** 2) / (runs - 1)) : 0));
  const ensembleLoss = Array.from({ length: T }, (_, ti) => {
    let L = sigma * sigma;
    for (let k = 0; k < M; k++) L += lam[k] * vMean[ti * M + k] ** 2;
    return L;
  });
  return { t: [...times], loss, trainLoss: [...loss], lossStderr: se, trainLossStderr: [...se], ensembleLoss, seed: o.seed, runs, modes: M, gMax };
}

/** x[xo..xo+n) · y[yo..yo+n), four accumulators (the loops here are latency-bound). */
function dot(x: Float64Array, xo: number, y: Float64Array, yo: number, n: number): number {
  let a0 = 0, a1 = 0, a2 = 0, a3 = 0, k = 0;
  for (; k + 3 < n; k += 4) {
    a0 += x[xo + k] * y[yo + k];
    a1 += x[xo + k + 1] * y[yo + k + 1];
    a2 += x[xo + k + 2] * y[yo + k + 2];
    a3 += x[xo + k + 3] * y[yo + k + 3];
  }
  for (; k < n; k++) a0 += x[xo + k] * y[yo + k];
  return a0 + a1 + (a2 + a3);
}

/** φ(g) = (1 - e^(-tg))/g for flow, (1 - (1-ηg)^ℓ)/g for GD; φ(0) = t or ηℓ. */
function phi(g: number, t: number, lr?: number): number {
  if (lr === undefined) return g * t < 1e-8 ? t * (1 - (g * t) / 2) : -Math.expm1(-t * g) / g;
  if (g * lr < 1e-12) return lr * t;
  return (1 - Math.pow(1 - lr * g, t)) / g;
}
