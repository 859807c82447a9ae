// `scaling-theory fit FILE.csv --law chinchilla [--bootstrap 200] [--seed S] [--json] [--plot FILE]`:
// the Hoffmann/Epoch fitting procedure (src/fit/chinchilla.ts) on a CSV with columns N, D, loss.
import { UsageError, parseInteger, parseNumber, toJson } from '../errors.js';
import { optionalOutput } from '../output.js';
import { excerpt, readTextInput } from '../input.js';
import { ALLOW_SLOW, BUDGETS, DEFAULTS, LIMITS } from '../limits.js';
import { fmtAuto as fmt } from '../../format.js';
import { findModel, modelsWith } from '../../models/registry.js';
import { renderToFile, type VegaLiteSpec } from '../../plot/render.js';
import { CsvError, parseObservations, type Observation } from '../../fit/csv.js';
import type { CommandContext } from '../context.js';

export async function run(opts: Record<string, unknown>, args: string[], ctx: CommandContext): Promise<number> {
  const file = args[0];
  if (!file) throw new UsageError('fit needs a CSV file with columns N, D, loss');
  const fittable = modelsWith('fit');
  const model = opts.law === undefined ? fittable[0] : findModel(opts.law);
  if (!model?.fit) throw new UsageError(`--law = '${excerpt(opts.law)}': only ${fittable.map((m) => `'${m.id}' (${m.fit!.law})`).join(', ')} can be fitted`);
  const B = parseInteger('bootstrap', opts.bootstrap ?? '200', 0);
  if (B > LIMITS.bootstrap) throw new UsageError(`--bootstrap = ${B} must be <= ${LIMITS.bootstrap}`);
  const seed = parseNumber('seed', opts.seed ?? String(DEFAULTS.seed));
  if (!Number.isInteger(seed) || seed < 0 || seed > LIMITS.seed) throw new UsageError(`--seed = ${seed} must be an integer, 0 <= seed <= ${LIMITS.seed}`);
  const delta = parseNumber('delta', opts.delta ?? '1e-3');
  if (!(delta > 0)) throw new UsageError(`--delta = ${delta} must be > 0`);
  if (delta > 10) throw new UsageError(`--delta = ${delta} is beyond the limit delta <= 10 (a Huber threshold on log-loss residuals)`);

  const text = readTextInput('CSV file', file, LIMITS.csvBytes);
  let obs: Observation[];
  try {
    obs = parseObservations(text, excerpt(file, 120), 6, undefined, LIMITS.csvRows);
  } catch (e) {
    if (e instanceof CsvError) throw new UsageError(e.message);
    throw e;
  }
  if (obs.length * (B + 1) > BUDGETS.fitWork && opts.allowSlow !== true) {
    throw new UsageError(`fit: ${obs.length} rows x (--bootstrap ${B} + 1) = ${(obs.length * (B + 1)).toExponential(2)} row-refits exceeds the work budget ${BUDGETS.fitWork.toExponential(0)} (minutes): lower --bootstrap, or give ${ALLOW_SLOW}`);
  }
  const plot = optionalOutput(opts);

  const { fitChinchilla, predict } = await import('../../fit/chinchilla.js');
  const CHINCHILLA_LAW = model.fit.law;
  let bar: { start: (t: number, v: number) => void; update: (v: number) => void; stop: () => void } | undefined;
  if (B > 0 && process.stderr.isTTY) {
    const cp = await import('cli-progress');
    bar = new cp.SingleBar({ format: 'bootstrap [{bar}] {value}/{total}', stream: process.stderr, noTTYOutput: false }, cp.Presets.shades_classic);
    bar.start(B, 0);
  }
  const r = fitChinchilla(obs, { delta, bootstrap: B, seed, onProgress: (d) => bar?.update(d) });
  bar?.stop();
  const warnings: string[] = [];
  if (!r.optimizer.converged) warnings.push(`the best L-BFGS run stopped on '${r.optimizer.status}' (gradient norm ${fmt(r.optimizer.gradNorm)}); check the estimate`);
  if (r.optimizer.agreeingStarts < 2) warnings.push(`only ${r.optimizer.agreeingStarts} of ${r.optimizer.starts} starts reached the best objective: the optimum may not be global`);
  if (r.bootstrap.notConverged > 0) warnings.push(`${r.bootstrap.notConverged} of ${B} bootstrap refits stopped without meeting the convergence test (kept; their objective is the best reached)`);
  if (B > 0 && B < 100) warnings.push(`${B} bootstrap resamples: the 95% interval ends are rough (use 200 or more)`);
  const result = {
    file,
    law: CHINCHILLA_LAW,
    rows: r.rows,
    params: r.params,
    exponents: { ...r.exponents, source: 'a = beta/(alpha+beta), b = alpha/(alpha+beta) from the engine (dominant balance), per bootstrap sample' },
    objective: r.objective,
    optimizer: r.optimizer,
    bootstrap: { resamples: r.bootstrap.resamples, seed: r.bootstrap.seed, notConverged: r.bootstrap.notConverged, interval: '95% percentile' },
    huberDelta: r.huberDelta,
    residuals: r.residuals,
    procedure: 'Hoffmann et al. 2022 / Epoch 2024 (arXiv:2203.15556 Approach 3; arXiv:2404.10102; docs/theory/chinchilla.md §5): Huber loss on log-loss, log L = LSE(log A - alpha log N, log B - beta log D, log E), grid of initialisations, quasi-Newton, bootstrap',
    provenance: 'empirical',
    warnings,
  };
  if (plot) {
    const est = { E: r.params.E.value, A: r.params.A.value, B: r.params.B.value, alpha: r.params.alpha.value, beta: r.params.beta.value };
    const pts = obs.map((o) => ({ observed: o.loss, fitted: predict(est, o.N, o.D), N: o.N }));
    const lo = 0.98 * Math.min(...pts.flatMap((p) => [p.observed, p.fitted])), hi = 1.02 * Math.max(...pts.flatMap((p) => [p.observed, p.fitted]));
    const axis = (title: string, field: string) => ({ field, type: 'quantitative', scale: { type: 'log', domain: [lo, hi], nice: false }, axis: { format: '.2f' }, title });
    const spec: VegaLiteSpec = {
      $schema: 'https://vega.github.io/schema/vega-lite/v6.json',
      width: 420,
      height: 420,
      title: { text: `Chinchilla fit to ${file}`, subtitle: `E = ${fmt(est.E)}, A = ${fmt(est.A)}, B = ${fmt(est.B)}, alpha = ${fmt(est.alpha)}, beta = ${fmt(est.beta)}; ${r.rows} rows` },
      layer: [
        { data: { values: [{ x: lo, y: lo }, { x: hi, y: hi }] }, mark: { type: 'line', color: 'gray', strokeDash: [4, 4] }, encoding: { x: axis('fitted loss', 'x'), y: axis('observed loss', 'y') } },
        {
          data: { values: pts },
          mark: { type: 'point', filled: true, size: 30 },
          encoding: {
            x: axis('fitted loss', 'fitted'),
            y: axis('observed loss', 'observed'),
            color: { field: 'N', type: 'quantitative', scale: { type: 'log', scheme: 'viridis' }, legend: { format: '.0e' }, title: 'N' },
          },
        },
      ],
    };
    await renderToFile(spec, plot);
    ctx.err(`wrote ${plot.path}\n`);
  }
  if (opts.json) {
    ctx.out(toJson(result) + '\n');
    return 0;
  }
  const L = [`Chinchilla law ${CHINCHILLA_LAW} fitted to ${file} (${r.rows} rows) [empirical]`, `  ${result.procedure}`, ''];
  const ci = (iv: { value: number; ci: [number, number] | null }) => (iv.ci ? `[${fmt(iv.ci[0])}, ${fmt(iv.ci[1])}]` : '(no bootstrap)');
  for (const k of ['E', 'A', 'B', 'alpha', 'beta'] as const) L.push(`  ${k.padEnd(6)} ${fmt(r.params[k].value).padEnd(12)} 95% ${ci(r.params[k])}`);
  L.push(`  a      ${fmt(r.exponents.a.value).padEnd(12)} 95% ${ci(r.exponents.a)}   N_opt ~ C^a`);
  L.push(`  b      ${fmt(r.exponents.b.value).padEnd(12)} 95% ${ci(r.exponents.b)}   D_opt ~ C^b`);
  L.push('');
  L.push(`  optimiser  ${r.optimizer.status}, ${r.optimizer.iterations} iterations, gradient ${fmt(r.optimizer.gradNorm)}; ${r.optimizer.agreeingStarts}/${r.optimizer.starts} starts agree`);
  L.push(`  bootstrap  ${B} resamples, seed ${seed}; residual rms ${fmt(r.residuals.rms)} (log-loss)`);
  for (const w of warnings) L.push(`warning: ${w}`);
  ctx.out(L.join('\n') + '\n');
  return 0;
}
