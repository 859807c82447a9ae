// The state a derivation is checked against, per phase piece: every variable's log as c_u u + c_phi phi
// (u = log of the allocated variable, phi = log of the budget) and every present term's exponent pair
// (a_i, b_i) at fixed compute, both taken from the engine's log system of the piece (src/engine/derive.ts),
// then overridden by what the author stated in earlier wrong steps, so that later steps are checked as if
// those had been right. Values are exact rational functions of the parameters (src/symbolic/rational)
// where they can be, with a numeric evaluator always alongside.
import { buildLogSystem, U, PHI, type CaseSignature, type LogSystem } from '../engine/derive.js';
import { parseMonomial } from '../engine/monomial.js';
import { polyToText } from '../engine/phases.js';
import { printExpression } from '../symbolic/print.js';
import { NotRationalError, ratFromNode, AlgebraLimitError, type RatFunc } from '../symbolic/rational/index.js';
import { compileFormula, parseFormula, substituteNames, toText, type Node } from '../symbolic/formula.js';
import type { TheoryFile, Relation } from '../engine/types.js';
import type { LogMono } from './derivation-steps.js';

/** A quantity: exact when `rat` is present, always evaluable. */
export class Q {
  constructor(
    readonly f: (x: readonly number[]) => number,
    readonly rat?: RatFunc,
  ) {}
  static num(v: number, nv: number, params: readonly string[]): Q {
    return Q.of({ type: 'num', value: v, text: String(v) }, params, nv);
  }
  static of(node: Node, params: readonly string[], _nv = params.length): Q {
    let rat: RatFunc | undefined;
    try {
      rat = ratFromNode(node, params);
    } catch (e) {
      if (!(e instanceof NotRationalError || e instanceof AlgebraLimitError)) throw e;
    }
    const f = compileFormula(node, params);
    return new Q(rat ? (x) => rat!.evaluate(x) : f, rat);
  }
  private static op(a: Q, b: Q, r: (x: RatFunc, y: RatFunc) => RatFunc, n: (x: number, y: number) => number): Q {
    let rat: RatFunc | undefined;
    if (a.rat && b.rat) {
      try {
        rat = r(a.rat, b.rat);
      } catch (e) {
        if (!(e instanceof NotRationalError || e instanceof AlgebraLimitError)) throw e;
      }
    }
    return new Q((x) => n(a.f(x), b.f(x)), rat);
  }
  add(o: Q): Q {
    return Q.op(this, o, (x, y) => x.add(y), (x, y) => x + y);
  }
  sub(o: Q): Q {
    return Q.op(this, o, (x, y) => x.sub(y), (x, y) => x - y);
  }
  mul(o: Q): Q {
    return Q.op(this, o, (x, y) => x.mul(y), (x, y) => x * y);
  }
  div(o: Q): Q {
    return Q.op(this, o, (x, y) => x.div(y), (x, y) => x / y);
  }
  neg(): Q {
    return new Q((x) => -this.f(x), this.rat?.neg());
  }
  /** exactly zero (null: not decidable exactly) */
  isZero(): boolean | null {
    return this.rat ? this.rat.isZero() : null;
  }
}

/** Q a theory-side expression string (nerdamer output of the engine, definitions allowed). */
export function qOfText(expr: string, params: readonly string[], defs: Record<string, Node>): Q {
  return Q.of(substituteNames(parseFormula(expr, null), defs), params);
}

/** A rational function (or a numeric quantity) printed as a theorist writes it. */
export function show(q: Q, params: readonly string[], at?: Record<string, number>): string {
  if (!q.rat) return '(not a rational function)';
  const t = `(${polyToText(q.rat.num, params)})/(${polyToText(q.rat.den, params)})`;
  try {
    return printExpression(t, { params, ...(at ? { at } : {}) }).text;
  } catch {
    return t;
  }
}

export interface TermState {
  a: Q;
  b: Q;
  form: string;
  provenance: string;
  source?: string;
  /** exponent of each variable in the form */
  exponents: Record<string, Q>;
}

export interface World {
  signature: CaseSignature;
  system: LogSystem;
  /** variable -> [c_u, c_phi] (variables determined by the compute relations) */
  logs: Record<string, [Q, Q]>;
  /** the terms present in the piece (theory side, possibly overridden) */
  terms: Record<string, TermState>;
  /** kept terms (null: all) */
  kept: string[] | null;
  /** the balanced pair (increasing, decreasing) stated by the author and carried, else null (the engine's) */
  pair: [string, string] | null;
  /** the allocation exponent stated by the author (solve), else null */
  xi: Q | null;
  /** no wrong statement carried: the engine's derivation of the piece applies as it is */
  pristine: boolean;
  /** relations in force, for messages */
  relations: Relation[];
  /** a step broke the chain (its statement cannot be carried): later steps that need it are unchecked */
  broken: string | null;
}

/** The log coefficients (c_u, c_phi) of a log expression linear in U and PHI. */
function linearParts(expr: string, params: readonly string[], defs: Record<string, Node>): [Q, Q] {
  const node = substituteNames(parseFormula(expr, null), defs);
  const at = (u: number, p: number) => substituteNames(node, { [U]: { type: 'num', value: u, text: String(u) }, [PHI]: { type: 'num', value: p, text: String(p) } });
  const zero = Q.of(at(0, 0), params);
  return [Q.of(at(1, 0), params).sub(zero), Q.of(at(0, 1), params).sub(zero)];
}

/** The world of a log system (the engine's, or one rebuilt with the author's relation). */
export function worldOf(theory: TheoryFile, system: LogSystem, defs: Record<string, Node>): World {
  const params = theory.parameters.map((p) => p.name);
  const vars = Object.keys(theory.variables);
  const logs: Record<string, [Q, Q]> = {};
  for (const [v, e] of Object.entries(system.variables)) logs[v] = linearParts(e, params, defs);
  const terms: Record<string, TermState> = {};
  for (const t of system.terms) {
    const spec = theory.terms.find((x) => x.name === t.name)!;
    const c = spec.cases[t.caseIndex];
    const mono = parseMonomial(t.form, vars);
    const exponents: Record<string, Q> = {};
    for (const [v, e] of Object.entries(mono.exponents)) exponents[v] = qOfText(e, params, defs);
    terms[t.name] = { a: qOfText(t.aExpanded, params, defs), b: qOfText(t.bExpanded, params, defs), form: t.form, provenance: c.provenance, source: c.source, exponents };
  }
  return { signature: system.signature, system, logs, terms, kept: null, pair: null, xi: null, pristine: true, relations: system.relationsUsed, broken: null };
}

/** (c_u, c_phi) of a stated monomial in the world's variable logs; null naming a variable the relations do not fix. */
export function monoLog(world: World, mono: LogMono, params: readonly string[]): [Q, Q] | string {
  let a = Q.num(0, params.length, params), b = Q.num(0, params.length, params);
  for (const [v, e] of Object.entries(mono)) {
    const l = world.logs[v];
    if (!l) return v;
    const q = Q.of(e, params);
    a = a.add(q.mul(l[0]));
    b = b.add(q.mul(l[1]));
  }
  return [a, b];
}

/** A monomial as engine text (`t = f*d^(-1)`), for rebuilding a log system with the author's relation. */
function monoText(m: LogMono): string {
  const parts = Object.entries(m).map(([v, e]) => `${v}^(${toText(e)})`);
  return parts.length ? parts.join('*') : '1';
}

/**
 * The world with the author's relation `lhs = rhs` in place of the theory's relation that defines the
 * same variable (its left-hand side), terms rebuilt from their forms; null (with the reason) when it
 * cannot be carried.
 */
export function withRelation(theory: TheoryFile, world: World, stated: { text: string; lhsVariable: string | null; rhs: LogMono }, defs: Record<string, Node>): World | string {
  const { lhsVariable, rhs } = stated;
  if (!lhsVariable) return 'its left-hand side is not a single variable';
  const c = theory.compute;
  const eq = `${lhsVariable} = ${monoText(rhs)}`;
  const relUsed: Relation = { equation: eq, provenance: 'user', source: 'the derivation (carried forward)' };
  let t: TheoryFile;
  if (c.constraint.equation.split('=')[0].trim() === lhsVariable) t = { ...theory, compute: { ...c, constraint: relUsed } };
  else {
    const idx = world.signature.relations.find((i) => c.relations[i].equation.split('=')[0].trim() === lhsVariable);
    if (idx === undefined) return `no relation of ${theory.id} in force here defines ${lhsVariable}`;
    t = { ...theory, compute: { ...c, relations: c.relations.map((r, i) => (i === idx ? relUsed : r)) } };
  }
  let system: LogSystem;
  try {
    system = buildLogSystem(t, world.signature);
  } catch (e) {
    return (e as Error).message;
  }
  const next = worldOf(t, system, defs);
  // statements carried earlier (kept terms, substitutions) stay
  const relations = next.relations.map((r) => (r === relUsed ? { ...r, equation: stated.text } : r));
  return { ...next, relations, kept: world.kept, pair: world.pair, xi: world.xi, pristine: false, broken: world.broken };
}
