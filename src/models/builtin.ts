// The built-in engine theories by name: theory/*.yaml read by the theory-file loader
// (src/theory-file/builtin.ts). Import them from here; look models up through ./registry.ts.
import { builtinTheory } from '../theory-file/builtin.js';
import type { TheoryFile } from '../engine/types.js';

/** Power-law random features, one-pass SGD (arXiv:2405.15074): theory/plrf.yaml. */
export const plrf: TheoryFile = builtinTheory('plrf');
/** The random-feature dynamical model (arXiv:2402.01092): theory/rf-dynamics.yaml. */
export const rfDynamics: TheoryFile = builtinTheory('rf-dynamics');
/** The engine part of the Chinchilla law (arXiv:2203.15556): theory/chinchilla.yaml; its fitted constants are theory/chinchilla.ts. */
export const chinchillaTheory: TheoryFile = builtinTheory('chinchilla');
