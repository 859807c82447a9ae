// Lambert W (src/numeric/lambertw.ts) against identities that do not use the implementation:
// w e^w = z, the branch inequalities, W(-ln(2)/2) = -ln 4 (W_{-1}) and -ln 2 (W0), W0(1) = Omega.
import { describe, expect } from 'vitest';
import { test, fc } from '@fast-check/vitest';
import { lambertW0, lambertWm1, lambertWm1Log, LambertDomainError } from '../src/numeric/lambertw.js';

const EPS = Number.EPSILON;
/** residual of w e^w = z relative to z, allowing the conditioning |1 + w| of the map w -> w e^w */
function residualOk(w: number, z: number, ulps = 8): boolean {
  const r = Math.abs(w * Math.exp(w) - z);
  return r <= ulps * EPS * Math.abs(z) * (1 + Math.abs(1 + w));
}

describe('Lambert W, lower branch W_{-1}', () => {
  test('exact identities: W_{-1}(-ln2/2) = -ln 4, W_{-1}(-1/e) = -1', () => {
    expect(Math.abs(lambertWm1(-Math.LN2 / 2) + 2 * Math.LN2)).toBeLessThanOrEqual(2 * EPS * 2 * Math.LN2);
    expect(lambertWm1(-Math.exp(-1))).toBeCloseTo(-1, 7); // -1/e is not representable: 1e-8 is the conditioning sqrt(eps)
    // W_{-1}(-2 e^-2) = -2 (w = -2: w e^w = -2 e^-2)
    expect(Math.abs(lambertWm1(-2 * Math.exp(-2)) + 2)).toBeLessThanOrEqual(4 * EPS * 2);
    // w = -10
    expect(Math.abs(lambertWm1(-10 * Math.exp(-10)) + 10)).toBeLessThanOrEqual(8 * EPS * 10);
  });
  test.prop([fc.double({ min: -0.3678794411714423, max: -1e-300, noNaN: true })], { numRuns: 3000, seed: 6001 })(
    'w e^w = z and w <= -1 over the whole domain',
    (z) => {
      const w = lambertWm1(z);
      expect(w).toBeLessThanOrEqual(-1);
      expect(residualOk(w, z)).toBe(true);
    },
  );
  test.prop([fc.double({ min: -1, max: -1e-6, noNaN: true })], { numRuns: 2000, seed: 6002 })(
    'inverse on the lower branch: W_{-1}(w e^w) = w for w < -1',
    (w) => {
      const wb = w - 1; // wb in [-2, -1 - 1e-6]: the part of the branch near its end point
      const z = wb * Math.exp(wb);
      // forward rounding of z costs |1+w|^-1 ulps on the way back (conditioning of the inverse)
      const tol = 16 * EPS * Math.abs(wb) * (1 + 1 / Math.abs(1 + wb));
      expect(Math.abs(lambertWm1(z) - wb)).toBeLessThanOrEqual(tol);
    },
  );
  test.prop([fc.double({ min: 1.01, max: 700, noNaN: true })], { numRuns: 2000, seed: 6003 })('W_{-1}(-t e^-t) = -t for t in (1, 700]', (t) => {
    const z = -t * Math.exp(-t);
    expect(Math.abs(lambertWm1(z) + t)).toBeLessThanOrEqual(16 * EPS * t * (1 + 1 / (t - 1)));
  });
  test('rejects z outside [-1/e, 0)', () => {
    for (const z of [0, 1e-3, -0.4, NaN, -Infinity]) expect(() => lambertWm1(z)).toThrow(LambertDomainError);
  });
});

describe('Lambert W, principal branch W0', () => {
  test('exact identities: W0(1) = Omega, W0(e) = 1, W0(-ln2/2) = -ln 2, W0(0) = 0', () => {
    expect(Math.abs(lambertW0(1) - 0.5671432904097838)).toBeLessThanOrEqual(2 * EPS);
    expect(Math.abs(lambertW0(Math.E) - 1)).toBeLessThanOrEqual(2 * EPS);
    expect(Math.abs(lambertW0(-Math.LN2 / 2) + Math.LN2)).toBeLessThanOrEqual(4 * EPS);
    expect(lambertW0(0)).toBe(0);
  });
  test.prop([fc.double({ min: -0.3678794411714423, max: 1e300, noNaN: true })], { numRuns: 3000, seed: 6004 })('w e^w = z and w >= -1', (z) => {
    const w = lambertW0(z);
    expect(w).toBeGreaterThanOrEqual(-1);
    expect(residualOk(w, z)).toBe(true);
  });
  test('the branches meet at -1/e and differ elsewhere', () => {
    const z = -0.3;
    expect(lambertW0(z)).toBeGreaterThan(-1);
    expect(lambertWm1(z)).toBeLessThan(-1);
  });
});

describe('Lambert W_{-1} in log form (arguments that underflow)', () => {
  test.prop([fc.double({ min: -690, max: -1, noNaN: true })], { numRuns: 500, seed: 6005 })('agrees with W_{-1}(-e^l) where that is representable', (l) => {
    const a = lambertWm1Log(l);
    expect(Math.abs(a - lambertWm1(-Math.exp(l)))).toBeLessThanOrEqual(4 * EPS * Math.abs(a));
  });
  test.prop([fc.double({ min: -1e300, max: -700, noNaN: true })], { numRuns: 500, seed: 6006 })('w + ln(-w) = l far below the double range', (l) => {
    const w = lambertWm1Log(l);
    expect(Math.abs(w + Math.log(-w) - l)).toBeLessThanOrEqual(4 * EPS * Math.abs(l));
    expect(w).toBeLessThan(-1);
  });
  test('continuity across the switch at l = -700', () => {
    const a = lambertWm1Log(-700 + 1e-9), b = lambertWm1Log(-700 - 1e-9);
    expect(Math.abs(a - b)).toBeLessThan(1e-8);
  });
});
