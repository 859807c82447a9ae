// Symmetric eigenproblem for the Volterra input (plrf.md §2.1): eigenvalues of a symmetric matrix S and
// the projections Q^T c of one vector c on its eigenvectors, without forming the eigenvectors.
// Householder tridiagonalisation (reflectors applied to c as they are made) followed by the implicit
// QL iteration with Wilkinson-type shifts (Numerical Recipes `tqli`), whose Givens rotations are applied to
// the projected vector only: O(n^3) for the reduction, O(n^2) for QL. Chosen by measurement over
// ml-matrix's EigenvalueDecomposition (full eigenvectors, arrays of arrays: ~9 s at n = 1000). Both steps
// run in WebAssembly SIMD (../linalg/kernels.c, the same algorithms: ~0.1 s at n = 1000) with the
// JavaScript versions below as the fallback (~0.5-0.9 s); see docs/plrf-numerics.md, Cost.
// [derived: standard algorithms; checked against ml-matrix, known spectra and each other in the tests]

import { wasmKernels, type WasmKernels } from '../linalg/wasm.js';

export interface ProjectedEigen {
  /** eigenvalues, descending */
  values: Float64Array;
  /** (Q^T c)_k for the eigenvector of values[k] */
  projections: Float64Array;
}

/**
 * Eigenvalues of the symmetric n x n matrix `a` (row-major, full storage; only the lower triangle is read;
 * overwritten by the JavaScript path) and the projections of `c` on the eigenvectors. Runs in the
 * WebAssembly SIMD kernels (../linalg/kernels.c: the same two algorithms) when available, else in
 * JavaScript (`symmetricEigenProjectedJs`).
 */
export function symmetricEigenProjected(a: Float64Array, n: number, c: Float64Array): ProjectedEigen {
  if (a.length !== n * n || c.length !== n) throw new Error(`symmetricEigenProjected: sizes ${a.length}, ${c.length} do not match n = ${n}`);
  const k = wasmKernels();
  if (!k) return symmetricEigenProjectedJs(a, n, c);
  const [aPtr, ...scratch] = k.reserve([n * n, ...wasmEigenScratch(n)]);
  k.f64(aPtr, n * n).set(a);
  return eigenProjectedInWasm(k, aPtr, n, n, c, scratch);
}

/** The JavaScript-only path (no WebAssembly), kept for comparison and as the fallback. `a` is overwritten. */
export function symmetricEigenProjectedJs(a: Float64Array, n: number, c: Float64Array): ProjectedEigen {
  if (a.length !== n * n || c.length !== n) throw new Error(`symmetricEigenProjectedJs: sizes ${a.length}, ${c.length} do not match n = ${n}`);
  const { diag, off, y } = tridiagonalizeJs(a, n, c);
  tridiagonalQL(diag, off, y);
  return sortedDescending(diag, y);
}

/** Lengths (doubles) of the scratch blocks `eigenProjectedInWasm` needs at order n. */
export function wasmEigenScratch(n: number): number[] {
  return [n, n, n, 4 * n];
}

/**
 * `symmetricEigenProjected` for a matrix already in WebAssembly memory (byte offset aPtr, leading
 * dimension ld >= n, lower triangle; overwritten), with scratch blocks laid out by the caller
 * (`k.reserve` with `wasmEigenScratch(n)`), so that W^T D W is never copied out.
 */
export function eigenProjectedInWasm(k: WasmKernels, aPtr: number, ld: number, n: number, c: Float64Array, scratch: readonly number[]): ProjectedEigen {
  const [yPtr, dPtr, oPtr, wPtr] = scratch;
  k.f64(yPtr, n).set(c);
  k.exports.tridiagonalize(aPtr, ld, n, yPtr, dPtr, oPtr, wPtr);
  if (k.exports.tridiagonal_ql(dPtr, oPtr, yPtr, n) !== 0) throw new Error('tridiagonalQL: no convergence after 100 iterations');
  return sortedDescending(k.f64(dPtr, n), k.f64(yPtr, n));
}

interface Tridiagonal {
  /** T[i][i] */
  diag: Float64Array;
  /** T[i+1][i]; off[n-1] = 0 */
  off: Float64Array;
  /** Q_H^T c, the Householder reflectors applied to c */
  y: Float64Array;
}

/** Householder tridiagonalisation of the lower triangle of `a` (overwritten), reflectors applied to c. */
function tridiagonalizeJs(a: Float64Array, n: number, c: Float64Array): Tridiagonal {
  const y = Float64Array.from(c);
  const diag = new Float64Array(n);
  const off = new Float64Array(n); // off[i] = T[i+1][i]; off[n-1] = 0
  // Only the lower triangle (j <= i) of `a` is read and updated. Step k's rank-2 update of the trailing
  // block is fused with the product A v needed by step k+1: one sweep of the triangle per step.
  let v = new Float64Array(n);
  let vNext = new Float64Array(n);
  let p = new Float64Array(n);
  let pNext = new Float64Array(n);
  const quad = new Float64Array(4 * n);
  const reflector = (k: number, u: Float64Array): number => {
    // Householder H = I - beta u u^T with H a[k+1.., k] = alpha e_1; returns beta (0: nothing to do)
    let norm2 = 0;
    for (let i = k + 1; i < n; i++) norm2 += a[i * n + k] * a[i * n + k];
    const x0 = a[(k + 1) * n + k];
    u.fill(0);
    if (norm2 === 0 || norm2 - x0 * x0 <= 1e-300) {
      off[k] = x0;
      return 0;
    }
    const norm = Math.sqrt(norm2);
    const alpha = x0 > 0 ? -norm : norm;
    for (let i = k + 1; i < n; i++) u[i] = a[i * n + k];
    u[k + 1] -= alpha;
    let uu = 0;
    for (let i = k + 1; i < n; i++) uu += u[i] * u[i];
    off[k] = alpha;
    return 2 / uu;
  };
  if (n > 2) {
    let beta = reflector(0, v);
    // p = beta A[1:,1:] v
    p.fill(0);
    for (let i = 1; i < n; i++) {
      const row = i * n;
      const vi = v[i];
      let s = 0;
      for (let j = 1; j < i; j++) {
        s += a[row + j] * v[j];
        p[j] += a[row + j] * vi;
      }
      p[i] += s + a[row + i] * vi;
    }
    for (let i = 1; i < n; i++) p[i] *= beta;
    for (let k = 0; k < n - 2; k++) {
      const s0 = k + 1;
      // w = p - (beta v^T p / 2) v   (stored in p)
      let vp = 0;
      for (let i = s0; i < n; i++) vp += v[i] * p[i];
      const kk = (beta * vp) / 2;
      for (let i = s0; i < n; i++) p[i] -= kk * v[i];
      // y <- H y
      let vy = 0;
      for (let i = s0; i < n; i++) vy += v[i] * y[i];
      vy *= beta;
      for (let i = s0; i < n; i++) y[i] -= vy * v[i];
      if (k + 1 <= n - 3) {
        // update column k+1 of the trailing block, then the next reflector from it
        const vk = v[s0], wk = p[s0];
        for (let i = s0; i < n; i++) a[i * n + s0] -= v[i] * wk + p[i] * vk;
        const betaNext = reflector(s0, vNext);
        // fused: update rows i >= k+2 and accumulate pNext = A_new vNext; the four vectors are copied into
        // one interleaved array so that the inner loop reads a single unit-stride stream besides the row
        const s1 = s0 + 1;
        for (let j = s1; j < n; j++) {
          const t = 4 * j;
          quad[t] = v[j];
          quad[t + 1] = p[j];
          quad[t + 2] = vNext[j];
          quad[t + 3] = 0;
        }
        for (let i = s1; i < n; i++) {
          const row = i * n;
          const vi = v[i], wi = p[i], ui = vNext[i];
          let s = 0;
          for (let j = s1, t = 4 * s1; j < i; j++, t += 4) {
            const x = a[row + j] - (vi * quad[t + 1] + wi * quad[t]);
            a[row + j] = x;
            s += x * quad[t + 2];
            quad[t + 3] += x * ui;
          }
          const x = a[row + i] - 2 * vi * wi;
          a[row + i] = x;
          quad[4 * i + 3] += s + x * ui;
        }
        for (let j = s1; j < n; j++) pNext[j] = quad[4 * j + 3];
        for (let i = s1; i < n; i++) pNext[i] *= betaNext;
        [v, vNext] = [vNext, v];
        [p, pNext] = [pNext, p];
        beta = betaNext;
      } else {
        for (let i = s0; i < n; i++) {
          const row = i * n;
          for (let j = s0; j <= i; j++) a[row + j] -= v[i] * p[j] + p[i] * v[j];
        }
      }
    }
  }
  for (let i = 0; i < n; i++) diag[i] = a[i * n + i];
  if (n >= 2) off[n - 2] = a[(n - 1) * n + (n - 2)];
  off[n - 1] = 0;
  return { diag, off, y };
}

/** eigenvalues (the QL diagonal) sorted descending, with their projections (copies) */
function sortedDescending(diag: Float64Array, y: Float64Array): ProjectedEigen {
  const n = diag.length;
  const order = Array.from({ length: n }, (_, i) => i).sort((i, j) => diag[j] - diag[i]);
  const values = new Float64Array(n);
  const projections = new Float64Array(n);
  order.forEach((o, k) => {
    values[k] = diag[o];
    projections[k] = y[o];
  });
  return { values, projections };
}

/** Implicit QL on the tridiagonal (d, e) (e[i] couples i and i+1), rotations applied to y. In place. */
export function tridiagonalQL(d: Float64Array, e: Float64Array, y: Float64Array): void {
  const n = d.length;
  const EPS = Number.EPSILON;
  for (let l = 0; l < n; l++) {
    let iter = 0;
    let m: number;
    do {
      for (m = l; m < n - 1; m++) {
        const dd = Math.abs(d[m]) + Math.abs(d[m + 1]);
        if (Math.abs(e[m]) <= EPS * dd) break;
      }
      if (m !== l) {
        if (iter++ === 100) throw new Error('tridiagonalQL: no convergence after 100 iterations');
        let g = (d[l + 1] - d[l]) / (2 * e[l]);
        let r = Math.hypot(g, 1);
        g = d[m] - d[l] + e[l] / (g + (g >= 0 ? Math.abs(r) : -Math.abs(r)));
        let s = 1, c = 1, p = 0;
        let i: number;
        let underflow = false;
        for (i = m - 1; i >= l; i--) {
          let f = s * e[i];
          const b = c * e[i];
          e[i + 1] = r = Math.hypot(f, g);
          if (r === 0) {
            d[i + 1] -= p;
            e[m] = 0;
            underflow = true;
            break;
          }
          s = f / r;
          c = g / r;
          g = d[i + 1] - p;
          r = (d[i] - g) * s + 2 * c * b;
          p = s * r;
          d[i + 1] = g + p;
          g = c * r - b;
          f = y[i + 1];
          y[i + 1] = s * y[i] + c * f;
          y[i] = c * y[i] - s * f;
        }
        if (underflow) continue;
        d[l] -= p;
        e[l] = g;
        e[m] = 0;
      }
    } while (m !== l);
  }
}
