// Multivariate polynomials with integer (bigint) coefficients in a fixed list of variables (the theory's
// parameters, in its order, then any log-variables). A rational function over Q is a pair of these
// (ratfunc.ts), so no rational coefficients are needed here. Terms are kept sorted in lexicographic
// order of the exponent vectors (the first variable most significant), highest first, without zeros.
import { AlgebraLimitError, MAX_DEGREE, MAX_TERMS, charge } from './limits.js';
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
    const map = new Map<string, Term>();
    for (const t of terms) {
      if (t.c === 0n) continue;
      const k = t.e.join(',');
      const old = map.get(k);
      map.set(k, old ? { e: old.e, c: old.c + t.c } : t);
    }
    const out: Term[] = [];
    for (const t of map.values()) if (t.c !== 0n) out.push({ e: t.e, c: checkBits(t.c) });
    if (out.length > MAX_TERMS) throw new AlgebraLimitError(`a polynomial has more than ${MAX_TERMS} terms`);
    out.sort((a, b) => cmpMono(b.e, a.e));
    const p = new Poly(nv, out);
    if (out.length && p.totalDegree() > MAX_DEGREE) throw new AlgebraLimitError(`a polynomial has total degree ${p.totalDegree()} (the limit is ${MAX_DEGREE})`);
    return p;
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
    return Poly.from(this.nv, [...this.terms, ...o.terms]);
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
    const p = new Poly(
      this.nv,
      this.terms.map((t) => ({ e: t.e.map((x, i) => x + e[i]), c: checkBits(t.c * c) })),
    );
    if (p.terms.length && p.totalDegree() > MAX_DEGREE) throw new AlgebraLimitError(`a polynomial has total degree ${p.totalDegree()} (the limit is ${MAX_DEGREE})`);
    return p;
  }
  mul(o: Poly): Poly {
    if (this.isZero() || o.isZero()) return Poly.zero(this.nv);
    const deg = this.totalDegree() + o.totalDegree();
    if (deg > MAX_DEGREE) throw new AlgebraLimitError(`a product has total degree ${deg} (the limit is ${MAX_DEGREE})`);
    charge(this.terms.length * o.terms.length);
    const out: Term[] = [];
    for (const a of this.terms) for (const b of o.terms) out.push({ e: a.e.map((x, i) => x + b.e[i]), c: a.c * b.c });
    return Poly.from(this.nv, out);
  }
  pow(n: number): Poly {
    if (!Number.isInteger(n) || n < 0) throw new RangeError(`polynomial power ${n} is not a non-negative integer`);
    if (n > 0 && this.totalDegree() * n > MAX_DEGREE) throw new AlgebraLimitError(`a power has total degree ${this.totalDegree() * n} (the limit is ${MAX_DEGREE})`);
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
  const va = a.variablesPresent();
  const vb = b.variablesPresent();
  const v = Math.min(va[0], vb[0]);
  if (!va.includes(v)) return gcd(a, contentIn(b, v));
  if (!vb.includes(v)) return gcd(contentIn(a, v), b);
  const ca = contentIn(a, v);
  const cb = contentIn(b, v);
  const g = gcd(ca, cb);
  let p = exactDiv(a, ca)!;
  let q = exactDiv(b, cb)!;
  if (p.degreeIn(v) < q.degreeIn(v)) [p, q] = [q, p];
  while (!q.isZero()) {
    const r = prem(p, q, v);
    p = q;
    q = r.isZero() ? r : primitivePartIn(r, v);
    if (!q.isZero() && q.degreeIn(v) === 0) return g; // coprime in v
  }
  return g.mul(primitivePartIn(p, v)).normalSign();
}
