// Deterministic equivalent of the spectrum of W^T D W (plrf.md §2.2), no random matrix:
//   m(z) solves Phi(m) = m + (1/d) sum_j lambda_j m/(lambda_j m - z) = 1          [authors' code: theory_m_batched]
//   (Khat - z)^(-1) ~ diag(1/(lambda_j m(z) - z)),  mu_F = (1/pi) Im sum_j w_j/(lambda_j m - z)   [same]
//   F0 = sum_j w_j/(1 + tau lambda_j),  sum_j tau lambda_j/(1 + tau lambda_j) = d    [authors' code: theory_tau]
// The d surrogate eigenvalues sit where the counting function of the nonzero eigenvalues crosses k - 1/2
// and carry the F mass between the crossings of k - 1 and k (the surrogate (a) of §2.3, authors' code
// `deterministic_equivalent.py`). Here the counting function comes in closed form from
//   log det(Khat - z) ~ sum_j log(lambda_j m - z) + d (m - log m)
// [derived: its z-derivative is -sum_j 1/(lambda_j m - z) on the fixed point; checked against sampled
// spectra in test/plrf-curve.test.ts], and m is followed by Newton continuation along z = x (1 + i eps)
// on a log-spaced x grid (z = x(1 + i e), e = eps, 2 eps, 4 eps with eps = 0.02, Richardson-combined; see below).
// The sums over j <= v are compressed: j < J0 exactly, beyond that blocks of relative lambda width eps/2.
import { dataSpectrum, targetWeights, initialLoss, type PlrfParams } from './setup.js';
import type { SpectralInput } from './spectrum.js';

export const SMOOTHING_EPS = 0.02;

/** tau with sum_j tau lambda_j/(1 + tau lambda_j) = d (the slope m(z) ~ -tau z at 0), by bisection in log tau. */
export function tauRoot(lambda: Float64Array, d: number): number {
  const v = lambda.length;
  if (d >= v) return Infinity;
  const count = (tau: number) => {
    let s = 0;
    for (let j = 0; j < v; j++) s += (tau * lambda[j]) / (1 + tau * lambda[j]);
    return s;
  };
  let lo = Math.log(1e-3), hi = Math.log(10);
  while (count(Math.exp(hi)) < d) hi += 5;
  while (count(Math.exp(lo)) > d) lo -= 5;
  for (let i = 0; i < 100 && hi - lo > 1e-13; i++) {
    const mid = (lo + hi) / 2;
    if (count(Math.exp(mid)) < d) lo = mid;
    else hi = mid;
  }
  return Math.exp((lo + hi) / 2);
}

interface Compressed {
  lam: Float64Array;
  cnt: Float64Array;
  w: Float64Array;
}

/** Exact for j < J0, then blocks of consecutive j whose lambda varies by less than `rel`. */
function compress(lambda: Float64Array, w: Float64Array, rel: number, j0: number): Compressed {
  const lam: number[] = [], cnt: number[] = [], ws: number[] = [];
  const v = lambda.length;
  let j = 0;
  for (; j < Math.min(j0, v); j++) {
    lam.push(lambda[j]);
    cnt.push(1);
    ws.push(w[j]);
  }
  while (j < v) {
    const top = lambda[j];
    let n = 0, sl = 0, sw = 0;
    while (j < v && lambda[j] >= top * (1 - rel)) {
      n++;
      sl += lambda[j];
      sw += w[j];
      j++;
    }
    lam.push(sl / n);
    cnt.push(n);
    ws.push(sw);
  }
  return { lam: Float64Array.from(lam), cnt: Float64Array.from(cnt), w: Float64Array.from(ws) };
}

export interface MSolver {
  /** m(z) for z = (zr, zi), Newton from (mr, mi); returns null when Newton does not converge */
  newton(zr: number, zi: number, mr: number, mi: number): [number, number] | null;
  /** m(z) by the authors' continuation from Im z large down to zi at fixed Re z */
  fromAbove(zr: number, zi: number): [number, number];
  /** Phi(m) - 1 (complex) */
  residual(zr: number, zi: number, mr: number, mi: number): [number, number];
}

export function mSolver(c: Compressed, d: number): MSolver {
  const { lam, cnt } = c;
  const n = lam.length;
  let V = 0;
  for (let i = 0; i < n; i++) V += cnt[i];
  // Phi(m) - 1 = m - 1 + (V + z G1)/d,  Phi'(m) = 1 - z G2/d,  G1 = sum cnt/(lam m - z),  G2 = sum cnt lam/(lam m - z)^2
  const evalPhi = (zr: number, zi: number, mr: number, mi: number, withDeriv: boolean) => {
    let g1r = 0, g1i = 0, g2r = 0, g2i = 0;
    for (let i = 0; i < n; i++) {
      const tr = lam[i] * mr - zr, ti = lam[i] * mi - zi;
      const q = 1 / (tr * tr + ti * ti);
      const ir = tr * q, ii = -ti * q; // 1/t
      g1r += cnt[i] * ir;
      g1i += cnt[i] * ii;
      if (withDeriv) {
        const sr = ir * ir - ii * ii, si = 2 * ir * ii; // 1/t^2
        g2r += cnt[i] * lam[i] * sr;
        g2i += cnt[i] * lam[i] * si;
      }
    }
    const fr = mr - 1 + (V + zr * g1r - zi * g1i) / d;
    const fi = mi + (zr * g1i + zi * g1r) / d;
    const dr = 1 - (zr * g2r - zi * g2i) / d;
    const di = -(zr * g2i + zi * g2r) / d;
    return [fr, fi, dr, di];
  };
  const step = (zr: number, zi: number, mr: number, mi: number): [number, number, number] => {
    const [fr, fi, dr, di] = evalPhi(zr, zi, mr, mi, true);
    const q = 1 / (dr * dr + di * di);
    const xr = (fr * dr + fi * di) * q, xi = (fi * dr - fr * di) * q; // f / f'
    return [mr - xr, mi - xi, Math.hypot(xr, xi)];
  };
  return {
    newton(zr, zi, mr, mi) {
      for (let it = 0; it < 40; it++) {
        const [nr, ni, dx] = step(zr, zi, mr, mi);
        if (!Number.isFinite(nr) || !Number.isFinite(ni)) return null;
        mr = nr;
        mi = ni;
        if (dx <= 1e-11 * Math.max(1, Math.hypot(mr, mi))) return mi <= 1e-12 * Math.hypot(mr, mi) ? [mr, mi] : null;
      }
      return null;
    },
    fromAbove(zr, zi) {
      let mr = 1, mi = 0;
      const top = Math.log(1e6 * Math.max(1, Math.abs(zr))), bottom = Math.log(zi);
      const levels = 200;
      for (let l = 0; l <= levels; l++) {
        const y = Math.exp(top + ((bottom - top) * l) / levels);
        for (let it = 0; it < 2; it++) [mr, mi] = step(zr, y, mr, mi);
      }
      for (let it = 0; it < 30; it++) {
        const [nr, ni, dx] = step(zr, zi, mr, mi);
        mr = nr;
        mi = ni;
        if (dx <= 1e-13 * Math.max(1, Math.hypot(mr, mi))) break;
      }
      return [mr, mi];
    },
    residual(zr, zi, mr, mi) {
      const [fr, fi] = evalPhi(zr, zi, mr, mi, false);
      return [fr, fi];
    },
  };
}

/** One grid point of the continuation: m(z) and the counting sum sum_k cnt_k arg(lam_k m - z) per smoothing level. */
interface PathStep {
  mr: number[];
  mi: number[];
  args: number[];
  /** Newton failed here and the authors' continuation from above was used */
  fallback: boolean;
}

/**
 * The m(z) continuation down the log-x grid (Newton from the previous grid point, the authors' descent from
 * above as the fallback), computed once per (alpha, v, d, eps) and extended on demand: it does not depend on
 * beta, so the betas of an exponent map (src/numeric/plrf/map.ts) share it. The values are those the
 * unshared loop computes (the same operations in the same order), so results are bit-identical with or
 * without sharing. A few recent paths are kept (two alphas of the default 9-size grid).
 */
class MPath {
  private steps: PathStep[] = [];
  private state: Array<{ mr: number; mi: number }>;
  private solver: MSolver | undefined;
  constructor(private makeSolver: () => MSolver, private comp: Compressed, private levels: number[], private xHi: number, private h: number) {
    this.state = levels.map(() => ({ mr: 1, mi: 0 }));
  }
  step(i: number): PathStep {
    while (this.steps.length <= i) this.extend();
    return this.steps[i];
  }
  fallbacksThrough(i: number): number {
    let n = 0;
    for (let j = 1; j <= i; j++) if (this.steps[j].fallback) n++;
    return n;
  }
  private extend(): void {
    const solver = (this.solver ??= this.makeSolver());
    const i = this.steps.length;
    const x = this.xHi * Math.exp(-this.h * i);
    const { lam, cnt } = this.comp;
    const out: PathStep = { mr: [], mi: [], args: [], fallback: false };
    this.levels.forEach((e, li) => {
      const zr = x, zi = e * x;
      const st = this.state[li];
      let sol = i === 0 ? null : solver.newton(zr, zi, st.mr, st.mi);
      if (!sol) {
        sol = solver.fromAbove(zr, zi);
        if (i > 0) out.fallback = true;
      }
      [st.mr, st.mi] = sol;
      const { mr, mi } = st;
      let args = 0;
      for (let k = 0; k < lam.length; k++) args += cnt[k] * Math.atan2(lam[k] * mi - zi, lam[k] * mr - zr);
      out.mr.push(mr);
      out.mi.push(mi);
      out.args.push(args);
    });
    this.steps.push(out);
  }
}

const PATHS = new Map<string, MPath>();
const MAX_PATHS = 24;
function mPathFor(key: string, makeSolver: () => MSolver, comp: Compressed, levels: number[], xHi: number, h: number): MPath {
  let p = PATHS.get(key);
  if (!p) {
    p = new MPath(makeSolver, comp, levels, xHi, h);
    PATHS.set(key, p);
    if (PATHS.size > MAX_PATHS) PATHS.delete(PATHS.keys().next().value!);
  }
  return p;
}

export interface DeterministicSpectrumInfo {
  /** grid points used, smoothing, F0 and tau */
  gridPoints: number;
  eps: number;
  tau: number;
  /** count of nonzero eigenvalues found on the grid before normalisation (should be ~ d) */
  rawCount: number;
  /** F mass found on the grid before normalisation, over P(0) - F0 (should be ~ 1) */
  rawMassRatio: number;
  newtonFallbacks: number;
}

/** The deterministic-equivalent spectral input for d, v, alpha, beta (no random matrix; O(grid x compressed v)). */
export function deterministicSpectrum(p: PlrfParams, eps = SMOOTHING_EPS): SpectralInput & { info: DeterministicSpectrumInfo } {
  const { d, v, alpha, beta } = p;
  const lambda = dataSpectrum(alpha, v);
  const w = targetWeights(alpha, beta, v);
  const P0 = initialLoss(alpha, beta, v);
  const tau = tauRoot(lambda, d);
  let F0 = 0;
  for (let j = v - 1; j >= 0; j--) F0 += w[j] / (1 + tau * lambda[j]);
  const rel = eps / 2;
  const comp = compress(lambda, w, rel, Math.ceil((2 * alpha) / rel));
  let trD = 0;
  for (let j = v - 1; j >= 0; j--) trD += lambda[j];
  // grid: x from above the top outlier down to well below the bulk (where the count reaches d)
  const h = eps / 2; // step in log x
  const xHi = 2 * (1 + trD / d);
  const xFloor = 1e-3 / tau;
  // Poisson smoothing at z = x (1 + i e) has tails that do not decay in log x (a mass far below x counts
  // e/pi above it, and d such masses misplace the top eigenvalues), so three smoothings are combined by
  // Richardson extrapolation, (16 S(eps) - 10 S(2 eps) + S(4 eps))/7: unit mass, tails O(eps^5) [derived:
  // the weights cancel the e and e^3 terms of atan(e)]. With two levels (2 S(eps) - S(2 eps), tails
  // 2 d eps^3/pi ~ 0.5 eigenvalue at d = 1e5) the top eigenvalue moved to the grid's upper end at d = 102400.
  // The atom at 0 (v - d eigenvalues, F mass F0) is removed exactly.
  const levels = [eps, 2 * eps, 4 * eps];
  const weights = [16 / 7, -10 / 7, 1 / 7];
  // m(z) and the counting sum depend on alpha, v, d and eps only (beta enters through the F weights wc):
  // they come from a continuation path shared by every beta at the same (alpha, v, d, eps) (mPathFor)
  const path = mPathFor(`${alpha},${v},${d},${eps}`, () => mSolver(comp, d), comp, levels, xHi, h);
  const xs: number[] = [], counts: number[] = [], fcum: number[] = [];
  let prevDensityX = 0; // F density times x at the previous grid point
  let cum = 0;
  const { lam, w: wc } = comp;
  let i = 0;
  for (; ; i++) {
    const x = xHi * Math.exp(-h * i);
    const stepI = path.step(i);
    let above = 0, densityX = 0;
    levels.forEach((e, li) => {
      const zr = x, zi = e * x;
      const mr = stepI.mr[li], mi = stepI.mi[li];
      let fIm = 0;
      for (let k = 0; k < lam.length; k++) {
        const tr = lam[k] * mr - zr, ti = lam[k] * mi - zi;
        fIm += (wc[k] * -ti) / (tr * tr + ti * ti); // Im 1/t
      }
      const logDetIm = stepI.args[li] + d * (mi - Math.atan2(mi, mr));
      const nBelowAll = -logDetIm / Math.PI; // smoothed count of all v eigenvalues below x
      const zeroAtom = ((v - d) * Math.atan(e)) / Math.PI;
      const atomDensity = (F0 * zi) / (zr * zr + zi * zi); // Im[F0/(0 - z)]
      const wgt = weights[li];
      above += wgt * (v - nBelowAll - zeroAtom);
      densityX += (wgt * ((fIm - atomDensity) / Math.PI)) * x; // dF/d(log x)
    });
    if (i > 0) cum += 0.5 * (densityX + prevDensityX) * h;
    prevDensityX = densityX;
    xs.push(x);
    counts.push(Math.max(above, counts.length ? counts[counts.length - 1] : 0));
    fcum.push(Math.max(cum, fcum.length ? fcum[fcum.length - 1] : 0));
    if ((above >= d - 0.02 && Math.abs(densityX) < 1e-6 * (P0 - F0)) || x < xFloor) break;
  }
  const fallbacks = path.fallbacksThrough(i);
  const rawCount = counts[counts.length - 1];
  const rawMass = fcum[fcum.length - 1];
  const massScale = rawMass > 0 ? (P0 - F0) / rawMass : 0;
  const countScale = d / rawCount;
  const N = counts.map((c) => c * countScale);
  const Fc = fcum.map((c) => c * massScale);
  // interpolate log x and F mass as functions of the count N (monotone)
  const lambdaOut = new Float64Array(d);
  const rho = new Float64Array(d);
  let g = 0;
  const at = (target: number): [number, number] => {
    while (g < N.length - 2 && N[g + 1] < target) g++;
    const n0 = N[g], n1 = N[g + 1];
    const f = n1 > n0 ? Math.min(1, Math.max(0, (target - n0) / (n1 - n0))) : 0;
    return [Math.log(xs[g]) + f * (Math.log(xs[g + 1]) - Math.log(xs[g])), Fc[g] + f * (Fc[g + 1] - Fc[g])];
  };
  let prevF = 0;
  for (let k = 1; k <= d; k++) {
    const [lx] = at(k - 0.5);
    lambdaOut[k - 1] = Math.exp(lx);
    const [, fk] = at(k);
    rho[k - 1] = Math.max(0, fk - prevF);
    prevF = Math.max(prevF, fk);
  }
  // mass left below the last crossing (rounding) goes to the last mode
  rho[d - 1] += Math.max(0, P0 - F0 - prevF);
  return {
    lambda: lambdaOut,
    rho,
    F0,
    P0,
    source: 'deterministic equivalent',
    info: { gridPoints: xs.length, eps, tau, rawCount, rawMassRatio: rawMass / (P0 - F0), newtonFallbacks: fallbacks },
  };
}
