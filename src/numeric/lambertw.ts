// Lambert W on the real line: the principal branch W0 (z >= -1/e) and the lower branch W_{-1}
// (-1/e <= z < 0), both to full double precision by Halley's iteration on f(w) = w e^w - z.
// Seeds [derived: info-theoretic.md §4.2]: near the branch point z = -1/e the series in
// p = ±sqrt(2(1 + e z)) (W = -1 + p - p^2/3 + 11/72 p^3 - ...; + for W0, - for W_{-1});
// away from it, W_{-1} ~ L1 - L2 + L2/L1 with L1 = ln(-z), L2 = ln(-L1), and W0 ~ ln(1+z) or
// ln z - ln ln z. The npm package lambert-w-function is W0 only (libraries.md §6), hence this file.

const INV_E = Math.exp(-1);

export class LambertDomainError extends Error {
  constructor(branch: string, z: number, domain: string) {
    super(`Lambert ${branch}: z = ${z} is outside its real domain ${domain}`);
    this.name = 'LambertDomainError';
  }
}

/** Series of W about the branch point in p = ±sqrt(2(1 + e z)) (Corless et al. 1996, eq. 4.22). */
function branchSeries(p: number): number {
  return -1 + p * (1 + p * (-1 / 3 + p * (11 / 72 + p * (-43 / 540 + p * (769 / 17280 + p * (-221 / 8505))))));
}

/** 1 + e z computed with the constant split so that z near -1/e keeps its digits. */
function onePlusEz(z: number): number {
  // e = E_HI + E_LO exactly enough: 1 + e z = (1 + E_HI z) + E_LO z
  const E_HI = 2.718281828459045;
  const E_LO = 1.4456468917292502e-16;
  return 1 + E_HI * z + E_LO * z;
}

function halley(z: number, w0: number): number {
  let w = w0;
  for (let i = 0; i < 50; i++) {
    const ew = Math.exp(w);
    const f = w * ew - z;
    const wp1 = w + 1;
    if (wp1 === 0) return w;
    const denom = ew * wp1 - ((w + 2) * f) / (2 * wp1);
    const dw = f / denom;
    const next = w - dw;
    if (!Number.isFinite(next)) return w;
    if (Math.abs(dw) <= 4e-16 * Math.abs(next) || next === w) return next;
    w = next;
  }
  return w;
}

/** Threshold on |p| below which the branch-point series alone is exact to double precision (|p|^7 < 1e-21). */
const SERIES_ONLY = 1e-3;

/** Principal branch W0(z), z >= -1/e. */
export function lambertW0(z: number): number {
  if (!(z >= -INV_E - 1e-17) || Number.isNaN(z)) throw new LambertDomainError('W0', z, '[-1/e, inf)');
  if (z === 0) return 0;
  if (z === Infinity) return Infinity;
  const q = onePlusEz(z);
  if (q <= 0) return -1;
  const p = Math.sqrt(2 * q);
  if (p < SERIES_ONLY) return branchSeries(p);
  let w0: number;
  if (z < -0.25) w0 = branchSeries(p);
  else if (z < 3) w0 = Math.log1p(z) * (1 - Math.log1p(Math.log1p(z)) / (2 + Math.log1p(z)));
  else {
    const l1 = Math.log(z);
    const l2 = Math.log(l1);
    w0 = l1 - l2 + l2 / l1;
  }
  return halley(z, w0);
}

/** Lower branch W_{-1}(z), -1/e <= z < 0; W_{-1}(z) <= -1. */
export function lambertWm1(z: number): number {
  if (!(z >= -INV_E - 1e-17 && z < 0)) throw new LambertDomainError('W_{-1}', z, '[-1/e, 0)');
  const q = onePlusEz(z);
  if (q <= 0) return -1;
  const p = -Math.sqrt(2 * q);
  if (-p < SERIES_ONLY) return branchSeries(p);
  let w0: number;
  if (z < -0.25) w0 = branchSeries(p);
  else {
    const l1 = Math.log(-z);
    const l2 = Math.log(-l1);
    w0 = l1 - l2 + l2 / l1;
  }
  const w = halley(z, w0);
  return Math.min(w, -1);
}

/**
 * W_{-1}(z) given l = ln(-z) <= -1 (for z too small to represent, e.g. -2mk/C with C ~ 1e308 m k):
 * Newton on w + ln(-w) = l, seeded with L1 - L2 + L2/L1 (L1 = l, L2 = ln(-l)) [derived: w e^w = z].
 */
export function lambertWm1Log(l: number): number {
  if (!(l <= -1) || !Number.isFinite(l)) throw new LambertDomainError('W_{-1} (log form)', l, 'ln(-z) <= -1, finite');
  if (l > -700) return lambertWm1(-Math.exp(l));
  const l2 = Math.log(-l);
  let w = l - l2 + l2 / l;
  for (let i = 0; i < 20; i++) {
    const g = w + Math.log(-w) - l;
    const dw = g / (1 + 1 / w);
    w -= dw;
    if (Math.abs(dw) <= 2e-16 * Math.abs(w)) break;
  }
  return w;
}
