// The explorer's stand-in for src/theory-file/builtin-source.ts (scripts/explorer.mjs aliases it). The
// built-in theory files theory/*.yaml are imported through the build's .yaml loader, which gives each
// file's text and its parse by the theory-file loader, made in Node when the page is built
// (explorer/build/caches.ts builtinParses): the page needs no fs, and bundles neither the YAML parser
// nor the schema. The parse is used only if it was made from this very text (same hash).
import * as plrf from '../../theory/plrf.yaml';
import * as rfDynamics from '../../theory/rf-dynamics.yaml';
import * as chinchilla from '../../theory/chinchilla.yaml';
import type { TheoryFile } from '../../src/engine/types.js';

/** By file name (theory/<name>.yaml). Keep in step with the files of theory/ (the Node side lists the folder). */
const FILES: Record<string, typeof plrf> = { plrf, 'rf-dynamics': rfDynamics, chinchilla };

export function builtinNames(): string[] {
  return Object.keys(FILES).sort();
}

function file(name: string): typeof plrf {
  if (!Object.hasOwn(FILES, name)) throw new Error(`no built-in theory file theory/${name}.yaml in the explorer bundle`);
  return FILES[name];
}

export function builtinText(name: string): string {
  return file(name).text;
}

export function builtinCached(name: string, hash: string): TheoryFile | undefined {
  const p = file(name).parsed;
  return p && p.hash === hash ? p.theory : undefined;
}

export async function parseBuiltin(_text: string, name: string): Promise<TheoryFile> {
  throw new Error(`theory/${name}.yaml was not parsed when the explorer was built (rebuild it: npm run explorer)`);
}
