// User-written laws (src/law): safe parsing (no Euler's number, no units, no functions), clear errors for
// unsupported forms, exponents from the engine, and the exact optimum along the compute constraint
// checked against facts computed here independently (a = beta/(alpha+beta), 6 N D = C, brute force).
import { describe, expect } from 'vitest';
import { test, fc } from '@fast-check/vitest';
import { parseLaw, UnsupportedLawError, LawSyntaxError } from '../src/law/parse.js';
import { parseExpr, evaluate, print } from '../src/law/expr.js';
import { lawOptimum, lawExponents } from '../src/law/allocate.js';
import { brentMinimize } from '../src/numeric/optimize.js';

const CH = 'E + A/N^alpha + B/D^beta';
const CONSTRAINT = 'C = 6*N*D';
const rel = (a: number, b: number) => Math.abs(a - b) / Math.abs(b);

describe('expression reader', () => {
  test('precedence, unary minus in exponents, ** as power, print round trip', () => {
    const scope = { a: 2, b: 3, N: 10 };
    for (const [text, value] of [
      ['a + b*N', 32],
      ['a/N^b', 0.002],
      ['N^-a', 0.01],
      ['-a^2', -4],
      ['(a + b)^2/N', 2.5],
      ['a**b', 8],
      ['2^3^2', 512],
    ] as const) {
      const e = parseExpr(text);
      expect(evaluate(e, scope)).toBeCloseTo(value, 12);
      expect(evaluate(parseExpr(print(e)), scope)).toBeCloseTo(value, 12);
    }
  });
  test('rejects functions, stray characters and unbalanced input, naming the position', () => {
    expect(() => parseExpr('log(N)')).toThrow(/functions are not supported/);
    expect(() => parseExpr('A $ N')).toThrow(/unexpected character '\$' at position 3/);
    expect(() => parseExpr('(A + N')).toThrow(/missing '\)'/);
    expect(() => parseExpr('A/N^')).toThrow(LawSyntaxError);
    expect(() => parseExpr('')).toThrow(LawSyntaxError);
  });
});

describe('law parser', () => {
  test('Chinchilla: terms, variables, parameters', () => {
    const law = parseLaw(CH, CONSTRAINT);
    expect(law.allocate).toBe('N');
    expect(law.other).toBe('D');
    expect(law.constraint.budget).toBe('C');
    expect(law.terms.map((t) => t.name)).toEqual(['A', 'B']);
    expect(law.exponentParameters.sort()).toEqual(['alpha', 'beta']);
    expect(law.coefficientParameters.sort()).toEqual(['A', 'B', 'E']);
    expect(law.constant && print(law.constant)).toBe('E');
    // E is renamed for the CAS (it would be Euler's number there); N, D, C, B are left alone
    expect(law.rename.E).not.toBe('E');
    expect(law.rename.N).toBe('N');
  });

  test('equivalent spellings give the same optimum', () => {
    const v = { E: 1.69, A: 406.4, B: 410.7, alpha: 0.34, beta: 0.28 };
    const ref = lawOptimum(parseLaw(CH, CONSTRAINT), v, 1e21);
    for (const text of ['E + A*N^(-alpha) + B*D^-beta', 'A/N**alpha + B/D**beta + E', '(A/N^alpha) + (E + B/D^beta)', 'E + A*(1/N)^alpha + B/(D^beta)']) {
      const o = lawOptimum(parseLaw(text, CONSTRAINT), v, 1e21);
      expect(rel(o.x.N, ref.x.N), text).toBeLessThan(1e-12);
      expect(rel(o.loss, ref.loss), text).toBeLessThan(1e-14);
    }
    const numeric = lawOptimum(parseLaw('1.69 + 406.4/N^0.34 + 410.7/D^0.28', 'C = 6*N*D'), {}, 1e21);
    expect(rel(numeric.x.N, ref.x.N)).toBeLessThan(1e-12);
  });

  test('E is the user\'s constant, not Euler\'s number (loss at the optimum recomputed by hand)', () => {
    const v = { E: 1.69, A: 406.4, B: 410.7, alpha: 0.34, beta: 0.28 };
    const o = lawOptimum(parseLaw(CH, CONSTRAINT), v, 1e21);
    const byHand = 1.69 + 406.4 / o.x.N ** 0.34 + 410.7 / o.x.D ** 0.28;
    expect(rel(o.loss, byHand)).toBeLessThan(1e-14);
    expect(o.irreducible).toBe(1.69);
  });

  test('names that are constants in the CAS (e, pi, i, E) as exponents: exponents in the user\'s names', { timeout: 60_000 }, () => {
    const law = parseLaw('e + pi/N^i + B/D^E', 'C = 6*N*D');
    const ex = lawExponents(law, { i: 0.3, E: 0.5 });
    expect(ex.a.value).toBeCloseTo(0.5 / 0.8, 12);
    expect(ex.a.expr).toMatch(/\bE\b/);
    expect(ex.a.expr).toMatch(/\bi\b/);
    expect(ex.a.expr).not.toMatch(/usr/);
    expect(ex.a.latex).not.toMatch(/usr/);
  });

  test('unsupported forms get a clear error', () => {
    const cases: Array<[string, string, RegExp]> = [
      ['E + A/N^D', CONSTRAINT, /exponent .* contains a variable/],
      ['E + A/(N + D)^alpha', CONSTRAINT, /sum involving a variable/],
      ['E - A/N^alpha + B/D^beta', CONSTRAINT, /subtracted/],
      ['E + A/N^alpha', CONSTRAINT, /exactly two variables/],
      ['E + A/N^alpha + B/D^beta', 'C = 6*N', /exactly two variables/],
      ['E + A/N^alpha + B/D^beta', '6*N*D', /one equation/],
      ['E + A/N^alpha + B/D^beta', 'C + 1 = 6*N*D', /budget's name/],
      ['E + A/N^alpha + B/D^beta + C', CONSTRAINT, /contains the budget/],
      ['E', CONSTRAINT, /exactly two variables/],
    ];
    for (const [law, c, re] of cases) {
      let err: unknown;
      try {
        parseLaw(law, c);
      } catch (e) {
        err = e;
      }
      expect(err, `${law} with ${c}`).toBeInstanceOf(UnsupportedLawError);
      expect((err as Error).message, `${law} with ${c}`).toMatch(re);
    }
    expect(() => parseLaw('E + log(N) + B/D^beta', CONSTRAINT)).toThrow(/functions are not supported/);
  });

  test('negative coefficients and missing values are domain errors naming the symbol', () => {
    const law = parseLaw(CH, CONSTRAINT);
    expect(() => lawOptimum(law, { E: 1, A: -1, B: 1, alpha: 0.3, beta: 0.3 }, 1e20)).toThrow(/coefficient.*-1.*> 0/);
    expect(() => lawOptimum(law, { E: 1, A: 1, alpha: 0.3, beta: 0.3 }, 1e20)).toThrow(/needs values for B/);
  });
});

describe('allocation under a law', () => {
  const law = parseLaw(CH, CONSTRAINT);
  const arb = fc.record({
    alpha: fc.double({ min: 0.05, max: 2, noNaN: true }),
    beta: fc.double({ min: 0.05, max: 2, noNaN: true }),
    lA: fc.double({ min: -2, max: 8, noNaN: true }),
    lB: fc.double({ min: -2, max: 8, noNaN: true }),
    E: fc.double({ min: 0, max: 5, noNaN: true }),
    lC: fc.double({ min: 10, max: 30, noNaN: true }),
  });

  test.prop([fc.double({ min: 0.05, max: 2, noNaN: true }), fc.double({ min: 0.05, max: 2, noNaN: true })], { numRuns: 100, seed: 6201 })(
    'the engine\'s exponents: a = beta/(alpha+beta), b = alpha/(alpha+beta), a + b = 1, loss exponent alpha beta/(alpha+beta)',
    (alpha, beta) => {
      const ex = lawExponents(law, { alpha, beta });
      expect(ex.a.value!).toBeCloseTo(beta / (alpha + beta), 12);
      expect(ex.b.value!).toBeCloseTo(alpha / (alpha + beta), 12);
      expect(Math.abs(ex.a.value! + ex.b.value! - 1)).toBeLessThan(1e-12);
      expect(ex.loss.value!).toBeCloseTo((alpha * beta) / (alpha + beta), 12);
    },
  );

  test.prop([arb], { numRuns: 300, seed: 6202 })('6 N_opt D_opt = C, and the optimum is a minimum along the constraint', ({ alpha, beta, lA, lB, E, lC }) => {
    const v = { E, A: 10 ** lA, B: 10 ** lB, alpha, beta };
    const C = 10 ** lC;
    const o = lawOptimum(law, v, C);
    expect(rel(6 * o.x.N * o.x.D, C)).toBeLessThan(1e-12);
    const L = (N: number) => E + v.A / N ** alpha + v.B / (C / (6 * N)) ** beta;
    expect(rel(o.loss, L(o.x.N))).toBeLessThan(1e-12);
    for (const f of [1 - 1e-3, 1 + 1e-3]) expect(L(o.x.N * f)).toBeGreaterThanOrEqual(o.loss * (1 - 1e-15));
  });

  test.prop([fc.double({ min: 15, max: 28, noNaN: true })], { numRuns: 100, seed: 6203 })(
    'three growing/falling terms: Newton on the stationarity condition agrees with Brent on the loss',
    (lC) => {
      const l3 = parseLaw('E + A/N^alpha + B/D^beta + F*N^g/D^h', CONSTRAINT);
      const v = { E: 1.5, A: 400, B: 900, alpha: 0.35, beta: 0.3, F: 1e-3, g: 0.1, h: 0.05 };
      const C = 10 ** lC;
      const o = lawOptimum(l3, v, C);
      expect(o.method).toMatch(/Newton/);
      const L = (u: number) => {
        const N = Math.exp(u), D = C / (6 * N);
        return v.E + v.A / N ** v.alpha + v.B / D ** v.beta + (v.F * N ** v.g) / D ** v.h;
      };
      const b = brentMinimize(L, 0, Math.log(C), 1e-13);
      expect(Math.abs(Math.log(o.x.N) - b.x)).toBeLessThan(1e-5 * Math.max(1, b.x));
      expect(o.loss).toBeLessThanOrEqual(b.fx * (1 + 1e-14));
    },
  );

  test('a law with no term growing along the constraint has no interior optimum', () => {
    const l = parseLaw('E + A/N^alpha + B/(N*D)^beta', CONSTRAINT);
    expect(() => lawOptimum(l, { E: 1, A: 1, B: 1, alpha: 0.3, beta: 0.3 }, 1e20)).toThrow(/no interior optimum/);
  });

  test('another constraint: C = N^2 * D (exponents from the same engine)', { timeout: 60_000 }, () => {
    const l = parseLaw('E + A/N^alpha + B/D^beta', 'C = N^2*D');
    const ex = lawExponents(l, { alpha: 0.4, beta: 0.3 });
    // log D = phi - 2u; balance -alpha u = -beta (phi - 2u)  =>  u = beta/(alpha + 2 beta) phi
    expect(ex.a.value!).toBeCloseTo(0.3 / 1.0, 12);
    const o = lawOptimum(l, { E: 1, A: 10, B: 20, alpha: 0.4, beta: 0.3 }, 1e12);
    expect(rel(o.x.N ** 2 * o.x.D, 1e12)).toBeLessThan(1e-12);
  });
});

describe('entry point for the validator', () => {
  test('deriveLawQuantity by quantity name', { timeout: 60_000 }, async () => {
    const { deriveLawQuantity } = await import('../src/law/index.js');
    const q = deriveLawQuantity('E + A/N^alpha + B/D^beta', 'C = 6*N*D', 'N_opt', { alpha: 0.34, beta: 0.28 });
    expect(q.value!).toBeCloseTo(0.28 / 0.62, 12);
    expect(deriveLawQuantity('E + A/N^alpha + B/D^beta', 'C = 6*N*D', 'D_opt', { alpha: 0.34, beta: 0.28 }).value!).toBeCloseTo(0.34 / 0.62, 12);
    expect(() => deriveLawQuantity('E + A/N^alpha + B/D^beta', 'C = 6*N*D', 'T_opt', { alpha: 0.34, beta: 0.28 })).toThrow(/not one of N_opt, D_opt, loss/);
  });
});
