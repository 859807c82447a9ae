// Single-variable bottlenecks: the loss as a power of one variable when every other variable is taken
// to infinity (L ~ t^(-c_t) at N, P = inf; L ~ N^(-c_N) at t, P = inf ...). Read off a theory's terms:
// only the terms that depend on that variable alone survive the limit, and the slowest of them wins,
// c_v = min_i (-e_i) over the terms e_i = exponent of v [derived: power laws add, the largest dominates].
// Nothing here knows any particular theory; the theory names its bottlenecks in `bottlenecks`.
import { parseMonomial } from './monomial.js';
import { fromJs } from './condition.js';
import { substitute, jsBody, canonical } from '../symbolic/cas.js';
import { shown, showContext } from './derivation.js';
import type { Model, Point } from './model.js';
import type { ProvenanceTag } from './types.js';

export interface BottleneckExponent {
  /** the variable taken alone (the others at infinity) */
  variable: string;
  /** c in L ~ variable^(-c) */
  value: number;
  /** c as a theorist writes it (the project's printer, src/symbolic/print.ts via derivation.ts `shown`) */
  expr: string;
  latex: string;
  provenance: ProvenanceTag;
  source?: string;
  /** the term (and its case form) that dominates the limit */
  term: string;
  form: string;
}

interface Compiled {
  expr: string;
  latex: string;
  fn: (...p: number[]) => number;
}
const compiled = new Map<string, Compiled>();

function compile(model: Model, exponent: string): Compiled {
  const key = `${model.theory.id}|${exponent}`;
  let c = compiled.get(key);
  if (!c) {
    // c = -e, printed once per theory and exponent (not oriented at a point: one text for every point)
    const printed = shown(`-(${exponent})`, showContext(model.theory));
    const js = jsBody(canonical(`-(${substitute(exponent, model.theory.definitions)})`), model.params);
    c = { expr: printed.text, latex: printed.latex, fn: fromJs(model.params, js) };
    compiled.set(key, c);
  }
  return c;
}

/** Every bottleneck the theory declares, at a point (checked against the domain first). */
export function bottlenecksAt(model: Model, point: Point): Record<string, BottleneckExponent> {
  const t = model.theory;
  const x = model.checkDomain(point);
  const sig = model.signatureAt(x);
  const vars = Object.keys(t.variables);
  const out: Record<string, BottleneckExponent> = {};
  for (const spec of t.bottlenecks ?? []) {
    let best: BottleneckExponent | null = null;
    for (const term of t.terms) {
      const ci = sig.terms[term.name];
      if (ci === undefined || ci < 0) continue;
      const tc = term.cases[ci];
      const mono = parseMonomial(tc.form, vars);
      const names = Object.keys(mono.exponents);
      if (names.length !== 1 || names[0] !== spec.variable) continue;
      const c = compile(model, mono.exponents[spec.variable]);
      const value = c.fn(...x);
      if (!(value > 0)) continue; // a term that does not fall with the variable is no bottleneck
      if (best === null || value < best.value) {
        best = { variable: spec.variable, value, expr: c.expr, latex: c.latex, provenance: tc.provenance, source: tc.source, term: term.name, form: tc.form };
      }
    }
    if (best) out[spec.name] = best;
  }
  return out;
}
