// `scaling-theory models [--json]`: every model and variant of the registry with its capabilities.
import { listModels } from '../../models/registry.js';
import { theoryFileModel } from '../../models/theory-file.js';
import { toJson } from '../errors.js';
import type { CommandContext } from '../context.js';

export function run(opts: Record<string, unknown>, _args: string[], ctx: CommandContext): number {
  const list = (ctx.theory ? [theoryFileModel(ctx.theory.model.theory, ctx.theory.model)] : listModels()).map((m) => {
    const t = m.engine?.().theory;
    return {
      id: m.id,
      title: m.title,
      kind: m.kind,
      citation: m.citation,
      ...(m.url ? { url: m.url } : {}),
      ...(m.variantOf ? { variantOf: m.variantOf } : {}),
      parameters: m.parameters.map((p) => ({ name: p.name, description: p.description, ...(p.domain ? { domain: p.domain } : {}) })),
      capabilities: m.capabilities,
      ...(Object.keys(m.variants).length ? { variants: Object.values(m.variants) } : {}),
      ...(t
        ? {
            domain: t.domain.map((d) => ({ condition: d.condition, provenance: d.provenance })),
            phases: (t.phases ?? []).map((p) => p.name),
            quantities: t.quantities.map((q) => ({ name: q.name, description: q.description })),
            reference: t.reference,
          }
        : { domain: m.domain.map((condition) => ({ condition, provenance: m.provenance ?? 'unverified' })) }),
      ...(t && ctx.theory
        ? {
            file: ctx.theory.path,
            terms: t.terms.map((term) => ({ name: term.name, cases: term.cases.map((c) => ({ when: c.when ?? [], form: c.form, provenance: c.provenance })) })),
            compute: { budget: t.compute.budget, allocate: t.compute.allocate, constraint: t.compute.constraint.equation, relations: t.compute.relations.map((r) => ({ equation: r.equation, when: r.when ?? [] })) },
          }
        : {}),
      ...(m.law ? { law: m.law.text, constraint: m.law.constraint, ...(m.law.values ? { values: m.law.values } : {}) } : {}),
      ...(m.bound ? { bound: m.bound.bound, constraint: m.bound.constraint, label: m.bound.label } : {}),
    };
  });
  if (opts.json) {
    ctx.out(toJson({ models: list }) + '\n');
    return 0;
  }
  for (const m of list) {
    ctx.out(`${m.id}: ${m.title}${m.variantOf ? ` (variant of ${m.variantOf})` : ''}\n${m.citation || m.url ? `  ${m.citation}${m.url ? ` (${m.url})` : ''}\n` : ''}`);
    ctx.out(`  capabilities: ${m.capabilities.join(', ')}\n`);
    if (m.parameters.length) ctx.out(`  parameters: ${m.parameters.map((p) => `${p.name} (${p.description})`).join('; ')}\n`);
    if (m.domain.length) ctx.out(`  domain: ${m.domain.map((d) => `${d.condition} [${d.provenance}]`).join(', ')}\n`);
    if ('law' in m && m.law) ctx.out(`  law: ${m.law}, ${m.constraint}${'values' in m && m.values ? `; ${Object.entries(m.values).map(([k, v]) => `${k} = ${Number(v.toPrecision(6))}`).join(', ')}` : ''}\n`);
    if ('bound' in m && m.bound) ctx.out(`  bound: E = ${m.bound}, ${m.constraint}\n`);
    if ('phases' in m && m.phases?.length) ctx.out(`  phases: ${m.phases.join(', ')}\n`);
    if ('terms' in m && m.terms) ctx.out(`  terms: ${m.terms.map((term) => `${term.name} = ${term.cases.map((c) => `${c.form}${c.when.length ? ` when ${c.when.join(', ')}` : ''}`).join(' | ')}`).join('; ')}\n`);
    if ('compute' in m && m.compute) ctx.out(`  compute: ${m.compute.constraint}${m.compute.relations.map((r) => `; ${r.equation}${r.when.length ? ` when ${r.when.join(', ')}` : ''}`).join('')} (budget ${m.compute.budget}, allocate ${m.compute.allocate})\n`);
    if ('quantities' in m && m.quantities) ctx.out(`  exponents: ${m.quantities.map((q) => `${q.name} (${q.description})`).join('; ')}\n`);
    ctx.out('\n');
  }
  return 0;
}
