// The published numbers `scaling-theory reproduce` regenerates (docs/library-research.md §11): for each
// check what the paper states (value, where, and whether the value is read in the paper or derived by us
// from its formula), how ours is computed from the registry (engine exponents at a point, a law's
// exponents or optimum at a budget), the tolerance and a note. Tolerances: a printed value with k decimals
// gets half a unit of its last digit; a derived value 1e-9 (or half a unit of the digits we have). A check
// outside its tolerance is `differs` only when `knownDifference` is set and the note says what differs and
// why; otherwise it is `fail`. Model ids are data here (theory/), never in src/cli.

/** What a check may compute with (implemented by src/cli/commands/reproduce.ts over the registry). */
export interface ReproduceTools {
  /** the engine's compute-optimal exponent `quantity` of a theory at a point (throws where it jumps) */
  exponent(model: string, point: Record<string, number>, quantity: string): number;
  /** a law preset's exponent: a (N* ~ C^a), b (D* ~ C^b) or loss (L* - E ~ C^-loss), by the engine */
  lawExponent(model: string, quantity: 'a' | 'b' | 'loss'): number;
  /** a law preset's exact compute-optimal allocation and loss at a budget (FLOPs) */
  lawOptimum(model: string, budget: number): { N: number; D: number; loss: number };
  /** the minimum of f on [lo, hi] (a scan, then Brent): x and f(x); throws when the minimum is at an end */
  minimize(f: (x: number) => number, lo: number, hi: number): { x: number; fx: number };
  /** a numeric constant of a theory file (a definition without free symbols, e.g. a fitted constant) */
  constant(model: string, name: string): number;
  /** a simulated compute frontier of a model (the registry's `frontier` capability; deterministic method unless given) */
  frontier(model: string, point: Record<string, number>, settings: FrontierSettings): Promise<{ xi: number; eta: number; window: [number, number] | null; theory: { xi: number | null; eta: number | null; phase: string | null } }>;
}

/** What a simulated check runs: the `frontier` command's flags. */
export interface FrontierSettings {
  dGrid: number[];
  approach: 0 | 1 | 2;
  method?: 'deterministic';
}

/** What a check computes: a number, or a number with what was measured (appended to the note). */
export type Ours = number | { value: number; detail: string };

export interface ReproduceCheck {
  id: string;
  model: string;
  paper: { value: number; where: string; kind: 'read' | 'derived' };
  /** how ours is computed, in words */
  how: string;
  ours: (t: ReproduceTools) => Ours | Promise<Ours>;
  tolerance: number;
  /** the tolerance is relative to the paper's value */
  relative?: boolean;
  /** a known, explained difference (the note says what was measured and why): `differs`, not `fail` */
  knownDifference?: boolean;
  note: string;
}

const PLRF = 'plrf';
const RFD = 'rf-dynamics';
const ALPHA_STAR = 1 - 1 / Math.SQRT2; // the IVa|IVb boundary of PLRF at beta = 1 (arXiv 2405.15074 Fig. 2)
const KAPLAN = { alpha_N: 0.076, alpha_S: 0.76, alpha_B: 0.21 }; // arXiv 2001.08361 eq. (1.6), (1.4) printed exponents
const KAPLAN_TABLE2 = { alpha_N: 0.076, alpha_D: 0.103 }; // arXiv 2001.08361 Table 2 (fit of eq. 1.5)
const EPOCH = { alpha: 0.34781303, beta: 0.36585412 }; // arXiv 2404.10102 raw vector
const HOFFMANN = { alpha: 0.33917084, beta: 0.2849083 }; // arXiv 2203.15556 TeX source
const MU = 'muennighoff2023';
const MU_FIT = { alpha: 0.3526596, beta: 0.3526596 }; // huggingface/datablations README, Parametric Fit [authors' code]
/** The paper's Figure 3 setting: d = 200..12800 doubling (arXiv 2405.15074 Fig. 3), approach 1 (envelope), deterministic. */
const FIG3: FrontierSettings = { dGrid: [200, 400, 800, 1600, 3200, 6400, 12800], approach: 1, method: 'deterministic' };

/**
 * Muennighoff et al.'s full data-constrained law [authors' code: datablations README `scaling_law(N, D, U)`]:
 * L = E + A/(U_N (1 + R_N* (1 - e^(-R_N/R_N*))))^alpha + B/(U (1 + R_D* (1 - e^(-R_D/R_D*))))^beta with
 * R_D = max(D/U - 1, 0), U_N = min(N, D_to_N(U)), D_to_N(D) = (D G)^(beta/alpha) G, G = (alpha A/(beta B))^(1/(alpha+beta)),
 * R_N = max(N/U_N - 1, 0). The constants are the theory file's definitions; the theory file itself encodes only
 * the law's asymptotic regimes (not a sum of power laws).
 */
function dataConstrainedLoss(t: ReproduceTools, N: number, D: number, U: number, excessParameters = true): number {
  const c = (name: string) => t.constant(MU, name);
  const { alpha, beta } = MU_FIT;
  const A = Math.exp(c('logA')), B = Math.exp(c('logB')), E = Math.exp(c('logE'));
  const rD = c('R_Dstar'), rN = c('R_Nstar');
  const G = ((alpha * A) / (beta * B)) ** (1 / (alpha + beta));
  const dToN = (d: number) => (d * G) ** (beta / alpha) * G;
  const RD = Math.max(D / U - 1, 0);
  const UN = excessParameters ? Math.min(N, dToN(U)) : N; // false: N' = N (only the repeated-data decay; for the 4-epoch decomposition)
  const RN = Math.max(N / UN - 1, 0);
  return E + A / (UN + UN * rN * (1 - Math.exp(-RN / rN))) ** alpha + B / (U + U * rD * (1 - Math.exp(-RD / rD))) ** beta;
}
/** The compute-optimal N for D unique tokens (README `D_to_N`), for the 4-epoch check. */
function uniqueOptimalN(t: ReproduceTools, D: number): number {
  const { alpha, beta } = MU_FIT;
  const G = ((alpha * Math.exp(t.constant(MU, 'logA'))) / (beta * Math.exp(t.constant(MU, 'logB')))) ** (1 / (alpha + beta));
  return (D * G) ** (beta / alpha) * G;
}

export const REPRODUCE_CHECKS: ReproduceCheck[] = [
  // ---- PLRF (Paquette, Paquette, Xiao, Pennington 2024, arXiv 2405.15074) ----
  {
    id: 'plrf-fig3-eta-theory',
    model: PLRF,
    paper: { value: 0.643, where: 'arXiv 2405.15074 Fig. 3(a) / §5: theory eta at alpha = beta = 0.7', kind: 'read' },
    how: 'engine eta at (alpha, beta) = (0.7, 0.7001) (phase III; II gives the same on the boundary)',
    ours: (t) => t.exponent(PLRF, { alpha: 0.7, beta: 0.7001 }, 'eta'),
    tolerance: 5e-4,
    note: 'eta = 1 - 1/(4 alpha) = 0.642857 on the II/III boundary alpha = beta (docs/plrf.md)',
  },
  {
    id: 'plrf-fig3-eta-measured',
    model: PLRF,
    paper: { value: 0.648, where: 'arXiv 2405.15074 Fig. 3(a): measured eta (fit 50.81 f^-0.648) at alpha = beta = 0.7', kind: 'read' },
    how: 'engine eta at (0.7, 0.7001): the asymptotic theory value',
    ours: (t) => t.exponent(PLRF, { alpha: 0.7, beta: 0.7001 }, 'eta'),
    tolerance: 5e-4,
    knownDifference: true,
    note: "the paper's 0.648 is a fit over finite d = 200..12800 in a fitted flops window; ours is the d -> infinity exponent 0.642857 (difference 0.005); our own simulated value at the paper's d grid is the check plrf-fig3-eta-simulated (the paper's gamma and v/d are not stated, docs/plrf.md §9)",
  },
  {
    id: 'plrf-fig3-xi',
    model: PLRF,
    paper: { value: 0.508, where: 'arXiv 2405.15074 Fig. 3: d* ~ f^0.508 (Approach 1) at alpha = beta = 0.7', kind: 'read' },
    how: 'engine xi at (0.7, 0.7001)',
    ours: (t) => t.exponent(PLRF, { alpha: 0.7, beta: 0.7001 }, 'xi'),
    tolerance: 5e-4,
    knownDifference: true,
    note: 'the paper fits xi over finite d (0.508 Approach 1, 0.525 Approach 2); the asymptotic xi is 1/2 in phase III (docs/plrf.md §6)',
  },
  {
    id: 'plrf-fig3-eta-simulated',
    model: PLRF,
    paper: { value: 0.648, where: 'arXiv 2405.15074 Fig. 3(a): measured eta (fit 50.81 f^-0.648) at alpha = beta = 0.7, d = 200..12800', kind: 'read' },
    how: 'our simulated frontier: frontier --model plrf --alpha 0.7 --beta 0.7 --d-grid 200,400,800,1600,3200,6400,12800 --approach 1 --method deterministic (v = 4d, trace-rule gamma, default flops window), eta of the envelope fit',
    ours: async (t) => {
      const f = await t.frontier(PLRF, { alpha: 0.7, beta: 0.7 }, FIG3);
      return { value: f.eta, detail: `measured here: eta ${f.eta.toFixed(4)}, xi ${f.xi.toFixed(4)}, flops window used ${f.window ? f.window.map((x) => x.toExponential(2)).join('..') : 'none'}; theory 0.642857 (check plrf-fig3-eta-theory), ours minus theory ${(f.eta - (1 - 1 / 2.8)).toFixed(4)}` };
    },
    tolerance: 5e-3,
    knownDifference: true,
    note: "tolerance 0.005 = the paper's own measured-minus-theory gap (0.648 - 0.643). Our deterministic-equivalent fit is 0.024 BELOW the theory where the paper's is 0.005 above: measured, it approaches the theory from below as d grows (0.628 on d = 1600..102400, approach 2), and it does not move with the choices the paper leaves unstated (v = 10d: 0.621; c_gamma = 0.25 or 0.75: 0.619, 0.618); the paper fits Volterra/SGD curves of sampled W whose single-draw scatter at d <= 800 we measured at several hundredths (docs/plrf-numerics.md, Figure 3 section), and its flops window is not stated",
  },
  {
    id: 'plrf-fig3-xi-simulated',
    model: PLRF,
    paper: { value: 0.508, where: 'arXiv 2405.15074 Fig. 3: d* ~ f^0.508 (Approach 1) at alpha = beta = 0.7, d = 200..12800', kind: 'read' },
    how: 'our simulated frontier at the settings of plrf-fig3-eta-simulated (the same curves), xi of the envelope fit',
    ours: async (t) => {
      const f = await t.frontier(PLRF, { alpha: 0.7, beta: 0.7 }, FIG3);
      return { value: f.xi, detail: `measured here: xi ${f.xi.toFixed(4)}; theory 1/2` };
    },
    tolerance: 8e-3,
    knownDifference: true,
    note: "tolerance 0.008 = the paper's own measured-minus-theory gap (0.508 - 0.5). Approach 1 fits a staircase (d*(f) jumps between the 7 grid sizes), so its xi moves by a few hundredths with the window (our bootstrap interval is about [0.46, 0.51]); approach 2 on the same curves gives 0.500 (docs/plrf-numerics.md)",
  },
  ...(['xi', 'eta'] as const).map((q): ReproduceCheck => ({
    id: `plrf-pentuple-${q}`,
    model: PLRF,
    paper: { value: 0.5, where: 'arXiv 2405.15074 Fig. 2: the pentuple point (1/2, 1/2) where 2 beta = 1, 2 alpha = 1 and alpha = beta meet', kind: 'derived' },
    how: `engine ${q} at (0.5 + 1e-9, 0.5 + 2e-9) (phases Ia, Ib, II, III, IVa all give 1/2 there)`,
    ours: (t) => t.exponent(PLRF, { alpha: 0.5 + 1e-9, beta: 0.5 + 2e-9 }, q),
    tolerance: 1e-8,
    note: 'derived: the closed forms of the five phases evaluated at the point; ours is taken 1e-9 off it (the point itself is on every boundary)',
  })),
  {
    id: 'plrf-IVb-xi-at-jump',
    model: PLRF,
    paper: { value: 0.630602, where: 'arXiv 2405.15074 Fig. 2 / Fig. 8(a): xi on the IVb side of alpha* = 1 - 1/sqrt(2) at beta = 1', kind: 'derived' },
    how: 'engine xi at (alpha* - 1e-9, 1) (phase IVb)',
    ours: (t) => t.exponent(PLRF, { alpha: ALPHA_STAR - 1e-9, beta: 1 }, 'xi'),
    tolerance: 5e-7,
    note: 'derived: IVb xi = (beta - alpha)/(2 beta (1 - alpha) - alpha) at (alpha*, 1) (docs/plrf.md §5), 6 digits',
  },
  {
    id: 'plrf-IVa-xi-at-jump',
    model: PLRF,
    paper: { value: 0.5, where: 'arXiv 2405.15074 Fig. 2: xi on the IVa side of alpha* at beta = 1', kind: 'derived' },
    how: 'engine xi at (alpha* + 1e-9, 1) (phase IVa)',
    ours: (t) => t.exponent(PLRF, { alpha: ALPHA_STAR + 1e-9, beta: 1 }, 'xi'),
    tolerance: 1e-9,
    note: 'xi jumps from 0.630602 to 1/2 across alpha* (the IVa|IVb jump); eta is continuous there (next check)',
  },
  {
    id: 'plrf-IVa-IVb-eta-continuous',
    model: PLRF,
    paper: { value: ALPHA_STAR, where: 'arXiv 2405.15074 Fig. 2: eta continuous across the IVa|IVb boundary, = alpha* at beta = 1', kind: 'derived' },
    how: 'engine eta at (alpha* - 1e-9, 1) (IVb side)',
    ours: (t) => t.exponent(PLRF, { alpha: ALPHA_STAR - 1e-9, beta: 1 }, 'eta'),
    tolerance: 1e-8,
    note: 'IVa eta = alpha; the IVb value meets it at alpha* = 0.292893',
  },
  // ---- the dynamical random-feature model (Bordelon, Atanasov, Pehlevan 2024, arXiv 2402.01092) ----
  ...([
    [2, 1, 0.5, 5e-3, 'C^-0.5 at (a, b) = (2, 1)', 'b = 1 is on the a - 1 = b boundary (docs/rf-dynamics.md)'],
    [2, 1.5, 0.4, 5e-3, 'C^-0.4 at (a, b) = (2, 1.5)', 'eq. (17): (a - 1)/(1 + b)'],
    [2, 2, 0.333, 5e-4, 'C^-0.333 at (a, b) = (2, 2)', 'eq. (17): 1/3'],
  ] as const).map(([a, b, v, tol, where, note]): ReproduceCheck => ({
    id: `rfd-eq17-a${a}-b${b}`,
    model: RFD,
    paper: { value: v, where: `arXiv 2402.01092 eq. (17), Fig. 4: L* ~ ${where}`, kind: 'read' },
    how: `engine loss exponent at (a, b) = (${a}, ${b + (b === 1 ? 1e-9 : 0)})`,
    ours: (t) => t.exponent(RFD, { a, b: b === 1 ? 1 + 1e-9 : b }, 'loss'),
    tolerance: tol,
    note,
  })),
  {
    id: 'rfd-eq17-N-a2-b1.5',
    model: RFD,
    paper: { value: 0.4, where: 'arXiv 2402.01092 eq. (17): N* ~ C^(1/(1 + b)) at b = 1.5', kind: 'derived' },
    how: 'engine N exponent at (2, 1.5)',
    ours: (t) => t.exponent(RFD, { a: 2, b: 1.5 }, 'N'),
    tolerance: 1e-9,
    note: 'derived from eq. (17); t* ~ C^(b/(1 + b)) = C^0.6',
  },
  {
    id: 'rfd-fig7-cifar',
    model: RFD,
    paper: { value: 0.05, where: 'arXiv 2402.01092 Fig. 7 / eq. (20): L* ~ C^-0.05 for a ~ 1.15, b ~ 2 (CIFAR-5M)', kind: 'read' },
    how: 'engine loss exponent at (1.15, 2)',
    ours: (t) => t.exponent(RFD, { a: 1.15, b: 2 }, 'loss'),
    tolerance: 5e-3,
    note: '0.15/3 = 0.05; a and b themselves are fitted in the paper',
  },
  // ---- Chinchilla (Hoffmann et al. 2022, arXiv 2203.15556) and the Epoch refit (arXiv 2404.10102) ----
  {
    id: 'chin-approach3-a-rounded',
    model: 'chinchilla:hoffmann-rounded',
    paper: { value: 0.46, where: 'arXiv 2203.15556 Table 2, Approach 3: a = 0.46', kind: 'read' },
    how: 'engine a = beta/(alpha + beta) with the rounded eq. (10) constants',
    ours: (t) => t.lawExponent('chinchilla:hoffmann-rounded', 'a'),
    tolerance: 5e-3,
    knownDifference: true,
    note: 'measured 0.28/0.62 = 0.4516: the rounding of alpha = 0.34, beta = 0.28 in eq. (10) moves a by 0.008; the unrounded constants give 0.4565 (next check, pass)',
  },
  {
    id: 'chin-approach3-a',
    model: 'chinchilla:hoffmann',
    paper: { value: 0.46, where: 'arXiv 2203.15556 Table 2, Approach 3: a = 0.46', kind: 'read' },
    how: 'engine a with the unrounded (TeX source) constants',
    ours: (t) => t.lawExponent('chinchilla:hoffmann', 'a'),
    tolerance: 5e-3,
    note: '0.2849083/0.6240791 = 0.456526 (docs/theory/chinchilla.md §2)',
  },
  {
    id: 'chin-approach3-b',
    model: 'chinchilla:hoffmann',
    paper: { value: 0.54, where: 'arXiv 2203.15556 Table 2, Approach 3: b = 0.54', kind: 'read' },
    how: 'engine b with the unrounded constants',
    ours: (t) => t.lawExponent('chinchilla:hoffmann', 'b'),
    tolerance: 5e-3,
    note: '0.543474',
  },
  {
    id: 'chin-eq10-loss-rounded',
    model: 'chinchilla:hoffmann-rounded',
    paper: { value: 1.929987, where: 'arXiv 2203.15556 eq. (10) constants: L* at C = 5.88e23 (golden value, docs/theory/chinchilla.md §4)', kind: 'derived' },
    how: 'exact minimum of the law along C = 6ND at 5.88e23 FLOPs',
    ours: (t) => t.lawOptimum('chinchilla:hoffmann-rounded', 5.88e23).loss,
    tolerance: 5e-7,
    note: 'derived: the law at its optimum, 7 digits',
  },
  {
    id: 'chin-eq10-loss',
    model: 'chinchilla:hoffmann',
    paper: { value: 1.917695, where: 'arXiv 2203.15556 unrounded constants: L* at C = 5.88e23 (golden value, docs/theory/chinchilla.md §4)', kind: 'derived' },
    how: 'exact minimum of the law along C = 6ND at 5.88e23 FLOPs',
    ours: (t) => t.lawOptimum('chinchilla:hoffmann', 5.88e23).loss,
    tolerance: 5e-7,
    note: 'derived: the law at its optimum, 7 digits',
  },
  {
    id: 'epoch-refit-a',
    model: 'chinchilla:epoch',
    paper: { value: 0.513, where: 'arXiv 2404.10102 (Besiroglu et al.): a = 0.513 (SE 0.020)', kind: 'read' },
    how: 'engine a with the refit constants',
    ours: (t) => t.lawExponent('chinchilla:epoch', 'a'),
    tolerance: 5e-4,
    note: '0.36585412/0.71366715 = 0.512640',
  },
  {
    id: 'epoch-refit-Nopt',
    model: 'chinchilla:epoch',
    paper: { value: 7.31253e10, where: 'arXiv 2404.10102 refit: N* at C = 5.88e23 (Chinchilla 70B near the Epoch frontier; golden value, docs/theory/chinchilla.md §4)', kind: 'derived' },
    how: 'exact minimum along C = 6ND at 5.88e23 FLOPs, N',
    ours: (t) => t.lawOptimum('chinchilla:epoch', 5.88e23).N,
    tolerance: 1e-5,
    relative: true,
    note: 'derived, 6 digits; D*/N* = 18.33',
  },
  // ---- Kaplan et al. 2020 (arXiv 2001.08361) ----
  {
    id: 'kaplan-frontier-N-empirical',
    model: 'kaplan2020-frontier',
    paper: { value: 0.73, where: 'arXiv 2001.08361 eq. (6.1), Fig. 14: N ~ C_min^0.73 (empirical)', kind: 'read' },
    how: 'engine N exponent of L(N, S) with C = 6NBS at the printed (alpha_N, alpha_S, alpha_B) = (0.076, 0.76, 0.21)',
    ours: (t) => t.exponent('kaplan2020-frontier', KAPLAN, 'xN'),
    tolerance: 5e-3,
    knownDifference: true,
    note: 'measured 0.6840 = alpha_C/alpha_N (eq. 1.7) from the printed exponents; 0.73 is the paper\'s empirical fit of Fig. 14 (docs/library-research.md §2.1)',
  },
  {
    id: 'kaplan-frontier-N-predicted',
    model: 'kaplan2020-frontier',
    paper: { value: 0.71, where: 'arXiv 2001.08361 eq. (6.5): N ~ C^(alpha_C/alpha_N) ~ C^0.71', kind: 'read' },
    how: 'engine N exponent at the printed exponents',
    ours: (t) => t.exponent('kaplan2020-frontier', KAPLAN, 'xN'),
    tolerance: 5e-3,
    knownDifference: true,
    note: "measured 0.6840: the paper's 0.71 is 0.054/0.076, and its alpha_C ~ 0.054 does not follow from the printed exponents (they give 0.05199) (docs/library-research.md §2.1)",
  },
  {
    id: 'kaplan-frontier-alphaC',
    model: 'kaplan2020-frontier',
    paper: { value: 0.054, where: 'arXiv 2001.08361 eq. (1.8)/(6.4): alpha_C = 1/(1/alpha_S + 1/alpha_B + 1/alpha_N) ~ 0.054', kind: 'read' },
    how: 'engine loss exponent at the printed exponents',
    ours: (t) => t.exponent('kaplan2020-frontier', KAPLAN, 'loss'),
    tolerance: 5e-4,
    knownDifference: true,
    note: 'measured 0.05199 = 1/(1/0.76 + 1/0.21 + 1/0.076), the formula the paper prints; its 0.054 is not reproduced by it (the empirical value is 0.050, eq. 1.3)',
  },
  {
    id: 'kaplan-frontier-B',
    model: 'kaplan2020-frontier',
    paper: { value: 0.24, where: 'arXiv 2001.08361 §6.1: B ~ C^0.24', kind: 'read' },
    how: 'engine B exponent at the printed exponents',
    ours: (t) => t.exponent('kaplan2020-frontier', KAPLAN, 'xB'),
    tolerance: 5e-3,
    knownDifference: true,
    note: 'measured 0.2476 = alpha_C/alpha_B with alpha_C = 0.05199 (0.0076 above the printed 0.24, which uses the paper\'s own alpha_C)',
  },
  {
    id: 'kaplan-nd-overfit',
    model: 'kaplan2020-nd',
    paper: { value: 0.74, where: 'arXiv 2001.08361 §1.2, eq. (6.6): D ~ N^(alpha_N/alpha_D) ~ N^0.74', kind: 'read' },
    how: 'ratio of the engine D and N exponents of L(N, D) at Table 2 (0.076, 0.103) (= alpha_N/alpha_D)',
    ours: (t) => t.exponent('kaplan2020-nd', KAPLAN_TABLE2, 'xD') / t.exponent('kaplan2020-nd', KAPLAN_TABLE2, 'xN'),
    tolerance: 5e-3,
    note: '0.7379 with Table 2; the single-variable fits of eq. (1.1)-(1.2) would give 0.80',
  },
  {
    id: 'kaplan-nd-N',
    model: 'kaplan2020-nd',
    paper: { value: 0.73, where: 'arXiv 2001.08361 eq. (6.1): N ~ C^0.73 (the frontier, not L(N, D))', kind: 'read' },
    how: 'engine N exponent of L(N, D) with C = 6ND at Table 2',
    ours: (t) => t.exponent('kaplan2020-nd', KAPLAN_TABLE2, 'xN'),
    tolerance: 5e-3,
    knownDifference: true,
    note: 'measured alpha_D/(alpha_N + alpha_D) = 0.5754: L(N, D) is the early-stopped loss with D tokens, a different training protocol from the frontier of L(N, S) with B = B_crit (docs/library-research.md §2.4)',
  },
  // ---- Pearce & Song 2024 (arXiv 2406.12907) ----
  {
    id: 'pearce-small-N',
    model: 'pearce-song2024',
    paper: { value: EPOCH.beta / (EPOCH.alpha / 3 + EPOCH.beta), where: "arXiv 2406.12907, authors' script: small-N limit beta/(alpha/3 + beta), Epoch constants", kind: 'derived' },
    how: 'engine N exponent at kappa = 1/3 with Epoch (alpha, beta)',
    ours: (t) => t.exponent('pearce-song2024', { ...EPOCH, kappa: 1 / 3 }, 'xN'),
    tolerance: 1e-9,
    note: '0.759361 (exact kappa = 1/3): embedding-dominated total parameters N_T ~ N_E^(1/3)',
  },
  {
    id: 'pearce-large-N',
    model: 'pearce-song2024',
    paper: { value: HOFFMANN.beta / (HOFFMANN.alpha + HOFFMANN.beta), where: "arXiv 2406.12907, authors' script: large-N limit beta/(alpha + beta), Hoffmann constants", kind: 'derived' },
    how: 'engine N exponent at kappa = 1 with Hoffmann (alpha, beta)',
    ours: (t) => t.exponent('pearce-song2024', { ...HOFFMANN, kappa: 1 }, 'xN'),
    tolerance: 1e-9,
    note: "0.456526 = Chinchilla's a with the same constants (check chin-approach3-a)",
  },
  // ---- Lin, Wu, Kakade, Bartlett, Lee 2024 (arXiv 2406.08466) ----
  {
    id: 'lin-iso-risk',
    model: 'lin2024',
    paper: { value: 1 / 3, where: 'arXiv 2406.08466 abstract: risk Theta(M^-(a-1) + N^-(a-1)/a); at a = b = 2 with C = MN: risk ~ C^(-(a-1)/(a+1))', kind: 'derived' },
    how: 'engine risk exponent at (a, b) = (2, 2)',
    ours: (t) => t.exponent('lin2024', { a: 2, b: 2 }, 'risk'),
    tolerance: 1e-9,
    note: 'the compute constraint C = MN is ours (the paper\'s compute statement was not read: unverified)',
  },
  {
    id: 'lin-source-M',
    model: 'lin2024',
    paper: { value: 0.25, where: 'arXiv 2506.08415 abstract: Theta(M^(1-b) + N^((1-b)/a)); M* ~ C^(1/(a+1)) at a = 3', kind: 'derived' },
    how: 'engine M exponent at (a, b) = (3, 1.5)',
    ours: (t) => t.exponent('lin2024', { a: 3, b: 1.5 }, 'xM'),
    tolerance: 1e-9,
    note: 'independent of b; C = MN ours',
  },
  // ---- Maloney, Roberts, Sully 2022 (arXiv 2210.16859) ----
  {
    id: 'maloney-equi',
    model: 'maloney2022',
    paper: { value: 0, where: 'arXiv 2210.16859 abstract: equiparameterization (N ~ P) is optimal', kind: 'derived' },
    how: 'engine xN - xP at alpha = 1',
    ours: (t) => t.exponent('maloney2022', { alpha: 1 }, 'xN') - t.exponent('maloney2022', { alpha: 1 }, 'xP'),
    tolerance: 1e-9,
    note: 'the exponents themselves are unverified (the abstract states none); the compute constraint is ours',
  },
  // ---- Bordelon, Atanasov, Pehlevan 2025 (arXiv 2409.17858) ----
  {
    id: 'bordelon25-lazy-eq17',
    model: 'bordelon2025-lazy',
    paper: { value: 1 / 3, where: 'arXiv 2409.17858 Fig. 1 caption: lazy limit = arXiv 2402.01092 eq. (17); (a, b) = (2, 2) is (alpha, beta) = (2, 0.5)', kind: 'derived' },
    how: 'engine loss exponent at (alpha, beta) = (2, 0.5) (hard task)',
    ours: (t) => t.exponent('bordelon2025-lazy', { alpha: 2, beta: 0.5 }, 'loss'),
    tolerance: 1e-9,
    note: 'equals rf-dynamics at (a, b) = (2, 2)',
  },
  {
    id: 'bordelon25-rich-hard',
    model: 'bordelon2025-rich',
    paper: { value: 0.4, where: 'arXiv 2409.17858 rich hard-task L* ~ C^(-2 alpha beta/(alpha(1+beta) + 2)) at (2, 0.5) (reference summary, unverified)', kind: 'derived' },
    how: 'engine loss exponent at (2, 0.5)',
    ours: (t) => t.exponent('bordelon2025-rich', { alpha: 2, beta: 0.5 }, 'loss'),
    tolerance: 1e-9,
    note: 'unverified: chi = 2 beta/(1 + beta) was not read in the paper (docs/library-research.md §5)',
  },
  // ---- Michaud et al. 2023 (arXiv 2303.13506) ----
  {
    id: 'michaud-compute',
    model: 'michaud2023',
    paper: { value: 1 / (2 + 0.083), where: "arXiv 2303.13506 (authors' code): alpha_N = alpha, alpha_D = alpha/(alpha + 1); N* ~ C^(1/(alpha + 2)) with C = ND at alpha = 0.083", kind: 'derived' },
    how: 'engine N exponent at alpha = 0.083',
    ours: (t) => t.exponent('michaud2023', { alpha: 0.083 }, 'xN'),
    tolerance: 1e-9,
    note: '0.480077; C = ND ours',
  },
  // ---- Bahri et al. 2021 (arXiv 2102.06701) ----
  {
    id: 'bahri-resolution',
    model: 'bahri2021',
    paper: { value: 0.2, where: 'arXiv 2102.06701 abstract: resolution-limited L ~ N^-alpha_N + D^-alpha_D; at (0.3, 0.6) with C = ND: L* ~ C^(-alpha_N alpha_D/(alpha_N + alpha_D))', kind: 'derived' },
    how: 'engine loss exponent at (alpha_N, alpha_D) = (0.3, 0.6)',
    ours: (t) => t.exponent('bahri2021', { alpha_N: 0.3, alpha_D: 0.6 }, 'loss'),
    tolerance: 1e-9,
    note: 'C = ND ours',
  },
  // ---- Sharma & Kaplan 2022 (arXiv 2004.10802) ----
  {
    id: 'sharma-kaplan-4d',
    model: 'sharma-kaplan2022',
    paper: { value: 0.125, where: 'arXiv 2004.10802 abstract: alpha ~ 4/d; at d = 16 with the data term by duality and C = ND: L* ~ C^(-2/d)', kind: 'derived' },
    how: 'engine loss exponent at d = 16',
    ours: (t) => t.exponent('sharma-kaplan2022', { d: 16 }, 'loss'),
    tolerance: 1e-9,
    note: 'the D exponent uses the Bahri duality (derived, not Sharma & Kaplan\'s)',
  },
  // ---- Muennighoff et al. 2023 (arXiv 2305.16264), data-constrained scaling ----
  {
    id: 'muennighoff-unique-loss',
    model: MU,
    paper: { value: (MU_FIT.alpha * MU_FIT.beta) / (MU_FIT.alpha + MU_FIT.beta), where: "arXiv 2305.16264 few-repeats regime (D' ~ D, the law is Chinchilla's): L* - E ~ C^(-alpha beta/(alpha + beta)) with the fitted alpha = beta = 0.3526596", kind: 'derived' },
    how: 'engine loss exponent at (alpha, beta, u) = (0.3526596, 0.3526596, 0.75) (phase unique-data)',
    ours: (t) => t.exponent(MU, { ...MU_FIT, u: 0.75 }, 'loss'),
    tolerance: 1e-9,
    note: 'derived: 0.1763298; the unique supply U ~ C^u is ours (u > 1/2 keeps R_D -> 0); the saturated regime (u < 1/2) has loss exponent beta u and no power-law allocation (theory file notes)',
  },
  ...([
    ['R_Dstar', 15.4, 'fitted R_D* ~ 15.4 (repeated-token decay constant)', "the authors' code README gives 15.387756"],
    ['R_Nstar', 5.3, 'fitted R_N* ~ 5.3 (excess-parameter decay constant)', "the authors' code README gives 5.309743"],
  ] as const).map(([name, value, what, code]): ReproduceCheck => ({
    id: `muennighoff-${name}`,
    model: MU,
    paper: { value, where: `arXiv 2305.16264 §3 (data-constrained law): ${what}; the rounding is unverified (the paper's text was not read here), ${code}`, kind: 'read' },
    how: `the constant ${name} of theory/library/muennighoff2023.yaml (used by its saturated coefficient B (1 + R_D*)^-beta and by the full law below)`,
    ours: (t) => t.constant(MU, name),
    tolerance: 0.05,
    note: `half a unit of the printed digit; ${code} [authors' code, checked]`,
  })),
  ...([
    [6.34e9, 242e9, 2.2256440889984477, 'the better of the two (predicted: more epochs, fewer parameters)'],
    [8.67e9, 178e9, 2.2269634075087867, 'the Chinchilla-like allocation'],
  ] as const).map(([N, D, value, what]): ReproduceCheck => ({
    id: `muennighoff-fig1-${N === 6.34e9 ? 'a' : 'b'}`,
    model: MU,
    paper: { value, where: `arXiv 2305.16264 Fig. 1 (right), ${what}: L(N = ${N / 1e9}B, D = ${D / 1e9}B, U = 25B) by the authors' code (datablations README scaling_law)`, kind: 'derived' },
    how: 'the full data-constrained law with the theory file\'s constants (dataConstrainedLoss in theory/reproduce.ts)',
    ours: (t) => dataConstrainedLoss(t, N, D, 25e9),
    tolerance: 1e-12,
    relative: true,
    note: "derived by the authors' code, 17 digits: checks our implementation of the full law (U_N = min(N, D_to_N(U)), the README's reading of N')",
  })),
  {
    id: 'muennighoff-4-epochs',
    model: MU,
    paper: { value: 0, where: "arXiv 2305.16264 abstract: 'with constrained data for a fixed compute budget, training with up to 4 epochs of repeated data yields negligible changes to loss compared to having unique data'", kind: 'derived' },
    how: "full law at the compute C whose unique-data optimum trains on D* = 100B tokens: min over N of L(N, C/6N, U = D*/4) (4 epochs of 25B, the Fig. 1 corpus) over the unique-data optimum L(N*, D*, D*), minus 1",
    ours: (t) => {
      const Dstar = 100e9, Nstar = uniqueOptimalN(t, Dstar), C = 6 * Nstar * Dstar, U = Dstar / 4;
      const unique = dataConstrainedLoss(t, Nstar, Dstar, Dstar);
      const lossAt = (logN: number) => {
        const N = Math.exp(logN), D = C / (6 * N);
        return dataConstrainedLoss(t, N, D, Math.min(U, D));
      };
      const best = t.minimize(lossAt, Math.log(Nstar) - 3, Math.log(Nstar) + 3);
      const r = best.fx / unique - 1;
      const N = Math.exp(best.x), D = C / (6 * N);
      // the same comparison without the excess-parameter decay (N' = N): what the repeated data alone cost
      const dataOnly = t.minimize((logN) => {
        const n = Math.exp(logN), d = C / (6 * n);
        return dataConstrainedLoss(t, n, d, Math.min(U, d), false);
      }, Math.log(Nstar) - 3, Math.log(Nstar) + 3);
      const rData = dataOnly.fx / unique - 1;
      return { value: r, detail: `measured: C = ${C.toExponential(3)} FLOPs; unique data: N* = ${(Nstar / 1e9).toFixed(2)}B, D* = 100B, loss ${unique.toFixed(5)}; 25B unique tokens: N = ${(N / 1e9).toFixed(2)}B, D = ${(D / 1e9).toFixed(1)}B (${(D / U).toFixed(2)} epochs), loss ${best.fx.toFixed(5)} (+${(100 * r).toFixed(3)}%); without the excess-parameter decay (N' = N) +${(100 * rData).toFixed(3)}%` };
    },
    tolerance: 5e-3,
    knownDifference: true,
    note: "paper value derived from the statement ('negligible' = 0); tolerance 0.5% of the loss is our reading of 'negligible' (the abstract gives no number). Measured: the fitted law puts 4 epochs at +0.79% (4.6% of the reducible loss L - E = 0.39); the repeated data alone (N' = N) cost only the part printed above, the rest is the law's excess-parameter decay (U_N = min(N, D_to_N(U)) = 1.28B for 25B unique tokens, so every N above it is 'excess'); the paper's 'negligible' is read off its training runs, not off the fitted law. At fixed N (no re-allocation) the law gives +0.84%",
  },
];

/** A figure `reproduce --plot DIR` writes (DIR/<id>.svg and .png): what it reproduces, on the paper's axes. */
export interface ReproduceFigure {
  id: string;
  /** the paper's figure and its axes conventions */
  reproduces: string;
  /** the checks it illustrates (a figure is drawn when one of them is selected) */
  checks: string[];
  kind: 'plrf-frontier' | 'phase-diagram' | 'rf-frontier' | 'law-frontier';
  model: string;
  point?: Record<string, number>;
  frontier?: FrontierSettings;
  /** special points to mark (phase diagram) */
  marks?: Array<{ point: Record<string, number>; label: string }>;
  /** rf-frontier: (a, b) settings; law-frontier: the presets */
  settings?: Array<Record<string, number>>;
  models?: string[];
}

export const REPRODUCE_FIGURES: ReproduceFigure[] = [
  {
    id: 'plrf-fig3-frontier',
    reproduces: 'arXiv 2405.15074 Fig. 3(a): loss curves per d (d = 200..12800), their compute-optimal envelope and its power-law fit, log-log, x flops, y loss',
    checks: ['plrf-fig3-eta-simulated', 'plrf-fig3-xi-simulated', 'plrf-fig3-eta-measured', 'plrf-fig3-eta-theory', 'plrf-fig3-xi'],
    kind: 'plrf-frontier',
    model: PLRF,
    point: { alpha: 0.7, beta: 0.7 },
    frontier: FIG3,
  },
  {
    id: 'plrf-phase-diagram',
    reproduces: 'arXiv 2405.15074 Fig. 2: the phase diagram over (alpha, beta), linear axes as the paper (alpha up, beta across), with the special points: the pentuple point (1/2, 1/2) and the IVa|IVb jump at alpha* = 1 - 1/sqrt(2) on beta = 1',
    checks: ['plrf-pentuple-xi', 'plrf-pentuple-eta', 'plrf-IVb-xi-at-jump', 'plrf-IVa-xi-at-jump', 'plrf-IVa-IVb-eta-continuous'],
    kind: 'phase-diagram',
    model: PLRF,
    marks: [
      { point: { alpha: 0.5, beta: 0.5 }, label: 'pentuple point (1/2, 1/2)' },
      { point: { alpha: ALPHA_STAR, beta: 1 }, label: 'IVa|IVb jump (alpha*, 1)' },
    ],
  },
  {
    id: 'rfd-fig4-frontier',
    reproduces: 'arXiv 2402.01092 Fig. 4 / eq. (17) settings: the compute-optimal loss L*(C) of the DMFT theory at (a, b) = (2, 1.5) and (2, 2) (N = 8..1024, C = 10^2.5..10^5), log-log, x compute C = N t, y loss, with the eq. (17) slopes',
    checks: ['rfd-eq17-a2-b1.5', 'rfd-eq17-a2-b2', 'rfd-eq17-N-a2-b1.5'],
    kind: 'rf-frontier',
    model: RFD,
    settings: [{ a: 2, b: 1.5 }, { a: 2, b: 2 }],
  },
  {
    id: 'chinchilla-frontiers',
    reproduces: 'arXiv 2203.15556 Fig. 1 / Fig. 3 axes (log-log, x FLOPs, y parameters): the compute-optimal N*(C) of the Approach 3 law with the rounded and unrounded constants and the Epoch refit (arXiv 2404.10102), exact minima along C = 6ND',
    checks: ['chin-approach3-a-rounded', 'chin-approach3-a', 'chin-approach3-b', 'chin-eq10-loss-rounded', 'chin-eq10-loss', 'epoch-refit-a', 'epoch-refit-Nopt'],
    kind: 'law-frontier',
    model: 'chinchilla:hoffmann',
    models: ['chinchilla:hoffmann-rounded', 'chinchilla:hoffmann', 'chinchilla:epoch'],
  },
];

