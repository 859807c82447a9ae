// The user's own theory file in the page (loaded on demand: it brings the theory-file loader with yaml and
// zod): read and checked by src/theory-file (errors name the field path and the line), and, when the file
// states no phases, given the phases the engine derives from its terms (src/engine/phases.ts,
// docs/derived-phases.md) so it is drawn, explained and checked exactly as a built-in.
import { parseTheoryText, TheoryFileError } from '../../src/theory-file/index.js';
import { Model, theoryHash } from '../../src/engine/model.js';
import { derivePhases } from '../../src/engine/phases.js';
import { withDerivedPhases } from './derived-phases.js';
import type { TheoryFile } from '../../src/engine/types.js';

// the loader measures the text with Buffer.byteLength (Node); the page measures it the same way in UTF-8
const g = globalThis as { Buffer?: unknown };
g.Buffer ??= { byteLength: (s: string) => new TextEncoder().encode(s).length };

export interface UserTheory {
  theory: TheoryFile;
  model: Model;
  /** milliseconds to read, check and derive the phases */
  ms: number;
}

export interface UserTheoryProblem {
  message: string;
  path?: string;
  line?: number;
}

export function readUserTheory(text: string, name = 'your theory'): UserTheory | UserTheoryProblem {
  const t0 = performance.now();
  let theory: TheoryFile;
  try {
    theory = parseTheoryText(text, name);
  } catch (e) {
    if (e instanceof TheoryFileError) return { message: e.message, path: e.path, ...(e.line !== undefined ? { line: e.line } : {}) };
    return { message: e instanceof Error ? e.message : String(e) };
  }
  if (theory.parameters.length !== 2) {
    return { message: `${name}: parameters: found ${theory.parameters.length} (${theory.parameters.map((p) => p.name).join(', ')}); expected exactly 2 for a phase diagram`, path: 'parameters' };
  }
  try {
    if (theory.phases?.length) return { theory, model: new Model(theory), ms: performance.now() - t0 };
    const first = new Model(theory);
    const drawn = withDerivedPhases(theory, derivePhases(first));
    // the log systems and slopes solved while deriving the phases serve the drawn model too (same terms)
    const model = new Model(drawn, { ...first.toCache(), hash: theoryHash(drawn), regions: {} });
    return { theory: drawn, model, ms: performance.now() - t0 };
  } catch (e) {
    return { message: `${name}: the engine could not derive its phases: ${e instanceof Error ? e.message : String(e)}` };
  }
}
