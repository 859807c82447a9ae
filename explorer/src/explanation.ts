// The derivation at a point in the structured shape of the shared contract (Explanation: definitions and
// steps of items with formula {text, latex}), which src/engine/explain.ts is being changed to return.
// ADAPTER, until that lands: built from the same engine data the current explain() prints as lines
// (Model.exponents, its case signature and log system), every formula through ./formula.ts (the printer).
// Switching to the engine's: replace the `explanation` function below by
//   export { explain as explanation } from '../../src/engine/explain.js';
// (and the interfaces by a re-export of its types); ./panel.ts renders either.
import type { Model, Point } from '../../src/engine/model.js';
import { printerFor, type Formula } from './formula.js';

export interface ExplainItem {
  label?: string;
  formula?: Formula;
  value?: number;
  note?: string;
  provenance?: string;
}
export interface ExplainStep {
  kind: 'point' | 'terms' | 'constraint' | 'slopes' | 'balance' | 'solve' | 'exponents' | 'warnings';
  title: string;
  items: ExplainItem[];
}
export interface Explanation {
  definitions: { name: string; formula: Formula; provenance?: string }[];
  steps: ExplainStep[];
}

const prov = (tag: string, source?: string) => (source ? `${tag}: ${source}` : tag);

export function explanation(model: Model, point: Point): Explanation {
  const t = model.theory;
  const r = model.exponents(point);
  // region key: the phase and the case signature (factor signs are constant inside one)
  const P = printerFor(model, point, `${r.phase}|${r.region.join('&')}`);
  const sig = model.signatureAt(model.vector(point));
  const system = model.logSystem(sig);
  const alloc = t.compute.allocate, budget = t.compute.budget;
  const steps: ExplainStep[] = [];
  steps.push({
    kind: 'point',
    title: 'Point and phase',
    items: [
      ...t.parameters.map((p) => ({ label: p.name, formula: { text: `${p.name} = ${point[p.name]}`, latex: `${P.name(p.name)} = ${point[p.name]}` }, value: point[p.name] })),
      ...t.domain.map((d) => ({ label: 'domain', formula: P.condition(d.condition), note: 'holds here', provenance: prov(d.provenance, d.source) })),
      { label: 'phase', note: `${r.phase ?? 'none'}${r.conjectural ? ' (conjectural: the paper believes, does not prove, this part)' : ''}, the region where these hold:` },
      ...r.region.map((c) => ({ label: 'region', formula: P.condition(c) })),
    ],
  });
  const inForce = system.terms.map((term) => {
    const spec = t.terms.find((s) => s.name === term.name)!;
    return { label: term.name, formula: { text: `${term.name} ~ ${term.form}`, latex: `${P.name(term.name)} \\sim ${P.expr(term.form).latex}` }, note: spec.description, provenance: prov(term.provenance, term.source) };
  });
  const vanishing = t.terms
    .filter((s) => (sig.terms[s.name] ?? -1) >= 0 && !system.terms.some((x) => x.name === s.name))
    .map((s) => {
      const c = s.cases[sig.terms[s.name]];
      return { label: s.name, formula: { text: `${s.name} ~ ${c.form}`, latex: `${P.name(s.name)} \\sim ${P.expr(c.form).latex}` }, note: `${s.description}: vanishes at the compute optimum (${(t.compute.unbounded ?? []).join(', ')} taken to infinity, not paid for by the budget ${budget})`, provenance: c.provenance };
    });
  const absent = t.terms.filter((s) => (sig.terms[s.name] ?? -1) < 0).map((s) => ({ label: s.name, note: `${s.description}: absent here (none of its cases holds)` }));
  steps.push({ kind: 'terms', title: 'Loss terms in force here', items: [...inForce, ...vanishing, ...absent] });
  const logVar = (e: string) => e.replace(/uxlog/g, 'u').replace(/phixlog/g, 'phi');
  steps.push({
    kind: 'constraint',
    title: 'Compute constraint, in log form',
    items: [
      { label: 'u', formula: { text: `u = log ${alloc}`, latex: `u = \\log ${P.name(alloc)}` }, note: `the allocated variable (${t.variables[alloc] ?? alloc})` },
      { label: 'phi', formula: { text: `phi = log ${budget}`, latex: `\\varphi = \\log ${P.name(budget)}` }, note: `the budget (${t.variables[budget] ?? budget})` },
      ...system.relationsUsed.map((rel) => ({ label: 'relation', formula: P.equation(rel.equation), provenance: prov(rel.provenance, rel.source) })),
      ...Object.entries(system.variables)
        .filter(([v]) => v !== alloc && v !== budget && !t.compute.constants.includes(v))
        .map(([v, e]) => {
          const f = P.expr(logVar(e));
          return { label: v, formula: { text: `log ${v} = ${f.text}`, latex: `\\log ${P.name(v)} = ${f.latex}` } };
        }),
      ...(t.compute.constants.length ? [{ label: 'constants', note: `held fixed (exponent 0): ${t.compute.constants.join(', ')}` }] : []),
    ],
  });
  steps.push({
    kind: 'slopes',
    title: 'Each term at fixed compute: its log is a linear function of u and φ',
    items: r.balance.logForms.map((l) => {
      const a = P.expr(l.a), b = P.expr(l.b);
      return {
        label: l.term,
        formula: { text: `log ${l.term} = (${a.text})*u + (${b.text})*phi`, latex: `\\log ${P.name(l.term)} = \\left(${a.latex}\\right) u + \\left(${b.latex}\\right) \\varphi` },
        value: l.aValue,
        note: `the coefficient of u is ${fmtN(l.aValue)} here: the term ${l.aValue > 0 ? 'grows' : l.aValue < 0 ? 'falls' : 'is flat'} with ${alloc}; the coefficient of φ is ${fmtN(l.bValue)}`,
        provenance: l.provenance,
      };
    }),
  });
  steps.push({
    kind: 'balance',
    title: 'Dominant balance: the highest crossing of a growing and a falling term',
    items: [
      ...r.balance.candidates.map((c) => ({
        label: `${c.increasing} = ${c.decreasing}`,
        formula: { text: `${c.increasing} = ${c.decreasing}: u/phi = ${fmtN(c.xi)}, log L/phi = ${fmtN(c.height)}`, latex: `${P.name(c.increasing)} = ${P.name(c.decreasing)}:\\quad u/\\varphi = ${fmtN(c.xi)},\\quad \\log L/\\varphi = ${fmtN(c.height)}` },
        value: c.height,
      })),
      { label: 'active', formula: { text: r.balance.terms.join(' = '), latex: r.balance.terms.map(P.name).join(' = ') }, note: 'the active balance' },
      ...(r.balance.note ? [{ note: r.balance.note }] : []),
    ],
  });
  steps.push({
    kind: 'solve',
    title: 'Solve the balance (linear in u)',
    items: [r.balance.equation, r.balance.solution].filter((x): x is string => !!x).map((e) => ({ formula: P.equation(e) })),
  });
  steps.push({
    kind: 'exponents',
    title: 'Exponents',
    items: t.quantities.map((q) => {
      const e = r.exponents[q.name];
      const f = P.expr(e.expr);
      return { label: q.name, formula: { text: `${q.name} = ${f.text}`, latex: `${q.latex} = ${f.latex}` }, ...(e.value === null ? {} : { value: e.value }), note: `${q.description}; the engine's derivation and the closed form agree: ${e.verified}`, provenance: prov(e.provenance, e.source) };
    }),
  });
  if (r.warnings.length) steps.push({ kind: 'warnings', title: 'Warnings', items: r.warnings.map((w) => ({ note: w })) });
  const used = steps.flatMap((s) => s.items.map((i) => i.formula?.text ?? '')).join(' ');
  const definitions = Object.entries(t.definitions)
    .filter(([n]) => new RegExp(`\\b${n}\\b`).test(used))
    .map(([n, e]) => ({ name: n, formula: (() => { const f = P.expr(e); return { text: `${n} = ${f.text}`, latex: `${P.name(n)} = ${f.latex}` }; })() }));
  return { definitions, steps };
}

function fmtN(x: number): string {
  return Number(x.toPrecision(6)).toString();
}
