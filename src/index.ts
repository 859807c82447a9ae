// Library API of scaling-theory.
//   import { getModel, explain, validate } from 'scaling-theory';
//   getModel('plrf').exponents({ alpha: 0.7, beta: 1.2 }).exponents.eta.value  // 0.642857...
export { Model, theoryHash } from './engine/model.js';
export { DomainError } from './errors.js';
export type { ExponentsResult, ExponentInfo, Classification, Point, ModelCache } from './engine/model.js';
export type { TheoryFile, ProvenanceTag } from './engine/types.js';
export { explain } from './engine/explain.js';
export { phaseGrid } from './engine/grid.js';
export { balanceAt } from './engine/balance.js';
export { getModel, getTheory, modelIds, THEORIES } from './models/registry.js';
export { validate } from './validate/index.js';
