// A derivation, step by step, as data (the `explain` command prints it; the explorer renders it). The
// shape is the contract of docs/printer.md, "explain": every formula is printed by the project's printer
// (through ./derivation.ts `shown`), and every symbol a formula uses is a parameter, a log-variable
// (u = log of the allocated variable, phi = log of the budget) or listed in `definitions`.
import type { Model, Point } from './model.js';
import type { TermLog } from './derive.js';
import { definitionsUsed, shown, shownBalance, shownCondition, showContext, written, type Formula, type ShowContext } from './derivation.js';
import { printNumeric } from '../symbolic/print.js';
import { fmt } from '../format.js';

export type { Formula };

export interface ExplainItem {
  /** a term name, a quantity name (xi), 'active', ... */
  label?: string;
  /** an expression, equation or condition, printed by the project's printer */
  formula?: Formula;
  /** its numeric value at the point, when it has one */
  value?: number;
  /** plain prose */
  note?: string;
  /** provenance tag and source */
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

const prov = (p: { provenance: string; source?: string }) => `${p.provenance}${p.source ? `: ${p.source}` : ''}`;
const plain = (text: string): Formula => ({ text, latex: text });

export function explain(model: Model, point: Point): Explanation {
  const t = model.theory;
  const r = model.exponents(point);
  const x = model.vector(point);
  const sig = model.signatureAt(x);
  const system = model.logSystem(sig);
  const ctx = showContext(t, x);
  const { allocate, budget } = t.compute;
  const unbounded = t.compute.unbounded ?? [];
  const steps: ExplainStep[] = [];

  // 1. the point, the domain it satisfies, its phase and the phase's region
  const ph = (t.phases ?? []).find((p) => p.name === r.phase);
  steps.push({
    kind: 'point',
    title: 'Point and phase',
    items: [
      ...t.parameters.map((p) => ({ label: p.name, value: point[p.name], note: p.description })),
      ...t.domain.map((d) => ({ label: 'domain', formula: shownCondition(d.condition, ctx), note: 'holds at this point', provenance: prov(d) })),
      { label: 'phase', note: r.phase === null ? 'none stated: the balance at this point decides' : `${r.phase}${ph ? `: ${ph.description}` : ' (on a boundary between phases)'}${r.conjectural ? ' (conjectural)' : ''}` },
      ...r.region.map((c) => ({ label: 'region', formula: shownCondition(c, ctx) })),
    ],
  });

  // 2. the terms: in force, vanishing at the optimum (an unbounded variable), absent (no case holds)
  const present = (name: string) => system.terms.some((x) => x.name === name);
  steps.push({
    kind: 'terms',
    title: 'Loss terms in force here',
    items: t.terms.flatMap((s): ExplainItem[] => {
      const ci = sig.terms[s.name] ?? -1;
      if (ci < 0) return [{ label: s.name, note: `absent here: none of its cases holds (${s.description})` }];
      const c = s.cases[ci];
      const form = written(c.form, ctx);
      if (present(s.name)) return [{ label: s.name, formula: form, note: s.description, provenance: prov(c) }];
      return [{ label: s.name, formula: form, note: `${s.description}; vanishes at the compute optimum, ${unbounded.join(', ')} -> inf (not paid for by ${budget})`, provenance: prov(c) }];
    }),
  });

  // 3. the compute constraint and relations, each variable's log in u and phi
  const logOf = (v: string) => shown(system.variables[v], ctx, true);
  steps.push({
    kind: 'constraint',
    title: `Compute constraint, in log form (u = log ${allocate}, phi = log ${budget})`,
    items: [
      ...system.relationsUsed.map((rel, i) => {
        const [lhs, rhs] = rel.equation.split('=').map((z) => z.trim());
        const [l, rr] = [written(lhs, ctx), written(rhs, ctx)];
        return { label: i === 0 ? 'constraint' : 'relation', formula: { text: `${l.text} = ${rr.text}`, latex: `${l.latex} = ${rr.latex}` }, provenance: prov(rel) };
      }),
      { label: 'u', note: `the log of ${allocate}, the allocated variable (${t.variables[allocate] ?? allocate})` },
      { label: 'phi', note: `the log of ${budget}, the compute budget (${t.variables[budget] ?? budget})` },
      ...Object.keys(system.variables)
        .filter((v) => v !== allocate && v !== budget)
        .map((v) => ({ label: `log ${v}`, formula: logOf(v), note: t.compute.constants.includes(v) ? `${v} is held fixed as ${budget} grows` : `from the relations above` })),
    ],
  });

  // 4. every term at fixed compute: log term = a*u + b*phi
  const dir = (a: number) => (a > 0 ? `grows with ${allocate} at fixed compute` : a < 0 ? `falls with ${allocate} at fixed compute` : `flat in ${allocate} at fixed compute`);
  steps.push({
    kind: 'slopes',
    title: 'Each term at fixed compute: log term = (slope in u) u + (slope in phi) phi',
    items: r.balance.logForms.flatMap((l) => [
      { label: `${l.term}, slope in u`, formula: { text: l.a, latex: l.aLatex }, value: l.aValue, note: dir(l.aValue) },
      { label: `${l.term}, slope in phi`, formula: { text: l.b, latex: l.bLatex }, value: l.bValue },
    ]),
  });

  // 5. the candidate crossings and the active one
  const [incName, decName] = r.balance.terms;
  steps.push({
    kind: 'balance',
    title: 'Dominant balance: the highest crossing of a growing and a falling term',
    items: [
      ...r.balance.candidates.map((c) => ({
        label: `${c.increasing} = ${c.decreasing}`,
        formula: withU(printNumeric(c.xi, 'phi')),
        value: c.height,
        note: 'a crossing; the value is its height, the log loss per unit of phi',
      })),
      { label: 'active', note: `${incName} = ${decName}` },
      ...(r.balance.note ? [{ note: r.balance.note }] : []),
    ],
  });

  // 6. the balance solved for u, in the parameters, and at this point
  const inc = system.terms.find((z) => z.name === incName);
  const dec = system.terms.find((z) => z.name === decName);
  steps.push({ kind: 'solve', title: 'Solve the balance: linear in u, exact rational arithmetic', items: inc && dec ? solveItems(model, ctx, inc, dec, r.balance.candidates.find((c) => c.increasing === incName && c.decreasing === decName)?.xi) : [] });

  // 7. the exponents (the engine's own expressions; the closed forms only check them)
  steps.push({
    kind: 'exponents',
    title: 'Exponents',
    items: t.quantities.flatMap((q) => {
      const e = r.exponents[q.name];
      const main: ExplainItem = {
        label: q.name,
        formula: { text: e.expr, latex: e.latex },
        ...(e.value === null ? {} : { value: e.value }),
        note: `${q.description}; the engine's derivation, ${VERIFIED[e.verified] ?? e.verified}`,
        provenance: prov(e),
      };
      const sides = Object.entries(e.sides ?? {}).map(([side, s]) => ({ label: `${q.name} (${side})`, formula: shown(s.expr, ctx), value: s.value, note: e.continuous ? 'agrees across the boundary' : 'jumps across the boundary' }));
      return [main, ...sides];
    }),
  });
  if (r.warnings.length) steps.push({ kind: 'warnings', title: 'Warnings', items: r.warnings.map((w) => ({ note: w })) });

  return { definitions: definitionsFor(model, ctx, steps, system.variables), steps };
}

const VERIFIED: Record<string, string> = {
  symbolic: 'equal to the reference closed form symbolically',
  numeric: 'equal to the reference closed form at sampled points',
  mismatch: 'DIFFERENT from the reference closed form',
  none: 'no reference closed form to compare',
};

function withU(f: Formula): Formula {
  return { text: `u = ${f.text}`, latex: `u = ${f.latex}` };
}

function solveItems(model: Model, ctx: ShowContext, inc: TermLog, dec: TermLog, xiHere: number | undefined): ExplainItem[] {
  const { allocate, budget } = model.theory.compute;
  const b = shownBalance(inc, dec, ctx);
  const atomic = /^[A-Za-z0-9_]+$/.test(b.xi.text);
  const scaling: Formula = {
    text: `${allocate}* ~ ${budget}^${atomic ? b.xi.text : `(${b.xi.text})`}`,
    latex: `${allocate}^* \\sim ${budget}^{${b.xi.latex}}`,
  };
  return [
    { label: 'balance', formula: b.equation, note: `the logs of ${inc.name} and ${dec.name} equal, the theory's definitions substituted` },
    { label: 'solution', formula: b.solution, note: 'solved for u and reduced to lowest terms in exact rational arithmetic (bigint polynomials, src/symbolic/rational), then factored' },
    { label: 'scaling', formula: scaling, note: `the compute-optimal ${allocate} as a power of ${budget}` },
    ...(xiHere === undefined ? [] : [{ label: 'at this point', formula: withU(printNumeric(xiHere, 'phi')) }]),
  ];
}

/** The theory's definitions and variables that the formulas use, each defined in the parameters and u, phi. */
function definitionsFor(model: Model, ctx: ShowContext, steps: ExplainStep[], logs: Record<string, string>): Explanation['definitions'] {
  const t = model.theory;
  const used = new Set<string>();
  for (const s of steps) for (const it of s.items) if (it.formula) for (const n of definitionsUsed(it.formula, ctx)) used.add(n);
  const out: Explanation['definitions'] = [];
  for (const d of ctx.defNames) {
    if (!used.has(d)) continue;
    const f = shown(d, ctx);
    out.push({ name: d, formula: f, provenance: `theory ${t.id}: ${t.reference}` });
    for (const n of definitionsUsed(f, ctx)) if (!ctx.defNames.includes(n)) used.add(n);
  }
  for (const v of Object.keys(t.variables)) {
    if (!used.has(v)) continue;
    const what = t.variables[v];
    if (v in logs) {
      const l = shown(logs[v], ctx, true);
      const formula = l.text === '0' ? plain('1') : { text: `exp(${l.text})`, latex: `e^{${l.latex}}` };
      const role = v === t.compute.allocate ? 'the allocated variable' : v === t.compute.budget ? 'the compute budget' : t.compute.constants.includes(v) ? 'held fixed (exponent 0)' : 'from the compute relations';
      out.push({ name: v, formula, provenance: `derived: ${what}; ${role}` });
    } else {
      out.push({ name: v, formula: plain(v), provenance: `${what}; ${(t.compute.unbounded ?? []).includes(v) ? 'unbounded: taken to infinity at the compute optimum' : 'not fixed by the compute relations'}` });
    }
  }
  return out;
}

/** The lines `explain` prints for a step (the explorer may render the items itself). */
export function stepLines(step: ExplainStep): string[] {
  return step.items.map((it) => {
    const isRel = !!it.formula && /(^|\s)(=|<|>|~)(\s|$)/.test(it.formula.text);
    const sep = step.kind === 'terms' ? ' ~ ' : isRel || step.kind === 'point' ? ': ' : ' = ';
    let line = it.label ? (it.formula ? `${it.label}${sep}${it.formula.text}` : it.label) : (it.formula?.text ?? '');
    const numeric = !!it.formula && /^-?[0-9.]+$/.test(it.formula.text);
    if (it.value !== undefined && !numeric) line += it.formula && isRel ? `, value ${fmt(it.value)}` : ` = ${fmt(it.value)}`;
    if (it.note) line = !line ? it.note : it.formula || it.value !== undefined ? `${line}  (${it.note})` : `${line}: ${it.note}`;
    if (it.provenance) line += ` [${it.provenance}]`;
    return line;
  });
}

/** The whole explanation as text: the definitions, then the numbered steps. */
export function explanationText(e: Explanation): string {
  const out: string[] = [];
  if (e.definitions.length) {
    out.push('Symbols');
    for (const d of e.definitions) out.push(`   ${d.name} = ${d.formula.text}${d.provenance ? `   [${d.provenance}]` : ''}`);
  }
  e.steps.forEach((s, i) => {
    out.push(`${i + 1}. ${s.title}`);
    for (const l of stepLines(s)) out.push(`   ${l}`);
  });
  return out.join('\n') + '\n';
}
