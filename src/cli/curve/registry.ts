// `scaling-theory curve --model ID ...`: one handler module per model, declared by the model's `curve`
// capability (src/models/: its flags with their defaults, and its handler). The command declares the union of all
// models' flags without defaults plus the models' parameter flags (--alpha, --beta, --a ...); the dispatcher
// (../commands/curve.ts) rejects a flag the chosen model does not take and then applies that model's
// defaults, so two models may share a flag name with different defaults. Keep this file free of heavy
// imports (it is loaded at every start).
import { modelsWith, type ScalingModel } from '../../models/registry.js';

/** Flags every model's curve takes. */
export const COMMON_CURVE_OPTIONS: Array<[string, string]> = [
  ['--json', 'print one JSON object'],
  ['--csv', 'print CSV'],
  ['--plot <file>', 'also draw the curve (.svg or .png)'],
  ['--out <file>', 'deprecated alias of --plot'],
  ['--force', 'replace an existing --plot file'],
  ['--allow-slow', 'lift the work budget of the simulations (plrf sgd, rf-dynamics simulate)'],
];

/** The models with a loss-curve handler (the `curve` capability of the model registry). */
export function curveModels(): ScalingModel[] {
  return modelsWith('curve');
}

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
  for (const m of curveModels()) {
    for (const o of m.curve!.options) {
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
  return curveModels()
    .map((m) => m.curve!.help)
    .join('');
}
