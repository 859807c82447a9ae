// The working estimate P(r) ~ F0 + F_pp(r) + F_ac(r) + K_pp(r)/(gamma B) (docs/theory/plrf.md), evaluated
// from the theory file's terms (no formula is restated here): the case of each term in force at
// (alpha, beta) is the engine's (Model.signatureAt: the same case on a boundary line as the exponents
// use), each term is coefficient * prod_v v^e_v, and the variables other than the given d, gamma, B, r
// (t = gamma B r, f = d B r) come from the theory's own compute relations. A case's `validity` (F_ac:
// t < d^(2 alpha)) switches the term off beyond it. The constants c_beta and kappa come from
// ./constants.ts. Provenance per term is the theory file's. Only above the high-dimensional line
// (2 alpha > 1): the constants assume it; below it the method refuses.
import { parseMonomial } from '../../engine/monomial.js';
import { numericValue, substitute } from '../../symbolic/cas.js';
import { DomainError } from '../../errors.js';
import type { Model } from '../../engine/model.js';
import type { ProvenanceTag, TheoryFile } from '../../engine/types.js';
import { cBeta, kappa } from './constants.js';
import type { PlrfParams } from './setup.js';

export interface AsymptoticTerm {
  name: string;
  form: string;
  coefficient: string;
  coefficientValue: number;
  exponents: Record<string, number>;
  provenance: ProvenanceTag;
  source?: string;
  /** where the form holds (`t < d^(2*alpha)`) and the step count r beyond which the estimate drops the term */
  validity?: { condition: string; cutSteps: number };
}

export interface AsymptoticEstimate {
  terms: AsymptoticTerm[];
  constants: { c_beta: number | null; kappa: number };
  /** loss at each step count, and each term's values */
  loss: Float64Array;
  parts: Record<string, Float64Array>;
}

/** Evaluate an expression in alpha, beta, the theory's definitions and named constants. */
function evaluate(expr: string, values: Record<string, number>, definitions: Record<string, string>, requireFinite = true): number {
  let e = expr;
  // definitions may refer to each other: substitute until none is left
  for (let i = 0; i < 4; i++) e = substitute(e, definitions);
  const subs: Record<string, string> = {};
  for (const [k, v] of Object.entries(values)) subs[k] = String(v);
  const x = numericValue(substitute(e, subs));
  if (requireFinite && !Number.isFinite(x)) throw new Error(`'${expr}' is not finite at ${JSON.stringify(values)}`);
  return x;
}

/** A monomial of the theory with its exponents evaluated at the point. */
function numericMonomial(form: string, theory: TheoryFile, point: Record<string, number>): { constant: number; exponents: Record<string, number> } {
  const mono = parseMonomial(form, Object.keys(theory.variables));
  const exponents: Record<string, number> = {};
  for (const [v, e] of Object.entries(mono.exponents)) exponents[v] = evaluate(e, point, theory.definitions);
  return { constant: mono.constant ?? 1, exponents };
}

function monomialValue(m: { constant: number; exponents: Record<string, number> }, vars: Record<string, number>, what: string): number {
  let y = m.constant;
  for (const [v, e] of Object.entries(m.exponents)) {
    if (!Object.hasOwn(vars, v)) throw new Error(`${what}: variable ${v} has no value`);
    y *= Math.pow(vars[v], e);
  }
  return y;
}

/**
 * Complete the given variables with the theory's compute constraint and relations (`lhs = monomial`):
 * each relation whose left side is unknown and whose right side is known is evaluated, until none is left.
 */
function completeVariables(theory: TheoryFile, point: Record<string, number>, given: Record<string, number>): Record<string, number> {
  const vars = { ...given };
  const relations = [theory.compute.constraint, ...theory.compute.relations].map((r) => {
    const [lhs, rhs] = r.equation.split('=').map((x) => x.trim());
    return { lhs, rhs: numericMonomial(rhs, theory, point) };
  });
  for (let changed = true; changed; ) {
    changed = false;
    for (const r of relations) {
      if (Object.hasOwn(vars, r.lhs) || !Object.keys(r.rhs.exponents).every((v) => Object.hasOwn(vars, v))) continue;
      vars[r.lhs] = monomialValue(r.rhs, vars, `relation ${r.lhs}`);
      changed = true;
    }
  }
  return vars;
}

export function asymptoticLoss(model: Model, p: PlrfParams, steps: readonly number[]): AsymptoticEstimate {
  if (!(2 * p.alpha > 1)) {
    throw new DomainError(`alpha = ${p.alpha}: method asymptotic needs 2*alpha > 1 (the constants of the working estimate assume it, docs/theory/plrf.md §3); use method deterministic`, {
      parameter: 'alpha',
      value: p.alpha,
      condition: '2*alpha > 1',
    });
  }
  const theory = model.theory;
  const point = { alpha: p.alpha, beta: p.beta };
  const sig = model.signatureAt(model.vector(point));
  const cb = 2 * p.beta > 1 ? cBeta(p.beta) : null;
  const kap = kappa(p.alpha, p.v / p.d);
  const constants: Record<string, number> = { alpha: p.alpha, beta: p.beta, kappa: kap };
  if (cb !== null) constants.c_beta = cb;
  const terms: Array<AsymptoticTerm & { valid?: { lhs: string; rhs: ReturnType<typeof numericMonomial> } }> = [];
  for (const term of theory.terms) {
    const c = term.cases[sig.terms[term.name]];
    if (!c) continue;
    if (!c.coefficient) throw new Error(`theory ${theory.id}: term ${term.name} has no coefficient for the asymptotic estimate`);
    const mono = numericMonomial(c.form, theory, point);
    const coefficientValue = evaluate(c.coefficient, constants, theory.definitions, false);
    if (!Number.isFinite(coefficientValue)) {
      // on a case line (2*beta = 1: c_beta = sum_j j^(-2 beta) diverges) the estimate has no finite constant
      const line = c.when.map((w) => model.condition(w)).find((w) => Math.abs(w.evaluate(p.alpha, p.beta)) <= 1e-9);
      throw new DomainError(
        `${line ? `alpha = ${p.alpha}, beta = ${p.beta} lies on ${line.boundary}, where` : `at alpha = ${p.alpha}, beta = ${p.beta}`} the coefficient ${c.coefficient} of ${term.name} is not finite: method asymptotic has no constant there; use method deterministic`,
        { parameter: 'alpha, beta', value: `${p.alpha}, ${p.beta}`, condition: line ? `not ${line.boundary}` : `${c.coefficient} finite` },
      );
    }
    // `validity: "t < d^(2*alpha)"`: the variable on the left below the monomial on the right
    const valid = c.validity ? (([lhs, rhs]) => ({ lhs: lhs.trim(), rhs: numericMonomial(rhs.trim(), theory, point) }))(c.validity.split('<')) : undefined;
    terms.push({ name: term.name, form: c.form, coefficient: c.coefficient, coefficientValue: coefficientValue * mono.constant, exponents: mono.exponents, provenance: c.provenance, source: c.source, valid, ...(valid ? { validity: { condition: c.validity!, cutSteps: NaN } } : {}) });
  }
  const parts: Record<string, Float64Array> = {};
  const loss = new Float64Array(steps.length);
  const variablesAt = (r: number) => completeVariables(theory, point, { d: p.d, gamma: p.lr, B: p.batch, r });
  const holds = (t: (typeof terms)[number], vars: Record<string, number>) => !t.valid || vars[t.valid.lhs] < monomialValue(t.valid.rhs, vars, `validity of ${t.name}`);
  const varsAt = steps.map(variablesAt);
  for (const t of terms) {
    if (t.validity) t.validity.cutSteps = cutSteps((r) => holds(t, variablesAt(r)));
    const vals = new Float64Array(steps.length);
    varsAt.forEach((vars, i) => {
      if (!holds(t, vars)) return; // outside its validity range
      vals[i] = monomialValue({ constant: t.coefficientValue, exponents: t.exponents }, vars, `term ${t.name}`);
    });
    parts[t.name] = vals;
    for (let i = 0; i < steps.length; i++) loss[i] += vals[i];
  }
  return { terms: terms.map(({ valid: _v, ...rest }) => rest), constants: { c_beta: cb, kappa: kap }, loss, parts };
}

/** The step count where a validity condition that holds at r = 1 stops holding (bisection in log r; Infinity if never below 1e30). */
function cutSteps(holds: (r: number) => boolean): number {
  if (!holds(1)) return 1;
  let lo = 0, hi = Math.log(1e30);
  if (holds(Math.exp(hi))) return Infinity;
  for (let i = 0; i < 200 && hi - lo > 1e-12; i++) {
    const mid = 0.5 * (lo + hi);
    if (holds(Math.exp(mid))) lo = mid;
    else hi = mid;
  }
  return Math.exp(0.5 * (lo + hi));
}
