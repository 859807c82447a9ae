// The random-feature dynamical model (theory/rf-dynamics.yaml) and its ensemble variant as models, with
// their simulators registered next to them: loss curves (DMFT or the finite model, src/numeric/rf/curve.ts
// through the command line's handler src/cli/curve/rf-dynamics.ts) and the validator's DMFT frontier
// measurement of the N, t and loss exponents (src/numeric/rf/frontier.ts).
import { DEFAULTS, LIMITS, fmtLimit } from '../cli/limits.js';
import { rfDynamics } from './builtin.js';
import { variantTheory } from '../engine/variant.js';
import { engineModel } from './engine.js';
import { theoryEntry } from './theory-entry.js';
import type { Point } from '../engine/model.js';
import type { ScalingModel, Measurement } from './types.js';

type Entry = Omit<ScalingModel, 'capabilities'>;

/** rf-dynamics quantity -> the DMFT frontier's fitted exponent. */
const FRONTIER_KEYS: Record<string, 'x' | 'y' | 'z'> = { N: 'x', t: 'y', loss: 'z' };

async function measure(point: Point, quantity: string): Promise<Measurement> {
  const { computeFrontier } = await import('../numeric/rf/frontier.js');
  // N on a 2^(k/2) grid from 8, C = 10^2.5..10^5, P = inf (docs/theory/rf-dynamics.md §7)
  const widths = Array.from({ length: 15 }, (_, k) => 8 * 2 ** (k / 2));
  const budgets = Array.from({ length: 11 }, (_, k) => 10 ** (2.5 + (2.5 * k) / 10));
  const f = computeFrontier({ a: point.a, b: point.b, widths, budgets });
  const value = f[FRONTIER_KEYS[quantity]];
  const warnings = f.points.length < 4 ? [`only ${f.points.length} budgets have an interior optimum`] : [];
  return {
    value,
    ci: null,
    how: `DMFT compute frontier of rf-dynamics (untruncated spectrum, N = 8..1024 on a 2^(k/2) grid, C = 10^2.5..10^5, P = inf; ${f.points.length} interior optima${f.dropped.length ? `, ${f.dropped.length} budgets dropped at the grid edge` : ''})`,
    warnings,
  };
}

const curve: ScalingModel['curve'] = {
  methods: ['theory', 'simulate'],
  // flags and defaults listed here (not imported) so the registry stays light; the handler re-validates
  options: [
    ['--N <n>', 'rf-dynamics: width (number of random features), >= 1'],
    ['--P <n>', 'rf-dynamics: number of training samples, >= 1'],
    ['--time <T>', `rf-dynamics: final gradient-flow time, at most ${fmtLimit(LIMITS.time)} (or --steps)`],
    ['--steps <T>', `rf-dynamics: gradient-descent steps, at most ${fmtLimit(LIMITS.steps)} (theory time = lr x steps)`],
    ['--lr <eta>', 'rf-dynamics: GD learning rate with --steps (default 0.5)'],
    ['--method <m>', 'rf-dynamics: theory (DMFT, Talbot inverse Laplace) | simulate (finite-size model)', 'theory'],
    ['--ensemble', 'rf-dynamics: loss of the ensemble-averaged predictor'],
    ['--seed <s>', `rf-dynamics simulate: seed (run r uses stream r; default ${DEFAULTS.seed})`],
    ['--runs <R>', `rf-dynamics simulate: runs averaged (default ${DEFAULTS.runs})`],
    ['--modes <M>', 'rf-dynamics: exactly M modes (theory default: untruncated; simulate default 2000)'],
    ['--sigma <s>', 'rf-dynamics: label-noise standard deviation', '0'],
    ['--points <n>', `rf-dynamics: log-spaced time points (default 40, at most ${LIMITS.points})`],
  ],
  help: `
rf-dynamics (Bordelon, Atanasov, Pehlevan 2024):
  scaling-theory curve --model rf-dynamics --a 1.5 --b 1.25 --N 100 --P 300 --time 1000 --json
  scaling-theory curve --model rf-dynamics --a 1.5 --b 1.25 --N 64 --P 256 --steps 1000 --method simulate --runs 8 --seed 1
`,
  load: () => import('../cli/curve/rf-dynamics.js'),
};

export const rfDynamicsModel: Entry = {
  ...theoryEntry(rfDynamics, () => engineModel(rfDynamics)),
  curve,
  simulate: { quantities: Object.keys(FRONTIER_KEYS), measure },
};

/** Every variant of the theory (the ensemble-averaged loss), as a model of its own. */
export const rfDynamicsVariants: Entry[] = Object.keys(rfDynamics.variants ?? {}).map((name) => {
  const theory = variantTheory(rfDynamics, name)!;
  return theoryEntry(theory, () => engineModel(theory), rfDynamics.id);
});
