// Build-time (Node): the theory library (theory/library/*.yaml, src/models/library.ts) for the page. The
// two-parameter files are bundled as checked TheoryFile objects (the page runs no YAML or zod for them);
// those without stated phases get the engine's derived phases (../src/derived-phases.ts).
import { loadLibrary } from '../../src/models/library.js';
import { Model } from '../../src/engine/model.js';
import { derivePhases } from '../../src/engine/phases.js';
import { withDerivedPhases } from '../src/derived-phases.js';
import type { TheoryFile } from '../../src/engine/types.js';

export async function libraryTheories(): Promise<TheoryFile[]> {
  const all = await loadLibrary();
  return all.map((t) => (t.parameters.length === 2 && !t.phases?.length ? withDerivedPhases(t, derivePhases(new Model(t))) : t));
}
