// Verdicts that are never wrong (issue 14): the phases a region meets come from the derived phase
// diagram, so a claim true on one side of a PLRF boundary and false in a thin strip on the other side is
// refuted for every seed; the counterexample is re-evaluated here with the closed forms and phase
// conditions transcribed from the reference (test/fixtures/plrf-closed-forms.ts), not by validator code.
import { describe, expect, it } from 'vitest';
import { existsSync, readFileSync } from 'node:fs';
import { setCacheProvider } from '../src/models/registry.js';
import type { ModelCache } from '../src/engine/model.js';
import { validate, type Verdict } from '../src/validate/index.js';
import { CLOSED_FORMS, phaseOf } from './fixtures/plrf-closed-forms.js';

setCacheProvider((id) => {
  const f = `dist/derived/${id}.json`;
  return existsSync(f) ? (JSON.parse(readFileSync(f, 'utf8')) as ModelCache) : undefined;
});

const SEEDS = Array.from({ length: 20 }, (_, i) => i);
const C = 1 - 1 / Math.SQRT2; // the IVa|IVb line (plrf.md §4)

/** Re-evaluate a PLRF exponent counterexample (and its simplest point) with the reference's closed forms. */
function recheck(v: Verdict, quantity: 'xi' | 'eta', claimed: (p: { alpha: number; beta: number }) => number): void {
  expect(v.status, JSON.stringify(v)).toBe('refuted');
  const c = v.counterexample!;
  for (const pt of [c, ...(c.simplest ? [c.simplest] : [])]) {
    const p = pt.point as { alpha: number; beta: number };
    const phase = phaseOf(p);
    expect(phase, JSON.stringify(p)).not.toBeNull();
    const actual = CLOSED_FORMS[phase!][quantity](p);
    expect(pt.actual as number).toBeCloseTo(actual, 9);
    expect(pt.claimed as number).toBeCloseTo(claimed(p), 9);
    expect(Math.abs(claimed(p) - actual)).toBeGreaterThan(1e-9);
  }
  if (c.phase) expect(c.phase.split(' ')[0]).toBe(phaseOf(c.point as { alpha: number; beta: number }));
}

describe('the false "verified" of issue 14', () => {
  it('xi = 1/2 on 2 beta > 1, 0.2928 < alpha < 1/2 is refuted for every seed (it meets the strip of IVb)', async () => {
    for (const seed of SEEDS) {
      const v = await validate({ id: 'strip', model: 'plrf', kind: 'exponent', quantity: 'xi', region: ['2*beta > 1', 'alpha > 0.2928', 'alpha < 1/2'], formula: '1/2' }, { seed });
      recheck(v, 'xi', () => 0.5);
      const p = v.counterexample!.point;
      expect(p.alpha).toBeGreaterThan(0.2928);
      expect(p.alpha).toBeLessThan(C);
      expect(v.counterexample!.phase).toBe('IVb');
      expect(v.counterexample!.balance).toBe('F_pp = noise');
      expect(v.counterexample!.formula).toContain('xi = ');
      expect(v.verdict).toBe('refuted');
    }
  }, 120_000);

  it('the counterexample is the largest discrepancy found, not the round point where it nearly vanishes', async () => {
    const v = await validate({ id: 'strip', model: 'plrf', kind: 'exponent', quantity: 'xi', region: ['2*beta > 1', 'alpha > 0.2928', 'alpha < 1/2'], formula: '1/2' });
    const p = v.counterexample!.point as { alpha: number; beta: number };
    // in IVb, xi - 1/2 = (beta - alpha)/(2 beta (1 - alpha) - alpha) - 1/2 grows with beta: the largest is at the box's top edge
    expect(Math.abs((v.counterexample!.difference as number))).toBeGreaterThan(0.15);
    expect(p.beta).toBeGreaterThan(1.5);
  });

  it('the same region restricted to IVa is verified per phase, from the derived diagram', async () => {
    const v = await validate({ id: 'iva', model: 'plrf', kind: 'exponent', quantity: 'xi', region: ['2*beta > 1', 'alpha > 0.2930', 'alpha < 1/2'], formula: '1/2' });
    expect(v.status).toBe('verified');
    expect(v.method).toBe('symbolic per phase (phases from the derived diagram)');
  });
});

// Every PLRF boundary, from both sides: the region is phase P widened by a strip of width 1e-3 across the
// boundary; the claim is P's closed form (plrf.md §5.3), true in P, false in the strip.
interface Strip {
  name: string;
  from: keyof typeof CLOSED_FORMS;
  region: string[];
}
const STRIPS: Strip[] = [
  { name: 'Ia -> II (2 beta = 1)', from: 'Ia', region: ['beta < 1/2 + 0.001', '2*alpha > 1', '2*alpha + 2*beta > 1'] },
  { name: 'II -> Ia (2 beta = 1)', from: 'II', region: ['beta > 1/2 - 0.001', '2*alpha > 1', 'beta < alpha'] },
  { name: 'Ia -> Ib (2 alpha = 1)', from: 'Ia', region: ['2*beta < 1', 'alpha > 1/2 - 0.001', '2*alpha + 2*beta > 1'] },
  { name: 'Ib -> Ia (2 alpha = 1)', from: 'Ib', region: ['2*beta < 1', 'alpha > 1/4', 'alpha < 1/2 + 0.001', '2*alpha + 2*beta > 1'] },
  { name: 'Ib -> IVa (2 beta = 1)', from: 'Ib', region: ['beta < 1/2 + 0.001', 'alpha > 0.3', 'alpha < 1/2', '2*alpha + 2*beta > 1'] },
  { name: 'IVa -> Ib (2 beta = 1)', from: 'IVa', region: ['beta > 1/2 - 0.001', 'alpha > 1 - 1/sqrt(2)', 'alpha < 1/2'] },
  { name: 'Ib -> IVb (2 beta = 1)', from: 'Ib', region: ['beta < 1/2 + 0.001', 'alpha > 1/4', 'alpha < 0.29', '2*alpha + 2*beta > 1'] },
  { name: 'IVb -> Ib (2 beta = 1)', from: 'IVb', region: ['beta > 1/2 - 0.001', 'alpha > 1/4', 'alpha < 1 - 1/sqrt(2)'] },
  { name: 'Ib -> Ic (2 beta = 1, alpha < 1/4)', from: 'Ib', region: ['beta < 1/2 + 0.001', 'alpha > 0', 'alpha < 1/4', '2*alpha + 2*beta > 1'] },
  { name: 'Ic -> Ib (2 beta = 1)', from: 'Ic', region: ['beta > 1/2 - 0.001', 'alpha > 0', 'alpha < 1/4'] },
  { name: 'Ic -> IVb (alpha = 1/4)', from: 'Ic', region: ['2*beta > 1', 'alpha > 0', 'alpha < 1/4 + 0.001'] },
  { name: 'IVb -> Ic (alpha = 1/4)', from: 'IVb', region: ['2*beta > 1', 'alpha > 1/4 - 0.001', 'alpha < 1 - 1/sqrt(2)'] },
  { name: 'IVb -> IVa (alpha = 1 - 1/sqrt 2)', from: 'IVb', region: ['2*beta > 1', 'alpha > 1/4', 'alpha < 1 - 1/sqrt(2) + 0.001'] },
  { name: 'IVa -> IVb (alpha = 1 - 1/sqrt 2)', from: 'IVa', region: ['2*beta > 1', 'alpha > 1 - 1/sqrt(2) - 0.001', 'alpha < 1/2'] },
  { name: 'IVa -> II, III (2 alpha = 1)', from: 'IVa', region: ['2*beta > 1', 'alpha > 1 - 1/sqrt(2)', 'alpha < 1/2 + 0.001'] },
  // (II touches IVa only at the corner alpha = beta = 1/2: a strip of II across 2 alpha = 1 is empty)
  { name: 'III -> IVa (2 alpha = 1)', from: 'III', region: ['2*beta > 1', 'alpha > 1/2 - 0.001', 'beta > alpha'] },
  { name: 'II -> III (alpha = beta)', from: 'II', region: ['2*beta > 1', '2*alpha > 1', 'beta < alpha + 0.001'] },
  { name: 'III -> II (alpha = beta)', from: 'III', region: ['2*beta > 1', '2*alpha > 1', 'beta > alpha - 0.001'] },
];

/** The reference's formula of phase P as claim text (the same closed forms, written out). */
const TEXT: Record<string, { xi: string; eta: string }> = {
  Ia: { xi: '1/(2*alpha + 1)', eta: '(2*alpha + 2*beta - 1)/(2*alpha + 1)' },
  Ib: { xi: '1/2', eta: '(2*alpha + 2*beta - 1)/2' },
  Ic: { xi: '(2*alpha + 2*beta - 1)/(4*alpha^2 + 2*(1 - alpha)*(2*alpha + 2*beta - 1))', eta: '2*alpha*(2*alpha + 2*beta - 1)/(4*alpha^2 + 2*(1 - alpha)*(2*alpha + 2*beta - 1))' },
  II: { xi: 'beta/(alpha + beta)', eta: '(2*alpha + 2*beta - 1)/(2*alpha + 2*beta)' },
  III: { xi: '1/2', eta: '1 - 1/(4*alpha)' },
  IVa: { xi: '1/2', eta: 'alpha' },
  IVb: { xi: '(beta - alpha)/(2*beta*(1 - alpha) - alpha)', eta: '(1 - 2*alpha)*(2*alpha + 2*beta - 1)/(2*(2*beta*(1 - alpha) - alpha))' },
};

describe('thin strips next to every PLRF boundary: refuted for 20 seeds, counterexamples re-evaluated', () => {
  for (const s of STRIPS) {
    it(s.name, async () => {
      // a quantity whose formula differs across the boundary (eta always does here)
      const q = 'eta' as const;
      for (const seed of SEEDS) {
        const v = await validate({ id: s.name, model: 'plrf', kind: 'exponent', quantity: q, region: s.region, formula: TEXT[s.from][q] }, { seed, samples: 60 });
        recheck(v, q, CLOSED_FORMS[s.from][q]);
        expect(phaseOf(v.counterexample!.point as { alpha: number; beta: number })).not.toBe(s.from);
      }
    }, 120_000);
  }

  it('each phase alone (no strip) is verified, per phase, for the same claims', async () => {
    for (const [phase, f] of Object.entries(TEXT)) {
      const v = await validate({ id: phase, model: 'plrf', kind: 'exponent', quantity: 'eta', region: phase, formula: f.eta }, { samples: 40 });
      expect(v.status, phase).toBe('verified');
      expect(v.method).toBe("symbolic per phase (the claim's phases)");
    }
  }, 60_000);
});
