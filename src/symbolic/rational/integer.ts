// Exact integers (bigint) and rationals: gcd, parsing decimal text, small-integer divisors.
import { AlgebraLimitError, MAX_BITS } from './limits.js';

export function abs(a: bigint): bigint {
  return a < 0n ? -a : a;
}

export function igcd(a: bigint, b: bigint): bigint {
  a = abs(a);
  b = abs(b);
  while (b !== 0n) [a, b] = [b, a % b];
  return a;
}

export function bitLength(a: bigint): number {
  return abs(a).toString(2).length;
}

export function checkBits(a: bigint): bigint {
  if (a > 1n << 64n || a < -(1n << 64n)) {
    if (bitLength(a) > MAX_BITS) throw new AlgebraLimitError(`an integer coefficient exceeds ${MAX_BITS} bits`);
  }
  return a;
}

/** A rational number n/d in lowest terms, d > 0. */
export interface Rat {
  n: bigint;
  d: bigint;
}

export function rat(n: bigint, d: bigint = 1n): Rat {
  if (d === 0n) throw new RangeError('division by zero');
  if (d < 0n) {
    n = -n;
    d = -d;
  }
  const g = igcd(n, d);
  return g > 1n ? { n: n / g, d: d / g } : { n, d };
}

/** Exact value of a decimal literal as written (`0.25`, `.5`, `1e-3`, `2.5E+2`). */
export function parseDecimal(text: string): Rat {
  const m = /^(\d*)(?:\.(\d*))?(?:[eE]([+-]?\d+))?$/.exec(text);
  if (!m || (m[1] === '' && (m[2] ?? '') === '')) throw new RangeError(`'${text}' is not a decimal number`);
  const intPart = m[1] ?? '';
  const frac = m[2] ?? '';
  const exp = m[3] ? Number(m[3]) : 0;
  if (Math.abs(exp) > 300 || intPart.length + frac.length > 400) throw new AlgebraLimitError(`the number ${text} is too large or too long for exact arithmetic`);
  const digits = BigInt((intPart + frac).replace(/^0+(?=\d)/, '') || '0');
  const e10 = exp - frac.length;
  return e10 >= 0 ? rat(digits * 10n ** BigInt(e10)) : rat(digits, 10n ** BigInt(-e10));
}

/** Positive divisors of |n|, or null when |n| has a prime factor above `limit` (not searched). */
export function divisors(n: bigint, limit = 100000n): bigint[] | null {
  n = abs(n);
  if (n === 0n) return null;
  const primes: Array<[bigint, number]> = [];
  let m = n;
  for (let p = 2n; p * p <= m; p += p === 2n ? 1n : 2n) {
    if (p > limit) return null;
    let k = 0;
    while (m % p === 0n) {
      m /= p;
      k++;
    }
    if (k) primes.push([p, k]);
  }
  if (m > 1n) primes.push([m, 1]);
  let out = [1n];
  for (const [p, k] of primes) {
    const next: bigint[] = [];
    for (const d of out) {
      let pk = 1n;
      for (let i = 0; i <= k; i++) {
        next.push(d * pk);
        pk *= p;
      }
    }
    out = next;
  }
  return out.sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
}
