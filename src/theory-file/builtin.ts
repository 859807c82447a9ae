// The built-in engine theories, theory/*.yaml (plrf, rf-dynamics, the Chinchilla law): theory files of
// the user format (docs/theory-files.md), read by the same schema and loader as `--theory FILE`
// (./load.ts). Named exports: src/models/builtin.ts; lookups: the registry (src/models/registry.ts).
// Reading YAML and running the schema costs ~150 ms of a cold start (loading yaml and zod most of it),
// so the command line uses the build's parse of each file (dist/derived/theories/, scripts/build.mjs)
// when the hash of the file's text matches; otherwise (from source, or a file edited since the build)
// the file is parsed here. The explorer bundles the texts and their build-time parse (explorer/build/builtin-source.ts).
import { builtinNames, builtinText, builtinCached, parseBuiltin } from './builtin-source.js';
import { textHash, type TheoryTextCache } from '../engine/cache.js';
import type { TheoryFile } from '../engine/types.js';

async function read(name: string): Promise<TheoryTextCache> {
  const text = builtinText(name);
  const hash = textHash(text);
  const cached = builtinCached(name, hash);
  if (cached) return { hash, theory: cached };
  return { hash, theory: await parseBuiltin(text, name) };
}

/** Each built-in file by name (theory/<name>.yaml), checked and normalised, with the hash of its text (what the build caches). */
export const BUILTINS: Readonly<Record<string, TheoryTextCache>> = Object.fromEntries(await Promise.all(builtinNames().map(async (n) => [n, await read(n)] as const)));

/** The theory of theory/<name>.yaml (throws on a name that is not a built-in file). */
export function builtinTheory(name: string): TheoryFile {
  if (!Object.hasOwn(BUILTINS, name)) throw new Error(`no built-in theory file theory/${name}.yaml (built-in: ${Object.keys(BUILTINS).join(', ')})`);
  return BUILTINS[name].theory;
}
