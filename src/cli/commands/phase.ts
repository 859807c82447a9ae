// `scaling-theory phase --model plrf --alpha A --beta B [--json]`
import { requireModel, requirePoint } from '../point.js';
import { toJson } from '../errors.js';
import { shownCondition, showContext } from '../../engine/derivation.js';
import type { CommandContext } from '../context.js';

export function run(opts: Record<string, unknown>, _args: string[], ctx: CommandContext): number {
  const model = requireModel(opts, ctx);
  const point = requirePoint(model, opts);
  const c = model.classify(point);
  const provenance = c.pieces.map((r) => ({ phase: r.phase, ...pickProv(model.piece(r)) }));
  // `region` as the theory states it; `conditions` the same printed (src/symbolic/print.ts), with LaTeX
  const show = showContext(model.theory);
  const conditions = c.region.map((x) => shownCondition(x, show));
  const out = { model: model.theory.id, params: point, phase: c.phase, onBoundary: c.onBoundary, phases: c.phases, region: c.region, conditions, conjectural: c.conjectural, provenance };
  if (opts.json) ctx.out(toJson(out) + '\n');
  else {
    ctx.out(`phase   ${c.phase ?? '(none)'}${c.conjectural ? ' (conjectural)' : ''}${c.onBoundary ? ' (on a boundary)' : ''}\n`);
    ctx.out(`region  ${conditions.map((x) => x.text).join(', ')}\n`);
    for (const p of provenance) ctx.out(`source  ${p.phase}: ${p.provenance}${p.source ? ` (${p.source})` : ''}\n`);
  }
  return 0;
}

function pickProv(p: { provenance: string; source?: string }) {
  return { provenance: p.provenance, source: p.source };
}
