// PLRF (theory/plrf.yaml) as a model, with its simulators registered next to it: loss curves four ways
// (src/numeric/plrf/curve.ts, the command line's handler src/cli/curve/plrf.ts), the simulated compute
// frontier (src/numeric/plrf/frontier.ts) and the validator's frontier measurement of xi and eta. Each
// simulator receives the theory's exponents from here; numeric code never asks the registry.
import { DEFAULTS, LIMITS, fmtLimit } from '../cli/limits.js';
import { plrf } from './builtin.js';
import { engineModel } from './engine.js';
import { theoryEntry, theoryExponents } from './theory-entry.js';
import type { Point } from '../engine/model.js';
import type { ScalingModel, Measurement } from './types.js';
import type { PlrfFrontierOptions, FrontierTheory } from '../numeric/plrf/frontier.js';

type Entry = Omit<ScalingModel, 'capabilities'>;

const engine = () => engineModel(plrf);

/** The frontier with the engine's xi, eta and phase at the point next to it. */
/** The engine's xi, eta and phase at a point, in the shape the PLRF frontier reports them. */
export const plrfTheory = (point: Point): FrontierTheory => theoryExponents(engine(), point) as unknown as FrontierTheory;

async function frontier(point: Point, options: Omit<PlrfFrontierOptions, 'alpha' | 'beta' | 'theory'>) {
  const { plrfFrontier } = await import('../numeric/plrf/frontier.js');
  return plrfFrontier({ ...options, alpha: point.alpha, beta: point.beta, theory: plrfTheory(point) });
}

async function measure(point: Point, quantity: string, seed: number): Promise<Measurement> {
  const { plrfFrontier, DEFAULT_D_GRID } = await import('../numeric/plrf/frontier.js');
  const res = plrfFrontier({ alpha: point.alpha, beta: point.beta, theory: plrfTheory(point), method: 'deterministic', approach: 1, seed });
  const fit = res.fit[quantity as 'xi' | 'eta'];
  const w = res.fit.window;
  const warnings: string[] = [];
  if (point.alpha < 0.5) warnings.push('below the high-dimensional line (2 alpha < 1) finite-size frontiers relax slowly and may be far from the asymptotic exponent (docs/theory/plrf.md §7)');
  return {
    value: fit.value,
    ci: fit.ci,
    how: `simulated PLRF compute frontier (deterministic equivalent, Approach 1, d = ${DEFAULT_D_GRID[0]}..${DEFAULT_D_GRID[DEFAULT_D_GRID.length - 1]}${w ? `, flops ${w[0].toExponential(1)}..${w[1].toExponential(1)}` : ''}, bootstrap seed ${seed})`,
    warnings,
  };
}

export const plrfModel: Entry = {
  ...theoryEntry(plrf, engine),
  curve: {
    methods: ['asymptotic', 'deterministic', 'volterra', 'sgd'],
    options: [
      ['--d <n>', `plrf: parameter count (integer >= 4; at most ${fmtLimit(LIMITS.dDeterministic)} for asymptotic and deterministic, ${LIMITS.dSampled} for volterra and sgd)`],
      ['--v <n>', 'plrf: input dimension (integer >= d; default 4d)'],
      ['--batch <n>', 'plrf: batch size B (default 1)'],
      ['--lr <gamma>', 'plrf: learning rate (default: trace rule 0.5 min(1/tr D, 1/(B+1)))'],
      ['--steps <r>', `plrf: SGD steps R, at most ${fmtLimit(LIMITS.steps)} (or --flops)`],
      ['--flops <f>', 'plrf: compute f = d B R (or --steps)'],
      ['--points <k>', `plrf: log-spaced time points from 1 to R (default 100, at most ${LIMITS.points})`],
      ['--method <m>', 'plrf: asymptotic | deterministic | volterra | sgd'],
      ['--runs <n>', `plrf sgd: Monte-Carlo runs (default ${DEFAULTS.runs})`],
      ['--seed <s>', `plrf volterra and sgd: seed of W and of the runs (default ${DEFAULTS.seed})`],
    ],
    help: `
plrf (Paquette, Paquette, Xiao, Pennington 2024):
  scaling-theory curve --model plrf --alpha 0.7 --beta 1.2 --d 1000 --steps 1e6 --method deterministic
  scaling-theory curve --model plrf --alpha 0.7 --beta 1.2 --d 100 --steps 1e4 --method sgd --runs 20 --seed 1 --json
`,
    load: () => import('../cli/curve/plrf.js'),
  },
  frontier: { quantities: ['xi', 'eta'], title: 'PLRF simulated compute frontier', run: frontier as (p: Point, o: Record<string, unknown>) => unknown },
  simulate: { quantities: ['xi', 'eta'], measure },
};
