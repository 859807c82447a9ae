// Node: the built-in theory files theory/*.yaml (not theory/library/), read relative to the package (from
// src/ under tsx and vitest, from dist/src/ after `npm run build`), and the build's parse of each
// (dist/derived/theories/<name>.json, written by scripts/build.mjs) when the hash of its text matches.
// The explorer bundle replaces this module by explorer/build/builtin-source.ts (the YAML imported by a
// build-time loader, with its parse).
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { join } from 'node:path';
import type { TheoryFile } from '../engine/types.js';
import type { TheoryTextCache } from '../engine/cache.js';

/**
 * theory/ from src/theory-file/ (tests, tsx) or dist/src/theory-file/ (the built command line: dist/theory/
 * holds only .js); the second also fits the explorer's build-time bundle node_modules/.cache/<dir>/x.mjs.
 */
const CANDIDATES = ['../../theory/', '../../../theory/'];

let dir: string | undefined;
function theoryDir(): string {
  return (dir ??= findDir());
}
function findDir(): string {
  for (const up of CANDIDATES) {
    const dir = fileURLToPath(new URL(up, import.meta.url));
    if (existsSync(dir) && readdirSync(dir).some((f) => f.endsWith('.yaml'))) return dir;
  }
  throw new Error(`the built-in theory files (theory/*.yaml) are not found (looked in ${CANDIDATES.map((c) => fileURLToPath(new URL(c, import.meta.url))).join(', ')})`);
}

/** The built-in files' names (theory/<name>.yaml), sorted. */
export function builtinNames(): string[] {
  return readdirSync(theoryDir())
    .filter((f) => f.endsWith('.yaml'))
    .map((f) => f.slice(0, -'.yaml'.length))
    .sort();
}

export function builtinText(name: string): string {
  return readFileSync(join(theoryDir(), `${name}.yaml`), 'utf8');
}

/** Parse and check a built-in file with the theory-file loader (loaded on a cache miss only). */
export async function parseBuiltin(text: string, name: string): Promise<TheoryFile> {
  const { parseTheoryText } = await import('./load.js');
  return parseTheoryText(text, `theory/${name}.yaml`);
}

/** The build's parse of theory/<name>.yaml if it was made from a text with this hash (only when running from dist/). */
export function builtinCached(name: string, hash: string): TheoryFile | undefined {
  const url = new URL(`../../derived/theories/${name}.json`, import.meta.url);
  if (!url.pathname.includes('/dist/')) return undefined; // running from source: parse the file
  try {
    const c = JSON.parse(readFileSync(url, 'utf8')) as TheoryTextCache;
    return c.hash === hash ? c.theory : undefined;
  } catch {
    return undefined;
  }
}
