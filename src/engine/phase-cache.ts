// The derived phase diagram (./phases.ts derivePhases) cached by the hash of the theory, as the engine's
// derivations are (./cache.ts): in memory for the process, and on disk in the build's cache folder
// dist/derived/phases/<key>.json when running from dist/ (the build precomputes the built-in theories,
// scripts/build.mjs; a user theory file's diagram is stored there the first time it is derived, so the
// next `phases --theory FILE` or `diagram --theory FILE` of an unchanged file reads it). Same signature
// as derivePhases: import it from here.
import { derivePhases as derive, type DerivedDiagram, type DeriveOptions } from './phases.js';
import { theoryHash } from './cache.js';
import type { Model } from './model.js';

export type { DerivedDiagram, DeriveOptions };

const memory = new Map<string, DerivedDiagram>();

/** The cache key: the theory's hash, the hash of the theory naming the phases, the grid. */
export function diagramKey(model: Model, opts: DeriveOptions = {}): string {
  const stated = opts.stated && opts.stated !== model ? theoryHash(opts.stated.theory) : 'self';
  return `${theoryHash(model.theory)}-${stated}-${opts.grid ?? 64}`;
}

type Fs = typeof import('node:fs');
/** node:fs in Node (synchronously, process.getBuiltinModule), undefined in a browser. */
function nodeFs(): Fs | undefined {
  const p = (globalThis as { process?: { getBuiltinModule?: (id: string) => unknown } }).process;
  return p?.getBuiltinModule?.('node:fs') as Fs | undefined;
}

/** dist/derived/phases/ when this module runs from dist/ (undefined from source: tests derive afresh). */
function diskDir(): URL | undefined {
  const url = new URL('../../derived/phases/', import.meta.url);
  return url.protocol === 'file:' && url.pathname.includes('/dist/') ? url : undefined;
}

function readDisk(key: string): DerivedDiagram | undefined {
  const fs = nodeFs();
  const dir = diskDir();
  if (!fs || !dir) return undefined;
  try {
    return JSON.parse(fs.readFileSync(new URL(`${key}.json`, dir), 'utf8')) as DerivedDiagram;
  } catch {
    return undefined;
  }
}

/** Store a diagram (atomically: a temporary file renamed; a read-only install just does not cache). */
export function writeDiagram(key: string, d: DerivedDiagram, dir: URL | undefined = diskDir()): void {
  const fs = nodeFs();
  if (!fs || !dir) return;
  try {
    fs.mkdirSync(dir, { recursive: true });
    const tmp = new URL(`${key}.${process.pid}.tmp`, dir);
    fs.writeFileSync(tmp, JSON.stringify(d));
    fs.renameSync(tmp, new URL(`${key}.json`, dir));
  } catch {
    // not cached: derived again next time
  }
}

/** derivePhases, cached by theory hash (a copy: callers may change what they get). */
export function derivePhases(model: Model, opts: DeriveOptions = {}): DerivedDiagram {
  const key = diagramKey(model, opts);
  let d = memory.get(key) ?? readDisk(key);
  if (!d) {
    d = derive(model, opts);
    writeDiagram(key, d);
  }
  memory.set(key, d);
  return structuredClone(d);
}

/** Forget the in-memory diagrams (benchmarks: a cold derivation in the same process). */
export function clearDiagramMemory(): void {
  memory.clear();
}
