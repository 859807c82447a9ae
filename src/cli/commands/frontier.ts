// `scaling-theory frontier --model plrf --alpha A --beta B [--d-grid 200,400,...] [--flops 1e5:1e10]
//   --method deterministic|volterra|sgd --approach 0|1|2 [--json] [--plot FILE]`, and
// `frontier --map --model plrf --alpha-grid lo:hi:n --beta-grid lo:hi:n [--workers K] ...`: the exponent map.
// Simulated compute frontier (src/numeric/plrf/frontier.ts) next to the engine's exponents.
import { UsageError, parseInteger, parseList, parseRange, toJson } from '../errors.js';
import { optionalOutput } from '../output.js';
import { requirePoint, checkNumericRange, checkMargin, modelFlag } from '../point.js';
import { refuseFlags, flagName } from '../flags.js';
import { excerpt } from '../input.js';
import { ALLOW_SLOW, BUDGETS, DEFAULTS, LIMITS, fmtLimit } from '../limits.js';
import { findModel, modelsWith } from '../../models/registry.js';
import { DEFAULT_D_GRID, type FrontierMethod, type PlrfFrontier } from '../../numeric/plrf/frontier.js';
import { FrontierError, type Approach } from '../../numeric/frontier.js';
import { MIN_D } from '../../numeric/plrf/setup.js';
import { renderToFile } from '../../plot/render.js';
import { progressBar } from '../curve/progress.js';
import type { CommandContext } from '../context.js';
import { availableParallelism } from 'node:os';
import { theoryExponents } from '../../models/theory-entry.js';
import { DomainError } from '../../errors.js';
import { gridValues, mapPoint, phaseSummary, runMapTasks, type MapPoint, type MapTask, type PhaseSummary } from '../../numeric/plrf/map.js';
import type { FrontierTheory } from '../../numeric/plrf/frontier.js';
import type { Model } from '../../engine/model.js';

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
  if (opts.map) return runMap(opts, entry.frontier!.title, model, ctx);
  refuseFlags(opts, ['alphaGrid', 'betaGrid', 'workers'], 'frontier without --map', 'give --map for an exponent map');
  const point = requirePoint(model, opts, 'frontier');
  checkNumericRange(point, 'frontier');
  const method = String(opts.method ?? 'deterministic');
  if (!METHODS.includes(method as FrontierMethod)) throw new UsageError(`--method = '${excerpt(method)}' is not one of: ${METHODS.join(', ')}`);
  const approach = parseApproach(opts);
  const dGrid = parseDGrid(opts);
  if (method === 'volterra' || method === 'sgd') {
    const big = dGrid.filter((d) => d > VOLTERRA_MAX_D);
    if (big.length) throw new UsageError(`--d-grid: d = ${big.join(', ')} > ${VOLTERRA_MAX_D} with --method ${method} (a d x d eigendecomposition per size); use --method deterministic for large d`);
  }
  const flops = parseFlops(opts);
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

/** `--flops lo:hi` with lo > 0, or undefined (the default window from the grid). */
function parseFlops(opts: Record<string, unknown>): [number, number] | undefined {
  const flops = opts.flops === undefined ? undefined : parseRange('flops', opts.flops);
  if (flops && !(flops[0] > 0)) throw new UsageError(`--flops = '${excerpt(opts.flops)}': lo must be > 0`);
  return flops;
}

/** `--approach 0|1|2` (default 2). */
function parseApproach(opts: Record<string, unknown>): Approach {
  const approachRaw = String(opts.approach ?? '2');
  if (!['0', '1', '2'].includes(approachRaw)) throw new UsageError(`--approach = '${excerpt(approachRaw)}' must be 0, 1 or 2`);
  return Number(approachRaw) as Approach;
}

/** `--d-grid` (default DEFAULT_D_GRID): integers >= MIN_D, at most LIMITS.gridSizes, at least 3 distinct. */
function parseDGrid(opts: Record<string, unknown>): number[] {
  if (opts.dGrid === undefined) return DEFAULT_D_GRID;
  const dGrid = parseList('d-grid', opts.dGrid);
  if (dGrid.length > LIMITS.gridSizes) throw new UsageError(`--d-grid has ${dGrid.length} sizes: the limit is ${LIMITS.gridSizes}`);
  for (const d of dGrid) if (!Number.isInteger(d) || d < MIN_D) throw new UsageError(`--d-grid: d = ${d} must be an integer >= ${MIN_D}`);
  for (const d of dGrid) if (d > LIMITS.dDeterministic) throw new UsageError(`--d-grid: d = ${d} is beyond the limit d <= ${fmtLimit(LIMITS.dDeterministic)}`);
  if (new Set(dGrid).size < 3) throw new UsageError(`--d-grid needs at least 3 distinct sizes (got ${new Set(dGrid).size})`);
  return dGrid;
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

export function plotSpec(r: PlrfFrontier, approach: Approach): Record<string, unknown> {
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

// ---- `frontier --map`: the simulated exponent map (src/numeric/plrf/map.ts) ----

/** Grid points per axis and in all (a point costs 1-3 s at the default d grid). */
export const MAP_LIMITS = { perAxis: 40, points: 400, workers: 16 };
const GRID_FORM = "'lo:hi:n' (numbers lo <= hi, n an integer from 1 to " + MAP_LIMITS.perAxis + '; n = 1 needs lo = hi)';

/** `--alpha-grid lo:hi:n`: n equally spaced values; a malformed grid is an error naming the flag, the value and the valid form. */
export function parseGrid(flag: string, raw: unknown): number[] {
  const text = String(raw ?? '');
  const bad = (why: string) => new UsageError(`--${flag} = '${excerpt(text)}' ${why}: the valid form is ${GRID_FORM}`);
  const parts = text.split(':');
  if (parts.length !== 3) throw bad('is not lo:hi:n');
  const [lo, hi, n] = parts.map((x) => (/^\s*[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?\s*$/.test(x) ? Number(x) : NaN));
  if (!Number.isFinite(lo) || !Number.isFinite(hi)) throw bad('has a bound that is not a finite number');
  if (!Number.isInteger(n) || n < 1 || n > MAP_LIMITS.perAxis) throw bad(`has n = ${parts[2].trim()}, not an integer from 1 to ${MAP_LIMITS.perAxis}`);
  if (!(lo <= hi)) throw bad('has lo > hi');
  if (n === 1 && lo !== hi) throw bad('has n = 1 with lo != hi');
  if (n > 1 && lo === hi) throw bad(`has lo = hi with n = ${n} (the same value ${n} times)`);
  for (const x of [lo, hi]) if (Math.abs(x) > LIMITS.numericParameter) throw bad(`reaches ${x}, beyond the limit |x| <= ${LIMITS.numericParameter} of the numerics`);
  return gridValues(lo, hi, n);
}

async function runMap(opts: Record<string, unknown>, title: string, model: Model, ctx: CommandContext): Promise<number> {
  const params = model.theory.parameters.map((p) => p.name);
  if (params.join(',') !== 'alpha,beta') throw new UsageError(`frontier --map: ${modelFlag(model)} has parameters ${params.join(', ')}; the map is over (alpha, beta)`);
  refuseFlags(opts, ['alpha', 'beta'], 'frontier --map', 'the map takes --alpha-grid and --beta-grid');
  refuseFlags(opts, ['runs'], 'frontier --map', 'the map uses the deterministic method');
  if (opts.method !== undefined && opts.method !== 'deterministic') throw new UsageError(`--method = '${excerpt(opts.method)}': frontier --map runs the deterministic method only (the exact methods cost a d x d eigendecomposition per size and point)`);
  for (const f of ['alphaGrid', 'betaGrid']) if (opts[f] === undefined) throw new UsageError(`frontier --map needs ${flagName(f)} lo:hi:n`);
  const alphas = parseGrid('alpha-grid', opts.alphaGrid);
  const betas = parseGrid('beta-grid', opts.betaGrid);
  if (alphas.length * betas.length > MAP_LIMITS.points) throw new UsageError(`--alpha-grid x --beta-grid has ${alphas.length * betas.length} points: the limit is ${MAP_LIMITS.points}`);
  const approach = parseApproach(opts);
  const dGrid = parseDGrid(opts);
  const flops = parseFlops(opts);
  const batch = opts.batch === undefined ? 1 : parseInteger('batch', opts.batch, 1, LIMITS.batch);
  const seed = opts.seed === undefined ? DEFAULTS.seed : parseInteger('seed', opts.seed, 0, LIMITS.seed);
  const workers = opts.workers === undefined ? Math.min(2, availableParallelism()) : parseInteger('workers', opts.workers, 1, MAP_LIMITS.workers);
  const plot = optionalOutput(opts);

  // every point: inside the domain (with the margin of single runs) or skipped with the reason; the engine's theory
  const tasks: MapTask[] = [];
  const skipped: MapPoint[] = [];
  const order: Array<{ task?: number; skip?: number }> = [];
  for (const alpha of alphas) {
    for (const beta of betas) {
      const point = { alpha, beta };
      try {
        checkMargin(model, point);
      } catch (e) {
        if (!(e instanceof UsageError || e instanceof DomainError)) throw e;
        order.push({ skip: skipped.length });
        skipped.push({ alpha, beta, status: 'skipped', reason: (e as Error).message.replace(/^--\w+ = \S+ is /, 'the point is '), phase: null, theory: { xi: null, eta: null } });
        continue;
      }
      const theory = theoryExponents(model, point) as unknown as FrontierTheory;
      order.push({ task: tasks.length });
      tasks.push({ alpha, beta, theory, dGrid, flops, approach, batch, seed });
    }
  }
  const bar = await progressBar(`frontier --map (${tasks.length} points, ${workers} worker${workers > 1 ? 's' : ''})`, !opts.json);
  const t0 = performance.now();
  let results;
  try {
    results = await runMapTasks(tasks, workers, (k, n) => bar.update(k / n));
  } finally {
    bar.stop();
  }
  const seconds = (performance.now() - t0) / 1000;
  const points = order.map((o) => (o.task !== undefined ? mapPoint(tasks[o.task], results[o.task]) : skipped[o.skip!]));
  for (const [i, r] of results.entries()) if (!r.ok && !r.frontierError) throw new Error(`frontier --map at (${tasks[i].alpha}, ${tasks[i].beta}): ${r.error}`);
  const phases = phaseSummary(points);
  const count = (s: MapPoint['status']) => points.filter((p) => p.status === s).length;
  const out = {
    points,
    phases,
    summary: { points: points.length, ok: count('ok'), skipped: count('skipped'), failed: count('failed') },
    settings: {
      alphaGrid: alphas,
      betaGrid: betas,
      method: 'deterministic',
      approach,
      dGrid: [...dGrid].sort((a, b) => a - b),
      flops: flops ?? 'default window from the d grid (per point: src/numeric/plrf/frontier.ts defaultFlopsWindow)',
      batch,
      seed,
      workers,
      v: 'v = 4d',
      lr: 'trace rule 0.5 min(1/tr D, 1/(B+1))',
    },
    seconds: Number(seconds.toFixed(2)),
    provenance: {
      tag: 'derived',
      source: 'docs/plrf-numerics.md ("The exponent map"); each point is one deterministic frontier run (docs/theory/plrf.md §7 recipe); theory exponents and phases from the engine',
    },
  };
  if (opts.json) ctx.out(toJson(out) + '\n');
  else ctx.out(formatMap(title, out.points, phases, out.settings, seconds));
  if (plot) {
    const fmt = await renderToFile(mapPlotSpec(model, points, alphas, betas, approach, dGrid), plot);
    ctx.err(`wrote ${plot.path} (${fmt})\n`);
  }
  return 0;
}

const s4 = (x: number | null | undefined) => (x === null || x === undefined ? '   n/a' : (x >= 0 ? '+' : '') + x.toFixed(4));
const v4 = (x: number | null | undefined) => (x === null || x === undefined ? ' n/a  ' : x.toFixed(4));

function formatMap(title: string, points: MapPoint[], phases: PhaseSummary[], st: { approach: Approach; dGrid: number[]; workers: number }, seconds: number): string {
  const lines = [
    `${title}: exponent map, method deterministic, approach ${st.approach}, d grid ${st.dGrid.join(', ')}`,
    `${points.length} points, ${points.filter((p) => p.status === 'ok').length} measured, ${st.workers} worker(s), ${seconds.toFixed(1)} s`,
    '',
    '  alpha    beta   phase      xi meas  theory   diff      eta meas theory   diff',
  ];
  for (const p of points) {
    const head = `  ${p.alpha.toFixed(4).padStart(6)}  ${p.beta.toFixed(4).padStart(6)}  `;
    if (p.status !== 'ok') {
      lines.push(`${head}${p.status}: ${p.reason}`);
      continue;
    }
    lines.push(`${head}${String(p.phase ?? 'boundary').padEnd(9)}  ${v4(p.measured!.xi)}   ${v4(p.theory.xi)}  ${s4(p.difference!.xi)}    ${v4(p.measured!.eta)}   ${v4(p.theory.eta)}  ${s4(p.difference!.eta)}`);
  }
  lines.push('', 'measured minus theory per phase (engine phases):', '  phase      points   xi mean|d|  max|d|    eta mean|d|  max|d|');
  for (const ph of phases) lines.push(`  ${ph.phase.padEnd(9)}  ${String(ph.points).padStart(6)}   ${v4(ph.xi.meanAbs)}      ${v4(ph.xi.maxAbs)}    ${v4(ph.eta.meanAbs)}       ${v4(ph.eta.maxAbs)}`);
  lines.push('', 'Finite sizes bias the fits (docs/plrf-numerics.md: 0.005-0.04 above the high-dimensional line; more below it).');
  return lines.join('\n') + '\n';
}

/** Heat maps of measured minus theory (xi, eta) over the (alpha, beta) plane, with the engine's phase boundaries. */
function mapPlotSpec(model: Model, points: MapPoint[], alphas: number[], betas: number[], approach: Approach, dGrid: number[]): Record<string, unknown> {
  const half = (xs: number[]) => (xs.length > 1 ? (xs[xs.length - 1] - xs[0]) / (xs.length - 1) / 2 : 0.05);
  const ha = half(alphas), hb = half(betas);
  const cells = points.flatMap((p) =>
    (['xi', 'eta'] as const).map((q) => ({
      q,
      a0: p.alpha - ha, a1: p.alpha + ha, b0: p.beta - hb, b1: p.beta + hb,
      alpha: p.alpha, beta: p.beta, phase: p.phase ?? p.status,
      diff: p.status === 'ok' ? p.difference![q] : null,
      status: p.status,
    })),
  );
  const seg = phaseBoundaries(model, [alphas[0] - ha, alphas[alphas.length - 1] + ha], [betas[0] - hb, betas[betas.length - 1] + hb]);
  const maxAbs = Math.max(0.01, ...cells.map((c) => (c.diff === null ? 0 : Math.abs(c.diff))));
  const x = { field: 'a0', type: 'quantitative', title: 'alpha (data exponent)', scale: { zero: false, nice: false } };
  const y = { field: 'b0', type: 'quantitative', title: 'beta (target exponent)', scale: { zero: false, nice: false } };
  const panel = (q: 'xi' | 'eta') => ({
    width: 320,
    height: 300,
    title: `${q} measured - theory`,
    layer: [
      {
        data: { values: cells.filter((c) => c.q === q && c.diff !== null) },
        mark: { type: 'rect' },
        encoding: {
          x, x2: { field: 'a1' }, y, y2: { field: 'b1' },
          color: { field: 'diff', type: 'quantitative', title: `${q} diff`, scale: { scheme: 'redblue', reverse: true, domain: [-maxAbs, maxAbs] } },
          tooltip: [{ field: 'alpha' }, { field: 'beta' }, { field: 'phase' }, { field: 'diff', format: '.4f' }],
        },
      },
      { data: { values: cells.filter((c) => c.q === q && c.diff === null) }, mark: { type: 'rect', color: '#dddddd' }, encoding: { x, x2: { field: 'a1' }, y, y2: { field: 'b1' } } },
      { data: { values: seg }, mark: { type: 'rule', color: 'black', strokeWidth: 1.5 }, encoding: { x: { ...x, field: 'x' }, x2: { field: 'x2' }, y: { ...y, field: 'y' }, y2: { field: 'y2' } } },
    ],
    resolve: { scale: { color: 'independent' } },
  });
  return {
    $schema: 'https://vega.github.io/schema/vega-lite/v6.json',
    title: {
      text: 'PLRF simulated exponent map: measured minus theory',
      subtitle: `deterministic equivalent, approach ${approach}, d = ${Math.min(...dGrid)}..${Math.max(...dGrid)}; black: phase boundaries of the engine (and 2 alpha + 2 beta = 1); grey: skipped or no frontier`,
    },
    hconcat: [panel('xi'), panel('eta')],
    resolve: { scale: { color: 'independent' } },
  };
}

/** Phase boundaries as short segments between neighbouring cells of a fine grid classified by the engine (outside the domain counts as a phase). */
function phaseBoundaries(model: Model, ar: [number, number], br: [number, number], n = 120): Array<{ x: number; x2: number; y: number; y2: number }> {
  const da = (ar[1] - ar[0]) / n, db = (br[1] - br[0]) / n;
  const label = (a: number, b: number) => {
    try {
      model.checkDomain({ alpha: a, beta: b });
      return model.exponents({ alpha: a, beta: b }).phase ?? 'boundary';
    } catch (e) {
      if (e instanceof DomainError) return 'outside';
      throw e;
    }
  };
  const L: string[][] = [];
  // sampled slightly off the cell centres (0.513, 0.487 of a cell), so a grid line of the map (alpha = 1/2) is not sampled exactly on a boundary (a boundary label there drew a double line)
  for (let i = 0; i < n; i++) L.push(Array.from({ length: n }, (_, j) => label(ar[0] + (i + 0.513) * da, br[0] + (j + 0.487) * db)));
  // runs of consecutive boundary edges are merged into one segment (a straight boundary is one rule)
  const out: Array<{ x: number; x2: number; y: number; y2: number }> = [];
  for (let i = 0; i + 1 < n; i++) {
    for (let j = 0; j < n; j++) {
      if (L[i][j] === L[i + 1][j]) continue;
      const j0 = j;
      while (j + 1 < n && L[i][j + 1] !== L[i + 1][j + 1]) j++;
      out.push({ x: ar[0] + (i + 1) * da, x2: ar[0] + (i + 1) * da, y: br[0] + j0 * db, y2: br[0] + (j + 1) * db });
    }
  }
  for (let j = 0; j + 1 < n; j++) {
    for (let i = 0; i < n; i++) {
      if (L[i][j] === L[i][j + 1]) continue;
      const i0 = i;
      while (i + 1 < n && L[i + 1][j] !== L[i + 1][j + 1]) i++;
      out.push({ x: ar[0] + i0 * da, x2: ar[0] + (i + 1) * da, y: br[0] + (j + 1) * db, y2: br[0] + (j + 1) * db });
    }
  }
  return out;
}
