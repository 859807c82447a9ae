// The build-time derivation cache of a theory (dist/derived/<id>.json, ./precompute.ts): the per-region
// derivations, compiled conditions and slopes, keyed by a hash of the theory file, so that a cold start
// of the command line (or the explorer) runs no CAS. Also the parsed built-in theory files (TheoryTextCache).
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

/** FNV-1a over a text: cheap, and the same in Node and the browser. */
export function textHash(s: string): string {
  let h = 0x811c9dc5;
  for (let i = 0; i < s.length; i++) {
    h ^= s.charCodeAt(i);
    h = Math.imul(h, 0x01000193) >>> 0;
  }
  return h.toString(16).padStart(8, '0');
}

/** The hash of a theory: FNV-1a over its JSON. */
export function theoryHash(theory: TheoryFile): string {
  return textHash(JSON.stringify(theory));
}

/**
 * The build-time cache of a built-in theory file (dist/derived/theories/<name>.json, scripts/build.mjs):
 * the checked, normalised TheoryFile of theory/<name>.yaml, keyed by a hash of the file's text, so that
 * a cold start neither loads the YAML parser and the schema nor runs them (about 150 ms).
 */
export interface TheoryTextCache {
  /** textHash of the YAML text the theory was read from */
  hash: string;
  theory: TheoryFile;
}
