// PLRF numerics benchmarks (issue 4): each figure printed next to its target. Wall time and process CPU
// time are both shown: the CI machine is shared, so CPU time is the fairer figure.
//   npm run bench -- plrf        (PLRF_BENCH_MLMATRIX_1000=1 also times ml-matrix's eigensolver at d = 1000, ~10 s)
import { plrfTheory } from '../src/models/plrf.js';
import { resolveParams } from '../src/numeric/plrf/setup.js';
import { deterministicSpectrum } from '../src/numeric/plrf/deterministic.js';
import { sampledSpectrum, sampleCovariance } from '../src/numeric/plrf/spectrum.js';
import { symmetricEigenProjected } from '../src/numeric/plrf/eigen.js';
import { lossAtSteps, logStepGrid } from '../src/numeric/plrf/recursion.js';
import { sgdEigenbasis } from '../src/numeric/plrf/sgd.js';
import { plrfFrontierCurves, fitPlrfFrontier } from '../src/numeric/plrf/frontier.js';
import { Matrix, EigenvalueDecomposition } from 'ml-matrix';

function timed<T>(fn: () => T): { value: T; wall: number; cpu: number } {
  const w0 = performance.now();
  const c0 = process.cpuUsage();
  const value = fn();
  const c = process.cpuUsage(c0);
  return { value, wall: (performance.now() - w0) / 1000, cpu: (c.user + c.system) / 1e6 };
}

function report(name: string, t: { wall: number; cpu: number }, target: number): void {
  const ok = t.cpu <= target ? 'ok' : 'OVER';
  console.log(`${name.padEnd(58)} wall ${t.wall.toFixed(2).padStart(6)} s  cpu ${t.cpu.toFixed(2).padStart(6)} s   target <= ${target} s  ${ok}`);
}

const mb = (b: number) => (b / 2 ** 20).toFixed(1) + ' MB';

// 1. deterministic curve, d = 1e4, 200 points up to r = 1e8
{
  const p = resolveParams({ alpha: 0.7, beta: 1.2, d: 10_000 });
  const ab0 = process.memoryUsage().arrayBuffers;
  const t = timed(() => lossAtSteps(deterministicSpectrum(p), logStepGrid(1e8, 200), { lr: p.lr, batch: p.batch }));
  report('deterministic curve, d = 1e4, 200 points to r = 1e8', t, 1);
  console.log(`   typed-array memory after: +${mb(process.memoryUsage().arrayBuffers - ab0)} (no d x d matrix: a d x d Float64 matrix would be ${mb(8 * 1e8)})`);
}

// 2. volterra, d = 1000 (covariance, eigendecomposition, recursion); the eigensolver chosen by measurement
{
  const p = resolveParams({ alpha: 0.7, beta: 1.2, d: 1000 });
  const cov = timed(() => sampleCovariance(p, 1));
  const eig = timed(() => symmetricEigenProjected(cov.value.sigma, p.d, cov.value.c));
  const all = timed(() => lossAtSteps(sampledSpectrum(p, 1), logStepGrid(1e8, 200), { lr: p.lr, batch: p.batch }));
  report('volterra curve, d = 1000, v = 4d (all)', all, 3);
  console.log(`   of which W^T D W (v d^2/2 multiply-adds): wall ${cov.wall.toFixed(2)} s, cpu ${cov.cpu.toFixed(2)} s; eigenvalues + projections: wall ${eig.wall.toFixed(2)} s, cpu ${eig.cpu.toFixed(2)} s`);
  for (const n of [300, 500, ...(process.env.PLRF_BENCH_MLMATRIX_1000 ? [1000] : [])]) {
    const q = resolveParams({ alpha: 0.7, beta: 1.2, d: n });
    const { sigma, c } = sampleCovariance(q, 2);
    const M = new Matrix(n, n);
    for (let i = 0; i < n; i++) for (let j = 0; j <= i; j++) M.set(i, j, sigma[i * n + j]), M.set(j, i, sigma[i * n + j]);
    const ml = timed(() => new EigenvalueDecomposition(M, { assumeSymmetric: true }));
    const own = timed(() => symmetricEigenProjected(sigma, n, c));
    console.log(`   eigensolver at n = ${n}: ml-matrix (full eigenvectors) cpu ${ml.cpu.toFixed(2)} s vs own (values + projections) cpu ${own.cpu.toFixed(2)} s`);
  }
  console.log(`   peak memory for volterra at d = 4000 (computed): Sigma ${mb(8 * 4000 * 4000)} + O(16 d) buffers; W is never stored (rows drawn on the fly)`);
}

// 3. sgd, d = 500, 1e5 steps, one run
{
  const p = resolveParams({ alpha: 0.7, beta: 1.2, d: 500 });
  const spec = sampledSpectrum(p, 1);
  const t = timed(() => sgdEigenbasis(spec, logStepGrid(1e5, 100), { lr: p.lr, batch: p.batch, runs: 1, seed: 1 }));
  report('sgd, d = 500, 1e5 steps, one run (after the eigendecomposition)', t, 30);
}

// 4. frontier at (0.7, 0.7), d = 200..12800 (7 sizes), deterministic
{
  const t = timed(() => fitPlrfFrontier(plrfFrontierCurves({ alpha: 0.7, beta: 0.7, theory: plrfTheory({ alpha: 0.7, beta: 0.7 }), method: 'deterministic', dGrid: [200, 400, 800, 1600, 3200, 6400, 12800] }), 2));
  report('frontier (0.7, 0.7), d = 200..12800 (7 sizes), deterministic', t, 10);
  const f = t.value.fit;
  console.log(`   approach 2: xi = ${f.xi.value.toFixed(3)} [${f.xi.ci.map((x) => x.toFixed(3))}], eta = ${f.eta.value.toFixed(3)} [${f.eta.ci.map((x) => x.toFixed(3))}], window ${f.window!.map((x) => x.toExponential(1)).join('..')}`);
}
