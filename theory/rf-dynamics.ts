// The random-feature dynamical model: B. Bordelon, A. Atanasov, C. Pehlevan, "A Dynamical Model of
// Neural Scaling Laws", ICML 2024 (arXiv:2402.01092). Encoded from ../shared/reference/random-features.md;
// section numbers below refer to that file.
// Loss terms as power laws in flow time t, width N and dataset size P (λ_k = k^-b, λ_k w_k² = k^-a).
// The compute-optimal exponents (C = N t, data unlimited: P -> inf) come out of the engine by dominant
// balance; `closedForms` are eq.17 of the paper (hard tasks) and the reference's easy-task rule (§4.4),
// which the engine's results are checked against. The single-model width bottleneck is the reference's
// corrected N^-min(a-1,b) (§3.3), not the paper's N^-min(a-1,2b) (which holds for the bias only).
import type { TheoryFile } from '../src/engine/types.js';

export const rfDynamics: TheoryFile = {
  id: 'rf-dynamics',
  title: 'Random-feature dynamical model (DMFT of gradient flow with N features and P samples)',
  citation: 'B. Bordelon, A. Atanasov, C. Pehlevan, "A Dynamical Model of Neural Scaling Laws", ICML 2024, PMLR 235:4345-4382',
  url: 'https://arxiv.org/abs/2402.01092',
  reference: 'docs/theory/rf-dynamics.md',
  parameters: [
    { name: 'a', latex: 'a', description: 'task-power exponent: lambda_k w_k^2 = k^(-a)', range: [1, 6] },
    { name: 'b', latex: 'b', description: 'spectral exponent: kernel eigenvalues lambda_k = k^(-b)', range: [1, 3] },
  ],
  domain: [
    { condition: 'a > 1', provenance: 'paper', source: 'arXiv:2402.01092 eq.13 (a > 1 keeps L(0) finite); docs/theory/rf-dynamics.md §1', reason: 'the initial loss sum_k k^(-a) diverges' },
    {
      condition: 'b > 1',
      provenance: 'paper',
      source: 'arXiv:2402.01092 eq.13 (a, b > 1); b near 1: docs/theory/rf-dynamics.md §1',
      reason: 'the kernel trace sum_k k^(-b) diverges; at b = 1 the exponents depend on the truncation',
    },
  ],
  // §3.2: time exponent r_t; G_b = pi/(b sin(pi/b))
  definitions: {
    rt: '(a - 1)/b',
    Gb: 'pi/(b*sin(pi/b))',
  },
  variables: {
    t: 'gradient-flow time (GD: learning rate x steps)',
    N: 'width: number of random features (projection A is N x M)',
    P: 'number of training samples (reused every step)',
    C: 'compute N*t',
  },
  terms: [
    {
      name: 'time',
      latex: 'A_t\\, t^{-(a-1)/b}',
      description: 'modes not yet learned at time t (N, P = inf)',
      cases: [
        {
          when: [],
          form: 't^(-rt)',
          coefficient: 'fact(rt - 1)*2^(-rt)/b',
          provenance: 'paper',
          source: 'arXiv:2402.01092 eq.14; prefactor A_t = Gamma(rt) 2^(-rt)/b [derived: docs/theory/rf-dynamics.md §2]',
        },
      ],
    },
    {
      name: 'width',
      latex: 'A_N\\, N^{-\\min(a-1,b)}',
      description: 'capacity limit of N random features (t, P = inf), full single-model loss',
      cases: [
        {
          when: ['a - 1 < b'],
          form: 'N^(-(a - 1))',
          coefficient: 'Gb^(a - 1)*pi/(b*sin(pi*rt))',
          provenance: 'paper',
          source: 'arXiv:2402.01092 eq.14; prefactor [derived: docs/theory/rf-dynamics.md §2]',
        },
        {
          when: ['a - 1 > b'],
          form: 'N^(-b)',
          provenance: 'derived',
          source: 'docs/theory/rf-dynamics.md §3: full loss sum lambda w^2/(1 + lambda r) ~ zeta(a-b) Gb^b N^(-b); the paper\'s N^(-min(a-1,2b)) (arXiv:2402.01092 eq.14) is the bias only',
          note: 'prefactor zeta(a - b) Gb^b (no closed form in the CAS)',
        },
      ],
    },
    {
      name: 'transient',
      latex: 'A_{ac}\\, N^{-1} t^{-(1-1/b)}',
      description: 'finite-width excess at finite time, easy tasks',
      cases: [
        {
          when: ['a - 1 > b'],
          form: 'N^(-1)*t^(-(1 - 1/b))',
          provenance: 'derived',
          source: 'docs/theory/rf-dynamics.md §3: PLRF F_ac mapped, checked against the DMFT at (3.5,1.5), (4,2); for hard tasks the excess has no closed form and the term is left out',
          note: 'prefactor zeta(a - b) Gamma(1 - 1/b) 2^(-(1 - 1/b))/b',
        },
      ],
    },
    {
      name: 'data',
      latex: 'A_P\\, P^{-\\min(a-1,2b)}',
      description: 'finite dataset reused every step (t, N = inf)',
      cases: [
        {
          when: ['a - 1 < 2*b'],
          form: 'P^(-(a - 1))',
          coefficient: '(1 - rt)*pi/sin(pi*rt)*Gb^(a - 1)',
          provenance: 'paper',
          source: 'arXiv:2402.01092 eq.14; prefactor [derived: docs/theory/rf-dynamics.md §2]',
        },
        {
          when: ['a - 1 > 2*b'],
          form: 'P^(-2*b)',
          provenance: 'paper',
          source: 'arXiv:2402.01092 eq.14; the data bottleneck keeps min(a-1, 2b) (docs/theory/rf-dynamics.md §2-3)',
        },
      ],
    },
  ],
  // §4.1: C = N t with no data limit (P -> inf, or one-pass SGD)
  compute: {
    budget: 'C',
    allocate: 'N',
    constraint: { equation: 'C = N*t', provenance: 'paper', source: 'arXiv:2402.01092 §4, eq.17; docs/theory/rf-dynamics.md §4' },
    relations: [],
    constants: [],
    unbounded: ['P'],
  },
  quantities: [
    { name: 'N', latex: 'x', description: 'compute-optimal width N* ~ C^x', kind: 'variable', variable: 'N', sign: 1 },
    { name: 't', latex: 'y', description: 'compute-optimal training time t* ~ C^y', kind: 'variable', variable: 't', sign: 1 },
    { name: 'loss', latex: 'z', description: 'compute-optimal loss L* ~ C^(-z)', kind: 'loss', sign: -1 },
  ],
  bottlenecks: [
    { name: 'time', variable: 't', description: 'L ~ t^(-c) at N, P = inf' },
    { name: 'width', variable: 'N', description: 'L ~ N^(-c) at t, P = inf (single model)' },
    { name: 'data', variable: 'P', description: 'L ~ P^(-c) at t, N = inf' },
  ],
  // §4.2: time x capacity wins iff a - 1 < b (eq.17), time x transient iff a - 1 > b (b > 1)
  phases: [
    {
      name: 'hard',
      description: 'hard task (a - 1 < b): the time term balances the width (capacity) term, eq.17',
      bottleneck: 'time against width N^-(a-1)',
      regions: [{ conditions: ['a - 1 < b', 'a > 1', 'b > 1'], provenance: 'paper', source: 'arXiv:2402.01092 eq.17; validity a-1 <= b derived (docs/theory/rf-dynamics.md §5)' }],
    },
    {
      name: 'easy',
      description: 'easy task (a - 1 > b): the time term balances the finite-width transient N^-1 t^-(1-1/b); eq.17 does not hold',
      bottleneck: 'time against the width transient',
      regions: [{ conditions: ['a - 1 > b', 'b > 1'], provenance: 'derived', source: 'docs/theory/rf-dynamics.md §5 (easy tasks) [derived: checked numerically]' }],
    },
  ],
  closedForms: [
    { phase: 'hard', quantity: 'N', expr: '1/(1 + b)', provenance: 'paper', source: 'arXiv:2402.01092 eq.17 (m = a-1); docs/theory/rf-dynamics.md §5' },
    { phase: 'hard', quantity: 't', expr: 'b/(1 + b)', provenance: 'paper', source: 'arXiv:2402.01092 eq.17 (m = a-1); docs/theory/rf-dynamics.md §5' },
    { phase: 'hard', quantity: 'loss', expr: '(a - 1)/(1 + b)', provenance: 'paper', source: 'arXiv:2402.01092 eq.17 (m = a-1); docs/theory/rf-dynamics.md §5' },
    { phase: 'easy', quantity: 'N', expr: '(a - b)/a', provenance: 'derived', source: 'docs/theory/rf-dynamics.md §5 (easy tasks) [derived: checked numerically]' },
    { phase: 'easy', quantity: 't', expr: 'b/a', provenance: 'derived', source: 'docs/theory/rf-dynamics.md §5 (easy tasks) [derived: checked numerically]' },
    { phase: 'easy', quantity: 'loss', expr: '(a - 1)/a', provenance: 'derived', source: 'docs/theory/rf-dynamics.md §5 (easy tasks) [derived: checked numerically]' },
  ],
  // §2.3, §4.1: the ensemble-averaged predictor (infinitely many projections and datasets) has loss Lbias,
  // whose width bottleneck is the paper's N^-min(a-1,2b) and whose compute law is eq.17 as printed
  variants: {
    ensemble: {
      title: 'ensemble-averaged predictor (bias loss Lbias)',
      description: 'Variant ensemble: the loss of the predictor averaged over infinitely many projections and datasets, Lbias = sum lambda w^2 H_k(t)^2 [paper: arXiv:2402.01092 eq.19]; its compute law is eq.17 with m = min(a-1, 2b) [paper]; the DMFT bias frontier agrees (docs/theory/rf-dynamics.md §6, docs/rf-dynamics.md).',
      terms: [
        {
          name: 'width',
          latex: 'A_N\\, N^{-\\min(a-1,2b)}',
          description: 'capacity limit of N random features for the bias (t, P = inf)',
          cases: [
            { when: ['a - 1 < 2*b'], form: 'N^(-(a - 1))', provenance: 'paper', source: 'arXiv:2402.01092 eq.14, App. J (bias sum lambda w^2/(1 + lambda r)^2); docs/theory/rf-dynamics.md §6' },
            { when: ['a - 1 > 2*b'], form: 'N^(-2*b)', provenance: 'paper', source: 'arXiv:2402.01092 eq.14, footnote 4; docs/theory/rf-dynamics.md §6' },
          ],
        },
        { name: 'transient', latex: '-', description: 'absent for the ensemble-averaged loss (no term in the paper)', cases: [] },
      ],
      phases: [
        {
          name: 'hard',
          description: 'ensemble, a - 1 < 2b: time against width N^-(a-1), eq.17 with m = a - 1',
          bottleneck: 'time against width N^-(a-1)',
          regions: [{ conditions: ['a - 1 < 2*b', 'a > 1', 'b > 1'], provenance: 'paper', source: 'arXiv:2402.01092 eq.17; docs/theory/rf-dynamics.md §6' }],
        },
        {
          name: 'easy',
          description: 'ensemble, a - 1 > 2b: time against width N^-2b, eq.17 with m = 2b',
          bottleneck: 'time against width N^-2b',
          regions: [{ conditions: ['a - 1 > 2*b', 'b > 1'], provenance: 'paper', source: 'arXiv:2402.01092 eq.17, footnote 4; docs/theory/rf-dynamics.md §6' }],
        },
      ],
      // eq.17 with m = a - 1 in the hard regime is the base theory's; only the easy regime differs
      closedForms: [
        { phase: 'easy', quantity: 'N', expr: '(a - 1)/(a - 1 + 2*b^2)', provenance: 'paper', source: 'arXiv:2402.01092 eq.17 (m = 2b); docs/theory/rf-dynamics.md §6' },
        { phase: 'easy', quantity: 't', expr: '2*b^2/(a - 1 + 2*b^2)', provenance: 'paper', source: 'arXiv:2402.01092 eq.17 (m = 2b); docs/theory/rf-dynamics.md §6' },
        { phase: 'easy', quantity: 'loss', expr: '2*b*(a - 1)/(a - 1 + 2*b^2)', provenance: 'paper', source: 'arXiv:2402.01092 eq.17 (m = 2b); docs/theory/rf-dynamics.md §6' },
      ],
    },
  },
  example: { a: 1.5, b: 1.25 },
  notes: [
    'Working estimate L ~ A_t t^-(a-1)/b + A_N N^-min(a-1,b) + [easy] A_ac N^-1 t^-(1-1/b) + A_P P^-min(a-1,2b) [derived: docs/theory/rf-dynamics.md §2, §3, §5].',
    'The paper\'s width bottleneck N^-min(a-1,2b) [paper: arXiv:2402.01092 eq.14] is that of the ensemble-averaged (bias) loss; a single model has N^-min(a-1,b) [derived: docs/theory/rf-dynamics.md §3].',
    'b near 1 is fragile: the kernel trace diverges logarithmically and finite-M frontiers differ (docs/theory/rf-dynamics.md §1).',
  ],
};

export default rfDynamics;
