// `scaling-theory fit FILE.csv --law chinchilla`: see src/fit/chinchilla.ts.
import { UsageError } from '../errors.js';
import type { CommandContext } from '../main.js';

export async function run(_opts: Record<string, unknown>, _args: string[], _ctx: CommandContext): Promise<number> {
  throw new UsageError('fit: not implemented yet');
}
