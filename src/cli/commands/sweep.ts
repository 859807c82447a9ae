// `scaling-theory sweep`: the information-bound template [reconstruction] (or its negative control) over a
// range of budgets, showing the local slope d ln p*/d ln C approach the engine's asymptotic exponent
// (1/2 for the template, from below and slowly; 1/3 for the negative control); or, with --d lo:hi, the
// ratio p*/T* against the input dimension at a fixed budget under one of the labelled mappings.
import { DomainError } from '../../errors.js';
import { UsageError, parseRange, parseNumber, parseInteger, toJson } from '../errors.js';
import { optionalOutput, type OutputFile } from '../output.js';
import { allowOnly } from '../flags.js';
import { excerpt } from '../input.js';
import { LIMITS } from '../limits.js';
import { renderToFile, type VegaLiteSpec } from '../../plot/render.js';
import { requireBoundModel, requireBoundParams, requireLaw, budgetFlag, boundFlags, LAW_FLAGS } from '../allocation.js';
import { findModel, type ScalingModel } from '../../models/registry.js';
import { fmtAuto as fmt } from '../../format.js';
import type { CommandContext } from '../context.js';


const COMMON = ['perDecade', 'plot'];

export async function run(opts0: Record<string, unknown>, _args: string[], ctx: CommandContext): Promise<number> {
  if (opts0.law !== undefined) {
    if (opts0.model !== undefined || opts0.preset !== undefined) throw new UsageError('give either --law or --model/--preset, not both');
    const opts = budgetFlag(opts0, 'flops', ctx.err);
    allowOnly(opts, [...LAW_FLAGS, ...COMMON], 'sweep --law');
    const perDecadeLaw = parseInteger('per-decade', opts.perDecade ?? '4', 1);
    if (perDecadeLaw > LIMITS.perDecade) throw new UsageError(`--per-decade = ${perDecadeLaw} must be <= ${LIMITS.perDecade}`);
    return sweepLaw(opts, perDecadeLaw, optionalOutput(opts), ctx);
  }
  const opts = budgetFlag(opts0, 'compute', ctx.err);
  const model = requireBoundModel(opts);
  allowOnly(opts, [...boundFlags(model), ...COMMON], `sweep --model ${model.id}`);
  const perDecade = parseInteger('per-decade', opts.perDecade ?? '4', 1);
  if (perDecade > LIMITS.perDecade) throw new UsageError(`--per-decade = ${perDecade} must be <= ${LIMITS.perDecade}`);
  if (opts.d !== undefined) return sweepDimension(model, opts, perDecade, ctx);
  return sweepBudget(model, opts, perDecade, ctx);
}

async function sweepBudget(model: ScalingModel, opts: Record<string, unknown>, perDecade: number, ctx: CommandContext): Promise<number> {
  const lib = await import('../../law/info-bound.js');
  const bound = model.bound!;
  if (opts.compute === undefined) throw new UsageError('--compute lo:hi is required (e.g. --compute 1e4:1e24)');
  const [lo, hi] = parseRange('compute', opts.compute);
  if (!(lo > 0)) throw new UsageError(`--compute = '${excerpt(opts.compute)}': budgets must be > 0`);
  if (Math.log10(hi / lo) * perDecade > LIMITS.sweepPoints) throw new UsageError(`--compute = '${excerpt(opts.compute)}' with --per-decade ${perDecade} gives more than ${LIMITS.sweepPoints} budgets`);
  const bp = requireBoundParams(opts, model);
  const plot = optionalOutput(opts);
  if (bound.minBudget && lo <= bound.minBudget(bp.m, bp.k)) bound.optimum(bp.m, bp.k, lo); // throws the bound's own error (data-starved)
  const budgets = lib.logGrid(lo, hi, perDecade);
  const rows = lib.sweepBound(bound.optimum, bp.m, bp.k, budgets);
  const pairs = lib.decadePairSlopes(rows);
  const asym = bound.asymptotics();
  // the contrasting model, at the same constants (where it has an optimum)
  const otherModel = findModel(bound.contrast);
  const other = otherModel?.id ?? '';
  const otherBound = otherModel?.bound;
  const otherAsym = otherBound ? otherBound.asymptotics() : null;
  let contrast: Array<{ C: number; slope: number }> = [];
  if (otherBound) {
    const start = otherBound.minBudget ? Math.max(lo, 1.01 * otherBound.minBudget(bp.m, bp.k)) : lo;
    try {
      contrast = lib.sweepBound(otherBound.optimum, bp.m, bp.k, budgets.filter((C) => C >= start)).map((r) => ({ C: r.C, slope: r.slope }));
    } catch (e) {
      if (!(e instanceof DomainError)) throw e;
      contrast = [];
    }
  }
  const warnings: string[] = [];
  if (bound.localBelow && lo < bound.localBelow(bp.m, bp.k)) {
    warnings.push(`below C = ${fmt(bound.localBelow(bp.m, bp.k))} (${fmt(bound.localBelow(1, 1))} m k) the interior optimum is only local: the edge T = k gives a lower E [derived]`);
  }
  const [c1, c2] = bound.constants;
  const rising = rows.every((r, i) => i === 0 || r.slope >= rows[i - 1].slope - 1e-9);
  const result = {
    model: model.id,
    title: model.title,
    label: bound.label,
    provenance: model.provenance,
    params: { [c1]: bp.m, [c2]: bp.k },
    rows,
    decadePairSlopes: pairs,
    asymptotic: { p: asym.p.value, expr: asym.p.expr, latex: asym.p.latex, provenance: 'derived', note: asym.note },
    slopeBelowAsymptote: rows.every((r) => r.slope < (asym.p.value ?? 0)),
    slopeRising: rising,
    contrast: { model: other, asymptotic: otherAsym?.p.value ?? null, expr: otherAsym?.p.expr ?? null, slopes: contrast },
    warnings,
  };
  if (plot) {
    await renderToFile(slopePlot(result.title, rows, pairs, asym.p.value ?? NaN, asym.p.expr, other, contrast, otherAsym?.p.value ?? NaN), plot);
    ctx.err(`wrote ${plot.path}\n`);
  }
  if (opts.json) {
    ctx.out(toJson(result) + '\n');
    return 0;
  }
  const L = [result.label, `  ${Object.entries(result.params).map(([k, v]) => `${k} = ${fmt(v)}`).join(', ')}; engine asymptote of d ln p*/d ln C: ${asym.p.expr} (${asym.note})`, ''];
  L.push(`  ${'C'.padEnd(12)} ${'p*'.padEnd(12)} ${'T*'.padEnd(12)} ${'E*'.padEnd(12)} ${'p*/T*'.padEnd(12)} slope`);
  for (const r of rows) L.push(`  ${fmt(r.C).padEnd(12)} ${fmt(r.p).padEnd(12)} ${fmt(r.T).padEnd(12)} ${fmt(r.error).padEnd(12)} ${fmt(r.ratio).padEnd(12)} ${r.slope.toFixed(4)}`);
  L.push('');
  L.push(`  average slope over decade pairs: ${pairs.filter((_, i) => i % perDecade === 0).map((p) => `${fmt(p.from)}-${fmt(p.to)}: ${p.slope.toFixed(3)}`).join(', ')}`);
  for (const w of warnings) L.push(`warning: ${w}`);
  L.push(`  slope ${result.slopeBelowAsymptote ? 'stays below' : 'does NOT stay below'} ${asym.p.expr} and ${rising ? 'rises' : 'does NOT rise'} with C; contrast (${other}): slope -> ${otherAsym?.p.expr}`);
  ctx.out(L.join('\n') + '\n');
  return 0;
}

async function sweepDimension(model: ScalingModel, opts: Record<string, unknown>, perDecade: number, ctx: CommandContext): Promise<number> {
  if (!model.bound?.mappings?.length) throw new UsageError(`--d sweeps need a bound with input-dimension mappings (${model.id} has none)`);
  const lib = await import('../../law/info-bound.js');
  const [lo, hi] = parseRange('d', opts.d);
  if (!(lo > 0)) throw new UsageError(`--d = '${excerpt(opts.d)}': dimensions must be > 0`);
  if (Math.log10(hi / lo) * perDecade > LIMITS.sweepPoints) throw new UsageError(`--d = '${excerpt(opts.d)}' with --per-decade ${perDecade} gives more than ${LIMITS.sweepPoints} dimensions`);
  if (opts.compute === undefined) throw new UsageError('--compute C (one budget) is required with --d');
  const C = parseNumber('compute', opts.compute);
  if (!(C > 0)) throw new UsageError(`--compute = ${C} must be > 0`);
  requireBoundParams({ ...opts, d: undefined }, model, lo);
  const plot = optionalOutput(opts);
  const ds = lib.logGrid(lo, hi, perDecade);
  const rows = ds.map((d) => {
    const bp = requireBoundParams({ ...opts, d: undefined }, model, d);
    const o = model.bound!.optimum(bp.m, bp.k, C);
    return { d, m: bp.m, k: bp.k, p: o.p, T: o.T, error: o.error, ratio: o.ratio, slope: o.slope };
  });
  const dim = requireBoundParams({ ...opts, d: undefined }, model, ds[0]).dimension!;
  const increasing = rows.every((r, i) => i === 0 || r.ratio > rows[i - 1].ratio);
  const result = {
    model: model.id,
    label: model.bound.label,
    provenance: model.provenance,
    C,
    mapping: { id: dim.mapping, label: dim.label, m: dim.m, k: dim.k, S: dim.S, k0: dim.k0, provenance: dim.provenance },
    rows,
    ratioIncreasingInD: increasing,
    claim: 'dimension-share: at fixed C, p*/T* increases with d (arXiv:2212.01365 abstract, docs/theory/info-bound.md §1)',
  };
  if (plot) {
    const spec: VegaLiteSpec = {
      $schema: 'https://vega.github.io/schema/vega-lite/v6.json',
      width: 520,
      height: 320,
      title: { text: `p*/T* against input dimension at C = ${fmt(C)}`, subtitle: [`${dim.label}`, 'Jeon-Van Roy-style template [reconstruction]'] },
      data: { values: rows },
      mark: { type: 'line', point: true },
      encoding: {
        x: { field: 'd', type: 'quantitative', scale: { type: 'log' }, title: 'input dimension d' },
        y: { field: 'ratio', type: 'quantitative', scale: { type: 'log' }, title: 'p*/T*' },
      },
    };
    await renderToFile(spec, plot);
    ctx.err(`wrote ${plot.path}\n`);
  }
  if (opts.json) {
    ctx.out(toJson(result) + '\n');
    return 0;
  }
  const L = [model.bound.label, `  mapping ${dim.mapping}: ${dim.label}; m = ${dim.m}, k = ${dim.k} with S = ${fmt(dim.S)}, k0 = ${fmt(dim.k0)}; C = ${fmt(C)}`, ''];
  L.push(`  ${'d'.padEnd(10)} ${'m'.padEnd(12)} ${'k'.padEnd(12)} ${'p*'.padEnd(12)} ${'T*'.padEnd(12)} p*/T*`);
  for (const r of rows) L.push(`  ${fmt(r.d).padEnd(10)} ${fmt(r.m).padEnd(12)} ${fmt(r.k).padEnd(12)} ${fmt(r.p).padEnd(12)} ${fmt(r.T).padEnd(12)} ${fmt(r.ratio)}`);
  L.push('');
  L.push(`  p*/T* ${increasing ? 'increases' : 'does NOT increase'} with d under this mapping (claim dimension-share)`);
  ctx.out(L.join('\n') + '\n');
  return 0;
}

function slopePlot(
  title: string,
  rows: Array<{ C: number; slope: number }>,
  pairs: Array<{ from: number; to: number; slope: number }>,
  asym: number,
  asymExpr: string,
  other: string,
  contrast: Array<{ C: number; slope: number }>,
  otherAsym: number,
): VegaLiteSpec {
  const values = [
    ...rows.map((r) => ({ C: r.C, slope: r.slope, series: 'local slope d ln p*/d ln C' })),
    ...pairs.map((p) => ({ C: Math.sqrt(p.from * p.to), slope: p.slope, series: 'average over a decade pair' })),
    ...contrast.map((r) => ({ C: r.C, slope: r.slope, series: `${other}: local slope` })),
  ];
  const rules = [
    { y: asym, label: `engine asymptote ${asymExpr}` },
    { y: otherAsym, label: `${other} asymptote` },
  ].filter((r) => Number.isFinite(r.y));
  return {
    $schema: 'https://vega.github.io/schema/vega-lite/v6.json',
    width: 560,
    height: 340,
    title: { text: title, subtitle: 'Jeon-Van Roy-style template [reconstruction] vs the parameter-counting negative control [derived]' },
    layer: [
      {
        data: { values },
        mark: { type: 'line', point: { size: 12 } },
        encoding: {
          x: { field: 'C', type: 'quantitative', scale: { type: 'log' }, axis: { format: '.0e' }, title: 'compute C = p*T' },
          y: { field: 'slope', type: 'quantitative', scale: { domain: [0.2, 0.55] }, title: 'd ln p*/d ln C' },
          color: { field: 'series', type: 'nominal', title: null, legend: { orient: 'bottom', columns: 1, labelLimit: 500 } },
          strokeDash: { field: 'series', type: 'nominal' },
        },
      },
      {
        data: { values: rules },
        mark: { type: 'rule', color: 'gray', strokeDash: [4, 4] },
        encoding: { y: { field: 'y', type: 'quantitative' } },
      },
      {
        data: { values: rules },
        mark: { type: 'text', align: 'left', dx: 4, dy: -6, color: 'gray' },
        encoding: { y: { field: 'y', type: 'quantitative' }, x: { value: 0 }, text: { field: 'label' } },
      },
    ],
  };
}

/** The compute-optimal frontier of a law (preset or written) over a range of budgets. */
async function sweepLaw(opts: Record<string, unknown>, perDecade: number, plot: OutputFile | undefined, ctx: CommandContext): Promise<number> {
  const { lawOptimum, lawExponents } = await import('../../law/allocate.js');
  const { logGrid } = await import('../../law/info-bound.js');
  const choice = requireLaw(opts);
  const { law, values } = choice;
  const flag = 'flops';
  if (opts[flag] === undefined) throw new UsageError('--flops lo:hi is required (e.g. --flops 1e18:1e26)');
  const [lo, hi] = parseRange(flag, opts[flag]);
  if (!(lo > 0)) throw new UsageError(`--${flag} = '${excerpt(opts[flag])}': budgets must be > 0`);
  if (Math.log10(hi / lo) * perDecade > LIMITS.sweepPoints) throw new UsageError(`--${flag} with --per-decade ${perDecade} gives more than 2000 budgets`);
  const X = law.allocate, Y = law.other;
  const h = 1e-3;
  const rows = logGrid(lo, hi, perDecade).map((C) => {
    const o = lawOptimum(law, values, C);
    // local slope of the exact optimum (central difference in ln C)
    const up = lawOptimum(law, values, C * Math.exp(h)).x[X], down = lawOptimum(law, values, C * Math.exp(-h)).x[X];
    return { C, [X]: o.x[X], [Y]: o.x[Y], loss: o.loss, tokensPerParam: o.x[Y] / o.x[X], slope: Math.log(up / down) / (2 * h) } as Record<string, number>;
  });
  let exponents: { a: number | null; expr: string; latex: string } | null = null;
  const warnings: string[] = [];
  try {
    const ex = lawExponents(law, values);
    exponents = { a: ex.a.value, expr: ex.a.expr, latex: ex.a.latex };
  } catch (e) {
    warnings.push(`the engine gives no exponent for this law: ${(e as Error).message}`);
  }
  const result = {
    law: law.text,
    constraint: law.constraint.text,
    ...(choice.preset ? { preset: { id: choice.preset.id, source: choice.preset.source, provenance: choice.preset.provenance } } : {}),
    values,
    rows,
    exponents: exponents ? { a: { value: exponents.a, expr: exponents.expr, latex: exponents.latex, provenance: 'derived', source: 'engine: dominant balance (docs/architecture.md, "The engine in one paragraph")' } } : null,
    provenance: choice.provenance,
    warnings,
  };
  if (plot) {
    const values2 = rows.flatMap((r) => [
      { C: r.C, value: r[X], series: `${X}_opt` },
      { C: r.C, value: r[Y], series: `${Y}_opt` },
    ]);
    const spec: VegaLiteSpec = {
      $schema: 'https://vega.github.io/schema/vega-lite/v6.json',
      width: 520,
      height: 340,
      title: { text: `Compute-optimal frontier: L = ${law.text}`, subtitle: `${choice.preset ? `${choice.preset.id}: ${choice.preset.source}` : 'user-written law'}; ${law.constraint.text}` },
      data: { values: values2 },
      mark: { type: 'line', point: { size: 10 } },
      encoding: {
        x: { field: 'C', type: 'quantitative', scale: { type: 'log' }, axis: { format: '.0e' }, title: `budget ${law.constraint.budget}` },
        y: { field: 'value', type: 'quantitative', scale: { type: 'log' }, axis: { format: '.0e' }, title: 'optimal allocation' },
        color: { field: 'series', type: 'nominal', title: null },
      },
    };
    await renderToFile(spec, plot);
    ctx.err(`wrote ${plot.path}\n`);
  }
  if (opts.json) {
    ctx.out(toJson(result) + '\n');
    return 0;
  }
  const L = [`L = ${law.text},  ${law.constraint.text}${choice.preset ? `   preset ${choice.preset.id}` : '   (user-written law)'}`];
  if (exponents) L.push(`  engine exponent a (${X}_opt ~ ${law.constraint.budget}^a) = ${exponents.expr} = ${fmt(exponents.a ?? NaN)} [derived]`);
  L.push('');
  L.push(`  ${law.constraint.budget.padEnd(12)} ${(X + '_opt').padEnd(12)} ${(Y + '_opt').padEnd(12)} ${'loss'.padEnd(10)} ${(Y + '/' + X).padEnd(10)} local slope`);
  for (const r of rows) L.push(`  ${fmt(r.C).padEnd(12)} ${fmt(r[X]).padEnd(12)} ${fmt(r[Y]).padEnd(12)} ${fmt(r.loss).padEnd(10)} ${fmt(r.tokensPerParam).padEnd(10)} ${r.slope.toFixed(5)}`);
  for (const w of warnings) L.push(`warning: ${w}`);
  ctx.out(L.join('\n') + '\n');
  return 0;
}
