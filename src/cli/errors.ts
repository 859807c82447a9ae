// Command-line errors: a UsageError (bad flags, values outside a domain) exits with code 2 and a message
// on stderr naming the parameter, its value and the valid domain; nothing is printed on stdout.
import { DomainError } from '../errors.js';
import { fmtLimit } from './limits.js';

export class UsageError extends Error {
  readonly exitCode: number;
  constructor(message: string, exitCode = 2) {
    super(message);
    this.name = 'UsageError';
    this.exitCode = exitCode;
  }
}

const NUMBER = /^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$/;

/** At most `max` printable characters of user input (control characters escaped). */
function short(raw: string, max = 40): string {
  const p = raw.replace(/[\u0000-\u001f\u007f-\u009f]/g, (c) => `\\x${c.charCodeAt(0).toString(16).padStart(2, '0')}`);
  return p.length > max ? `${p.slice(0, max)}... (${raw.length} characters)` : p;
}

/** Parse a finite number given to `--flag`; rejects NaN, Infinity, hex and empty strings; |v| <= maxAbs. */
export function parseNumber(flag: string, raw: unknown, maxAbs = 1e300): number {
  if (raw === undefined || raw === null || raw === true) throw new UsageError(`--${flag} needs a number`);
  const s = String(raw).trim();
  if (!NUMBER.test(s)) throw new UsageError(`--${flag} = '${short(s)}' is not a finite number`);
  const v = Number(s);
  if (!Number.isFinite(v)) throw new UsageError(`--${flag} = '${short(s)}' is not a finite number`);
  if (Math.abs(v) > maxAbs) throw new UsageError(`--${flag} = ${s} is beyond the limit |${flag}| <= ${fmtLimit(maxAbs)} (docs/cli.md, "Limits")`);
  return v;
}

/** Parse an integer flag, min <= v <= max. */
export function parseInteger(flag: string, raw: unknown, min = 1, max = Number.MAX_SAFE_INTEGER): number {
  const v = parseNumber(flag, raw, Infinity);
  if (!Number.isInteger(v) || v < min) throw new UsageError(`--${flag} = ${v} must be an integer >= ${min}`);
  if (v > max) throw new UsageError(`--${flag} = ${v} is beyond the limit ${flag} <= ${fmtLimit(max)} (docs/cli.md, "Limits")`);
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
  if (err instanceof UsageError) return { code: err.exitCode, message: bounded(err.message) };
  if (err instanceof DomainError) return { code: 2, message: bounded(flagMessage(err)) };
  const e = err as { code?: string; exitCode?: number; message?: string };
  if (e && typeof e.code === 'string' && e.code.startsWith('commander.')) return { code: e.exitCode === 0 ? 0 : 2, message: '' };
  return { code: 1, message: bounded(`internal error: ${e && e.message ? e.message : String(err)}`) };
}

/** An error message is never more than MAX_MESSAGE characters, with control characters (but newlines) escaped. */
const MAX_MESSAGE = 2000;
function bounded(m: string): string {
  const p = m.replace(/[\u0000-\u0009\u000b-\u001f\u007f-\u009f]/g, (c) => `\\x${c.charCodeAt(0).toString(16).padStart(2, '0')}`);
  return p.length > MAX_MESSAGE ? `${p.slice(0, MAX_MESSAGE)}... (message cut at ${MAX_MESSAGE} characters)` : p;
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
