// The random-feature dynamical model through the generic engine: regimes, compute-optimal exponents and
// single-variable bottlenecks against the reference's formulas (transcribed by hand below from
// ../shared/reference/random-features.md §3.1, §3.3, §4.1, §4.4; not from theory/rf-dynamics.yaml), the
// exponents/phase/explain/diagram commands, bad input, and the PLRF output left unchanged.
import { describe, expect, beforeAll, it } from 'vitest';
import { test, fc } from '@fast-check/vitest';
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Model } from '../src/engine/model.js';
import { bottlenecksAt } from '../src/engine/bottleneck.js';
import { rfDynamics } from '../src/models/builtin.js';
import { variantTheory } from '../src/engine/variant.js';

const model = new Model(rfDynamics);
const ensemble = new Model(variantTheory(rfDynamics, 'ensemble')!);

// §4.1 eq.17 with m = a - 1 [paper] (hard, a-1 < b); §4.4 [derived] (easy, a-1 > b)
const hard = (a: number, b: number) => ({ N: 1 / (1 + b), t: b / (1 + b), loss: (a - 1) / (1 + b) });
const easy = (a: number, b: number) => ({ N: (a - b) / a, t: b / a, loss: (a - 1) / a });
// §3.1 [paper] and the §3.3 correction [derived]
const bottleneck = (a: number, b: number) => ({ time: (a - 1) / b, width: Math.min(a - 1, b), data: Math.min(a - 1, 2 * b) });

const close = (x: number, y: number, tol = 1e-9) => Math.abs(x - y) <= tol * (1 + Math.abs(y));
const aArb = fc.double({ min: 1.001, max: 6, noNaN: true });
const bArb = fc.double({ min: 1.001, max: 3, noNaN: true });

beforeAll(() => {
  for (const ph of rfDynamics.phases!) model.region({ phase: ph.name, piece: 0 });
  for (const ph of ensemble.theory.phases!) ensemble.region({ phase: ph.name, piece: 0 });
}, 60_000);

describe('compute-optimal exponents (engine) against the reference', () => {
  test.prop([aArb, bArb])('hard task a - 1 < b: eq.17 [paper]; easy task a - 1 > b: §4.4 [derived]', (a, b) => {
    fc.pre(Math.abs(a - 1 - b) > 1e-6);
    const r = model.exponents({ a, b });
    const want = a - 1 < b ? hard(a, b) : easy(a, b);
    expect(r.phase).toBe(a - 1 < b ? 'hard' : 'easy');
    for (const q of ['N', 't', 'loss'] as const) {
      expect(close(r.exponents[q].value!, want[q]), `${q} at a=${a}, b=${b}: ${r.exponents[q].value} vs ${want[q]}`).toBe(true);
    }
    expect(close(r.exponents.N.value! + r.exponents.t.value!, 1)).toBe(true); // C = N t
    expect(r.exponents.loss.provenance).toBe(a - 1 < b ? 'paper' : 'derived');
    expect(r.balance.terms).toEqual(a - 1 < b ? ['time', 'width'] : ['time', 'transient']);
  });

  test.prop([aArb, bArb])('bottlenecks: time (a-1)/b, width min(a-1,b), data min(a-1,2b)', (a, b) => {
    fc.pre(Math.abs(a - 1 - b) > 1e-6 && Math.abs(a - 1 - 2 * b) > 1e-6);
    const got = bottlenecksAt(model, { a, b });
    const want = bottleneck(a, b);
    for (const k of ['time', 'width', 'data'] as const) expect(close(got[k].value, want[k]), `${k}: ${got[k].value} vs ${want[k]}`).toBe(true);
    expect(got.width.provenance).toBe(a - 1 < b ? 'paper' : 'derived');
  });

  test.prop([aArb, bArb], { numRuns: 60 })('--ensemble (bias loss): eq.17 with m = min(a-1, 2b) [paper] on the whole domain', (a, b) => {
    fc.pre(Math.abs(a - 1 - 2 * b) > 1e-6);
    const m = Math.min(a - 1, 2 * b);
    const r = ensemble.exponents({ a, b });
    expect(close(r.exponents.N.value!, (a - 1) / (a - 1 + b * m))).toBe(true);
    expect(close(r.exponents.t.value!, (b * m) / (a - 1 + b * m))).toBe(true);
    expect(close(r.exponents.loss.value!, ((a - 1) * m) / (a - 1 + b * m))).toBe(true);
    expect(r.exponents.loss.provenance).toBe('paper');
  });

  it('the regimes are exactly continuous on a - 1 = b (eq.17 = §4.4 there)', () => {
    const r = model.exponents({ a: 2.5, b: 1.5 });
    expect(r.phase).toBe('hard|easy');
    expect(r.exponents.loss.continuous).toBe(true);
    expect(r.exponents.loss.value).toBeCloseTo(0.6, 12);
  });

  it('closed forms are verified symbolically', () => {
    for (const p of [{ a: 1.5, b: 1.25 }, { a: 3.5, b: 1.5 }]) {
      const r = model.exponents(p);
      for (const q of ['N', 't', 'loss']) expect(r.exponents[q].verified).toBe('symbolic');
    }
  });

  it('rejects a <= 1 and b <= 1 naming the parameter', () => {
    expect(() => model.exponents({ a: 1, b: 1.5 })).toThrow(/a = 1 .*a > 1/);
    expect(() => model.exponents({ a: 2, b: 0.9 })).toThrow(/b = 0.9 .*b > 1/);
  });
});

const cli = (args: string[]) => spawnSync('node', ['bin/scaling-theory.js', ...args], { encoding: 'utf8' });

describe('command line', () => {
  it('exponents --json at (1.5, 1.25): keys and values of the issue contract', () => {
    const out = JSON.parse(execFileSync('node', ['bin/scaling-theory.js', 'exponents', '--model', 'rf-dynamics', '--a', '1.5', '--b', '1.25', '--json'], { encoding: 'utf8' }));
    for (const q of ['N', 't', 'loss']) {
      for (const k of ['value', 'expr', 'latex', 'provenance']) expect(out.exponents[q]).toHaveProperty(k);
    }
    expect(out.exponents.N.value).toBeCloseTo(1 / 2.25, 12);
    expect(out.exponents.t.value).toBeCloseTo(1.25 / 2.25, 12);
    expect(out.exponents.loss.value).toBeCloseTo(0.5 / 2.25, 12);
    expect(out.exponents.bottleneck.time.value).toBeCloseTo(0.4, 12);
    expect(out.exponents.bottleneck.width.value).toBeCloseTo(0.5, 12);
    expect(out.exponents.bottleneck.data.value).toBeCloseTo(0.5, 12);
    expect(out.regime).toBe('hard');
    expect(out.balance.terms).toEqual(['time', 'width']);
  });

  it('exponents in the easy regime (3.5, 1.5) and the text output', () => {
    const out = JSON.parse(cli(['exponents', '--model', 'rf-dynamics', '--a', '3.5', '--b', '1.5', '--json']).stdout);
    expect(out.regime).toBe('easy');
    expect(out.exponents.loss.value).toBeCloseTo(2.5 / 3.5, 12);
    expect(out.exponents.bottleneck.width.value).toBeCloseTo(1.5, 12);
    const text = cli(['exponents', '--model', 'rf-dynamics', '--a', '3.5', '--b', '1.5']).stdout;
    expect(text).toMatch(/bottlenecks/);
    expect(text).toMatch(/\(a - 1\)\/a/);
  });

  it('exponents --ensemble: the paper\'s eq.17, easy tasks included', () => {
    const out = JSON.parse(cli(['exponents', '--model', 'rf-dynamics', '--a', '3.5', '--b', '1.5', '--ensemble', '--json']).stdout);
    expect(out.model).toBe('rf-dynamics~ensemble');
    expect(out.exponents.loss.value).toBeCloseTo(1, 12); // (a-1)/(1+b) = 2.5/2.5
    expect(out.exponents.bottleneck.width.value).toBeCloseTo(2.5, 12); // min(a-1, 2b)
    const bad = cli(['exponents', '--model', 'plrf', '--alpha', '0.7', '--beta', '1.2', '--ensemble']);
    expect(bad.status).toBe(2);
    expect(bad.stderr).toMatch(/no ensemble variant/);
  });

  it('phase and explain work through the generic engine', () => {
    const ph = JSON.parse(cli(['phase', '--model', 'rf-dynamics', '--a', '1.5', '--b', '1.25', '--json']).stdout);
    expect(ph.phase).toBe('hard');
    const ex = cli(['explain', '--model', 'rf-dynamics', '--a', '4', '--b', '2']);
    expect(ex.status).toBe(0);
    expect(ex.stdout).toMatch(/active: time = transient/);
    expect(ex.stdout).toMatch(/data ~ P\^\(-\(a - 1\)\).*vanishes at the compute optimum, P -> inf/);
  });

  it('diagram draws the (a, b) regime map', () => {
    const file = join(mkdtempSync(join(tmpdir(), 'rf-')), 'map.svg');
    const r = cli(['diagram', '--model', 'rf-dynamics', '--out', file, '--resolution', '40']);
    expect(r.status).toBe(0);
    const svg = readFileSync(file, 'utf8');
    expect(svg).toMatch(/<svg/);
    expect(svg).toMatch(/hard/);
    expect(svg).toMatch(/easy/);
  }, 30_000);

  it.each([
    [['--a', '1', '--b', '1.5'], /a = 1\b.*a > 1/],
    [['--a', '2', '--b', '1'], /b = 1\b.*b > 1/],
    [['--a', 'abc', '--b', '1.5'], /--a = 'abc' is not a finite number/],
    [['--a', 'NaN', '--b', '1.5'], /--a = 'NaN'/],
  ])('bad input %j: exit 2, named parameter, nothing on stdout', (extra, msg) => {
    const r = cli(['exponents', '--model', 'rf-dynamics', ...extra, '--json']);
    expect(r.status).toBe(2);
    expect(r.stderr).toMatch(msg);
    expect(r.stdout).toBe('');
  });

  it('PLRF output keeps its shape (no bottleneck or regime keys)', () => {
    const out = JSON.parse(cli(['exponents', '--model', 'plrf', '--alpha', '0.7', '--beta', '1.2', '--json']).stdout);
    expect(out.phase).toBe('III');
    expect(out.exponents.eta.value).toBeCloseTo(1 - 1 / 2.8, 12);
    expect(out).not.toHaveProperty('regime');
    expect(out.exponents).not.toHaveProperty('bottleneck');
  });
});
