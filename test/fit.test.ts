// Fitting (src/fit, src/numeric/optimize.ts): the optimisers on functions with known minima, the CSV
// reader's errors (row and column named; exit 2 from the command), recovery of each preset's constants
// from seeded synthetic data within the bootstrap interval, and the command's JSON and plot.
import { describe, expect, test, beforeAll } from 'vitest';
import { mkdtempSync, writeFileSync, readFileSync, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { lbfgs, brentMinimize } from '../src/numeric/optimize.js';
import { parseObservations, CsvError } from '../src/fit/csv.js';
import { fitChinchilla, synthesize, PARAM_NAMES } from '../src/fit/chinchilla.js';
import { CHINCHILLA_PRESETS, chinchillaPreset } from '../theory/chinchilla.js';
import { main } from '../src/cli/main.js';

async function run(...argv: string[]): Promise<{ code: number; out: string; err: string }> {
  let out = '', err = '';
  const code = await main(argv, { out: (s) => (out += s), err: (s) => (err += s) });
  return { code, out, err };
}

describe('optimisers', () => {
  test('L-BFGS finds the minimum of the Rosenbrock function (2 and 5 dimensions)', () => {
    const rosen = (x: Float64Array, g: Float64Array) => {
      let f = 0;
      g.fill(0);
      for (let i = 0; i + 1 < x.length; i++) {
        const a = x[i + 1] - x[i] * x[i], b = 1 - x[i];
        f += 100 * a * a + b * b;
        g[i] += -400 * x[i] * a - 2 * b;
        g[i + 1] += 200 * a;
      }
      return f;
    };
    for (const x0 of [[-1.2, 1], [-1, 1.5, 0.5, -0.3, 2]]) {
      const r = lbfgs(rosen, x0, { maxIterations: 2000, gtol: 1e-12, ftol: 0 });
      expect(r.converged).toBe(true);
      for (const xi of r.x) expect(Math.abs(xi - 1)).toBeLessThan(1e-6);
    }
  });

  test('L-BFGS on an ill-conditioned quadratic reaches the exact minimiser', () => {
    const c = [1, 10, 100, 1000, 1e4];
    const q = (x: Float64Array, g: Float64Array) => {
      let f = 0;
      for (let i = 0; i < x.length; i++) {
        f += 0.5 * c[i] * (x[i] - i) ** 2;
        g[i] = c[i] * (x[i] - i);
      }
      return f;
    };
    const r = lbfgs(q, [5, 5, 5, 5, 5], { gtol: 1e-14, ftol: 0 });
    r.x.forEach((xi, i) => expect(Math.abs(xi - i)).toBeLessThan(1e-8));
  });

  test('Brent finds minima of unimodal functions to the requested tolerance', () => {
    expect(brentMinimize((x) => (x - 2) ** 2, 0, 5).x).toBeCloseTo(2, 7);
    // minimum of x ln x at 1/e
    expect(Math.abs(brentMinimize((x) => x * Math.log(x), 0.01, 2, 1e-12).x - Math.exp(-1))).toBeLessThan(1e-8);
    expect(brentMinimize(Math.cos, 2, 4).x).toBeCloseTo(Math.PI, 7);
  });
});

describe('CSV reader', () => {
  const ok = ['N,D,loss', ...Array.from({ length: 6 }, (_, i) => `${1e8 * (i + 1)},${1e10 * (i + 1)},${3 - 0.1 * i}`)].join('\n');
  const err = (text: string): CsvError => {
    try {
      parseObservations(text, 'runs.csv');
    } catch (e) {
      return e as CsvError;
    }
    throw new Error('no error');
  };
  test('reads rows, skips comments and blank lines, ignores extra columns', () => {
    const obs = parseObservations('# runs\nrun,N,D,loss\n\n' + Array.from({ length: 6 }, (_, i) => `r${i},${1e8},${1e10},2.5`).join('\n'));
    expect(obs).toHaveLength(6);
    expect(obs[0]).toMatchObject({ N: 1e8, D: 1e10, loss: 2.5, line: 4 });
    expect(parseObservations(ok)).toHaveLength(6);
  });
  test('missing column, non-positive and non-numeric cells, ragged rows, too few rows', () => {
    let e = err('N,tokens,loss\n1,2,3');
    expect(e.column).toBe('D');
    expect(e.message).toMatch(/row 1 .*missing column 'D'/);
    e = err(ok.replace('200000000,', '-2e8,'));
    expect(e.row).toBe(3);
    expect(e.column).toBe('N');
    expect(e.message).toMatch(/row 3, column N: -2e8 .*N > 0/);
    e = err(ok.replace(',2.9', ',0'));
    expect(e.column).toBe('loss');
    expect(e.message).toMatch(/row 3, column loss/);
    e = err(ok.replace(',2.9', ',abc'));
    expect(e.message).toMatch(/'abc' is not a finite number/);
    e = err(ok + '\n1,2');
    expect(e.message).toMatch(/row 8: 2 cells/);
    e = err('N,D,loss\n1e8,1e10,3\n2e8,1e10,2.9');
    expect(e.message).toMatch(/2 data rows .* at least 6/);
  });
});

describe('recovery from synthetic data (Huber on log-loss, L-BFGS from the grid, bootstrap)', () => {
  // 150 runs with 1% log-normal noise over Hoffmann's range of N and D, 80 resamples per preset
  for (const preset of CHINCHILLA_PRESETS) {
    test(`${preset.id}: every constant and a, b inside the 95% bootstrap interval`, { timeout: 120_000 }, () => {
      const obs = synthesize(preset.values, 150, 42, 0.01);
      const r = fitChinchilla(obs, { bootstrap: 80, seed: 42 });
      expect(r.optimizer.converged).toBe(true);
      for (const k of PARAM_NAMES) {
        const iv = r.params[k];
        expect(iv.ci, k).not.toBeNull();
        expect(preset.values[k], `${preset.id} ${k} = ${preset.values[k]} in [${iv.ci}]`).toBeGreaterThanOrEqual(iv.ci![0]);
        expect(preset.values[k], `${preset.id} ${k} = ${preset.values[k]} in [${iv.ci}]`).toBeLessThanOrEqual(iv.ci![1]);
      }
      const a = preset.values.beta / (preset.values.alpha + preset.values.beta);
      expect(a).toBeGreaterThanOrEqual(r.exponents.a.ci![0]);
      expect(a).toBeLessThanOrEqual(r.exponents.a.ci![1]);
      expect(r.exponents.a.value + r.exponents.b.value).toBeCloseTo(1, 12);
      // the noise level is recovered by the residuals
      expect(r.residuals.rms).toBeGreaterThan(0.007);
      expect(r.residuals.rms).toBeLessThan(0.013);
    });
  }

  test('noise-free data: the fit is exact', { timeout: 60_000 }, () => {
    const v = chinchillaPreset('chinchilla:epoch')!.values;
    const r = fitChinchilla(synthesize(v, 60, 3, 0), { bootstrap: 0 });
    for (const k of PARAM_NAMES) expect(Math.abs(r.params[k].value / v[k] - 1), k).toBeLessThan(1e-4);
  });

  test('the bootstrap is reproducible from its seed and changes with it', { timeout: 60_000 }, () => {
    const obs = synthesize(chinchillaPreset('chinchilla:hoffmann')!.values, 60, 9, 0.01);
    const a = fitChinchilla(obs, { bootstrap: 10, seed: 5 });
    const b = fitChinchilla(obs, { bootstrap: 10, seed: 5 });
    const c = fitChinchilla(obs, { bootstrap: 10, seed: 6 });
    expect(a.params.alpha.ci).toEqual(b.params.alpha.ci);
    expect(a.params.alpha.ci).not.toEqual(c.params.alpha.ci);
  });
});

describe('fit command', () => {
  let dir: string;
  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'fit-'));
  });

  test('examples/chinchilla-synthetic.csv is what its header says (regenerated from the seed)', () => {
    const text = readFileSync('examples/chinchilla-synthetic.csv', 'utf8');
    expect(text).toMatch(/seed = 7/);
    const obs = parseObservations(text);
    const again = synthesize(chinchillaPreset('chinchilla:epoch')!.values, 200, 7, 0.01);
    expect(obs).toHaveLength(200);
    obs.forEach((o, i) => {
      expect(Math.abs(o.N / again[i].N - 1)).toBeLessThan(1e-7);
      expect(Math.abs(o.loss / again[i].loss - 1)).toBeLessThan(1e-7);
    });
  });

  test('--json on the example, with a plot', { timeout: 120_000 }, async () => {
    const png = join(dir, 'fit.png');
    const r = await run('fit', 'examples/chinchilla-synthetic.csv', '--bootstrap', '20', '--seed', '3', '--json', '--plot', png);
    expect(r.code).toBe(0);
    const out = JSON.parse(r.out);
    for (const k of PARAM_NAMES) {
      expect(out.params[k]).toHaveProperty('value');
      expect(out.params[k].ci).toHaveLength(2);
    }
    expect(out.exponents.a.ci).toHaveLength(2);
    expect(out.bootstrap).toMatchObject({ resamples: 20, seed: 3 });
    expect(out.provenance).toBe('empirical');
    expect(out.warnings.join(' ')).toMatch(/20 bootstrap resamples/);
    expect(existsSync(png)).toBe(true);
  });

  test('malformed CSV exits 2 naming row and column; other bad input too', { timeout: 60_000 }, async () => {
    const bad = join(dir, 'bad.csv');
    writeFileSync(bad, 'N,D,loss\n' + Array.from({ length: 7 }, (_, i) => (i === 4 ? '1e9,0,2.1' : '1e9,1e11,2.1')).join('\n'));
    let r = await run('fit', bad);
    expect(r.code).toBe(2);
    expect(r.out).toBe('');
    expect(r.err).toMatch(/row 6, column D/);
    const missing = join(dir, 'missing.csv');
    writeFileSync(missing, 'N,loss\n1,2\n');
    r = await run('fit', missing);
    expect(r.code).toBe(2);
    expect(r.err).toMatch(/missing column 'D'/);
    r = await run('fit', join(dir, 'nope.csv'));
    expect(r.code).toBe(2);
    r = await run('fit', 'examples/chinchilla-synthetic.csv', '--law', 'kaplan');
    expect(r.code).toBe(2);
    expect(r.err).toMatch(/--law = 'kaplan' is not a law this command can fit \(valid: chinchilla, /);
    r = await run('fit', 'examples/chinchilla-synthetic.csv', '--bootstrap', '-1');
    expect(r.code).toBe(2);
  });
});
