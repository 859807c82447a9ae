// `scaling-theory exponents --model plrf --alpha A --beta B [--json] [--phases]`
import { requireModel, requirePoint } from '../point.js';
import { toJson, UsageError } from '../errors.js';
import { findModel } from '../../models/registry.js';
import { type ExponentsResult, type Model, type Point } from '../../engine/model.js';
import { fmt } from '../../format.js';
import { bottlenecksAt, type BottleneckExponent } from '../../engine/bottleneck.js';
import { shownFormula, shownCondition, showContext } from '../../engine/derivation.js';
import type { CommandContext } from '../context.js';

export function run(opts: Record<string, unknown>, _args: string[], ctx: CommandContext): number {
  if (opts.ensemble && ctx.theory) throw new UsageError('--ensemble is not an option of --theory FILE (a theory file has no registered ensemble variant)');
  const model = opts.ensemble ? ensembleModel(requireModel(opts, ctx)) : requireModel(opts, ctx);
  const point = requirePoint(model, opts);
  const result = model.exponents(point);
  const full = withBottlenecks(model, point, result);
  if (opts.json) {
    ctx.out(toJson(opts.phases ? { ...full, phases: phaseSummaries(model) } : full) + '\n');
    return 0;
  }
  ctx.out(formatExponents(model, result));
  if ('regime' in full) ctx.out(formatBottlenecks(full.exponents.bottleneck));
  if (opts.phases) ctx.out('\n' + formatPhaseSummaries(model));
  return 0;
}

/** `--ensemble`: the model's `ensemble` variant (its registry entry names it), e.g. rf-dynamics' bias loss. */
function ensembleModel(base: Model): Model {
  const variant = findModel(findModel(base.theory.id)?.variants.ensemble);
  if (!variant?.engine) throw new UsageError(`--ensemble: model ${base.theory.id} has no ensemble variant`);
  return variant.engine();
}

/** Theories that declare single-variable bottlenecks (rf-dynamics) also get `exponents.bottleneck` and `regime`. */
function withBottlenecks(model: Model, point: Point, r: ExponentsResult) {
  if (!model.theory.bottlenecks?.length) return r;
  const ph = (model.theory.phases ?? []).find((p) => p.name === r.phase);
  const bottleneck = bottlenecksAt(model, point);
  return { ...r, regime: r.phase, regimeDescription: ph?.description ?? null, exponents: { ...r.exponents, bottleneck } };
}

function formatBottlenecks(b: Record<string, BottleneckExponent>): string {
  const lines = ['bottlenecks (one variable finite, the others at infinity): L ~ v^(-c)'];
  for (const [name, e] of Object.entries(b)) lines.push(`  ${name.padEnd(6)} c = ${fmt(e.value).padEnd(10)} ${e.expr}   (${e.term}: ${e.form}) [${e.provenance}${e.source ? `: ${e.source}` : ''}]`);
  return lines.join('\n') + '\n';
}

export function formatExponents(model: Model, r: ExponentsResult): string {
  const t = model.theory;
  const lines: string[] = [];
  lines.push(`${t.title} at ${model.fmtPoint(r.params)}`);
  const ph = (t.phases ?? []).find((p) => p.name === r.phase);
  lines.push(`phase      ${r.phase ?? '(none)'}${ph ? `: ${ph.description}` : ''}${r.conjectural ? ' (conjectural)' : ''}`);
  const ctx = showContext(t);
  lines.push(`region     ${r.region.map((c) => shownCondition(c, ctx).text).join(', ') || '(none)'}`);
  lines.push('');
  for (const q of t.quantities) {
    const e = r.exponents[q.name];
    const value = e.value === null ? `jumps (${Object.entries(e.sides ?? {}).map(([k, v]) => `${k}: ${fmt(v.value)}`).join(', ')})` : fmt(e.value);
    lines.push(`  ${q.name.padEnd(5)} = ${value.padEnd(12)} ${e.expr}`);
    lines.push(`  ${''.padEnd(5)}   ${q.description}; provenance: ${e.provenance}${e.source ? ` (${e.source})` : ''}; engine result ${verifiedText(e.verified)}`);
    if (e.sides && e.value !== null) lines.push(`  ${''.padEnd(5)}   agrees from both sides: ${Object.entries(e.sides).map(([k, v]) => `${k} ${v.expr}`).join(' | ')}`);
  }
  lines.push('');
  lines.push(`dominant balance   ${r.balance.terms[0]} = ${r.balance.terms[1]}   (u = log ${t.compute.allocate}, phi = log ${t.compute.budget})`);
  lines.push(`  equation  ${r.balance.equation}`);
  lines.push(`  solution  ${r.balance.solution}`);
  if (r.balance.note) lines.push(`  note      ${r.balance.note}`);
  for (const w of r.warnings) lines.push(`warning: ${w}`);
  return lines.join('\n') + '\n';
}

function verifiedText(v: string): string {
  switch (v) {
    case 'symbolic':
      return 'matches this closed form symbolically';
    case 'numeric':
      return 'matches this closed form at sampled points';
    case 'mismatch':
      return 'DIFFERS from the reference closed form (shown: the engine\'s)';
    default:
      return 'has no reference closed form to compare';
  }
}

export function phaseSummaries(model: Model) {
  return (model.theory.phases ?? []).map((ph) => {
    const d = model.region({ phase: ph.name, piece: 0 }).derivation;
    const ex: Record<string, { expr: string; latex: string; provenance: string }> = {};
    for (const q of model.theory.quantities) {
      const f = shownFormula(d, q.name);
      ex[q.name] = { expr: f.expr, latex: f.latex, provenance: f.provenance };
    }
    return { phase: ph.name, region: ph.regions.map((p) => p.conditions.join(', ') + (p.conjectural ? ' (conjectural)' : '')), balance: `${d.balance.increasing} = ${d.balance.decreasing}`, exponents: ex, bottleneck: ph.bottleneck };
  });
}

export function formatPhaseSummaries(model: Model): string {
  const lines = [`Every phase of ${model.theory.id}:`];
  const ctx = showContext(model.theory);
  for (const s of phaseSummaries(model)) {
    const ex = Object.entries(s.exponents).map(([k, v]) => `${k} = ${v.expr} [${v.provenance}]`).join('; ');
    const ph = (model.theory.phases ?? []).find((p) => p.name === s.phase)!;
    const region = ph.regions.map((p) => p.conditions.map((c) => shownCondition(c, ctx).text).join(', ') + (p.conjectural ? ' (conjectural)' : ''));
    lines.push(`  ${s.phase.padEnd(4)} ${ex}; balance ${s.balance}; region ${region.join(' or ')}`);
  }
  return lines.join('\n') + '\n';
}
