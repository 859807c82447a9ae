// `scaling-theory phases --model ID [--json]`: the phase diagram derived by the engine from the theory's
// terms (src/engine/phases.ts, docs/derived-phases.md), named after the theory's stated phases where they
// coincide, with the boundary curves, continuity across each, and the agreement with the stated phases.
import { requireModel } from '../point.js';
import { toJson } from '../errors.js';
import { derivePhases } from '../../engine/phase-cache.js';
import type { CommandContext } from '../context.js';

export function run(opts: Record<string, unknown>, _args: string[], ctx: CommandContext): number {
  const model = requireModel(opts, ctx);
  const d = derivePhases(model);
  if (opts.json) {
    ctx.out(toJson(d) + '\n');
    return 0;
  }
  const L = [`Phase diagram of ${model.theory.id} derived from its terms (docs/derived-phases.md)`, ''];
  const qs = model.theory.quantities.map((q) => q.name);
  for (const p of d.phases) {
    L.push(`${p.name}${p.stated && p.stated !== p.name ? ` (= stated ${p.stated})` : ''}${p.conjectural ? ' (conjectural)' : ''}: balance ${p.balance[0]} = ${p.balance[1]}`);
    L.push(`  region   ${p.pieces.map((c) => c.join(', ')).join('  or  ') || 'the whole domain'}`);
    for (const q of qs) if (p.exponents[q]) L.push(`  ${q.padEnd(8)} ${p.exponents[q].expr}`);
  }
  L.push('', 'boundaries');
  for (const b of d.boundaries) {
    const jumps = Object.entries(b.continuous).filter(([, c]) => !c).map(([q]) => q);
    const edge = b.between.length < 2 || b.between.some((x) => !d.phases.some((p) => p.name === x));
    L.push(`  ${b.equation.padEnd(28)} ${b.between.join(' | ').padEnd(28)} ${edge ? 'edge of the domain' : jumps.length ? `jumps: ${jumps.join(', ')}` : 'continuous'}`);
  }
  const a = d.agreement;
  L.push('', `agreement with the stated phases: ${a.derived} derived, ${a.stated} stated, ${a.mismatches.length} mismatch${a.mismatches.length === 1 ? '' : 'es'}`);
  for (const m of a.mismatches) L.push(`  at ${Object.entries(m.point).map(([k, v]) => `${k} = ${v}`).join(', ')}: stated ${m.stated ?? '(none)'}, derived ${m.derived}`);
  ctx.out(L.join('\n') + '\n');
  return 0;
}
