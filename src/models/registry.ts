// The registry: every model the tool knows, by id, with its capabilities (./types.ts). Commands, the
// validator and the explorer look a model up here and use what it can do; this table (and theory/) is
// the only place where model ids are written. Lookups are own-key only: a user-given name never reaches
// an object's prototype.
import { plrf } from './builtin.js';
import { rfDynamics } from './builtin.js';
import { resolveTheory } from '../engine/variant.js';
import type { Model, ModelCache } from '../engine/model.js';
import type { TheoryFile } from '../engine/types.js';
import { engineModel, setCacheProvider } from './engine.js';
import { plrfModel } from './plrf.js';
import { rfDynamicsModel, rfDynamicsVariants } from './rf-dynamics.js';
import { theoryEntry } from './theory-entry.js';
import { infoBoundModel, negativeControlModel } from './bounds.js';
import { chinchillaModel, presetModels } from './laws.js';
import { capabilitiesOf, type Capability, type ScalingModel } from './types.js';

export { setCacheProvider };
export type { ScalingModel, Capability };

/** The engine theory files, by id (variants are addressed as `id~variant`). */
export const THEORIES: Record<string, TheoryFile> = {
  [plrf.id]: plrf,
  [rfDynamics.id]: rfDynamics,
};

const ENTRIES: Array<Omit<ScalingModel, 'capabilities'>> = [plrfModel, rfDynamicsModel, ...rfDynamicsVariants, infoBoundModel, negativeControlModel, chinchillaModel, ...presetModels];

const MODELS = new Map<string, ScalingModel>(
  ENTRIES.map((e) => {
    const theory = e.engine ? getTheory(e.id) : undefined;
    return [e.id, { ...e, capabilities: capabilitiesOf(e, (theory?.phases ?? []).length > 0) }];
  }),
);

/**
 * Register theory files read at run time (the library, theory/library/*.yaml, added by ./library.ts on the
 * command line): each becomes an engine model with the capabilities of its file. A known id is kept.
 */
export function addTheories(theories: TheoryFile[]): void {
  for (const t of theories) {
    if (MODELS.has(t.id)) continue;
    THEORIES[t.id] = t;
    const e = theoryEntry(t, () => engineModel(t));
    MODELS.set(t.id, { ...e, capabilities: capabilitiesOf(e, (t.phases ?? []).length > 0) });
  }
}

/** Every model and variant, in the registry's order. */
export function listModels(): ScalingModel[] {
  return [...MODELS.values()];
}

/** The model of an id, or undefined (own keys only: `constructor`, `__proto__` are unknown ids). */
export function findModel(id: unknown): ScalingModel | undefined {
  return typeof id === 'string' ? MODELS.get(id) : undefined;
}

/** The models with a capability. */
export function modelsWith(capability: Capability): ScalingModel[] {
  return listModels().filter((m) => m.capabilities.includes(capability));
}

/** Ids of the engine theories and their variants (the models with `exponents` from a theory file). */
export function modelIds(): string[] {
  return listModels().filter((m) => m.engine).map((m) => m.id);
}

export function getTheory(id: string): TheoryFile | undefined {
  return resolveTheory(THEORIES, id); // `id~variant` for a theory's variants (engine/variant.ts)
}

/** The engine Model of a theory id (throws on an unknown id: callers check user input with findModel). */
export function getModel(id: string, cache?: ModelCache): Model {
  const theory = getTheory(id);
  if (!theory) throw new Error(`unknown model '${id}' (known: ${modelIds().join(', ')})`);
  return engineModel(theory, cache);
}
