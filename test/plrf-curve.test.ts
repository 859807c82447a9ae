// PLRF loss curves (src/numeric/plrf, `scaling-theory curve --model plrf`): the eigen kernel against
// ml-matrix and basis-free identities; the per-mode recursion against a direct solution of the Volterra
// equation (10); Monte-Carlo SGD against the Volterra curve of the same W; the deterministic equivalent
// against sampled spectra as d grows; the working estimate against the deterministic curve; constants
// against the reference's anchors; and the command line (JSON contract, bad input, reproducibility).
import { getModel } from '../src/models/registry.js';
import { describe, expect, it } from 'vitest';
import { test, fc } from '@fast-check/vitest';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Matrix, EigenvalueDecomposition } from 'ml-matrix';
import { symmetricEigenProjected } from '../src/numeric/plrf/eigen.js';
import { resolveParams } from '../src/numeric/plrf/setup.js';
import { sampledSpectrum, sampleCovariance, kernelNorm, gMinusOne, type SpectralInput } from '../src/numeric/plrf/spectrum.js';
import { deterministicSpectrum, tauRoot } from '../src/numeric/plrf/deterministic.js';
import { lossAtSteps, logStepGrid } from '../src/numeric/plrf/recursion.js';
import { sgdEigenbasis, sgdDirect } from '../src/numeric/plrf/sgd.js';
import { asymptoticLoss } from '../src/numeric/plrf/asymptotic.js';
import { zeta, kappaInfinite, kappa } from '../src/numeric/plrf/constants.js';
import { createRng } from '../src/numeric/rng.js';

const CLI = 'bin/scaling-theory.js';
function cli(args: string[]) {
  const r = spawnSync('node', [CLI, ...args], { encoding: 'utf8' });
  return { code: r.status, out: r.stdout, err: r.stderr };
}

/** The Volterra equation (10) solved by direct convolution: P(r) = F(r) + sum_{s<r} K(r-1-s) P(s). O(R^2 d). */
function volterraDirect(spec: SpectralInput, lr: number, batch: number, R: number): Float64Array {
  const n = spec.lambda.length;
  const g = Array.from(spec.lambda, (l) => 1 + gMinusOne(l, lr, batch));
  const F = new Float64Array(R + 1), K = new Float64Array(R + 1);
  for (let t = 0; t <= R; t++) {
    let f = spec.F0, k = 0;
    for (let i = 0; i < n; i++) {
      const gt = Math.pow(g[i], t);
      f += spec.rho[i] * gt;
      k += lr * lr * batch * spec.lambda[i] ** 2 * gt;
    }
    F[t] = f;
    K[t] = k;
  }
  const P = new Float64Array(R + 1);
  for (let r = 0; r <= R; r++) {
    let s = F[r];
    for (let q = 0; q < r; q++) s += K[r - 1 - q] * P[q];
    P[r] = s;
  }
  return P;
}

describe('eigen kernel (Householder + QL with projections)', () => {
  test.prop([fc.integer({ min: 1, max: 40 }), fc.integer({ min: 0, max: 1e6 })], { numRuns: 40 })(
    'eigenvalues equal ml-matrix, and the projections satisfy sum y^2 = |c|^2, sum lambda y^2 = c^T A c, sum lambda^2 y^2 = |A c|^2',
    (n, seed) => {
      const rng = createRng(seed, 0);
      const A = new Float64Array(n * n), c = new Float64Array(n);
      for (let i = 0; i < n; i++) {
        c[i] = rng.normal();
        for (let j = 0; j <= i; j++) A[i * n + j] = A[j * n + i] = rng.normal() / (1 + i + j);
      }
      const M = new Matrix(n, n);
      for (let i = 0; i < n; i++) for (let j = 0; j < n; j++) M.set(i, j, A[i * n + j]);
      const ref = new EigenvalueDecomposition(M, { assumeSymmetric: true }).realEigenvalues.slice().sort((a, b) => b - a);
      const { values, projections } = symmetricEigenProjected(A.slice(), n, c);
      const scale = Math.max(...ref.map(Math.abs), 1e-300);
      ref.forEach((v, k) => expect(Math.abs(values[k] - v)).toBeLessThanOrEqual(1e-12 * scale * n));
      let s0 = 0, s1 = 0, s2 = 0, c2 = 0, cac = 0, ac2 = 0;
      for (let k = 0; k < n; k++) {
        s0 += projections[k] ** 2;
        s1 += values[k] * projections[k] ** 2;
        s2 += values[k] ** 2 * projections[k] ** 2;
      }
      for (let i = 0; i < n; i++) {
        c2 += c[i] ** 2;
        let ai = 0;
        for (let j = 0; j < n; j++) ai += A[i * n + j] * c[j];
        cac += c[i] * ai;
        ac2 += ai * ai;
      }
      expect(Math.abs(s0 - c2)).toBeLessThanOrEqual(1e-11 * c2);
      expect(Math.abs(s1 - cac)).toBeLessThanOrEqual(1e-11 * c2 * scale);
      expect(Math.abs(s2 - ac2)).toBeLessThanOrEqual(1e-11 * c2 * scale * scale);
    },
  );
});

describe('sampled spectrum and the loss recursion', () => {
  it('W^T D W from the blocked accumulation equals sum_j lambda_j w_j w_j^T with W drawn as sgdDirect draws it', () => {
    const p = resolveParams({ alpha: 0.8, beta: 0.9, d: 7, v: 23 });
    const { sigma, c } = sampleCovariance(p, 5);
    const rng = createRng(5, 1);
    const row = new Float64Array(7);
    const S = new Float64Array(49), cc = new Float64Array(7);
    for (let j = 1; j <= 23; j++) {
      rng.normals(row);
      const w = Array.from(row, (x) => x / Math.sqrt(7));
      for (let a = 0; a < 7; a++) {
        cc[a] += j ** (-1.6) * j ** -0.9 * w[a];
        for (let b = 0; b <= a; b++) S[a * 7 + b] += j ** -1.6 * w[a] * w[b];
      }
    }
    for (let a = 0; a < 7; a++) {
      expect(c[a]).toBeCloseTo(cc[a], 12);
      for (let b = 0; b <= a; b++) expect(sigma[a * 7 + b]).toBeCloseTo(S[a * 7 + b], 12);
    }
  });

  test.prop([fc.double({ min: 0.3, max: 1.4, noNaN: true }), fc.double({ min: 0, max: 1.4, noNaN: true }), fc.integer({ min: 8, max: 40 })], { numRuns: 6 })(
    'the per-mode recursion reproduces the Volterra equation solved by convolution: exact steps to 1e-10; default blocks (1% of r after step 1000) to 1e-4; 2% blocks from step 20 to 5e-4',
    (alpha, beta, d) => {
      fc.pre(2 * alpha + 2 * beta > 1.1);
      const p = resolveParams({ alpha, beta, d });
      const spec = sampledSpectrum(p, 1);
      const R = 4000;
      const direct = volterraDirect(spec, p.lr, p.batch, R);
      const steps = logStepGrid(R, 30);
      const exact = lossAtSteps(spec, steps, { lr: p.lr, batch: p.batch, exactSteps: R });
      const byDefault = lossAtSteps(spec, steps, { lr: p.lr, batch: p.batch });
      // the reference's end-point block rule reaches ~0.05% (plrf.md §2.3); ours interpolates P linearly
      // across a block (second order): measured <= 3e-6 (default) and <= 5e-5 (2% blocks) on sampled points
      const coarse = lossAtSteps(spec, steps, { lr: p.lr, batch: p.batch, exactSteps: 20, blockFraction: 0.02 });
      steps.forEach((r, i) => {
        expect(Math.abs(exact[i] / direct[r] - 1)).toBeLessThan(1e-10);
        expect(Math.abs(byDefault[i] / direct[r] - 1)).toBeLessThan(1e-4);
        expect(Math.abs(coarse[i] / direct[r] - 1)).toBeLessThan(5e-4);
      });
    },
    30_000,
  );

  it('rho_k and F0 add up to P(0), F0 >= 0, kernel norm below 1 with the trace-rule learning rate', () => {
    const p = resolveParams({ alpha: 0.7, beta: 1.2, d: 60 });
    const s = sampledSpectrum(p, 2);
    const sum = s.rho.reduce((a, b) => a + b, 0);
    expect(Math.abs(sum + s.F0 - s.P0)).toBeLessThan(1e-12 * s.P0);
    expect(s.F0).toBeGreaterThan(0);
    expect(kernelNorm(s, p.lr, p.batch)).toBeLessThan(1);
  });
});

describe('Monte-Carlo SGD against the Volterra curve of the same W', () => {
  // Tolerance: the Volterra curve is the exact expectation given W (plrf.md §2.1), so the run mean differs
  // from it only by Monte-Carlo error; we allow 4 standard errors (std/sqrt(runs)) at every time point,
  // plus 0.5% for the block recursion. With 400 runs at d = 80 that is a few per cent.
  test.prop([fc.double({ min: 0.55, max: 1.3, noNaN: true }), fc.double({ min: 0.1, max: 1.3, noNaN: true })], { numRuns: 2 })(
    'eigenbasis SGD, 400 runs, d = 80: mean within 4 standard errors of Volterra at every time point',
    (alpha, beta) => {
      const p = resolveParams({ alpha, beta, d: 80 });
      const spec = sampledSpectrum(p, 11);
      const steps = logStepGrid(1000, 20);
      const vol = lossAtSteps(spec, steps, { lr: p.lr, batch: p.batch });
      const runs = 400;
      const { mean, std } = sgdEigenbasis(spec, steps, { lr: p.lr, batch: p.batch, runs, seed: 3 });
      steps.forEach((_, i) => expect(Math.abs(mean[i] - vol[i])).toBeLessThanOrEqual((4 * std[i]) / Math.sqrt(runs) + 5e-3 * vol[i]));
    },
    60_000,
  );

  it('the literal SGD of plrf.md §1 (x in R^v, W stored, B = 3) agrees with Volterra for the same W (d = 16, v = 64)', { timeout: 60_000 }, () => {
    const p = resolveParams({ alpha: 0.8, beta: 0.7, d: 16, batch: 3 });
    const spec = sampledSpectrum(p, 4);
    const steps = logStepGrid(100, 10);
    const vol = lossAtSteps(spec, steps, { lr: p.lr, batch: p.batch });
    const runs = 400;
    const { mean, std } = sgdDirect(p, 4, steps, { lr: p.lr, batch: p.batch, runs, seed: 9 });
    steps.forEach((_, i) => expect(Math.abs(mean[i] - vol[i])).toBeLessThanOrEqual((4 * std[i]) / Math.sqrt(runs)));
  });
});

describe('deterministic equivalent', () => {
  it('tau root: sum_j tau lambda_j/(1 + tau lambda_j) = d; kappa(0.8) = 0.2993 (plrf.md §2.2); zeta(2) = pi^2/6', () => {
    const lambda = Float64Array.from({ length: 4000 }, (_, j) => (j + 1) ** -1.4);
    const tau = tauRoot(lambda, 1000);
    expect(lambda.reduce((s, l) => s + (tau * l) / (1 + tau * l), 0)).toBeCloseTo(1000, 6);
    expect(kappaInfinite(0.8)).toBeCloseTo(0.2993, 4);
    expect(kappa(0.8, 1e7)).toBeCloseTo(0.2993, 3);
    // kappa for finite v/d equals tau / d^(2 alpha) at large d (the definition of kappa, plrf.md §2.2)
    expect(tau / 1000 ** 1.4).toBeCloseTo(kappa(0.7, 4), 2);
    expect(zeta(2)).toBeCloseTo(Math.PI ** 2 / 6, 13);
    expect(zeta(1.4)).toBeCloseTo(3.1055472779775, 9);
  });

  test.prop([fc.double({ min: 0.3, max: 1.5, noNaN: true }), fc.double({ min: -0.2, max: 1.5, noNaN: true }), fc.integer({ min: 50, max: 3000 })], { numRuns: 8 })(
    'counts d eigenvalues and all of the mass P(0) - F0 before normalisation (within 1%)',
    (alpha, beta, d) => {
      fc.pre(2 * alpha + 2 * beta > 1.1);
      const s = deterministicSpectrum(resolveParams({ alpha, beta, d }));
      expect(Math.abs(s.info.rawCount / d - 1)).toBeLessThan(0.01);
      expect(Math.abs(s.info.rawMassRatio - 1)).toBeLessThan(0.01);
      for (let k = 1; k < d; k++) expect(s.lambda[k]).toBeLessThanOrEqual(s.lambda[k - 1]);
    },
    60_000,
  );

  it('handles d = 1e5 (v = 4e5) without a d x d matrix: d eigenvalues, all the mass, a decreasing curve', { timeout: 60_000 }, () => {
    const p = resolveParams({ alpha: 0.7, beta: 1.2, d: 100_000 });
    const s = deterministicSpectrum(p);
    expect(Math.abs(s.info.rawCount / p.d - 1)).toBeLessThan(0.01);
    expect(Math.abs(s.info.rawMassRatio - 1)).toBeLessThan(0.01);
    const L = lossAtSteps(s, logStepGrid(1e9, 30), { lr: p.lr, batch: p.batch });
    for (let i = 1; i < L.length; i++) expect(L[i]).toBeLessThanOrEqual(L[i - 1] * (1 + 1e-12));
    // the plateau is F0/(1 - ||K||) (plrf.md §2.1)
    expect(L[L.length - 1] / (s.F0 / (1 - kernelNorm(s, p.lr, p.batch)))).toBeCloseTo(1, 3);
  });

  it('volterra approaches deterministic as d grows: seed-averaged curves, rms log-ratio at d = 256 below d = 32 and below 0.06', { timeout: 90_000 }, () => {
    // single draws of W fluctuate (F0 by ~30% at d = 100, plrf.md §2.2 quotes 3-8% at d = 400-800), so each
    // volterra curve is averaged over 8 seeds before the comparison
    const steps = logStepGrid(1e6, 25);
    for (const [alpha, beta] of [[0.7, 1.2], [0.7, 0.3]]) {
      const rms = [32, 256].map((d) => {
        const p = resolveParams({ alpha, beta, d });
        const det = lossAtSteps(deterministicSpectrum(p), steps, { lr: p.lr, batch: p.batch });
        const mean = new Float64Array(steps.length);
        for (let s = 0; s < 8; s++) lossAtSteps(sampledSpectrum(p, s), steps, { lr: p.lr, batch: p.batch }).forEach((x, i) => (mean[i] += x / 8));
        return Math.sqrt(steps.reduce((q, _, i) => q + Math.log(mean[i] / det[i]) ** 2, 0) / steps.length);
      });
      expect(rms[1], `(${alpha}, ${beta}): rms ${rms}`).toBeLessThan(rms[0]);
      expect(rms[1]).toBeLessThan(0.06);
    }
  });
});

describe('asymptotic working estimate', () => {
  // plrf.md §3: the estimate holds "up to constants" above the high-dimensional line for t >~ 1; the
  // reference measured ratios 0.45-1.4 at four points. The constants diverge at 2 beta = 1, 2 alpha = 1
  // and 2 alpha + 2 beta = 1, so the domain keeps 0.1 away from those lines; factor 4 allowed.
  test.prop([fc.double({ min: 0.6, max: 1.4, noNaN: true }), fc.oneof(fc.double({ min: 0, max: 0.4, noNaN: true }), fc.double({ min: 0.6, max: 1.5, noNaN: true }))], { numRuns: 5 })(
    'within a factor 4 of the deterministic curve for r = 10..1e8 at d = 800',
    (alpha, beta) => {
      fc.pre(2 * alpha + 2 * beta > 1.2);
      const p = resolveParams({ alpha, beta, d: 800 });
      const steps = logStepGrid(1e8, 40).filter((r) => r >= 10);
      const det = lossAtSteps(deterministicSpectrum(p), steps, { lr: p.lr, batch: p.batch });
      const est = asymptoticLoss(getModel('plrf'), p, steps).loss;
      steps.forEach((_, i) => {
        expect(est[i] / det[i]).toBeGreaterThan(0.25);
        expect(est[i] / det[i]).toBeLessThan(4);
      });
    },
    60_000,
  );
});

describe('curve --model plrf (command line)', () => {
  it('JSON contract for each method; sgd carries lossStd; the same seed gives identical output', { timeout: 60_000 }, () => {
    for (const method of ['asymptotic', 'deterministic', 'volterra', 'sgd']) {
      const args = ['curve', '--model', 'plrf', '--alpha', '0.7', '--beta', '1.2', '--d', '64', '--steps', '1000', '--points', '12', '--method', method, '--json'];
      const r = cli(args);
      expect(r.code, r.err).toBe(0);
      const j = JSON.parse(r.out);
      expect(j.method).toBe(method);
      expect(j.t[0]).toBe(1);
      expect(j.t[j.t.length - 1]).toBe(1000);
      expect(j.loss).toHaveLength(j.t.length);
      expect(j.kernelNorm).toBeGreaterThan(0);
      expect(j.kernelNorm).toBeLessThan(1);
      expect(j.params).toMatchObject({ alpha: 0.7, beta: 1.2, d: 64, v: 256, batch: 1 });
      expect(typeof j.provenance.tag).toBe('string');
      if (method === 'sgd') {
        expect(j.lossStd).toHaveLength(j.t.length);
        expect(j.params.seed).toBe(0);
      } else expect(j.lossStd).toBeUndefined();
      if (method === 'sgd' || method === 'volterra') expect(cli(args).out).toBe(r.out);
    }
    const a = cli(['curve', '--model', 'plrf', '--alpha', '0.7', '--beta', '1.2', '--d', '32', '--steps', '100', '--points', '5', '--method', 'sgd', '--runs', '3', '--seed', '5', '--json']);
    const b = cli(['curve', '--model', 'plrf', '--alpha', '0.7', '--beta', '1.2', '--d', '32', '--steps', '100', '--points', '5', '--method', 'sgd', '--runs', '3', '--seed', '6', '--json']);
    expect(JSON.parse(a.out).loss).not.toEqual(JSON.parse(b.out).loss);
  });

  it('--flops F gives R = F/(d B); --csv prints a header and K rows; --plot writes an SVG', () => {
    const r = cli(['curve', '--model', 'plrf', '--alpha', '0.7', '--beta', '1.2', '--d', '50', '--batch', '2', '--flops', '1e5', '--points', '6', '--method', 'deterministic', '--csv']);
    expect(r.code, r.err).toBe(0);
    const lines = r.out.trim().split('\n');
    expect(lines[0]).toBe('t,loss');
    expect(lines[lines.length - 1].split(',')[0]).toBe('1000');
    const dir = mkdtempSync(join(tmpdir(), 'plrf-curve-'));
    const f = join(dir, 'c.svg');
    const p = cli(['curve', '--model', 'plrf', '--alpha', '0.7', '--beta', '1.2', '--d', '50', '--steps', '1e4', '--method', 'volterra', '--runs', '2', '--plot', f]);
    expect(p.code).toBe(2); // --runs is sgd-only
    const q = cli(['curve', '--model', 'plrf', '--alpha', '0.7', '--beta', '1.2', '--d', '50', '--steps', '1e4', '--method', 'volterra', '--plot', f]);
    expect(q.code, q.err).toBe(0);
    expect(readFileSync(f, 'utf8')).toMatch(/^<svg/);
  });

  const base = ['curve', '--model', 'plrf', '--alpha', '0.7', '--beta', '1.2', '--d', '50', '--steps', '100', '--method', 'volterra'];
  const bad: Array<[string, string[], RegExp]> = [
    ['non-integer d', ['--d', '50.5'], /--d = 50.5/],
    ['tiny d', ['--d', '2'], /--d = 2 .*>= 4/],
    ['steps < 1', ['--steps', '0'], /--steps = 0/],
    ['negative learning rate', ['--lr', '-0.1'], /--lr = -0.1/],
    ['v < d', ['--v', '20'], /--v = 20/],
    ['inadmissible (alpha, beta)', ['--beta', '-0.3'], /beta/],
    ['alpha <= 0', ['--alpha', '-1'], /alpha/],
    ['kernel norm >= 1', ['--lr', '1.5'], /kernel norm/],
    ['unknown method', ['--method', 'magic'], /--method = 'magic'/],
    ['a flag of another model', ['--N', '5'], /--N is not an option of curve --model plrf/],
    ['volterra beyond d = 4000', ['--d', '5000'], /--d = 5000 with --method volterra/],
    ['asymptotic below the high-dimensional line', ['--alpha', '0.4', '--method', 'asymptotic'], /asymptotic needs 2\*alpha > 1/],
  ];
  for (const [name, extra, msg] of bad) {
    it(`bad input, ${name}: exit 2 naming the parameter`, () => {
      const args = [...base];
      for (let i = 0; i < extra.length; i += 2) {
        const at = args.indexOf(extra[i]);
        if (at >= 0) args[at + 1] = extra[i + 1];
        else args.push(extra[i], extra[i + 1]);
      }
      const r = cli(args);
      expect(r.code).toBe(2);
      expect(r.out).toBe('');
      expect(r.err).toMatch(msg);
    });
  }
  it('runs < 1 with sgd, and both --steps and --flops: exit 2', () => {
    expect(cli(['curve', '--model', 'plrf', '--alpha', '0.7', '--beta', '1.2', '--d', '50', '--steps', '100', '--method', 'sgd', '--runs', '0']).err).toMatch(/--runs = 0/);
    expect(cli([...base, '--flops', '1e6']).code).toBe(2);
  });
});
