// The symbolic half of the engine: a theory's terms and compute relations in log form, and the exact
// solution of a dominant balance. Nothing here knows any particular theory.
//
// Steps (plrf.md §5.2 [derived]):
// 1. Every relation `lhs = rhs` between monomials becomes a linear equation in the logs of the variables;
//    with u = log(allocated), phi = log(budget) and constants at log 0, the system gives each other
//    variable's log as c_u u + c_phi phi.
// 2. Every term's log is then a_i u + b_i phi.
// 3. The balance of the active pair, a_i u + b_i phi = a_j u + b_j phi, is linear in u: nerdamer solves it.
import { parseMonomial, logForm } from './monomial.js';
import { solveSystem, solveLinear, simplify, substitute, linearCoefficient, toLatex, jsBody, canonical } from '../symbolic/cas.js';
import type { TheoryFile, TermCase, Relation, QuantitySpec } from './types.js';

/** Internal symbol names (chosen not to clash with parameter names), shown to users as u and phi. */
export const U = 'uxlog';
export const PHI = 'phixlog';
const LOG = (v: string) => `logx${v}`;

/** Replace the internal log symbols by readable names: u = log d, phi = log f, log(t) ... */
export function displayLog(expr: string, theory: TheoryFile): string {
  let out = expr.replace(new RegExp(`\\b${U}\\b`, 'g'), 'u').replace(new RegExp(`\\b${PHI}\\b`, 'g'), 'phi');
  for (const v of Object.keys(theory.variables)) out = out.replace(new RegExp(`\\b${LOG(v)}\\b`, 'g'), `log(${v})`);
  return out;
}

/** Which case of each term and which relations apply: fixed within an open region. */
export interface CaseSignature {
  /** term name -> index of its case, or -1 when absent */
  terms: Record<string, number>;
  /** indices (in compute.relations) of the relations in force */
  relations: number[];
  /** memoised signatureKey */
  key?: string;
}

export function signatureKey(sig: CaseSignature): string {
  return Object.entries(sig.terms).map(([k, v]) => `${k}:${v}`).join(',') + '|' + sig.relations.join(',');
}

export interface TermLog {
  name: string;
  caseIndex: number;
  form: string;
  provenance: TermCase['provenance'];
  source?: string;
  /** exponent of the allocated variable at fixed compute, in the theory's definitions (s, q...) */
  a: string;
  /** exponent of the budget */
  b: string;
  /** the same in the parameters only */
  aExpanded: string;
  bExpanded: string;
}

export interface LogSystem {
  signature: CaseSignature;
  /** every variable's log as an expression in u, phi (definitions kept) */
  variables: Record<string, string>;
  relationsUsed: Relation[];
  terms: TermLog[];
}

function expandDefinitions(expr: string, theory: TheoryFile): string {
  return substitute(expr, theory.definitions);
}

/** Step 1 and 2: the log-linear system for a case signature. */
export function buildLogSystem(theory: TheoryFile, sig: CaseSignature): LogSystem {
  const vars = Object.keys(theory.variables);
  const { budget, allocate, constants } = theory.compute;
  const relationsUsed = [theory.compute.constraint, ...sig.relations.map((i) => theory.compute.relations[i])];
  const fixed: Record<string, string> = { [LOG(allocate)]: U, [LOG(budget)]: PHI };
  for (const c of constants) fixed[LOG(c)] = '0';
  const equations: string[] = [];
  for (const rel of relationsUsed) {
    const [lhs, rhs] = rel.equation.split('=').map((s) => s.trim());
    if (!lhs || !rhs) throw new Error(`relation '${rel.equation}' is not an equation`);
    const l = logForm(parseMonomial(lhs, vars), LOG);
    const r = logForm(parseMonomial(rhs, vars), LOG);
    equations.push(substitute(`(${l}) - (${r})`, fixed) + ' = 0');
  }
  const unknowns = vars.filter((v) => !(LOG(v) in fixed)).map(LOG);
  const used = unknowns.filter((u) => equations.some((e) => new RegExp(`\\b${u}\\b`).test(e)));
  if (used.length !== equations.length) {
    throw new Error(`the compute relations (${relationsUsed.map((r) => r.equation).join('; ')}) do not determine ${used.map((u) => u.replace('logx', '')).join(', ')}: ${equations.length} equations for ${used.length} unknowns`);
  }
  const solved = solveSystem(equations, used);
  const variables: Record<string, string> = { [allocate]: U, [budget]: PHI };
  for (const c of constants) variables[c] = '0';
  for (const u of used) variables[u.replace(/^logx/, '')] = solved[u];
  const subs: Record<string, string> = {};
  for (const [v, e] of Object.entries(variables)) subs[LOG(v)] = e;
  const terms: TermLog[] = [];
  for (const term of theory.terms) {
    const ci = sig.terms[term.name];
    if (ci === undefined || ci < 0) continue;
    const tc = term.cases[ci];
    const mono = parseMonomial(tc.form, vars);
    // a term in an unbounded variable (data at P -> inf) vanishes at the compute optimum
    if (Object.keys(mono.exponents).some((v) => theory.compute.unbounded?.includes(v))) continue;
    for (const v of Object.keys(mono.exponents)) {
      if (!(v in variables)) throw new Error(`term ${term.name}: variable ${v} is not fixed by the compute relations`);
    }
    const log = substitute(logForm(mono, LOG), subs);
    const a = linearCoefficient(log, U, [PHI]);
    const b = linearCoefficient(log, PHI, [U]);
    terms.push({
      name: term.name,
      caseIndex: ci,
      form: tc.form,
      provenance: tc.provenance,
      source: tc.source,
      a,
      b,
      aExpanded: expandDefinitions(a, theory),
      bExpanded: expandDefinitions(b, theory),
    });
  }
  return { signature: sig, variables, relationsUsed, terms };
}

export interface SolvedQuantity {
  name: string;
  /** exponent (already multiplied by the quantity's sign), simplified, in the parameters */
  expr: string;
  latex: string;
  /** JavaScript body computing it from the parameters */
  js: string;
}

export interface SolvedBalance {
  increasing: string;
  decreasing: string;
  /** the balance equation in log form, readable (u = log of the allocated variable, phi = log budget) */
  equation: string;
  /** its solution for u */
  solution: string;
  quantities: Record<string, SolvedQuantity>;
}

/** Step 3: solve the balance of `inc` against `dec` exactly and derive every quantity. */
export function solveBalance(theory: TheoryFile, system: LogSystem, inc: string, dec: string): SolvedBalance {
  const ti = system.terms.find((t) => t.name === inc);
  const tj = system.terms.find((t) => t.name === dec);
  if (!ti || !tj) throw new Error(`balance ${inc} = ${dec}: term not present`);
  const eq = `(${ti.a})*${U} + (${ti.b})*${PHI} = (${tj.a})*${U} + (${tj.b})*${PHI}`;
  const uSol = solveLinear(eq, U);
  const xi = expandDefinitions(substitute(uSol, { [PHI]: '1' }), theory);
  const params = theory.parameters.map((p) => p.name);
  const quantities: Record<string, SolvedQuantity> = {};
  for (const q of theory.quantities) {
    const expr = simplify(quantityExpr(theory, system, q, xi, ti));
    quantities[q.name] = { name: q.name, expr, latex: toLatex(expr), js: jsBody(canonical(expr), params) };
  }
  return {
    increasing: inc,
    decreasing: dec,
    equation: displayLog(`${canonical(`(${ti.a})*${U} + (${ti.b})*${PHI}`)} = ${canonical(`(${tj.a})*${U} + (${tj.b})*${PHI}`)}`, theory),
    solution: displayLog(`u = ${uSol}`, theory),
    quantities,
  };
}

/** The exponent of a quantity at u = xi * phi (per unit phi), times the quantity's sign. */
export function quantityExpr(theory: TheoryFile, system: LogSystem, q: QuantitySpec, xi: string, active: TermLog): string {
  let per: string;
  if (q.kind === 'loss') {
    per = `(${active.aExpanded})*(${xi}) + (${active.bExpanded})`;
  } else {
    const v = q.variable ?? '';
    const log = system.variables[v];
    if (log === undefined) throw new Error(`quantity ${q.name}: variable '${v}' unknown`);
    per = substitute(expandDefinitions(log, theory), { [U]: `(${xi})`, [PHI]: '1' });
  }
  return q.sign === 1 ? per : `-(${per})`;
}
