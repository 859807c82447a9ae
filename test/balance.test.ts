// The dominant-balance rule (src/engine/balance.ts) against brute force: min over u of max_i(a_i u + b_i)
// found by a dense scan must equal the highest crossing, at random term sets.
import { describe, expect } from 'vitest';
import { test, fc } from '@fast-check/vitest';
import { balanceAt } from '../src/engine/balance.js';

const slopeArb = fc.double({ min: -3, max: 3, noNaN: true }).filter((a) => Math.abs(a) > 1e-3);
const termArb = fc.record({ a: slopeArb, b: fc.double({ min: -3, max: 3, noNaN: true }) });

describe('balanceAt', () => {
  test.prop([fc.array(termArb, { minLength: 2, maxLength: 6 })])('the highest crossing is the minimum of the max of terms', (raw) => {
    const terms = raw.map((t, i) => ({ name: `T${i}`, ...t }));
    fc.pre(terms.some((t) => t.a > 0) && terms.some((t) => t.a < 0));
    const bal = balanceAt(terms);
    expect(bal.kind).toBe('pair');
    if (bal.kind !== 'pair') return;
    const f = (u: number) => Math.max(...terms.map((t) => t.a * u + t.b));
    // the convex max is minimised at the crossing: value there equals the height, and nearby values are not lower
    expect(f(bal.active.xi)).toBeCloseTo(bal.active.height, 9);
    const h = 1e-3 * (1 + Math.abs(bal.active.xi));
    expect(f(bal.active.xi - h)).toBeGreaterThanOrEqual(bal.active.height - 1e-9);
    expect(f(bal.active.xi + h)).toBeGreaterThanOrEqual(bal.active.height - 1e-9);
    // independent scan
    let best = Infinity;
    for (let u = -200; u <= 200; u += 0.01) best = Math.min(best, f(u));
    expect(best).toBeGreaterThanOrEqual(bal.active.height - 1e-9);
  });

  test.prop([fc.double({ min: -2, max: 2, noNaN: true })])('a flat term above every crossing makes the optimum an interval', (b) => {
    const bal = balanceAt([{ name: 'up', a: 1, b: -1 }, { name: 'down', a: -1, b: -1 }, { name: 'flat', a: 0, b: b }]);
    if (b > -1) {
      expect(bal.kind).toBe('floor');
      if (bal.kind === 'floor') {
        expect(bal.interval[0]).toBeCloseTo(-1 - b, 12);
        expect(bal.interval[1]).toBeCloseTo(b + 1, 12);
      }
    } else if (b < -1 - 1e-6) {
      expect(bal.kind).toBe('pair');
    }
  });

  test('no growing term: unbounded', () => {
    const bal = balanceAt([{ name: 'x', a: -1, b: 0 }, { name: 'y', a: -2, b: 1 }]);
    expect(bal.kind).toBe('unbounded');
  });
});
