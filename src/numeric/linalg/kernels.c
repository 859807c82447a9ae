// WebAssembly SIMD kernels for the PLRF volterra path (src/numeric/linalg/wasm.ts loads them; built by
// src/numeric/linalg/build-wasm.sh into kernels-wasm.ts). Plain C, no libc; f64x2 SIMD (Node >= 16).
// [derived: standard algorithms, the same arithmetic as the JavaScript versions in
// src/numeric/plrf/spectrum.ts and eigen.ts up to the order of the sums; tested against them]
#include <wasm_simd128.h>

extern unsigned char __heap_base;

__attribute__((export_name("heap_base"))) unsigned heap_base(void) { return (unsigned)&__heap_base; }

// ---------------------------------------------------------------------------------------------------
// Sigma += A^T A for one panel of K rows of A (K x d), lower block triangle of Sigma (ld x ld, row-major;
// ld = d rounded up to a multiple of 4). The panel is packed by column quads: P[q*Ks*4 + b*4 + t] =
// A[b][4q + t] (zero beyond d), Ks >= K the panel's capacity. Each 4 x 4 tile of Sigma (row quad qi >= column quad qk) is accumulated in
// eight f64x2 registers over the K rows, then added to Sigma once: Sigma is read and written once per
// panel. Tiles on the diagonal are computed whole (their upper part is never read).
// noinline (here and update_row): V8 runs a function first in its baseline compiler and swaps in the
// optimised code between calls, so the hot loops live in functions that are called many times.
__attribute__((noinline)) static void tile4x4(double *S, int ld, const double *Pi, const double *Pk, int K) {
  v128_t c00 = wasm_f64x2_splat(0), c01 = c00, c10 = c00, c11 = c00, c20 = c00, c21 = c00, c30 = c00, c31 = c00;
  for (int b = 0; b < K; b++) {
    const double *pk = Pk + 4 * b, *pi = Pi + 4 * b;
    v128_t k0 = wasm_v128_load(pk), k1 = wasm_v128_load(pk + 2);
    v128_t a0 = wasm_v128_load64_splat(pi), a1 = wasm_v128_load64_splat(pi + 1);
    v128_t a2 = wasm_v128_load64_splat(pi + 2), a3 = wasm_v128_load64_splat(pi + 3);
    c00 = wasm_f64x2_add(c00, wasm_f64x2_mul(a0, k0));
    c01 = wasm_f64x2_add(c01, wasm_f64x2_mul(a0, k1));
    c10 = wasm_f64x2_add(c10, wasm_f64x2_mul(a1, k0));
    c11 = wasm_f64x2_add(c11, wasm_f64x2_mul(a1, k1));
    c20 = wasm_f64x2_add(c20, wasm_f64x2_mul(a2, k0));
    c21 = wasm_f64x2_add(c21, wasm_f64x2_mul(a2, k1));
    c30 = wasm_f64x2_add(c30, wasm_f64x2_mul(a3, k0));
    c31 = wasm_f64x2_add(c31, wasm_f64x2_mul(a3, k1));
  }
  double *s0 = S, *s1 = S + ld, *s2 = S + 2 * ld, *s3 = S + 3 * ld;
  wasm_v128_store(s0, wasm_f64x2_add(wasm_v128_load(s0), c00));
  wasm_v128_store(s0 + 2, wasm_f64x2_add(wasm_v128_load(s0 + 2), c01));
  wasm_v128_store(s1, wasm_f64x2_add(wasm_v128_load(s1), c10));
  wasm_v128_store(s1 + 2, wasm_f64x2_add(wasm_v128_load(s1 + 2), c11));
  wasm_v128_store(s2, wasm_f64x2_add(wasm_v128_load(s2), c20));
  wasm_v128_store(s2 + 2, wasm_f64x2_add(wasm_v128_load(s2 + 2), c21));
  wasm_v128_store(s3, wasm_f64x2_add(wasm_v128_load(s3), c30));
  wasm_v128_store(s3 + 2, wasm_f64x2_add(wasm_v128_load(s3 + 2), c31));
}

__attribute__((export_name("syrk_panel"))) void syrk_panel(double *S, int ld, const double *P, int Ks, int K) {
  int nq = ld / 4;
  for (int qi = 0; qi < nq; qi++) {
    const double *Pi = P + (long)qi * Ks * 4;
    for (int qk = 0; qk <= qi; qk++) tile4x4(S + (long)(4 * qi) * ld + 4 * qk, ld, Pi, P + (long)qk * Ks * 4, K);
  }
}

// The same for K rows of A given row-major in R (K x ld, columns d..ld zero), packed here into P
// (ld * K doubles) first.
__attribute__((export_name("syrk_rows"))) void syrk_rows(double *S, int ld, const double *R, double *P, int K) {
  int nq = ld / 4;
  for (int q = 0; q < nq; q++) {
    double *pq = P + (long)q * K * 4;
    for (int b = 0; b < K; b++) {
      const double *r = R + (long)b * ld + 4 * q;
      wasm_v128_store(pq + 4 * b, wasm_v128_load(r));
      wasm_v128_store(pq + 4 * b + 2, wasm_v128_load(r + 2));
    }
  }
  syrk_panel(S, ld, P, K, K);
}

// ---------------------------------------------------------------------------------------------------
// Householder tridiagonalisation of the symmetric n x n matrix a (row-major, leading dimension ld; only
// the lower triangle j <= i is read and updated), the reflectors applied to y as they are made
// (eigen.ts symmetricEigenProjected, same algorithm: step k's rank-2 update of the trailing block is
// fused with the product A u of step k+1, one sweep of the triangle per step). Writes the diagonal to
// diag[0..n) and the subdiagonal T[i+1][i] to off[0..n-1), off[n-1] = 0. work: 4 n doubles.
static double dsqrt(double x) { return __builtin_sqrt(x); }

// Householder vector of column k below the diagonal into u (u[k+1..n)), zero elsewhere from k on;
// returns beta = 2 / u^T u (0: nothing to do) and stores the new subdiagonal in off[k].
static double reflector(double *a, int ld, int n, int k, double *u, double *off) {
  double norm2 = 0;
  for (int i = k + 1; i < n; i++) norm2 += a[(long)i * ld + k] * a[(long)i * ld + k];
  double x0 = a[(long)(k + 1) * ld + k];
  for (int i = k; i < n; i++) u[i] = 0;
  if (norm2 == 0 || norm2 - x0 * x0 <= 1e-300) {
    off[k] = x0;
    return 0;
  }
  double norm = dsqrt(norm2);
  double alpha = x0 > 0 ? -norm : norm;
  for (int i = k + 1; i < n; i++) u[i] = a[(long)i * ld + k];
  u[k + 1] -= alpha;
  double uu = 0;
  for (int i = k + 1; i < n; i++) uu += u[i] * u[i];
  off[k] = alpha;
  return 2 / uu;
}

// row i of the fused step: a[i][j] -= v_i w_j + w_i v_j for s1 <= j <= i, q_j += a_new[i][j] u_i (j < i)
// and q_i += sum_{j<i} a_new[i][j] u_j + a_new[i][i] u_i (q = A_new u from the lower triangle)
__attribute__((noinline)) static void update_row(double *row, int s1, int i, double vi, double wi, double ui, const double *v, const double *w, const double *u, double *q) {
  const v128_t VI = wasm_f64x2_splat(vi), WI = wasm_f64x2_splat(wi), UI = wasm_f64x2_splat(ui);
  v128_t S = wasm_f64x2_splat(0);
  int j = s1;
  if ((j & 1) && j < i) {
    double x = row[j] - (vi * w[j] + wi * v[j]);
    row[j] = x;
    S = wasm_f64x2_replace_lane(S, 0, x * u[j]);
    q[j] += x * ui;
    j++;
  }
  for (; j + 1 < i; j += 2) {
    v128_t x = wasm_f64x2_sub(wasm_v128_load(row + j),
                              wasm_f64x2_add(wasm_f64x2_mul(VI, wasm_v128_load(w + j)), wasm_f64x2_mul(WI, wasm_v128_load(v + j))));
    wasm_v128_store(row + j, x);
    S = wasm_f64x2_add(S, wasm_f64x2_mul(x, wasm_v128_load(u + j)));
    wasm_v128_store(q + j, wasm_f64x2_add(wasm_v128_load(q + j), wasm_f64x2_mul(x, UI)));
  }
  double s = wasm_f64x2_extract_lane(S, 0) + wasm_f64x2_extract_lane(S, 1);
  for (; j < i; j++) {
    double x = row[j] - (vi * w[j] + wi * v[j]);
    row[j] = x;
    s += x * u[j];
    q[j] += x * ui;
  }
  double x = row[i] - 2 * vi * wi;
  row[i] = x;
  q[i] += s + x * ui;
}

// rows i and i+1 together: the column vectors w, v, u, q are loaded once for both rows
__attribute__((noinline)) static void update_row_pair(double *row0, double *row1, int s1, int i, const double *v, const double *w, const double *u, double *q) {
  const double v0 = v[i], w0 = w[i], u0 = u[i], v1 = v[i + 1], w1 = w[i + 1], u1 = u[i + 1];
  const v128_t V0 = wasm_f64x2_splat(v0), W0 = wasm_f64x2_splat(w0), U0 = wasm_f64x2_splat(u0);
  const v128_t V1 = wasm_f64x2_splat(v1), W1 = wasm_f64x2_splat(w1), U1 = wasm_f64x2_splat(u1);
  v128_t S0 = wasm_f64x2_splat(0), S1 = S0;
  int j = s1;
  double s0 = 0, s1s = 0;
  if ((j & 1) && j < i) {
    double x0 = row0[j] - (v0 * w[j] + w0 * v[j]), x1 = row1[j] - (v1 * w[j] + w1 * v[j]);
    row0[j] = x0;
    row1[j] = x1;
    s0 += x0 * u[j];
    s1s += x1 * u[j];
    q[j] += x0 * u0 + x1 * u1;
    j++;
  }
  for (; j + 1 < i; j += 2) {
    v128_t wj = wasm_v128_load(w + j), vj = wasm_v128_load(v + j), uj = wasm_v128_load(u + j);
    v128_t x0 = wasm_f64x2_sub(wasm_v128_load(row0 + j), wasm_f64x2_add(wasm_f64x2_mul(V0, wj), wasm_f64x2_mul(W0, vj)));
    v128_t x1 = wasm_f64x2_sub(wasm_v128_load(row1 + j), wasm_f64x2_add(wasm_f64x2_mul(V1, wj), wasm_f64x2_mul(W1, vj)));
    wasm_v128_store(row0 + j, x0);
    wasm_v128_store(row1 + j, x1);
    S0 = wasm_f64x2_add(S0, wasm_f64x2_mul(x0, uj));
    S1 = wasm_f64x2_add(S1, wasm_f64x2_mul(x1, uj));
    wasm_v128_store(q + j, wasm_f64x2_add(wasm_v128_load(q + j), wasm_f64x2_add(wasm_f64x2_mul(x0, U0), wasm_f64x2_mul(x1, U1))));
  }
  s0 += wasm_f64x2_extract_lane(S0, 0) + wasm_f64x2_extract_lane(S0, 1);
  s1s += wasm_f64x2_extract_lane(S1, 0) + wasm_f64x2_extract_lane(S1, 1);
  for (; j < i; j++) {
    double x0 = row0[j] - (v0 * w[j] + w0 * v[j]), x1 = row1[j] - (v1 * w[j] + w1 * v[j]);
    row0[j] = x0;
    row1[j] = x1;
    s0 += x0 * u[j];
    s1s += x1 * u[j];
    q[j] += x0 * u0 + x1 * u1;
  }
  // the diagonal of row i, then row i+1's last two entries (j = i below its diagonal, j = i+1 on it)
  double d0 = row0[i] - 2 * v0 * w0;
  row0[i] = d0;
  double x1 = row1[i] - (v1 * w0 + w1 * v0);
  row1[i] = x1;
  q[i] += s0 + d0 * u0 + x1 * u1;
  s1s += x1 * u0;
  double d1 = row1[i + 1] - 2 * v1 * w1;
  row1[i + 1] = d1;
  q[i + 1] += s1s + d1 * u1;
}

// rows i in [s1, n) of the trailing block, two at a time (q must be zero on [s1, n) on entry)
static void update_and_multiply(double *a, int ld, int n, int s1, const double *v, const double *w, const double *u, double *q) {
  int i = s1;
  for (; i + 1 < n; i += 2) update_row_pair(a + (long)i * ld, a + (long)(i + 1) * ld, s1, i, v, w, u, q);
  if (i < n) update_row(a + (long)i * ld, s1, i, v[i], w[i], u[i], v, w, u, q);
}

__attribute__((export_name("tridiagonalize"))) void tridiagonalize(double *a, int ld, int n, double *y, double *diag, double *off, double *work) {
  double *v = work, *vNext = work + n, *p = work + 2 * n, *pNext = work + 3 * n;
  for (int i = 0; i < n; i++) off[i] = 0;
  if (n > 2) {
    double beta = reflector(a, ld, n, 0, v, off);
    // p = beta A[1:,1:] v
    for (int i = 0; i < n; i++) p[i] = 0;
    for (int i = 1; i < n; i++) {
      const double *row = a + (long)i * ld;
      double vi = v[i], s = 0;
      for (int j = 1; j < i; j++) {
        s += row[j] * v[j];
        p[j] += row[j] * vi;
      }
      p[i] += s + row[i] * vi;
    }
    for (int i = 1; i < n; i++) p[i] *= beta;
    for (int k = 0; k < n - 2; k++) {
      int s0 = k + 1;
      // w = p - (beta v^T p / 2) v (in p)
      double vp = 0;
      for (int i = s0; i < n; i++) vp += v[i] * p[i];
      double kk = (beta * vp) / 2;
      for (int i = s0; i < n; i++) p[i] -= kk * v[i];
      // y <- H y
      double vy = 0;
      for (int i = s0; i < n; i++) vy += v[i] * y[i];
      vy *= beta;
      for (int i = s0; i < n; i++) y[i] -= vy * v[i];
      if (k + 1 <= n - 3) {
        double vk = v[s0], wk = p[s0];
        for (int i = s0; i < n; i++) a[(long)i * ld + s0] -= v[i] * wk + p[i] * vk;
        double betaNext = reflector(a, ld, n, s0, vNext, off);
        int s1 = s0 + 1;
        for (int i = 0; i < n; i++) pNext[i] = 0;
        update_and_multiply(a, ld, n, s1, v, p, vNext, pNext);
        for (int i = s1; i < n; i++) pNext[i] *= betaNext;
        double *t = v; v = vNext; vNext = t;
        t = p; p = pNext; pNext = t;
        beta = betaNext;
      } else {
        for (int i = s0; i < n; i++) {
          double *row = a + (long)i * ld;
          for (int j = s0; j <= i; j++) row[j] -= v[i] * p[j] + p[i] * v[j];
        }
      }
    }
  }
  for (int i = 0; i < n; i++) diag[i] = a[(long)i * ld + i];
  if (n >= 2) off[n - 2] = a[(long)(n - 1) * ld + (n - 2)];
  off[n - 1] = 0;
}

// ---------------------------------------------------------------------------------------------------
// Implicit QL on the tridiagonal (d, e) (e[i] couples i and i+1, e[n-1] = 0), the rotations applied to y
// (eigen.ts tridiagonalQL, the same iteration: Numerical Recipes `tqli`). In place. Returns 0, or -1 if an
// eigenvalue needed more than 100 iterations.
static double dabs(double x) { return x < 0 ? -x : x; }
// sqrt(a^2 + b^2) without overflow
static double pythag(double a, double b) {
  a = dabs(a);
  b = dabs(b);
  if (a < b) {
    double t = a;
    a = b;
    b = t;
  }
  if (a == 0) return 0;
  double t = b / a;
  return a * dsqrt(1 + t * t);
}

// one QL sweep i = m-1 .. l (noinline: called once per iteration, so that V8 optimises it early);
// returns 1 on underflow (r = 0), else 0 with the new d[l], e[l], e[m]
__attribute__((noinline)) static int ql_sweep(double *d, double *e, double *y, int l, int m, double g, double r) {
  double s = 1, c = 1, p = 0;
  for (int i = m - 1; i >= l; i--) {
    double f = s * e[i];
    double b = c * e[i];
    e[i + 1] = r = pythag(f, g);
    if (r == 0) {
      d[i + 1] -= p;
      e[m] = 0;
      return 1;
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
  d[l] -= p;
  e[l] = g;
  e[m] = 0;
  return 0;
}

__attribute__((export_name("tridiagonal_ql"))) int tridiagonal_ql(double *d, double *e, double *y, int n) {
  const double EPS = 2.220446049250313e-16;
  for (int l = 0; l < n; l++) {
    int iter = 0, m;
    do {
      for (m = l; m < n - 1; m++) {
        double dd = dabs(d[m]) + dabs(d[m + 1]);
        if (dabs(e[m]) <= EPS * dd) break;
      }
      if (m != l) {
        if (iter++ == 100) return -1;
        double g = (d[l + 1] - d[l]) / (2 * e[l]);
        double r = pythag(g, 1);
        g = d[m] - d[l] + e[l] / (g + (g >= 0 ? r : -r));
        ql_sweep(d, e, y, l, m, g, r);
      }
    } while (m != l);
  }
  return 0;
}
