// User-written scaling laws: "E + A/N^alpha + B/D^beta" with a compute constraint "C = 6*N*D", read
// safely (./expr.ts: no built-in constants, no functions) into a sum of monomial terms and a TheoryFile the
// engine (src/engine/model.ts) derives exponents from, exactly as it does for PLRF.
//
// Supported: a sum of terms, each a product/quotient of numbers, coefficient symbols and powers of the
// constraint's variables with exponents that do not contain a variable; variable-free terms add up to
// the irreducible loss. The constraint is `budget = [multiplier *] X^p * Y^q` with exactly two variables.
// Anything else (functions, variables in exponents, sums of variables inside a power, subtracted
// variable terms) is rejected with an UnsupportedLawError that says why.
import { parseExpr, symbols, print, evaluate, num, bin, neg, LawSyntaxError, type Expr } from './expr.js';
import { freeSymbols, SymbolicError } from '../symbolic/cas.js';
import type { TheoryFile, ProvenanceTag } from '../engine/types.js';

export class UnsupportedLawError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'UnsupportedLawError';
  }
}
export { LawSyntaxError };

/** One power-law term: coefficient * prod_v v^exponent_v. */
export interface LawTerm {
  /** readable name: the coefficient symbol when it is one, else term1, term2... */
  name: string;
  coefficient: Expr;
  /** variable -> exponent expression (in the exponent parameters) */
  exponents: Record<string, Expr>;
  /** the term as written back (user names) */
  text: string;
}

export interface LawConstraint {
  text: string;
  budget: string;
  multiplier: Expr;
  /** variable -> exponent in the constraint (numbers or parameter expressions) */
  exponents: Record<string, Expr>;
}

export interface ParsedLaw {
  text: string;
  constraint: LawConstraint;
  /** the variable the budget is allocated to (first of the constraint) and the other one */
  allocate: string;
  other: string;
  /** sum of the variable-free terms (the irreducible loss), or null */
  constant: Expr | null;
  terms: LawTerm[];
  /** symbols appearing in exponents (derived symbolically by the engine) */
  exponentParameters: string[];
  /** symbols appearing only in coefficients, the constant or the multiplier (numeric only) */
  coefficientParameters: string[];
  /** user name -> the name used inside the CAS (only names the CAS would misread are renamed) */
  rename: Record<string, string>;
  /** the law as a theory file for the engine (CAS-safe names) */
  theory: TheoryFile;
}

export interface ParseLawOptions {
  /** id of the generated theory (default 'law') */
  id?: string;
  title?: string;
  citation?: string;
  provenance?: ProvenanceTag;
  source?: string;
}

const mul = (left: Expr, right: Expr): Expr => (isNum(left, 1) ? right : isNum(right, 1) ? left : bin('*', left, right));
const add = (left: Expr, right: Expr): Expr => (isNum(left, 0) ? right : isNum(right, 0) ? left : bin('+', left, right));
function isNum(e: Expr, v: number): boolean {
  return e.type === 'num' && e.value === v;
}

interface Mono {
  coef: Expr;
  pows: Record<string, Expr>;
}

function hasVar(e: Expr, vars: Set<string>): boolean {
  return [...symbols(e)].some((s) => vars.has(s));
}

/** A product of powers of `vars` times a variable-free coefficient, or an UnsupportedLawError. */
function toMonomial(e: Expr, vars: Set<string>, whole: string): Mono {
  if (!hasVar(e, vars)) return { coef: e, pows: {} };
  if (e.type === 'sym') return { coef: num(1), pows: { [e.name]: num(1) } };
  if (e.type === 'neg') {
    const m = toMonomial(e.arg, vars, whole);
    return { coef: neg(m.coef), pows: m.pows };
  }
  if (e.type === 'bin' && (e.op === '*' || e.op === '/')) {
    const l = toMonomial(e.left, vars, whole);
    const r = toMonomial(e.right, vars, whole);
    const pows = { ...l.pows };
    for (const [v, p] of Object.entries(r.pows)) {
      const rp: Expr = e.op === '*' ? p : neg(p);
      pows[v] = v in pows ? add(pows[v], rp) : rp;
    }
    return { coef: e.op === '*' ? mul(l.coef, r.coef) : isNum(r.coef, 1) ? l.coef : bin('/', l.coef, r.coef), pows };
  }
  if (e.type === 'bin' && e.op === '^') {
    if (hasVar(e.right, vars)) throw new UnsupportedLawError(`'${whole}': the exponent ${print(e.right)} contains a variable (${[...vars].join(', ')}); only power laws are supported`);
    const base = toMonomial(e.left, vars, whole);
    const pows: Record<string, Expr> = {};
    for (const [v, p] of Object.entries(base.pows)) pows[v] = isNum(p, 1) ? e.right : bin('*', p, e.right);
    return { coef: isNum(base.coef, 1) ? num(1) : bin('^', base.coef, e.right), pows };
  }
  throw new UnsupportedLawError(`'${whole}': ${print(e)} is a sum involving a variable inside a product or power; write the law as a sum of power-law terms`);
}

/** Top-level additive terms with their signs. */
function additiveTerms(e: Expr, sign = 1, out: Array<{ sign: number; expr: Expr }> = []): Array<{ sign: number; expr: Expr }> {
  if (e.type === 'bin' && e.op === '+') {
    additiveTerms(e.left, sign, out);
    additiveTerms(e.right, sign, out);
  } else if (e.type === 'bin' && e.op === '-') {
    additiveTerms(e.left, sign, out);
    additiveTerms(e.right, -sign, out);
  } else if (e.type === 'neg') {
    additiveTerms(e.arg, -sign, out);
  } else out.push({ sign, expr: e });
  return out;
}

/** Split `budget = [k *] X^p * Y^q` into the budget's name and the right-hand side. */
function splitConstraint(text: string): { budget: string; rhs: Expr } {
  const sides = text.split('=');
  if (sides.length !== 2) throw new UnsupportedLawError(`constraint '${text}' must be one equation 'C = 6*N*D'`);
  const lhs = parseExpr(sides[0]);
  if (lhs.type !== 'sym') throw new UnsupportedLawError(`constraint '${text}': the left side must be the budget's name (e.g. C)`);
  const rhs = parseExpr(sides[1]);
  if (symbols(rhs).has(lhs.name)) throw new UnsupportedLawError(`constraint '${text}': the budget ${lhs.name} appears on both sides`);
  return { budget: lhs.name, rhs };
}

/** Parse a law and its constraint into terms and an engine theory. */
export function parseLaw(lawText: string, constraintText: string, options: ParseLawOptions = {}): ParsedLaw {
  const law = parseExpr(lawText);
  const c0 = splitConstraint(constraintText);
  const lawSyms = symbols(law);
  if (lawSyms.has(c0.budget)) throw new UnsupportedLawError(`law '${lawText}' contains the budget ${c0.budget}; write it in the allocated variables only`);
  // the constraint's variables are its right-hand symbols that occur in the law
  const vars = new Set([...symbols(c0.rhs)].filter((s) => lawSyms.has(s)));
  const cm = toMonomial(c0.rhs, vars, constraintText);
  const cvars = Object.keys(cm.pows);
  if (cvars.length !== 2) {
    throw new UnsupportedLawError(
      `constraint '${constraintText}' must tie the budget to exactly two variables of the law (found ${cvars.length ? cvars.join(', ') : 'none'}${cvars.length ? '' : `; the law's symbols are ${[...lawSyms].join(', ')}`})`,
    );
  }
  for (const [v, p] of Object.entries(cm.pows)) {
    if (symbols(p).size > 0 && [...symbols(p)].some((s) => vars.has(s))) throw new UnsupportedLawError(`constraint '${constraintText}': exponent of ${v} contains a variable`);
  }
  const constraint: LawConstraint = { text: constraintText.trim(), budget: c0.budget, multiplier: cm.coef, exponents: cm.pows };
  const [allocate, other] = cvars;

  const terms: LawTerm[] = [];
  let constant: Expr | null = null;
  const usedNames = new Set<string>();
  for (const { sign, expr } of additiveTerms(law)) {
    const m = toMonomial(expr, vars, lawText);
    if (Object.keys(m.pows).length === 0) {
      const c = sign > 0 ? m.coef : neg(m.coef);
      constant = constant ? add(constant, c) : c;
      continue;
    }
    if (sign < 0) throw new UnsupportedLawError(`'${lawText}': the term ${print(expr)} is subtracted; a loss must be a sum of positive power-law terms (put the sign in the coefficient's value if it is really negative)`);
    let name = m.coef.type === 'sym' ? m.coef.name : `term${terms.length + 1}`;
    if (usedNames.has(name)) name = `${name}_${terms.length + 1}`;
    usedNames.add(name);
    terms.push({ name, coefficient: m.coef, exponents: m.pows, text: print(expr) });
  }
  if (terms.length === 0) throw new UnsupportedLawError(`'${lawText}' has no term depending on ${cvars.join(' or ')}`);

  const exponentSyms = new Set<string>();
  for (const t of terms) for (const p of Object.values(t.exponents)) symbols(p, exponentSyms);
  for (const p of Object.values(constraint.exponents)) symbols(p, exponentSyms);
  const coefSyms = new Set<string>();
  for (const t of terms) symbols(t.coefficient, coefSyms);
  if (constant) symbols(constant, coefSyms);
  symbols(constraint.multiplier, coefSyms);
  for (const s of exponentSyms) coefSyms.delete(s);

  const all = new Set([...lawSyms, ...symbols(c0.rhs), c0.budget]);
  const rename: Record<string, string> = {};
  for (const s of all) rename[s] = casSafe(s, all);
  const r = (s: string) => rename[s] ?? s;
  const theory = buildTheory(lawText, constraint, terms, [...exponentSyms], allocate, other, r, options);
  return {
    text: lawText,
    constraint,
    allocate,
    other,
    constant,
    terms,
    exponentParameters: [...exponentSyms],
    coefficientParameters: [...coefSyms],
    rename,
    theory,
  };
}

const INTERNAL = /^(uxlog|phixlog|logx)/;

/** A name nerdamer reads as itself (not a constant such as E, e, pi, i, Infinity), else a renamed one. */
function casSafe(name: string, taken: Set<string>): string {
  let ok = !INTERNAL.test(name);
  if (ok) {
    try {
      const f = freeSymbols(name);
      ok = f.length === 1 && f[0] === name;
    } catch (e) {
      if (!(e instanceof SymbolicError)) throw e;
      ok = false;
    }
  }
  if (ok) return name;
  let alt = `${name}usr`;
  while (taken.has(alt)) alt += 'x';
  return alt;
}

function buildTheory(
  lawText: string,
  constraint: LawConstraint,
  terms: LawTerm[],
  exponentParams: string[],
  allocate: string,
  other: string,
  r: (s: string) => string,
  o: ParseLawOptions,
): TheoryFile {
  const provenance = o.provenance ?? 'unverified';
  const source = o.source ?? 'user-written law';
  const monomial = (pows: Record<string, Expr>) =>
    Object.entries(pows)
      .map(([v, p]) => `${r(v)}^(${print(p, r)})`)
      .join('*');
  return {
    id: o.id ?? 'law',
    title: o.title ?? `L = ${lawText} with ${constraint.text}`,
    citation: o.citation ?? 'user-written law',
    reference: 'docs/allocation.md §3',
    parameters: exponentParams.map((p) => ({ name: r(p), latex: p, description: `exponent symbol of the law ${lawText}`, range: [0.05, 2] as [number, number] })),
    domain: [],
    definitions: {},
    variables: {
      [r(allocate)]: `allocated variable ${allocate}`,
      [r(other)]: `variable ${other}, fixed by the constraint`,
      [r(constraint.budget)]: 'compute budget',
    },
    terms: terms.map((t) => ({
      name: r(t.name),
      latex: t.name,
      description: t.text,
      cases: [{ when: [], form: monomial(t.exponents), coefficient: print(t.coefficient, r), provenance, source }],
    })),
    compute: {
      budget: r(constraint.budget),
      allocate: r(allocate),
      // the multiplier does not move exponents: only the variables' powers enter the log system
      constraint: { equation: `${r(constraint.budget)} = ${monomial(constraint.exponents)}`, provenance, source: `${source}; constraint ${constraint.text}` },
      relations: [],
      constants: [],
    },
    quantities: [
      { name: `${r(allocate)}_opt`, latex: `${allocate}_{opt}`, description: `compute-optimal ${allocate} ~ ${constraint.budget}^a`, kind: 'variable', variable: r(allocate), sign: 1 },
      { name: `${r(other)}_opt`, latex: `${other}_{opt}`, description: `compute-optimal ${other} ~ ${constraint.budget}^b`, kind: 'variable', variable: r(other), sign: 1 },
      { name: 'loss', latex: 'L^* - L_\\infty', description: `reducible loss at the optimum ~ ${constraint.budget}^(-loss)`, kind: 'loss', sign: -1 },
    ],
    example: Object.fromEntries(exponentParams.map((p) => [r(p), 0.5])),
    notes: ['Generated from a user-written law by src/law/parse.ts; variable-free terms (the irreducible loss) do not enter the exponents.'],
  };
}

/** Values for every symbol the law needs at a numeric optimum (coefficients and exponents); throws naming what is missing. */
export function requireValues(law: ParsedLaw, values: Record<string, number>): Record<string, number> {
  const need = [...law.exponentParameters, ...law.coefficientParameters];
  const missing = need.filter((s) => values[s] === undefined);
  if (missing.length) throw new UnsupportedLawError(`the law ${law.text} needs values for ${missing.join(', ')}`);
  const known = new Set(need);
  const extra = Object.keys(values).filter((k) => !known.has(k));
  if (extra.length) throw new UnsupportedLawError(`values are given for ${extra.join(', ')}, which the law ${law.text} does not contain (it uses ${need.join(', ')})`);
  return values;
}

export { evaluate };
