// The phase diagram derived from the terms (src/engine/phases.ts, docs/derived-phases.md), checked
// against the stated phases of PLRF and rf-dynamics. Expected boundary curves are the ones the issue
// lists (plrf.md §4), compared as polynomials up to a constant factor; expected exponents come from
// test/fixtures/plrf-closed-forms.ts (transcribed from the reference), not from the engine.
import { describe, it, expect, beforeAll } from 'vitest';
import { test, fc } from '@fast-check/vitest';
import { Model } from '../src/engine/model.js';
import { derivePhases, type DerivedDiagram } from '../src/engine/phases.js';
import { rationalOf } from '../src/symbolic/print.js';
import type { Poly } from '../src/symbolic/rational/index.js';
import { plrf } from '../src/models/builtin.js';
import { rfDynamics } from '../src/models/builtin.js';
import { variantTheory } from '../src/engine/variant.js';
import { CLOSED_FORMS } from './fixtures/plrf-closed-forms.js';
import { uniform } from './fixtures/arbitraries.js';

const PLRF_PHASES = ['Ia', 'Ib', 'Ic', 'II', 'III', 'IVa', 'IVb'];
const stated = new Model(plrf);
const stripped = new Model({ ...plrf, phases: undefined });
let diagram: DerivedDiagram;

beforeAll(() => {
  diagram = derivePhases(stripped, { stated });
}, 60_000);

/** The primitive polynomial of `lhs = rhs` (sign normalised), for comparison up to a constant factor. */
function curve(equation: string, params: string[]): Poly {
  const [l, r] = equation.split('=');
  const p = rationalOf(`(${l}) - (${r})`, { params }).value.num;
  return p.divInt(p.content()).normalSign();
}

/** The derived phase whose region (a union of conjunctions) holds at x, by the engine's condition reader. */
function regionsAt(model: Model, d: DerivedDiagram, x: number[]): string[] {
  return d.phases.filter((p) => p.pieces.some((piece) => piece.every((c) => model.condition(c).evaluate(...x) > 0))).map((p) => p.name);
}

describe('PLRF with its phases removed', () => {
  it('finds the seven stated phases, with no mismatch', () => {
    expect(diagram.phases.map((p) => p.name).sort()).toEqual([...PLRF_PHASES].sort());
    expect(diagram.phases.every((p) => p.stated === p.name)).toBe(true);
    expect(diagram.agreement).toEqual({ stated: 7, derived: 7, mismatches: [] });
  });

  it('finds the boundary curves of plrf.md §4 by itself', () => {
    const params = ['alpha', 'beta'];
    const found = diagram.boundaries.map((b) => curve(b.equation, params));
    for (const eq of ['2*alpha + 2*beta = 1', '2*beta = 1', '2*alpha = 1', 'alpha = beta', 'alpha = 1/4', '2*alpha^2 - 4*alpha + 1 = 0']) {
      const want = curve(eq, params);
      expect(found.some((f) => f.equals(want)), eq).toBe(true);
    }
    // the domain edge separates a phase from the outside
    expect(diagram.boundaries.some((b) => curve(b.equation, params).equals(curve('2*alpha + 2*beta = 1', params)) && b.between.includes('outside the domain'))).toBe(true);
  });

  it('reports continuity across boundaries: IVa|IVb jumps in xi, not in eta; II|III is continuous', () => {
    const ab = diagram.boundaries.find((b) => b.between.join('|') === 'IVa|IVb')!;
    expect(ab.continuous).toEqual({ xi: false, eta: true });
    const b23 = diagram.boundaries.find((b) => b.between.join('|') === 'II|III')!;
    expect(b23.equation).toBe('alpha = beta');
    expect(b23.continuous).toEqual({ xi: true, eta: true });
  });

  it('derives each phase\'s exponents equal to the reference closed forms (at sampled points of the stated phase)', () => {
    for (const ph of diagram.phases) {
      const cf = CLOSED_FORMS[ph.name];
      for (const x of stated.samplePiece({ phase: ph.name, piece: 0 }, 10)) {
        const pt = { alpha: x[0], beta: x[1] };
        for (const q of ['xi', 'eta'] as const) {
          const v = rationalOf(ph.exponents[q].expr, { params: ['alpha', 'beta'] }).value.evaluate(x);
          expect(v, `${ph.name} ${q} at ${x}`).toBeCloseTo(cf[q](pt), 9);
        }
      }
    }
  });

  it('describes regions by the stated conditions where they are rational', () => {
    const region = (n: string) => diagram.phases.find((p) => p.name === n)!.region;
    expect(region('III')).toEqual(['2*alpha > 1', 'alpha < beta']);
    expect(region('Ib')).toEqual(['2*beta < 1', '2*alpha < 1']);
    expect(region('IVb')).toEqual(['2*beta > 1', '4*alpha > 1', '2*alpha^2 - 4*alpha + 1 > 0']);
  });

  // away from boundaries (margin 1e-3 from every stated condition), derived phase = stated phase
  test.prop([uniform(0.002, 1.6), uniform(-0.4, 1.6)], { numRuns: 300 })('the derived phase at a random point of the domain is the stated one', (alpha, beta) => {
    fc.pre(2 * alpha + 2 * beta - 1 > 1e-3);
    const cls = stated.classify({ alpha, beta });
    fc.pre(cls.phase !== null && !cls.onBoundary);
    const margins = plrf.phases!.flatMap((p) => p.regions.flatMap((r) => r.conditions)).map((c) => Math.abs(stated.condition(c).evaluate(alpha, beta)));
    fc.pre(Math.min(...margins) > 1e-3);
    expect(regionsAt(stated, diagram, [alpha, beta])).toEqual([cls.phase]);
  });
});

describe('rf-dynamics', () => {
  const rf = new Model(rfDynamics);
  const d = derivePhases(rf);
  it('derives the hard and easy regimes with the boundary a = b + 1', () => {
    expect(d.phases.map((p) => p.name).sort()).toEqual(['easy', 'hard']);
    expect(d.agreement.mismatches).toEqual([]);
    const b = d.boundaries.find((x) => x.between.join('|') === 'easy|hard')!;
    expect(curve(b.equation, ['a', 'b']).equals(curve('a - 1 = b', ['a', 'b']))).toBe(true);
    expect(Object.values(b.continuous).every(Boolean)).toBe(true);
  });
  it('matches the reference forms (random-features.md §4)', () => {
    const hard = d.phases.find((p) => p.name === 'hard')!;
    const easy = d.phases.find((p) => p.name === 'easy')!;
    expect(Object.fromEntries(Object.entries(hard.exponents).map(([k, v]) => [k, v.expr]))).toEqual({ N: '1/(b + 1)', t: 'b/(b + 1)', loss: '(a - 1)/(b + 1)' });
    expect(Object.fromEntries(Object.entries(easy.exponents).map(([k, v]) => [k, v.expr]))).toEqual({ N: '(a - b)/a', t: 'b/a', loss: '(a - 1)/a' });
  });
  it('names phases P1, P2, ... when no phases are stated', () => {
    const bare = derivePhases(new Model({ ...rfDynamics, phases: undefined }));
    expect(bare.phases.map((p) => p.name).sort()).toEqual(['P1', 'P2']);
    expect(bare.agreement).toEqual({ stated: 0, derived: 2, mismatches: [] });
  });
  it('derives the ensemble variant\'s regimes with the boundary a - 1 = 2*b (random-features.md §6)', () => {
    const ens = derivePhases(new Model(variantTheory(rfDynamics, 'ensemble')!));
    expect(ens.phases.map((p) => p.name).sort()).toEqual(['easy', 'hard']);
    expect(ens.agreement.mismatches).toEqual([]);
    const b = ens.boundaries.find((x) => x.between.join('|') === 'easy|hard')!;
    expect(curve(b.equation, ['a', 'b']).equals(curve('a - 1 = 2*b', ['a', 'b']))).toBe(true);
  });
});
