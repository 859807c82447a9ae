// `scaling-theory infer (--model ID | --theory FILE) (--xi V+-E | --eta V+-E | ... | --from-fit fit.json)
// [--json] [--plot FILE] [--force]`: the parameter points whose exponents fall inside the measured
// intervals, per phase (src/infer/infer.ts, docs/infer.md). An empty set is a finding: exit 0, `empty: true`.
import { requireModel, modelFlag } from '../point.js';
import { UsageError, toJson } from '../errors.js';
import { optionalOutput } from '../output.js';
import { excerpt, readTextInput } from '../input.js';
import { fmt } from '../../format.js';
import { infer, type InferResult } from '../../infer/infer.js';
import { parseMeasurement, MeasurementError, MEASUREMENT_FORMS, type Interval } from '../../infer/measurement.js';
import { fromFit, FitFileError, type FromFit } from '../../infer/from-fit.js';
import { quantityFlags } from '../../infer/spec.js';
import type { CommandContext } from '../context.js';

/** A fit's JSON is small (a few kB); this bounds what is read. */
const FIT_BYTES = 4 * 2 ** 20;

export async function run(opts: Record<string, unknown>, _args: string[], ctx: CommandContext): Promise<number> {
  const model = requireModel(opts, ctx);
  const t = model.theory;
  const own = new Set(t.quantities.map((q) => q.name));
  const flags = t.quantities.map((q) => `--${q.name}`).join(', ');
  for (const name of quantityFlags().keys()) {
    if (!own.has(name) && opts[name] !== undefined) throw new UsageError(`--${name} is not a quantity of ${modelFlag(model)} (its quantities: ${flags})`);
  }
  const measured: Record<string, Interval> = {};
  for (const q of t.quantities) {
    const raw = opts[q.name];
    if (raw === undefined) continue;
    try {
      measured[q.name] = parseMeasurement(String(raw));
    } catch (e) {
      if (e instanceof MeasurementError) throw new UsageError(`--${q.name} = '${excerpt(raw)}' is not a measurement: ${e.message} (valid forms: ${MEASUREMENT_FORMS})`);
      throw e;
    }
  }
  let fit: FromFit | undefined;
  if (opts.fromFit !== undefined) {
    const path = String(opts.fromFit);
    const text = readTextInput('fit file', path, FIT_BYTES);
    let json: unknown;
    try {
      json = JSON.parse(text);
    } catch (e) {
      throw new UsageError(`--from-fit = '${excerpt(path, 120)}' is not JSON: ${(e as Error).message} (give the output of \`fit --json\`)`);
    }
    try {
      fit = fromFit(json, t);
    } catch (e) {
      if (e instanceof FitFileError) throw new UsageError(`--from-fit = '${excerpt(path, 120)}': ${e.message}`);
      throw e;
    }
    for (const q of Object.keys(fit.measured)) {
      if (measured[q]) throw new UsageError(`--${q} and --from-fit both give ${q}: give one (the fit's ${q} comes from ${fit.correspondence.find((c) => c.quantity === q)!.from})`);
      measured[q] = fit.measured[q];
    }
  }
  if (Object.keys(measured).length === 0) throw new UsageError(`infer needs a measurement: ${flags} (each as ${MEASUREMENT_FORMS}), or --from-fit fit.json`);
  const plot = optionalOutput(opts);
  if (plot && t.parameters.length !== 2) throw new UsageError(`--plot needs a theory with two parameters (${t.id} has ${t.parameters.length}): its phase diagram is a plane`);
  const r = infer(model, measured);
  const sentence = finding(r);
  if (opts.json) ctx.out(toJson(jsonOf(r, sentence, fit)) + '\n');
  else ctx.out(formatInfer(r, sentence, fit));
  if (plot) {
    const [{ renderToFile }, { inferPlotSpec }] = await Promise.all([import('../../plot/render.js'), import('../../infer/plot.js')]);
    const title = `${t.id}: parameters giving ${Object.entries(r.measured).map(([q, m]) => `${q} in [${fmt(m.interval[0])}, ${fmt(m.interval[1])}]`).join(', ')}`;
    const format = await renderToFile(inferPlotSpec(r, title), plot);
    ctx.err(`wrote ${plot.path} (${format})\n`);
  }
  return 0;
}

function finding(r: InferResult): string {
  const ms = Object.entries(r.measured).map(([q, m]) => `${q} in [${fmt(m.interval[0])}, ${fmt(m.interval[1])}]`).join(' and ');
  const box = Object.entries(r.searchBox).map(([p, [lo, hi]]) => `${p} in [${fmt(lo)}, ${fmt(hi)}]`).join(', ');
  if (r.empty) return `No point of ${r.model} gives these exponents: no parameter point in the search box (${box}) has ${ms}.`;
  return `${r.regions.length} region${r.regions.length === 1 ? '' : 's'} of ${r.model} (in ${[...new Set(r.regions.map((g) => g.phase))].join(', ')}) give${r.regions.length === 1 ? 's' : ''} ${ms} within the search box (${box}).`;
}

function jsonOf(r: InferResult, sentence: string, fit: FromFit | undefined) {
  return {
    model: r.model,
    measured: r.measured,
    regions: r.regions.map((g) => ({
      phase: g.phase,
      balance: g.balance,
      kind: g.kind,
      conditions: g.conditions,
      constant: g.constant,
      exponents: g.exponents,
      bbox: g.bbox,
      area: g.area,
      areaFraction: g.areaFraction,
      point: g.point,
    })),
    empty: r.empty,
    finding: sentence,
    excluded: r.excluded,
    searchBox: r.searchBox,
    area: `absolute measure of the set inside the search box in parameter units (${r.params.join(' x ')}); areaFraction is its fraction of the box`,
    method: r.method,
    ...(fit ? { correspondence: fit.correspondence, notes: fit.notes } : {}),
    provenance: r.provenance,
    source: 'docs/infer.md; phases: docs/derived-phases.md',
  };
}

/** `lo <= p <= hi` for the two sides of one measurement solved for the same parameter (text output only). */
function chained(conds: string[]): string[] {
  const out: string[] = [];
  for (let i = 0; i < conds.length; i++) {
    const a = /^(\w+) >= (.*)$/.exec(conds[i]);
    const b = i + 1 < conds.length ? /^(\w+) <= (.*)$/.exec(conds[i + 1]) : null;
    const a2 = /^(\w+) <= (.*)$/.exec(conds[i]);
    const b2 = i + 1 < conds.length ? /^(\w+) >= (.*)$/.exec(conds[i + 1]) : null;
    if (a && b && a[1] === b[1]) {
      out.push(`${a[2]} <= ${a[1]} <= ${b[2]}`);
      i++;
    } else if (a2 && b2 && a2[1] === b2[1]) {
      out.push(`${b2[2]} <= ${a2[1]} <= ${a2[2]}`);
      i++;
    } else out.push(conds[i]);
  }
  return out;
}

export function formatInfer(r: InferResult, sentence: string, fit?: FromFit): string {
  const L: string[] = [];
  L.push(`Parameters of ${r.model} that explain ${Object.entries(r.measured).map(([q, m]) => `${q} = ${m.text}`).join(', ')}`);
  if (fit) {
    L.push('', 'from the fit (correspondence [derived], each an assumption):');
    for (const c of fit.correspondence) L.push(`  ${c.statement}`);
    for (const n of fit.notes) L.push(`  note: ${n}`);
  }
  L.push('', sentence, '');
  const nm = r.regions.length ? Math.max(...r.regions.map((g) => g.phase.length)) : 0;
  for (const g of r.regions) {
    L.push(`${g.phase.padEnd(nm)}  ${g.phase.startsWith('balance ') ? '' : `balance ${g.balance[0]} = ${g.balance[1]}; `}${g.kind === 'conditions' ? 'exact conditions' : 'sampled set'}; area ${fmt(g.area)} (${fmt(100 * g.areaFraction)}% of the box)`);
    const nDomainAndPhase = g.regionConditions;
    L.push(`  region     ${g.conditions.slice(0, nDomainAndPhase).join(', ')}`);
    const mc = chained(g.conditions.slice(nDomainAndPhase));
    if (mc.length) L.push(`  measured   ${mc.join(', ')}`);
    for (const q of Object.keys(g.constant)) L.push(`  ${q} = ${g.exponents[q]} throughout the phase (inside its interval)`);
    for (const [q, e] of Object.entries(g.exponents)) if (g.constant[q] === undefined) L.push(`  ${q.padEnd(9)}  ${e}`);
    L.push(`  bbox       ${Object.entries(g.bbox).map(([p, [lo, hi]]) => `${p} in [${fmt(lo)}, ${fmt(hi)}]`).join(', ')}`);
    L.push(`  point      ${Object.entries(g.point).map(([p, v]) => `${p} = ${fmt(v)}`).join(', ')}`);
  }
  if (r.excluded.length) {
    L.push('', 'excluded phases:');
    for (const e of r.excluded) L.push(`  ${e.phase}: ${e.reason}`);
  }
  L.push('', `area: absolute, in ${r.params.join(' x ')} units, inside the search box. Method: ${r.method}. Provenance: ${r.provenance} (docs/infer.md).`);
  return L.join('\n') + '\n';
}
