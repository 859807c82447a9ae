// The engine's Model of a theory file, built on first use (one per model id), from the build-time
// derivation cache when there is one (the Node command line and the explorer each provide theirs).
import { Model, type ModelCache } from '../engine/model.js';
import type { TheoryFile } from '../engine/types.js';

const models = new Map<string, Model>();

let cacheProvider: ((id: string) => ModelCache | undefined) | undefined;

/** Where build-time derivation caches come from (set by the Node command line; the browser bundles them). */
export function setCacheProvider(p: (id: string) => ModelCache | undefined): void {
  cacheProvider = p;
}

export function engineModel(theory: TheoryFile, cache?: ModelCache): Model {
  let m = models.get(theory.id);
  if (!m) {
    m = new Model(theory, cache ?? cacheProvider?.(theory.id));
    models.set(theory.id, m);
  }
  return m;
}
