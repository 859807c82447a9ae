// `scaling-theory frontier --model plrf --alpha A --beta B [--d-grid 200,400,...] [--flops 1e5:1e10]
//   --method deterministic|volterra|sgd --approach 0|1|2 [--json] [--plot FILE]`
// Simulated compute frontier (src/numeric/plrf/frontier.ts) next to the engine's exponents.
import { UsageError, parseInteger, parseList, parseRange, toJson } from '../errors.js';
import { optionalOutput } from '../output.js';
import { requirePoint, checkNumericRange } from '../point.js';
import { refuseFlags } from '../flags.js';
import { excerpt } from '../input.js';
import { ALLOW_SLOW, BUDGETS, DEFAULTS, LIMITS, fmtLimit } from '../limits.js';
import { findModel, modelsWith } from '../../models/registry.js';
import { DEFAULT_D_GRID, type FrontierMethod, type PlrfFrontier } from '../../numeric/plrf/frontier.js';
import { FrontierError, type Approach } from '../../numeric/frontier.js';
import { MIN_D } from '../../numeric/plrf/setup.js';
import { renderToFile } from '../../plot/render.js';
import { progressBar } from '../curve/progress.js';
import type { CommandContext } from '../context.js';

const METHODS: FrontierMethod[] = ['deterministic', 'volterra', 'sgd'];
/** volterra and sgd form and diagonalise a d x d matrix per size: the one d limit of curve and frontier */
const VOLTERRA_MAX_D = LIMITS.dSampled;

export async function run(opts: Record<string, unknown>, _args: string[], ctx: CommandContext): Promise<number> {
  const supported = modelsWith('frontier').map((m) => m.id).join(', ');
  if (opts.model === undefined) throw new UsageError(`--model is required (frontier supports: ${supported})`);
  const entry = findModel(opts.model);
  const frontier = entry?.frontier;
  if (!entry || !frontier || !entry.engine) throw new UsageError(`--model = '${excerpt(opts.model)}' has no simulated frontier (frontier supports: ${supported})`);
  const model = entry.engine();
  const point = requirePoint(model, opts, 'frontier');
  checkNumericRange(point, 'frontier');
  const method = String(opts.method ?? 'deterministic');
  if (!METHODS.includes(method as FrontierMethod)) throw new UsageError(`--method = '${excerpt(method)}' is not one of: ${METHODS.join(', ')}`);
  const approachRaw = String(opts.approach ?? '2');
  if (!['0', '1', '2'].includes(approachRaw)) throw new UsageError(`--approach = '${excerpt(approachRaw)}' must be 0, 1 or 2`);
  const approach = Number(approachRaw) as Approach;
  let dGrid = DEFAULT_D_GRID;
  if (opts.dGrid !== undefined) {
    dGrid = parseList('d-grid', opts.dGrid);
    if (dGrid.length > LIMITS.gridSizes) throw new UsageError(`--d-grid has ${dGrid.length} sizes: the limit is ${LIMITS.gridSizes}`);
    for (const d of dGrid) if (!Number.isInteger(d) || d < MIN_D) throw new UsageError(`--d-grid: d = ${d} must be an integer >= ${MIN_D}`);
    for (const d of dGrid) if (d > LIMITS.dDeterministic) throw new UsageError(`--d-grid: d = ${d} is beyond the limit d <= ${fmtLimit(LIMITS.dDeterministic)}`);
    if (new Set(dGrid).size < 3) throw new UsageError(`--d-grid needs at least 3 distinct sizes (got ${new Set(dGrid).size})`);
  }
  if (method === 'volterra' || method === 'sgd') {
    const big = dGrid.filter((d) => d > VOLTERRA_MAX_D);
    if (big.length) throw new UsageError(`--d-grid: d = ${big.join(', ')} > ${VOLTERRA_MAX_D} with --method ${method} (a d x d eigendecomposition per size); use --method deterministic for large d`);
  }
  const flops = opts.flops === undefined ? undefined : parseRange('flops', opts.flops);
  if (flops && !(flops[0] > 0)) throw new UsageError(`--flops = '${excerpt(opts.flops)}': lo must be > 0`);
  const batch = opts.batch === undefined ? 1 : parseInteger('batch', opts.batch, 1, LIMITS.batch);
  refuseFlags(opts, method === 'sgd' ? [] : ['runs'], `frontier --method ${method}`, 'it applies to --method sgd');
  const runs = opts.runs === undefined ? DEFAULTS.runs : parseInteger('runs', opts.runs, 1, LIMITS.runs);
  const seed = opts.seed === undefined ? DEFAULTS.seed : parseInteger('seed', opts.seed, 0, LIMITS.seed);
  if (method !== 'deterministic' && opts.allowSlow !== true) {
    // cost estimate: a d x d eigendecomposition per size (~d^3), and for sgd runs x f_hi sample-features per
    // size (f = d B r); f_hi from --flops, else at least 40 d_max^(1 + 2 alpha) (the default window's end,
    // src/numeric/plrf/frontier.ts defaultFlopsWindow, with its learning rate at most 1/2)
    const eig = dGrid.reduce((s, d) => s + d ** 3, 0);
    const fHi = flops ? flops[1] : 40 * Math.pow(Math.max(...dGrid), 1 + 2 * point.alpha) * batch;
    const sgd = method === 'sgd' ? runs * dGrid.length * fHi : 0;
    if (eig > BUDGETS.frontierWork || sgd > BUDGETS.frontierSgdWork) {
      throw new UsageError(`frontier --method ${method}: the estimated work (${eig.toExponential(2)} for the eigendecompositions${method === 'sgd' ? `, ${sgd.toExponential(2)} sgd sample-features for --runs ${runs}` : ''}) exceeds the budget (${BUDGETS.frontierWork.toExponential(0)}${method === 'sgd' ? `, ${BUDGETS.frontierSgdWork.toExponential(0)}` : ''}; minutes of work): lower --d-grid${method === 'sgd' ? ', --runs or --flops' : ''}, or give ${ALLOW_SLOW}`);
    }
  }
  const plot = optionalOutput(opts);
  const bar = await progressBar(`frontier ${method}`, true);
  let res: PlrfFrontier;
  try {
    res = (await frontier.run(point, { dGrid, flops, method: method as FrontierMethod, approach, batch, runs, seed, onProgress: (i: number, n: number) => bar.update(i / n) })) as PlrfFrontier;
  } catch (e) {
    if (e instanceof FrontierError) throw new UsageError(e.message);
    throw e;
  } finally {
    bar.stop();
  }
  const out = {
    measured: { xi: res.fit.xi, eta: res.fit.eta },
    theory: res.theory,
    approach,
    method,
    params: { ...point, batch, seed, ...(method === 'sgd' ? { runs } : {}), v: 'v = 4d', lr: 'trace rule 0.5 min(1/tr D, 1/(B+1))' },
    dGrid: res.dGrid,
    flops: res.fit.window,
    requestedFlops: res.requestedWindow,
    envelope: res.fit.envelope,
    bootstrap: res.fit.bootstrap,
    provenance: {
      tag: 'derived',
      source: "docs/theory/plrf.md §7 recipe (approach names: arXiv:2405.15074; exact definitions: unverified); curves by the chosen method; theory exponents from the engine",
    },
  };
  if (opts.json) ctx.out(toJson(out) + '\n');
  else ctx.out(formatText(frontier.title, res, method, approach));
  if (plot) {
    const fmt = await renderToFile(plotSpec(res, approach), plot);
    ctx.err(`wrote ${plot.path} (${fmt})\n`);
  }
  return 0;
}

const f3 = (x: number | null) => (x === null ? 'n/a (jumps here)' : x.toFixed(4));

function formatText(title: string, r: PlrfFrontier, method: string, approach: Approach): string {
  const w = r.fit.window!;
  return [
    `${title}, method ${method}, approach ${approach}`,
    `d grid   ${r.dGrid.join(', ')}`,
    `flops window used ${w[0].toExponential(2)} .. ${w[1].toExponential(2)} (${Math.log10(w[1] / w[0]).toFixed(2)} decades with an interior optimum; requested ${r.requestedWindow.map((x) => x.toExponential(2)).join(' .. ')})`,
    '',
    `              measured  95% bootstrap CI       theory (engine, phase ${r.theory.phase})`,
    `  xi  (d*)    ${r.fit.xi.value.toFixed(4)}    [${r.fit.xi.ci.map((x) => x.toFixed(4)).join(', ')}]    ${f3(r.theory.xi)}  [${r.theory.provenance.xi}]`,
    `  eta (P*)    ${r.fit.eta.value.toFixed(4)}    [${r.fit.eta.ci.map((x) => x.toFixed(4)).join(', ')}]    ${f3(r.theory.eta)}  [${r.theory.provenance.eta}]`,
    '',
    'Finite sizes bias the fits (docs/theory/plrf.md §7: 0.005-0.025 at d <= 12800 above the line; more below it).',
  ].join('\n') + '\n';
}

function plotSpec(r: PlrfFrontier, approach: Approach): Record<string, unknown> {
  const curves = r.curves.flatMap((c) => c.flops.map((f, i) => ({ f, loss: c.loss[i], d: String(c.d) })));
  const env = r.fit.envelope.flops.map((f, i) => ({ f, loss: r.fit.envelope.loss[i] }));
  const fitLine = [r.fit.window![0], r.fit.window![1]].map((f) => ({ f, loss: Math.exp(r.fit.intercepts.logP - r.fit.eta.value * Math.log(f)) }));
  const x = { field: 'f', type: 'quantitative', scale: { type: 'log' }, title: 'flops f = d B r', axis: { format: '.0e' } };
  const y = { field: 'loss', type: 'quantitative', scale: { type: 'log' }, title: 'loss', axis: { format: '.0e' } };
  return {
    $schema: 'https://vega.github.io/schema/vega-lite/v6.json',
    width: 620,
    height: 420,
    title: {
      text: `PLRF compute frontier (approach ${approach})`,
      subtitle: `measured eta = ${r.fit.eta.value.toFixed(3)}, xi = ${r.fit.xi.value.toFixed(3)}; theory (${r.theory.phase}) eta = ${f3(r.theory.eta)}, xi = ${f3(r.theory.xi)}`,
    },
    layer: [
      { data: { values: curves }, mark: { type: 'line', strokeWidth: 1, opacity: 0.7 }, encoding: { x, y, color: { field: 'd', type: 'ordinal', sort: r.dGrid.map(String), title: 'd', scale: { scheme: 'viridis' } } } },
      { data: { values: env }, mark: { type: 'point', color: 'black', size: 12 }, encoding: { x, y } },
      { data: { values: fitLine }, mark: { type: 'line', color: 'red', strokeDash: [6, 4], strokeWidth: 2 }, encoding: { x, y } },
    ],
  };
}
