// Scaling laws with named constants as models: the Chinchilla law (fitted to measured losses), its three
// published constant sets (presets: the `optimum` at a budget), and any law a user writes out. The law
// is stated once (theory/chinchilla.ts); its exponents come from the engine through the law parser, its
// optimum from the exact minimum along the constraint (src/law/allocate.ts).
import { CHINCHILLA_LAW, CHINCHILLA_CONSTRAINT, CHINCHILLA_PRESETS, CHINCHILLA_CLOSED_FORM, CHINCHILLA_FIT } from '../../theory/chinchilla.js';
import { cachedLaw } from '../law/index.js';
import type { ParsedLaw } from '../law/parse.js';
import type { ProvenanceTag } from '../engine/types.js';
import type { ScalingModel } from './types.js';

type Entry = Omit<ScalingModel, 'capabilities'>;

const chinchillaParsed = () => cachedLaw(CHINCHILLA_LAW, CHINCHILLA_CONSTRAINT, { id: 'chinchilla', provenance: 'paper', source: CHINCHILLA_CLOSED_FORM.source });

const lawParameters = [
  { name: 'E', description: 'irreducible loss', domain: 'E >= 0' },
  { name: 'A', description: 'coefficient of the parameter term A/N^alpha', domain: 'A > 0' },
  { name: 'B', description: 'coefficient of the data term B/D^beta', domain: 'B > 0' },
  { name: 'alpha', description: 'parameter exponent', domain: 'alpha > 0' },
  { name: 'beta', description: 'data exponent', domain: 'beta > 0' },
];

/** The law with free constants: fitted to measurements (`fit`), exponents as functions of alpha, beta. */
export const chinchillaModel: Entry = {
  id: CHINCHILLA_FIT.id,
  title: CHINCHILLA_FIT.title,
  citation: CHINCHILLA_FIT.citation,
  url: CHINCHILLA_FIT.url,
  kind: 'law',
  provenance: 'paper',
  parameters: lawParameters,
  domain: lawParameters.map((p) => p.domain),
  variants: {},
  law: { text: CHINCHILLA_LAW, constraint: CHINCHILLA_CONSTRAINT, source: CHINCHILLA_FIT.citation, parsed: chinchillaParsed },
  fit: { law: CHINCHILLA_LAW, parameters: ['E', 'A', 'B', 'alpha', 'beta'] },
};

/** One model per published constant set. */
export const presetModels: Entry[] = CHINCHILLA_PRESETS.map((p) => ({
  id: p.id,
  title: p.title,
  citation: p.source,
  kind: 'law',
  provenance: p.provenance,
  parameters: lawParameters,
  domain: lawParameters.map((q) => q.domain),
  variants: {},
  law: {
    text: CHINCHILLA_LAW,
    constraint: CHINCHILLA_CONSTRAINT,
    values: { ...p.values },
    source: p.source,
    referenceId: p.referenceId,
    intervals: p.intervals as Record<string, [number, number]> | undefined,
    note: p.note,
    parsed: chinchillaParsed,
  },
}));

/** Closed forms of known laws (stated in their theory files), which the engine's exponents are checked against. */
export interface LawClosedForm {
  a: string;
  b: string;
  loss: string;
  provenance: ProvenanceTag;
  source: string;
}

/** The closed form of a law when it is a known one (the same text up to spaces, the budget allocated to the same variable). */
export function knownClosedForm(law: ParsedLaw): LawClosedForm | undefined {
  const squash = (s: string) => s.replace(/\s+/g, '');
  if (squash(law.text) !== squash(CHINCHILLA_LAW) || law.allocate !== chinchillaParsed().allocate) return undefined;
  const c = CHINCHILLA_CLOSED_FORM;
  return { a: c.a, b: c.b, loss: c.lossExponent, provenance: c.provenance, source: c.source };
}

/** A law written by the user, as a model (not registered: made per request). */
export function userLawModel(text: string, constraint: string, source = 'user-written law'): Entry {
  const parsed = () => cachedLaw(text, constraint, { provenance: 'unverified', source });
  return {
    id: `law:${text}`,
    title: `L = ${text} with ${constraint}`,
    citation: source,
    kind: 'law',
    provenance: 'unverified',
    parameters: [],
    domain: [],
    variants: {},
    law: { text, constraint, source, parsed },
  };
}

/** The library theory (theory/library) whose engine gives the exponents of Kaplan's L(N, D) when it is fitted (`fit --law`, src/fit/laws.ts). */
export const KAPLAN_ND_THEORY = 'kaplan2020-nd';
/** the data-constrained law of Muennighoff et al. 2023 (arXiv:2305.16264), a fit law and a library theory */
export const MUENNIGHOFF_THEORY = 'muennighoff2023';
