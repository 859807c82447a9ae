// A theory without stated phases gets the engine's derived ones (src/engine/phases.ts) as its `phases`, so
// the grid, the labels and the panel treat it as any theory with phases. Used at build time for the library
// (explorer/build/library.ts) and in the page for a user's file (./user-theory.ts).
import type { DerivedDiagram } from '../../src/engine/phases.js';
import type { TheoryFile } from '../../src/engine/types.js';

export function withDerivedPhases(theory: TheoryFile, d: DerivedDiagram): TheoryFile {
  return {
    ...theory,
    phases: d.phases.map((p) => ({
      name: p.name,
      description: `derived from the terms: balance ${p.balance.join(' = ')}`,
      regions: p.pieces.map((conditions) => ({ conditions, provenance: 'derived' as const, source: 'docs/derived-phases.md', ...(p.conjectural ? { conjectural: true } : {}) })),
    })),
  };
}
