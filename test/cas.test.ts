// The CAS layer: nerdamer's unsound simplification is caught by the numeric guard; linear solving in
// log form; equality checks.
import { describe, expect, test } from 'vitest';
import { simplify, solveLinear, symbolicallyEqual, numericallyAgree, substitute, jsBody } from '../src/symbolic/cas.js';

describe('cas', () => {
  test('simplify never changes the value (regression: nerdamer gives 1/(4+8 alpha) for s/(s+sigma))', () => {
    const e = substitute('s/(s+sigma)', { s: '(2*alpha + 2*beta - 1)/(2*alpha)', sigma: '2*alpha + 2*beta - 1' });
    const r = simplify(e);
    const f = new Function('alpha', 'beta', `return ${jsBody(r, ['alpha', 'beta'])};`);
    expect(f(0.7, 0.3)).toBeCloseTo(1 / 2.4, 12);
  });
  test('solveLinear in log form', () => {
    const u = solveLinear('s*u - s*phi = -sigma*u', 'u');
    expect(numericallyAgree(u, 's*phi/(s+sigma)')).toBe(true);
  });
  test('symbolicallyEqual: identities and non-identities', () => {
    expect(symbolicallyEqual('beta/(alpha+beta)', '1 - alpha/(alpha+beta)')).toBe(true);
    expect(symbolicallyEqual('1/(2*alpha+1)', '1/(4+8*alpha)')).toBe(false);
  });
  test('numericallyAgree rejects different expressions', () => {
    expect(numericallyAgree('alpha', 'alpha + 1e-3')).toBe(false);
  });
});
