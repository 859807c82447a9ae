// A numeric cross-check independent of the engine: write the PLRF loss at fixed compute as the sum of
// its terms (plrf.md §5.1, unit constants), minimise over log d by golden-section search at
// f = 10^k for growing k, fit the slopes of log d* and log P* against log f, and see them approach xi and
// -eta from the fixture closed forms. No engine code is used here.
import { describe, expect, test } from 'vitest';
import { CLOSED_FORMS, phaseOf } from './fixtures/plrf-closed-forms.js';

/** log of the working estimate P(d; f) ~ F_pp + F_0 + F_ac + noise in log space (plrf.md §5.1 table). */
function logLoss(alpha: number, beta: number, u: number, phi: number): number {
  const s = (2 * alpha + 2 * beta - 1) / (2 * alpha);
  const p = 1 - 1 / (2 * alpha);
  const q = 2 - 1 / (2 * alpha);
  const sigma = 2 * alpha + 2 * beta - 1;
  const above = 2 * alpha > 1;
  const logGamma = above ? 0 : (2 * alpha - 1) * u; // gamma ~ d^(2alpha-1) below the line
  const logT = logGamma + phi - u; // t = gamma f / d
  const terms = [-s * logT, 2 * beta > 1 ? -2 * alpha * u : -sigma * u];
  if (2 * beta > 1 && above) terms.push(-u - p * logT);
  if (alpha > 0.25) terms.push(logGamma - q * logT);
  const m = Math.max(...terms);
  return m + Math.log(terms.reduce((acc, t) => acc + Math.exp(t - m), 0));
}

function argminGolden(f: (u: number) => number, lo: number, hi: number): number {
  const g = (Math.sqrt(5) - 1) / 2;
  let a = lo, b = hi;
  let c = b - g * (b - a), d = a + g * (b - a);
  let fc = f(c), fd = f(d);
  for (let i = 0; i < 200 && b - a > 1e-10; i++) {
    if (fc < fd) { b = d; d = c; fd = fc; c = b - g * (b - a); fc = f(c); }
    else { a = c; c = d; fc = fd; d = a + g * (b - a); fd = f(d); }
  }
  return (a + b) / 2;
}

function slope(xs: number[], ys: number[]): number {
  const n = xs.length;
  const mx = xs.reduce((a, b) => a + b) / n, my = ys.reduce((a, b) => a + b) / n;
  let sxy = 0, sxx = 0;
  for (let i = 0; i < n; i++) { sxy += (xs[i] - mx) * (ys[i] - my); sxx += (xs[i] - mx) ** 2; }
  return sxy / sxx;
}

function measured(alpha: number, beta: number, k0: number, k1: number) {
  const phis: number[] = [], us: number[] = [], ls: number[] = [];
  for (let k = k0; k <= k1; k += 2) {
    const phi = k * Math.LN10;
    const u = argminGolden((x) => logLoss(alpha, beta, x, phi), 0, 1.5 * phi);
    phis.push(phi); us.push(u); ls.push(logLoss(alpha, beta, u, phi));
  }
  return { xi: slope(phis, us), eta: -slope(phis, ls) };
}

describe('minimising the sum of the terms numerically reproduces xi and eta', () => {
  // one point deep inside each phase; at f = 1e100..1e200 the constants no longer matter
  const points: Array<[number, number]> = [[0.9, 0.2], [0.4, 0.3], [0.15, 0.45], [0.15, 1.0], [1.0, 0.8], [0.7, 1.2], [0.4, 1.0], [0.27, 1.2]];
  test.each(points)('alpha = %s, beta = %s', (alpha, beta) => {
    const phase = phaseOf({ alpha, beta })!;
    const cf = CLOSED_FORMS[phase];
    const m = measured(alpha, beta, 100, 200);
    // tolerance: the sum differs from the max of terms by at most log(4), a constant, whose effect on the
    // fitted slope over 100 decades is O(1/100)
    expect(Math.abs(m.xi - cf.xi({ alpha, beta }))).toBeLessThan(0.01);
    expect(Math.abs(m.eta - cf.eta({ alpha, beta }))).toBeLessThan(0.01);
  });

  test('the fitted slopes approach the closed forms as f grows (error shrinks)', () => {
    const [alpha, beta] = [0.9, 0.7];
    const cf = CLOSED_FORMS[phaseOf({ alpha, beta })!];
    const early = measured(alpha, beta, 4, 12);
    const late = measured(alpha, beta, 100, 200);
    const e1 = Math.abs(early.xi - cf.xi({ alpha, beta })) + Math.abs(early.eta - cf.eta({ alpha, beta }));
    const e2 = Math.abs(late.xi - cf.xi({ alpha, beta })) + Math.abs(late.eta - cf.eta({ alpha, beta }));
    expect(e2).toBeLessThan(e1);
  });
});
