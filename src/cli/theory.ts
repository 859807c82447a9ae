// `--theory FILE` (docs/theory-files.md, "Using a theory file on the command line"): the file is named
// before the program is built, because its parameters become flags (`--a 0.34 --b 0.28`) and commander
// declares flags up front. The file is read as an input file (a regular text file under the theory
// file size limit); any problem in it is a usage error (exit 2) with its path, line, found and expected.
import { UsageError } from './errors.js';
import { excerpt, readTextInput } from './input.js';
import { parseTheoryText, TheoryFileError, LIMITS as THEORY_LIMITS } from '../theory-file/index.js';
import { theoryFileModel } from '../models/theory-file.js';
import type { ScalingModel } from '../models/types.js';

/** The commands that take `--theory FILE` in place of `--model ID`. */
export const THEORY_COMMANDS: readonly string[] = ['models', 'exponents', 'phase', 'phases', 'explain', 'diagram', 'infer'];

export interface UserTheory {
  /** the command it was given to */
  command: string;
  path: string;
  model: ScalingModel;
}

/** The `--theory` value in argv (`--theory F` or `--theory=F`, before a `--`), or undefined. Given twice is an error. */
export function theoryPathIn(argv: readonly string[]): string | undefined {
  let found: string | undefined;
  let seen = false;
  for (let i = 1; i < argv.length; i++) {
    const a = argv[i];
    if (a === '--') break;
    let v: string | undefined;
    if (a === '--theory') v = argv[++i] ?? '';
    else if (a.startsWith('--theory=')) v = a.slice('--theory='.length);
    else continue;
    if (seen) throw new UsageError('--theory is given twice: give each flag once (a repeated flag is an error, not last-wins)');
    seen = true;
    found = v;
  }
  if (seen && (found === '' || found?.startsWith('-'))) throw new UsageError('--theory needs a file (a YAML or JSON theory file, docs/theory-files.md)');
  return found;
}

/** Read and check a theory file; its problems are usage errors with the loader's message. */
export function loadUserTheory(path: string): ScalingModel {
  const text = readTextInput('theory file', path, THEORY_LIMITS.fileSize);
  try {
    return theoryFileModel(parseTheoryText(text, path));
  } catch (e) {
    if (e instanceof TheoryFileError) throw new UsageError(e.message);
    throw e;
  }
}

/** The theory file of argv when its command takes one (undefined otherwise: commander reports the flag). */
export function userTheoryOf(argv: readonly string[], ownFlags: (command: string) => readonly string[] | undefined): UserTheory | undefined {
  const command = argv[0];
  if (!THEORY_COMMANDS.includes(command)) return undefined;
  const path = theoryPathIn(argv);
  if (path === undefined) return undefined;
  const theory = { command, path, model: loadUserTheory(path) };
  const own = ownFlags(command);
  if (own) refuseClashes(theory, own);
  return theory;
}

/** A parameter of the file may not be named like one of the command's own flags (`--json`, `--plot`, `--model`). */
export function refuseClashes(theory: UserTheory, ownFlags: readonly string[]): void {
  const own = new Set([...ownFlags, 'help']);
  for (const p of theory.model.parameters) {
    if (own.has(p.name)) throw new UsageError(`theory file '${excerpt(theory.path, 120)}': parameter '${p.name}' clashes with the flag --${p.name} of ${theory.command}: rename the parameter in the file (parameters are given as --NAME VALUE)`);
  }
}
