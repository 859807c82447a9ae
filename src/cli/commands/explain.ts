// `scaling-theory explain --model plrf --alpha A --beta B [--json]`: the derivation at a point, step by
// step (src/engine/explain.ts): JSON `{model, params, definitions, steps}`, or the same as text.
import { requireModel, requirePoint } from '../point.js';
import { toJson } from '../errors.js';
import { explain, explanationText } from '../../engine/explain.js';
import type { CommandContext } from '../context.js';

export function run(opts: Record<string, unknown>, _args: string[], ctx: CommandContext): number {
  const model = requireModel(opts, ctx);
  const point = requirePoint(model, opts);
  const e = explain(model, point);
  if (opts.json) {
    ctx.out(toJson({ model: model.theory.id, params: point, definitions: e.definitions, steps: e.steps }) + '\n');
    return 0;
  }
  ctx.out(explanationText(e));
  return 0;
}
