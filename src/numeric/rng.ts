// Seeded random numbers for every simulation (pure-rand's xoroshiro128+, fast-check's own generator).
// pure-rand's first draw from a small integer seed is ~0.99999 (libraries.md §5), so seeds are mixed
// through splitmix32 first; independent sub-streams come from (seed, stream) pairs.
import { xoroshiro128plus } from 'pure-rand/generator/xoroshiro128plus';
import { uniformFloat64 } from 'pure-rand/distribution/uniformFloat64';

function splitmix32(x: number): number {
  x = (x + 0x9e3779b9) | 0;
  x = Math.imul(x ^ (x >>> 16), 0x85ebca6b);
  x = Math.imul(x ^ (x >>> 13), 0xc2b2ae35);
  return (x ^ (x >>> 16)) >>> 0;
}

export interface Rng {
  /** uniform on [0, 1) */
  uniform(): number;
  /** standard normal (Box-Muller, both values used) */
  normal(): number;
  /** fill an array with standard normals */
  normals(out: Float64Array): Float64Array;
}

/** A generator for `seed` (any integer) and an optional stream index (independent sub-streams). */
export function createRng(seed: number, stream = 0): Rng {
  if (!Number.isInteger(seed)) throw new Error(`seed = ${seed} must be an integer`);
  const mixed = splitmix32(splitmix32(seed | 0) ^ splitmix32(0x5bd1e995 + stream));
  const gen = xoroshiro128plus(mixed);
  for (let i = 0; i < 4; i++) gen.next(); // discard the first draws
  let spare: number | null = null;
  const uniform = () => uniformFloat64(gen);
  const normal = () => {
    if (spare !== null) {
      const s = spare;
      spare = null;
      return s;
    }
    let u = 0;
    while (u === 0) u = uniform();
    const v = uniform();
    const r = Math.sqrt(-2 * Math.log(u));
    spare = r * Math.sin(2 * Math.PI * v);
    return r * Math.cos(2 * Math.PI * v);
  };
  return {
    uniform,
    normal,
    /** the same draws as repeated normal(), two per Box-Muller pair without the spare's bookkeeping */
    normals(out: Float64Array) {
      let i = 0;
      if (spare !== null && out.length > 0) out[i++] = normal();
      for (; i + 1 < out.length; i += 2) {
        let u = 0;
        while (u === 0) u = uniform();
        const v = uniform();
        const r = Math.sqrt(-2 * Math.log(u));
        out[i] = r * Math.cos(2 * Math.PI * v);
        out[i + 1] = r * Math.sin(2 * Math.PI * v);
      }
      if (i < out.length) out[i] = normal();
      return out;
    },
  };
}
