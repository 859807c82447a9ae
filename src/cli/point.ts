// Shared flag handling: `--model ID` plus one flag per model parameter (`--alpha 0.7 --beta 1.2`).
import { UsageError, parseNumber } from './errors.js';
import { getModel, modelIds, getTheory } from '../models/registry.js';
import type { Model, Point } from '../engine/model.js';

export function requireModel(opts: Record<string, unknown>): Model {
  const id = opts.model;
  if (id === undefined) throw new UsageError(`--model is required (one of: ${modelIds().join(', ')})`);
  if (typeof id !== 'string' || !getTheory(id)) throw new UsageError(`--model = '${String(id)}' is not a known model (one of: ${modelIds().join(', ')})`);
  return getModel(id);
}

export function requirePoint(model: Model, opts: Record<string, unknown>): Point {
  const point: Point = {};
  for (const p of model.theory.parameters) {
    if (opts[p.name] === undefined) throw new UsageError(`--${p.name} is required for --model ${model.theory.id} (${p.description})`);
    point[p.name] = parseNumber(p.name, opts[p.name]);
  }
  const known = new Set(model.theory.parameters.map((p) => p.name));
  for (const other of new Set(Object.values(requireAllParams()).flat())) {
    if (!known.has(other) && opts[other] !== undefined) throw new UsageError(`--${other} is not a parameter of --model ${model.theory.id} (it takes ${[...known].map((k) => '--' + k).join(', ')})`);
  }
  return point;
}

function requireAllParams(): Record<string, string[]> {
  const out: Record<string, string[]> = {};
  for (const id of modelIds()) out[id] = getTheory(id)!.parameters.map((p) => p.name);
  return out;
}
