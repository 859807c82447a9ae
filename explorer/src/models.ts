// The engine as the page sees it: the same registry, Model and grid code as the command line, with the
// build-time derivation caches and the theory library bundled in (scripts/explorer.mjs injects them as
// __DERIVED_CACHES__ and __LIBRARY__), so loading the page runs no computer algebra for the phases'
// derivations and reads no YAML.
import { addTheories, getModel, setCacheProvider } from '../../src/models/registry.js';
import { allTheories } from './theories.js';
import type { Model, ModelCache } from '../../src/engine/model.js';
import type { TheoryFile } from '../../src/engine/types.js';

declare const __DERIVED_CACHES__: Record<string, ModelCache> | undefined;
declare const __LIBRARY__: TheoryFile[] | undefined;

const caches: Record<string, ModelCache> = typeof __DERIVED_CACHES__ === 'undefined' ? {} : __DERIVED_CACHES__;
setCacheProvider((id) => caches[id]);
addTheories(typeof __LIBRARY__ === 'undefined' ? [] : __LIBRARY__);

/** Whether the explorer can draw a theory: two parameters and phases (stated, or derived at build time). */
export function drawable(t: TheoryFile): boolean {
  return t.parameters.length === 2 && (t.phases?.length ?? 0) > 0;
}

/** Models the explorer can draw (variants included). */
export function diagramTheories(): TheoryFile[] {
  return allTheories()
    .map(([, t]) => t)
    .filter(drawable);
}

/** Every theory, drawable or not (the model select lists them all, grouped by paper). */
export function everyTheory(): TheoryFile[] {
  return allTheories().map(([, t]) => t);
}

export function model(id: string): Model {
  return getModel(id);
}

/** Whether a model's derivations come from the bundled cache (false: derived in the browser on first use). */
export function hasCache(id: string): boolean {
  return id in caches;
}
