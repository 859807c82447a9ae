// Power-law random features trained by one-pass SGD: Paquette, Paquette, Xiao, Pennington,
// "4+3 Phases of Compute-Optimal Neural Scaling Laws", NeurIPS 2024 (arXiv:2405.15074).
// Encoded from ../shared/reference/plrf.md; section numbers below refer to that file.
// This file states terms, regions and provenance only: the compute-optimal exponents come out of the
// engine (src/engine), and `closedForms` are the reference's formulas the engine is checked against.
import type { TheoryFile } from '../src/engine/types.js';

export const plrf: TheoryFile = {
  id: 'plrf',
  title: 'Power-law random features, one-pass SGD (4+3 phases)',
  citation: 'E. Paquette, C. Paquette, L. Xiao, J. Pennington, "4+3 Phases of Compute-Optimal Neural Scaling Laws", NeurIPS 2024',
  url: 'https://arxiv.org/abs/2405.15074',
  reference: 'docs/theory/plrf.md',
  parameters: [
    { name: 'alpha', latex: '\\alpha', description: 'data complexity: data covariance eigenvalues j^(-2 alpha)', range: [0, 1.6] },
    { name: 'beta', latex: '\\beta', description: 'target complexity: target coefficients j^(-beta)', range: [-0.4, 1.6] },
  ],
  domain: [
    { condition: 'alpha > 0', provenance: 'paper', source: 'arXiv:2405.15074 (admissible alpha > 0); docs/theory/plrf.md §1' },
    {
      condition: '2*alpha + 2*beta > 1',
      provenance: 'paper',
      source: 'arXiv:2405.15074 (admissible 2alpha + 2beta > 1); docs/theory/plrf.md §1',
      reason: 'otherwise the initial loss sum_j j^(-2alpha-2beta) diverges with v: no scaling law',
    },
  ],
  // §0 symbols
  definitions: {
    sigma: '2*alpha + 2*beta - 1',
    s: '(2*alpha + 2*beta - 1)/(2*alpha)',
    p: '1 - 1/(2*alpha)',
    q: '2 - 1/(2*alpha)',
  },
  variables: {
    d: 'parameter count',
    t: 'SGD time gamma*B*r',
    gamma: 'learning rate',
    B: 'batch size',
    r: 'SGD steps',
    f: 'compute (flops)',
  },
  // §3 and §5.1: each term as a power law in d and t
  terms: [
    {
      name: 'F_pp',
      latex: '\\mathcal{F}_{pp}',
      description: 'population loss of the learned modes (gradient flow)',
      cases: [{ when: [], form: 't^(-s)', coefficient: 'fact(s-1)/(2*alpha*2^s)', provenance: "authors' code", source: 'github.com/LosVolterrosHermanos/Experimental colabs/SGD_powerlaws_approximate_loss_curves.ipynb (tt_pp_coefficient); Gamma integral derived: docs/theory/plrf.md §2' }],
    },
    {
      name: 'F_0',
      latex: '\\mathcal{F}_{0}',
      description: 'capacity limit: the best loss reachable with d features',
      cases: [
        { when: ['2*beta > 1'], form: 'd^(-2*alpha)', coefficient: 'c_beta/kappa', provenance: "authors' code", source: 'github.com/LosVolterrosHermanos/Experimental colabs/ (theory_limit_loss), F0 ~ (c_beta/kappa) d^(-2alpha): docs/theory/plrf.md §2' },
        {
          when: ['2*beta < 1'],
          form: 'd^(-sigma)',
          // int_0^inf x^(-2beta)/(kappa + x^(2alpha)) dx in closed form [derived: Beta integral]
          coefficient: 'kappa^((1 - 2*beta)/(2*alpha) - 1)*pi/(2*alpha*sin(pi*(1 - 2*beta)/(2*alpha)))',
          provenance: 'derived',
          source: 'docs/theory/plrf.md §2, F0 ~ d^(-sigma) int_0^inf x^(-2beta)/(kappa + x^(2alpha)) dx (2beta < 1), Beta integral',
        },
      ],
    },
    {
      name: 'F_ac',
      latex: '\\mathcal{F}_{ac}',
      description: 'feature-embedding term (absolutely continuous part of the spectrum)',
      cases: [
        {
          when: ['2*beta > 1', '2*alpha > 1'],
          form: 'd^(-1)*t^(-p)',
          validity: 't < d^(2*alpha)',
          // (c_beta/(2alpha d)) Gamma(1 - 1/(2alpha)) (2t)^(-p)
          coefficient: 'c_beta*fact(-1/(2*alpha))/(2*alpha*2^p)',
          provenance: "authors' code",
          source: 'github.com/LosVolterrosHermanos/Experimental colabs/SGD_powerlaws_approximate_loss_curves.ipynb (tt_Fac_pretty), valid for t <~ d^(2alpha) (docs/theory/plrf.md §2)',
        },
      ],
    },
    {
      name: 'noise',
      latex: '\\frac{\\mathcal{K}_{pp}}{\\gamma B}',
      description: 'SGD noise: K_pp/(gamma B) ~ gamma t^(-q)',
      cases: [
        {
          when: ['alpha > 1/4'],
          form: 'gamma*t^(-q)',
          // K_pp/(gamma B) = gamma (1/(2alpha)) Gamma(q) (2t)^(-q) [derived from K_pp, plrf.md §3]
          coefficient: 'fact(q-1)/(2*alpha*2^q)',
          provenance: 'unverified',
          source: 'docs/theory/plrf.md §2: the K_pp/(gamma B) form is [unverified]; its t^(-q) decay is [authors\' code: github.com/LosVolterrosHermanos/Experimental colabs/SGD_powerlaws_approximate_loss_curves.ipynb tt_Kpp_coefficient]',
        },
      ],
    },
  ],
  // §5.1: f = d B r, t = gamma B r, gamma = O(1) above the high-dimensional line and ~ d^(2alpha-1) below
  compute: {
    budget: 'f',
    allocate: 'd',
    constraint: { equation: 'f = d*B*r', provenance: 'paper', source: 'arXiv:2405.15074 (compute: P(f/d; d), B = 1); docs/theory/plrf.md §1' },
    relations: [
      { equation: 't = gamma*B*r', provenance: 'paper', source: 'arXiv:2405.15074; docs/theory/plrf.md §1' },
      { equation: 'gamma = 1', when: ['2*alpha > 1'], provenance: 'derived', source: 'docs/theory/plrf.md §1 (learning rate): gamma < ~2/tr D = O(1)' },
      {
        equation: 'gamma = d^(2*alpha - 1)',
        when: ['2*alpha < 1'],
        provenance: 'derived',
        source: 'docs/theory/plrf.md §1 (learning rate): tr D ~ v^(1-2alpha), v ~ d, as the authors\' notebooks do (github.com/LosVolterrosHermanos/Experimental colabs/SGD_powerlaws_approximate_loss_curves.ipynb)',
      },
    ],
    constants: ['B'],
  },
  quantities: [
    { name: 'xi', latex: '\\xi', description: 'optimal parameter count d* ~ f^xi', kind: 'variable', variable: 'd', sign: 1 },
    { name: 'eta', latex: '\\eta', description: 'optimal loss P* ~ f^(-eta)', kind: 'loss', sign: -1 },
  ],
  // §4 phase diagram: open regions (conjunctions of strict inequalities)
  phases: [
    {
      name: 'Ia',
      description: 'capacity-limited, above the high-dimensional line',
      bottleneck: 'capacity (F_0)',
      regions: [{ conditions: ['2*beta < 1', '2*alpha > 1', '2*alpha + 2*beta > 1'], provenance: 'paper', source: 'arXiv:2405.15074 Fig. 2 (phase diagram); docs/theory/plrf.md §4' }],
    },
    {
      name: 'Ib',
      description: 'capacity-limited, below the high-dimensional line',
      bottleneck: 'capacity (F_0)',
      regions: [
        { conditions: ['2*beta < 1', 'alpha > 1/4', 'alpha < 1/2', '2*alpha + 2*beta > 1'], provenance: 'paper', source: 'arXiv:2405.15074 (proposition header), Fig. 2; docs/theory/plrf.md §4' },
        {
          conditions: ['2*beta < 1', 'alpha > 0', 'alpha < 1/4', '2*alpha + 2*beta > 1'],
          provenance: 'paper',
          source: 'arXiv:2405.15074: believed to behave like Ib, unproved; docs/theory/plrf.md §4',
          conjectural: true,
          note: 'conjectured in the paper to behave like Ib',
        },
      ],
    },
    {
      name: 'Ic',
      description: 'capacity-limited, alpha < 1/4 (no SGD-noise term)',
      bottleneck: 'capacity (F_0)',
      regions: [{ conditions: ['2*beta > 1', 'alpha > 0', 'alpha < 1/4'], provenance: 'paper', source: 'arXiv:2405.15074 (proposition header; conditional), Fig. 2; docs/theory/plrf.md §4' }],
    },
    {
      name: 'II',
      description: 'feature-embedding limited, beta < alpha',
      bottleneck: 'feature embedding (F_ac)',
      regions: [{ conditions: ['2*beta > 1', '2*alpha > 1', 'beta < alpha'], provenance: 'paper', source: 'arXiv:2405.15074 Fig. 2 (phase diagram); docs/theory/plrf.md §4' }],
    },
    {
      name: 'III',
      description: 'feature embedding against SGD noise, beta > alpha',
      bottleneck: 'feature embedding (F_ac) and SGD noise (K_pp)',
      regions: [{ conditions: ['2*beta > 1', '2*alpha > 1', 'beta > alpha'], provenance: 'paper', source: 'arXiv:2405.15074 Fig. 2 (phase diagram); docs/theory/plrf.md §4' }],
    },
    {
      name: 'IVa',
      description: 'SGD-noise limited below the line; noise grows with d at fixed compute',
      bottleneck: 'SGD noise (K_pp)',
      regions: [{ conditions: ['2*beta > 1', 'alpha > 1 - 1/sqrt(2)', 'alpha < 1/2'], provenance: 'derived', source: 'arXiv:2405.15074 Fig. 2: IV below the line [paper]; the a/b split [derived: docs/theory/plrf.md §4]' }],
    },
    {
      name: 'IVb',
      description: 'SGD-noise limited below the line; noise falls with d at fixed compute',
      bottleneck: 'SGD noise (K_pp)',
      regions: [{ conditions: ['2*beta > 1', 'alpha > 1/4', 'alpha < 1 - 1/sqrt(2)'], provenance: 'derived', source: 'docs/theory/plrf.md §4 (the IVa/IVb split)' }],
    },
  ],
  groups: { IV: ['IVa', 'IVb'] }, // the paper's unsplit phase IV (arXiv:2405.15074 Fig. 2)
  // §5.3 table: the reference's closed forms, each with its tag
  closedForms: [
    { phase: 'Ia', quantity: 'xi', expr: '1/(2*alpha + 1)', provenance: "authors' code", source: 'github.com/LosVolterrosHermanos/Experimental colabs/SGD_powerlaws_approximate_loss_curves.ipynb (tt_pareto_corner); docs/theory/plrf.md §5' },
    { phase: 'Ia', quantity: 'eta', expr: '(2*alpha + 2*beta - 1)/(2*alpha + 1)', provenance: 'derived', source: 'docs/theory/plrf.md §5' },
    { phase: 'Ib', quantity: 'xi', expr: '1/2', provenance: "authors' code", source: 'github.com/LosVolterrosHermanos/Experimental colabs/SGD_powerlaws_approximate_loss_curves.ipynb (tt_pareto_corner); docs/theory/plrf.md §5' },
    { phase: 'Ib', quantity: 'eta', expr: '(2*alpha + 2*beta - 1)/2', provenance: 'derived', source: 'docs/theory/plrf.md §5' },
    {
      phase: 'Ic',
      quantity: 'xi',
      expr: '(2*alpha + 2*beta - 1)/(4*alpha^2 + 2*(1 - alpha)*(2*alpha + 2*beta - 1))',
      provenance: 'derived',
      source: 'docs/theory/plrf.md §5',
    },
    {
      phase: 'Ic',
      quantity: 'eta',
      expr: '2*alpha*(2*alpha + 2*beta - 1)/(4*alpha^2 + 2*(1 - alpha)*(2*alpha + 2*beta - 1))',
      provenance: 'derived',
      source: 'docs/theory/plrf.md §5 (eta = 2 alpha xi)',
    },
    { phase: 'II', quantity: 'xi', expr: 'beta/(alpha + beta)', provenance: "authors' code", source: 'github.com/LosVolterrosHermanos/Experimental colabs/SGD_powerlaws_approximate_loss_curves.ipynb (tt_pareto_corner); docs/theory/plrf.md §5' },
    { phase: 'II', quantity: 'eta', expr: '(2*alpha + 2*beta - 1)/(2*alpha + 2*beta)', provenance: 'derived', source: 'docs/theory/plrf.md §5' },
    { phase: 'III', quantity: 'xi', expr: '1/2', provenance: 'paper', source: 'arXiv:2405.15074 Fig. 8(a) (universal d* ~ f^0.5); github.com/LosVolterrosHermanos/Experimental colabs/SGD_powerlaws_approximate_loss_curves.ipynb (tt_pareto_corner); docs/theory/plrf.md §5' },
    { phase: 'III', quantity: 'eta', expr: '1 - 1/(4*alpha)', provenance: 'paper', source: 'arXiv:2405.15074 Fig. 3(a) (0.643 at alpha = beta = 0.7); docs/theory/plrf.md §5' },
    { phase: 'IVa', quantity: 'xi', expr: '1/2', provenance: 'derived', source: 'docs/theory/plrf.md §5' },
    { phase: 'IVa', quantity: 'eta', expr: 'alpha', provenance: 'derived', source: 'docs/theory/plrf.md §5' },
    { phase: 'IVb', quantity: 'xi', expr: '(beta - alpha)/(2*beta*(1 - alpha) - alpha)', provenance: 'derived', source: 'docs/theory/plrf.md §5' },
    {
      phase: 'IVb',
      quantity: 'eta',
      expr: '(1 - 2*alpha)*(2*alpha + 2*beta - 1)/(2*(2*beta*(1 - alpha) - alpha))',
      provenance: 'derived',
      source: 'docs/theory/plrf.md §5',
    },
  ],
  example: { alpha: 0.7, beta: 1.2 },
  notes: [
    'Working estimate P ~ F_0 + F_pp + F_ac + K_pp/(gamma B) [derived: docs/theory/plrf.md §3]; exponents need only the power laws.',
    'IVa|IVb (alpha = 1 - 1/sqrt(2)): the noise term is d-independent at fixed compute, so xi jumps there [derived: docs/theory/plrf.md §6].',
  ],
};

export default plrf;
