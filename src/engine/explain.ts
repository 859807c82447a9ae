// A derivation, step by step, as data (the `explain` command prints it; the explorer renders it).
import type { Model, Point } from './model.js';
import { fmt } from '../format.js';

export interface Step {
  title: string;
  lines: string[];
}

export function explain(model: Model, point: Point): Step[] {
  const t = model.theory;
  const r = model.exponents(point);
  const x = model.vector(point);
  const sig = model.signatureAt(x);
  const system = model.logSystem(sig);
  const steps: Step[] = [];
  steps.push({
    title: 'Point and phase',
    lines: [
      `${model.fmtPoint(point)} satisfies the domain ${t.domain.map((d) => d.condition).join(', ')}.`,
      `Phase ${r.phase}${r.conjectural ? ' (conjectural)' : ''}: ${r.region.join(', ')}.`,
    ],
  });
  steps.push({
    title: 'Loss terms in force here',
    lines: system.terms.map((term) => {
      const spec = t.terms.find((s) => s.name === term.name)!;
      return `${term.name} ~ ${term.form}   (${spec.description}) [${term.provenance}${term.source ? `: ${term.source}` : ''}]`;
    }).concat(t.terms.filter((s) => (sig.terms[s.name] ?? -1) >= 0 && !system.terms.some((x) => x.name === s.name)).map((s) => {
      const c = s.cases[sig.terms[s.name]];
      return `${s.name} ~ ${c.form}   (${s.description}) [${c.provenance}]: vanishes at the compute optimum, ${(t.compute.unbounded ?? []).join(', ')} -> inf (not paid for by ${t.compute.budget})`;
    })).concat(t.terms.filter((s) => (sig.terms[s.name] ?? -1) < 0).map((s) => `${s.name}: absent here (its conditions ${s.cases.map((c) => c.when.join(' and ') || 'always').join(' / ')} fail)`)),
  });
  steps.push({
    title: `Compute constraint, in log form (u = log ${t.compute.allocate}, phi = log ${t.compute.budget})`,
    lines: [
      ...system.relationsUsed.map((rel) => `${rel.equation}   [${rel.provenance}${rel.source ? `: ${rel.source}` : ''}]`),
      ...Object.entries(system.variables)
        .filter(([v]) => v !== t.compute.allocate && v !== t.compute.budget && !t.compute.constants.includes(v))
        .map(([v, e]) => `log ${v} = ${e.replace(/uxlog/g, 'u').replace(/phixlog/g, 'phi')}`),
      `constants (exponent 0): ${t.compute.constants.join(', ') || 'none'}`,
    ],
  });
  steps.push({
    title: 'Each term at fixed compute: log term = a*u + b*phi',
    lines: r.balance.logForms.map((l) => `${l.term}: a = ${l.a} = ${fmt(l.aValue)}, b = ${l.b} = ${fmt(l.bValue)}  (${l.aValue > 0 ? 'grows' : l.aValue < 0 ? 'falls' : 'flat'} with ${t.compute.allocate})`),
  });
  steps.push({
    title: 'Dominant balance: the highest crossing of a growing and a falling term',
    lines: [
      ...r.balance.candidates.map((c) => `${c.increasing} = ${c.decreasing}: u/phi = ${fmt(c.xi)}, log-loss/phi = ${fmt(c.height)}`),
      `active: ${r.balance.terms.join(' = ')}`,
      ...(r.balance.note ? [r.balance.note] : []),
    ],
  });
  steps.push({
    title: 'Solve the balance (linear in u) with the CAS',
    lines: [`${r.balance.equation}`, `${r.balance.solution}`],
  });
  steps.push({
    title: 'Exponents',
    lines: t.quantities.map((q) => {
      const e = r.exponents[q.name];
      return `${q.name} = ${e.expr}${e.value === null ? '' : ` = ${fmt(e.value)}`}   (${q.description}); engine: ${e.engineExpr}; closed form ${e.verified}; provenance ${e.provenance}`;
    }),
  });
  if (r.warnings.length) steps.push({ title: 'Warnings', lines: r.warnings });
  return steps;
}
