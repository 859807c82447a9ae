// The engine on the PLRF theory: phases partition the domain, engine-derived exponents equal the
// reference's closed forms (symbolically and at sampled points), continuity across boundaries, and the
// IVa|IVb jump. Closed forms come from test/fixtures (transcribed from plrf.md), not from the code.
import { describe, expect, beforeAll } from 'vitest';
import { test, fc } from '@fast-check/vitest';
import { Model } from '../src/engine/model.js';
import { plrf } from '../src/models/builtin.js';
import { CLOSED_FORMS, phaseOf } from './fixtures/plrf-closed-forms.js';
import { uniform } from './fixtures/arbitraries.js';

const model = new Model(plrf);
const C = 1 - 1 / Math.SQRT2;
const PHASES = ['Ia', 'Ib', 'Ic', 'II', 'III', 'IVa', 'IVb'];

beforeAll(() => {
  // derive every region once (the CAS part), so property runs measure the compiled engine
  for (const ph of plrf.phases!) ph.regions.forEach((_, i) => model.region({ phase: ph.name, piece: i }));
}, 120_000);

const alphaArb = uniform(0.005, 1.6);
const betaArb = uniform(-0.4, 1.6);
const close = (a: number, b: number, tol = 1e-9) => Math.abs(a - b) <= tol * (1 + Math.abs(b));

describe('phase diagram', () => {
  test.prop([alphaArb, betaArb])('every admissible point is in exactly one open phase or on a named boundary', (alpha, beta) => {
    fc.pre(2 * alpha + 2 * beta > 1 + 1e-6);
    const c = model.classify({ alpha, beta });
    const expected = phaseOf({ alpha, beta });
    if (c.onBoundary) {
      expect(c.phases.length).toBeGreaterThan(1);
      expect(c.phase).toBe(c.phases.join('|'));
    } else {
      expect(c.phases).toHaveLength(1);
      expect(c.phase).toBe(expected);
    }
  });

  test.prop([uniform(0.51, 1.6)])('alpha = beta > 1/2 is the II|III boundary', (a) => {
    expect(model.classify({ alpha: a, beta: a }).phase).toBe('II|III');
  });

  test.prop([uniform(0.01, 0.24), uniform(0.3, 0.49)])(
    'the region 2beta < 1, alpha < 1/4 is answered as Ib, conjectural',
    (alpha, beta) => {
      fc.pre(2 * alpha + 2 * beta > 1.001);
      const c = model.classify({ alpha, beta });
      expect(c.phase).toBe('Ib');
      expect(c.conjectural).toBe(true);
    },
  );

  test('named boundaries', () => {
    expect(model.classify({ alpha: 0.8, beta: 0.5 }).phase).toBe('Ia|II');
    expect(model.classify({ alpha: 0.5, beta: 0.3 }).phase).toBe('Ia|Ib');
    expect(model.classify({ alpha: 0.5, beta: 1.0 }).phase).toBe('III|IVa');
    expect(model.classify({ alpha: 0.4, beta: 0.5 }).phase).toBe('Ib|IVa');
    expect(model.classify({ alpha: 0.27, beta: 0.5 }).phase).toBe('Ib|IVb');
    expect(model.classify({ alpha: 0.2, beta: 0.5 }).phase).toBe('Ib|Ic');
    expect(model.classify({ alpha: 0.25, beta: 1.0 }).phase).toBe('Ic|IVb');
    expect(model.classify({ alpha: C, beta: 1.0 }).phase).toBe('IVa|IVb');
    expect(model.classify({ alpha: 0.5, beta: 0.5 }).phases).toEqual(['Ia', 'Ib', 'II', 'III', 'IVa']);
  });

  test('outside the admissible domain is an error naming the condition', () => {
    expect(() => model.classify({ alpha: 0.2, beta: 0.2 })).toThrow(/2\*alpha \+ 2\*beta > 1/);
    expect(() => model.classify({ alpha: -0.1, beta: 2 })).toThrow(/alpha = -0.1.*alpha > 0/);
    expect(() => model.classify({ alpha: NaN, beta: 2 })).toThrow(/alpha/);
  });
});

describe('engine-derived exponents against the closed forms of plrf.md §5.3', () => {
  test.each(PHASES)('%s: every region piece matches its closed form symbolically', (phase) => {
    const ph = plrf.phases!.find((p) => p.name === phase)!;
    ph.regions.forEach((_, i) => {
      const d = model.region({ phase, piece: i }).derivation;
      expect(d.checks.xi.verified).toBe('symbolic');
      expect(d.checks.eta.verified).toBe('symbolic');
    });
  });

  // a box around each phase (plrf.md §4), so sampling covers it without mass rejection
  const BOX: Record<string, [[number, number], [number, number]]> = {
    Ia: [[0.5, 1.6], [-0.4, 0.5]], Ib: [[0.0, 0.5], [0.0, 0.5]], Ic: [[0.0, 0.25], [0.5, 1.6]],
    II: [[0.5, 1.6], [0.5, 1.6]], III: [[0.5, 1.6], [0.5, 1.6]], IVa: [[C, 0.5], [0.5, 1.6]], IVb: [[0.25, C], [0.5, 1.6]],
  };
  // distance to every boundary line of plrf.md §4, to keep sampled points off them
  const margin = ({ alpha, beta }: { alpha: number; beta: number }) =>
    Math.min(Math.abs(2 * beta - 1), Math.abs(2 * alpha - 1), Math.abs(alpha - beta), Math.abs(alpha - 0.25), Math.abs(alpha - C), 2 * alpha + 2 * beta - 1, alpha);
  for (const phase of PHASES) {
    const [[a0, a1], [b0, b1]] = BOX[phase];
    test.prop([uniform(a0, a1), uniform(b0, b1)])(`${phase}: the engine's own expression equals the closed form at sampled points`, (alpha: number, beta: number) => {
      fc.pre(margin({ alpha, beta }) > 1e-6 && phaseOf({ alpha, beta }) === phase);
      const r = model.exponents({ alpha, beta });
      expect(r.phase).toBe(phase);
      const cf = CLOSED_FORMS[phase];
      expect(close(r.exponents.xi.value!, cf.xi({ alpha, beta }))).toBe(true);
      expect(close(r.exponents.eta.value!, cf.eta({ alpha, beta }))).toBe(true);
      // the engine's raw expression (not the displayed closed form), evaluated independently
      const raw = model.region(model.classify({ alpha, beta }).pieces[0]).derivation.balance.quantities;
      const f = (js: string) => new Function('alpha', 'beta', `return ${js};`)(alpha, beta) as number;
      expect(close(f(raw.xi.js), cf.xi({ alpha, beta }), 1e-8)).toBe(true);
      expect(close(f(raw.eta.js), cf.eta({ alpha, beta }), 1e-8)).toBe(true);
    });
  }

  test('the paper anchor: (0.7, 1.2) is Phase III with xi = 1/2, eta = 9/14 (0.643 at alpha = 0.7)', () => {
    const r = model.exponents({ alpha: 0.7, beta: 1.2 });
    expect(r.phase).toBe('III');
    expect(r.exponents.xi.value).toBeCloseTo(0.5, 12);
    expect(r.exponents.eta.value).toBeCloseTo(9 / 14, 12);
    expect(r.exponents.eta.provenance).toBe('paper');
    expect(r.balance.terms.sort()).toEqual(['F_ac', 'noise']);
  });

  test('which terms balance, per phase (plrf.md §5.3 "balance" column)', () => {
    const expected: Record<string, string[]> = {
      Ia: ['F_0', 'F_pp'], Ib: ['F_0', 'F_pp'], Ic: ['F_0', 'F_pp'], II: ['F_ac', 'F_pp'],
      III: ['F_ac', 'noise'], IVa: ['F_0', 'noise'], IVb: ['F_pp', 'noise'],
    };
    for (const phase of PHASES) {
      const b = model.region({ phase, piece: 0 }).derivation.balance;
      expect([b.increasing, b.decreasing].sort()).toEqual(expected[phase]);
    }
  });
});

describe('continuity across boundaries (plrf.md §5.4)', () => {
  const eps = 1e-7;
  const sides = (p: { alpha: number; beta: number }, dir: [number, number]) => {
    const a = model.exponents({ alpha: p.alpha + eps * dir[0], beta: p.beta + eps * dir[1] });
    const b = model.exponents({ alpha: p.alpha - eps * dir[0], beta: p.beta - eps * dir[1] });
    return [a, b] as const;
  };
  const lines: Array<[string, fc.Arbitrary<{ alpha: number; beta: number }>, [number, number]]> = [
    ['Ia|II (2beta = 1, 2alpha > 1)', uniform(0.51, 1.6).map((alpha) => ({ alpha, beta: 0.5 })), [0, 1]],
    ['II|III (alpha = beta > 1/2)', uniform(0.51, 1.6).map((a) => ({ alpha: a, beta: a })), [1, -1]],
    ['Ia|Ib (2alpha = 1, 2beta < 1)', uniform(0.01, 0.49).map((beta) => ({ alpha: 0.5, beta })), [1, 0]],
    ['III|IVa (2alpha = 1, 2beta > 1)', uniform(0.51, 1.6).map((beta) => ({ alpha: 0.5, beta })), [1, 0]],
    ['Ib|IVa and Ib|IVb (2beta = 1, alpha in (1/4, 1/2))', uniform(0.251, 0.499).map((alpha) => ({ alpha, beta: 0.5 })), [0, 1]],
    ['Ib|Ic (2beta = 1, alpha < 1/4)', uniform(0.01, 0.249).map((alpha) => ({ alpha, beta: 0.5 })), [0, 1]],
    ['IVb|Ic (alpha = 1/4, 2beta > 1)', uniform(0.51, 1.6).map((beta) => ({ alpha: 0.25, beta })), [1, 0]],
  ];
  for (const [name, arb, dir] of lines) {
    test.prop([arb])(`xi and eta are continuous across ${name}`, (p) => {
      fc.pre(Math.abs(p.alpha - C) > 1e-3);
      const [a, b] = sides(p, dir);
      expect(a.phase).not.toBe(b.phase);
      expect(Math.abs(a.exponents.xi.value! - b.exponents.xi.value!)).toBeLessThan(1e-5);
      expect(Math.abs(a.exponents.eta.value! - b.exponents.eta.value!)).toBeLessThan(1e-5);
      // on the line itself the engine reports agreement from both sides
      const on = model.exponents(p);
      expect(on.exponents.xi.value).not.toBeNull();
      expect(on.exponents.eta.continuous ?? true).toBe(true);
    });
  }

  test.prop([uniform(0.51, 1.6)])('IVa|IVb: xi jumps from 1/2, eta is continuous', (beta) => {
    const r = model.exponents({ alpha: C, beta });
    expect(r.phase).toBe('IVa|IVb');
    expect(r.exponents.xi.value).toBeNull();
    expect(r.exponents.xi.continuous).toBe(false);
    expect(r.exponents.xi.sides!.IVa.value).toBeCloseTo(0.5, 12);
    expect(r.exponents.xi.sides!.IVb.value).toBeCloseTo((beta - C) / (2 * beta * (1 - C) - C), 9);
    expect(r.exponents.eta.continuous).toBe(true);
    expect(r.exponents.eta.value).toBeCloseTo(C, 9);
    expect(r.warnings.join(' ')).toMatch(/xi jumps across IVa\|IVb/);
  });

  test('critical point alpha = beta = 1/2: xi = eta = 1/2', () => {
    const r = model.exponents({ alpha: 0.5, beta: 0.5 });
    expect(r.exponents.xi.value).toBeCloseTo(0.5, 9);
    expect(r.exponents.eta.value).toBeCloseTo(0.5, 9);
  });
});
