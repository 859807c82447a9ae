// The Chinchilla parametric law L(N, D) = E + A/N^alpha + B/D^beta with C = 6 N D, and its three
// published constant sets. Encoded from ../shared/reference/chinchilla.md (sections named below).
// Data only: the exponents come out of the engine (src/law/allocate.ts feeds this law to
// src/engine/model.ts), the allocation from the exact minimisation along C = 6 N D.
import type { ProvenanceTag } from '../src/engine/types.js';

/** The law as the user would write it (src/law/parse.ts reads it). [paper] chinchilla.md §1 */
export const CHINCHILLA_LAW = 'E + A/N^alpha + B/D^beta';
/** Training FLOPs; the 6 is a convention (Hoffmann Table A4: 0.99-1.10 x 6ND). [paper, transcribed] chinchilla.md §1 */
export const CHINCHILLA_CONSTRAINT = 'C = 6*N*D';

/** The law itself, with its constants free (the model that is fitted to measured losses). */
export const CHINCHILLA_FIT = {
  id: 'chinchilla',
  title: 'Chinchilla parametric law L(N, D) = E + A/N^alpha + B/D^beta, C = 6 N D (constants fitted to data)',
  citation: 'J. Hoffmann et al., "Training Compute-Optimal Large Language Models", arXiv:2203.15556 (2022): the parametric loss fitted in its Approach 3',
  url: 'https://arxiv.org/abs/2203.15556',
};

export interface ChinchillaPreset {
  id: string;
  /** the reference's id of the constant set */
  referenceId: string;
  title: string;
  values: { E: number; A: number; B: number; alpha: number; beta: number };
  provenance: ProvenanceTag;
  /** where the numbers come from, including "transcribed" when not read in the paper's own text */
  source: string;
  /** 95% bootstrap intervals, where published */
  intervals?: Partial<Record<'E' | 'A' | 'B' | 'alpha' | 'beta', [number, number]>>;
  note?: string;
}

export const CHINCHILLA_PRESETS: ChinchillaPreset[] = [
  {
    id: 'chinchilla:hoffmann-rounded',
    referenceId: 'hoffmann2022-rounded',
    title: 'Hoffmann et al. 2022, rounded constants of the paper body',
    values: { E: 1.69, A: 406.4, B: 410.7, alpha: 0.34, beta: 0.28 },
    provenance: 'paper',
    source:
      '[paper, transcribed] Hoffmann et al., arXiv:2203.15556, eq. (10) as transcribed in the Epoch notebook `true_params_rounded` (github.com/epoch-research/analyzing-chinchilla data_analysis.ipynb; docs/theory/chinchilla.md §2)',
    note: 'a = beta/(alpha+beta) = 0.4516 with these constants, not the 0.46 of Hoffmann Table 2 [derived]',
  },
  {
    id: 'chinchilla:hoffmann',
    referenceId: 'hoffmann2022-unrounded',
    title: 'Hoffmann et al. 2022, unrounded constants (arXiv TeX source)',
    values: { E: Math.exp(0.5267228), A: Math.exp(6.0073404), B: Math.exp(6.0179186), alpha: 0.33917084, beta: 0.2849083 },
    provenance: 'paper',
    source:
      '[paper, transcribed] arXiv:2203.15556 TeX source via the Epoch notebook `true_params` (log E = 0.5267228, log A = 6.0073404, log B = 6.0179186); same as kyo-takano/chinchilla `target_params` (docs/theory/chinchilla.md §2)',
  },
  {
    id: 'chinchilla:epoch',
    referenceId: 'epoch2024-refit',
    title: 'Besiroglu, Erdil, Barnett, You 2024 (Epoch), replication refit',
    values: { E: Math.exp(0.59711196), A: Math.exp(6.17795598), B: Math.exp(7.64273236), alpha: 0.34781303, beta: 0.36585412 },
    provenance: 'paper',
    source: '[paper] Besiroglu et al., arXiv:2404.10102, raw vector (log A, log B, log E, alpha, beta) = (6.17795598, 7.64273236, 0.59711196, 0.34781303, 0.36585412) (docs/theory/chinchilla.md §2)',
    intervals: { E: [1.769, 1.871], A: [285.2, 743.6], B: [1042, 5810], alpha: [0.317, 0.373], beta: [0.331, 0.415] },
    note: 'Hoffmann\'s unrounded values are rejected by this refit (chi^2(5) = 238) [paper]',
  },
];

export function chinchillaPreset(id: string): ChinchillaPreset | undefined {
  return CHINCHILLA_PRESETS.find((p) => p.id === id || p.referenceId === id);
}

/**
 * The reference's closed form of the optimum (chinchilla.md §3, [derived]: Lagrange condition
 * alpha A N^-alpha = beta B D^-beta; matches the Epoch notebook). Used to check the engine's exponents
 * and the exact minimisation, never to compute the CLI's answer. Expressions in E, A, B, alpha, beta, C.
 */
export const CHINCHILLA_CLOSED_FORM = {
  provenance: 'derived' as ProvenanceTag,
  source: 'docs/theory/chinchilla.md §3',
  a: 'beta/(alpha + beta)',
  b: 'alpha/(alpha + beta)',
  /** L* - E ~ C^(-lossExponent) */
  lossExponent: 'alpha*beta/(alpha + beta)',
  G: '(alpha*A/(beta*B))^(1/(alpha + beta))',
  N_opt: '((alpha*A/(beta*B))^(1/(alpha + beta))) * (C/6)^(beta/(alpha + beta))',
  D_opt: '((alpha*A/(beta*B))^(-1/(alpha + beta))) * (C/6)^(alpha/(alpha + beta))',
  loss: 'E + (A*((alpha*A/(beta*B))^(1/(alpha + beta)))^(-alpha) + B*((alpha*A/(beta*B))^(1/(alpha + beta)))^beta) * (C/6)^(-alpha*beta/(alpha + beta))',
};

/** Golden values of chinchilla.md §4 [derived there: double precision, recomputed independently]. */
export const CHINCHILLA_GOLDEN: Array<{ preset: string; C: number; N: number; D: number; loss: number }> = [
  { preset: 'chinchilla:hoffmann-rounded', C: 1e21, N: 1.82422e9, D: 9.13634e10, loss: 2.328883 },
  { preset: 'chinchilla:hoffmann-rounded', C: 5.88e23, N: 3.2491e10, D: 3.01622e12, loss: 1.929987 },
  { preset: 'chinchilla:hoffmann-rounded', C: 1e25, N: 1.16823e11, D: 1.42666e13, loss: 1.84532 },
  { preset: 'chinchilla:hoffmann', C: 1e21, N: 2.21695e9, D: 7.51782e10, loss: 2.295491 },
  { preset: 'chinchilla:hoffmann', C: 5.88e23, N: 4.07427e10, D: 2.40534e12, loss: 1.917695 },
  { preset: 'chinchilla:hoffmann', C: 1e25, N: 1.48546e11, D: 1.12199e13, loss: 1.838024 },
  { preset: 'chinchilla:epoch', C: 1e21, N: 2.78212e9, D: 5.99065e10, loss: 2.3048 },
  { preset: 'chinchilla:epoch', C: 5.88e23, N: 7.31253e10, D: 1.34016e12, loss: 1.973386 },
  { preset: 'chinchilla:epoch', C: 1e25, N: 3.1256e11, D: 5.3323e12, loss: 1.911303 },
];

/** Claims the validator can check against this law (statements as data). */
export const CHINCHILLA_CLAIMS = [
  {
    id: 'chinchilla-exponents',
    statement: 'Under L = E + A/N^alpha + B/D^beta and C = 6ND, N_opt ~ C^(beta/(alpha+beta)) and D_opt ~ C^(alpha/(alpha+beta)); a + b = 1.',
    kind: 'exponent',
    law: CHINCHILLA_LAW,
    constraint: CHINCHILLA_CONSTRAINT,
    quantities: { N_opt: 'beta/(alpha + beta)', D_opt: 'alpha/(alpha + beta)' },
    provenance: 'derived' as ProvenanceTag,
    source: 'docs/theory/chinchilla.md §3',
  },
];
