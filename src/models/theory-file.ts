// A user's theory file (docs/theory-files.md) as a model: built per request from the loaded file, never
// registered (its id may be anything, even a built-in's). Its engine Model is its own, not the shared
// one of ./engine.ts (that caches by id and would hand a user file `plrf` the built-in's derivation).
import { Model } from '../engine/model.js';
import type { TheoryFile } from '../engine/types.js';
import { theoryEntry } from './theory-entry.js';
import { capabilitiesOf, type ScalingModel } from './types.js';

/** The model of a loaded user theory file (`built`: its engine Model, when one exists already): kind `theory`, capabilities `exponents` (and `phases` when it states phases). */
export function theoryFileModel(theory: TheoryFile, built?: Model): ScalingModel {
  let model: Model | undefined = built;
  const entry = theoryEntry(theory, () => (model ??= new Model(theory)));
  // variants of a user file are not addressable by id (it is not in the registry)
  const base = { ...entry, variants: {} };
  return { ...base, capabilities: capabilitiesOf(base, (theory.phases ?? []).length > 0) };
}
