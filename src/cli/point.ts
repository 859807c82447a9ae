// Shared flag handling: `--model ID` plus one flag per model parameter (`--alpha 0.7 --beta 1.2`).
import { UsageError, parseNumber } from './errors.js';
import { findModel, modelIds, listModels } from '../models/registry.js';
import type { Model, Point } from '../engine/model.js';

/** The engine Model of `--model ID` (a theory or variant with exponents from a theory file). */
export function requireModel(opts: Record<string, unknown>): Model {
  const id = opts.model;
  if (id === undefined) throw new UsageError(`--model is required (one of: ${modelIds().join(', ')})`);
  const entry = findModel(id);
  if (!entry?.engine) throw new UsageError(`--model = '${String(id)}' is not a known model (one of: ${modelIds().join(', ')})`);
  return entry.engine();
}

/** The model's parameters from their flags; a parameter flag of another model is an error. */
export function requirePoint(model: Model, opts: Record<string, unknown>, command?: string): Point {
  const point: Point = {};
  for (const p of model.theory.parameters) {
    if (opts[p.name] === undefined) throw new UsageError(`--${p.name} is required for ${command ? `${command} ` : ''}--model ${model.theory.id} (${p.description})`);
    point[p.name] = parseNumber(p.name, opts[p.name]);
  }
  const known = new Set(model.theory.parameters.map((p) => p.name));
  const others = new Set(listModels().filter((m) => m.engine).flatMap((m) => m.parameters.map((p) => p.name)));
  for (const other of others) {
    if (!known.has(other) && opts[other] !== undefined) throw new UsageError(`--${other} is not a parameter of --model ${model.theory.id} (it takes ${[...known].map((k) => '--' + k).join(', ')})`);
  }
  return point;
}
