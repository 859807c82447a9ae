// The WebAssembly SIMD kernels of the volterra path (src/numeric/linalg/kernels.c via wasm.ts):
// eigenvalues and projections against matrices with a known spectrum, the WebAssembly path against the
// JavaScript path (the code before the kernels) for the eigenproblem, for W^T D W and for the loss curve,
// and the degenerate cases of the Householder reduction and QL.
import { afterEach, describe, expect, it } from 'vitest';
import { test, fc } from '@fast-check/vitest';
import { symmetricEigenProjected, symmetricEigenProjectedJs } from '../src/numeric/plrf/eigen.js';
import { covarianceJs, sampleCovariance, sampledSpectrum } from '../src/numeric/plrf/spectrum.js';
import { resolveParams } from '../src/numeric/plrf/setup.js';
import { plrfCurve } from '../src/numeric/plrf/curve.js';
import { useWasmKernels, wasmKernels } from '../src/numeric/linalg/wasm.js';
import { createRng } from '../src/numeric/rng.js';

afterEach(() => useWasmKernels(true));

/**
 * A = Q diag(lambda) Q^T and c = Q z for a seeded orthogonal Q (a product of n Householder reflectors),
 * so that the eigenvalues are lambda and the projections of c on the eigenvectors are z (up to sign).
 */
function knownSpectrum(lambda: number[], z: number[], seed: number): { A: Float64Array; c: Float64Array } {
  const n = lambda.length;
  const rng = createRng(seed, 7);
  const Q = new Float64Array(n * n);
  for (let i = 0; i < n; i++) Q[i * n + i] = 1;
  const u = new Float64Array(n);
  for (let r = 0; r < n; r++) {
    rng.normals(u);
    let uu = 0;
    for (const x of u) uu += x * x;
    // Q <- (I - 2 u u^T / u^T u) Q
    for (let j = 0; j < n; j++) {
      let s = 0;
      for (let i = 0; i < n; i++) s += u[i] * Q[i * n + j];
      s *= 2 / uu;
      for (let i = 0; i < n; i++) Q[i * n + j] -= s * u[i];
    }
  }
  const A = new Float64Array(n * n), c = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    for (let k = 0; k < n; k++) c[i] += Q[i * n + k] * z[k];
    for (let j = 0; j < n; j++) {
      let s = 0;
      for (let k = 0; k < n; k++) s += Q[i * n + k] * lambda[k] * Q[j * n + k];
      A[i * n + j] = s;
    }
  }
  return { A, c };
}

const maxAbs = (xs: ArrayLike<number>) => Array.from(xs).reduce((m, x) => Math.max(m, Math.abs(x)), 0);
const norm = (xs: ArrayLike<number>) => Math.sqrt(Array.from(xs).reduce((s, x) => s + x * x, 0));

describe('WebAssembly kernels', () => {
  it('load in this Node (WebAssembly SIMD)', () => {
    expect(wasmKernels()).not.toBeNull();
  });

  test.prop([fc.integer({ min: 1, max: 48 }), fc.integer({ min: 0, max: 1e6 }), fc.boolean()], { numRuns: 40 })(
    'known spectrum: eigenvalues to 1e-10 relative, projections to 1e-10 of |c| (both paths)',
    (n, seed, decaying) => {
      const rng = createRng(seed, 3);
      // well-separated eigenvalues (relative gaps >= 1/(2n)), either power-law decaying or of both signs
      const lambda = Array.from({ length: n }, (_, k) => (decaying ? Math.pow(k + 1, -1.4) : (k - n / 3 + 0.5) / n));
      const z = Array.from({ length: n }, () => rng.normal());
      const { A, c } = knownSpectrum(lambda, z, seed);
      const order = lambda.map((_, k) => k).sort((i, j) => lambda[j] - lambda[i]);
      const lmax = maxAbs(lambda), cn = norm(c);
      for (const solve of [symmetricEigenProjected, symmetricEigenProjectedJs]) {
        const { values, projections } = solve(A.slice(), n, c);
        order.forEach((o, k) => {
          // backward-stable solvers: absolute error ~ n eps |A|, so relative to each eigenvalue for the
          // decaying spectrum (smallest 48^-1.4 ~ 4e-3 of the largest) and to |A| for the signed one
          expect(Math.abs(values[k] - lambda[o])).toBeLessThanOrEqual(1e-10 * (decaying ? Math.abs(lambda[o]) : lmax));
          expect(Math.abs(Math.abs(projections[k]) - Math.abs(z[o]))).toBeLessThanOrEqual(1e-10 * cn);
        });
      }
    },
  );

  it('degenerate inputs: n = 1, 2, 3, a diagonal matrix, the zero matrix, a repeated eigenvalue', () => {
    const cases: { A: number[]; c: number[]; values: number[]; proj2: number[] }[] = [
      { A: [2], c: [3], values: [2], proj2: [9] },
      { A: [1, 0, 0, 3], c: [1, 2], values: [3, 1], proj2: [4, 1] },
      { A: [2, 1, 1, 2], c: [1, 0], values: [3, 1], proj2: [0.5, 0.5] },
      { A: [5, 0, 0, 0, 1, 0, 0, 0, 3], c: [1, 2, 3], values: [5, 3, 1], proj2: [1, 9, 4] },
      { A: Array(16).fill(0), c: [1, 1, 1, 1], values: [0, 0, 0, 0], proj2: [] },
      { A: [2, 0, 0, 0, 0, 2, 0, 0, 0, 0, 2, 0, 0, 0, 0, 2], c: [1, 2, 3, 4], values: [2, 2, 2, 2], proj2: [] },
    ];
    for (const on of [true, false]) {
      useWasmKernels(on);
      for (const t of cases) {
        const n = t.c.length;
        const { values, projections } = symmetricEigenProjected(Float64Array.from(t.A), n, Float64Array.from(t.c));
        t.values.forEach((v, k) => expect(Math.abs(values[k] - v)).toBeLessThanOrEqual(1e-14 * Math.max(1, Math.abs(v))));
        t.proj2.forEach((p2, k) => expect(Math.abs(projections[k] ** 2 - p2)).toBeLessThanOrEqual(1e-14 * 16));
        // with a repeated eigenvalue only the total is defined: sum y^2 = |c|^2
        expect(Math.abs(Array.from(projections).reduce((s, y) => s + y * y, 0) - norm(t.c) ** 2)).toBeLessThanOrEqual(1e-13 * norm(t.c) ** 2);
      }
    }
  });

  it('eigenproblem of W^T D W at d = 300: the WebAssembly path equals the JavaScript path to 1e-12 |Sigma| and 1e-10 |c|', () => {
    const p = resolveParams({ alpha: 0.7, beta: 1.2, d: 300 });
    const { sigma, c } = covarianceJs(p, 5);
    const w = symmetricEigenProjected(sigma.slice(), p.d, c);
    const j = symmetricEigenProjectedJs(sigma.slice(), p.d, c);
    const lmax = j.values[0], cn = norm(c);
    for (let k = 0; k < p.d; k++) {
      expect(Math.abs(w.values[k] - j.values[k])).toBeLessThanOrEqual(1e-12 * lmax);
      expect(Math.abs(Math.abs(w.projections[k]) - Math.abs(j.projections[k]))).toBeLessThanOrEqual(1e-10 * cn);
    }
  });

  test.prop([fc.integer({ min: 4, max: 70 }), fc.integer({ min: 0, max: 1e6 }), fc.integer({ min: 1, max: 6 })], { numRuns: 25 })(
    'W^T D W: the WebAssembly rank-v update equals the JavaScript one to rounding, c bit for bit (d not a multiple of 4, v not of the panel)',
    (d, seed, vOverD) => {
      const p = resolveParams({ alpha: 0.6, beta: 0.9, d, v: vOverD * d + (seed % 3) });
      const a = sampleCovariance(p, seed);
      const b = covarianceJs(p, seed);
      expect(Array.from(a.c)).toEqual(Array.from(b.c));
      for (let i = 0; i < d; i++) {
        for (let k = 0; k <= i; k++) {
          const scale = Math.sqrt(b.sigma[i * d + i] * b.sigma[k * d + k]);
          expect(Math.abs(a.sigma[i * d + k] - b.sigma[i * d + k])).toBeLessThanOrEqual(1e-13 * scale);
        }
      }
    },
  );

  it('volterra loss curve at d = 256 and d = 130: WebAssembly and JavaScript paths agree to 1e-9 relative', () => {
    for (const [d, seed] of [[256, 1], [130, 4]]) {
      const req = { alpha: 0.7, beta: 1.2, d, steps: 1e6, method: 'volterra' as const, seed };
      const w = plrfCurve(req);
      useWasmKernels(false);
      const j = plrfCurve(req);
      useWasmKernels(true);
      w.loss.forEach((l, i) => expect(Math.abs(l - j.loss[i])).toBeLessThanOrEqual(1e-9 * j.loss[i]));
      const sw = sampledSpectrum(resolveParams(req), seed);
      useWasmKernels(false);
      const sj = sampledSpectrum(resolveParams(req), seed);
      expect(Math.abs(sw.F0 - sj.F0)).toBeLessThanOrEqual(1e-9 * sj.F0);
    }
  });
});
