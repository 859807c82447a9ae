// A measured exponent as an interval (docs/infer.md, "Measurements"): `V+-E` (also written `V±E`), the
// symmetric interval [V - E, V + E], or `V:lo:hi`, a value with an asymmetric interval (a bootstrap
// interval, as `fit --json` reports one). The bounds are kept exact (rationals of the decimals as
// written), so the printed conditions carry the numbers the user gave, not their binary approximations.
import { parseDecimal, type Rat } from '../symbolic/rational/index.js';

export interface Interval {
  value: number;
  lo: number;
  hi: number;
  /** the bounds exactly */
  exact: { lo: Rat; hi: Rat };
  /** as given (or as built by --from-fit) */
  text: string;
}

/** Why a measurement text is not valid (the command line names the flag around it). */
export class MeasurementError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'MeasurementError';
  }
}

/** The forms a measurement may take, as printed in error messages. */
export const MEASUREMENT_FORMS = "V+-E (or V±E), e.g. 0.5+-0.02, with E > 0; or V:lo:hi with lo <= V <= hi and lo < hi, e.g. 0.5:0.46:0.54";

const DECIMAL = /^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$/;
/** |V|, |E| at most this: exponents of scaling laws are of order one */
export const MAX_MEASUREMENT = 1e6;

function decimal(part: string, what: string): Rat {
  const s = part.trim();
  if (!DECIMAL.test(s)) throw new MeasurementError(`${what} '${s}' is not a finite decimal number`);
  const neg = s.startsWith('-');
  const r = parseDecimal(s.replace(/^[+-]/, ''));
  const v = Number(r.n) / Number(r.d);
  if (!Number.isFinite(v) || Math.abs(v) > MAX_MEASUREMENT) throw new MeasurementError(`${what} ${s} is beyond the limit |${what}| <= ${MAX_MEASUREMENT}`);
  return neg ? { n: -r.n, d: r.d } : r;
}

export const ratValue = (r: Rat): number => Number(r.n) / Number(r.d);
const add = (a: Rat, b: Rat, sign: 1n | -1n): Rat => reduce(a.n * b.d + sign * b.n * a.d, a.d * b.d);
function reduce(n: bigint, d: bigint): Rat {
  const g = gcd(n < 0n ? -n : n, d);
  return g > 1n ? { n: n / g, d: d / g } : { n, d };
}
function gcd(a: bigint, b: bigint): bigint {
  while (b) [a, b] = [b, a % b];
  return a || 1n;
}
const cmp = (a: Rat, b: Rat): number => Number(a.n * b.d - b.n * a.d > 0n) - Number(a.n * b.d - b.n * a.d < 0n);

/** Parse `V+-E`, `V±E` or `V:lo:hi` (throws MeasurementError with the reason). */
export function parseMeasurement(raw: string): Interval {
  const text = raw.trim();
  const pm = /^(.*?)(?:\+-|±|\+\/-)(.*)$/.exec(text);
  if (pm) {
    const v = decimal(pm[1], 'V');
    const e = decimal(pm[2], 'E');
    if (e.n <= 0n) throw new MeasurementError(`the error E = ${pm[2].trim()} must be > 0 (a zero-width interval has no area to search)`);
    return fromExact(ratValue(v), add(v, e, -1n), add(v, e, 1n), text);
  }
  const parts = text.split(':');
  if (parts.length === 3) {
    const [v, lo, hi] = [decimal(parts[0], 'V'), decimal(parts[1], 'lo'), decimal(parts[2], 'hi')];
    if (cmp(lo, hi) >= 0) throw new MeasurementError(`lo = ${parts[1].trim()} must be < hi = ${parts[2].trim()}`);
    if (cmp(lo, v) > 0 || cmp(v, hi) > 0) throw new MeasurementError(`the value V = ${parts[0].trim()} must lie in [lo, hi] = [${parts[1].trim()}, ${parts[2].trim()}]`);
    return fromExact(ratValue(v), lo, hi, text);
  }
  throw new MeasurementError(`'${text}' is not a measurement`);
}

/** An interval from exact bounds. */
export function fromExact(value: number, lo: Rat, hi: Rat, text: string): Interval {
  return { value, lo: ratValue(lo), hi: ratValue(hi), exact: { lo, hi }, text };
}

/** A finite number as an exact rational, rounded outward (down for a lower bound, up for an upper one) to `digits` significant digits. */
export function roundedRat(x: number, digits: number, direction: 'down' | 'up'): Rat {
  if (!Number.isFinite(x)) throw new MeasurementError(`${x} is not a finite number`);
  if (x === 0) return { n: 0n, d: 1n };
  const e = Math.floor(Math.log10(Math.abs(x))) - (digits - 1);
  const scaled = x / 10 ** e;
  let m = direction === 'down' ? Math.floor(scaled) : Math.ceil(scaled);
  // guard the binary rounding of x / 10^e: the bound must still be on its side of x
  const val = (k: number) => (e >= 0 ? k * 10 ** e : k / 10 ** -e);
  if (direction === 'down' && val(m) > x) m -= 1;
  if (direction === 'up' && val(m) < x) m += 1;
  return e >= 0 ? reduce(BigInt(m) * 10n ** BigInt(e), 1n) : reduce(BigInt(m), 10n ** BigInt(-e));
}

/** An exact rational as a formula literal: `3/10`, `(-3/10)`. */
export function ratText(r: Rat): string {
  const s = r.d === 1n ? `${r.n}` : `${r.n}/${r.d}`;
  return r.n < 0n ? `(${s})` : s;
}

/** An exact rational as a decimal where it is one (`0.46`), else as a fraction. */
export function ratDecimal(r: Rat): string {
  let d = r.d;
  let k = 0;
  while (d % 10n === 0n) (d /= 10n), k++;
  let twos = 0, fives = 0;
  while (d % 2n === 0n) (d /= 2n), twos++;
  while (d % 5n === 0n) (d /= 5n), fives++;
  if (d !== 1n) return ratText(r);
  const digits = k + Math.max(twos, fives);
  const scaled = (r.n * 10n ** BigInt(digits)) / r.d;
  const neg = scaled < 0n;
  const s = (neg ? -scaled : scaled).toString().padStart(digits + 1, '0');
  const out = digits ? `${s.slice(0, s.length - digits)}.${s.slice(s.length - digits)}` : s;
  return neg ? `-${out}` : out;
}
