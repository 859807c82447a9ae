// The `infer` command as the command line registers it (src/cli/main.ts): its own flags, and one flag per
// quantity of every known theory (`--xi`, `--eta` of PLRF, `--N`, `--t`, `--loss` of rf-dynamics, the
// library's), read when the program is built (after the library is loaded), plus the quantities of a
// `--theory FILE`. The implementation is src/cli/commands/infer.ts, imported on use.
import { THEORIES } from '../models/registry.js';
import { UsageError } from '../cli/errors.js';
import type { UserTheory } from '../cli/theory.js';

/** infer's own flags (attribute names): a quantity may not be named like one of them. */
export const OWN = ['model', 'theory', 'fromFit', 'json', 'plot', 'force', 'help', 'version'];

export const FORM = 'V+-E';

/** Every quantity name of the known theories, with the theories that have it. */
export function quantityFlags(): Map<string, string> {
  const seen = new Map<string, string>();
  for (const t of Object.values(THEORIES)) {
    for (const q of t.quantities) {
      if (OWN.includes(q.name)) continue;
      seen.set(q.name, `${seen.has(q.name) ? seen.get(q.name) + '; ' : ''}${t.id}: ${q.description}`);
    }
  }
  return seen;
}

export const inferCommand = {
  name: 'infer',
  summary: 'which theory parameters explain measured exponents: the consistent set per phase, as conditions, bounding box and area (or from a fit: --from-fit)',
  get options(): Array<[flags: string, description: string, defaultValue?: string]> {
    return [
      ['--model <id>', 'theory (see `models`)'],
      ['--theory <file>', 'a theory file instead of --model (docs/theory-files.md); its quantities are flags --NAME V+-E'],
      ['--from-fit <file>', 'the JSON of `fit --json` (parametric or IsoFLOP): its exponents a, b and loss exponent read as the theory\'s quantities (docs/infer.md)'],
      ...[...quantityFlags()].map(([name, d]): [string, string] => [`--${name} <${FORM}>`, `measured ${name} as V+-E (or V±E, or V:lo:hi); ${d}`]),
      ['--plot <file>', 'the consistent set on the phase diagram (.svg or .png; two-parameter theories)'],
      ['--force', 'replace an existing --plot file'],
      ['--json', 'print JSON'],
    ];
  },
  /** the quantities of a `--theory FILE` not declared already */
  theoryFlags(theory: UserTheory): Array<[flags: string, description: string]> {
    const known = quantityFlags();
    const engine = theory.model.engine?.();
    const quantities = engine ? engine.theory.quantities : [];
    return quantities.flatMap((q): Array<[string, string]> => {
      if (OWN.includes(q.name)) throw new UsageError(`theory file '${theory.path}': quantity '${q.name}' clashes with the flag --${q.name} of infer: rename the quantity in the file (measurements are given as --NAME V+-E)`);
      return known.has(q.name) ? [] : [[`--${q.name} <${FORM}>`, `${theory.path}: measured ${q.name} (${q.description})`]];
    });
  },
  load: () => import('../cli/commands/infer.js'),
  help:
    '\nMeasurements: --QUANTITY V+-E (also V±E), or V:lo:hi (a value with an asymmetric interval).\nExamples:\n' +
    '  scaling-theory infer --model plrf --xi 0.5+-0.02 --eta 0.6+-0.02\n' +
    '  scaling-theory infer --model plrf --eta 0.55:0.5:0.6 --json --plot consistent.svg\n' +
    '  scaling-theory fit data/kyo-takano-chinchilla/df.csv --json > fit.json && scaling-theory infer --from-fit fit.json --model plrf\n' +
    'An empty set is a finding (exit 0, "empty": true). See docs/infer.md.\n',
};
