// `scaling-theory reproduce [ID ...] [--list] [--json] [--plot DIR]`: regenerate the published numbers of
// every theory (the checks are data: theory/reproduce.ts) and compare them with the paper's values: pass
// (within the stated tolerance), differs (outside it, a known difference the note explains), fail. Exit 0
// without a fail, 1 with one, 2 for an unknown id. `--plot DIR` also writes the figures of the selected
// checks (theory/reproduce.ts REPRODUCE_FIGURES), SVG and PNG, on the papers' axes conventions.
import { mkdirSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { REPRODUCE_CHECKS, REPRODUCE_FIGURES, type FrontierSettings, type Ours, type ReproduceCheck, type ReproduceFigure, type ReproduceTools } from '../../../theory/reproduce.js';
import { findModel, getModel } from '../../models/registry.js';
import { lawExponents, lawOptimum } from '../../law/allocate.js';
import { parseFormula, compileFormula } from '../../symbolic/formula.js';
import { scanAndRefine } from '../../numeric/optimize.js';
import { toJson, UsageError } from '../errors.js';
import { checkOutputFile } from '../output.js';
import { excerpt } from '../input.js';
import { fmt } from '../../format.js';
import { DomainError } from '../../errors.js';
import { renderToFile } from '../../plot/render.js';
import type { PlrfFrontier } from '../../numeric/plrf/frontier.js';
import type { CommandContext } from '../context.js';

export type Status = 'pass' | 'fail' | 'differs';

export interface CheckResult {
  id: string;
  model: string;
  paper: { value: number; where: string; kind: 'read' | 'derived' };
  ours: number | null;
  how: string;
  difference: number | null;
  tolerance: number;
  relative: boolean;
  status: Status;
  note: string;
}

function lawOf(id: string) {
  const m = findModel(id);
  if (!m?.law?.values) throw new Error(`reproduce: model ${id} is not a law with constants`);
  return { parsed: m.law.parsed(), values: m.law.values };
}

/** The registry's simulated frontier (full result: the figures draw its curves); one run per model, point and settings in a process. */
const frontiers = new Map<string, Promise<PlrfFrontier>>();
function frontierRun(model: string, point: Record<string, number>, s: FrontierSettings): Promise<PlrfFrontier> {
  const key = JSON.stringify([model, point, s]);
  let r = frontiers.get(key);
  if (!r) {
    const f = findModel(model)?.frontier;
    if (!f) throw new Error(`${model} has no simulated frontier`);
    r = f.run(point, { dGrid: s.dGrid, approach: s.approach, method: s.method ?? 'deterministic', seed: 0 }) as Promise<PlrfFrontier>;
    frontiers.set(key, r);
  }
  return r;
}

/** The registry as the checks see it. */
export const tools: ReproduceTools = {
  exponent(model, point, quantity) {
    const e = getModel(model).exponents(point).exponents[quantity];
    if (!e) throw new Error(`${model} has no quantity ${quantity}`);
    if (e.value === null) throw new Error(`${model} ${quantity} jumps at ${JSON.stringify(point)}`);
    return e.value;
  },
  lawExponent(model, quantity) {
    const { parsed, values } = lawOf(model);
    const v = lawExponents(parsed, values)[quantity].value;
    if (v === null) throw new Error(`${model} ${quantity} is not defined`);
    return v;
  },
  lawOptimum(model, budget) {
    const { parsed, values } = lawOf(model);
    const o = lawOptimum(parsed, values, budget);
    return { N: o.x[parsed.allocate], D: o.x[parsed.other], loss: o.loss };
  },
  minimize(f, lo, hi) {
    const r = scanAndRefine(f, lo, hi);
    if (!r) throw new Error(`the minimum on [${lo}, ${hi}] is at an end`);
    return { x: r.x, fx: r.fx };
  },
  constant(model, name) {
    const defs = findModel(model)?.engine?.().theory.definitions ?? {};
    if (!Object.hasOwn(defs, name)) throw new Error(`${model} defines no constant ${name}`);
    return compileFormula(parseFormula(defs[name], []), [])([]);
  },
  async frontier(model, point, settings) {
    const r = await frontierRun(model, point, settings);
    return { xi: r.fit.xi.value, eta: r.fit.eta.value, window: r.fit.window, theory: { xi: r.theory.xi, eta: r.theory.eta, phase: r.theory.phase } };
  },
};

/** Run one check: ours, the difference and the status (an error computing ours is a fail, with the message). */
export async function runCheck(c: ReproduceCheck): Promise<CheckResult> {
  let ours: number | null = null;
  let note = c.note;
  try {
    const o: Ours = await c.ours(tools);
    ours = typeof o === 'number' ? o : o.value;
    if (typeof o !== 'number') note = `${o.detail}; ${c.note}`;
    if (!Number.isFinite(ours)) throw new Error(`computed ${ours}`);
  } catch (e) {
    ours = null;
    note = `error: ${(e as Error).message}; ${c.note}`;
  }
  const difference = ours === null ? null : ours - c.paper.value;
  const scale = c.relative ? Math.abs(c.paper.value) : 1;
  const within = difference !== null && Math.abs(difference) <= c.tolerance * scale;
  const status: Status = within ? 'pass' : ours !== null && c.knownDifference ? 'differs' : 'fail';
  return { id: c.id, model: c.model, paper: c.paper, ours, how: c.how, difference, tolerance: c.tolerance, relative: !!c.relative, status, note };
}

export function summary(results: CheckResult[]): Record<Status, number> {
  const s: Record<Status, number> = { pass: 0, fail: 0, differs: 0 };
  for (const r of results) s[r.status]++;
  return s;
}

function selected(args: string[]): ReproduceCheck[] {
  if (args.length === 0) return REPRODUCE_CHECKS;
  const byId = new Map(REPRODUCE_CHECKS.map((c) => [c.id, c]));
  return args.map((id) => {
    const c = byId.get(id);
    if (!c) throw new UsageError(`reproduce: unknown check id '${id.slice(0, 80)}' (run \`scaling-theory reproduce --list\` for the ${REPRODUCE_CHECKS.length} ids)`);
    return c;
  });
}

/** `--plot DIR`: an existing directory, or one to create (its parent must exist); each figure's files are checked like any --plot file. */
function plotDir(raw: unknown): string {
  if (typeof raw !== 'string' || raw === '') throw new UsageError('--plot needs a directory (the figures are written into it as .svg and .png)');
  const dir = resolve(raw);
  try {
    if (!statSync(dir).isDirectory()) throw new UsageError(`--plot = '${excerpt(raw, 120)}' is not a directory`);
  } catch (e) {
    if (e instanceof UsageError) throw e;
    try {
      mkdirSync(dir);
    } catch (e2) {
      throw new UsageError(`--plot = '${excerpt(raw, 120)}': the directory could not be created (${(e2 as NodeJS.ErrnoException).code ?? (e2 as Error).message})`);
    }
  }
  return dir;
}

export async function run(opts: Record<string, unknown>, args: string[], ctx: CommandContext): Promise<number> {
  const checks = selected(args);
  if (opts.list) {
    const list = checks.map((c) => ({ id: c.id, model: c.model, paper: c.paper, how: c.how }));
    if (opts.json) ctx.out(toJson({ checks: list, figures: REPRODUCE_FIGURES.map((f) => ({ id: f.id, reproduces: f.reproduces, checks: f.checks })) }) + '\n');
    else for (const c of list) ctx.out(`${c.id.padEnd(30)} ${c.model.padEnd(28)} ${c.paper.where}\n`);
    return 0;
  }
  const ids = new Set(checks.map((c) => c.id));
  const figures = opts.plot === undefined ? [] : REPRODUCE_FIGURES.filter((f) => f.checks.some((id) => ids.has(id)));
  const dir = opts.plot === undefined ? undefined : plotDir(opts.plot);
  const targets = figures.map((f) => ({ f, svg: checkOutputFile('plot', join(dir!, `${f.id}.svg`), opts.force === true), png: checkOutputFile('plot', join(dir!, `${f.id}.png`), opts.force === true) }));
  const results: CheckResult[] = [];
  for (const c of checks) results.push(await runCheck(c));
  const s = summary(results);
  const written: Array<{ id: string; files: string[]; reproduces: string }> = [];
  for (const { f, svg, png } of targets) {
    const spec = await figureSpec(f);
    await renderToFile(spec, svg);
    await renderToFile(spec, png);
    written.push({ id: f.id, files: [svg.path, png.path], reproduces: f.reproduces });
  }
  if (opts.json) {
    ctx.out(toJson({ checks: results, summary: s, ...(dir ? { figures: written } : {}) }) + '\n');
  } else {
    for (const r of results) {
      ctx.out(`${r.status.padEnd(8)}${r.id}  [${r.model}]\n`);
      ctx.out(`        paper ${fmt(r.paper.value)} (${r.paper.kind}; ${r.paper.where})\n`);
      ctx.out(`        ours  ${r.ours === null ? 'not computed' : fmt(r.ours)}  (${r.how}); difference ${r.difference === null ? '-' : fmt(r.difference)}, tolerance ${r.tolerance}${r.relative ? ' (relative)' : ''}\n`);
      ctx.out(`        note  ${r.note}\n`);
    }
    ctx.out(`\n${results.length} checks: ${s.pass} pass, ${s.differs} differs, ${s.fail} fail\n`);
  }
  for (const w of written) ctx.err(`wrote ${w.files.join(', ')}: ${w.reproduces}\n`);
  return s.fail ? 1 : 0;
}

// ---- the figures (theory/reproduce.ts REPRODUCE_FIGURES says which, what each reproduces and with what settings) ----

const SCHEMA = 'https://vega.github.io/schema/vega-lite/v6.json';
const logAxis = (field: string, title: string) => ({ field, type: 'quantitative', scale: { type: 'log' }, title, axis: { format: '.0e' } });

async function figureSpec(f: ReproduceFigure): Promise<Record<string, unknown>> {
  const sub = { subtitle: `reproduces ${f.reproduces}` };
  if (f.kind === 'plrf-frontier') {
    const { plotSpec } = await import('./frontier.js');
    const r = await frontierRun(f.model, f.point!, f.frontier!);
    const spec = plotSpec(r, f.frontier!.approach);
    const t = spec.title as { text: string; subtitle: string };
    return { ...spec, title: { text: `${t.text}: alpha = ${f.point!.alpha}, beta = ${f.point!.beta}, d = ${f.frontier!.dGrid[0]}..${f.frontier!.dGrid[f.frontier!.dGrid.length - 1]}`, subtitle: `${t.subtitle}; paper (Fig. 3a) eta = 0.648. Reproduces ${f.reproduces}` } };
  }
  if (f.kind === 'phase-diagram') return phaseDiagramSpec(f, sub.subtitle);
  if (f.kind === 'rf-frontier') return rfFrontierSpec(f, sub.subtitle);
  return lawFrontierSpec(f, sub.subtitle);
}

/** Phase regions of the engine on a grid (one embedded raster, as `diagram`), the special points marked. */
async function phaseDiagramSpec(f: ReproduceFigure, subtitle: string): Promise<Record<string, unknown>> {
  const { phaseGrid } = await import('../../engine/grid.js');
  const { createRaster, setPixel, pngDataUri, parseColor } = await import('../../plot/raster.js');
  const vega = await import('vega');
  const model = getModel(f.model);
  const [vert, horiz] = model.theory.parameters;
  const n = 240;
  const grid = phaseGrid(model, n, n);
  const palette = (vega.scheme('tableau10') as string[]).map(parseColor);
  const raster = createRaster(n, n);
  const dx = (horiz.range[1] - horiz.range[0]) / n, dy = (vert.range[1] - vert.range[0]) / n;
  const inDomain = (v: number, h: number) => {
    try {
      model.checkDomain({ [vert.name]: v, [horiz.name]: h });
      return true;
    } catch (e) {
      if (e instanceof DomainError) return false;
      throw e;
    }
  };
  for (let i = 0; i < n; i++) {
    for (let j = 0; j < n; j++) {
      const k = i * n + j, ph = grid.phase[k];
      if (ph < 0) {
        // on a boundary (inside the domain, no phase): black, as `diagram`; outside the domain: white
        if (inDomain(vert.range[0] + (i + 0.5) * dy, horiz.range[0] + (j + 0.5) * dx)) setPixel(raster, j, n - 1 - i, [0, 0, 0]);
        continue;
      }
      const right = j + 1 < n ? grid.phase[k + 1] : ph, up = i + 1 < n ? grid.phase[k + n] : ph;
      setPixel(raster, j, n - 1 - i, (right !== ph && right >= 0) || (up !== ph && up >= 0) ? [0, 0, 0] : palette[ph % palette.length]);
    }
  }
  const sums = grid.names.map(() => ({ x: 0, y: 0, n: 0 }));
  for (let k = 0; k < n * n; k++) {
    const ph = grid.phase[k];
    if (ph < 0) continue;
    sums[ph].x += horiz.range[0] + ((k % n) + 0.5) * dx;
    sums[ph].y += vert.range[0] + (Math.floor(k / n) + 0.5) * dy;
    sums[ph].n++;
  }
  const labels = grid.names.flatMap((label, i) => (sums[i].n ? [{ x: sums[i].x / sums[i].n, y: sums[i].y / sums[i].n, label }] : []));
  const marks = (f.marks ?? []).map((m) => ({ x: m.point[horiz.name], y: m.point[vert.name], label: m.label }));
  const x = { field: 'x', type: 'quantitative', title: horiz.name, scale: { domain: horiz.range, nice: false } };
  const y = { field: 'y', type: 'quantitative', title: vert.name, scale: { domain: vert.range, nice: false } };
  return {
    $schema: SCHEMA,
    width: 560,
    height: 480,
    title: { text: `${model.theory.title}: phase diagram with the special points`, subtitle: `engine phases (boundaries black; white: outside the domain 2 alpha + 2 beta > 1); ${subtitle}` },
    layer: [
      {
        data: { values: [{ x: horiz.range[0], x2: horiz.range[1], y: vert.range[1], y2: vert.range[0], url: pngDataUri(raster) }] },
        mark: { type: 'image', aspect: false, smooth: false },
        encoding: { x, x2: { field: 'x2' }, y, y2: { field: 'y2' }, url: { field: 'url', type: 'nominal' } },
      },
      { data: { values: labels }, mark: { type: 'text', fontSize: 15, fontWeight: 'bold', color: 'white', stroke: 'black', strokeWidth: 0.6 }, encoding: { x, y, text: { field: 'label' } } },
      { data: { values: marks }, mark: { type: 'point', shape: 'diamond', size: 140, filled: true, color: 'red', stroke: 'black' }, encoding: { x, y } },
      { data: { values: marks }, mark: { type: 'text', align: 'left', dx: 9, dy: -9, fontSize: 12, fontWeight: 'bold', color: 'black' }, encoding: { x, y, text: { field: 'label' } } },
    ],
  };
}

/** The DMFT compute-optimal loss L*(C) at each (a, b) (src/numeric/rf/frontier.ts), with the engine's eq. (17) slope through its first point. */
async function rfFrontierSpec(f: ReproduceFigure, subtitle: string): Promise<Record<string, unknown>> {
  const { computeFrontier } = await import('../../numeric/rf/frontier.js');
  const widths = Array.from({ length: 15 }, (_, k) => 8 * 2 ** (k / 2));
  const budgets = Array.from({ length: 11 }, (_, k) => 10 ** (2.5 + (2.5 * k) / 10));
  const pts: Array<Record<string, unknown>> = [];
  const lines: Array<Record<string, unknown>> = [];
  for (const s of f.settings ?? []) {
    const fr = computeFrontier({ a: s.a, b: s.b, widths, budgets });
    const z = tools.exponent(f.model, s, 'loss');
    const label = `(a, b) = (${s.a}, ${s.b}): fit C^-${fr.z.toFixed(3)}, eq. (17) C^-${z.toFixed(3)}`;
    for (const p of fr.points) pts.push({ C: p.C, loss: p.loss, setting: label });
    const p0 = fr.points[0];
    if (p0) for (const C of [p0.C, fr.points[fr.points.length - 1].C]) lines.push({ C, loss: p0.loss * (C / p0.C) ** -z, setting: label });
  }
  const color = { field: 'setting', type: 'nominal', title: null, legend: { orient: 'bottom', labelLimit: 600 } };
  return {
    $schema: SCHEMA,
    width: 560,
    height: 400,
    title: { text: 'rf-dynamics: compute-optimal loss of the DMFT theory (points) and eq. (17) (dashed)', subtitle },
    layer: [
      { data: { values: pts }, mark: { type: 'point', filled: true }, encoding: { x: logAxis('C', 'compute C = N t'), y: logAxis('loss', 'compute-optimal loss L*'), color } },
      { data: { values: lines }, mark: { type: 'line', strokeDash: [6, 4] }, encoding: { x: logAxis('C', 'compute C = N t'), y: logAxis('loss', 'compute-optimal loss L*'), color } },
    ],
  };
}

/** N*(C) of law presets by their exact minima along C = 6ND. */
function lawFrontierSpec(f: ReproduceFigure, subtitle: string): Record<string, unknown> {
  const budgets = Array.from({ length: 33 }, (_, k) => 10 ** (18 + k / 4));
  const values = (f.models ?? []).flatMap((m) => budgets.map((C) => ({ C, N: tools.lawOptimum(m, C).N, preset: `${m} (a = ${tools.lawExponent(m, 'a').toFixed(4)})` })));
  return {
    $schema: SCHEMA,
    width: 560,
    height: 400,
    title: { text: 'Chinchilla Approach 3 and the Epoch refit: compute-optimal parameters', subtitle },
    mark: { type: 'line', strokeWidth: 2 },
    data: { values },
    encoding: { x: logAxis('C', 'FLOPs'), y: logAxis('N', 'Parameters'), color: { field: 'preset', type: 'nominal', title: null, legend: { orient: 'bottom', labelLimit: 600 } } },
  };
}
