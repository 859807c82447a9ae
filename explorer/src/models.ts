// The engine as the page sees it: the same registry, Model and grid code as the command line, with the
// build-time derivation caches bundled in (scripts/explorer.mjs injects them as __DERIVED_CACHES__), so
// loading the page runs no computer algebra for the phases' derivations.
import { getModel, setCacheProvider } from '../../src/models/registry.js';
import { allTheories } from './theories.js';
import type { Model, ModelCache } from '../../src/engine/model.js';
import type { TheoryFile } from '../../src/engine/types.js';

declare const __DERIVED_CACHES__: Record<string, ModelCache> | undefined;

const caches: Record<string, ModelCache> = typeof __DERIVED_CACHES__ === 'undefined' ? {} : __DERIVED_CACHES__;
setCacheProvider((id) => caches[id]);

/** Models the explorer can draw (variants included): two parameters and a phase diagram. */
export function diagramTheories(): TheoryFile[] {
  return allTheories()
    .map(([, t]) => t)
    .filter((t) => t.parameters.length === 2 && (t.phases?.length ?? 0) > 0);
}

export function model(id: string): Model {
  return getModel(id);
}

/** Whether a model's derivations come from the bundled cache (false: derived in the browser on first use). */
export function hasCache(id: string): boolean {
  return id in caches;
}
