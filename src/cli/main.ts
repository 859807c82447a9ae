// The command line. Each command's implementation is a module of ./commands, imported on use so a cold
// start loads only what the command needs (`npm run bench` measures it).
import { Command, Option } from 'commander';
import { exitCodeFor } from './errors.js';
import { THEORIES } from '../models/registry.js';

export interface CommandContext {
  out: (s: string) => void;
  err: (s: string) => void;
}

type Handler = (opts: Record<string, unknown>, args: string[], ctx: CommandContext) => Promise<number | void> | number | void;

/** Commands: name, summary, options, and the module implementing them. */
interface CommandSpec {
  name: string;
  args?: string;
  summary: string;
  options: Array<[flags: string, description: string, defaultValue?: string]>;
  /** flags named after model parameters (--alpha, --beta, --a ...) */
  parameterFlags?: boolean;
  load: () => Promise<{ run: Handler }>;
  help?: string;
}

export const COMMANDS: CommandSpec[] = [];

export function registerCommand(spec: CommandSpec): void {
  COMMANDS.push(spec);
}

registerCommand({
  name: 'models',
  summary: 'list the theories available, their parameters and domains',
  options: [['--json', 'print JSON']],
  load: () => import('./commands/models.js'),
});
registerCommand({
  name: 'exponents',
  summary: 'compute-optimal exponents at a parameter point, derived by dominant balance',
  options: [
    ['--model <id>', 'theory (see `models`)'],
    ['--json', 'print one JSON object'],
    ['--phases', 'also print a one-line summary of every phase of the model'],
  ],
  parameterFlags: true,
  load: () => import('./commands/exponents.js'),
  help: '\nExample:\n  scaling-theory exponents --model plrf --alpha 0.7 --beta 1.2\n  scaling-theory exponents --model plrf --alpha 0.7 --beta 1.2 --json\n',
});
registerCommand({
  name: 'phase',
  summary: 'the phase (or regime) of a parameter point and its region',
  options: [['--model <id>', 'theory'], ['--json', 'print JSON']],
  parameterFlags: true,
  load: () => import('./commands/phase.js'),
});
registerCommand({
  name: 'explain',
  summary: 'the derivation of the exponents step by step',
  options: [['--model <id>', 'theory'], ['--json', 'print the steps as JSON']],
  parameterFlags: true,
  load: () => import('./commands/explain.js'),
});
registerCommand({
  name: 'diagram',
  summary: 'draw the phase diagram coloured by an exponent (SVG, or PNG when FILE ends in .png)',
  options: [
    ['--model <id>', 'theory'],
    ['--out <file>', 'output file (.svg or .png)'],
    ['--color <quantity>', 'exponent to colour by (plrf: eta or xi)'],
    ['--resolution <n>', 'cells per axis', '200'],
  ],
  load: () => import('./commands/diagram.js'),
});

registerCommand({
  name: 'check',
  args: '<file>',
  summary: 'check the claims of a derivation (exponents, values, phase boundaries, simulated scalings): verified, refuted with a counterexample, or inconclusive',
  options: [
    ['--json', 'print {"claims":[...]} as JSON'],
    ['--simulate', 'run simulations for scaling claims'],
    ['--seed <s>', 'seed of the counterexample search (default 1)'],
    ['--samples <n>', 'points drawn per region (default 200)'],
  ],
  load: () => import('./commands/check.js'),
  help: '\nExit code: 0 every claim verified, 1 any refuted or inconclusive, 2 a bad file.\nExample:\n  scaling-theory check examples/claims/plrf.yaml\n  scaling-theory check examples/claims/plrf.yaml --json --seed 7\nSee docs/validator-tutorial.md.\n',
});

function parameterNames(): Array<{ name: string; description: string }> {
  const seen = new Map<string, string>();
  for (const t of Object.values(THEORIES)) {
    for (const p of t.parameters) seen.set(p.name, `${seen.has(p.name) ? seen.get(p.name) + '; ' : ''}${t.id}: ${p.description}`);
  }
  return [...seen.entries()].map(([name, description]) => ({ name, description }));
}

export function buildProgram(ctx: CommandContext, setCode: (c: number) => void): Command {
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
    if (spec.parameterFlags) for (const p of parameterNames()) cmd.addOption(new Option(`--${p.name} <value>`, p.description));
    if (spec.help) cmd.addHelpText('after', spec.help);
    cmd.action(async (...a: unknown[]) => {
      const command = a[a.length - 1] as Command;
      const opts = command.opts();
      const args = a.slice(0, -2).filter((x) => typeof x === 'string') as string[];
      const mod = await spec.load();
      const code = await mod.run(opts, args, ctx);
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
    const program = buildProgram(ctx, (c) => (code = c));
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
