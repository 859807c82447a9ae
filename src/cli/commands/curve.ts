// `scaling-theory curve --model ID ...`: dispatch to the handler of the model's `curve` capability.
import { UsageError } from '../errors.js';
import { COMMON_CURVE_OPTIONS, optionKey, curveModels } from '../curve/registry.js';
import { findModel } from '../../models/registry.js';
import { flagName } from '../flags.js';
import { excerpt } from '../input.js';
import type { CommandContext } from '../context.js';

export async function run(opts: Record<string, unknown>, args: string[], ctx: CommandContext): Promise<number | void> {
  const ids = curveModels().map((m) => m.id);
  const id = opts.model;
  if (id === undefined) throw new UsageError(`--model is required (curve supports: ${ids.join(', ')})`);
  const model = findModel(id);
  const curve = model?.curve;
  if (!model || !curve) throw new UsageError(`--model = '${excerpt(id)}' has no loss-curve command (curve supports: ${ids.join(', ')})`);
  const params = model.parameters.map((p) => p.name);
  const all = [...curve.options, ...COMMON_CURVE_OPTIONS];
  const own = new Set(['model', ...params, ...all.map((o) => optionKey(o[0]))]);
  for (const [key, value] of Object.entries(opts)) {
    if (value !== undefined && !own.has(key)) {
      const flag = flagName(key);
      throw new UsageError(`${flag} is not an option of curve --model ${id} (it takes ${[...own].filter((k) => k !== 'model').map((k) => '--' + k).join(', ')})`);
    }
  }
  const withDefaults: Record<string, unknown> = { ...opts };
  for (const [flags, , def] of all) {
    const key = optionKey(flags);
    if (def !== undefined && withDefaults[key] === undefined) withDefaults[key] = def;
  }
  const mod = await curve.load();
  return mod.run(withDefaults, args, ctx, model);
}
