// `scaling-theory curve --model rf-dynamics`: the JSON contract of issue 5, CSV, plot, ensemble, the
// truncation statement, the seeded simulation, and bad input (exit 2, named parameter, nothing on stdout).
import { describe, expect, it } from 'vitest';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const cli = (args: string[]) => spawnSync('node', ['bin/scaling-theory.js', 'curve', '--model', 'rf-dynamics', ...args], { encoding: 'utf8' });
const base = ['--a', '1.5', '--b', '1.25'];

describe('curve --model rf-dynamics', () => {
  it('theory JSON: t, loss, trainLoss, method, params, provenance; untruncated by default', () => {
    const r = cli([...base, '--N', '100', '--P', '300', '--time', '100', '--points', '5', '--json']);
    expect(r.status, r.stderr).toBe(0);
    const j = JSON.parse(r.stdout);
    for (const k of ['t', 'loss', 'trainLoss', 'method', 'params', 'provenance']) expect(j).toHaveProperty(k);
    expect(j.method).toBe('theory');
    expect(j.params).toMatchObject({ a: 1.5, b: 1.25, N: 100, P: 300 });
    expect(j.t).toHaveLength(5);
    expect(j.t[4]).toBe(100);
    expect(j.spectrum.kind).toBe('untruncated');
    expect(j.provenance.tag).toBe('derived');
    expect(j.lossKind).toMatch(/single model/);
    // train-test gap and the width rates are part of the output
    j.gap.forEach((g: number, i: number) => expect(g).toBeCloseTo(j.loss[i] - j.trainLoss[i], 12));
    expect(j.widthRates.late.exponent).toBeCloseTo(0.5, 12);
    expect(j.widthRates.late.paperExponent).toBeCloseTo(0.5, 12);
    expect(j.widthRates.NTimesExcess).toHaveLength(5);
    // the loss falls at first, then rises (overfitting, data reuse) towards the final value of §2.5 (0.5826 at M = 2000;
    // the untruncated spectrum has a larger final loss)
    expect(j.loss[2]).toBeLessThan(j.loss[0]);
  }, 30_000);

  it('--modes M states the truncation and reproduces the reference golden value L(10) at (100, 300)', () => {
    const j = JSON.parse(cli([...base, '--N', '100', '--P', '300', '--time', '10', '--points', '2', '--modes', '2000', '--json']).stdout);
    expect(j.spectrum.kind).toBe('truncated');
    expect(j.spectrum.text).toMatch(/M = 2000/);
    expect(Math.abs(j.loss[1] - 0.629606) / 0.629606).toBeLessThan(3e-5); // reference §8.5
  }, 30_000);

  it('--ensemble gives the bias Lbias (reference §8.5: 0.538207 at t = 10) below the single-model loss', () => {
    const j = JSON.parse(cli([...base, '--N', '100', '--P', '300', '--time', '10', '--points', '2', '--modes', '2000', '--ensemble', '--json']).stdout);
    expect(j.loss[1]).toBeCloseTo(0.538207, 5);
    expect(j.singleModelLoss[1]).toBeGreaterThan(j.loss[1]);
    expect(j.lossKind).toMatch(/ensemble/);
  }, 30_000);

  it('simulate: seeded (same seed, same numbers), records seed and runs, GD steps', () => {
    const args = [...base, '--N', '32', '--P', '64', '--steps', '50', '--points', '4', '--method', 'simulate', '--runs', '2', '--seed', '7', '--modes', '300', '--json'];
    const x = JSON.parse(cli(args).stdout), y = JSON.parse(cli(args).stdout);
    expect(x.loss).toEqual(y.loss);
    expect(x.seed).toBe(7);
    expect(x.runs).toBe(2);
    expect(x.units).toMatch(/steps/);
    expect(x.time[x.time.length - 1]).toBeCloseTo(25, 12); // lr 0.5 x 50 steps
    const z = JSON.parse(cli(args.map((s) => (s === '7' ? '8' : s))).stdout);
    expect(z.loss).not.toEqual(x.loss);
  }, 60_000);

  it('CSV and plot', () => {
    const csv = cli([...base, '--N', '50', '--P', '100', '--time', '10', '--points', '3', '--csv']).stdout.trim().split('\n');
    expect(csv[1]).toBe('t,loss,trainLoss,gap');
    expect(csv).toHaveLength(5);
    const file = join(mkdtempSync(join(tmpdir(), 'rf-')), 'c.svg');
    const r = cli([...base, '--N', '50', '--P', '100', '--time', '10', '--points', '3', '--plot', file]);
    expect(r.status, r.stderr).toBe(0);
    expect(readFileSync(file, 'utf8')).toMatch(/<svg/);
  }, 60_000);

  it.each([
    [['--a', '1', '--b', '1.25', '--N', '10', '--P', '10', '--time', '5'], /a = 1\b.*a > 1/],
    [['--a', '1.5', '--b', '0.5', '--N', '10', '--P', '10', '--time', '5'], /b = 0.5.*b > 1/],
    [[...base, '--N', '0', '--P', '10', '--time', '5'], /--N = 0 .*N >= 1/],
    [[...base, '--N', '10', '--P', '0.5', '--time', '5'], /--P = 0.5 .*P >= 1/],
    [[...base, '--N', 'x', '--P', '10', '--time', '5'], /--N = 'x' is not a finite number/],
    [[...base, '--N', '10', '--P', '10'], /exactly one of --time/],
    [[...base, '--N', '10', '--P', '10', '--time', '-1'], /--time = -1/],
    [[...base, '--N', '10', '--P', '10', '--time', '5', '--method', 'magic'], /--method = 'magic'/],
    [[...base, '--N', '10.5', '--P', '10', '--time', '5', '--method', 'simulate'], /--N = 10.5 must be an integer/],
    [[...base, '--N', '10', '--P', '10', '--steps', '5', '--lr', '50', '--method', 'simulate', '--modes', '50', '--runs', '1'], /--lr = 50 but lr must be < 2\/g_max/],
  ])('bad input %j: exit 2', (args, msg) => {
    const r = cli(args);
    expect(r.status).toBe(2);
    expect(r.stderr).toMatch(msg);
    expect(r.stdout).toBe('');
    expect(r.stderr).not.toMatch(/NaN|Infinity/);
  }, 30_000);
});
