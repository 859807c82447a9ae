// `scaling-theory curve --model ID ...`: dispatch to the model's handler (src/cli/curve/registry.ts).
import { UsageError } from '../errors.js';
import { CURVE_MODELS, COMMON_CURVE_OPTIONS, optionKey } from '../curve/registry.js';
import { knownTheory } from '../point.js';
import { ownValue, flagName } from '../flags.js';
import { excerpt } from '../input.js';
import type { CommandContext } from '../main.js';

export async function run(opts: Record<string, unknown>, args: string[], ctx: CommandContext): Promise<number | void> {
  const ids = Object.keys(CURVE_MODELS);
  const id = opts.model;
  if (id === undefined) throw new UsageError(`--model is required (curve supports: ${ids.join(', ')})`);
  const entry = ownValue(CURVE_MODELS, id);
  if (!entry) throw new UsageError(`--model = '${excerpt(id)}' has no loss-curve command (curve supports: ${ids.join(', ')})`);
  const params = knownTheory(id)?.parameters.map((p) => p.name) ?? [];
  const all = [...entry.options, ...COMMON_CURVE_OPTIONS];
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
  const mod = await entry.load();
  return mod.run(withDefaults, args, ctx);
}
