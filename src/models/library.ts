// The library of published scaling theories: the theory files theory/library/*.yaml (docs/library-research.md),
// read by the theory-file loader (src/theory-file) and added to the registry (./registry.ts addTheories).
// Node only (the explorer does not load it). Reading and checking the files costs ~0.3 s (yaml, zod, the
// formula reader), so the command line loads the library only when a command may name one of its models
// (needsLibrary); the engine derives a theory's exponents only when asked (the build precomputes the
// phased ones into dist/derived/).
import { existsSync, readdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { join } from 'node:path';
import { addTheories, findModel } from './registry.js';
import type { TheoryFile } from '../engine/types.js';

/** theory/library/ from src/models/ (tests) or dist/src/models/ (the built command line). */
export function libraryDir(): string | undefined {
  for (const up of ['../../theory/library', '../../../theory/library']) {
    const dir = fileURLToPath(new URL(up, import.meta.url));
    if (existsSync(dir)) return dir;
  }
  return undefined;
}

let library: TheoryFile[] | undefined;

/** Read, check and register the library's theories (once), in file-name order; an invalid file is a TheoryFileError naming it. */
export async function loadLibrary(): Promise<TheoryFile[]> {
  if (!library) {
    const { loadTheoryFile } = await import('../theory-file/load.js');
    const dir = libraryDir();
    library = dir
      ? readdirSync(dir)
          .filter((f) => f.endsWith('.yaml'))
          .sort()
          .map((f) => loadTheoryFile(join(dir, f)))
      : [];
    addTheories(library);
  }
  return library;
}

/** Commands that never use an engine theory (laws, bounds, data files). */
const NO_THEORY = new Set(['fit', 'allocate', 'sweep']);

/**
 * Whether a command line may need the library: not when the command uses no engine theory, nor when its
 * `--model` names a model already registered (a built-in); otherwise (models, reproduce, check, help,
 * a library model) yes.
 */
export function needsLibrary(argv: string[]): boolean {
  if (NO_THEORY.has(argv[0])) return false;
  for (let i = 0; i < argv.length; i++) {
    const m = argv[i] === '--model' ? argv[i + 1] : argv[i].startsWith('--model=') ? argv[i].slice(8) : undefined;
    if (m !== undefined && findModel(m)) return false;
  }
  return true;
}
