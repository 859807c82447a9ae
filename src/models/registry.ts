// The theories the engine knows, by model id. Theory files are small data modules (no CAS at import);
// a Model (and its CAS work) is built on first use, from the build-time derivation cache when present.
import { Model, type ModelCache } from '../engine/model.js';
import type { TheoryFile } from '../engine/types.js';
import { resolveTheory } from '../engine/variant.js';
import { plrf } from '../../theory/plrf.js';
import { rfDynamics } from '../../theory/rf-dynamics.js';

export const THEORIES: Record<string, TheoryFile> = {
  plrf,
  'rf-dynamics': rfDynamics,
};

const models = new Map<string, Model>();

/** Where build-time derivation caches come from (set by the Node command line; the browser bundles them). */
let cacheProvider: ((id: string) => ModelCache | undefined) | undefined;
export function setCacheProvider(p: (id: string) => ModelCache | undefined): void {
  cacheProvider = p;
}

export function modelIds(): string[] {
  return Object.keys(THEORIES);
}

export function getTheory(id: string): TheoryFile | undefined {
  return resolveTheory(THEORIES, id); // `id~variant` for a theory's variants (engine/variant.ts)
}

export function getModel(id: string, cache?: ModelCache): Model {
  let m = models.get(id);
  if (!m) {
    const theory = getTheory(id);
    if (!theory) throw new Error(`unknown model '${id}' (known: ${modelIds().join(', ')})`);
    m = new Model(theory, cache ?? cacheProvider?.(id));
    models.set(id, m);
  }
  return m;
}
