// The one number formatter of every output: six significant digits, trailing zeros dropped.
// Style `auto` switches to exponent notation for magnitudes >= 1e6 or < 1e-4 (allocations such as
// N_opt ~ 7.3e10); `plain` never does (exponents, losses of order one).

export type NumberStyle = 'plain' | 'auto';

export function formatNumber(v: number, style: NumberStyle = 'plain'): string {
  if (!Number.isFinite(v)) return String(v);
  const a = Math.abs(v);
  if (style === 'auto' && a !== 0 && (a >= 1e6 || a < 1e-4)) return v.toExponential(5).replace(/\.?0+e/, 'e');
  return Number(v.toPrecision(6)).toString();
}

/** Six significant digits (style `plain`). */
export const fmt = (v: number): string => formatNumber(v, 'plain');
/** Six significant digits, exponent notation for large and small magnitudes (style `auto`). */
export const fmtAuto = (v: number): string => formatNumber(v, 'auto');
