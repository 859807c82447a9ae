// `scaling-theory curve --model plrf --alpha A --beta B --d D [--v V] [--batch B] [--lr G] (--steps R | --flops F)
//   [--points K] --method asymptotic|deterministic|volterra|sgd [--runs N] [--seed S] [--json | --csv] [--plot FILE]`
// The plrf handler of `curve`: flags -> src/numeric/plrf/curve.ts -> text, JSON, CSV, plot.
import { UsageError, optionalPlotFile, parseNumber, parseInteger, toJson } from '../errors.js';
import type { ScalingModel } from '../../models/types.js';
import { plrfCurve, CURVE_METHODS, type CurveMethod, type CurveResult } from '../../numeric/plrf/curve.js';
import { MIN_D } from '../../numeric/plrf/setup.js';
import { renderToFile } from '../../plot/render.js';
import { progressBar } from './progress.js';
import type { CommandContext } from '../context.js';

/** volterra and sgd diagonalise a d x d matrix: at 4000 that is 122 MB and a few minutes (O(v d^2 + d^3)) */
const MAX_SAMPLED_D = 4000;
/** sgd: runs x steps x B x d beyond which the run would take minutes (O(B d) per step, ~1e9 per minute) */
const MAX_SGD_WORK = 5e10;

function optionalInt(opts: Record<string, unknown>, flag: string, min: number): number | undefined {
  return opts[flag] === undefined ? undefined : parseInteger(flag, opts[flag], min);
}

export async function run(opts: Record<string, unknown>, _args: string[], ctx: CommandContext, entry: ScalingModel): Promise<number> {
  const model = entry.engine!();
  for (const p of ['alpha', 'beta']) if (opts[p] === undefined) throw new UsageError(`--${p} is required for curve --model plrf`);
  const point = { alpha: parseNumber('alpha', opts.alpha), beta: parseNumber('beta', opts.beta) };
  model.checkDomain(point);
  if (opts.d === undefined) throw new UsageError('--d is required (the parameter count, an integer >= 4)');
  const d = parseInteger('d', opts.d, MIN_D);
  const v = optionalInt(opts, 'v', 1);
  if (v !== undefined && v < d) throw new UsageError(`--v = ${v} must be >= --d = ${d} (input dimension at least the feature count)`);
  const batch = optionalInt(opts, 'batch', 1) ?? 1;
  let lr: number | undefined;
  if (opts.lr !== undefined) {
    lr = parseNumber('lr', opts.lr);
    if (!(lr > 0)) throw new UsageError(`--lr = ${lr} must be a positive number`);
  }
  const method = opts.method as string | undefined;
  if (method === undefined) throw new UsageError(`--method is required (one of: ${CURVE_METHODS.join(', ')})`);
  if (!(CURVE_METHODS as readonly string[]).includes(method)) throw new UsageError(`--method = '${method}' is not one of: ${CURVE_METHODS.join(', ')}`);
  if ((opts.steps === undefined) === (opts.flops === undefined)) throw new UsageError('give exactly one of --steps R or --flops F');
  let steps: number;
  if (opts.steps !== undefined) steps = parseInteger('steps', opts.steps, 1);
  else {
    const f = parseNumber('flops', opts.flops);
    steps = Math.floor(f / (d * batch));
    if (!(steps >= 1)) throw new UsageError(`--flops = ${f} gives R = f/(d B) = ${f / (d * batch)} < 1 step at d = ${d}, B = ${batch}`);
  }
  const points = optionalInt(opts, 'points', 2) ?? 100;
  if (opts.runs !== undefined && method !== 'sgd') throw new UsageError(`--runs applies to --method sgd only (got --method ${method})`);
  if (opts.seed !== undefined && method !== 'sgd' && method !== 'volterra') throw new UsageError(`--seed applies to --method volterra or sgd only (--method ${method} is deterministic)`);
  const runs = optionalInt(opts, 'runs', 1);
  const seed = opts.seed === undefined ? undefined : parseInteger('seed', opts.seed, 0);
  if (opts.json && opts.csv) throw new UsageError('give at most one of --json and --csv');
  if ((method === 'volterra' || method === 'sgd') && d > MAX_SAMPLED_D) {
    throw new UsageError(`--d = ${d} with --method ${method}: above ${MAX_SAMPLED_D} the d x d matrix W^T D W (${((8 * d * d) / 2 ** 20).toFixed(0)} MB) and its O(v d^2) construction are out of reach; use --method deterministic`);
  }
  if (method === 'sgd' && (runs ?? 10) * steps * batch * d > MAX_SGD_WORK) {
    throw new UsageError(`--method sgd with --runs ${runs ?? 10} x --steps ${steps} x --batch ${batch} x --d ${d} = ${((runs ?? 10) * steps * batch * d).toExponential(2)} samples x features exceeds ${MAX_SGD_WORK.toExponential(0)} (minutes of work): lower --steps or --runs, or use --method volterra (the exact mean)`);
  }
  const plot = optionalPlotFile(opts);
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
    ctx.err(`wrote ${plot} (${fmt})\n`);
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
  const values = r.t.map((t, i) => ({ t, loss: r.loss[i], lo: r.lossStd ? Math.max(r.loss[i] - r.lossStd[i], r.loss[i] * 1e-3) : undefined, hi: r.lossStd ? r.loss[i] + r.lossStd[i] : undefined }));
  const layers: unknown[] = [
    {
      mark: { type: 'line', point: false },
      encoding: {
        x: { field: 't', type: 'quantitative', scale: { type: 'log' }, title: 'SGD steps r', axis: { format: '.0e' } },
        y: { field: 'loss', type: 'quantitative', scale: { type: 'log' }, title: 'expected loss P(r)', axis: { format: '.0e' } },
      },
    },
  ];
  if (r.lossStd) layers.unshift({ mark: { type: 'area', opacity: 0.25 }, encoding: { x: { field: 't', type: 'quantitative', scale: { type: 'log' } }, y: { field: 'lo', type: 'quantitative', scale: { type: 'log' } }, y2: { field: 'hi' } } });
  return {
    $schema: 'https://vega.github.io/schema/vega-lite/v6.json',
    width: 560,
    height: 380,
    title: { text: `PLRF loss curve (${r.method})`, subtitle: `alpha = ${p.alpha}, beta = ${p.beta}, d = ${p.d}, v = ${p.v}, gamma = ${p.lr.toPrecision(4)}; ${r.provenance.tag}` },
    data: { values },
    layer: layers,
  };
}
