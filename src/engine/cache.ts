// The build-time derivation cache of a theory (dist/derived/<id>.json, ./precompute.ts): the per-region
// derivations, compiled conditions and slopes, keyed by a hash of the theory file, so that a cold start
// of the command line (or the explorer) runs no CAS.
import type { TheoryFile } from './types.js';
import type { RegionDerivation } from './derivation.js';
import type { LogSystem } from './derive.js';

export interface ModelCache {
  hash: string;
  conditions: Record<string, string>;
  regions: Record<string, RegionDerivation>;
  /** log systems by case-signature key */
  systems?: Record<string, LogSystem>;
  /** compiled slopes (JavaScript bodies of a_i, b_i) by case-signature key */
  slopes?: Record<string, Array<{ name: string; a: string; b: string }>>;
}

/** FNV-1a over the theory's JSON: cheap, and the same in Node and the browser. */
export function theoryHash(theory: TheoryFile): string {
  const s = JSON.stringify(theory);
  let h = 0x811c9dc5;
  for (let i = 0; i < s.length; i++) {
    h ^= s.charCodeAt(i);
    h = Math.imul(h, 0x01000193) >>> 0;
  }
  return h.toString(16).padStart(8, '0');
}
