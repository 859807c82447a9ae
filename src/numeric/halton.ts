// The Halton low-discrepancy sequence (radical inverses in the first primes): the one deterministic
// sampler of parameter boxes (region sampling in the engine, searches in the validator).

const PRIMES = [2, 3, 5, 7, 11, 13];

/** The radical inverse of i in a base: i's digits mirrored about the radix point. */
export function radicalInverse(i: number, base: number): number {
  let f = 1, r = 0, j = i;
  while (j > 0) {
    f /= base;
    r += f * (j % base);
    j = Math.floor(j / base);
  }
  return r;
}

/** i-th point of the Halton sequence in the unit cube (bases 2, 3, 5, 7, 11, 13). */
export function halton(i: number, dim: number): number[] {
  const out: number[] = [];
  for (let k = 0; k < dim; k++) out.push(radicalInverse(i, PRIMES[k % PRIMES.length]));
  return out;
}
