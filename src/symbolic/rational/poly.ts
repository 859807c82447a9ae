// Multivariate polynomials with integer (bigint) coefficients in a fixed list of variables (the theory's
// parameters, in its order, then any log-variables). A rational function over Q is a pair of these
// (ratfunc.ts), so no rational coefficients are needed here. Terms are kept sorted in lexicographic
// order of the exponent vectors (the first variable most significant), highest first, without zeros.
// Degrees are limited where rational functions are built (ratfunc.ts); intermediate results of gcd
// computations are bounded by the work budget, the term count and the coefficient size (limits.ts).
import { AlgebraLimitError, MAX_TERMS, charge } from './limits.js';
import { abs, checkBits, igcd } from './integer.js';

export interface Term {
  e: readonly number[];
  c: bigint;
}

export class Poly {
  private constructor(
    readonly nv: number,
    readonly terms: readonly Term[],
  ) {}

  static zero(nv: number): Poly {
    return new Poly(nv, []);
  }
  static constant(nv: number, c: bigint): Poly {
    return c === 0n ? Poly.zero(nv) : new Poly(nv, [{ e: new Array(nv).fill(0), c }]);
  }
  /** The variable with index i. */
  static variable(nv: number, i: number): Poly {
    const e = new Array(nv).fill(0);
    e[i] = 1;
    return new Poly(nv, [{ e, c: 1n }]);
  }
  /** From terms in any order (equal monomials are added). */
  static from(nv: number, terms: Iterable<Term>): Poly {
    const all = [...terms].sort((a, b) => cmpMono(b.e, a.e));
    const out: Term[] = [];
    for (const t of all) {
      const last = out[out.length - 1];
      if (last && cmpMono(last.e, t.e) === 0) out[out.length - 1] = { e: last.e, c: last.c + t.c };
      else out.push(t);
    }
    const kept = out.filter((t) => t.c !== 0n);
    for (const t of kept) checkBits(t.c);
    if (kept.length > MAX_TERMS) throw new AlgebraLimitError(`a polynomial has more than ${MAX_TERMS} terms`);
    return new Poly(nv, kept);
  }

  isZero(): boolean {
    return this.terms.length === 0;
  }
  isConstant(): boolean {
    return this.terms.length === 0 || (this.terms.length === 1 && this.terms[0].e.every((x) => x === 0));
  }
  /** The constant value (0 for the zero polynomial); only for constants. */
  constantValue(): bigint {
    return this.terms.length ? this.terms[0].c : 0n;
  }
  /** Leading coefficient in the lexicographic order. */
  lc(): bigint {
    return this.terms.length ? this.terms[0].c : 0n;
  }
  totalDegree(): number {
    let d = 0;
    for (const t of this.terms) d = Math.max(d, sum(t.e));
    return d;
  }
  degreeIn(v: number): number {
    let d = 0;
    for (const t of this.terms) d = Math.max(d, t.e[v]);
    return d;
  }
  /** Lowest exponent of each variable over all terms (the monomial content). */
  minExponents(): number[] {
    const m = this.terms.length ? [...this.terms[0].e] : new Array(this.nv).fill(0);
    for (const t of this.terms) for (let i = 0; i < this.nv; i++) m[i] = Math.min(m[i], t.e[i]);
    return m;
  }
  variablesPresent(): number[] {
    const out: number[] = [];
    for (let i = 0; i < this.nv; i++) if (this.terms.some((t) => t.e[i] > 0)) out.push(i);
    return out;
  }
  equals(o: Poly): boolean {
    if (this.terms.length !== o.terms.length) return false;
    for (let i = 0; i < this.terms.length; i++) {
      const a = this.terms[i];
      const b = o.terms[i];
      if (a.c !== b.c || cmpMono(a.e, b.e) !== 0) return false;
    }
    return true;
  }
  key(): string {
    return this.terms.map((t) => `${t.c}:${t.e.join(',')}`).join(' ');
  }

  add(o: Poly): Poly {
    charge(this.terms.length + o.terms.length);
    // merge of two sorted term lists
    const a = this.terms;
    const b = o.terms;
    const out: Term[] = [];
    let i = 0;
    let j = 0;
    while (i < a.length || j < b.length) {
      const k = i >= a.length ? 1 : j >= b.length ? -1 : -cmpMono(a[i].e, b[j].e);
      if (k < 0) out.push(a[i++]);
      else if (k > 0) out.push(b[j++]);
      else {
        const c = a[i].c + b[j].c;
        if (c !== 0n) out.push({ e: a[i].e, c: checkBits(c) });
        i++;
        j++;
      }
    }
    if (out.length > MAX_TERMS) throw new AlgebraLimitError(`a polynomial has more than ${MAX_TERMS} terms`);
    return new Poly(this.nv, out);
  }
  neg(): Poly {
    return new Poly(
      this.nv,
      this.terms.map((t) => ({ e: t.e, c: -t.c })),
    );
  }
  sub(o: Poly): Poly {
    return this.add(o.neg());
  }
  scale(c: bigint): Poly {
    if (c === 0n) return Poly.zero(this.nv);
    charge(this.terms.length);
    return new Poly(
      this.nv,
      this.terms.map((t) => ({ e: t.e, c: checkBits(t.c * c) })),
    );
  }
  /** Multiply by c * x^e. */
  mulTerm(e: readonly number[], c: bigint): Poly {
    if (c === 0n) return Poly.zero(this.nv);
    charge(this.terms.length);
    return new Poly(
      this.nv,
      this.terms.map((t) => ({ e: t.e.map((x, i) => x + e[i]), c: checkBits(t.c * c) })),
    );
  }
  mul(o: Poly): Poly {
    if (this.isZero() || o.isZero()) return Poly.zero(this.nv);
    charge(this.terms.length * o.terms.length);
    const out: Term[] = [];
    for (const a of this.terms) for (const b of o.terms) out.push({ e: a.e.map((x, i) => x + b.e[i]), c: a.c * b.c });
    return Poly.from(this.nv, out);
  }
  pow(n: number): Poly {
    if (!Number.isInteger(n) || n < 0) throw new RangeError(`polynomial power ${n} is not a non-negative integer`);
    let r = Poly.constant(this.nv, 1n);
    let b: Poly = this;
    while (n > 0) {
      if (n & 1) r = r.mul(b);
      n >>= 1;
      if (n) b = b.mul(b);
    }
    return r;
  }

  /** gcd of the integer coefficients, with the sign of the leading coefficient (0 for the zero polynomial). */
  content(): bigint {
    let g = 0n;
    for (const t of this.terms) {
      g = igcd(g, t.c);
      if (g === 1n) break;
    }
    return this.lc() < 0n ? -g : g;
  }
  /** Divided by an integer that divides every coefficient. */
  divInt(c: bigint): Poly {
    return new Poly(
      this.nv,
      this.terms.map((t) => ({ e: t.e, c: t.c / c })),
    );
  }
  /** Same polynomial with a positive leading coefficient. */
  normalSign(): Poly {
    return this.lc() < 0n ? this.neg() : this;
  }

  /** Coefficients with respect to variable v: cs[k] is the (v-free) coefficient of v^k. */
  coefficientsIn(v: number): Poly[] {
    const deg = this.degreeIn(v);
    const buckets: Term[][] = Array.from({ length: deg + 1 }, () => []);
    for (const t of this.terms) {
      const e = [...t.e];
      const k = e[v];
      e[v] = 0;
      buckets[k].push({ e, c: t.c });
    }
    return buckets.map((b) => new Poly(this.nv, b)); // v-free parts keep the lex order of the whole
  }
  /** Sum of cs[k] v^k. */
  static fromCoefficientsIn(nv: number, v: number, cs: readonly Poly[]): Poly {
    const out: Term[] = [];
    cs.forEach((c, k) => {
      for (const t of c.terms) {
        const e = [...t.e];
        e[v] += k;
        out.push({ e, c: t.c });
      }
    });
    return Poly.from(nv, out);
  }
  /** Leading coefficient with respect to v (a v-free polynomial). */
  lcIn(v: number): Poly {
    const d = this.degreeIn(v);
    const out: Term[] = [];
    for (const t of this.terms)
      if (t.e[v] === d) {
        const e = [...t.e];
        e[v] = 0;
        out.push({ e, c: t.c });
      }
    return new Poly(this.nv, out);
  }

  /** Value at a point (floating point; for orientation only). */
  evaluate(x: readonly number[]): number {
    let s = 0;
    for (const t of this.terms) {
      let m = Number(t.c);
      for (let i = 0; i < this.nv; i++) if (t.e[i]) m *= x[i] ** t.e[i];
      s += m;
    }
    return s;
  }
  /** Sum of the absolute values of the terms at a point (the scale against which a value is "zero"). */
  evaluateAbs(x: readonly number[]): number {
    let s = 0;
    for (const t of this.terms) {
      let m = Math.abs(Number(t.c));
      for (let i = 0; i < this.nv; i++) if (t.e[i]) m *= Math.abs(x[i]) ** t.e[i];
      s += m;
    }
    return s;
  }
}

export function sum(e: readonly number[]): number {
  let s = 0;
  for (const x of e) s += x;
  return s;
}

/** Lexicographic comparison of exponent vectors (first variable most significant). */
export function cmpMono(a: readonly number[], b: readonly number[]): number {
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return a[i] - b[i];
  return 0;
}

/** a / b when b divides a exactly in Z[x], else null. */
export function exactDiv(a: Poly, b: Poly): Poly | null {
  if (b.isZero()) throw new RangeError('division by the zero polynomial');
  if (a.isZero()) return a;
  if (b.isConstant()) {
    const c = b.constantValue();
    for (const t of a.terms) if (t.c % c !== 0n) return null;
    return a.divInt(c);
  }
  for (let i = 0; i < a.nv; i++) if (b.degreeIn(i) > a.degreeIn(i)) return null;
  const lt = b.terms[0];
  const q: Term[] = [];
  let r = a;
  while (!r.isZero()) {
    const t = r.terms[0];
    const e = t.e.map((x, i) => x - lt.e[i]);
    if (e.some((x) => x < 0) || t.c % lt.c !== 0n) return null;
    const c = t.c / lt.c;
    q.push({ e, c });
    r = r.sub(b.mulTerm(e, c));
  }
  return Poly.from(a.nv, q);
}

/** Pseudo-remainder of a by b with respect to v (a constant multiple of the remainder over the fraction field). */
export function prem(a: Poly, b: Poly, v: number): Poly {
  const db = b.degreeIn(v);
  const lb = b.lcIn(v);
  let r = a;
  while (!r.isZero() && r.degreeIn(v) >= db) {
    const dr = r.degreeIn(v);
    const lr = r.lcIn(v);
    const shift = new Array(a.nv).fill(0);
    shift[v] = dr - db;
    r = r.mul(lb).sub(lr.mul(b.mulTerm(shift, 1n)));
  }
  return r;
}

/** floor(sqrt(n)) by Newton's iteration (exact for any size). */
function isqrt(n: bigint): bigint {
  if (n < 2n) return n;
  let x = 1n << BigInt(Math.ceil(n.toString(2).length / 2)); // >= sqrt(n)
  for (;;) {
    const y = (x + n / x) >> 1n;
    if (y >= x) return x;
    x = y;
  }
}

function maxNorm(p: Poly): bigint {
  let m = 0n;
  for (const t of p.terms) if (abs(t.c) > m) m = abs(t.c);
  return m;
}

/**
 * The heuristic gcd of Char, Geddes and Gonnet (as in SymPy's heugcd): evaluate one variable at a large
 * integer xi, take the gcd of the images recursively, rebuild the candidate from its balanced xi-adic
 * digits, and accept it only if it divides both inputs exactly (then it is the gcd, for xi above twice the
 * smaller coefficient norm). Returns null after a few failed evaluation points (the caller falls back on the PRS).
 */
function heuristicGcd(f: Poly, g: Poly): Poly | null {
  if (f.isConstant() || g.isConstant()) return Poly.constant(f.nv, igcd(f.content(), g.content()));
  const cf = abs(f.content());
  const cg = abs(g.content());
  const c = igcd(cf, cg);
  f = f.divInt(cf);
  g = g.divInt(cg);
  const vg = g.variablesPresent();
  const both = f.variablesPresent().filter((i) => vg.includes(i));
  if (both.length === 0) return Poly.constant(f.nv, c); // no variable in common: no common factor
  const x = both[both.length - 1];
  const fn = maxNorm(f);
  const gn = maxNorm(g);
  const b = 2n * (fn < gn ? fn : gn) + 29n;
  const r1 = fn / abs(f.lc());
  const r2 = gn / abs(g.lc());
  let xi = b < 99n * isqrt(b) ? b : 99n * isqrt(b);
  const alt = 2n * (r1 < r2 ? r1 : r2) + 2n;
  if (alt > xi) xi = alt;
  try {
    for (let attempt = 0; attempt < 6; attempt++) {
      const at = new Map([[x, xi]]);
      const ff = substitute(f, at);
      const gg = substitute(g, at);
      if (!ff.isZero() && !gg.isZero()) {
        const h = heuristicGcd(ff, gg);
        if (!h) return null;
        let cand = fromDigits(h, xi, x);
        if (!cand.isZero()) {
          cand = cand.divInt(cand.content());
          if (exactDiv(f, cand) && exactDiv(g, cand)) return cand.scale(c);
        }
      }
      xi = (xi * 73794n * isqrt(isqrt(xi))) / 27011n;
    }
  } catch (e) {
    if (e instanceof AlgebraLimitError && /bits|terms/.test(e.message)) return null; // images too large: use the PRS
    throw e;
  }
  return null;
}

/** The polynomial in x whose value at x = xi is h, with balanced digits in (-xi/2, xi/2]. */
function fromDigits(h: Poly, xi: bigint, x: number): Poly {
  const out: Term[] = [];
  const half = xi / 2n;
  for (const t of h.terms) {
    let c = t.c;
    let k = 0;
    while (c !== 0n) {
      let d = c % xi;
      if (d > half) d -= xi;
      else if (d < -half || (d === -half && xi % 2n === 0n)) d += xi;
      if (d !== 0n) {
        const e = [...t.e];
        e[x] += k;
        out.push({ e, c: d });
      }
      c = (c - d) / xi;
      k++;
    }
  }
  return Poly.from(h.nv, out);
}

/** p with the variables in `vals` replaced by integers. */
export function substitute(p: Poly, vals: ReadonlyMap<number, bigint>): Poly {
  charge(p.terms.length);
  return Poly.from(
    p.nv,
    p.terms.map((t) => {
      let c = t.c;
      const e = [...t.e];
      for (const [i, x] of vals) {
        if (e[i]) c *= x ** BigInt(e[i]);
        e[i] = 0;
      }
      return { e, c };
    }),
  );
}

/**
 * A sufficient test that p and q (primitive in v) are coprime: at an integer point for the other
 * variables where neither leading coefficient in v vanishes, the images in Z[v] are coprime. Then the
 * gcd, whose degree in v cannot exceed that of the images' gcd, is free of v, hence 1.
 */
function coprimeImage(p: Poly, q: Poly, v: number): boolean {
  const others = [...new Set([...p.variablesPresent(), ...q.variablesPresent()])].filter((i) => i !== v);
  const lp = p.lcIn(v);
  const lq = q.lcIn(v);
  for (const base of [2n, 3n, -5n]) {
    const vals = new Map<number, bigint>(others.map((i, j) => [i, base + BigInt(7 * j)]));
    if (substitute(lp, vals).isZero() || substitute(lq, vals).isZero()) continue;
    let a = substitute(p, vals);
    let b = substitute(q, vals);
    if (a.degreeIn(v) < b.degreeIn(v)) [a, b] = [b, a];
    while (!b.isZero() && b.degreeIn(v) > 0) {
      const r = prem(a, b, v);
      a = b;
      b = r.isZero() ? r : r.divInt(r.content());
    }
    return !b.isZero(); // a nonzero constant remainder: coprime images
  }
  return false;
}

/** gcd of the coefficients of p with respect to v (a v-free polynomial, positive leading coefficient). */
export function contentIn(p: Poly, v: number): Poly {
  let g = Poly.zero(p.nv);
  for (const c of p.coefficientsIn(v)) {
    if (c.isZero()) continue;
    g = gcd(g, c);
    if (g.isConstant() && abs(g.constantValue()) === 1n) break;
  }
  return g;
}

/** p divided by its content with respect to v, with a positive leading coefficient. */
export function primitivePartIn(p: Poly, v: number): Poly {
  if (p.isZero()) return p;
  const q = exactDiv(p, contentIn(p, v));
  if (!q) throw new Error('internal: content does not divide');
  return q.normalSign();
}

/**
 * Greatest common divisor in Z[x1..xn] (positive leading coefficient), by recursion on the variables:
 * contents, then the primitive pseudo-remainder sequence in the first variable present.
 */
export function gcd(a: Poly, b: Poly): Poly {
  if (a.isZero()) return b.normalSign();
  if (b.isZero()) return a.normalSign();
  if (a.isConstant() || b.isConstant()) return Poly.constant(a.nv, igcd(a.content(), b.content()));
  const h = heuristicGcd(a, b);
  if (h) return h.normalSign();
  return prsGcd(a, b);
}

/** The primitive-PRS gcd (recursion on the variables); the fallback of the heuristic. */
function prsGcd(a: Poly, b: Poly): Poly {
  const va = a.variablesPresent();
  const vb = b.variablesPresent();
  const v = Math.min(va[0], vb[0]);
  if (!va.includes(v)) return gcd(a, contentIn(b, v));
  if (!vb.includes(v)) return gcd(contentIn(a, v), b);
  // (a, b non-constant here)
  const ca = contentIn(a, v);
  const cb = contentIn(b, v);
  const g = gcd(ca, cb);
  let p = exactDiv(a, ca)!;
  let q = exactDiv(b, cb)!;
  if (coprimeImage(p, q, v)) return g;
  if (p.degreeIn(v) < q.degreeIn(v)) [p, q] = [q, p];
  while (!q.isZero()) {
    const r = prem(p, q, v);
    p = q;
    q = r.isZero() ? r : primitivePartIn(r, v);
    if (!q.isZero() && q.degreeIn(v) === 0) return g; // coprime in v
  }
  return g.mul(primitivePartIn(p, v)).normalSign();
}
