// Shared flag handling: `--model ID` plus one flag per model parameter (`--alpha 0.7 --beta 1.2`).
// The model id is looked up as an own key (never `constructor` or `__proto__`); each parameter is a finite
// number with |x| <= LIMITS.parameterMagnitude, inside the domain by more than LIMITS.domainMargin.
import { UsageError, parseNumber } from './errors.js';
import { excerpt } from './input.js';
import { LIMITS, fmtLimit } from './limits.js';
import { findModel, modelIds, listModels } from '../models/registry.js';
import { DomainError } from '../errors.js';
import type { Model, Point } from '../engine/model.js';
import type { TheoryFile } from '../engine/types.js';
import type { CommandContext } from './context.js';

/** The theory of a user-given id (a theory or variant of the model registry, own keys only); undefined when unknown. */
export function knownTheory(id: unknown): TheoryFile | undefined {
  return findModel(id)?.engine?.().theory;
}

/** How a model was named on the command line (`--model ID`, or `--theory FILE` for a theory file). */
const NAMED = new WeakMap<Model, string>();
export function modelFlag(model: Model): string {
  return NAMED.get(model) ?? `--model ${model.theory.id}`;
}

/** The engine model of `--model ID`, or of `--theory FILE` (loaded before the program was built: ../cli/theory.ts). */
export function requireModel(opts: Record<string, unknown>, ctx?: CommandContext): Model {
  if (opts.theory !== undefined || ctx?.theory) {
    if (opts.model !== undefined) throw new UsageError('--model and --theory are given together: give one (--model ID for a built-in theory, --theory FILE for a theory file)');
    const user = ctx?.theory;
    if (!user) throw new UsageError('--theory FILE: the file was not read');
    const m = user.model;
    NAMED.set(m, `--theory ${excerpt(user.path, 120)}`);
    return m;
  }
  const id = opts.model;
  if (id === undefined) throw new UsageError(`--model is required (one of: ${modelIds().join(', ')})`);
  const entry = findModel(id);
  if (!entry?.engine) throw new UsageError(`--model = '${excerpt(id)}' is not a known model (one of: ${modelIds().join(', ')})`);
  return entry.engine();
}

/** One model parameter: a finite number within the documented magnitude limit. */
export function parseParameter(name: string, raw: unknown): number {
  return parseNumber(name, raw, LIMITS.parameterMagnitude);
}

export function requirePoint(model: Model, opts: Record<string, unknown>, command?: string): Point {
  const point: Point = {};
  for (const p of model.theory.parameters) {
    if (opts[p.name] === undefined) throw new UsageError(`--${p.name} is required for ${command ? `${command} ` : ''}${modelFlag(model)} (${p.description})`);
    point[p.name] = parseParameter(p.name, opts[p.name]);
  }
  const known = new Set(model.theory.parameters.map((p) => p.name));
  const others = new Set(listModels().filter((m) => m.engine).flatMap((m) => m.parameters.map((p) => p.name)));
  for (const other of others) {
    if (!known.has(other) && opts[other] !== undefined) throw new UsageError(`--${other} is not a parameter of ${modelFlag(model)} (it takes ${[...known].map((k) => '--' + k).join(', ')})`);
  }
  checkMargin(model, point);
  return point;
}

/**
 * The point must be in the domain, and stay in it when any one parameter moves by LIMITS.domainMargin
 * (relative, floor 1): closer to an edge, the engine's region tests would report the edge itself
 * (`phase --alpha 1e-10` gave the region `alpha = 0`).
 */
export function checkMargin(model: Model, point: Point): void {
  model.checkDomain(point);
  for (const p of model.theory.parameters) {
    const x = point[p.name];
    const h = LIMITS.domainMargin * Math.max(1, Math.abs(x));
    for (const y of [x - h, x + h]) {
      try {
        model.checkDomain({ ...point, [p.name]: y });
      } catch (e) {
        if (!(e instanceof DomainError)) throw e;
        const cond = model.theory.domain.map((d) => d.condition).join(', ');
        throw new UsageError(`--${p.name} = ${x} is within ${fmtLimit(LIMITS.domainMargin)} of the edge of the domain (${cond}): too close to tell from the edge; move it inside by more than ${fmtLimit(LIMITS.domainMargin)}`);
      }
    }
  }
}

/** The numerics (curve, frontier) take parameters with |x| <= LIMITS.numericParameter (docs/cli.md, "Limits"). */
export function checkNumericRange(point: Point, command: string): void {
  for (const [name, x] of Object.entries(point)) {
    if (Math.abs(x) > LIMITS.numericParameter) throw new UsageError(`--${name} = ${x} is beyond the limit |${name}| <= ${LIMITS.numericParameter} of ${command} (its numerics are not valid beyond; exponents, phase and explain take up to ${LIMITS.parameterMagnitude})`);
  }
}
