// A Jeon-Van Roy-style information-theoretic error bound: a RECONSTRUCTION built for this project from
// the verified ingredients of ../shared/reference/info-theoretic.md (§4). The full text of Jeon & Van Roy,
// arXiv 2212.01365, is not available: nothing here is "Jeon & Van Roy's bound", and every output says so.
// Data only; the computations are in src/law/info-bound.ts, the asymptotic exponents come from the
// engine through the law parser (src/law/parse.ts) applied to `skeleton`.
import type { ProvenanceTag } from '../src/engine/types.js';

export const INFO_BOUND_PROVENANCE: ProvenanceTag = 'reconstruction';

/** Printed with every result. */
export const INFO_BOUND_LABEL = 'Jeon-Van Roy-style template [reconstruction]: not the paper\'s theorem (arXiv:2212.01365, full text unavailable; docs/theory/info-bound.md §2, §5)';

export interface BoundFormula {
  expr: string;
  provenance: ProvenanceTag;
  source: string;
}

export const infoBound = {
  id: 'info-bound',
  title: 'Jeon-Van Roy-style template [reconstruction]',
  citation: 'template built for this project after H. J. Jeon, B. Van Roy, "An Information-Theoretic Analysis of Compute-Optimal Neural Scaling Laws", arXiv 2212.01365 (2022) [full text unavailable]',
  url: 'https://arxiv.org/abs/2212.01365',
  reference: 'docs/theory/info-bound.md',
  provenance: INFO_BOUND_PROVENANCE,
  parameters: [
    { name: 'm', description: 'misspecification constant (S^2 (d+1)/16 if p counts parameters, S^2/16 if neurons)', domain: 'm > 0' },
    { name: 'k', description: 'effective information content of the teacher, in nats (independent of p)', domain: 'k > 0' },
    { name: 'C', description: 'compute budget C = p*T', domain: 'C > 2*e*m*k (at C = 2*e*m*k the optimum degenerates; below it there is none: data-starved)' },
  ],
  /** E(p, T): misspecification m/p + estimation in rate-distortion form with H_eps = k ln(1/eps). */
  bound: { expr: 'm/p + (k/T)*(1 + ln(T/k))', provenance: 'reconstruction', source: 'docs/theory/info-bound.md §5' } as BoundFormula,
  compute: { expr: 'C = p*T', provenance: 'reconstruction', source: 'arXiv:2407.01456 introduction (compute ~ p*T); docs/theory/info-bound.md §1, §5' } as BoundFormula,
  domain: [
    { condition: 'm > 0', provenance: 'reconstruction' as ProvenanceTag },
    { condition: 'k > 0', provenance: 'reconstruction' as ProvenanceTag },
    { condition: 'T > k', provenance: 'derived' as ProvenanceTag, reason: 'the estimation infimum (k/T)(1 + ln(T/k)) at eps* = k/T needs T > k (docs/theory/info-bound.md §4)' },
    { condition: 'C > 2*e*m*k', provenance: 'derived' as ProvenanceTag, reason: 'the lower Lambert-W branch exists for C >= 2e m k; below it E rises along the budget line everywhere: data-starved (docs/theory/info-bound.md §5)' },
  ],
  notes: [
    'Between C = 2e m k and C = 6.40089 m k the interior stationary point is only a local minimum: the edge T = k (E = m k/C + 1) is lower [derived in this project: docs/theory/info-bound.md §5, docs/allocation.md §1].',
    'The numbers of `golden` belong to the template, not to the paper (docs/theory/info-bound.md §2, §6).',
  ],
  /** The closed form as printed (implemented once, in src/law/info-bound.ts). [derived] info-theoretic.md §4.2 */
  closedForm: {
    provenance: 'derived' as ProvenanceTag,
    source: 'docs/theory/info-bound.md §5: budget-line stationarity s e^(-2s) = m k / C with s = ln(T/k); agrees with brute-force minimisation',
    s: 's* = -W_{-1}(-2 m k / C) / 2',
    T: 'T* = k e^(s*)',
    p: 'p* = C / T*',
    ratio: 'p*/T* = m / (k s*)',
    error: 'E* = k (1 + 2 s*) / T*',
    slope: 'd ln p*/d ln C = (s* - 1)/(2 s* - 1)',
    slopeT: 'd ln T*/d ln C = s*/(2 s* - 1)',
  },
  /** The same closed form as the code evaluates it (src/law/info-bound.ts compiles these), in s = s*, m, k, C, T. */
  closedFormExprs: {
    T: 'k*exp(s)',
    error: 'k*(1 + 2*s)/T',
    ratio: 'm/(k*s)',
    slope: '(s - 1)/(2*s - 1)',
    slopeT: 's/(2*s - 1)',
  },
  /** The bound with log factors dropped: a sum of power laws the engine balances (p* ~ C^(1/2)). */
  skeleton: { law: 'm/p + k/T', constraint: 'C = p*T', note: 'log factors ignored: the engine\'s dominant-balance exponent is the asymptote of the local slope' },
  /** Input-dimension mappings (functions of d, S, k0 written in src/law/expr.ts syntax). */
  mappings: [
    {
      id: 'parameters',
      label: 'p counts parameters, p = n(d+1): m = S^2 (d+1)/16, k fixed [reconstruction]',
      m: 'S^2*(d + 1)/16',
      k: 'k0',
      provenance: 'reconstruction' as ProvenanceTag,
      source: 'docs/theory/info-bound.md §4 (Maurey sampling + logistic KL bound; physical knobs)',
    },
    {
      id: 'neurons',
      label: 'p counts neurons: m = S^2/16, k fixed; no d-dependence [reconstruction]',
      m: 'S^2/16',
      k: 'k0',
      provenance: 'reconstruction' as ProvenanceTag,
      source: 'docs/theory/info-bound.md §4',
    },
    {
      id: 'latent',
      label: 'm = S^2 (d+1)/16 and k = k0 d (information content ~ latent complexity x d) [unverified]',
      m: 'S^2*(d + 1)/16',
      k: 'k0*d',
      provenance: 'unverified' as ProvenanceTag,
      source: 'docs/theory/info-bound.md §4: k roughly latent complexity x d x a log factor [unverified]',
    },
  ],
  /** Claims of the papers (abstract level) as statements the validator can test against this template. */
  claims: [
    {
      id: 'linear-asymptotic',
      statement: 'Minimising the bound over allocations gives an asymptotically linear compute-optimal relation: p* and T* grow like sqrt(C) up to log factors, so d ln p*/d ln C tends to 1/2 (from below, slowly).',
      kind: 'asymptotic-slope',
      model: 'info-bound',
      quantity: 'p',
      limit: 0.5,
      approach: 'from-below',
      /** at finite C the slope is strictly below the limit and rises with C */
      monotoneIn: 'C',
      provenance: 'paper' as ProvenanceTag,
      source: 'arXiv:2212.01365 abstract; arXiv:2407.01456 as summarised (docs/theory/info-bound.md §1); tested here on the [reconstruction]',
    },
    {
      id: 'dimension-share',
      statement: 'As the input dimension d grows, a larger share of compute should go to the model: at fixed C, p*/T* increases with d.',
      kind: 'monotone',
      model: 'info-bound',
      quantity: 'ratio',
      variable: 'd',
      direction: 'increasing',
      mapping: 'parameters',
      provenance: 'paper' as ProvenanceTag,
      source: 'arXiv:2212.01365 abstract (docs/theory/info-bound.md §1); holds in the template under the `parameters` mapping',
    },
    {
      id: 'negative-control-sublinear',
      statement: 'A parameter-counting bound m/p + b p ln(T)/T is not linear: d ln p*/d ln C tends to 1/3.',
      kind: 'asymptotic-slope',
      model: 'negative-control',
      quantity: 'p',
      limit: 1 / 3,
      approach: 'from-below',
      monotoneIn: 'C',
      provenance: 'derived' as ProvenanceTag,
      source: 'docs/theory/info-bound.md §3 (brute-force minimisation)',
    },
  ],
  /** §4.3: reference numbers of the template [derived: closed form and brute force agree there]. */
  golden: [
    { m: 1, k: 1, C: 1e4, p: 42.82241, T: 233.5226, ratio: 0.1833759, error: 5.098675e-2, s: 5.453279 },
    { m: 1, k: 1, C: 1e8, p: 3103.81, T: 32218.47, ratio: 0.09633638, error: 6.754074e-4, s: 10.3803 },
    { m: 1, k: 1, C: 1e12, p: 2.567028e5, T: 3.895555e6, ratio: 0.06589635, error: 8.047812e-6, s: 15.17535 },
    { m: 1, k: 1, C: 1e16, p: 2.240753e7, T: 4.462785e8, ratio: 0.05020974, error: 9.149646e-8, s: 19.91645 },
    { m: 1, k: 1, C: 1e24, p: 1.846787e11, T: 5.414809e12, ratio: 0.03410623, error: 1.10143e-11, s: 29.32016 },
    { m: 10, k: 1, C: 1e8, p: 10444.56, T: 9574.364, ratio: 1.090888, error: 2.019318e-3, s: 9.166844 },
    { m: 100, k: 3, C: 1e12, p: 1.651937e6, T: 6.053499e5, ratio: 2.728897, error: 1.260258e-4, s: 12.21495 },
  ],
  /** §4.3: average slope of ln p* over decade pairs, m = k = 1, and pointwise slopes. */
  goldenSlopes: {
    averages: [
      { from: 1e4, to: 1e6, slope: 0.459 },
      { from: 1e6, to: 1e8, slope: 0.471 },
      { from: 1e8, to: 1e10, slope: 0.477 },
      { from: 1e10, to: 1e12, slope: 0.481 },
      { from: 1e14, to: 1e16, slope: 0.486 },
      { from: 1e22, to: 1e24, slope: 0.491 },
    ],
    pointwise: [
      { C: 1e4, slope: 0.4495 },
      { C: 1e8, slope: 0.4747 },
      { C: 1e16, slope: 0.4871 },
    ],
  },
};

/** The negative control of info-theoretic.md §3 and §4.3: a parameter-counting bound, slope -> 1/3. */
export const negativeControl = {
  id: 'negative-control',
  title: 'negative control: parameter-counting bound m/p + b p ln(T)/T (slope -> 1/3)',
  provenance: 'derived' as ProvenanceTag,
  bound: { expr: 'm/p + b*p*ln(T)/T', provenance: 'derived' as ProvenanceTag, source: 'docs/theory/info-bound.md §3 (a parameter-counting bound contradicts the papers)' },
  compute: 'C = p*T',
  parameters: ['m', 'b'],
  skeleton: { law: 'm/p + b*p/T', constraint: 'C = p*T', note: 'log factor ignored' },
  note: 'the optimum reported is the interior local minimum (T > e^(5/6)); as T -> 1 the term p ln(T)/T vanishes and E -> m/C, an artefact of the bound outside its range',
  /** §4.3 brute-force decade-pair average slopes, m = b = 1 [derived] */
  goldenSlopes: [
    { from: 1e4, to: 1e6, slope: 0.304 },
    { from: 1e6, to: 1e8, slope: 0.313 },
    { from: 1e8, to: 1e10, slope: 0.318 },
    { from: 1e10, to: 1e12, slope: 0.32 },
    { from: 1e12, to: 1e14, slope: 0.322 },
    { from: 1e14, to: 1e16, slope: 0.324 },
    { from: 1e16, to: 1e18, slope: 0.325 },
    { from: 1e22, to: 1e24, slope: 0.327 },
  ],
};

export type InfoBoundClaim = (typeof infoBound.claims)[number];
