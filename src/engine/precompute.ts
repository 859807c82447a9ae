// Build step: derive every region of every registered theory and store the derivations as JSON
// (dist/derived/<id>.json) so a cold CLI start reads them instead of running the CAS. The cache is keyed
// by a hash of the theory file; a stale cache is ignored and the engine derives afresh.
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { Model } from './model.js';
import { THEORIES } from '../models/registry.js';
import { variantTheory } from './variant.js';
import type { TheoryFile } from './types.js';

export async function precomputeAll(dir: string): Promise<void> {
  mkdirSync(dir, { recursive: true });
  await (await import('../models/library.js')).loadLibrary(); // the library's theory files (theory/library/)
  const all = Object.entries(THEORIES).flatMap(([id, t]) => [[id, t], ...Object.keys(t.variants ?? {}).map((v) => [`${id}~${v}`, variantTheory(t, v)!])] as Array<[string, TheoryFile]>);
  for (const [id, theory] of all) {
    if (!theory.phases || theory.phases.length === 0) continue;
    const t0 = Date.now();
    const cache = new Model(theory).toCache();
    writeFileSync(join(dir, `${id}.json`), JSON.stringify(cache));
    process.stderr.write(`derived ${id}: ${Object.keys(cache.regions).length} regions in ${Date.now() - t0} ms\n`);
  }
}
