// `scaling-theory curve --model ID ...`: one handler module per model. To add a model, add one entry to
// CURVE_MODELS (its flags with their defaults, and its module). The command declares the union of all
// models' flags without defaults plus the models' parameter flags (--alpha, --beta, --a ...); the dispatcher
// (../commands/curve.ts) rejects a flag the chosen model does not take and then applies that model's
// defaults, so two models may share a flag name with different defaults. Keep this file free of heavy
// imports (it is loaded at every start).
import type { CommandContext } from '../main.js';
import { DEFAULTS, LIMITS, fmtLimit } from '../limits.js';

export type CurveHandler = (opts: Record<string, unknown>, args: string[], ctx: CommandContext) => Promise<number | void> | number | void;

export interface CurveModel {
  /** commander flags: [flags, description, default]; the model's parameters (--alpha ...) come from its theory file */
  options: Array<[flags: string, description: string, defaultValue?: string]>;
  load: () => Promise<{ run: CurveHandler }>;
  /** extra text for `curve --help` */
  help?: string;
}

/** Flags every model's curve takes. */
export const COMMON_CURVE_OPTIONS: Array<[string, string]> = [
  ['--json', 'print one JSON object'],
  ['--csv', 'print CSV'],
  ['--plot <file>', 'also draw the curve (.svg or .png)'],
  ['--out <file>', 'deprecated alias of --plot'],
  ['--force', 'replace an existing --plot file'],
  ['--allow-slow', 'lift the work budget of the simulations (plrf sgd, rf-dynamics simulate)'],
];

export const CURVE_MODELS: Record<string, CurveModel> = {
  plrf: {
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
    load: () => import('./plrf.js'),
    help: `
plrf (Paquette, Paquette, Xiao, Pennington 2024):
  scaling-theory curve --model plrf --alpha 0.7 --beta 1.2 --d 1000 --steps 1e6 --method deterministic
  scaling-theory curve --model plrf --alpha 0.7 --beta 1.2 --d 100 --steps 1e4 --method sgd --runs 20 --seed 1 --json
`,
  },
  'rf-dynamics': {
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
    load: () => import('./rf-dynamics.js'),
    help: `
rf-dynamics (Bordelon, Atanasov, Pehlevan 2024):
  scaling-theory curve --model rf-dynamics --a 1.5 --b 1.25 --N 100 --P 300 --time 1000 --json
  scaling-theory curve --model rf-dynamics --a 1.5 --b 1.25 --N 64 --P 256 --steps 1000 --method simulate --runs 8 --seed 1
`,
  },
};

function longName(flags: string): string {
  const m = flags.match(/--([A-Za-z0-9-]+)/);
  return m ? m[1] : flags;
}

/** commander's property name for a long flag (`--d-grid` -> `dGrid`). */
export function optionKey(flags: string): string {
  return longName(flags).replace(/-([a-z])/g, (_, c: string) => c.toUpperCase());
}

/** The union of all models' flags (descriptions of a shared flag joined with '; ', no defaults), for the command's declaration. */
export function curveOptions(parameterNames: readonly string[] = []): Array<[string, string]> {
  const skip = new Set<string>(['model', ...parameterNames]);
  const out = new Map<string, [string, string]>();
  for (const m of Object.values(CURVE_MODELS)) {
    for (const o of m.options) {
      const name = longName(o[0]);
      if (skip.has(name)) continue;
      const prev = out.get(name);
      out.set(name, prev ? [prev[0], `${prev[1]}; ${o[1]}`] : [o[0], o[1]]);
    }
  }
  for (const o of COMMON_CURVE_OPTIONS) out.set(longName(o[0]), [o[0], o[1]]);
  return [...out.values()];
}

export function curveHelp(): string {
  return Object.values(CURVE_MODELS)
    .map((m) => m.help ?? '')
    .join('');
}
