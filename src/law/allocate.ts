// Compute-optimal allocation under a parsed law (./parse.ts): the exact minimum of the loss along the
// compute constraint, and the exponents from the engine (dominant balance, src/engine/model.ts).
//
// Along the constraint, with u = ln X (X the allocated variable), every term is exp(beta_i + s_i u), so
// the loss is a constant plus a sum of exponentials of lines: convex in u [derived]. Its minimum solves
// sum_i s_i exp(beta_i + s_i u) = 0: in closed form for one growing and one falling term,
//   u* = (beta_j - beta_i + ln(-s_j) - ln s_i) / (s_i - s_j)      [derived: Lagrange condition,
//   for Chinchilla alpha A N^-alpha = beta B D^-beta, chinchilla.md §3]
// and by a safeguarded Newton iteration on the monotone derivative otherwise.
import { Model, type ExponentInfo } from '../engine/model.js';
import { DomainError } from '../errors.js';
import { evaluate, print, num, type Expr } from './expr.js';
import { requireValues, type ParsedLaw } from './parse.js';

export interface LineTerm {
  name: string;
  /** log of the term at u = 0 */
  beta: number;
  /** d ln(term) / d u along the constraint */
  slope: number;
}

export interface LawOptimum {
  budget: number;
  /** allocated variable and the other one at the optimum */
  x: Record<string, number>;
  loss: number;
  /** loss minus the variable-free terms */
  reducible: number;
  irreducible: number;
  method: 'closed form (two terms)' | 'Newton on the stationarity condition';
  /** terms along the constraint at the optimum */
  terms: Array<{ name: string; value: number; slope: number }>;
}

/** The terms of the law as lines in u = ln(allocated) at a given budget. */
export function lineTerms(law: ParsedLaw, values: Record<string, number>, budget: number): { terms: LineTerm[]; irreducible: number; otherOf: (u: number) => number } {
  const v = requireValues(law, values);
  const ev = (e: Expr, what: string) => {
    const r = evaluate(e, v);
    if (!Number.isFinite(r)) throw new DomainError(`${what} = ${print(e)} is not finite at the given values`);
    return r;
  };
  const k = ev(law.constraint.multiplier, 'the constraint multiplier');
  const p = ev(law.constraint.exponents[law.allocate], `the exponent of ${law.allocate} in the constraint`);
  const q = ev(law.constraint.exponents[law.other], `the exponent of ${law.other} in the constraint`);
  if (!(k > 0)) throw new DomainError(`the constraint multiplier ${print(law.constraint.multiplier)} = ${k} must be > 0`);
  if (q === 0) throw new DomainError(`the constraint ${law.constraint.text} does not fix ${law.other}`);
  // ln Y = (ln C - ln k - p u)/q
  const lnCk = Math.log(budget) - Math.log(k);
  const terms = law.terms.map((t) => {
    const c = ev(t.coefficient, `the coefficient of ${t.text}`);
    if (!(c > 0)) throw new DomainError(`the coefficient of ${t.text} is ${c}: every term must be positive (valid domain: coefficient > 0)`);
    const ex = ev(t.exponents[law.allocate] ?? num(0), `the exponent of ${law.allocate} in ${t.text}`);
    const ey = ev(t.exponents[law.other] ?? num(0), `the exponent of ${law.other} in ${t.text}`);
    return { name: t.name, beta: Math.log(c) + (ey * lnCk) / q, slope: ex - (ey * p) / q };
  });
  const irreducible = law.constant ? ev(law.constant, 'the irreducible loss') : 0;
  return { terms, irreducible, otherOf: (u: number) => Math.exp((lnCk - p * u) / q) };
}

/** The law's value at a point of its variables (e.g. L(N, D)): the same terms the engine and the optimum use. */
export function lawValue(law: ParsedLaw, values: Record<string, number>, point: Record<string, number>): number {
  const scope = { ...values, ...point };
  let y = law.constant ? evaluate(law.constant, scope) : 0;
  for (const t of law.terms) {
    let term = evaluate(t.coefficient, scope);
    for (const [v, e] of Object.entries(t.exponents)) {
      const x = evaluate(e, scope);
      term = x < 0 ? term / Math.pow(scope[v], -x) : term * Math.pow(scope[v], x); // A/N^alpha as written
    }
    y += term;
  }
  return y;
}

/** The exact compute-optimal allocation at budget C. */
export function lawOptimum(law: ParsedLaw, values: Record<string, number>, budget: number): LawOptimum {
  if (!(budget > 0) || !Number.isFinite(budget)) throw new DomainError(`budget ${law.constraint.budget} = ${budget} must be a finite number > 0`);
  const { terms, irreducible, otherOf } = lineTerms(law, values, budget);
  const inc = terms.filter((t) => t.slope > 0);
  const dec = terms.filter((t) => t.slope < 0);
  if (inc.length === 0 || dec.length === 0) {
    throw new DomainError(`no interior optimum: along ${law.constraint.text} no term ${inc.length === 0 ? 'grows' : 'falls'} with ${law.allocate}, so the loss falls without bound as ${law.allocate} ${inc.length === 0 ? 'grows' : 'shrinks'}`);
  }
  const crossing = (i: LineTerm, j: LineTerm) => (j.beta - i.beta + Math.log(-j.slope) - Math.log(i.slope)) / (i.slope - j.slope);
  let u: number;
  let method: LawOptimum['method'];
  if (inc.length === 1 && dec.length === 1) {
    u = crossing(inc[0], dec[0]);
    method = 'closed form (two terms)';
  } else {
    // g(u) = sum s_i e^(beta_i + s_i u) is increasing; bracket its root by the pairwise crossings
    const g = (x: number) => terms.reduce((s, t) => s + t.slope * Math.exp(t.beta + t.slope * x), 0);
    const dg = (x: number) => terms.reduce((s, t) => s + t.slope * t.slope * Math.exp(t.beta + t.slope * x), 0);
    const cands = inc.flatMap((i) => dec.map((j) => crossing(i, j)));
    let lo = Math.min(...cands) - 1, hi = Math.max(...cands) + 1;
    while (g(lo) > 0) lo -= 2 * (hi - lo);
    while (g(hi) < 0) hi += 2 * (hi - lo);
    u = 0.5 * (lo + hi);
    for (let it = 0; it < 200; it++) {
      const gu = g(u);
      if (gu > 0) hi = u;
      else lo = u;
      let next = u - gu / dg(u);
      if (!(next > lo && next < hi)) next = 0.5 * (lo + hi);
      if (Math.abs(next - u) <= 1e-15 * Math.max(1, Math.abs(u))) {
        u = next;
        break;
      }
      u = next;
    }
    method = 'Newton on the stationarity condition';
  }
  const vals = terms.map((t) => ({ name: t.name, value: Math.exp(t.beta + t.slope * u), slope: t.slope }));
  const reducible = vals.reduce((s, t) => s + t.value, 0);
  return {
    budget,
    x: { [law.allocate]: Math.exp(u), [law.other]: otherOf(u) },
    loss: irreducible + reducible,
    reducible,
    irreducible,
    method,
    terms: vals,
  };
}

export interface LawExponent extends ExponentInfo {
  /** the user's names in expr and latex (CAS renames undone) */
  quantity: string;
}

export interface LawExponents {
  /** allocated variable ~ C^a */
  a: LawExponent;
  /** other variable ~ C^b */
  b: LawExponent;
  /** reducible loss ~ C^(-loss) */
  loss: LawExponent;
  balance: string;
  warnings: string[];
}

const models = new WeakMap<ParsedLaw, Model>();

/** The engine's Model of a parsed law (one per parsed law). */
export function lawModel(law: ParsedLaw): Model {
  let model = models.get(law);
  if (!model) {
    model = new Model(law.theory);
    models.set(law, model);
  }
  return model;
}

/** The engine's exponents for the law at the given exponent values (symbolic expr/LaTeX, numeric value). */
export function lawExponents(law: ParsedLaw, values: Record<string, number>): LawExponents {
  const model = lawModel(law);
  const point: Record<string, number> = {};
  for (const p of law.exponentParameters) {
    const v = values[p];
    if (v === undefined) throw new DomainError(`the law needs a value for the exponent ${p}`);
    point[law.rename[p]] = v;
  }
  const r = model.exponents(point);
  const back = Object.entries(law.rename).filter(([u, s]) => u !== s);
  const undo = (s: string) => back.reduce((acc, [user, safe]) => acc.replace(new RegExp(`\\b${safe}\\b`, 'g'), user), s);
  const pick = (q: string, label: string): LawExponent => {
    const e = r.exponents[q];
    return { ...e, expr: undo(e.expr), latex: undo(e.latex), engineExpr: undo(e.engineExpr), quantity: label };
  };
  return {
    a: pick(`${law.rename[law.allocate]}_opt`, `${law.allocate}_opt ~ ${law.constraint.budget}^a`),
    b: pick(`${law.rename[law.other]}_opt`, `${law.other}_opt ~ ${law.constraint.budget}^b`),
    loss: pick('loss', `L* - L_inf ~ ${law.constraint.budget}^(-loss)`),
    balance: undo(`${r.balance.terms[0]} = ${r.balance.terms[1]}: ${r.balance.equation ?? ''}`),
    warnings: r.warnings.map(undo),
  };
}
