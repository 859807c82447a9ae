import { THEORIES } from '../../models/registry.js';
import { toJson } from '../errors.js';
import type { CommandContext } from '../main.js';

export function run(opts: Record<string, unknown>, _args: string[], ctx: CommandContext): number {
  const list = Object.values(THEORIES).map((t) => ({
    id: t.id,
    title: t.title,
    citation: t.citation,
    url: t.url,
    parameters: t.parameters.map((p) => ({ name: p.name, description: p.description })),
    domain: t.domain.map((d) => ({ condition: d.condition, provenance: d.provenance })),
    phases: (t.phases ?? []).map((p) => p.name),
    quantities: t.quantities.map((q) => ({ name: q.name, description: q.description })),
    reference: t.reference,
  }));
  if (opts.json) {
    ctx.out(toJson({ models: list }) + '\n');
    return 0;
  }
  for (const m of list) {
    ctx.out(`${m.id}: ${m.title}\n  ${m.citation}${m.url ? ` (${m.url})` : ''}\n`);
    ctx.out(`  parameters: ${m.parameters.map((p) => `${p.name} (${p.description})`).join('; ')}\n`);
    ctx.out(`  domain: ${m.domain.map((d) => `${d.condition} [${d.provenance}]`).join(', ')}\n`);
    if (m.phases.length) ctx.out(`  phases: ${m.phases.join(', ')}\n`);
    ctx.out(`  exponents: ${m.quantities.map((q) => `${q.name} (${q.description})`).join('; ')}\n\n`);
  }
  return 0;
}
