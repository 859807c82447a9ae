// Rational functions over Q in a list of symbols, always in lowest terms: num/den with integer
// polynomial parts, gcd(num, den) = 1 (integer contents included) and den with a positive leading
// coefficient. Built from the project's formula trees (src/symbolic/formula.ts), never from text.
import type { Node } from '../formula.js';
import { toText } from '../formula.js';
import { AlgebraLimitError, MAX_DEGREE } from './limits.js';
import { parseDecimal } from './integer.js';
import { Poly, exactDiv, gcd } from './poly.js';

/** An input that is not a rational function of the symbols (sqrt, a symbolic or fractional exponent, ...). */
export class NotRationalError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'NotRationalError';
  }
}

export class RatFunc {
  private constructor(
    readonly num: Poly,
    readonly den: Poly,
  ) {}

  /** num/den reduced to lowest terms (each of degree <= 2*MAX_DEGREE before and MAX_DEGREE after reduction). */
  static of(num: Poly, den: Poly): RatFunc {
    if (den.isZero()) throw new NotRationalError('division by zero');
    checkDegree(num, 2 * MAX_DEGREE);
    checkDegree(den, 2 * MAX_DEGREE);
    if (num.isZero()) return new RatFunc(num, Poly.constant(num.nv, 1n));
    const g = gcd(num, den);
    let n = exactDiv(num, g)!;
    let d = exactDiv(den, g)!;
    if (d.lc() < 0n) {
      n = n.neg();
      d = d.neg();
    }
    checkDegree(n, MAX_DEGREE);
    checkDegree(d, MAX_DEGREE);
    return new RatFunc(n, d);
  }
  static poly(p: Poly): RatFunc {
    return new RatFunc(p, Poly.constant(p.nv, 1n));
  }
  static constant(nv: number, n: bigint, d: bigint = 1n): RatFunc {
    return RatFunc.of(Poly.constant(nv, n), Poly.constant(nv, d));
  }

  get nv(): number {
    return this.num.nv;
  }
  isZero(): boolean {
    return this.num.isZero();
  }
  isConstant(): boolean {
    return this.num.isConstant() && this.den.isConstant();
  }
  add(o: RatFunc): RatFunc {
    if (this.den.equals(o.den)) return RatFunc.of(this.num.add(o.num), this.den);
    return RatFunc.of(this.num.mul(o.den).add(o.num.mul(this.den)), this.den.mul(o.den));
  }
  neg(): RatFunc {
    return new RatFunc(this.num.neg(), this.den);
  }
  sub(o: RatFunc): RatFunc {
    return this.add(o.neg());
  }
  mul(o: RatFunc): RatFunc {
    // cross-cancel first: keeps the intermediate degrees low
    const g1 = gcd(this.num, o.den);
    const g2 = gcd(o.num, this.den);
    const n = exactDiv(this.num, g1)!.mul(exactDiv(o.num, g2)!);
    const d = exactDiv(this.den, g2)!.mul(exactDiv(o.den, g1)!);
    return RatFunc.of(n, d);
  }
  inv(): RatFunc {
    if (this.num.isZero()) throw new NotRationalError('division by zero');
    return RatFunc.of(this.den, this.num);
  }
  div(o: RatFunc): RatFunc {
    return this.mul(o.inv());
  }
  pow(n: number): RatFunc {
    if (n < 0) return this.inv().pow(-n);
    const deg = Math.max(this.num.totalDegree(), this.den.totalDegree()) * n;
    if (deg > MAX_DEGREE) throw new AlgebraLimitError(`a power has total degree ${deg} (the limit is ${MAX_DEGREE})`);
    return new RatFunc(this.num.pow(n), this.den.pow(n)); // powers of coprime polynomials stay coprime
  }
  /** Value at a point (floating point). */
  evaluate(x: readonly number[]): number {
    return this.num.evaluate(x) / this.den.evaluate(x);
  }
}

function checkDegree(p: Poly, limit: number): void {
  const d = p.totalDegree();
  if (d > limit) throw new AlgebraLimitError(`a polynomial of total degree ${d} would be needed (the limit is ${limit})`);
}

/** Largest |n| accepted in x^n (larger powers would exceed the degree limit anyway). */
const MAX_POWER = 64;

/** The rational function a formula tree stands for, over `symbols` (in this order). */
export function ratFromNode(node: Node, symbols: readonly string[]): RatFunc {
  const nv = symbols.length;
  const walk = (n: Node): RatFunc => {
    switch (n.type) {
      case 'num': {
        const r = parseDecimal(n.text);
        return RatFunc.constant(nv, r.n, r.d);
      }
      case 'sym': {
        const i = symbols.indexOf(n.name);
        if (i < 0) throw new NotRationalError(`unknown name '${n.name}' (expected one of: ${symbols.join(', ') || 'numbers only'})`);
        return RatFunc.poly(Poly.variable(nv, i));
      }
      case 'neg':
        return walk(n.arg).neg();
      case 'call':
        throw new NotRationalError(`'${toText(n)}' is not a rational function of ${symbols.join(', ')} (function ${n.name})`);
      case 'bin': {
        if (n.op === '^') {
          const e = walk(n.right);
          if (!e.isConstant()) throw new NotRationalError(`the exponent in '${toText(n)}' is not a number (a symbolic exponent is not rational)`);
          const en = e.num.constantValue();
          const ed = e.den.constantValue();
          if (ed !== 1n) throw new NotRationalError(`the exponent ${en}/${ed} in '${toText(n)}' is not an integer`);
          if (en > BigInt(MAX_POWER) || en < -BigInt(MAX_POWER)) throw new AlgebraLimitError(`the exponent ${en} in '${toText(n)}' exceeds ${MAX_POWER} in size`);
          const b = walk(n.left);
          if (en < 0n && b.isZero()) throw new NotRationalError(`division by zero in '${toText(n)}'`);
          return b.pow(Number(en));
        }
        const l = walk(n.left);
        const r = walk(n.right);
        switch (n.op) {
          case '+':
            return l.add(r);
          case '-':
            return l.sub(r);
          case '*':
            return l.mul(r);
          case '/':
            if (r.isZero()) throw new NotRationalError(`division by zero in '${toText(n)}'`);
            return l.div(r);
        }
      }
    }
    throw new NotRationalError('unknown formula node');
  };
  return walk(node);
}
