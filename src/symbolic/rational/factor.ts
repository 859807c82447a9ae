// Factorisation over the integers of the low-degree polynomials that exponents are made of:
// integer content, monomial content, contents with respect to each variable, and factors linear in a
// variable found by the multivariate rational-root test (a*v + b with a | lc_v, b | tc_v). The result is
// complete (every factor irreducible over Q) whenever each factor found has degree <= 3 in some variable;
// otherwise a factor may remain composite (it is still a correct factorisation). docs/printer.md.
import { divisors } from './integer.js';
import { Poly, contentIn, exactDiv } from './poly.js';

export interface Factored {
  /** integer content, with the sign that makes the product equal the input */
  unit: bigint;
  /** exponent of each variable in the monomial content */
  monomial: number[];
  /** non-monomial factors (positive leading coefficient, primitive), equal factors merged */
  factors: Array<{ p: Poly; m: number }>;
}

/** At most this many candidate divisors are tried per factor (bounded work). */
const MAX_CANDIDATES = 4000;

export function factor(p: Poly): Factored {
  if (p.isZero()) throw new RangeError('cannot factor the zero polynomial');
  const unit = p.content();
  let q = p.divInt(unit);
  const monomial = q.minExponents();
  if (monomial.some((x) => x > 0)) q = exactDiv(q, Poly.from(p.nv, [{ e: monomial, c: 1n }]))!;
  const list = q.isConstant() ? [] : factorPrimitive(q);
  const merged: Array<{ p: Poly; m: number }> = [];
  for (const f of list) {
    const g = f.normalSign();
    const old = merged.find((x) => x.p.equals(g));
    if (old) old.m++;
    else merged.push({ p: g, m: 1 });
  }
  // lex order is multiplicative: q and the product of the normalised factors both have a positive
  // leading coefficient and agree up to sign, so they are equal and `unit` is the content of p.
  return { unit, monomial, factors: merged };
}

/** Irreducible factors (with repetition) of a primitive, monomial-free, non-constant polynomial. */
function factorPrimitive(p: Poly): Poly[] {
  const vars = p.variablesPresent();
  // the variable of least positive degree
  let v = vars[0];
  for (const w of vars) if (p.degreeIn(w) < p.degreeIn(v)) v = w;
  const ct = contentIn(p, v);
  if (!ct.isConstant()) {
    const rest = exactDiv(p, ct)!;
    return [...factorPrimitive(ct.normalSign()), ...factorPrimitive(rest)];
  }
  if (p.degreeIn(v) === 1) return [p];
  const lin = linearFactor(p, v);
  if (!lin) return [p];
  const rest = exactDiv(p, lin)!;
  return [lin, ...(rest.isConstant() ? [] : factorPrimitive(rest))];
}

/** A factor a*v + b of p (p primitive in v, degree >= 2 in v, v not dividing p), or null. */
function linearFactor(p: Poly, v: number): Poly | null {
  const cs = p.coefficientsIn(v);
  const as = polyDivisors(cs[cs.length - 1]);
  const bs = polyDivisors(cs[0]);
  if (!as || !bs || as.length * bs.length * 2 > MAX_CANDIDATES) return null;
  const vv = Poly.variable(p.nv, v);
  for (const a of as)
    for (const b of bs)
      for (const s of [1n, -1n]) {
        const cand = a.mul(vv).add(b.scale(s));
        if (exactDiv(p, cand)) return cand;
      }
  return null;
}

/** Divisors of a non-zero polynomial up to sign (positive leading coefficient), or null if too many. */
function polyDivisors(c: Poly): Poly[] | null {
  const f = factor(c);
  const ints = divisors(f.unit);
  if (!ints) return null;
  let out: Poly[] = ints.map((k) => Poly.constant(c.nv, k));
  const parts: Array<{ p: Poly; m: number }> = [...f.factors];
  f.monomial.forEach((m, i) => {
    if (m > 0) parts.push({ p: Poly.variable(c.nv, i), m });
  });
  for (const { p, m } of parts) {
    const next: Poly[] = [];
    for (const d of out) {
      let pk = d;
      for (let k = 0; k <= m; k++) {
        next.push(pk);
        pk = pk.mul(p);
      }
    }
    out = next;
    if (out.length > MAX_CANDIDATES) return null;
  }
  return out;
}

/** The product a factorisation stands for (for tests and checks). */
export function expandFactored(nv: number, f: Factored): Poly {
  let r = Poly.from(nv, [{ e: f.monomial, c: f.unit }]);
  for (const { p, m } of f.factors) r = r.mul(p.pow(m));
  return r;
}
