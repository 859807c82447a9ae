// IsoFLOP fits (src/fit/isoflop.ts): exponents recovered from IsoFLOP data generated here from known
// Chinchilla-type laws (expected a = beta/(alpha+beta), b = alpha/(alpha+beta), chinchilla.md §3, written
// out in this file, not taken from the module), the off-centre / drifting-grid bias that
// Open-Athena/scaling-law-analysis documents and its correction, every per-budget diagnostic, input
// errors, and the shipped real data against Hoffmann et al.'s Approach-2 interval.
import { describe, expect, test } from 'vitest';
import fc from 'fast-check';
import { readFileSync } from 'node:fs';
import { fitIsoflop, fitParabola, bucketBudgets, type IsoflopRow } from '../src/fit/isoflop.js';

interface Law { E: number; A: number; B: number; alpha: number; beta: number }
const HOFFMANN: Law = { E: 1.69, A: 406.4, B: 410.7, alpha: 0.34, beta: 0.28 }; // chinchilla.md §2, rounded
const ASYMMETRIC: Law = { E: 1.69, A: 406.4, B: 410.7, alpha: 0.465, beta: 0.155 }; // Open-Athena's "Asymmetric" surface
const BUDGETS = [1e18, 3e18, 1e19, 3e19, 1e20, 3e20, 1e21];

const loss = (p: Law, N: number, D: number) => p.E + p.A / N ** p.alpha + p.B / D ** p.beta;
const aOf = (p: Law) => p.beta / (p.alpha + p.beta);
const bOf = (p: Law) => p.alpha / (p.alpha + p.beta);
/** N_opt(C) = G (C/6)^a, G = (alpha A / (beta B))^(1/(alpha+beta))  (chinchilla.md §3) */
const nOpt = (p: Law, C: number) => ((p.alpha * p.A) / (p.beta * p.B)) ** (1 / (p.alpha + p.beta)) * (C / 6) ** aOf(p);

/** n log-uniform model sizes per budget around N_opt * 10^offset(C), +- W decades, C = 6ND exactly. */
function grid(p: Law, o: { budgets?: number[]; n?: number; W?: number; offset?: (lc: number) => number; noise?: number; seed?: number; withC?: boolean } = {}): IsoflopRow[] {
  const { budgets = BUDGETS, n = 15, W = 1, offset = () => 0, noise = 0, withC = true } = o;
  let s = o.seed ?? 7;
  const gauss = () => {
    // Box-Muller on a small LCG, independent of the module's RNG
    const u = () => ((s = (Math.imul(s, 1664525) + 1013904223) >>> 0) + 0.5) / 2 ** 32;
    return Math.sqrt(-2 * Math.log(u())) * Math.cos(2 * Math.PI * u());
  };
  const rows: IsoflopRow[] = [];
  for (const C of budgets) {
    const c = Math.log10(nOpt(p, C)) + offset(Math.log10(C));
    for (let j = 0; j < n; j++) {
      const N = 10 ** (c - W + (2 * W * j) / (n - 1));
      const D = C / (6 * N);
      rows.push({ ...(withC ? { C } : {}), N, D, loss: loss(p, N, D) * Math.exp(noise * gauss()) });
    }
  }
  return rows;
}

const codes = (r: ReturnType<typeof fitIsoflop>) => r.diagnostics.map((d) => d.code);

describe('parabola', () => {
  test('recovers the coefficients of an exact parabola (property)', () => {
    fc.assert(fc.property(fc.double({ min: 0.01, max: 10, noNaN: true }), fc.double({ min: -5, max: 5, noNaN: true }), fc.double({ min: -3, max: 3, noNaN: true }), (p, x0, y0) => {
      const x = [-2, -1.3, -0.5, 0, 0.4, 1.1, 2.5].map((v) => v + x0);
      const par = fitParabola(x, x.map((v) => p * (v - x0) ** 2 + y0))!;
      expect(par.p).toBeCloseTo(p, 8);
      expect(par.vertex!).toBeCloseTo(x0, 7);
      expect(par.minimum!).toBeCloseTo(y0, 7);
    }));
  });
  test('null with fewer than 3 distinct x; no vertex when concave', () => {
    expect(fitParabola([1, 1, 2, 2], [1, 2, 3, 4])).toBeNull();
    const c = fitParabola([0, 1, 2, 3], [0, 1, 1, 0])!;
    expect(c.p).toBeLessThan(0);
    expect(c.vertex).toBeNull();
  });
});

describe('exponents from a known law', () => {
  test('centred grid, no noise: a = beta/(alpha+beta), b = alpha/(alpha+beta) to 1e-9; no grid warnings', () => {
    const r = fitIsoflop(grid(HOFFMANN), { bootstrap: 0 });
    expect(r.exponents.a.value!).toBeCloseTo(aOf(HOFFMANN), 9);
    expect(r.exponents.b.value!).toBeCloseTo(bOf(HOFFMANN), 9);
    expect(r.budgets).toHaveLength(BUDGETS.length);
    expect(r.diagnostics).toEqual([]);
    expect(r.corrected!.exponents.a.value!).toBeCloseTo(aOf(HOFFMANN), 9);
    // the variable-projection surface is the generating law
    const s = r.corrected!.surface;
    for (const k of ['E', 'A', 'B', 'alpha', 'beta'] as const) expect(s[k] / HOFFMANN[k]).toBeCloseTo(1, 6);
  });

  test('noisy runs (0.5% log-normal, 10 budgets x 30 points): the true exponents lie in the 95% intervals', () => {
    const budgets = [1e18, 2e18, 5e18, 1e19, 2e19, 5e19, 1e20, 2e20, 5e20, 1e21];
    const r = fitIsoflop(grid(HOFFMANN, { budgets, n: 30, W: 0.8, noise: 0.005, seed: 11 }), { bootstrap: 200, seed: 3 });
    const [lo, hi] = r.exponents.a.ci!;
    expect(lo).toBeLessThan(aOf(HOFFMANN));
    expect(hi).toBeGreaterThan(aOf(HOFFMANN));
    const [blo, bhi] = r.exponents.b.ci!;
    expect(blo).toBeLessThan(bOf(HOFFMANN));
    expect(bhi).toBeGreaterThan(bOf(HOFFMANN));
    const [clo, chi] = r.corrected!.exponents.a.ci!;
    expect(clo).toBeLessThan(aOf(HOFFMANN));
    expect(chi).toBeGreaterThan(aOf(HOFFMANN));
    expect(r.bootstrap).toEqual({ resamples: 200, seed: 3, failed: 0 });
  });

  test('without a C column the budgets come from 6ND and the fit is the same', () => {
    const withC = fitIsoflop(grid(HOFFMANN), { bootstrap: 20, seed: 5 });
    const without = fitIsoflop(grid(HOFFMANN, { withC: false }), { bootstrap: 20, seed: 5 });
    expect(without.budgets).toHaveLength(BUDGETS.length);
    without.budgets.forEach((b, i) => expect(b.C / BUDGETS[i]).toBeCloseTo(1, 10));
    expect(without.exponents.a.value!).toBeCloseTo(withC.exponents.a.value!, 10);
    expect(without.exponents.a.ci![0]).toBeCloseTo(withC.exponents.a.ci![0], 10);
  });

  test('the same seed gives the same intervals, another seed other ones', () => {
    const rows = grid(HOFFMANN, { noise: 0.01, seed: 2 });
    const r1 = fitIsoflop(rows, { bootstrap: 50, seed: 9 }), r2 = fitIsoflop(rows, { bootstrap: 50, seed: 9 }), r3 = fitIsoflop(rows, { bootstrap: 50, seed: 10 });
    expect(r1.exponents).toEqual(r2.exponents);
    expect(r3.exponents.a.ci).not.toEqual(r1.exponents.a.ci);
  });
});

describe('properties over Chinchilla-type laws', () => {
  const law = fc.record({ alpha: fc.double({ min: 0.15, max: 0.7, noNaN: true }), beta: fc.double({ min: 0.15, max: 0.7, noNaN: true }), A: fc.double({ min: 50, max: 2000, noNaN: true }), B: fc.double({ min: 50, max: 5000, noNaN: true }) }).map((p) => ({ E: 1.7, ...p }));

  test('centred grids, no noise: a and b recovered to 1e-7 (any alpha, beta)', () => {
    fc.assert(fc.property(law, (p) => {
      const r = fitIsoflop(grid(p, { n: 9, W: 0.7 }), { bootstrap: 0 });
      expect(r.exponents.a.value!).toBeCloseTo(aOf(p), 7);
      expect(r.exponents.b.value!).toBeCloseTo(bOf(p), 7);
    }), { numRuns: 40 });
  });

  test('a grid drifting by up to 0.5 decades: the corrected a recovered to 1e-5', () => {
    fc.assert(fc.property(law, fc.double({ min: -0.5, max: 0.5, noNaN: true }), (p, d) => {
      const r = fitIsoflop(grid(p, { n: 11, W: 0.8, offset: (lc) => (d * (lc - 18)) / 3 }), { bootstrap: 0 });
      expect(r.corrected!.exponents.a.value!).toBeCloseTo(aOf(p), 5);
    }), { numRuns: 25 });
  });
});

describe('off-centre sampling (Open-Athena/scaling-law-analysis, "Off-Center Sampling")', () => {
  test('a grid whose centre drifts 0 -> 0.5 decades above N_opt biases a; warned; the corrected estimate recovers it', () => {
    const rows = grid(ASYMMETRIC, { offset: (lc) => (0.5 * (lc - 18)) / 3 });
    const r = fitIsoflop(rows, { bootstrap: 0 });
    expect(Math.abs(r.exponents.a.value! - aOf(ASYMMETRIC))).toBeGreaterThan(0.02); // the bias: 0.227 against 0.25
    expect(codes(r)).toContain('isoflop-off-centre');
    expect(codes(r)).toContain('isoflop-drifting-centre');
    expect(codes(r)).toContain('isoflop-parabola-bias');
    expect(r.corrected!.exponents.a.value!).toBeCloseTo(aOf(ASYMMETRIC), 6);
    expect(r.corrected!.exponents.b.value!).toBeCloseTo(bOf(ASYMMETRIC), 6);
    const off = r.diagnostics.filter((d) => d.code === 'isoflop-off-centre');
    for (const d of off) expect(d.budget).toBeGreaterThanOrEqual(1e20); // the late budgets, where the drift is large
  });

  test('a constant 3x offset leaves the exponent exact and moves the intercept (Open-Athena, "Constant Multiplicative Bias")', () => {
    const centred = fitIsoflop(grid(HOFFMANN), { bootstrap: 0 });
    const shifted = fitIsoflop(grid(HOFFMANN, { offset: () => Math.log10(3) }), { bootstrap: 0 });
    expect(shifted.exponents.a.value!).toBeCloseTo(aOf(HOFFMANN), 9);
    expect(Math.abs(shifted.intercepts.N! - centred.intercepts.N!)).toBeGreaterThan(1e-3);
    expect(codes(shifted).filter((c) => c === 'isoflop-off-centre')).toHaveLength(BUDGETS.length);
    expect(codes(shifted)).not.toContain('isoflop-drifting-centre');
    // corrected N_opt sits on the law's exact N_opt (chinchilla.md §3)
    for (const b of shifted.corrected!.budgets) expect(b.N_opt! / nOpt(HOFFMANN, b.C)).toBeCloseTo(1, 6);
  });

  test('centred grids on an asymmetric surface: exponent exact, vertices shifted by a constant (the parabola bias)', () => {
    const r = fitIsoflop(grid(ASYMMETRIC, { W: 1.2 }), { bootstrap: 0 });
    expect(r.exponents.a.value!).toBeCloseTo(aOf(ASYMMETRIC), 9);
    const shifts = r.corrected!.budgets.map((b) => b.shift.N!);
    for (const s of shifts) expect(s).toBeCloseTo(shifts[0], 9);
    expect(Math.abs(shifts[0])).toBeGreaterThan(0.02);
    expect(codes(r)).toContain('isoflop-parabola-bias');
    // measured vertex / exact N_opt = 10^shift
    r.budgets.forEach((b) => expect(Math.log10(b.N_opt! / nOpt(ASYMMETRIC, b.C))).toBeCloseTo(shifts[0], 9));
  });
});

describe('per-budget diagnostics', () => {
  const base = () => grid(HOFFMANN);
  const only = (rows: IsoflopRow[], C: number) => rows.filter((r) => r.C !== C);

  test('minimiser outside the sampled range: warned, budget left out (kept with includeOutside)', () => {
    const C = 1e20;
    const rows = [...only(base(), C), ...grid(HOFFMANN, { budgets: [C], offset: () => -1.5, W: 0.4 })];
    const r = fitIsoflop(rows, { bootstrap: 0 });
    const d = r.diagnostics.find((x) => x.code === 'isoflop-minimiser-outside')!;
    expect(d.budget).toBe(C);
    expect(d.severity).toBe('warning');
    expect(r.budgets.find((b) => b.C === C)!.used.N).toBe(false);
    expect(r.exponents.a.value!).toBeCloseTo(aOf(HOFFMANN), 9);
    const kept = fitIsoflop(rows, { bootstrap: 0, includeOutside: true });
    expect(kept.budgets.find((b) => b.C === C)!.used.N).toBe(true);
  });

  test('non-positive curvature: warned, budget left out', () => {
    const C = 1e19;
    const bad = [1e8, 2e8, 4e8, 8e8, 1.6e9].map((N, i) => ({ C, N, D: C / (6 * N), loss: 3 - 0.01 * (i - 2) ** 2 }));
    const r = fitIsoflop([...only(base(), C), ...bad], { bootstrap: 0 });
    expect(r.diagnostics.filter((d) => d.code === 'isoflop-curvature-nonpositive').map((d) => d.budget)).toEqual([C, C]);
    expect(r.budgets.find((b) => b.C === C)!.used).toEqual({ N: false, D: false });
  });

  test('curvature too flat to place: below 2 standard errors (left out), or rising less than the stated 0.1% (warned)', () => {
    const C = 1e19;
    const noisy = grid(HOFFMANN, { budgets: [C], n: 6, W: 0.15, noise: 0.01, seed: 5 });
    const r = fitIsoflop([...only(base(), C), ...noisy], { bootstrap: 0 });
    const flat = r.diagnostics.filter((d) => d.code === 'isoflop-curvature-flat' && d.budget === C);
    expect(flat.length).toBeGreaterThan(0);
    expect(flat[0].message).toMatch(/standard errors|rises by/);
    const narrow = grid(HOFFMANN, { budgets: [C], n: 9, W: 0.05 });
    const r2 = fitIsoflop([...only(base(), C), ...narrow], { bootstrap: 0 });
    const d2 = r2.diagnostics.find((d) => d.code === 'isoflop-curvature-flat')!;
    expect(d2.message).toMatch(/rises by .*less than the stated 0.1%/);
    expect(r2.budgets.find((b) => b.C === C)!.used.N).toBe(true);
  });

  test('too few points: 2 distinct N leave the budget out; 4 points warn', () => {
    const C = 1e19;
    const two = [1e8, 1e8, 4e8].map((N) => ({ C, N, D: C / (6 * N), loss: loss(HOFFMANN, N, C / (6 * N)) }));
    const r = fitIsoflop([...only(base(), C), ...two], { bootstrap: 0 });
    expect(r.diagnostics.find((d) => d.code === 'isoflop-too-few-points')!.message).toMatch(/2 distinct N values/);
    const four = grid(HOFFMANN, { budgets: [C], n: 4 });
    const r4 = fitIsoflop([...only(base(), C), ...four], { bootstrap: 0 });
    expect(r4.diagnostics.find((d) => d.code === 'isoflop-too-few-points')!.message).toMatch(/4 points, fewer than the stated minimum of 5/);
  });

  test('one budget: error isoflop-too-few-budgets, exponents null (never NaN in JSON)', () => {
    const r = fitIsoflop(grid(HOFFMANN, { budgets: [1e19] }), { bootstrap: 10 });
    const d = r.diagnostics.find((x) => x.code === 'isoflop-too-few-budgets')!;
    expect(d.severity).toBe('error');
    expect(r.exponents.a).toEqual({ value: null, ci: null });
    expect(JSON.stringify(r)).not.toMatch(/NaN|Infinity/);
  });

  test('rows far from every given budget are left out and counted', () => {
    const rows = [...base(), { C: 5e19, N: 1e9, D: 5e19 / 6e9, loss: 3 }];
    const r = fitIsoflop(rows, { budgets: BUDGETS, bootstrap: 0 });
    expect(r.diagnostics.find((d) => d.code === 'isoflop-unassigned-rows')!.message).toMatch(/^1 of 106 rows/);
    expect(r.rows).toBe(105);
  });
});

describe('input', () => {
  test('JSON shape', () => {
    const r = fitIsoflop(grid(HOFFMANN, { noise: 0.005 }), { bootstrap: 20 });
    const j = JSON.parse(JSON.stringify(r));
    expect(j.approach).toBe('isoflop');
    expect(Object.keys(j.exponents)).toEqual(['a', 'b']);
    expect(j.exponents.a.ci).toHaveLength(2);
    expect(Object.keys(j.budgets[0]).slice(0, 4)).toEqual(['C', 'N_opt', 'D_opt', 'points']);
    expect(Array.isArray(j.diagnostics)).toBe(true);
  });

  test('bad rows and options name the parameter, its value and the domain', () => {
    expect(() => fitIsoflop([{ N: -1, D: 1e9, loss: 3, line: 4 }])).toThrow(/row 4: N = -1 is outside the domain/);
    expect(() => fitIsoflop([{ N: 1e8, D: 1e9, loss: NaN }])).toThrow(/row 1: loss = NaN/);
    expect(() => fitIsoflop(grid(HOFFMANN), { bootstrap: 1.5 })).toThrow(/bootstrap = 1.5 is outside the domain/);
    expect(() => fitIsoflop(grid(HOFFMANN), { budgetTolerance: 0 })).toThrow(/budgetTolerance = 0/);
    expect(() => bucketBudgets(grid(HOFFMANN), { budgets: [-1] })).toThrow(/budgets: -1 is outside the domain/);
  });
});

describe('real data: kyo-takano/chinchilla df.csv (Hoffmann et al. runs), snapped to the nine IsoFLOP budgets of their Figure 3', () => {
  test('a inside Hoffmann et al.\'s Approach-2 interval (Table 2: 0.49, 10th-90th percentile 0.462-0.534)', () => {
    const lines = readFileSync('data/kyo-takano-chinchilla/df.csv', 'utf8').trim().split('\n');
    expect(lines[0]).toBe('C,N,D,loss');
    const rows = lines.slice(1).map((l) => {
      const [C, N, D, L] = l.split(',').map(Number);
      return { C, N, D, loss: L };
    });
    const r = fitIsoflop(rows, { budgets: [6e18, 1e19, 3e19, 6e19, 1e20, 3e20, 6e20, 1e21, 3e21], budgetTolerance: Math.log10(1.1), bootstrap: 200, seed: 1 });
    expect(r.exponents.a.value!).toBeGreaterThan(0.462);
    expect(r.exponents.a.value!).toBeLessThan(0.534);
    expect(r.corrected!.exponents.a.value!).toBeGreaterThan(0.462);
    expect(r.corrected!.exponents.a.value!).toBeLessThan(0.534);
    expect(r.budgets.filter((b) => b.used.N).length).toBeGreaterThanOrEqual(7);
  });
});

describe('fixtures (test/fixtures/fit/isoflop-*.csv, for the command line too)', () => {
  const read = (name: string): IsoflopRow[] =>
    readFileSync(`test/fixtures/fit/${name}`, 'utf8').split('\n').filter((l) => l && !l.startsWith('#')).slice(1).map((l) => {
      const [C, N, D, L] = l.split(',').map(Number);
      return { C, N, D, loss: L };
    });
  test('centred, noisy: silent, and the true a, b in the intervals', () => {
    const r = fitIsoflop(read('isoflop-centred.csv'), { bootstrap: 200, seed: 1 });
    expect(r.diagnostics).toEqual([]);
    expect(r.exponents.a.ci![0]).toBeLessThan(aOf(HOFFMANN));
    expect(r.exponents.a.ci![1]).toBeGreaterThan(aOf(HOFFMANN));
    expect(r.exponents.b.ci![0]).toBeLessThan(bOf(HOFFMANN));
    expect(r.exponents.b.ci![1]).toBeGreaterThan(bOf(HOFFMANN));
  });
  test('drifting: off-centre, drifting-centre and parabola-bias warnings; corrected a = 0.25', () => {
    const r = fitIsoflop(read('isoflop-drifting.csv'), { bootstrap: 0 });
    expect(new Set(codes(r))).toEqual(new Set(['isoflop-off-centre', 'isoflop-drifting-centre', 'isoflop-parabola-bias']));
    expect(r.exponents.a.value!).toBeLessThan(aOf(ASYMMETRIC) - 0.02);
    expect(r.corrected!.exponents.a.value!).toBeCloseTo(aOf(ASYMMETRIC), 6);
  });
});
