// Fit diagnostics (src/fit/diagnostics.ts): each one triggered by a fixture in test/fixtures/fit/
// (or by a real fit of one), with its severity, and all silent on the shipped real data
// (data/kyo-takano-chinchilla/df.csv fitted by src/fit/chinchilla.ts).
import { describe, expect, test, beforeAll } from 'vitest';
import { readFileSync } from 'node:fs';
import { parseObservations, type Observation } from '../src/fit/csv.js';
import { fitChinchilla, PARAM_NAMES, type FitResult } from '../src/fit/chinchilla.js';
import { fitDiagnostics, extrapolationDecades, hasErrors, MIN_ROWS_PER_PARAMETER, type FitSummary, type Diagnostic } from '../src/fit/diagnostics.js';

const FREE = [...PARAM_NAMES];
const fixture = (name: string): Observation[] => parseObservations(readFileSync(`test/fixtures/fit/${name}`, 'utf8'), name, 1);
const summary = (r: FitResult, starts?: FitSummary['starts']): FitSummary => ({ params: r.params, ...(starts ? { starts } : {}) });
const byCode = (ds: Diagnostic[], code: string) => ds.filter((d) => d.code === code);

describe('silent on good data: the shipped kyo-takano/chinchilla runs', () => {
  let real: Observation[];
  let fit: FitResult;
  let starts: FitSummary['starts'];
  beforeAll(() => {
    real = parseObservations(readFileSync('data/kyo-takano-chinchilla/df.csv', 'utf8'));
    fit = fitChinchilla(real, { bootstrap: 40, seed: 3 });
    // optimiser end points from different numbers of grid starts (1, 4 and the default 12)
    starts = [1, 4, 12].map((s) => {
      const r = s === 12 ? fit : fitChinchilla(real, { starts: s });
      return { objective: r.objective, params: Object.fromEntries(FREE.map((p) => [p, r.params[p].value])) };
    });
  }, 60_000);

  test('no diagnostic, also with a budget inside the data', () => {
    expect(fitDiagnostics(real, FREE, summary(fit, starts))).toEqual([]);
    expect(fitDiagnostics(real, FREE, summary(fit, starts), { budget: 1e20 })).toEqual([]);
  });

  test('extrapolation: the distance in decades to a budget beyond the largest run', () => {
    const maxC = Math.max(...real.map((o) => 6 * o.N * o.D));
    const ds = fitDiagnostics(real, FREE, summary(fit), { budget: 1e24 });
    expect(ds).toHaveLength(1);
    expect(ds[0]).toMatchObject({ code: 'extrapolation', severity: 'warning', parameters: [] });
    expect(ds[0].decades!).toBeCloseTo(Math.log10(1e24 / maxC), 12);
    expect(ds[0].message).toMatch(/1\.89 decades above the largest run/);
    expect(extrapolationDecades(real, 1e15)).toBeCloseTo(Math.log10(Math.min(...real.map((o) => 6 * o.N * o.D)) / 1e15), 12);
    expect(extrapolationDecades(real, 1e20)).toBe(0);
    expect(hasErrors(ds)).toBe(false);
  });
});

describe('each diagnostic from a fixture', () => {
  test('duplicated rows only (60 copies of one run): duplicate-rows-only and, from the real fit, degenerate-interval', () => {
    const rows = fixture('duplicated.csv');
    const fit = fitChinchilla(rows, { bootstrap: 20, seed: 1 });
    const ds = fitDiagnostics(rows, FREE, fit); // a FitResult is a FitSummary
    expect(byCode(ds, 'duplicate-rows-only')[0].severity).toBe('error');
    const deg = byCode(ds, 'degenerate-interval')[0];
    expect(deg.severity).toBe('error');
    expect(deg.parameters).toEqual(FREE);
    expect(byCode(ds, 'not-identifiable').flatMap((d) => d.parameters).sort()).toEqual(['A', 'B', 'alpha', 'beta']);
    expect(hasErrors(ds)).toBe(true);
  });

  test('one distinct N: not-identifiable naming alpha (and A), though the fit reports an interval for alpha', () => {
    const rows = fixture('constant-n.csv');
    const fit = fitChinchilla(rows, { bootstrap: 20, seed: 1 });
    expect(fit.params.alpha.ci).not.toBeNull();
    const ds = fitDiagnostics(rows, FREE, fit); // a FitResult is a FitSummary
    const d = byCode(ds, 'not-identifiable');
    expect(d).toHaveLength(1);
    expect(d[0]).toMatchObject({ severity: 'error', parameters: ['alpha', 'A'] });
    expect(d[0].message).toMatch(/^1 distinct N value \(1\.000e\+9\)/);
    // alpha fixed (not free): nothing to identify in the N term
    expect(byCode(fitDiagnostics(rows, ['E', 'B', 'beta']), 'not-identifiable')).toEqual([]);
  });

  test('two distinct N with E free: alpha, A still not identifiable; with A fixed, alpha is', () => {
    const rows = fixture('two-n.csv');
    expect(byCode(fitDiagnostics(rows, FREE), 'not-identifiable')[0].parameters).toEqual(['alpha', 'A']);
    expect(byCode(fitDiagnostics(rows, ['E', 'B', 'alpha', 'beta']), 'not-identifiable')).toEqual([]);
  });

  test('less than one decade in N: narrow-range warning naming alpha', () => {
    const ds = fitDiagnostics(fixture('narrow-range.csv'), FREE);
    expect(ds).toHaveLength(1);
    expect(ds[0]).toMatchObject({ code: 'narrow-range', severity: 'warning', parameters: ['alpha', 'A'] });
    expect(ds[0].message).toMatch(/^N spans 0\.4\d decades/);
  });

  test(`fewer rows than ${MIN_ROWS_PER_PARAMETER} per free parameter: warning; no more rows than parameters: error`, () => {
    const eight = fitDiagnostics(fixture('eight-rows.csv'), FREE);
    expect(byCode(eight, 'too-few-rows')[0]).toMatchObject({ severity: 'warning' });
    expect(byCode(eight, 'too-few-rows')[0].message).toMatch(/8 distinct rows for 5 free parameters: fewer than the stated minimum of 5 per free parameter \(25\)/);
    const five = fitDiagnostics(fixture('five-rows.csv'), FREE);
    expect(byCode(five, 'too-few-rows')[0]).toMatchObject({ severity: 'error' });
    expect(hasErrors(five)).toBe(true);
  });

  test('optimiser starts that end at close objectives and different parameters: starts-disagree', () => {
    const s = JSON.parse(readFileSync('test/fixtures/fit/starts-disagree.json', 'utf8')) as FitSummary;
    const real = parseObservations(readFileSync('data/kyo-takano-chinchilla/df.csv', 'utf8'));
    const ds = fitDiagnostics(real, FREE, s);
    expect(ds).toHaveLength(1);
    expect(ds[0]).toMatchObject({ code: 'starts-disagree', severity: 'warning', parameters: ['A', 'alpha'] });
    expect(ds[0].message).toMatch(/2 of 3 optimiser starts/);
  });

  test('an out-of-domain budget is an error naming it', () => {
    expect(() => extrapolationDecades(fixture('eight-rows.csv'), -5)).toThrow(/budget = -5 is outside the domain/);
  });
});
