// Command-line errors: a UsageError (bad flags, values outside a domain) exits with code 2 and a message
// on stderr naming the parameter, its value and the valid domain; nothing is printed on stdout.
import { DomainError } from '../errors.js';

export class UsageError extends Error {
  readonly exitCode: number;
  constructor(message: string, exitCode = 2) {
    super(message);
    this.name = 'UsageError';
    this.exitCode = exitCode;
  }
}

const NUMBER = /^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$/;

/** Parse a finite number given to `--flag`; rejects NaN, Infinity, hex and empty strings. */
export function parseNumber(flag: string, raw: unknown): number {
  if (raw === undefined || raw === null || raw === true) throw new UsageError(`--${flag} needs a number`);
  const s = String(raw).trim();
  if (!NUMBER.test(s)) throw new UsageError(`--${flag} = '${s}' is not a finite number`);
  const v = Number(s);
  if (!Number.isFinite(v)) throw new UsageError(`--${flag} = '${s}' is not a finite number`);
  return v;
}

/** Parse a positive integer flag. */
export function parseInteger(flag: string, raw: unknown, min = 1): number {
  const v = parseNumber(flag, raw);
  if (!Number.isInteger(v) || v < min) throw new UsageError(`--${flag} = ${v} must be an integer >= ${min}`);
  return v;
}

/** Parse `lo:hi` (numbers, e.g. `1e5:1e10`). */
export function parseRange(flag: string, raw: unknown): [number, number] {
  const parts = String(raw ?? '').split(':');
  if (parts.length !== 2) throw new UsageError(`--${flag} = '${String(raw)}' must be 'lo:hi'`);
  const lo = parseNumber(flag, parts[0]);
  const hi = parseNumber(flag, parts[1]);
  if (!(lo < hi)) throw new UsageError(`--${flag} = '${String(raw)}': lo must be < hi`);
  return [lo, hi];
}

/** Parse a comma-separated list of numbers. */
export function parseList(flag: string, raw: unknown): number[] {
  const parts = String(raw ?? '').split(',').filter((x) => x.trim() !== '');
  if (parts.length === 0) throw new UsageError(`--${flag} needs a comma-separated list of numbers`);
  return parts.map((p) => parseNumber(flag, p));
}

/** A plot file named by `--flag`: it must end in .svg or .png (the format follows the extension). */
export function requirePlotFile(flag: string, raw: unknown): string {
  if (typeof raw !== 'string' || !/\.(svg|png)$/i.test(raw)) throw new UsageError(`--${flag} = '${String(raw ?? '')}' must name a .svg or .png file`);
  return raw;
}

/** The optional `--plot FILE`: undefined when not given, else as requirePlotFile. */
export function optionalPlotFile(opts: Record<string, unknown>, flag = 'plot'): string | undefined {
  return opts[flag] === undefined ? undefined : requirePlotFile(flag, opts[flag]);
}

/** Map known error types to exit codes and messages. */
export function exitCodeFor(err: unknown): { code: number; message: string } {
  if (err instanceof UsageError) return { code: err.exitCode, message: err.message };
  if (err instanceof DomainError) return { code: 2, message: flagMessage(err) };
  const e = err as { code?: string; exitCode?: number; message?: string };
  if (e && typeof e.code === 'string' && e.code.startsWith('commander.')) return { code: e.exitCode === 0 ? 0 : 2, message: '' };
  return { code: 1, message: `internal error: ${e && e.message ? e.message : String(err)}` };
}

/** JSON output that refuses to print NaN or Infinity (they would become null silently). */
export function toJson(value: unknown): string {
  return JSON.stringify(
    value,
    (key, v) => {
      if (typeof v === 'number' && !Number.isFinite(v)) throw new Error(`refusing to print a non-finite number for '${key}'`);
      return v;
    },
    2,
  );
}

/** Library parameters whose command-line flag has another name. */
const FLAG_OF: Record<string, string> = { C: 'compute' };

/** A library DomainError names its parameter (`C = 5 ...`); on the command line it names the flag (`--compute = 5 ...`). */
export function flagMessage(err: DomainError): string {
  const p = err.parameter;
  if (!p || !/^[A-Za-z_][A-Za-z0-9_]*$/.test(p) || !err.message.startsWith(`${p} = `)) return err.message;
  return `--${FLAG_OF[p] ?? p}${err.message.slice(p.length)}`;
}
