// `scaling-theory explain --model plrf --alpha A --beta B [--json]`
import { requireModel, requirePoint } from '../point.js';
import { toJson } from '../errors.js';
import { explain } from '../../engine/explain.js';
import type { CommandContext } from '../context.js';

export function run(opts: Record<string, unknown>, _args: string[], ctx: CommandContext): number {
  const model = requireModel(opts, ctx);
  const point = requirePoint(model, opts);
  const steps = explain(model, point);
  if (opts.json) {
    ctx.out(toJson({ model: model.theory.id, params: point, steps }) + '\n');
    return 0;
  }
  steps.forEach((s, i) => {
    ctx.out(`${i + 1}. ${s.title}\n`);
    for (const l of s.lines) ctx.out(`   ${l}\n`);
  });
  return 0;
}
