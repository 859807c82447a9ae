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
import { getModel, getTheory } from '../../models/registry.js';
import { loadLibrary } from '../../models/library.js';
import { cachedLaw } from '../../law/index.js';
import { lawOptimum } from '../../law/allocate.js';
import { scanAndRefine } from '../../numeric/optimize.js';
import { CHINCHILLA_CONSTRAINT, CHINCHILLA_FIT } from '../../../theory/chinchilla.js';
import { KAPLAN_ND_THEORY } from '../../models/laws.js';
import type { FitLaw, DataRow } from '../../fit/law-fit.js';
import type { FreeSpec, TheoryLookup } from '../../fit/laws.js';
import { renderToFile, type VegaLiteSpec } from '../../plot/render.js';
import { CsvError, parseObservations, parseTable, readHeader, type Observation } from '../../fit/csv.js';
import type { CommandContext } from '../context.js';

const APPROACHES = ['parametric', 'isoflop'] as const;
const ROLES = ['N', 'D', 'loss'] as const;
/** roles of a parametric fit: N, D, loss and U (unique tokens, the data-constrained law) */
const LAW_ROLES = ['N', 'D', 'loss', 'U'] as const;

/** `--columns N=params,D=tokens,loss=loss`: the header names read as N, D, loss (unnamed roles keep their own). */
export function parseColumns(raw: unknown, roles: readonly string[] = ROLES): string[] {
  const names: Record<string, string> = Object.create(null) as Record<string, string>;
  if (raw !== undefined) {
    if (typeof raw !== 'string' || raw.trim() === '') throw new UsageError(`--columns needs ROLE=COLUMN pairs, comma-separated (roles: ${roles.join(', ')})`);
    for (const part of raw.split(',')) {
      const m = /^\s*([^=]*?)\s*=\s*(.*?)\s*$/.exec(part);
      if (!m || m[2] === '') throw new UsageError(`--columns: '${excerpt(part)}' is not ROLE=COLUMN (roles: ${roles.join(', ')})`);
      const role = requireName('--columns', m[1], roles, 'is not a role');
      if (Object.prototype.hasOwnProperty.call(names, role)) throw new UsageError(`--columns names ${role} twice`);
      names[role] = m[2];
    }
  }
  const cols = roles.map((r) => (Object.prototype.hasOwnProperty.call(names, r) ? names[r] : r));
  const dup = cols.find((c, i) => cols.indexOf(c) !== i);
  if (dup !== undefined) throw new UsageError(`--columns = '${excerpt(raw)}': column '${excerpt(dup)}' is given two roles (${roles.filter((_, i) => cols[i] === dup).join(', ')})`);
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

/** `--set E=1.69,alpha` -> [{name: 'E', value: 1.69}, {name: 'alpha'}] (a bare name takes a preset's value). */
export function parseSetList(raw: unknown): Array<{ name: string; value?: number }> {
  if (raw === undefined) return [];
  if (typeof raw !== 'string' || raw.trim() === '') throw new UsageError(`--set needs NAME=VALUE pairs, comma-separated (e.g. --set E=1.69,alpha=0.34; a bare NAME takes the --law preset's value)`);
  return raw.split(',').map((part) => {
    const m = /^\s*([A-Za-z_][A-Za-z0-9_]*)\s*(?:=\s*(.*?))?\s*$/.exec(part);
    if (!m) throw new UsageError(`--set: '${excerpt(part)}' is not NAME=VALUE or NAME (valid form: --set E=1.69,alpha=0.34)`);
    if (m[2] === undefined) return { name: m[1] };
    return { name: m[1], value: parseNumber(`set ${m[1]}`, m[2]) };
  });
}

/** `--free E,A,alpha>0,beta:real`: the free parameters, optionally with their sign domain. */
export function parseFreeList(raw: unknown): FreeSpec[] | undefined {
  if (raw === undefined) return undefined;
  if (typeof raw !== 'string' || raw.trim() === '') throw new UsageError(`--free needs parameter names, comma-separated (e.g. --free E,A,alpha>0; NAME>0 fits NAME > 0 by its logarithm, NAME:real lets it take any sign)`);
  const seen = new Set<string>();
  return raw.split(',').map((part) => {
    const m = /^\s*([A-Za-z_][A-Za-z0-9_]*)\s*(>\s*0|:\s*real)?\s*$/.exec(part);
    if (!m) throw new UsageError(`--free: '${excerpt(part)}' is not NAME, NAME>0 or NAME:real (valid form: --free E,A,alpha>0)`);
    if (seen.has(m[1])) throw new UsageError(`--free names ${m[1]} twice`);
    seen.add(m[1]);
    return { name: m[1], ...(m[2] ? { sign: m[2].startsWith('>') ? ('positive' as const) : ('real' as const) } : {}) };
  });
}

const GRIDS = ['default', 'full'] as const;
/** A cold L-BFGS start from a grid point costs about this many warm bootstrap refits (measured, docs/fitting.md). */
const COLD_START_COST = 5;

export async function run(opts: Record<string, unknown>, args: string[], ctx: CommandContext): Promise<number> {
  const file = args[0];
  if (!file) throw new UsageError('fit needs a CSV file with columns N, D, loss');
  const approach = requireName('--approach', opts.approach ?? 'parametric', APPROACHES);
  if (approach === 'isoflop') return runIsoflop(opts, file, ctx);
  allowOnly(opts, ['law', 'approach', 'columns', 'bootstrap', 'seed', 'delta', 'plot', 'set', 'free', 'grid', 'budget'], 'fit --approach parametric', (k) => (['budgetColumn', 'budgets', 'budgetTolerance'].includes(k) ? 'the budget flags belong to --approach isoflop' : undefined));
  const columns = parseColumns(opts.columns, LAW_ROLES);
  const setList = parseSetList(opts.set);
  const freeList = parseFreeList(opts.free);
  const grid = requireName('--grid', opts.grid ?? 'default', GRIDS);
  const B = parseInteger('bootstrap', opts.bootstrap ?? '200', 0);
  if (B > LIMITS.bootstrap) throw new UsageError(`--bootstrap = ${B} must be <= ${LIMITS.bootstrap}`);
  const seed = parseNumber('seed', opts.seed ?? String(DEFAULTS.seed));
  if (!Number.isInteger(seed) || seed < 0 || seed > LIMITS.seed) throw new UsageError(`--seed = ${seed} must be an integer, 0 <= seed <= ${LIMITS.seed}`);
  const delta = parseNumber('delta', opts.delta ?? '1e-3');
  if (!(delta > 0)) throw new UsageError(`--delta = ${delta} must be > 0`);
  if (delta > 10) throw new UsageError(`--delta = ${delta} is beyond the limit delta <= 10 (a Huber threshold on log-loss residuals)`);
  let budget: number | undefined;
  if (opts.budget !== undefined) {
    budget = parseNumber('budget', opts.budget);
    if (!(budget > 0)) throw new UsageError(`--budget = ${budget} is outside the domain (a compute budget in FLOPs > 0)`);
  }
  const lawArg = opts.law === undefined ? CHINCHILLA_FIT.id : opts.law;
  if (typeof lawArg !== 'string' || lawArg.trim() === '') throw new UsageError(`--law needs a law: ${CHINCHILLA_FIT.id}, a ${CHINCHILLA_FIT.id}:* preset, ${KAPLAN_ND_THEORY}, muennighoff2023, theory:<library id>, or a formula such as "E + A/N^alpha + B/D^beta"`);

  const text = readTextInput('CSV file', file, LIMITS.csvBytes);
  const header = readHeader(text);
  // the names a law may use as variables: the roles (mapped by --columns) and the file's other columns
  const roleOf: Record<string, string> = Object.create(null) as Record<string, string>;
  LAW_ROLES.forEach((r, i) => (roleOf[r] = columns[i]));
  const mapped = new Set(Object.values(roleOf));
  // (a role's column missing from the file is reported by the CSV reader, naming the column)
  const available = [...LAW_ROLES.filter((r) => r !== 'loss'), ...header.filter((h) => !mapped.has(h) && !(LAW_ROLES as readonly string[]).includes(h))];
  const { resolveLaw, LawSpecError } = await import('../../fit/laws.js');
  let law: FitLaw;
  try {
    if (lawArg.trim().startsWith('theory:') || lawArg.trim() === KAPLAN_ND_THEORY) await loadLibrary();
    law = resolveLaw({ law: lawArg, set: setList, free: freeList, columns: available }, theoryLookup);
  } catch (e) {
    if (e instanceof LawSpecError) throw new UsageError(e.message);
    throw e;
  }
  const colOf = (v: string) => roleOf[v] ?? v;
  let rows: DataRow[];
  try {
    rows = parseTable(text, excerpt(file, 120), [...law.variables.map(colOf), roleOf.loss], law.free.length + 1, LIMITS.csvRows, `the fit has ${law.free.length} free parameter${law.free.length === 1 ? '' : 's'} and needs`).map((t) => ({
      vars: Object.fromEntries(law.variables.map((v) => [v, t.values[colOf(v)]])),
      loss: t.values[roleOf.loss],
    }));
  } catch (e) {
    if (e instanceof CsvError) throw new UsageError(e.message);
    throw e;
  }
  const force = opts.force === true;
  const { fitLaw, gridSize, lawPrediction } = await import('../../fit/law-fit.js');
  const work = rows.length * (B + 1 + (grid === 'full' ? COLD_START_COST * gridSize(law) : 0));
  if (work > BUDGETS.fitWork && opts.allowSlow !== true) {
    throw new UsageError(`fit: ${rows.length} rows x (--bootstrap ${B} + 1${grid === 'full' ? ` + ${COLD_START_COST} x ${gridSize(law)} grid starts` : ''}) = ${work.toExponential(2)} row-refits exceeds the work budget ${BUDGETS.fitWork.toExponential(0)} (minutes): lower --bootstrap${grid === 'full' ? ', use --grid default' : ''}, or give ${ALLOW_SLOW}`);
  }
  const plot = optionalOutput(opts);
  const free = law.free.map((p) => p.name);
  const hasND = law.variables.includes('N') && law.variables.includes('D');
  const diagRows = rows.map((r) => ({ N: r.vars.N ?? NaN, D: r.vars.D ?? NaN, loss: r.loss, vars: r.vars }));
  const dopts = { terms: law.terms, ...(budget !== undefined && hasND ? { budget } : {}) };
  // what the rows alone say (too few, duplicated, not identifiable), before any work
  refuseErrors([...fitDiagnostics(diagRows, free, undefined, { terms: law.terms }), ...(law.checks?.(rows, free) ?? [])], force, file);

  let bar: { start: (t: number, v: number) => void; update: (v: number) => void; stop: () => void } | undefined;
  if (B > 0 && process.stderr.isTTY) {
    const cp = await import('cli-progress');
    bar = new cp.SingleBar({ format: 'bootstrap [{bar}] {value}/{total}', stream: process.stderr, noTTYOutput: false }, cp.Presets.shades_classic);
    bar.start(B, 0);
  }
  const r = fitLaw(rows, law, { delta, grid, bootstrap: B, seed, onProgress: (d) => bar?.update(d) });
  bar?.stop();
  const warnings: string[] = [];
  if (!r.optimizer.converged) warnings.push(`the best L-BFGS run stopped on '${r.optimizer.status}' (gradient norm ${fmt(r.optimizer.gradNorm)}); check the estimate`);
  if (r.optimizer.agreeingStarts < 2) warnings.push(`only ${r.optimizer.agreeingStarts} of ${r.optimizer.starts} starts reached the best objective: the optimum may not be global`);
  if (r.bootstrap.notConverged > 0) warnings.push(`${r.bootstrap.notConverged} of ${B} bootstrap refits stopped without meeting the convergence test (kept; their objective is the best reached)`);
  if (B > 0 && B < 100) warnings.push(`${B} bootstrap resamples: the 95% interval ends are rough (use 200 or more)`);
  const est: Record<string, number> = { ...law.fixed, ...Object.fromEntries(free.map((k) => [k, r.params[k].value])) };
  const allocation = budget !== undefined ? allocationAt(law, est, budget, lawPrediction) : undefined;
  const diagnostics = [
    ...fitDiagnostics(diagRows, free, { params: r.params, starts: r.startResults }, dopts),
    ...(law.checks?.(rows, free) ?? []),
  ];
  refuseErrors(diagnostics, force, file);
  const exponents = r.exponents
    ? { a: r.exponents.a, b: r.exponents.b, source: `${r.exponents.source}, per bootstrap sample` }
    : null;
  const result = {
    file,
    law: law.text,
    lawId: law.id,
    lawTitle: law.title,
    lawSource: law.source,
    lawProvenance: law.provenance,
    definitions: law.definitions,
    variables: law.variables,
    columns: Object.fromEntries([...law.variables, 'loss'].map((v) => [v, colOf(v)])),
    rows: r.rows,
    free: r.free,
    fixed: r.fixed,
    params: r.params,
    exponents,
    ...(r.exponentsNote ? { exponentsNote: r.exponentsNote } : {}),
    objective: r.objective,
    huberSum: r.huberSum,
    optimizer: r.optimizer,
    starts: r.startResults.slice(0, 10),
    bootstrap: { resamples: r.bootstrap.resamples, seed: r.bootstrap.seed, notConverged: r.bootstrap.notConverged, interval: '95% percentile' },
    huberDelta: r.huberDelta,
    residuals: r.residuals,
    ...(allocation ? { allocation } : {}),
    procedure: 'Hoffmann et al. 2022 / Epoch 2024 (arXiv:2203.15556 Approach 3; arXiv:2404.10102; docs/fitting.md): the sum over rows of Huber(delta) on ln L_hat - ln L, positive parameters by their logarithm, L-BFGS from a grid of starting points (Hoffmann\'s 4500-point grid for the Chinchilla law), seeded bootstrap',
    provenance: 'empirical',
    warnings,
    diagnostics,
  };
  if (plot) {
    const predict = lawPrediction(law, est);
    const pts = rows.map((o) => ({ observed: o.loss, fitted: predict(o.vars), size: o.vars[law.variables[0]] }));
    const lo = 0.98 * Math.min(...pts.flatMap((p) => [p.observed, p.fitted])), hi = 1.02 * Math.max(...pts.flatMap((p) => [p.observed, p.fitted]));
    const axis = (title: string, field: string) => ({ field, type: 'quantitative', scale: { type: 'log', domain: [lo, hi], nice: false }, axis: { format: '.2f' }, title });
    const spec: VegaLiteSpec = {
      $schema: 'https://vega.github.io/schema/vega-lite/v6.json',
      width: 420,
      height: 420,
      title: { text: `${law.id === 'formula' ? 'law' : law.id} fit to ${file}`, subtitle: `${free.map((k) => `${k} = ${fmt(est[k])}`).join(', ')}; ${r.rows} rows` },
      layer: [
        { data: { values: [{ x: lo, y: lo }, { x: hi, y: hi }] }, mark: { type: 'line', color: 'gray', strokeDash: [4, 4] }, encoding: { x: axis('fitted loss', 'x'), y: axis('observed loss', 'y') } },
        {
          data: { values: pts },
          mark: { type: 'point', filled: true, size: 30 },
          encoding: {
            x: axis('fitted loss', 'fitted'),
            y: axis('observed loss', 'observed'),
            color: { field: 'size', type: 'quantitative', scale: { type: 'log', scheme: 'viridis' }, legend: { format: '.0e' }, title: law.variables[0] },
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
  const L = [`L = ${law.text} (${law.id === 'formula' ? 'written law' : law.id}) fitted to ${file} (${r.rows} rows) [empirical; law: ${law.provenance}]`];
  for (const [k, v] of Object.entries(law.definitions)) L.push(`  where ${k} = ${v}`);
  L.push(`  ${result.procedure}`, '');
  const ci = (iv: { value: number; ci: [number, number] | null }) => (iv.ci ? `[${fmt(iv.ci[0])}, ${fmt(iv.ci[1])}]` : '(no bootstrap)');
  const w = Math.max(6, ...free.map((k) => k.length));
  for (const k of free) L.push(`  ${k.padEnd(w)} ${fmt(r.params[k].value).padEnd(12)} 95% ${ci(r.params[k])}`);
  for (const [k, v] of Object.entries(law.fixed)) L.push(`  ${k.padEnd(w)} ${fmt(v).padEnd(12)} fixed (--set)`);
  if (exponents) {
    L.push(`  ${'a'.padEnd(w)} ${fmt(exponents.a.value).padEnd(12)} 95% ${ci(exponents.a)}   ${exponents.a.quantity} = ${exponents.a.expr}`);
    L.push(`  ${'b'.padEnd(w)} ${fmt(exponents.b.value).padEnd(12)} 95% ${ci(exponents.b)}   ${exponents.b.quantity} = ${exponents.b.expr}`);
    L.push(`  exponents: ${exponents.source}`);
  } else if (r.exponentsNote) L.push(`  exponents: not derived (${r.exponentsNote})`);
  if (allocation && 'x' in allocation) L.push(`  at C = ${fmt(allocation.C)} FLOPs: ${Object.entries(allocation.x).map(([k, v]) => `${k} = ${fmt(v)}`).join(', ')}, loss ${fmt(allocation.loss)} (${allocation.method})`);
  else if (allocation) L.push(`  at C = ${fmt(allocation.C)} FLOPs: no allocation (${allocation.unavailable})`);
  L.push('');
  L.push(`  optimiser  ${r.optimizer.status}, ${r.optimizer.iterations} iterations, gradient ${fmt(r.optimizer.gradNorm)}; ${r.optimizer.agreeingStarts}/${r.optimizer.starts} starts agree (${grid} grid, ${r.optimizer.gridPoints} points)`);
  L.push(`  objective  ${fmt(r.objective)} (Huber sum ${fmt(r.huberSum)} / (delta x rows))`);
  L.push(`  bootstrap  ${B} resamples, seed ${seed}; residual rms ${fmt(r.residuals.rms)} (log-loss)`);
  for (const x of warnings) L.push(`warning: ${x}`);
  L.push(...diagnosticLines(diagnostics));
  ctx.out(L.join('\n') + '\n');
  return 0;
}

/** The compute-optimal allocation of the fitted law at C: the engine's exact optimum (src/law) when it can, else a 1-D minimisation of the law along C = 6 N D. */
function allocationAt(law: FitLaw, values: Record<string, number>, C: number, prediction: (law: FitLaw, v: Record<string, number>) => (x: Record<string, number>) => number): { C: number; x: Record<string, number>; loss: number; method: string } | { C: number; unavailable: string } {
  if (!(law.variables.length === 2 && law.variables.includes('N') && law.variables.includes('D'))) return { C, unavailable: `the law reads ${law.variables.join(', ')}: an allocation over N, D alone is not defined` };
  try {
    const parsed = cachedLaw(law.text, CHINCHILLA_CONSTRAINT, { provenance: 'derived', source: law.source });
    const o = lawOptimum(parsed, values, C);
    return { C, x: o.x, loss: o.loss, method: `src/law exact optimum along ${CHINCHILLA_CONSTRAINT}, ${o.method}` };
  } catch {
    const f = prediction(law, values);
    const loss = (u: number) => f({ N: Math.exp(u), D: C / (6 * Math.exp(u)) });
    const hi = Math.log(C / 6);
    const m = scanAndRefine((u) => {
      const v = loss(u);
      return Number.isFinite(v) ? v : Infinity;
    }, 0, hi, 800);
    if (!m) return { C, unavailable: 'no minimum of the law along C = 6 N D' };
    return { C, x: { N: Math.exp(m.x), D: C / (6 * Math.exp(m.x)) }, loss: m.fx, method: `numeric minimum of the law along ${CHINCHILLA_CONSTRAINT} (Brent, src/numeric/optimize.ts)` };
  }
}

/** The registry's theories for --law theory:ID and the Kaplan exponents (the library, loaded on demand). */
const theoryLookup: TheoryLookup = (id) => {
  const theory = getTheory(id);
  if (!theory) return undefined;
  return {
    theory,
    exponents: (point) => {
      const r = getModel(id).exponents(point);
      return Object.fromEntries(Object.entries(r.exponents).map(([k, v]) => [k, { value: v.value, expr: v.expr }]));
    },
  };
};

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
