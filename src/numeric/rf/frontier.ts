// The compute-optimal frontier read off DMFT loss curves (random-features.md §4.3-4.4): for each budget
// C = N t, minimise L(t = C/N; N, P = inf) over a geometric N grid (parabolic refinement in log N), then
// fit L* ~ C^-z, N* ~ C^x, t* ~ C^y by least squares in log-log. Budgets whose minimum sits at the edge of
// the grid are dropped (the reference's spurious -0.61 came from such fits).
import { powerLawSpectrum, type SpectrumOptions } from './spectrum.js';
import { dmftCurve } from './dmft.js';
import { lineFit } from '../frontier.js';

export interface FrontierOptions {
  a: number;
  b: number;
  /** geometric grid of widths (equal ratios) */
  widths: number[];
  /** budgets C */
  budgets: number[];
  P?: number;
  spectrum?: SpectrumOptions;
  talbotN?: number;
  /** the ensemble-averaged (bias) loss instead of the single-model loss */
  ensemble?: boolean;
}

export interface FrontierPoint {
  C: number;
  N: number;
  t: number;
  loss: number;
}

export interface Frontier {
  points: FrontierPoint[];
  /** dropped budgets (optimum on the grid edge) */
  dropped: number[];
  /** fitted exponents: N* ~ C^x, t* ~ C^y, L* ~ C^-z */
  x: number;
  y: number;
  z: number;
}

/** Least-squares slope of ys against xs (the shared line fit of ../frontier.ts). */
export function slope(xs: number[], ys: number[]): number {
  return lineFit(xs, ys).slope;
}

export function computeFrontier(o: FrontierOptions): Frontier {
  const sp = powerLawSpectrum(o.a, o.b, o.spectrum ?? {});
  const P = o.P ?? Infinity;
  // loss[i][j] = L(C_j / N_i; N_i)
  const grid = o.widths.map((N) => {
    const r = dmftCurve(sp, { N, P }, o.budgets.map((C) => C / N), o.talbotN);
    return o.ensemble ? r.bias : r.loss;
  });
  const points: FrontierPoint[] = [];
  const dropped: number[] = [];
  o.budgets.forEach((C, j) => {
    let best = 0;
    for (let i = 1; i < o.widths.length; i++) if (grid[i][j] < grid[best][j]) best = i;
    if (best === 0 || best === o.widths.length - 1) {
      dropped.push(C);
      return;
    }
    // vertex of the parabola through (log N, log L) at best-1, best, best+1 (equal spacing h in log N)
    const h = Math.log(o.widths[best + 1] / o.widths[best]);
    const x1 = Math.log(o.widths[best]);
    const y0 = Math.log(grid[best - 1][j]), y1 = Math.log(grid[best][j]), y2 = Math.log(grid[best + 1][j]);
    const slope1 = (y2 - y0) / (2 * h), curv = (y2 - 2 * y1 + y0) / (h * h);
    const xs = curv > 0 ? x1 - slope1 / curv : x1;
    const ys = curv > 0 ? y1 - (slope1 * slope1) / (2 * curv) : y1;
    const N = Math.exp(xs);
    points.push({ C, N, t: C / N, loss: Math.exp(ys) });
  });
  const lc = points.map((p) => Math.log(p.C));
  return {
    points,
    dropped,
    x: points.length > 1 ? slope(lc, points.map((p) => Math.log(p.N))) : NaN,
    y: points.length > 1 ? slope(lc, points.map((p) => Math.log(p.t))) : NaN,
    z: points.length > 1 ? -slope(lc, points.map((p) => Math.log(p.loss))) : NaN,
  };
}
