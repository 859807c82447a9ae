// Every theory the registry can build, variants included (`rf-dynamics~ensemble`), by model id.
import { THEORIES, getTheory } from '../../src/models/registry.js';
import { VARIANT_SEP } from '../../src/engine/variant.js';
import type { TheoryFile } from '../../src/engine/types.js';

export function allTheories(): Array<[string, TheoryFile]> {
  return Object.entries(THEORIES).flatMap(([id, t]) => [
    [id, t] as [string, TheoryFile],
    ...Object.keys(t.variants ?? {}).map((v) => [`${id}${VARIANT_SEP}${v}`, getTheory(`${id}${VARIANT_SEP}${v}`)!] as [string, TheoryFile]),
  ]);
}
