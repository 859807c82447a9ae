// `scaling-theory curve --model rf-dynamics --a A --b B --N N --P P (--steps T | --time T)
//   --method theory|simulate [--ensemble] [--seed S] [--runs R] [--modes M] [--json|--csv|--plot FILE]`
// The rf-dynamics handler of the `curve` command (flags and defaults declared in ./registry.ts):
// flags -> src/numeric/rf/curve.ts -> text, JSON, CSV or plot.
import { UsageError, parseNumber, parseInteger, toJson, flagMessage } from '../errors.js';
import { optionalOutput } from '../output.js';
import { refuseFlags } from '../flags.js';
import { excerpt } from '../input.js';
import { ALLOW_SLOW, DEFAULTS, LIMITS, fmtLimit } from '../limits.js';
import { requirePoint, checkNumericRange } from '../point.js';
import type { ScalingModel } from '../../models/types.js';
import { rfCurve, type RfCurve } from '../../numeric/rf/curve.js';
import { UnstableStepError } from '../../numeric/rf/simulate.js';
import { progressBar } from './progress.js';
import type { CommandContext } from '../context.js';

const SIM_LIMIT = 2e10; // N*P*M*runs multiply-adds beyond which the in-process simulation is refused

export async function run(opts: Record<string, unknown>, _args: string[], ctx: CommandContext, entry: ScalingModel): Promise<number> {
  const model = entry.engine!();
  const point = requirePoint(model, opts);
  const { a, b } = point;
  checkNumericRange(point, 'curve');
  const method = String(opts.method ?? 'theory');
  if (method !== 'theory' && method !== 'simulate') throw new UsageError(`--method = '${excerpt(method)}' must be 'theory' or 'simulate'`);
  const context = `curve --model rf-dynamics --method ${method}`;
  refuseFlags(opts, method === 'simulate' ? [] : ['runs', 'seed'], context, 'it applies to --method simulate');
  if (opts.time !== undefined) refuseFlags(opts, ['lr'], `${context} --time`, 'it applies with --steps: gradient-flow time has no learning rate');
  const size = (flag: 'N' | 'P') => {
    if (opts[flag] === undefined) throw new UsageError(`--${flag} is required for --model rf-dynamics (${flag === 'N' ? 'width' : 'number of samples'}, >= 1)`);
    const v = parseNumber(flag, opts[flag], LIMITS.width);
    if (!(v >= 1)) throw new UsageError(`--${flag} = ${v} is outside the valid domain: ${flag} >= 1`);
    if (method === 'simulate' && !Number.isInteger(v)) throw new UsageError(`--${flag} = ${v} must be an integer for --method simulate`);
    return v;
  };
  const N = size('N'), P = size('P');
  if ((opts.time === undefined) === (opts.steps === undefined)) throw new UsageError('give exactly one of --time T (gradient-flow time) or --steps T (gradient-descent steps)');
  const byTime = opts.time !== undefined;
  const T = byTime ? parseNumber('time', opts.time, LIMITS.time) : parseInteger('steps', opts.steps, 1, LIMITS.steps);
  if (byTime && !(T > 0)) throw new UsageError(`--time = ${T} is outside the valid domain: T > 0`);
  const lr = byTime ? undefined : parseNumber('lr', opts.lr ?? '0.5');
  if (lr !== undefined && !(lr > 0)) throw new UsageError(`--lr = ${lr} is outside the valid domain: lr > 0`);
  if (lr !== undefined && lr * T > LIMITS.time) throw new UsageError(`--lr = ${lr} with --steps ${T}: the flow time lr x steps = ${(lr * T).toExponential(2)} is beyond the limit ${fmtLimit(LIMITS.time)} (docs/cli.md, "Limits")`);
  const points = parseInteger('points', opts.points ?? '40', 2);
  if (points > LIMITS.points) throw new UsageError(`--points = ${points} is outside the valid domain: 2 <= points <= ${LIMITS.points}`);
  const sigma = parseNumber('sigma', opts.sigma ?? '0', LIMITS.parameterMagnitude);
  if (!(sigma >= 0)) throw new UsageError(`--sigma = ${sigma} is outside the valid domain: sigma >= 0`);
  const modes = opts.modes !== undefined ? parseInteger('modes', opts.modes, 1, LIMITS.modes) : undefined;
  const seed = parseInteger('seed', opts.seed ?? String(DEFAULTS.seed), 0, LIMITS.seed);
  const runs = parseInteger('runs', opts.runs ?? String(DEFAULTS.runs), 1, LIMITS.runs);
  if (method === 'simulate' && opts.allowSlow !== true) {
    const M = modes ?? 2000;
    if (N * P * M * runs > SIM_LIMIT) throw new UsageError(`--method simulate: N*P*modes*runs = ${(N * P * M * runs).toExponential(2)} exceeds ${SIM_LIMIT.toExponential(0)} (lower --N, --P, --modes or --runs, or give ${ALLOW_SLOW})`);
  }
  const plot = optionalOutput(opts);
  const times = timeGrid(T, points, !byTime);

  const bar = await progressBar(`simulate (${runs} runs)`, method === 'simulate');
  let res: RfCurve;
  try {
    res = rfCurve({ a, b, N, P, method, times, lr, sigma, modes, ensemble: !!opts.ensemble, seed, runs, onRun: (n) => bar.update(n / runs) });
  } catch (e) {
    if (e instanceof UnstableStepError) throw new UsageError(flagMessage(e));
    throw e;
  } finally {
    bar.stop();
  }

  const params = { a, b, N, P, sigma, ...(modes !== undefined ? { modes } : {}), ensemble: !!opts.ensemble, ...(byTime ? { time: T } : { steps: T, lr }) };
  const payload = {
    model: entry.id,
    method,
    params,
    units: byTime ? 'gradient-flow time' : 'gradient-descent steps',
    t: res.t,
    loss: res.loss,
    trainLoss: res.trainLoss,
    gap: res.gap,
    ...(res.lossStderr ? { lossStderr: res.lossStderr, trainLossStderr: res.trainLossStderr } : {}),
    ...(res.singleModelLoss ? { singleModelLoss: res.singleModelLoss } : {}),
    ...(byTime ? {} : { time: res.time }),
    lossKind: res.lossKind,
    spectrum: res.spectrum,
    gapOnset: res.gapOnset,
    ...(res.final !== undefined ? { final: res.final } : {}),
    ...(res.widthRates ? { widthRates: res.widthRates } : {}),
    ...(method === 'simulate' ? { seed, runs } : {}),
    provenance: method === 'theory'
      ? {
          tag: 'derived',
          source: 'DMFT of Bordelon, Atanasov, Pehlevan 2024 [arXiv:2402.01092 eq.8-11, eq.26-35], non-proportional form and Talbot double inverse Laplace [derived: docs/theory/rf-dynamics.md §7; checked against golden values, docs/rf-dynamics.md]',
        }
      : { tag: 'empirical', source: 'finite-size model [arXiv:2402.01092 eq.1-7] solved exactly per run (docs/theory/rf-dynamics.md §7)' },
    notes: res.notes,
  };
  if (plot) {
    const { renderToFile } = await import('../../plot/render.js');
    const rows = res.t.flatMap((t, i) => [
      { t, value: res.loss[i], curve: 'test loss' },
      { t, value: res.trainLoss[i], curve: 'train loss' },
    ]).filter((r) => r.value > 0);
    const spec = {
      $schema: 'https://vega.github.io/schema/vega-lite/v6.json',
      width: 520,
      height: 360,
      title: { text: `rf-dynamics ${method}: a = ${a}, b = ${b}, N = ${N}, P = ${P}`, subtitle: [res.lossKind, res.spectrum.text] },
      data: { values: rows },
      mark: { type: 'line', point: true },
      encoding: {
        x: { field: 't', type: 'quantitative', scale: { type: 'log' }, title: byTime ? 't (flow time)' : 'steps', axis: { format: '.0e' } },
        y: { field: 'value', type: 'quantitative', scale: { type: 'log' }, title: 'loss', axis: { format: '.1e' } },
        color: { field: 'curve', type: 'nominal' },
      },
    };
    const fmt = await renderToFile(spec, plot);
    ctx.err(`wrote ${plot.path} (${fmt})\n`);
  }
  if (opts.json) ctx.out(toJson(payload) + '\n');
  else if (opts.csv) {
    const cols = ['t', 'loss', 'trainLoss', 'gap', ...(res.lossStderr ? ['lossStderr'] : [])];
    ctx.out(`# rf-dynamics ${method}; ${res.lossKind}; ${res.spectrum.text}\n`);
    ctx.out(cols.join(',') + '\n');
    res.t.forEach((t, i) => {
      const row = [t, res.loss[i], res.trainLoss[i], res.gap[i], ...(res.lossStderr ? [res.lossStderr[i]] : [])];
      ctx.out(row.map((x) => String(x)).join(',') + '\n');
    });
  } else if (plot === undefined) ctx.out(formatText(payload, res));
  return 0;
}

/** Log-spaced grid ending at T; integer and unique for steps. */
export function timeGrid(T: number, points: number, integer: boolean): number[] {
  const lo = integer ? 1 : Math.min(1, T / 100);
  const out: number[] = [];
  for (let i = 0; i < points; i++) {
    const v = lo * Math.pow(T / lo, i / (points - 1));
    out.push(integer ? Math.round(v) : v);
  }
  out[out.length - 1] = T;
  return integer ? [...new Set(out)] : out;
}

function g(x: number): string {
  return Number(x.toPrecision(5)).toString();
}

function formatText(p: { method: string; params: Record<string, unknown>; units: string; lossKind: string; provenance: { tag: string; source: string } }, r: RfCurve): string {
  const lines: string[] = [];
  lines.push(`rf-dynamics ${p.method}: ${Object.entries(p.params).map(([k, v]) => `${k} = ${String(v)}`).join(', ')}`);
  lines.push(`loss: ${r.lossKind}`);
  lines.push(`spectrum: ${r.spectrum.text}`);
  lines.push(`provenance: ${p.provenance.tag} (${p.provenance.source})`);
  lines.push('');
  const ex = r.widthRates?.NTimesExcess;
  lines.push(['t'.padStart(10), 'loss'.padStart(12), 'train'.padStart(12), 'gap'.padStart(12), ...(r.lossStderr ? ['stderr'.padStart(10)] : []), ...(ex ? ['N*excess'.padStart(11)] : [])].join(' '));
  r.t.forEach((t, i) => {
    lines.push([g(t).padStart(10), g(r.loss[i]).padStart(12), g(r.trainLoss[i]).padStart(12), g(r.gap[i]).padStart(12), ...(r.lossStderr ? [g(r.lossStderr[i]).padStart(10)] : []), ...(ex ? [g(ex[i]).padStart(11)] : [])].join(' '));
  });
  lines.push('');
  if (r.final) lines.push(`t -> inf: loss ${g(r.final.loss)}, train ${g(r.final.trainLoss)}, bias ${g(r.final.bias)} [${r.final.provenance}]`);
  lines.push(`train-test gap: onset ${r.gapOnset.time === null ? 'not reached on this grid' : `at flow time ~ ${g(r.gapOnset.time)}`} (${r.gapOnset.criterion})`);
  if (r.widthRates) {
    const w = r.widthRates;
    lines.push(`width, early: ${w.early.law} [${w.early.provenance}]${ex ? '; N*excess column above' : ''}`);
    lines.push(`width, late: L(inf) ~ N^-${g(w.late.exponent)} = N^-(${w.late.expr}) [${w.late.provenance}]; paper: N^-${g(w.late.paperExponent)}`);
    lines.push(`  local slope of the final loss at this N (P = inf): -${g(w.late.localSlope)} (bias only: -${g(w.late.localSlopeBias)}); crossover t ~ N^b = ${g(w.late.crossoverTime)} [${w.late.crossoverProvenance}]`);
  }
  for (const n of r.notes) lines.push(`note: ${n}`);
  return lines.join('\n') + '\n';
}
