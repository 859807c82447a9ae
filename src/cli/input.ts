// Input files (fit's CSV, check's claims file): a regular file under a size limit, text not binary, read
// whole only after those checks (so `fit /dev/zero` or a 4 GB file is refused at once). Messages quote at
// most a short excerpt of the input.
import { closeSync, constants, fstatSync, openSync, readSync, statSync } from 'node:fs';
import { UsageError } from './errors.js';

/** A short, printable excerpt of user input for an error message: control characters escaped, cut to `max`. */
export function excerpt(raw: unknown, max = 40): string {
  const s = String(raw);
  const printable = s.replace(/[\u0000-\u001f\u007f-\u009f\u2028\u2029\ufffd]/g, (c) => (c === '\ufffd' ? '?' : `\\x${c.charCodeAt(0).toString(16).padStart(2, '0')}`));
  return printable.length > max ? `${printable.slice(0, max)}... (${s.length} characters)` : printable;
}

function mib(bytes: number): string {
  return `${(bytes / 2 ** 20).toFixed(bytes < 2 ** 20 ? 2 : 0)} MiB`;
}

/**
 * Read a text input file named by the user. `what` names it in messages ("CSV file", "claims file").
 * Refuses: a missing file, a directory, a device or pipe (not a regular file), more than `maxBytes`,
 * and binary content (a NUL byte, or text that is not UTF-8).
 */
export function readTextInput(what: string, path: string, maxBytes: number): string {
  const shown = excerpt(path, 120);
  let fd: number;
  try {
    // stat first and open non-blocking: opening a FIFO for reading would wait for a writer
    const pre = statSync(path);
    if (!pre.isFile() && !pre.isDirectory()) throw new UsageError(`${what} '${shown}' is not a regular file (a device, pipe or socket cannot be read: give a file)`);
    fd = openSync(path, constants.O_RDONLY | constants.O_NONBLOCK);
  } catch (e) {
    if (e instanceof UsageError) throw e;
    const code = (e as NodeJS.ErrnoException).code ?? (e as Error).message;
    throw new UsageError(`cannot read ${what} '${shown}': ${code === 'ENOENT' ? 'no such file' : code}`);
  }
  try {
    const st = fstatSync(fd);
    if (st.isDirectory()) throw new UsageError(`${what} '${shown}' is a directory, not a file`);
    if (!st.isFile()) throw new UsageError(`${what} '${shown}' is not a regular file (a device, pipe or socket cannot be read: give a file)`);
    if (st.size > maxBytes) throw new UsageError(`${what} '${shown}' is ${mib(st.size)}: the limit is ${mib(maxBytes)} (docs/cli.md, "Limits")`);
    const buf = Buffer.alloc(Math.min(st.size, maxBytes) + 1);
    let n = 0;
    for (;;) {
      const r = readSync(fd, buf, n, buf.length - n, null);
      if (r === 0) break;
      n += r;
      if (n > maxBytes) throw new UsageError(`${what} '${shown}' is larger than the limit of ${mib(maxBytes)} (docs/cli.md, "Limits")`);
    }
    const bytes = buf.subarray(0, n);
    const nul = bytes.indexOf(0);
    if (nul >= 0) throw new UsageError(`${what} '${shown}' looks binary (a NUL byte at offset ${nul}): give a text file`);
    try {
      return new TextDecoder('utf-8', { fatal: true }).decode(bytes);
    } catch {
      throw new UsageError(`${what} '${shown}' is not UTF-8 text (it looks binary): give a text file`);
    }
  } finally {
    closeSync(fd);
  }
}
