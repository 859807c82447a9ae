// DMFT of the random-feature model (random-features.md §2): the effective number of learned modes D(s),
// the responses R1, R3, the transfer functions H_k(s), and the test/train loss by a double inverse
// Laplace transform on a fixed Talbot contour (§8.2). Non-proportional normalization [paper App. J].
//
//   D(s) = Σ_k λ_k R/(s + λ_k R),  R1 = 1 - D/P,  R3 = 1 - D/N,  R = R1 R3      [derived from paper eq.31-33, §2.1]
//   H_k(s) = 1/(s + λ_k R)                                                        [paper eq.33, typo §8.6 item 2 fixed]
//   C0(s,s'), C1(s,s') from the 2x2 system of §2.2 (noise σ as in §2.2)        [derived: checked numerically, §8.5]
//   L(t) = C0(t,t) + σ², L̂(t) = C1(t,t), Lbias(t) = Σ λ_k w_k² H_k(t)²          [paper eq.9, eq.19]
// N or P = Infinity sets 1/N or 1/P to 0.
import type { Spectrum } from './spectrum.js';

export interface Size {
  N: number;
  P: number;
  /** label-noise standard deviation (default 0) */
  sigma?: number;
}

/** Talbot points per contour (2-D inverse: n² pairs; n = 24 is within ~1e-6 of n = 40). */
export const DEFAULT_TALBOT_N = 24;

interface Cx {
  re: number;
  im: number;
}

const inv = (x: number) => (Number.isFinite(x) ? 1 / x : 0);

/** Σ_j wLam_j q_j and Σ_j wLam_j q_j² with q_j = 1/(s + λ_j R), complex s and R. */
function modeSums(sp: Spectrum, sr: number, si: number, Rr: number, Ri: number) {
  let Ar = 0, Ai = 0, Br = 0, Bi = 0;
  const { lam, wLam } = sp;
  for (let j = 0; j < lam.length; j++) {
    const dr = sr + lam[j] * Rr, di = si + lam[j] * Ri;
    const m = 1 / (dr * dr + di * di);
    const qr = dr * m, qi = -di * m;
    const w = wLam[j];
    Ar += w * qr;
    Ai += w * qi;
    Br += w * (qr * qr - qi * qi);
    Bi += w * 2 * qr * qi;
  }
  return { Ar, Ai, Br, Bi };
}

/** D at real s > 0: the unique root of D - Σ λR/(s+λR) on [0, min(N, P)] (bisection) [§2.1]. */
export function solveDReal(sp: Spectrum, size: Size, s: number): number {
  const iN = inv(size.N), iP = inv(size.P);
  const K = Math.min(size.N, size.P);
  const res = (D: number) => {
    const R = (1 - D * iP) * (1 - D * iN);
    return D - R * modeSums(sp, s, 0, R, 0).Ar;
  };
  if (!Number.isFinite(K)) return modeSums(sp, s, 0, 1, 0).Ar;
  let lo = 0, hi = K;
  for (let it = 0; it < 200 && hi - lo > 1e-15 * K; it++) {
    const mid = 0.5 * (lo + hi);
    if (res(mid) < 0) lo = mid;
    else hi = mid;
  }
  return 0.5 * (lo + hi);
}

/** Newton on res(D) = D - R Σ λ/(s+λR) at complex s from a nearby root [§8.2 step 1]. Returns null if it fails. */
function newtonD(sp: Spectrum, size: Size, sr: number, si: number, D0: Cx): Cx | null {
  const iN = inv(size.N), iP = inv(size.P);
  let Dr = D0.re, Di = D0.im;
  for (let it = 0; it < 50; it++) {
    const ar = 1 - Dr * iP, ai = -Di * iP; // R1
    const br = 1 - Dr * iN, bi = -Di * iN; // R3
    const Rr = ar * br - ai * bi, Ri = ar * bi + ai * br;
    const { Ar, Ai, Br, Bi } = modeSums(sp, sr, si, Rr, Ri);
    const fr = Dr - (Rr * Ar - Ri * Ai), fi = Di - (Rr * Ai + Ri * Ar);
    // dR/dD = -(1/P) R3 - (1/N) R1
    const dRr = -iP * br - iN * ar, dRi = -iP * bi - iN * ai;
    // f' = 1 - dR/dD · s · B
    const sBr = sr * Br - si * Bi, sBi = sr * Bi + si * Br;
    const gr = 1 - (dRr * sBr - dRi * sBi), gi = -(dRr * sBi + dRi * sBr);
    const m = 1 / (gr * gr + gi * gi);
    const stepR = (fr * gr + fi * gi) * m, stepI = (fi * gr - fr * gi) * m;
    Dr -= stepR;
    Di -= stepI;
    if (!Number.isFinite(Dr) || !Number.isFinite(Di)) return null;
    if (Math.hypot(stepR, stepI) <= 1e-13 * (1 + Math.hypot(Dr, Di))) return { re: Dr, im: Di };
  }
  return null;
}

/** Fixed Talbot contour s(θ) = h(θ cot θ + iθ) [§8.2]; σ(θ) = s/h and its derivative. */
function sigmaAt(theta: number): { sr: number; si: number; dr: number; di: number } {
  if (theta === 0) return { sr: 1, si: 0, dr: 0, di: 1 };
  const c = Math.cos(theta), s = Math.sin(theta);
  return { sr: (theta * c) / s, si: theta, dr: c / s - theta / (s * s), di: 1 };
}

/** Upper-half Talbot angles θ_i = (2i+1)π/n, i < n/2. */
function upperAngles(n: number): number[] {
  const out: number[] = [];
  for (let i = 0; i < n / 2; i++) out.push(((2 * i + 1) * Math.PI) / n);
  return out;
}

/** D at every upper-half node for contour scale h, by continuation in θ from the real point s = h. */
function continueAlongContour(sp: Spectrum, size: Size, h: number, thetas: number[]): Cx[] {
  let D: Cx = { re: solveDReal(sp, size, h), im: 0 };
  let prev = 0;
  const out: Cx[] = [];
  for (const th of thetas) {
    const sub = 8;
    for (let k = 1; k <= sub; k++) {
      const t = prev + ((th - prev) * k) / sub;
      const sg = sigmaAt(t);
      const next = newtonD(sp, size, h * sg.sr, h * sg.si, D);
      if (!next) throw new Error(`DMFT: Newton continuation for D(s) failed at s = ${h * sg.sr} + ${h * sg.si}i (N = ${size.N}, P = ${size.P})`);
      D = next;
    }
    out.push(D);
    prev = th;
  }
  return out;
}

export interface DmftResult {
  t: number[];
  /** population (test) loss L(t) = C0(t,t) + σ² */
  loss: number[];
  /** training loss L̂(t) = C1(t,t) */
  trainLoss: number[];
  /** ensemble-averaged loss Lbias(t) = Σ λ w² H_k(t)² [paper eq.19] (infinitely many projections and datasets) */
  bias: number[];
  talbotN: number;
}

/**
 * Test, train and bias loss at the given times (any order, t > 0).
 * Cost per time point O(n² M / 2) with M = nodes of the spectrum.
 */
export function dmftCurve(sp: Spectrum, size: Size, times: readonly number[], n = DEFAULT_TALBOT_N): DmftResult {
  if (n % 2 !== 0) throw new Error('Talbot n must be even');
  const sigma = size.sigma ?? 0;
  const iN = inv(size.N), iP = inv(size.P);
  const thetas = upperAngles(n);
  const m = thetas.length;
  const sig = thetas.map(sigmaAt);
  const J = sp.lam.length;
  const { lam, wLam, wTar } = sp;
  const wLL = new Float64Array(J), wTL = new Float64Array(J);
  for (let j = 0; j < J; j++) {
    wLL[j] = wLam[j] * lam[j];
    wTL[j] = wTar[j] * lam[j];
  }
  const Hr = new Float64Array(m * J), Hi = new Float64Array(m * J);
  const order = times.map((t, i) => ({ t, i })).sort((x, y) => x.t - y.t);
  const loss = new Array<number>(times.length), trainLoss = new Array<number>(times.length), bias = new Array<number>(times.length);
  let Dprev: Cx[] | null = null, tPrev = 0;
  for (const { t, i: outIndex } of order) {
    if (!(t > 0) || !Number.isFinite(t)) throw new Error(`DMFT: time ${t} must be positive and finite`);
    // D at the nodes: continuation in t (s_j = σ_j n/(5t)) from the previous time, else along the contour
    let D: Cx[] | null = null;
    if (Dprev && t / tPrev < 1e3) {
      D = Dprev;
      const steps = Math.max(1, Math.ceil(Math.log(t / tPrev) / Math.log(1.15)));
      for (let k = 1; k <= steps && D; k++) {
        const tk = tPrev * Math.pow(t / tPrev, k / steps);
        const hk = n / (5 * tk);
        const nextD: Cx[] = [];
        for (let q = 0; q < m; q++) {
          const r = newtonD(sp, size, hk * sig[q].sr, hk * sig[q].si, D[q]);
          if (!r) break;
          nextD.push(r);
        }
        D = nextD.length === m ? nextD : null;
      }
    }
    const h = n / (5 * t);
    if (!D) D = continueAlongContour(sp, size, h, thetas);
    Dprev = D;
    tPrev = t;
    // per node: s, R1, R3, χ = ξ e^{st}, and H_jk
    const s = new Array<Cx>(m), R1 = new Array<Cx>(m), R3 = new Array<Cx>(m), chi = new Array<Cx>(m);
    for (let q = 0; q < m; q++) {
      const sr = h * sig[q].sr, si = h * sig[q].si;
      s[q] = { re: sr, im: si };
      R1[q] = { re: 1 - D[q].re * iP, im: -D[q].im * iP };
      R3[q] = { re: 1 - D[q].re * iN, im: -D[q].im * iN };
      const Rr = R1[q].re * R3[q].re - R1[q].im * R3[q].im, Ri = R1[q].re * R3[q].im + R1[q].im * R3[q].re;
      // ξ = (h/n) σ'(θ)/i = (h/n)(σ'_im - i σ'_re)
      const xr = (h / n) * sig[q].di, xi = -(h / n) * sig[q].dr;
      const e = Math.exp(sr * t), er = e * Math.cos(si * t), ei = e * Math.sin(si * t);
      chi[q] = { re: xr * er - xi * ei, im: xr * ei + xi * er };
      const off = q * J;
      for (let j = 0; j < J; j++) {
        const dr = sr + lam[j] * Rr, di = si + lam[j] * Ri;
        const mm = 1 / (dr * dr + di * di);
        Hr[off + j] = dr * mm;
        Hi[off + j] = -di * mm;
      }
    }
    // bias: H_k(t) = 2 Re Σ_q χ_q H_qk; Lbias = Σ λw² H_k(t)²
    let lb = 0;
    for (let j = 0; j < J; j++) {
      let hk = 0;
      for (let q = 0; q < m; q++) hk += chi[q].re * Hr[q * J + j] - chi[q].im * Hi[q * J + j];
      hk *= 2;
      lb += wTar[j] * hk * hk;
    }
    // 2-D inverse: pairs (upper, upper) and (upper, conjugate of upper); both symmetric/Hermitian in the pair
    let L0 = 0, L1 = 0;
    for (let conjJ = 0; conjJ < 2; conjJ++) {
      const sgn = conjJ ? -1 : 1;
      for (let p = 0; p < m; p++) {
        for (let q = p; q < m; q++) {
          let Sar = 0, Sai = 0, Sbr = 0, Sbi = 0, Scr = 0, Sci = 0, Sdr = 0, Sdi = 0;
          const op = p * J, oq = q * J;
          for (let j = 0; j < J; j++) {
            const ar = Hr[op + j], ai = Hi[op + j], br = Hr[oq + j], bi = sgn * Hi[oq + j];
            const pr = ar * br - ai * bi, pi = ar * bi + ai * br;
            const w1 = wTar[j], w2 = wLam[j], w3 = wLL[j], w4 = wTL[j];
            Sar += w1 * pr; Sai += w1 * pi;
            Sbr += w2 * pr; Sbi += w2 * pi;
            Scr += w3 * pr; Sci += w3 * pi;
            Sdr += w4 * pr; Sdi += w4 * pi;
          }
          const s2 = { re: s[q].re, im: sgn * s[q].im };
          const r1b = { re: R1[q].re, im: sgn * R1[q].im }, r3b = { re: R3[q].re, im: sgn * R3[q].im };
          const rho1 = mul(R1[p], r1b), rho3 = mul(R3[p], r3b), ss = mul(s[p], s2);
          const Sa = { re: Sar, im: Sai }, Sb = { re: Sbr, im: Sbi }, Sc = { re: Scr, im: Sci }, Sd = { re: Sdr, im: Sdi };
          const r13 = mul(rho1, rho3), r13Sc = mul(r13, Sc);
          const A11 = { re: 1 - r13Sc.re * iP, im: -r13Sc.im * iP };
          const A22 = { re: 1 - r13Sc.re * iN, im: -r13Sc.im * iN };
          const A12 = scale(mul(rho3, Sb), -iN);
          const A21 = scale(mul(mul(ss, rho1), Sb), -iP);
          let rhs1 = Sa, rhs2 = mul(rho1, Sd);
          let noise1: Cx = { re: 0, im: 0 };
          if (sigma > 0) {
            noise1 = div({ re: sigma * sigma, im: 0 }, ss); // σ²/(ss')
            rhs1 = add(rhs1, scale(mul(r13Sc, noise1), iP));
            rhs2 = add(rhs2, scale(mul(rho1, Sb), sigma * sigma * iP));
          }
          const det = sub(mul(A11, A22), mul(A12, A21));
          const C0 = div(sub(mul(rhs1, A22), mul(A12, rhs2)), det);
          const C1 = mul(rho1, add(C0, noise1));
          const chi2 = { re: chi[q].re, im: sgn * chi[q].im };
          const w = mul(chi[p], chi2);
          const f = p === q ? 1 : 2;
          L0 += f * (w.re * C0.re - w.im * C0.im);
          L1 += f * (w.re * C1.re - w.im * C1.im);
        }
      }
    }
    loss[outIndex] = 2 * L0 + sigma * sigma;
    trainLoss[outIndex] = 2 * L1;
    bias[outIndex] = lb;
  }
  return { t: [...times], loss, trainLoss, bias, talbotN: n };
}

function mul(x: Cx, y: Cx): Cx {
  return { re: x.re * y.re - x.im * y.im, im: x.re * y.im + x.im * y.re };
}
function div(x: Cx, y: Cx): Cx {
  const m = 1 / (y.re * y.re + y.im * y.im);
  return { re: (x.re * y.re + x.im * y.im) * m, im: (x.im * y.re - x.re * y.im) * m };
}
function add(x: Cx, y: Cx): Cx {
  return { re: x.re + y.re, im: x.im + y.im };
}
function sub(x: Cx, y: Cx): Cx {
  return { re: x.re - y.re, im: x.im - y.im };
}
function scale(x: Cx, a: number): Cx {
  return { re: x.re * a, im: x.im * a };
}

/** D, R, R1, R3 at a real s > 0 (for tests and diagnostics). */
export function responsesAt(sp: Spectrum, size: Size, s: number) {
  const D = solveDReal(sp, size, s);
  const R1 = 1 - D * inv(size.P), R3 = 1 - D * inv(size.N);
  return { D, R: R1 * R3, R1, R3 };
}
