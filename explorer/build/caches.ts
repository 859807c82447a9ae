// Build-time (Node): the derivation cache of every model the explorer draws, bundled into the page so
// the browser never runs the CAS for a phase's derivation. The project build's caches (dist/derived/<id>.json,
// src/engine/precompute.ts) are reused when their hash matches the theory file; otherwise the engine
// derives afresh here (about 20 s for PLRF's 8 regions on this machine).
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { allTheories } from '../src/theories.js';
import { Model, theoryHash, type ModelCache } from '../../src/engine/model.js';
import { addTheories } from '../../src/models/registry.js';
import type { TheoryFile } from '../../src/engine/types.js';
import { libraryTheories } from './library.js';

/** The library's theories as the page gets them (bundled), registered here so their caches are built too. */
export async function library(): Promise<TheoryFile[]> {
  const lib = await libraryTheories();
  addTheories(lib);
  return lib;
}

export function derivationCaches(derivedDir: string, log: (s: string) => void = () => {}, keep?: string): Record<string, ModelCache> {
  const out: Record<string, ModelCache> = {};
  for (const [id, theory] of allTheories()) {
    if (!theory.phases?.length || theory.parameters.length !== 2) continue;
    const file = join(derivedDir, `${id}.json`);
    const hash = theoryHash(theory);
    if (existsSync(file)) {
      const cache = JSON.parse(readFileSync(file, 'utf8')) as ModelCache;
      if (cache.hash === hash) {
        out[id] = cache;
        continue;
      }
    }
    // the explorer's own cache (keep: a directory) for theories whose phases it derived (the library's)
    const kept = keep ? join(keep, `${id}.json`) : '';
    if (kept && existsSync(kept)) {
      const cache = JSON.parse(readFileSync(kept, 'utf8')) as ModelCache;
      if (cache.hash === hash) {
        out[id] = cache;
        continue;
      }
    }
    const t0 = Date.now();
    out[id] = new Model(theory).toCache();
    if (kept) writeFileSync(kept, JSON.stringify(out[id]));
    log(`derived ${id} (no current cache in ${derivedDir}) in ${Date.now() - t0} ms`);
  }
  return out;
}

/** The built-in theory files' parses (src/theory-file/builtin.ts), by file name, for the page's .yaml loader (scripts/explorer.mjs). */
export { BUILTINS as builtinParses } from '../../src/theory-file/builtin.js';
