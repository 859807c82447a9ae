// Theory variants: the same theory with some terms (and its phases and closed forms) replaced, e.g. the
// loss of the ensemble-averaged predictor instead of a single model's. A variant is addressed as
// `<id>~<variant>` and is an ordinary TheoryFile for the engine (derived and cached like any other).
import type { TheoryFile } from './types.js';

export const VARIANT_SEP = '~';

export function variantTheory(theory: TheoryFile, name: string): TheoryFile | undefined {
  const v = theory.variants?.[name];
  if (!v) return undefined;
  const replaced = new Map(v.terms.map((t) => [t.name, t]));
  return {
    ...theory,
    id: `${theory.id}${VARIANT_SEP}${name}`,
    title: `${theory.title}: ${v.title}`,
    terms: theory.terms.map((t) => replaced.get(t.name) ?? t),
    phases: v.phases ?? theory.phases,
    closedForms: v.closedForms ?? theory.closedForms,
    notes: [...(theory.notes ?? []), v.description],
    variants: undefined,
  };
}

/** `plrf` -> the theory itself; `rf-dynamics~ensemble` -> that variant of `rf-dynamics`. */
export function resolveTheory(theories: Record<string, TheoryFile>, id: string): TheoryFile | undefined {
  if (theories[id]) return theories[id];
  const i = id.indexOf(VARIANT_SEP);
  if (i < 0) return undefined;
  const base = theories[id.slice(0, i)];
  return base ? variantTheory(base, id.slice(i + 1)) : undefined;
}
