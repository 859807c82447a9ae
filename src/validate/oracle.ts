// The theory's side of every comparison, read from the engine: the region a point lies in, the engine's
// per-region derivation of a quantity there, and the provenance of the formula it matches.
import type { Model, RegionRef } from '../engine/model.js';
import { MARGIN, type Box } from './search.js';
import type { TheoryFormula } from './verdict.js';

export function hasPhases(model: Model): boolean {
  return (model.theory.phases ?? []).length > 0;
}

export function parameterBox(model: Model): Box {
  return model.theory.parameters.map((p) => [p.range[0], p.range[1]] as [number, number]);
}

/** Inside the theory's domain, at least MARGIN from its boundary. */
export function inDomain(model: Model, x: number[]): boolean {
  return model.theory.domain.every((d) => model.condition(d.condition).evaluate(...x) > MARGIN);
}

/** Strictly inside a region piece (every condition with margin MARGIN). */
export function inPiece(model: Model, ref: RegionRef, x: number[]): boolean {
  return model.piece(ref).conditions.every((c) => model.condition(c).evaluate(...x) > MARGIN);
}

/** The region piece a point lies strictly inside (null on a boundary, outside the domain or in no phase). */
export function pieceAt(model: Model, x: number[]): RegionRef | null {
  if (!inDomain(model, x)) return null;
  for (const ph of model.theory.phases ?? []) {
    for (let i = 0; i < ph.regions.length; i++) {
      const ref = { phase: ph.name, piece: i };
      if (inPiece(model, ref, x)) return ref;
    }
  }
  return null;
}

export function refKey(ref: RegionRef): string {
  return `${ref.phase}#${ref.piece}`;
}

/** The engine's value of a quantity at x, inside a known piece (compiled per-region derivation). */
export function quantityIn(model: Model, ref: RegionRef, quantity: string, x: number[]): number {
  return model.region(ref).quantity[quantity](...x);
}

/**
 * The engine's value of a quantity at x wherever it is defined away from boundaries: the per-region
 * derivation for models with phases, else the engine's full query. Undefined where there is none.
 */
export function quantityAt(model: Model, quantity: string, x: number[]): { value: number; ref: RegionRef | null } | undefined {
  if (hasPhases(model)) {
    const ref = pieceAt(model, x);
    if (!ref) return undefined;
    return { value: quantityIn(model, ref, quantity, x), ref };
  }
  if (!inDomain(model, x)) return undefined;
  try {
    const params: Record<string, number> = {};
    model.params.forEach((p, i) => (params[p] = x[i]));
    const v = model.exponents(params).exponents[quantity]?.value;
    return typeof v === 'number' && Number.isFinite(v) ? { value: v, ref: null } : undefined;
  } catch {
    return undefined;
  }
}

/** The formula the engine's derivation of a piece matches, with its provenance. */
export function theoryFormula(model: Model, ref: RegionRef, quantity: string): TheoryFormula {
  const d = model.region(ref).derivation;
  const check = d.checks[quantity];
  const name = (model.theory.phases ?? []).find((p) => p.name === ref.phase)!.regions.length > 1 ? refKey(ref) : ref.phase;
  if (check?.closedForm && check.verified !== 'mismatch') {
    return { region: name, expr: check.closedForm.expr, provenance: check.closedForm.provenance, source: check.closedForm.source };
  }
  return {
    region: name,
    expr: d.balance.quantities[quantity].expr,
    provenance: 'derived',
    source: `engine: dominant balance ${d.balance.increasing} = ${d.balance.decreasing}`,
  };
}

/** Readable name of a piece: the phase, plus the piece number when the phase has several. */
export function pieceName(model: Model, ref: RegionRef): string {
  const ph = (model.theory.phases ?? []).find((p) => p.name === ref.phase);
  return ph && ph.regions.length > 1 ? `${ref.phase} (piece ${ref.piece + 1} of ${ph.regions.length})` : ref.phase;
}
