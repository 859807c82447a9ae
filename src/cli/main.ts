// The command line. Each command's implementation is a module of ./commands, imported on use so a cold
// start loads only what the command needs (`npm run bench` measures it).
import { Command, Option } from 'commander';
import { exitCodeFor } from './errors.js';
import { refuseRepeatedFlags, foldAlias } from './flags.js';
import { LIMITS, DEFAULTS, fmtLimit } from './limits.js';
import { THEORIES, modelsWith, type Capability } from '../models/registry.js';
import { curveModels, curveOptions, curveHelp } from './curve/registry.js';
import { inferCommand } from '../infer/spec.js';
import { CLAIM_KIND_HELP } from '../validate/claim-kinds.js';

import type { CommandContext } from './context.js';
import type { UserTheory } from './theory.js';
export type { CommandContext };

type Handler = (opts: Record<string, unknown>, args: string[], ctx: CommandContext) => Promise<number | void> | number | void;

/** Commands: name, summary, options, and the module implementing them. */
interface CommandSpec {
  name: string;
  args?: string;
  summary: string;
  options: Array<[flags: string, description: string, defaultValue?: string]>;
  /** flags named after model parameters (--alpha, --beta, --a ...): of every model, or of the models with a capability */
  parameterFlags?: boolean | Capability;
  load: () => Promise<{ run: Handler }>;
  help?: string;
  /** flags a `--theory FILE` adds to this command beyond its parameters (infer: the file's quantities) */
  theoryFlags?: (theory: UserTheory) => Array<[flags: string, description: string]>;
}

export const COMMANDS: CommandSpec[] = [];

export function registerCommand(spec: CommandSpec): void {
  COMMANDS.push(spec);
}

registerCommand({
  name: 'models',
  summary: 'list the theories available, their parameters and domains',
  options: [['--json', 'print JSON'], ['--theory <file>', 'show what a theory file (YAML or JSON, docs/theory-files.md) defines']],
  load: () => import('./commands/models.js'),
});
registerCommand({
  name: 'exponents',
  summary: 'compute-optimal exponents at a parameter point, derived by dominant balance',
  options: [
    ['--model <id>', 'theory (see `models`)'],
    ['--theory <file>', 'a theory file (YAML or JSON, docs/theory-files.md) instead of --model; its parameters are flags --NAME VALUE'],
    ['--json', 'print one JSON object'],
    ['--phases', 'also print a one-line summary of every phase of the model'],
    ['--ensemble', 'the loss of the ensemble-averaged predictor (models with an ensemble variant: rf-dynamics)'],
  ],
  parameterFlags: true,
  load: () => import('./commands/exponents.js'),
  help: '\nExample:\n  scaling-theory exponents --model plrf --alpha 0.7 --beta 1.2\n  scaling-theory exponents --model plrf --alpha 0.7 --beta 1.2 --json\n',
});
registerCommand({
  name: 'phases',
  summary: 'the phase diagram derived by the engine from the theory\'s terms: phases, boundaries, agreement with the stated phases',
  options: [['--model <id>', 'theory (two parameters)'], ['--theory <file>', 'a theory file instead of --model (docs/theory-files.md)'], ['--json', 'print JSON']],
  load: () => import('./commands/phases.js'),
  help: '\nExample:\n  scaling-theory phases --model plrf --json\nSee docs/derived-phases.md.\n',
});
registerCommand({
  name: 'phase',
  summary: 'the phase (or regime) of a parameter point and its region',
  options: [['--model <id>', 'theory'], ['--theory <file>', 'a theory file instead of --model (docs/theory-files.md)'], ['--json', 'print JSON']],
  parameterFlags: true,
  load: () => import('./commands/phase.js'),
});
registerCommand({
  name: 'explain',
  summary: 'the derivation of the exponents step by step',
  options: [['--model <id>', 'theory'], ['--theory <file>', 'a theory file instead of --model (docs/theory-files.md)'], ['--json', 'print the steps as JSON']],
  parameterFlags: true,
  load: () => import('./commands/explain.js'),
});
registerCommand({
  name: 'diagram',
  summary: 'draw the phase diagram coloured by an exponent (SVG, or PNG when FILE ends in .png)',
  help: '\nExample:\n  scaling-theory diagram --model plrf --plot phases.svg --color eta\n',
  options: [
    ['--model <id>', 'theory'],
    ['--theory <file>', 'a theory file instead of --model (docs/theory-files.md)'],
    ['--plot <file>', 'output file (.svg or .png)'],
    ['--out <file>', 'deprecated alias of --plot'],
    ['--force', 'replace an existing output file'],
    ['--color <quantity>', 'exponent to colour by (plrf: eta or xi)'],
    ['--resolution <n>', `cells per axis (${'10'}..${LIMITS.resolution.max}; above ${LIMITS.resolution.budget} needs --allow-slow)`, '200'],
    ['--allow-slow', `lift the work budget (--resolution above ${LIMITS.resolution.budget})`],
  ],
  load: () => import('./commands/diagram.js'),
});
registerCommand({
  name: 'allocate',
  summary: 'compute-optimal allocation: information-bound template [reconstruction], its negative control, or a Chinchilla-type law',
  options: [
    ['--model <id>', 'bound: info-bound (Jeon-Van Roy-style template [reconstruction]) or negative-control'],
    ['--preset <id>', `a bound model, the same as --model (${modelsWith('optimum').filter((m) => m.bound).map((m) => m.id).join(', ')})`],
    ['--m <value>', 'info bound: misspecification constant m > 0 (negative control: m)'],
    ['--k <value>', 'info bound: information content k > 0 (nats)'],
    ['--b <value>', 'negative control: estimation constant b > 0 (default 1)'],
    ['--d <value>', 'info bound: input dimension d (m, k from --mapping instead of --m, --k)'],
    ['--S <value>', 'info bound with --d: teacher output-weight sum S (default 1)'],
    ['--k0 <value>', 'info bound with --d: information constant k0 (default 1)'],
    ['--mapping <id>', 'info bound with --d: parameters | neurons | latent (default parameters)'],
    ['--compute <C>', 'compute budget C = p*T of a bound (with --law: deprecated spelling of --flops)'],
    ['--law <law>', 'chinchilla:hoffmann-rounded | chinchilla:hoffmann | chinchilla:epoch, or a law such as "E + A/N^alpha + B/D^beta"'],
    ['--set <list>', 'values of a written law\'s symbols, e.g. E=1.69,A=406.4,B=410.7,alpha=0.34,beta=0.28'],
    ['--constraint <eq>', 'compute constraint of a written law, e.g. "C = 6*N*D"'],
    ['--flops <F>', 'compute budget of a law, FLOPs (with --model: deprecated spelling of --compute)'],
    ['--json', 'print one JSON object'],
  ],
  load: () => import('./commands/allocate.js'),
  help:
    '\nExamples:\n  scaling-theory allocate --model info-bound --m 1 --k 1 --compute 1e12\n  scaling-theory allocate --model info-bound --d 100 --S 3 --k0 10 --compute 1e16\n' +
    '  scaling-theory allocate --law chinchilla:epoch --flops 5.88e23 --json\n' +
    '  scaling-theory allocate --law "E + A/N^alpha + B/D^beta" --set E=1.69,A=406.4,B=410.7,alpha=0.34,beta=0.28 --constraint "C = 6*N*D" --flops 1e21\n' +
    'The information bound is a Jeon-Van Roy-style template [reconstruction], not the paper\'s theorem. See docs/allocation.md.\n',
});
registerCommand({
  name: 'sweep',
  summary: 'sweep the budget (or the input dimension) under the information-bound template or its negative control, or a law\'s compute-optimal frontier (--law); slope vs C, plotted',
  options: [
    ['--model <id>', 'info-bound or negative-control'],
    ['--preset <id>', `a bound model (${modelsWith('optimum').filter((m) => m.bound).map((m) => m.id).join(', ')})`],
    ['--m <value>', 'misspecification constant'],
    ['--k <value>', 'information content (info bound)'],
    ['--b <value>', 'negative control: estimation constant (default 1)'],
    ['--compute <range>', 'bounds: budgets lo:hi (e.g. 1e4:1e24), or one budget with --d lo:hi'],
    ['--law <law>', 'sweep a law\'s compute-optimal frontier instead: a chinchilla:* preset or a written law'],
    ['--set <list>', 'with a written --law: values of its symbols'],
    ['--constraint <eq>', 'with a written --law: the compute constraint, e.g. "C = 6*N*D"'],
    ['--flops <range>', 'with --law: budgets lo:hi (e.g. 1e18:1e26)'],
    ['--per-decade <n>', `budgets (or dimensions) per decade (1..${LIMITS.perDecade})`, '4'],
    ['--d <range>', 'info bound: sweep the input dimension lo:hi at fixed --compute'],
    ['--S <value>', 'with --d: teacher output-weight sum S (default 1)'],
    ['--k0 <value>', 'with --d: information constant k0 (default 1)'],
    ['--mapping <id>', 'with --d: parameters | neurons | latent (default parameters)'],
    ['--plot <file>', 'write a plot (.svg or .png)'],
    ['--out <file>', 'deprecated alias of --plot'],
    ['--force', 'replace an existing --plot file'],
    ['--json', 'print JSON'],
  ],
  load: () => import('./commands/sweep.js'),
  help:
    '\nExamples:\n  scaling-theory sweep --model info-bound --m 1 --k 1 --compute 1e4:1e24 --plot slope.svg\n  scaling-theory sweep --preset negative-control --compute 1e4:1e24\n' +
    '  scaling-theory sweep --model info-bound --d 1:1000 --S 3 --k0 10 --compute 1e16 --mapping parameters\n' +
    '  scaling-theory sweep --law chinchilla:epoch --flops 1e18:1e26 --plot frontier.svg\n',
});
registerCommand({
  name: 'fit',
  args: '<file>',
  summary: 'fit a scaling law (Chinchilla, Kaplan, data-constrained, a library theory or any formula) to measured losses (CSV with columns N, D, loss): Huber on log-loss, L-BFGS from a grid, bootstrap intervals',
  options: [
    ['--law <law>', 'the law to fit: chinchilla (default), chinchilla:hoffmann | chinchilla:hoffmann-rounded | chinchilla:epoch (also a start), kaplan2020-nd, muennighoff2023 (needs U), theory:<library id>, or a formula such as "E + A/N^alpha + B/D^beta"'],
    ['--set <list>', 'parametric: fix parameters, NAME=VALUE pairs comma-separated (a bare NAME takes the --law preset\'s value)'],
    ['--free <list>', 'parametric: the free parameters, comma-separated; NAME>0 fits NAME > 0 by its logarithm, NAME:real any sign (default: every parameter not --set)'],
    ['--grid <g>', 'parametric: default (score the grid, L-BFGS from its best 12 points) | full (L-BFGS from every point: Hoffmann\'s / Epoch\'s 4500 for the Chinchilla law)'],
    ['--budget <C>', 'parametric: a compute budget (FLOPs): the fitted law\'s allocation there and its extrapolation distance from the data'],
    ['--approach <a>', 'parametric (Approach 3: the law by Huber on log-loss) | isoflop (Approach 2: per-budget parabolas, N_opt ~ C^a, D_opt ~ C^b)', 'parametric'],
    ['--columns <map>', 'the CSV columns read as N, D, loss: ROLE=COLUMN pairs, e.g. N=params,D=tokens,loss=loss'],
    ['--budget-column <name>', 'isoflop: the column giving each run\'s compute C in FLOPs (default C = 6 N D)'],
    ['--budgets <list>', 'isoflop: the budgets (FLOPs, comma-separated) rows snap to (default: clusters of log10 C)'],
    ['--budget-tolerance <decades>', 'isoflop: how far (decades of C) a row may be from its budget (default 0.05)'],
    ['--bootstrap <n>', `bootstrap resamples (0: none; at most ${fmtLimit(LIMITS.bootstrap)})`, '200'],
    ['--seed <s>', 'seed of the bootstrap', String(DEFAULTS.seed)],
    ['--delta <d>', 'parametric: Huber threshold on log-loss residuals (default 1e-3)'],
    ['--plot <file>', 'plot of the fit against the data (.svg or .png)'],
    ['--out <file>', 'deprecated alias of --plot'],
    ['--force', 'replace an existing --plot file; fit even when a diagnostic of severity error says the data cannot determine it'],
    ['--allow-slow', 'lift the work budget (rows x (bootstrap + 1) refits)'],
    ['--json', 'print JSON'],
  ],
  load: () => import('./commands/fit.js'),
  help: `\nExamples:\n  scaling-theory fit data/kyo-takano-chinchilla/df.csv\n  scaling-theory fit data/kyo-takano-chinchilla/df.csv --law "E + A/N^alpha + B/D^alpha" --budget 1e24\n  scaling-theory fit data/kyo-takano-chinchilla/df.csv --approach isoflop --budget-column C --json\nDiagnostics (docs/fitting.md): one of severity error (e.g. one distinct N: alpha not identifiable) exits 2 unless --force.\nMalformed CSV (missing column, non-positive N, D or loss, too few rows): exit 2 naming the row and column.\nThe CSV must be a regular text file of at most ${LIMITS.csvBytes / 2 ** 20} MiB and ${fmtLimit(LIMITS.csvRows)} rows.\n`,
});

registerCommand({
  name: 'check',
  args: '<file>',
  summary: 'check the claims of a derivation (exponents, values, phase boundaries, simulated scalings): verified, refuted with a counterexample, or inconclusive',
  options: [
    ['--json', 'print {"claims":[...]} as JSON'],
    ['--simulate', 'run simulations for scaling claims'],
    ['--seed <s>', `seed of the counterexample search (default ${DEFAULTS.seed})`],
    ['--samples <n>', `points drawn per region (default 200, at most ${fmtLimit(LIMITS.samples)})`],
    ['--allow-slow', 'lift the work budget (samples x claims)'],
  ],
  load: () => import('./commands/check.js'),
  help: `\nClaim kinds (field kind; every claim names a model, a theory file or a law):\n${Object.entries(CLAIM_KIND_HELP).map(([k, h]) => `  ${k.padEnd(11)} ${h}`).join('\n')}\n\nExit code: 0 every claim verified, 1 any refuted or inconclusive, 2 a bad file (a regular text file of at most ${LIMITS.claimsBytes / 2 ** 20} MiB).\nExample:\n  scaling-theory check examples/claims/plrf.yaml\n  scaling-theory check examples/claims/plrf.yaml --json --seed 7\nThe fields of each kind, worked examples and derivation steps: docs/validator-tutorial.md.\n`,
});

registerCommand({
  name: 'reproduce',
  args: '[ids...]',
  summary: "regenerate the papers' published numbers (exponents, allocations, special points) and compare: pass, differs (explained) or fail",
  options: [
    ['--list', 'list the checks (id, model, where the paper states it) without running them'],
    ['--json', 'print {"checks":[...],"summary":{...}} as JSON'],
    ['--plot <dir>', "also write the selected checks' figures into DIR (created if missing), each as .svg and .png"],
    ['--force', 'replace existing figure files'],
  ],
  load: () => import('./commands/reproduce.js'),
  help: '\nExit code: 0 no check fails, 1 a check fails, 2 an unknown check id.\nExamples:\n  scaling-theory reproduce\n  scaling-theory reproduce --list\n  scaling-theory reproduce plrf-fig3-eta-theory epoch-refit-a --json\n  scaling-theory reproduce --plot figures/\nThe checks are data: theory/reproduce.ts (docs/library-research.md §11).\n',
});
registerCommand({
  name: 'curve',
  summary: 'loss curve of a model (plrf: asymptotic | deterministic | volterra | sgd; rf-dynamics: theory | simulate)',
  options: [['--model <id>', `model with a loss-curve handler (${curveModels().map((m) => m.id).join(', ')})`], ...curveOptions(parameterNames().map((p) => p.name))],
  parameterFlags: true,
  load: () => import('./commands/curve.js'),
  help: curveHelp(),
});
registerCommand({
  name: 'frontier',
  summary: 'simulated compute frontier (plrf): loss curves over a d grid, envelope / IsoFLOP fits of xi and eta with bootstrap intervals, next to the theory',
  options: [
    ['--model <id>', `a model with a simulated frontier (${modelsWith('frontier').map((m) => m.id).join(', ')})`],
    ['--d-grid <list>', `model sizes, comma-separated (default 100,200,...,25600; at most ${LIMITS.gridSizes} sizes; volterra and sgd: d <= ${LIMITS.dSampled})`],
    ['--flops <range>', 'flops window lo:hi (default: from the grid; the window actually used is printed)'],
    ['--method <m>', 'deterministic | volterra | sgd', 'deterministic'],
    ['--approach <n>', '0 (local slope), 1 (envelope), 2 (IsoFLOP parabolas)', '2'],
    ['--batch <n>', 'batch size B (default 1)'],
    ['--runs <n>', `sgd: runs per size (default ${DEFAULTS.runs}, at most ${LIMITS.runs})`],
    ['--seed <s>', `seed of W (volterra, sgd), of the runs and of the bootstrap (default ${DEFAULTS.seed})`],
    ['--json', 'print one JSON object'],
    ['--plot <file>', 'curves per d, envelope and fitted frontier (.svg or .png)'],
    ['--out <file>', 'deprecated alias of --plot'],
    ['--force', 'replace an existing --plot file'],
    ['--allow-slow', 'lift the work budget (volterra and sgd: sum of d^3 and of the sgd samples over the grid)'],
    ['--map', 'exponent map: the deterministic frontier at every point of --alpha-grid x --beta-grid, measured minus theory per point and per phase'],
    ['--alpha-grid <lo:hi:n>', '--map: n equally spaced alpha values from lo to hi'],
    ['--beta-grid <lo:hi:n>', '--map: n equally spaced beta values from lo to hi'],
    ['--workers <k>', '--map: worker threads (default min(2, cores))'],
  ],
  parameterFlags: 'frontier',
  load: () => import('./commands/frontier.js'),
  help: '\nExamples:\n  scaling-theory frontier --model plrf --alpha 0.7 --beta 0.7 --d-grid 200,400,800,1600,3200,6400,12800 --approach 1 --json\n  scaling-theory frontier --map --model plrf --alpha-grid 0.3:1.5:10 --beta-grid 0.3:1.5:10 --workers 2 --plot map.svg\n',
});
registerCommand(inferCommand);

/** The long names of a command's own flags (`json`, `model`, `plot`), when it takes parameter flags. */
function ownFlags(command: string): string[] | undefined {
  const spec = COMMANDS.find((c) => c.name === command);
  return spec?.parameterFlags ? spec.options.map(([flags]) => /--([^\s<]+)/.exec(flags)![1]) : undefined;
}

/** The theory file's parameters as flags (userTheoryOf has refused a name that clashes with the command's own). */
function addTheoryFlags(cmd: Command, theory: UserTheory): void {
  const present = new Set(cmd.options.map((o) => o.long));
  for (const p of theory.model.parameters) if (!present.has(`--${p.name}`)) cmd.addOption(new Option(`--${p.name} <value>`, `${theory.path}: ${p.description}`));
}

function parameterNames(only?: string[]): Array<{ name: string; description: string }> {
  const seen = new Map<string, string>();
  for (const t of Object.values(THEORIES).filter((t) => !only || only.includes(t.id))) {
    for (const p of t.parameters) seen.set(p.name, `${seen.has(p.name) ? seen.get(p.name) + '; ' : ''}${t.id}: ${p.description}`);
  }
  return [...seen.entries()].map(([name, description]) => ({ name, description }));
}

/** `theory`: the file of `--theory FILE` (./theory.ts), whose parameters become flags of its command. */
export function buildProgram(ctx: CommandContext, setCode: (c: number) => void, theory?: UserTheory): Command {
  const program = new Command('scaling-theory')
    .description('A calculator for the theory of compute-optimal neural scaling laws.\nRun `scaling-theory models` for the theories; `scaling-theory <command> --help` for a command.')
    .version('0.1.0')
    .showHelpAfterError('(run with --help for usage)')
    .exitOverride()
    .configureOutput({ writeOut: ctx.out, writeErr: ctx.err });
  for (const spec of COMMANDS) {
    const cmd = program.command(spec.args ? `${spec.name} ${spec.args}` : spec.name).description(spec.summary).exitOverride();
    for (const [flags, description, def] of spec.options) {
      const o = new Option(flags, description);
      if (def !== undefined) o.default(def);
      cmd.addOption(o);
    }
    if (spec.parameterFlags)
      for (const p of parameterNames(typeof spec.parameterFlags === 'string' ? modelsWith(spec.parameterFlags).map((m) => m.id) : undefined))
        if (!cmd.options.some((o) => o.long === `--${p.name}`)) cmd.addOption(new Option(`--${p.name} <value>`, p.description)); // a command's own flag wins (curve --d)
    if (theory && theory.command === spec.name && spec.parameterFlags) addTheoryFlags(cmd, theory);
    if (theory && theory.command === spec.name && spec.theoryFlags) for (const [f, d] of spec.theoryFlags(theory)) cmd.addOption(new Option(f, d));
    if (spec.help) cmd.addHelpText('after', spec.help);
    refuseRepeatedFlags(cmd);
    cmd.action(async (...a: unknown[]) => {
      const command = a[a.length - 1] as Command;
      // `--out` is the deprecated spelling of `--plot` (docs/cli.md, "Vocabulary")
      const opts = foldAlias(command.opts(), 'out', 'plot', ctx.err);
      const args = a.slice(0, -2).flat().filter((x) => typeof x === 'string') as string[]; // a variadic argument comes as a list
      const mod = await spec.load();
      const code = await mod.run(opts, args, theory && theory.command === spec.name ? { ...ctx, theory: { path: theory.path, model: theory.model.engine!() } } : ctx);
      setCode(typeof code === 'number' ? code : 0);
    });
  }
  return program;
}

export async function main(argv: string[], ctx: CommandContext = { out: (s) => process.stdout.write(s), err: (s) => process.stderr.write(s) }): Promise<number> {
  let code = 0;
  try {
    const { useBuiltCaches } = await import('./cache.js');
    useBuiltCaches();
    const { needsLibrary, loadLibrary } = await import('../models/library.js');
    if (needsLibrary(argv)) await loadLibrary(); // theory/library/*.yaml (cheap start for a built-in --model)
    // a theory file's parameters are flags of its command, so it is read before the program is built
    const theory = argv.some((a) => a === '--theory' || a.startsWith('--theory=')) ? (await import('./theory.js')).userTheoryOf(argv, ownFlags) : undefined;
    const program = buildProgram(ctx, (c) => (code = c), theory);
    if (argv.length === 0) {
      program.outputHelp();
      return 0;
    }
    await program.parseAsync(argv, { from: 'user' });
    return code;
  } catch (err) {
    const { code: c, message } = exitCodeFor(err);
    if (message) ctx.err(`scaling-theory: ${message}\n`);
    return c;
  }
}
