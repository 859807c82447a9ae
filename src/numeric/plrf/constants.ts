// Constants of the PLRF working estimate (plrf.md §2.2, §3) that need a sum or a root:
//   c_beta = sum_{j>=1} j^(-2 beta) = zeta(2 beta)            (2 beta > 1)            [paper: §0 symbols]
//   kappa:  1/kappa = int_0^{v/d} dx/(kappa + x^(2 alpha))    (2 alpha > 1)           [authors' code: theory_kappa]
//           v/d -> inf: kappa = c_alpha^(-2 alpha), c_alpha = (pi/(2 alpha))/sin(pi/(2 alpha))

/** Riemann zeta(s), s > 1: direct sum to N = 20 plus the Euler-Maclaurin tail (Bernoulli terms to B_8). */
export function zeta(s: number): number {
  if (!(s > 1)) throw new Error(`zeta(${s}): s > 1 required`);
  const N = 20;
  let sum = 0;
  for (let j = 1; j < N; j++) sum += Math.pow(j, -s);
  const a = Math.pow(N, -s);
  sum += (N * a) / (s - 1) + a / 2;
  // sum_k B_2k/(2k)! s(s+1)...(s+2k-2) N^(-s-2k+1)
  const B = [1 / 6, -1 / 30, 1 / 42, -1 / 30];
  let fact = 1, rising = s, pow = a / N;
  for (let k = 1; k <= B.length; k++) {
    fact *= (2 * k - 1) * (2 * k);
    sum += (B[k - 1] / fact) * rising * pow;
    rising *= (s + 2 * k - 1) * (s + 2 * k);
    pow /= N * N;
  }
  return sum;
}

/** c_beta = sum_j j^(-2 beta) (finite iff 2 beta > 1). */
export function cBeta(beta: number): number {
  return zeta(2 * beta);
}

/** kappa for v/d -> infinity: c_alpha^(-2 alpha), c_alpha = (pi/(2 alpha))/sin(pi/(2 alpha)) (2 alpha > 1). */
export function kappaInfinite(alpha: number): number {
  if (!(2 * alpha > 1)) throw new Error(`kappa(alpha = ${alpha}): 2 alpha > 1 required`);
  const a = Math.PI / (2 * alpha);
  return Math.pow(a / Math.sin(a), -2 * alpha);
}

/** int_0^R dx/(kappa + x^c) by Simpson's rule: x = u^2 on [0, min(R, 1)] (smooth at 0), x = e^s beyond. */
function integral(kappa: number, c: number, R: number): number {
  const simpson = (f: (u: number) => number, a: number, b: number, n = 2000) => {
    let s = f(a) + f(b);
    const h = (b - a) / n;
    for (let i = 1; i < n; i++) s += (i % 2 ? 4 : 2) * f(a + i * h);
    return (s * h) / 3;
  };
  const r1 = Math.min(R, 1);
  let total = simpson((u) => (2 * u) / (kappa + Math.pow(u * u, c)), 0, Math.sqrt(r1));
  if (R > 1) total += simpson((s) => Math.exp(s) / (kappa + Math.exp(c * s)), 0, Math.log(R));
  return total;
}

/** kappa solving 1/kappa = int_0^{ratio} dx/(kappa + x^(2 alpha)), ratio = v/d (Infinity allowed; 2 alpha > 1). */
export function kappa(alpha: number, ratio: number): number {
  if (!Number.isFinite(ratio)) return kappaInfinite(alpha);
  // g(k) = k * I(k) - 1 is increasing in k; bracket in log k
  const g = (k: number) => k * integral(k, 2 * alpha, ratio) - 1;
  let lo = 1e-8, hi = 1e3;
  for (let i = 0; i < 200 && hi / lo > 1 + 1e-12; i++) {
    const mid = Math.sqrt(lo * hi);
    if (g(mid) < 0) lo = mid;
    else hi = mid;
  }
  return Math.sqrt(lo * hi);
}
