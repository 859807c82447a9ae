// Theory variants: the same theory with some terms (and its phases and closed forms) replaced, e.g. the
// loss of the ensemble-averaged predictor instead of a single model's. A variant is addressed as
// `<id>~<variant>` and is an ordinary TheoryFile for the engine (derived and cached like any other).
import type { TheoryFile } from './types.js';

export const VARIANT_SEP = '~';

export function variantTheory(theory: TheoryFile, name: string): TheoryFile | undefined {
  const v = theory.variants && Object.hasOwn(theory.variants, name) ? theory.variants[name] : undefined;
  if (!v) return undefined;
  const replaced = new Map(v.terms.map((t) => [t.name, t]));
  return {
    ...theory,
    id: `${theory.id}${VARIANT_SEP}${name}`,
    title: `${theory.title}: ${v.title}`,
    terms: theory.terms.map((t) => replaced.get(t.name) ?? t),
    phases: v.phases ?? theory.phases,
    // the variant's closed forms replace the base's of the same phase and quantity; the others carry over
    closedForms: [...(theory.closedForms ?? []).filter((c) => !(v.closedForms ?? []).some((o) => o.phase === c.phase && o.quantity === c.quantity)), ...(v.closedForms ?? [])],
    notes: [...(theory.notes ?? []), v.description],
    variants: undefined,
  };
}

/** `<id>` -> the theory itself; `<id>~<variant>` -> that variant of it (own keys only). */
export function resolveTheory(theories: Record<string, TheoryFile>, id: string): TheoryFile | undefined {
  if (Object.hasOwn(theories, id)) return theories[id];
  const i = id.indexOf(VARIANT_SEP);
  if (i < 0) return undefined;
  const baseId = id.slice(0, i);
  return Object.hasOwn(theories, baseId) ? variantTheory(theories[baseId], id.slice(i + 1)) : undefined;
}
