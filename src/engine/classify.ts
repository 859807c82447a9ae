// Which phase a point lies in: inside one region piece, or on the boundary of several (the adjacent
// phases joined by `|`). Membership is ./region.ts's.
import { classifyMargin, type Margin } from './region.js';
import type { CompiledCondition } from './condition.js';
import type { TheoryFile, RegionPiece } from './types.js';

export interface RegionRef {
  phase: string;
  piece: number;
}

export interface Classification {
  /** the phase name, or adjacent phases joined by '|' on a boundary */
  phase: string | null;
  phases: string[];
  onBoundary: boolean;
  /** the region's conditions (in a phase), or the boundary equations and the conditions still strict */
  region: string[];
  conjectural: boolean;
  pieces: RegionRef[];
}

/** The region piece a reference names (throws on an unknown phase: a bug, not bad input). */
export function pieceOf(theory: TheoryFile, ref: RegionRef): RegionPiece {
  const ph = (theory.phases ?? []).find((p) => p.name === ref.phase);
  if (!ph) throw new Error(`unknown phase ${ref.phase} of ${theory.id}`);
  return ph.regions[ref.piece];
}

export function classifyVector(theory: TheoryFile, condition: (text: string) => CompiledCondition, x: number[]): Classification {
  const phases = theory.phases ?? [];
  const inside: RegionRef[] = [];
  const closure: RegionRef[] = [];
  for (const ph of phases) {
    ph.regions.forEach((piece, i) => {
      let min = Infinity;
      for (const c of piece.conditions) min = Math.min(min, condition(c).evaluate(...x));
      const where = classifyMargin(min);
      if (where === 'inside') inside.push({ phase: ph.name, piece: i });
      else if (where === 'boundary') closure.push({ phase: ph.name, piece: i });
    });
  }
  if (inside.length > 0) {
    const ref = inside[0];
    const piece = pieceOf(theory, ref);
    return { phase: ref.phase, phases: [ref.phase], onBoundary: false, region: [...piece.conditions], conjectural: !!piece.conjectural, pieces: [ref] };
  }
  if (closure.length === 0) return { phase: null, phases: [], onBoundary: false, region: [], conjectural: false, pieces: [] };
  const order = phases.map((p) => p.name);
  const names = [...new Set(closure.map((r) => r.phase))].sort((a, b) => order.indexOf(a) - order.indexOf(b));
  const region = new Set<string>();
  for (const ref of closure) {
    for (const c of pieceOf(theory, ref).conditions) {
      const cc = condition(c);
      region.add(classifyMargin(cc.evaluate(...x)) === 'boundary' ? cc.boundary : c);
    }
  }
  const conjectural = closure.every((r) => pieceOf(theory, r).conjectural);
  return { phase: names.join('|'), phases: names, onBoundary: names.length > 1, region: [...region], conjectural, pieces: closure };
}

export type { Margin };
