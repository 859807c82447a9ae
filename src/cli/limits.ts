// The command line's limits: every size and every numeric parameter a user can give has an upper bound
// here (documented in docs/cli.md, "Limits"), checked before any numeric code runs. Hard limits protect
// memory and floating point; work budgets are cost estimates that `--allow-slow` lifts.

/** One default for each shared concept (docs/cli.md, "Vocabulary"). */
export const DEFAULTS = {
  /** seed of every simulation, bootstrap and counterexample search */
  seed: 0,
  /** Monte-Carlo runs (curve sgd, curve rf-dynamics simulate, frontier sgd) */
  runs: 8,
} as const;

export const LIMITS = {
  /** model parameters (--alpha, --beta, --a, --b): |x| <= this; the theories' diagrams span (−0.4, 6) */
  parameterMagnitude: 1e3,
  /** model parameters of the numerics (curve, frontier): |x| <= this (plrf's asymptotic coefficients overflow
   *  at beta = 100, the deterministic equivalent stalls at alpha = 100, the rf DMFT fails at b = 200) */
  numericParameter: 20,
  /** a model parameter within this distance (relative, floor 1) of an edge of the domain is refused:
   *  the engine's region tests (tolerance 1e-9) would place it on the edge (e.g. alpha = 1e-10 as "alpha = 0") */
  domainMargin: 1e-6,
  /** diagram --resolution: cells per axis */
  resolution: { min: 10, max: 1000, budget: 400 },
  /** curve --points (both models) */
  points: 2000,
  /** curve --steps / --flops-derived steps (plrf and rf-dynamics): exact integers, finite losses */
  steps: 1e15,
  /** curve --time (rf-dynamics gradient-flow time) */
  time: 1e15,
  /** plrf --d for asymptotic and deterministic (O(d) memory per time point) */
  dDeterministic: 1e6,
  /** plrf --d for volterra and sgd, in curve and in frontier: a d x d eigendecomposition */
  dSampled: 4000,
  /** plrf --v (input dimension) */
  v: 1e7,
  /** plrf --batch */
  batch: 1e6,
  /** rf-dynamics --N, --P */
  width: 1e12,
  /** rf-dynamics --modes (theory: 1e5 modes take 12 s) */
  modes: 1e5,
  /** --runs (curve sgd, rf simulate, frontier sgd) */
  runs: 1000,
  /** frontier --d-grid: number of sizes */
  gridSizes: 64,
  /** check --samples: points drawn per region */
  samples: 100_000,
  /** fit --bootstrap */
  bootstrap: 100_000,
  /** --seed: a 32-bit unsigned integer */
  seed: 2 ** 32 - 1,
  /** sweep --per-decade, and the number of budgets a sweep may produce */
  perDecade: 100,
  sweepPoints: 2000,
  /** bound constants (--m, --k, --b, --S, --k0, --d of a bound) and budgets (--compute, --flops): (0, 1e300] */
  magnitude: 1e300,
  /** input files */
  csvBytes: 16 * 2 ** 20,
  claimsBytes: 2 ** 20,
  /** rows of a CSV */
  csvRows: 200_000,
} as const;

/** Work budgets (cost estimates): beyond them a command refuses unless --allow-slow is given. */
export const BUDGETS = {
  /** plrf sgd: runs x steps x B x d sample-features (measured: 8e7 in 3.5 s, d = 100), ~1.5 minutes */
  sgdWork: 2e9,
  /** frontier: sum over the d grid of d^3 (volterra, sgd eigendecompositions; volterra d = 1000 takes 2.6 s), ~1 minute */
  frontierWork: 2e10,
  /** frontier sgd: runs x sizes x f_hi sample-features (measured: 3.1e8 in 21 s at d = 100..400), ~1 minute */
  frontierSgdWork: 1e9,
  /** fit: rows x (bootstrap + 1) refits */
  fitWork: 2e7,
  /** check: samples x claims (measured: 8e4 in ~6 s for examples/claims/plrf.yaml) */
  checkWork: 2e5,
} as const;

export const ALLOW_SLOW = '--allow-slow';

/** A limit as it is printed: 1e15, 0.000001 -> 1e-6, 1000 -> 1000. */
export function fmtLimit(x: number): string {
  if (x !== 0 && (Math.abs(x) >= 1e5 || Math.abs(x) < 1e-3)) return x.toExponential().replace(/\.?0*e\+?/, 'e');
  return String(x);
}
