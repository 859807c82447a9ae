// Flag rules shared by every command (docs/cli.md): a flag given twice is an error (no silent last-wins);
// a flag that does not apply to the chosen model or method is an error, worded the same way everywhere;
// an old spelling is a deprecated alias that warns on stderr; every name the user gives (a model, a
// preset, a mapping, a law's symbol) is looked up as an own key, never through the prototype chain.
import type { Command } from 'commander';
import { UsageError } from './errors.js';
import { excerpt } from './input.js';

/** `--d-grid` -> `dGrid` (commander's property name) and back. */
export function flagName(key: string): string {
  return '--' + (/^[a-z]/.test(key) ? key.replace(/[A-Z]/g, (c) => '-' + c.toLowerCase()) : key);
}

/** Own-key lookup: `table[name]` only when `name` is the table's own property (never `constructor`, `__proto__`). */
export function ownValue<T>(table: Readonly<Record<string, T>>, name: unknown): T | undefined {
  return typeof name === 'string' && Object.prototype.hasOwnProperty.call(table, name) ? table[name] : undefined;
}

/** Refuse the second occurrence of any option of `cmd` (installed on every command by main.ts). */
export function refuseRepeatedFlags(cmd: Command): void {
  const seen = new Set<string>();
  for (const o of cmd.options) {
    const name = o.name();
    cmd.on(`option:${name}`, () => {
      if (seen.has(name)) throw new UsageError(`--${name} is given twice: give each flag once (a repeated flag is an error, not last-wins)`);
      seen.add(name);
    });
  }
}

/** Flags that do not apply here: `--X is not an option of CONTEXT (WHY)`, the one wording for every command. */
export function refuseFlags(opts: Record<string, unknown>, keys: readonly string[], context: string, why?: string): void {
  for (const k of keys) {
    if (opts[k] !== undefined && opts[k] !== false) throw new UsageError(`${flagName(k)} is not an option of ${context}${why ? ` (${why})` : ''}`);
  }
}

/** Only `allowed` (and `always`) may be given: every other set flag is refused with refuseFlags' wording. */
export function allowOnly(opts: Record<string, unknown>, allowed: readonly string[], context: string, why?: (key: string) => string | undefined): void {
  const ok = new Set([...allowed, ...ALWAYS]);
  for (const [k, v] of Object.entries(opts)) {
    if (v === undefined || v === false || ok.has(k)) continue;
    const w = why?.(k);
    throw new UsageError(`${flagName(k)} is not an option of ${context}${w ? ` (${w})` : ` (it takes ${allowed.map(flagName).join(', ')})`}`);
  }
}

/** Flags every command accepts. */
const ALWAYS = ['json', 'force', 'allowSlow'];

/**
 * A deprecated spelling: `--old` is read as `--canonical` with a warning on stderr; both together is an error.
 * Returns the options with the alias folded in.
 */
export function foldAlias(opts: Record<string, unknown>, alias: string, canonical: string, warn: (s: string) => void, note = ''): Record<string, unknown> {
  if (opts[alias] === undefined) return opts;
  if (opts[canonical] !== undefined) throw new UsageError(`${flagName(alias)} and ${flagName(canonical)} name the same thing: give ${flagName(canonical)} only (${flagName(alias)} is its deprecated alias)`);
  warn(`scaling-theory: warning: ${flagName(alias)} is deprecated${note}; use ${flagName(canonical)}\n`);
  const out = { ...opts, [canonical]: opts[alias] };
  delete out[alias];
  return out;
}

/** A user-given name checked against a list of own names: `--flag = 'x' is not known (one of: ...)`. */
export function requireName<T extends string>(flag: string, raw: unknown, names: readonly T[], what = 'is not known'): T {
  if (typeof raw !== 'string' || !names.includes(raw as T)) throw new UsageError(`${flag} = '${excerpt(raw)}' ${what} (one of: ${names.join(', ')})`);
  return raw as T;
}
