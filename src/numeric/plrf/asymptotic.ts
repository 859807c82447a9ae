// The working estimate of plrf.md §3, P(r) ~ F0 + F_pp(r) + F_ac(r) + K_pp(r)/(gamma B), evaluated from the
// term forms and coefficients of theory/plrf.ts (no formula is restated here): each term in force at
// (alpha, beta) is coefficient * d^a * t^b * gamma^c with t = gamma B r. The constants c_beta and kappa
// come from ./constants.ts. Provenance per term is the theory file's. Only above the high-dimensional line
// (2 alpha > 1): the constants assume it (plrf.md §3); below it the method refuses.
// F_ac is used where the reference says it holds, t <~ d^(2 alpha), and set to 0 beyond [plrf.md §3].
import { parseMonomial } from '../../engine/monomial.js';
import { getModel } from '../../models/registry.js';
import { numericValue, substitute } from '../../symbolic/cas.js';
import { DomainError } from '../../engine/model.js';
import type { ProvenanceTag } from '../../engine/types.js';
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
}

export interface AsymptoticEstimate {
  terms: AsymptoticTerm[];
  constants: { c_beta: number | null; kappa: number };
  /** loss at each step count, and each term's values */
  loss: Float64Array;
  parts: Record<string, Float64Array>;
}

/** Evaluate an expression in alpha, beta, the theory's definitions and named constants. */
function evaluate(expr: string, values: Record<string, number>, definitions: Record<string, string>): number {
  let e = expr;
  // definitions may refer to each other: substitute until none is left
  for (let i = 0; i < 4; i++) e = substitute(e, definitions);
  const subs: Record<string, string> = {};
  for (const [k, v] of Object.entries(values)) subs[k] = String(v);
  const x = numericValue(substitute(e, subs));
  if (!Number.isFinite(x)) throw new Error(`coefficient '${expr}' is not finite at ${JSON.stringify(values)}`);
  return x;
}

export function asymptoticLoss(p: PlrfParams, steps: readonly number[]): AsymptoticEstimate {
  if (!(2 * p.alpha > 1)) {
    throw new DomainError(`--method asymptotic needs 2*alpha > 1 (got alpha = ${p.alpha}): the constants of the working estimate assume it (docs/theory/plrf.md §3); use --method deterministic`);
  }
  const model = getModel('plrf');
  const theory = model.theory;
  const point = { alpha: p.alpha, beta: p.beta };
  const x = model.vector(point);
  const cb = 2 * p.beta > 1 ? cBeta(p.beta) : null;
  const kap = kappa(p.alpha, p.v / p.d);
  const constants: Record<string, number> = { alpha: p.alpha, beta: p.beta, kappa: kap };
  if (cb !== null) constants.c_beta = cb;
  const variables = Object.keys(theory.variables);
  const terms: AsymptoticTerm[] = [];
  for (const term of theory.terms) {
    const c = term.cases.find((cs) => cs.when.every((w) => model.condition(w).evaluate(...x) > 0));
    if (!c) continue;
    if (!c.coefficient) throw new Error(`theory plrf: term ${term.name} has no coefficient for the asymptotic estimate`);
    const mono = parseMonomial(c.form, variables);
    const exponents: Record<string, number> = {};
    for (const [v, e] of Object.entries(mono.exponents)) exponents[v] = evaluate(e, point, theory.definitions);
    terms.push({ name: term.name, form: c.form, coefficient: c.coefficient, coefficientValue: evaluate(c.coefficient, constants, theory.definitions) * (mono.constant ?? 1), exponents, provenance: c.provenance, source: c.source });
  }
  const parts: Record<string, Float64Array> = {};
  const loss = new Float64Array(steps.length);
  const facCut = Math.pow(p.d, 2 * p.alpha);
  for (const t of terms) {
    const vals = new Float64Array(steps.length);
    steps.forEach((r, i) => {
      const vars: Record<string, number> = { d: p.d, t: p.lr * p.batch * r, gamma: p.lr, B: p.batch, r, f: p.d * p.batch * r };
      if (t.name === 'F_ac' && vars.t > facCut) return; // outside its validity range (plrf.md §3)
      let y = t.coefficientValue;
      for (const [v, e] of Object.entries(t.exponents)) {
        if (!(v in vars)) throw new Error(`theory plrf: variable ${v} of term ${t.name} has no value`);
        y *= Math.pow(vars[v], e);
      }
      vals[i] = y;
    });
    parts[t.name] = vals;
    for (let i = 0; i < steps.length; i++) loss[i] += vals[i];
  }
  return { terms, constants: { c_beta: cb, kappa: kap }, loss, parts };
}
