// The information-bound template [reconstruction] (theory/info-bound.ts, src/law/info-bound.ts):
// the closed form against the reference's table (info-theoretic.md §4.3, computed independently there),
// against a direct numeric minimisation along C = p*T over the whole domain, the slope's approach to 1/2
// from below, the negative control's approach to 1/3, the engine's asymptotic exponents, the
// input-dimension claim, and the command line (JSON contract, exit 2 when data-starved, plots).
import { findModel } from '../src/models/registry.js';
import { describe, expect, beforeAll } from 'vitest';
import { test, fc } from '@fast-check/vitest';
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, existsSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  edgeCrossoverBudget,
  infoBoundOptimum,
  infoBoundNumeric,
  infoBoundError,
  negativeControlOptimum,
  dataStarvedBudget,
  DataStarvedError,
  sweepBound,
  logGrid,
  decadePairSlopes,
} from '../src/law/info-bound.js';
import { infoBound, negativeControl } from '../theory/info-bound.js';
import { main } from '../src/cli/main.js';

/** The command line in-process (no dependence on dist/); a few tests below spawn the built binary. */
async function run(...argv: string[]): Promise<{ code: number; out: string; err: string }> {
  let out = '', err = '';
  const code = await main(argv, { out: (s) => (out += s), err: (s) => (err += s) });
  return { code, out, err };
}

const CLI = ['bin/scaling-theory.js'];
const cli = (...args: string[]) => spawnSync('node', [...CLI, ...args], { encoding: 'utf8' });
const rel = (a: number, b: number) => Math.abs(a - b) / Math.abs(b);

// The reference's numbers (info-theoretic.md §4.3), transcribed here rather than read from the theory file
const REFERENCE_43 = [
  { m: 1, k: 1, C: 1e4, p: 42.82241, T: 233.5226, ratio: 0.1833759, error: 5.098675e-2, s: 5.453279 },
  { m: 1, k: 1, C: 1e8, p: 3103.81, T: 32218.47, ratio: 0.09633638, error: 6.754074e-4, s: 10.3803 },
  { m: 1, k: 1, C: 1e24, p: 1.846787e11, T: 5.414809e12, ratio: 0.03410623, error: 1.10143e-11, s: 29.32016 },
  { m: 10, k: 1, C: 1e8, p: 10444.56, T: 9574.364, ratio: 1.090888, error: 2.019318e-3, s: 9.166844 },
  { m: 100, k: 3, C: 1e12, p: 1.651937e6, T: 6.053499e5, ratio: 2.728897, error: 1.260258e-4, s: 12.21495 },
];

describe('closed form (lower-branch Lambert W) [derived]', () => {
  test('matches the reference table of info-theoretic.md §4.3 to its 7 printed digits', () => {
    for (const g of REFERENCE_43) {
      const o = infoBoundOptimum(g.m, g.k, g.C);
      for (const key of ['p', 'T', 'ratio', 'error', 's'] as const) {
        // the table prints 7 significant digits: half a unit in the 7th place
        expect(rel(o[key], g[key]), `${key} at m=${g.m}, k=${g.k}, C=${g.C}`).toBeLessThan(1e-6);
      }
    }
  });

  test('the theory file carries the same table (no transcription drift)', () => {
    for (const g of REFERENCE_43) {
      const t = infoBound.golden.find((x) => x.m === g.m && x.k === g.k && x.C === g.C)!;
      expect(t).toMatchObject(g);
    }
  });

  test('p* T* = C and E* equals the bound at (p*, T*)', () => {
    const o = infoBoundOptimum(3, 7, 1e15);
    expect(rel(o.p * o.T, 1e15)).toBeLessThan(1e-15);
    expect(rel(o.error, infoBoundError(3, 7, o.p, o.T))).toBeLessThan(1e-14);
  });

  // whole domain: m, k over 8 decades, C from just above 2e m k to 1e24 times it
  const domain = fc.record({
    lm: fc.double({ min: -4, max: 4, noNaN: true }),
    lk: fc.double({ min: -4, max: 4, noNaN: true }),
    lr: fc.double({ min: 0.05, max: 24, noNaN: true }),
  });

  test.prop([domain], { numRuns: 150, seed: 6101 })('the closed-form optimum is the minimum of E along C = p*T (numeric check)', ({ lm, lk, lr }) => {
    const m = 10 ** lm, k = 10 ** lk;
    const C = dataStarvedBudget(m, k) * 10 ** lr;
    const o = infoBoundOptimum(m, k, C);
    const n = infoBoundNumeric(m, k, C, o);
    // E is flat at its minimum: E agrees to rounding, the location to ~sqrt(eps) (times the curvature scale)
    expect(n.gap.error).toBeLessThan(1e-12);
    expect(n.gap.p).toBeLessThan(1e-5);
    // and it is a minimum: nearby points on the budget line are not lower
    for (const f of [0.999, 1.001]) expect(infoBoundError(m, k, C / (o.T * f), o.T * f)).toBeGreaterThanOrEqual(o.error * (1 - 1e-15));
  });

  test.prop([domain], { numRuns: 300, seed: 6102 })('the slope is below 1/2 and rises with C', ({ lm, lk, lr }) => {
    const m = 10 ** lm, k = 10 ** lk;
    const C = dataStarvedBudget(m, k) * 10 ** lr;
    const a = infoBoundOptimum(m, k, C).slope;
    const b = infoBoundOptimum(m, k, C * 10).slope;
    expect(a).toBeLessThan(0.5);
    expect(b).toBeGreaterThan(a);
    expect(b).toBeLessThan(0.5);
  });

  test('the local slope agrees with a finite-difference slope of ln p*', () => {
    const h = 1e-4;
    for (const C of [1e5, 1e10, 1e20]) {
      const fd = (Math.log(infoBoundOptimum(2, 3, C * Math.exp(h)).p) - Math.log(infoBoundOptimum(2, 3, C * Math.exp(-h)).p)) / (2 * h);
      expect(Math.abs(fd - infoBoundOptimum(2, 3, C).slope)).toBeLessThan(1e-7);
    }
  });

  test('pointwise and decade-pair slopes of the reference (§4.3)', () => {
    for (const [C, s] of [[1e4, 0.4495], [1e8, 0.4747], [1e16, 0.4871]] as const) expect(infoBoundOptimum(1, 1, C).slope).toBeCloseTo(s, 4);
    const pairs = decadePairSlopes(sweepBound(infoBoundOptimum, 1, 1, logGrid(1e4, 1e24, 1)));
    for (const [from, slope] of [[1e4, 0.459], [1e6, 0.471], [1e8, 0.477], [1e10, 0.481], [1e14, 0.486], [1e22, 0.491]] as const) {
      const p = pairs.find((x) => rel(x.from, from) < 1e-9)!;
      expect(Math.abs(p.slope - slope), `pair from ${from}`).toBeLessThanOrEqual(0.0005 + 1e-12);
    }
  });

  test.prop([fc.double({ min: -3, max: 3, noNaN: true }), fc.double({ min: 1e-6, max: 1, noNaN: true })], { numRuns: 200, seed: 6103 })(
    'between 2e m k and 6.40089 m k the interior optimum is local only: the edge T = k is lower [derived]',
    (lm, t) => {
      const m = 10 ** lm, k = 2.5;
      const lo = dataStarvedBudget(m, k), hi = edgeCrossoverBudget(m, k);
      const inside = infoBoundOptimum(m, k, lo + t * (hi - lo) * (1 - 1e-9));
      expect(inside.global).toBe(false);
      expect(inside.edgeError!).toBeLessThan(inside.error);
      const above = infoBoundOptimum(m, k, hi * (1 + t));
      expect(above.global).toBe(true);
      expect(above.error).toBeLessThan(above.edgeError!);
    },
  );

  test('the edge crossover: E* = 1 + m k/C there (independent bisection on the bound itself)', () => {
    // at the crossover budget the interior minimum and the edge value T -> k coincide
    const C = edgeCrossoverBudget(1, 1);
    const o = infoBoundOptimum(1, 1, C);
    expect(Math.abs(o.error - infoBoundError(1, 1, C, 1))).toBeLessThan(1e-12);
    expect(C).toBeCloseTo(6.400894, 5);
  });

  test('at and below C = 2e m k: data-starved, with the needed budget', () => {
    expect(() => infoBoundOptimum(1, 1, 5)).toThrow(DataStarvedError);
    expect(() => infoBoundOptimum(1, 1, 2 * Math.E)).toThrow(/data-starved/);
    try {
      infoBoundOptimum(2, 3, 10);
    } catch (e) {
      expect((e as DataStarvedError).needed).toBeCloseTo(12 * Math.E, 12);
      expect((e as Error).message).toContain('32.6194');
    }
    // just above the branch point the optimum exists and s* > 1/2
    expect(infoBoundOptimum(1, 1, 2 * Math.E * (1 + 1e-6)).s).toBeGreaterThan(0.5);
  });
});

describe('negative control and the engine asymptotes', () => {
  test('negative-control decade-pair slopes match the reference brute force (§4.3) and tend to 1/3 from below', () => {
    const rows = sweepBound(negativeControlOptimum, 1, 1, logGrid(1e4, 1e24, 1));
    const pairs = decadePairSlopes(rows);
    for (const g of negativeControl.goldenSlopes) {
      const p = pairs.find((x) => rel(x.from, g.from) < 1e-9)!;
      expect(Math.abs(p.slope - g.slope), `pair from ${g.from}`).toBeLessThanOrEqual(0.0005 + 1e-12);
    }
    for (const r of rows) expect(r.slope).toBeLessThan(1 / 3);
    expect(rows.at(-1)!.slope).toBeGreaterThan(rows[0].slope);
  });

  test('a negative-control optimum is a local minimum of its bound along C = p T', () => {
    const o = negativeControlOptimum(1, 1, 1e12);
    const E = (T: number) => 1 / (1e12 / T) + ((1e12 / T) * Math.log(T)) / T;
    expect(E(o.T * 1.01)).toBeGreaterThan(o.error);
    expect(E(o.T / 1.01)).toBeGreaterThan(o.error);
  });

  test('the engine derives 1/2 for the template skeleton and 1/3 for the negative control', { timeout: 60_000 }, () => {
    const a = findModel('info-bound')!.bound!.asymptotics();
    expect(a.p.value).toBeCloseTo(0.5, 12);
    expect(a.T.value).toBeCloseTo(0.5, 12);
    expect(a.p.expr).toBe('1/2');
    const n = findModel('negative-control')!.bound!.asymptotics();
    expect(n.p.value).toBeCloseTo(1 / 3, 12);
    expect(n.T.value).toBeCloseTo(2 / 3, 12);
  });
});

describe('input dimension', () => {
  test('under the parameters mapping p*/T* rises with d at fixed C (claim dimension-share)', () => {
    const claim = infoBound.claims.find((c) => c.id === 'dimension-share')!;
    expect(claim.kind).toBe('monotone');
    const S = 3, k0 = 10, C = 1e16;
    const ratios = [1, 3, 10, 30, 100, 300, 1000].map((d) => infoBoundOptimum((S * S * (d + 1)) / 16, k0, C).ratio);
    for (let i = 1; i < ratios.length; i++) expect(ratios[i]).toBeGreaterThan(ratios[i - 1]);
  });

  test('every claim names its kind, statement and provenance', () => {
    for (const c of infoBound.claims) {
      expect(c.statement.length).toBeGreaterThan(20);
      expect(['asymptotic-slope', 'monotone']).toContain(c.kind);
      expect(c.provenance).toMatch(/paper|derived/);
    }
  });
});

describe('command line', () => {
  let dir: string;
  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'info-bound-'));
  });

  test('allocate --json keeps the contract and labels the reconstruction', { timeout: 60_000 }, async () => {
    const r = await run('allocate', '--model', 'info-bound', '--m', '100', '--k', '3', '--compute', '1e12', '--json');
    expect(r.code).toBe(0);
    const out = JSON.parse(r.out);
    for (const key of ['p', 'T', 'error', 'ratio', 'slope', 'provenance']) expect(out).toHaveProperty(key);
    expect(out.provenance).toBe('reconstruction');
    expect(out.label).toMatch(/reconstruction/);
    expect(out.label).not.toMatch(/Jeon & Van Roy's bound/);
    expect(rel(out.p, 1.651937e6)).toBeLessThan(1e-6);
    expect(out.check.gap.p).toBeLessThan(1e-6);
    expect(out.asymptotic.p.expr).toBe('1/2');
  });

  test('the built binary: allocate --json, and exit 2 below 2e m k naming the budget needed', { timeout: 90_000 }, () => {
    const out = JSON.parse(execFileSync('node', [...CLI, 'allocate', '--model', 'info-bound', '--m', '1', '--k', '1', '--compute', '1e8', '--json'], { encoding: 'utf8' }));
    expect(rel(out.p, 3103.81)).toBeLessThan(1e-6);
    const r = cli('allocate', '--model', 'info-bound', '--m', '1', '--k', '1', '--compute', '5');
    expect(r.status).toBe(2);
    expect(r.stdout).toBe('');
    expect(r.stderr).toMatch(/data-starved/);
    expect(r.stderr).toMatch(/5\.43656/);
  });

  test('bad parameters exit 2 naming parameter, value and domain', { timeout: 30_000 }, async () => {
    const r = await run('allocate', '--model', 'info-bound', '--m', '-1', '--k', '1', '--compute', '1e9');
    expect(r.code).toBe(2);
    expect(r.out).toBe('');
    expect(r.err).toMatch(/--m = -1.*m > 0/);
    expect((await run('allocate', '--model', 'info-bound', '--m', 'NaN', '--k', '1', '--compute', '1e9')).code).toBe(2);
    expect((await run('allocate', '--model', 'plrf', '--m', '1', '--k', '1', '--compute', '1e9')).err).toMatch(/info-bound, negative-control/);
  });

  test('allocate warns when the interior optimum is only local', { timeout: 30_000 }, async () => {
    const r = await run('allocate', '--model', 'info-bound', '--m', '1', '--k', '1', '--compute', '6', '--json');
    expect(r.code).toBe(0);
    expect(JSON.parse(r.out).warnings.join(' ')).toMatch(/edge T = k/);
  });

  test('sweep writes a plot and shows the slope below 1/2; the negative-control preset tends to 1/3', { timeout: 60_000 }, async () => {
    const svg = join(dir, 'slope.svg');
    // --force: this body may run more than once (fast-check's test), and an existing --plot file needs it
    const r = await run('sweep', '--model', 'info-bound', '--m', '1', '--k', '1', '--compute', '1e4:1e24', '--per-decade', '1', '--plot', svg, '--force', '--json');
    expect(r.code).toBe(0);
    const out = JSON.parse(r.out);
    expect(existsSync(svg)).toBe(true);
    expect(readFileSync(svg, 'utf8')).toContain('<svg');
    expect(out.slopeBelowAsymptote).toBe(true);
    expect(out.slopeRising).toBe(true);
    expect(out.asymptotic.p).toBe(0.5);
    const nc = JSON.parse((await run('sweep', '--preset', 'negative-control', '--compute', '1e4:1e24', '--per-decade', '1', '--json')).out);
    expect(nc.model).toBe('negative-control');
    expect(nc.asymptotic.p).toBeCloseTo(1 / 3, 12);
    expect(nc.rows.at(-1).slope).toBeLessThan(1 / 3);
    expect(nc.rows.at(-1).slope).toBeGreaterThan(0.32);
  });

  test('sweep over the input dimension', { timeout: 30_000 }, async () => {
    const r = await run('sweep', '--model', 'info-bound', '--d', '1:1000', '--S', '3', '--k0', '10', '--compute', '1e16', '--json');
    expect(r.code).toBe(0);
    const out = JSON.parse(r.out);
    expect(out.ratioIncreasingInD).toBe(true);
    expect(out.mapping.provenance).toBe('reconstruction');
    const latent = JSON.parse((await run('sweep', '--model', 'info-bound', '--d', '1:1000', '--S', '3', '--k0', '10', '--compute', '1e16', '--mapping', 'latent', '--json')).out);
    expect(latent.mapping.provenance).toBe('unverified');
  });

  test('--help documents every flag', { timeout: 30_000 }, async () => {
    const r = await run('allocate', '--help');
    expect(r.code).toBe(0);
    for (const f of ['--model', '--m', '--k', '--compute', '--law', '--set', '--constraint', '--flops', '--json']) expect(r.out).toContain(f);
  });
});

describe('README section "Allocation: information bound, Chinchilla, your own law, fitting"', () => {
  test('every command shown runs with the exit code the README states', { timeout: 180_000 }, async () => {
    const readme = readFileSync('README.md', 'utf8');
    const start = readme.indexOf('## Allocation: information bound, Chinchilla, your own law, fitting');
    expect(start).toBeGreaterThan(-1);
    const section = readme.slice(start, readme.indexOf('\n## ', start + 10));
    const lines = section.replace(/\\\n\s*/g, ' ').split('\n').filter((l) => l.startsWith('$ npx scaling-theory '));
    expect(lines.length).toBeGreaterThanOrEqual(8);
    const dir = mkdtempSync(join(tmpdir(), 'readme-'));
    for (const line of lines) {
      const [cmd, comment = ''] = line.slice('$ npx scaling-theory '.length).split(/\s+#\s*/);
      const argv = [...cmd.matchAll(/"([^"]*)"|(\S+)/g)].map((m) => m[1] ?? m[2]).map((a) => (/\.(svg|png)$/.test(a) ? join(dir, a) : a));
      const r = await run(...argv);
      expect(r.code, `${line}\n${r.err}`).toBe(/exit 2/.test(comment) ? 2 : 0);
    }
  });
});
