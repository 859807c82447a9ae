// The parts of a model that an engine theory file gives (theory/*.yaml), and the theory's exponents at a
// point in the shape simulators receive them.
import { VARIANT_SEP } from '../engine/variant.js';
import type { Model, Point } from '../engine/model.js';
import type { TheoryFile } from '../engine/types.js';
import type { ScalingModel } from './types.js';

export function theoryEntry(theory: TheoryFile, engine: () => Model, variantOf?: string): Omit<ScalingModel, 'capabilities'> {
  return {
    id: theory.id,
    title: theory.title,
    citation: theory.citation,
    url: theory.url,
    kind: 'theory',
    parameters: theory.parameters.map((p) => ({ name: p.name, description: p.description, latex: p.latex })),
    domain: theory.domain.map((d) => d.condition),
    ...(variantOf ? { variantOf } : {}),
    variants: Object.fromEntries(Object.keys(theory.variants ?? {}).map((v) => [v, `${theory.id}${VARIANT_SEP}${v}`])),
    engine,
  };
}

/** The engine's phase and compute-optimal exponents at a point, with their provenance, for a simulator. */
export function theoryExponents(model: Model, point: Point): { phase: string | null; provenance: Record<string, string> } & Record<string, number | null | string | Record<string, string>> {
  const r = model.exponents(point);
  const out: { phase: string | null; provenance: Record<string, string> } & Record<string, number | null | string | Record<string, string>> = { phase: r.phase, provenance: {} };
  for (const q of model.theory.quantities) {
    out[q.name] = r.exponents[q.name]?.value ?? null;
    out.provenance[q.name] = r.exponents[q.name]?.provenance ?? 'derived';
  }
  return out;
}
