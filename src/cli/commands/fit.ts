// `scaling-theory fit FILE.csv [--law ID] [--approach parametric|isoflop] [--columns N=..,D=..,loss=..]
// [--budget-column C] [--bootstrap 200] [--seed S] [--json] [--plot FILE] [--force]`: the Hoffmann/Epoch
// parametric fit (Approach 3, src/fit/chinchilla.ts) or IsoFLOP parabolas (Approach 2, src/fit/isoflop.ts)
// on a CSV with columns N, D, loss; every fit carries its diagnostics (src/fit/diagnostics.ts), and one of
// severity `error` exits 2 unless --force (docs/fitting.md).
import { UsageError, parseInteger, parseList, parseNumber, toJson } from '../errors.js';
import { allowOnly, requireName } from '../flags.js';
import { hasErrors, fitDiagnostics, type Diagnostic } from '../../fit/diagnostics.js';
import { optionalOutput } from '../output.js';
import { excerpt, readTextInput } from '../input.js';
import { ALLOW_SLOW, BUDGETS, DEFAULTS, LIMITS } from '../limits.js';
import { fmtAuto as fmt } from '../../format.js';
import { findModel, modelsWith } from '../../models/registry.js';
import { renderToFile, type VegaLiteSpec } from '../../plot/render.js';
import { CsvError, parseObservations, type Observation } from '../../fit/csv.js';
import type { CommandContext } from '../context.js';

const APPROACHES = ['parametric', 'isoflop'] as const;
const ROLES = ['N', 'D', 'loss'] as const;

/** `--columns N=params,D=tokens,loss=loss`: the header names read as N, D, loss (unnamed roles keep their own). */
export function parseColumns(raw: unknown): string[] {
  const names: Record<string, string> = Object.create(null) as Record<string, string>;
  if (raw !== undefined) {
    if (typeof raw !== 'string' || raw.trim() === '') throw new UsageError(`--columns needs ROLE=COLUMN pairs, comma-separated (roles: ${ROLES.join(', ')})`);
    for (const part of raw.split(',')) {
      const m = /^\s*([^=]*?)\s*=\s*(.*?)\s*$/.exec(part);
      if (!m || m[2] === '') throw new UsageError(`--columns: '${excerpt(part)}' is not ROLE=COLUMN (roles: ${ROLES.join(', ')})`);
      const role = requireName('--columns', m[1], ROLES, 'is not a role');
      if (Object.prototype.hasOwnProperty.call(names, role)) throw new UsageError(`--columns names ${role} twice`);
      names[role] = m[2];
    }
  }
  const cols = ROLES.map((r) => (Object.prototype.hasOwnProperty.call(names, r) ? names[r] : r));
  const dup = cols.find((c, i) => cols.indexOf(c) !== i);
  if (dup !== undefined) throw new UsageError(`--columns = '${excerpt(raw)}': column '${excerpt(dup)}' is given two roles (${ROLES.filter((_, i) => cols[i] === dup).join(', ')})`);
  return cols;
}

/** `warning: ...` / `error: ...` lines, one per diagnostic. */
function diagnosticLines(list: readonly Diagnostic[]): string[] {
  return list.map((d) => `${d.severity}: ${d.message} [${d.code}${d.parameters.length ? `; ${d.parameters.join(', ')}` : ''}]`);
}

/** Exit 2 when a diagnostic makes the fit meaningless, unless --force. */
function refuseErrors(list: readonly Diagnostic[], force: boolean, file: string): void {
  if (force || !hasErrors(list)) return;
  const errs = list.filter((d) => d.severity === 'error');
  throw new UsageError(`fit ${excerpt(file, 120)}: the data cannot determine the fit:\n${diagnosticLines(errs).join('\n')}\n(give --force to fit anyway; the diagnostics are then in the output)`);
}

export async function run(opts: Record<string, unknown>, args: string[], ctx: CommandContext): Promise<number> {
  const file = args[0];
  if (!file) throw new UsageError('fit needs a CSV file with columns N, D, loss');
  const approach = requireName('--approach', opts.approach ?? 'parametric', APPROACHES);
  if (approach === 'isoflop') return runIsoflop(opts, file, ctx);
  allowOnly(opts, ['law', 'approach', 'columns', 'bootstrap', 'seed', 'delta', 'plot'], 'fit --approach parametric', (k) => (['budgetColumn', 'budgets', 'budgetTolerance'].includes(k) ? 'the budget flags belong to --approach isoflop' : undefined));
  const columns = parseColumns(opts.columns);
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
    obs = parseObservations(text, excerpt(file, 120), 6, columns, LIMITS.csvRows);
  } catch (e) {
    if (e instanceof CsvError) throw new UsageError(e.message);
    throw e;
  }
  const force = opts.force === true;
  const { fitChinchilla, predict, PARAM_NAMES } = await import('../../fit/chinchilla.js');
  if (obs.length * (B + 1) > BUDGETS.fitWork && opts.allowSlow !== true) {
    throw new UsageError(`fit: ${obs.length} rows x (--bootstrap ${B} + 1) = ${(obs.length * (B + 1)).toExponential(2)} row-refits exceeds the work budget ${BUDGETS.fitWork.toExponential(0)} (minutes): lower --bootstrap, or give ${ALLOW_SLOW}`);
  }
  const plot = optionalOutput(opts);
  // what the rows alone say (too few, duplicated, not identifiable), before any work
  refuseErrors(fitDiagnostics(obs, PARAM_NAMES), force, file);

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
  const diagnostics = fitDiagnostics(obs, PARAM_NAMES, { params: r.params });
  refuseErrors(diagnostics, force, file);
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
    diagnostics,
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
  L.push(...diagnosticLines(diagnostics));
  ctx.out(L.join('\n') + '\n');
  return 0;
}

/** `fit FILE --approach isoflop`: per-budget parabolas, N_opt ~ C^a, D_opt ~ C^b (docs/fitting.md). */
async function runIsoflop(opts: Record<string, unknown>, file: string, ctx: CommandContext): Promise<number> {
  allowOnly(opts, ['approach', 'columns', 'budgetColumn', 'budgets', 'budgetTolerance', 'bootstrap', 'seed', 'plot'], 'fit --approach isoflop', (k) => (k === 'law' ? 'IsoFLOP parabolas fit no law' : k === 'delta' ? 'IsoFLOP parabolas are least squares, no Huber threshold' : undefined));
  const columns = parseColumns(opts.columns);
  let budgetColumn: string | undefined;
  if (opts.budgetColumn !== undefined) {
    if (typeof opts.budgetColumn !== 'string' || opts.budgetColumn.trim() === '') throw new UsageError('--budget-column needs the name of a column (training compute in FLOPs)');
    budgetColumn = opts.budgetColumn.trim();
    if (columns.includes(budgetColumn)) throw new UsageError(`--budget-column = '${excerpt(budgetColumn)}' is already read as ${ROLES[columns.indexOf(budgetColumn)]} (--columns)`);
  }
  let budgets: number[] | undefined;
  if (opts.budgets !== undefined) {
    budgets = parseList('budgets', opts.budgets);
    if (budgets.length > LIMITS.gridSizes) throw new UsageError(`--budgets: ${budgets.length} budgets is beyond the limit of ${LIMITS.gridSizes} (docs/cli.md, "Limits")`);
    const bad = budgets.find((c) => !(c > 0));
    if (bad !== undefined) throw new UsageError(`--budgets: ${bad} is outside the domain (a budget in FLOPs > 0)`);
  }
  let budgetTolerance: number | undefined;
  if (opts.budgetTolerance !== undefined) {
    budgetTolerance = parseNumber('budget-tolerance', opts.budgetTolerance);
    if (!(budgetTolerance > 0) || budgetTolerance > 2) throw new UsageError(`--budget-tolerance = ${budgetTolerance} is outside the domain (decades, 0 < tolerance <= 2)`);
  }
  const B = parseInteger('bootstrap', opts.bootstrap ?? '200', 0);
  if (B > LIMITS.bootstrap) throw new UsageError(`--bootstrap = ${B} must be <= ${LIMITS.bootstrap}`);
  const seed = parseNumber('seed', opts.seed ?? String(DEFAULTS.seed));
  if (!Number.isInteger(seed) || seed < 0 || seed > LIMITS.seed) throw new UsageError(`--seed = ${seed} must be an integer, 0 <= seed <= ${LIMITS.seed}`);
  const text = readTextInput('CSV file', file, LIMITS.csvBytes);
  let obs: Observation[];
  try {
    obs = parseObservations(text, excerpt(file, 120), 6, columns, LIMITS.csvRows, budgetColumn);
  } catch (e) {
    if (e instanceof CsvError) throw new UsageError(e.message);
    throw e;
  }
  if (obs.length * (B + 1) > BUDGETS.fitWork && opts.allowSlow !== true) {
    throw new UsageError(`fit: ${obs.length} rows x (--bootstrap ${B} + 1) = ${(obs.length * (B + 1)).toExponential(2)} row-refits exceeds the work budget ${BUDGETS.fitWork.toExponential(0)} (minutes): lower --bootstrap, or give ${ALLOW_SLOW}`);
  }
  const plot = optionalOutput(opts);
  const { fitIsoflop } = await import('../../fit/isoflop.js');
  const r = fitIsoflop(obs, { bootstrap: B, seed, budgets, budgetTolerance });
  refuseErrors(r.diagnostics, opts.force === true, file);
  const result = { file, ...r, procedure: 'Hoffmann et al. 2022 Approach 2 (arXiv:2203.15556 §3.2; docs/fitting.md): per budget a parabola of loss in ln N and in ln D, its vertex; ln N_opt, ln D_opt linear in ln C; bootstrap within budgets', provenance: 'empirical' };
  const used = r.budgets.filter((b) => b.used.N || b.used.D);
  if (plot) {
    const a = r.exponents.a.value, b = r.exponents.b.value;
    const pts = used.flatMap((u) => [
      ...(u.used.N && u.N_opt !== null ? [{ C: u.C, value: u.N_opt, series: 'N_opt' }] : []),
      ...(u.used.D && u.D_opt !== null ? [{ C: u.C, value: u.D_opt, series: 'D_opt' }] : []),
    ]);
    const cs = used.map((u) => u.C);
    const lo = Math.min(...cs), hi = Math.max(...cs);
    const line = (series: string, slope: number | null, icpt: number | null) => (slope === null || icpt === null ? [] : [lo, hi].map((C) => ({ C, value: Math.exp(icpt + slope * Math.log(C)), series })));
    const lines = [...line('N_opt', a, r.intercepts.N), ...line('D_opt', b, r.intercepts.D)];
    const enc = { x: { field: 'C', type: 'quantitative', scale: { type: 'log' }, axis: { format: '.0e' }, title: 'compute C (FLOPs)' }, y: { field: 'value', type: 'quantitative', scale: { type: 'log' }, axis: { format: '.0e' }, title: 'N_opt, D_opt' }, color: { field: 'series', type: 'nominal', title: '' } };
    const spec: VegaLiteSpec = {
      $schema: 'https://vega.github.io/schema/vega-lite/v6.json',
      width: 420,
      height: 360,
      title: { text: `IsoFLOP fit (Approach 2) to ${file}`, subtitle: `N_opt ~ C^${a === null ? 'n/a' : fmt(a)}, D_opt ~ C^${b === null ? 'n/a' : fmt(b)}; ${used.length} of ${r.budgets.length} budgets usable` },
      layer: [
        { data: { values: lines }, mark: { type: 'line' }, encoding: { ...enc, detail: { field: 'series' } } },
        { data: { values: pts }, mark: { type: 'point', filled: true, size: 40 }, encoding: enc },
      ],
    };
    await renderToFile(spec, plot);
    ctx.err(`wrote ${plot.path}\n`);
  }
  if (opts.json) {
    ctx.out(toJson(result) + '\n');
    return 0;
  }
  const ci = (e: { value: number | null; ci: [number, number] | null }) => (e.value === null ? 'n/a' : `${fmt(e.value).padEnd(10)} 95% ${e.ci ? `[${fmt(e.ci[0])}, ${fmt(e.ci[1])}]` : '(no bootstrap)'}`);
  const L = [`IsoFLOP fit (Approach 2) to ${file} (${r.rows} rows, ${r.budgets.length} budgets, ${used.length} usable) [empirical]`, `  ${result.procedure}`, ''];
  L.push(`  a  ${ci(r.exponents.a)}   N_opt ~ C^a`);
  L.push(`  b  ${ci(r.exponents.b)}   D_opt ~ C^b`);
  if (r.corrected) L.push(`  bias-corrected (${r.corrected.method}): a ${ci(r.corrected.exponents.a)}; b ${ci(r.corrected.exponents.b)}`);
  L.push('', `  ${'C'.padEnd(12)} ${'points'.padStart(6)}  ${'N_opt'.padEnd(12)} ${'D_opt'.padEnd(12)} used`);
  const opt = (v: number | null) => (v === null ? '-' : fmt(v));
  for (const u of r.budgets) L.push(`  ${fmt(u.C).padEnd(12)} ${String(u.points).padStart(6)}  ${opt(u.N_opt).padEnd(12)} ${opt(u.D_opt).padEnd(12)} ${u.used.N && u.used.D ? 'N, D' : u.used.N ? 'N' : u.used.D ? 'D' : 'no'}`);
  L.push(`  bootstrap  ${r.bootstrap.resamples} resamples, seed ${seed}, ${r.bootstrap.failed} failed`);
  L.push(...diagnosticLines(r.diagnostics));
  ctx.out(L.join('\n') + '\n');
  return 0;
}
