// `scaling-theory curve --model plrf --alpha A --beta B --d D [--v V] [--batch B] [--lr G] (--steps R | --flops F)
//   [--points K] --method asymptotic|deterministic|volterra|sgd [--runs N] [--seed S] [--json | --csv] [--plot FILE]`
// The plrf handler of `curve`: flags -> src/numeric/plrf/curve.ts -> text, JSON, CSV, plot.
import { UsageError, parseNumber, parseInteger, toJson } from '../errors.js';
import { optionalOutput } from '../output.js';
import { parseParameter, checkMargin, checkNumericRange } from '../point.js';
import { refuseFlags } from '../flags.js';
import { excerpt } from '../input.js';
import { ALLOW_SLOW, BUDGETS, DEFAULTS, LIMITS, fmtLimit } from '../limits.js';
import type { ScalingModel } from '../../models/types.js';
import { plrfCurve, CURVE_METHODS, type CurveMethod, type CurveResult } from '../../numeric/plrf/curve.js';
import { MIN_D } from '../../numeric/plrf/setup.js';
import { renderToFile } from '../../plot/render.js';
import { progressBar } from './progress.js';
import type { CommandContext } from '../context.js';

/** sgd: runs x steps x B x d beyond which the run would take minutes (O(B d) per step, ~1e9 per minute) */
const MAX_SGD_WORK = BUDGETS.sgdWork;
/** volterra and sgd build W^T D W in O(v d^2): the default v = 4d at the d limit */
const MAX_BUILD_WORK = 4 * LIMITS.dSampled ** 3;
const SAMPLED = ['volterra', 'sgd'];

function optionalInt(opts: Record<string, unknown>, flag: string, min: number, max?: number): number | undefined {
  return opts[flag] === undefined ? undefined : parseInteger(flag, opts[flag], min, max);
}

export async function run(opts: Record<string, unknown>, _args: string[], ctx: CommandContext, entry: ScalingModel): Promise<number> {
  const model = entry.engine!();
  for (const p of ['alpha', 'beta']) if (opts[p] === undefined) throw new UsageError(`--${p} is required for curve --model plrf`);
  const point = { alpha: parseParameter('alpha', opts.alpha), beta: parseParameter('beta', opts.beta) };
  checkMargin(model, point);
  checkNumericRange(point, 'curve');
  const method = opts.method as string | undefined;
  if (method === undefined) throw new UsageError(`--method is required (one of: ${CURVE_METHODS.join(', ')})`);
  if (!(CURVE_METHODS as readonly string[]).includes(method)) throw new UsageError(`--method = '${excerpt(method)}' is not one of: ${CURVE_METHODS.join(', ')}`);
  const sampled = SAMPLED.includes(method);
  const slow = opts.allowSlow === true;
  if (opts.d === undefined) throw new UsageError('--d is required (the parameter count, an integer >= 4)');
  const d = parseInteger('d', opts.d, MIN_D, LIMITS.dDeterministic);
  if (sampled && d > LIMITS.dSampled) {
    throw new UsageError(`--d = ${d} with --method ${method}: above ${LIMITS.dSampled} the d x d matrix W^T D W (${((8 * d * d) / 2 ** 20).toFixed(0)} MB) and its O(v d^2) construction are out of reach; use --method deterministic`);
  }
  const v = optionalInt(opts, 'v', 1, LIMITS.v);
  if (v !== undefined && v < d) throw new UsageError(`--v = ${v} must be >= --d = ${d} (input dimension at least the feature count)`);
  if (sampled && !slow && (v ?? 4 * d) * d * d > MAX_BUILD_WORK) throw new UsageError(`--v = ${v} with --d ${d} and --method ${method}: building W^T D W costs v d^2 = ${((v ?? 4 * d) * d * d).toExponential(2)} > ${MAX_BUILD_WORK.toExponential(2)} (minutes of work): lower --v, or give ${ALLOW_SLOW}`);
  const batch = optionalInt(opts, 'batch', 1, LIMITS.batch) ?? 1;
  let lr: number | undefined;
  if (opts.lr !== undefined) {
    lr = parseNumber('lr', opts.lr);
    if (!(lr > 0)) throw new UsageError(`--lr = ${lr} must be a positive number`);
  }
  if ((opts.steps === undefined) === (opts.flops === undefined)) throw new UsageError('give exactly one of --steps R or --flops F');
  let steps: number;
  if (opts.steps !== undefined) steps = parseInteger('steps', opts.steps, 1, LIMITS.steps);
  else {
    const f = parseNumber('flops', opts.flops);
    steps = Math.floor(f / (d * batch));
    if (!(steps >= 1)) throw new UsageError(`--flops = ${f} gives R = f/(d B) = ${f / (d * batch)} < 1 step at d = ${d}, B = ${batch}`);
    if (steps > LIMITS.steps) throw new UsageError(`--flops = ${f} gives R = f/(d B) = ${steps.toExponential(2)} steps, beyond the limit R <= ${fmtLimit(LIMITS.steps)} (docs/cli.md, "Limits")`);
  }
  const points = optionalInt(opts, 'points', 2, LIMITS.points) ?? 100;
  refuseFlags(opts, method === 'sgd' ? [] : ['runs'], `curve --model plrf --method ${method}`, 'it applies to --method sgd');
  refuseFlags(opts, sampled ? [] : ['seed'], `curve --model plrf --method ${method}`, `it applies to --method volterra or sgd; --method ${method} is deterministic`);
  const runs = method === 'sgd' ? optionalInt(opts, 'runs', 1, LIMITS.runs) ?? DEFAULTS.runs : undefined;
  const seed = sampled ? optionalInt(opts, 'seed', 0, LIMITS.seed) ?? DEFAULTS.seed : undefined;
  if (opts.json && opts.csv) throw new UsageError('give at most one of --json and --csv');
  if (method === 'sgd' && !slow && runs! * steps * batch * d > MAX_SGD_WORK) {
    throw new UsageError(`--method sgd with --runs ${runs} x --steps ${steps} x --batch ${batch} x --d ${d} = ${(runs! * steps * batch * d).toExponential(2)} samples x features exceeds ${MAX_SGD_WORK.toExponential(0)} (minutes of work): lower --steps or --runs, use --method volterra (the exact mean), or give ${ALLOW_SLOW}`);
  }
  const plot = optionalOutput(opts);
  const bar = await progressBar(`curve ${method}`, method !== 'asymptotic');
  let res: CurveResult;
  try {
    res = plrfCurve({ ...point, model, d, v, batch, lr, method: method as CurveMethod, steps, points, runs, seed, onProgress: (f) => bar.update(f) });
  } finally {
    bar.stop();
  }
  if (opts.json) {
    const { notes, terms, ...rest } = res;
    ctx.out(toJson({ ...rest, ...(terms ? { terms } : {}), notes }) + '\n');
  } else if (opts.csv) {
    const head = res.lossStd ? 't,loss,lossStd' : 't,loss';
    const rows = res.t.map((t, i) => [t, res.loss[i], ...(res.lossStd ? [res.lossStd[i]] : [])].join(','));
    ctx.out([head, ...rows].join('\n') + '\n');
  } else ctx.out(formatText(res));
  if (plot) {
    const fmt = await renderToFile(plotSpec(res), plot);
    ctx.err(`wrote ${plot.path} (${fmt})\n`);
  }
  return 0;
}

function formatText(r: CurveResult): string {
  const p = r.params;
  const lines = [
    `PLRF loss curve, method ${r.method}: alpha = ${p.alpha}, beta = ${p.beta}, d = ${p.d}, v = ${p.v}, B = ${p.batch}, gamma = ${p.lr.toPrecision(6)}` +
      (p.seed !== undefined ? `, seed = ${p.seed}` : '') +
      (p.runs !== undefined ? `, runs = ${p.runs}` : ''),
    `kernel norm ||K|| = ${r.kernelNorm.toPrecision(4)}   provenance: ${r.provenance.tag} (${r.provenance.source})`,
    ...(r.terms ? r.terms.map((t) => `  term ${t.name.padEnd(6)} ${t.coefficientValue.toPrecision(4)} * ${t.form}   [${t.provenance}]`) : []),
    ...r.notes.map((n) => `note: ${n}`),
    '',
    r.lossStd ? `${'steps'.padStart(12)}  ${'loss'.padStart(12)}  ${'std'.padStart(12)}` : `${'steps'.padStart(12)}  ${'loss'.padStart(12)}`,
    ...r.t.map((t, i) => `${String(t).padStart(12)}  ${r.loss[i].toExponential(5).padStart(12)}` + (r.lossStd ? `  ${r.lossStd[i].toExponential(3).padStart(12)}` : '')),
  ];
  return lines.join('\n') + '\n';
}

function plotSpec(r: CurveResult): Record<string, unknown> {
  const p = r.params;
  // the sgd band: mean +- std over runs drawn symmetric on the log axis, [l/(1+s/l), l+s]: its upper edge is
  // mean + std and its lower edge never reaches 0 (mean - std would, and a clip made spikes to 1e-5)
  const values = r.t.map((t, i) => {
    const l = r.loss[i], sd = r.lossStd?.[i];
    return { t, loss: l, ...(sd !== undefined ? { lo: l / (1 + sd / l), hi: l + sd } : {}) };
  });
  const x = { field: 't', type: 'quantitative', scale: { type: 'log' }, title: 'SGD steps r', axis: { format: '.0e' } };
  const lineLabel = r.lossStd ? `mean loss over ${p.runs ?? ''} runs` : `expected loss (${r.method})`;
  const bandLabel = '+-1 std over runs (log-symmetric band, upper edge mean + std)';
  const color = (label: string) => ({
    datum: label,
    scale: r.lossStd ? { domain: [lineLabel, bandLabel], range: ['#1f77b4', '#9ecae9'] } : { domain: [lineLabel], range: ['#1f77b4'] },
    legend: { orient: 'bottom', direction: 'vertical', title: null, labelLimit: 600 },
  });
  const layers: unknown[] = [
    {
      mark: { type: 'line', point: false },
      encoding: { x, y: { field: 'loss', type: 'quantitative', scale: { type: 'log' }, title: 'expected loss P(r)', axis: { format: '.0e' } }, color: color(lineLabel) },
    },
  ];
  if (r.lossStd) {
    layers.unshift({
      mark: { type: 'area', opacity: 0.5 },
      encoding: { x, y: { field: 'lo', type: 'quantitative', scale: { type: 'log' } }, y2: { field: 'hi' }, color: color(bandLabel) },
    });
  }
  // asymptotic: a term with a validity (F_ac: t < d^(2 alpha), theory/plrf.ts) is set to 0 beyond it
  // (src/numeric/plrf/asymptotic.ts reports the step count); the jump there is an artefact, so it is marked
  const subtitle = [`alpha = ${p.alpha}, beta = ${p.beta}, d = ${p.d}, v = ${p.v}, gamma = ${p.lr.toPrecision(4)}; ${r.provenance.tag}`];
  const cutTerm = r.method === 'asymptotic' ? r.terms?.find((t) => t.validity && Number.isFinite(t.validity.cutSteps)) : undefined;
  if (cutTerm) {
    const cut = cutTerm.validity!.cutSteps;
    const [t0, t1] = [r.t[0], r.t[r.t.length - 1]];
    if (cut >= t0 && cut <= t1) {
      const left = Math.log(cut / t0) < 0.5 * Math.log(t1 / t0);
      const note = [{ t: cut, label: `${cutTerm.name} cut (artefact)` }];
      subtitle.push(`dashed line: the estimate drops ${cutTerm.name} beyond ${cutTerm.validity!.condition} (docs/theory/plrf.md §3); the step there is an artefact of the estimate, not of SGD`);
      layers.push(
        { data: { values: note }, mark: { type: 'rule', color: 'firebrick', strokeDash: [4, 3] }, encoding: { x: { field: 't', type: 'quantitative' } } },
        { data: { values: note }, mark: { type: 'text', align: left ? 'left' : 'right', baseline: 'top', dx: left ? 4 : -4, dy: 4, color: 'firebrick', fontSize: 11 }, encoding: { x: { field: 't', type: 'quantitative' }, y: { value: 0 }, text: { field: 'label' } } },
      );
    }
  }
  return {
    $schema: 'https://vega.github.io/schema/vega-lite/v6.json',
    width: 560,
    height: 380,
    title: { text: `PLRF loss curve (${r.method})`, subtitle },
    data: { values },
    layer: layers,
  };
}
