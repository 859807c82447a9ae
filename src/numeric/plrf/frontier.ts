// Simulated compute frontier of PLRF (plrf.md §7): loss curves for each d of a grid (deterministic
// equivalent, exact Volterra for one seeded W, or Monte-Carlo SGD), mapped to flops f = d B r, resampled
// on one log-f grid and fitted by ../frontier.ts. The theory's xi, eta and phase are the engine's, passed
// in by the caller (src/models/plrf.ts), never restated or looked up here.
import { fitFrontier, resampleLogLog, type Approach, type FrontierFit } from '../frontier.js';
import { resolveParams, type PlrfParams } from './setup.js';
import { deterministicSpectrum } from './deterministic.js';
import { sampledSpectrum, kernelNorm, type SpectralInput } from './spectrum.js';
import { lossAtSteps, logStepGrid } from './recursion.js';
import { sgdEigenbasis } from './sgd.js';
import { DomainError } from '../../errors.js';

export type FrontierMethod = 'deterministic' | 'volterra' | 'sgd';

/** Default size grid: 100 .. 25600, doubling. With d* ~ f^(1/2) the interior 200..12800 spans 3.6 decades of flops. */
export const DEFAULT_D_GRID = [100, 200, 400, 800, 1600, 3200, 6400, 12800, 25600];
export const FLOPS_PER_DECADE = 20;

/** The engine's phase and exponents at the point (src/models/theory-entry.ts `theoryExponents`). */
export interface FrontierTheory {
  phase: string | null;
  xi: number | null;
  eta: number | null;
  provenance: { xi: string; eta: string };
}

export interface PlrfFrontierOptions {
  alpha: number;
  beta: number;
  /** the theory's exponents at (alpha, beta), reported next to the measured ones */
  theory: FrontierTheory;
  dGrid?: number[];
  /** flops window [lo, hi]; default from the grid (see `defaultFlopsWindow`) */
  flops?: [number, number];
  method: FrontierMethod;
  approach: Approach;
  batch?: number;
  /** seed of W (volterra, sgd), the SGD runs and the bootstrap */
  seed?: number;
  runs?: number;
  /** v/d (default 4, see ./setup.ts) and a factor on the trace-rule learning rate (default 1): for sensitivity studies */
  vOverD?: number;
  lrFactor?: number;
  onProgress?: (done: number, total: number, d: number) => void;
}

export interface PlrfFrontier {
  fit: FrontierFit;
  theory: FrontierTheory;
  dGrid: number[];
  /** the flops grid the curves were resampled on */
  flopsGrid: number[];
  curves: Array<{ d: number; lr: number; v: number; kernelNorm: number; flops: number[]; loss: number[] }>;
  requestedWindow: [number, number];
}

/** Steps until the largest d has learned its bulk: r ~ 10 d^(2 alpha)/(gamma B) [derived: F_ac lasts until t ~ d^(2 alpha), plrf.md §3]. */
export function defaultFlopsWindow(dGrid: number[], p: (d: number) => PlrfParams): [number, number] {
  const dMin = dGrid[0], dMax = dGrid[dGrid.length - 1];
  const pm = p(dMax);
  const rMax = Math.ceil((10 * Math.pow(dMax, 2 * pm.alpha)) / (pm.lr * pm.batch));
  return [10 * dMin * p(dMin).batch, dMax * pm.batch * rMax];
}

export interface PlrfFrontierCurves extends Omit<PlrfFrontier, 'fit'> {
  /** loss[i][k]: size dGrid[i] at flopsGrid[k] (NaN where the curve does not reach) */
  loss: number[][];
  seed: number;
}

/** Fit one approach to curves computed once (fitting is cheap: all three approaches can share the curves). */
export function fitPlrfFrontier(c: PlrfFrontierCurves, approach: Approach): PlrfFrontier {
  const fit = fitFrontier({ sizes: c.dGrid, flops: c.flopsGrid, loss: c.loss }, approach, { seed: c.seed });
  return { fit, theory: c.theory, dGrid: c.dGrid, flopsGrid: c.flopsGrid, curves: c.curves, requestedWindow: c.requestedWindow };
}

export function plrfFrontier(o: PlrfFrontierOptions): PlrfFrontier {
  return fitPlrfFrontier(plrfFrontierCurves(o), o.approach);
}

export function plrfFrontierCurves(o: Omit<PlrfFrontierOptions, 'approach'>): PlrfFrontierCurves {
  const dGrid = [...(o.dGrid ?? DEFAULT_D_GRID)].sort((a, b) => a - b);
  const seed = o.seed ?? 0;
  const params = (d: number) => {
    const p = resolveParams({ alpha: o.alpha, beta: o.beta, d, batch: o.batch, v: o.vOverD ? Math.round(o.vOverD * d) : undefined });
    return o.lrFactor ? resolveParams({ ...p, lr: p.lr * o.lrFactor }) : p;
  };
  const theory = o.theory;
  const window = o.flops ?? defaultFlopsWindow(dGrid, params);
  const [fLo, fHi] = window;
  const nF = Math.max(2, Math.round(FLOPS_PER_DECADE * Math.log10(fHi / fLo)) + 1);
  const flopsGrid = Array.from({ length: nF }, (_, k) => fLo * Math.pow(fHi / fLo, k / (nF - 1)));
  const curves: PlrfFrontier['curves'] = [];
  const loss: number[][] = [];
  dGrid.forEach((d, i) => {
    const p = params(d);
    const rMax = Math.floor(fHi / (d * p.batch));
    if (rMax < 1) {
      curves.push({ d, lr: p.lr, v: p.v, kernelNorm: NaN, flops: [], loss: [] });
      loss.push(flopsGrid.map(() => NaN));
      return;
    }
    let spec: SpectralInput;
    if (o.method === 'deterministic') spec = deterministicSpectrum(p);
    else spec = sampledSpectrum(p, seed);
    const kn = kernelNorm(spec, p.lr, p.batch);
    if (!(kn < 1)) throw new DomainError(`kernel norm ||K|| = ${kn} >= 1 at d = ${d}: the loss diverges (lower the learning rate)`);
    // 10 step counts per decade; resampled (log-log linear) on the 20-per-decade flops grid
    const steps = logStepGrid(rMax, Math.max(2, Math.ceil(10 * Math.log10(Math.max(rMax, 10))) + 1));
    const L = o.method === 'sgd' ? sgdEigenbasis(spec, steps, { lr: p.lr, batch: p.batch, runs: o.runs ?? 4, seed }).mean : lossAtSteps(spec, steps, { lr: p.lr, batch: p.batch });
    const f = steps.map((r) => d * p.batch * r);
    const l = Array.from(L);
    curves.push({ d, lr: p.lr, v: p.v, kernelNorm: kn, flops: f, loss: l });
    loss.push(resampleLogLog(f, l, flopsGrid));
    o.onProgress?.(i + 1, dGrid.length, d);
  });
  return { theory, dGrid, flopsGrid, curves, requestedWindow: window, loss, seed };
}
