// Output files (--plot): checked before any work is done, so a bad path fails at once with exit 2 naming
// the flag, and nothing is computed or printed first. An existing file is refused unless --force is given.
// The check creates nothing that stays: a new file is probed with O_EXCL and removed at once.
import { closeSync, constants, openSync, statSync, unlinkSync, writeFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { UsageError } from './errors.js';
import { excerpt } from './input.js';

export interface OutputFile {
  flag: string;
  path: string;
  /** write the file (a failure names the flag) */
  write: (data: string | Uint8Array) => void;
}

const PLOT_EXT = /\.(svg|png)$/i;

/**
 * `--flag FILE`: FILE must end in .svg or .png, its directory must exist and be writable, FILE must not be a
 * directory, and an existing FILE is refused unless `force`.
 */
export function checkOutputFile(flag: string, raw: unknown, force: boolean): OutputFile {
  if (typeof raw !== 'string' || raw === '') throw new UsageError(`--${flag} needs a file name ending in .svg or .png`);
  const shown = excerpt(raw, 120);
  if (!PLOT_EXT.test(raw)) throw new UsageError(`--${flag} = '${shown}' must name a .svg or .png file`);
  const path = resolve(raw);
  const dir = dirname(path);
  let dirOk = false;
  try {
    dirOk = statSync(dir).isDirectory();
  } catch {
    dirOk = false;
  }
  if (!dirOk) throw new UsageError(`--${flag} = '${shown}': the directory '${excerpt(dir, 120)}' does not exist`);
  let exists = false;
  try {
    const st = statSync(path);
    exists = true;
    if (st.isDirectory()) throw new UsageError(`--${flag} = '${shown}' is a directory`);
    if (!st.isFile()) throw new UsageError(`--${flag} = '${shown}' is not a regular file`);
  } catch (e) {
    if (e instanceof UsageError) throw e;
  }
  if (exists && !force) throw new UsageError(`--${flag} = '${shown}' exists: give --force to replace it`);
  try {
    if (exists) closeSync(openSync(path, constants.O_WRONLY)); // writable, not truncated
    else {
      closeSync(openSync(path, constants.O_WRONLY | constants.O_CREAT | constants.O_EXCL));
      unlinkSync(path);
    }
  } catch (e) {
    throw new UsageError(`--${flag} = '${shown}' cannot be written: ${(e as NodeJS.ErrnoException).code ?? (e as Error).message}`);
  }
  const out: OutputFile = { flag, path: raw, write: (data) => writeOutput(out, data) };
  return out;
}

/** The optional plot output of a command (`--plot FILE`, with `--out FILE` its deprecated alias), checked now. */
export function optionalOutput(opts: Record<string, unknown>, flag = 'plot'): OutputFile | undefined {
  return opts[flag] === undefined ? undefined : checkOutputFile(flag, opts[flag], opts.force === true);
}

/** Write a checked output file; a failure now (the disk filled, the directory vanished) still names the flag. */
export function writeOutput(file: { flag: string; path: string }, data: string | Uint8Array): void {
  try {
    writeFileSync(file.path, data);
  } catch (e) {
    throw new UsageError(`--${file.flag} = '${excerpt(file.path, 120)}' could not be written: ${(e as NodeJS.ErrnoException).code ?? (e as Error).message}`);
  }
}
