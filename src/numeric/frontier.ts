// Simulated compute frontiers from loss curves on a grid of model sizes (plrf.md §7, "Simulated compute
// frontier"; Approach names from the paper, their exact definitions here are [unverified]/[derived]):
// curves P_d(f) on one log-f grid; Approach 1: lower envelope P*(f) = min_d P_d(f), d*(f) its argmin;
// Approach 2 (IsoFLOP): per f a parabola in log d through the minimum of log P and its two neighbours,
// its vertex gives d*(f), P*(f); Approach 0: local slopes d log P*/d log f (and d log d*/d log f) of the
// IsoFLOP envelope, summarised over the last decade of the window. Only flops levels whose minimising d is
// at least one grid point inside both ends are kept. Straight-line fits in log-log; intervals from a
// seeded bootstrap over the kept flops levels (percentile, 95%).
import { DomainError } from '../errors.js';
import { createRng } from './rng.js';

export type Approach = 0 | 1 | 2;

export interface FrontierInput {
  /** model sizes, ascending */
  sizes: number[];
  /** the common flops grid, ascending */
  flops: number[];
  /** loss[i][k] = loss of size i at flops[k] (NaN where the curve does not reach) */
  loss: number[][];
}

export interface Fit {
  value: number;
  ci: [number, number];
}

export interface FrontierFit {
  approach: Approach;
  /** d* ~ f^xi, P* ~ f^(-eta) */
  xi: Fit;
  eta: Fit;
  /** the flops levels kept (argmin interior) and the envelope there */
  envelope: { flops: number[]; loss: number[]; dStar: number[]; localEta?: number[]; localXi?: number[] };
  window: [number, number] | null;
  /** intercepts of the fits: log d* = a_d + xi log f, log P* = a_P - eta log f */
  intercepts: { logD: number; logP: number };
  bootstrap: { resamples: number; seed: number };
}

/** The curves do not determine a frontier (too few interior optima in the window): an expected outcome, not a bug. */
export class FrontierError extends DomainError {}

/** Least-squares slope and intercept of y against x. */
export function lineFit(x: readonly number[], y: readonly number[]): { slope: number; intercept: number } {
  const n = x.length;
  let mx = 0, my = 0;
  for (let i = 0; i < n; i++) {
    mx += x[i];
    my += y[i];
  }
  mx /= n;
  my /= n;
  let sxx = 0, sxy = 0;
  for (let i = 0; i < n; i++) {
    sxx += (x[i] - mx) ** 2;
    sxy += (x[i] - mx) * (y[i] - my);
  }
  const slope = sxx > 0 ? sxy / sxx : NaN;
  return { slope, intercept: my - slope * mx };
}

/** Vertex of the parabola through (x0,y0), (x1,y1), (x2,y2): [x, y]. */
export function parabolaVertex(x0: number, y0: number, x1: number, y1: number, x2: number, y2: number): [number, number] {
  const d0 = (y1 - y0) / (x1 - x0), d1 = (y2 - y1) / (x2 - x1);
  const a = (d1 - d0) / (x2 - x0);
  if (!(a > 0)) return [x1, y1];
  const b = d0 - a * (x0 + x1);
  const xv = -b / (2 * a);
  return [xv, a * xv * xv + b * xv + (y0 - a * x0 * x0 - b * x0)];
}

function percentile(sorted: number[], q: number): number {
  const pos = q * (sorted.length - 1);
  const lo = Math.floor(pos), hi = Math.ceil(pos);
  return sorted[lo] + (sorted[hi] - sorted[lo]) * (pos - lo);
}

/** Fit the frontier by one approach. */
export function fitFrontier(inp: FrontierInput, approach: Approach, opts: { seed?: number; resamples?: number } = {}): FrontierFit {
  const { sizes, flops, loss } = inp;
  const n = sizes.length;
  if (n < 3) throw new FrontierError(`a frontier needs at least 3 model sizes (got ${n})`);
  const ld = sizes.map(Math.log);
  const keptF: number[] = [], keptP: number[] = [], keptD: number[] = [];
  for (let k = 0; k < flops.length; k++) {
    let best = -1;
    let bestL = Infinity;
    for (let i = 0; i < n; i++) {
      const L = loss[i][k];
      if (!Number.isFinite(L)) continue;
      if (L < bestL) {
        bestL = L;
        best = i;
      }
    }
    // interior: at least one grid point inside both ends, and the neighbours evaluated
    if (best < 1 || best > n - 2) continue;
    if (!Number.isFinite(loss[best - 1][k]) || !Number.isFinite(loss[best + 1][k])) continue;
    if (approach === 1) {
      keptF.push(flops[k]);
      keptP.push(bestL);
      keptD.push(sizes[best]);
    } else {
      const [x, y] = parabolaVertex(ld[best - 1], Math.log(loss[best - 1][k]), ld[best], Math.log(bestL), ld[best + 1], Math.log(loss[best + 1][k]));
      keptF.push(flops[k]);
      keptP.push(Math.exp(y));
      keptD.push(Math.exp(x));
    }
  }
  if (keptF.length < 4) {
    throw new FrontierError(`only ${keptF.length} flops levels have an interior optimum on this size grid (need >= 4): widen the size grid or the flops window`);
  }
  const lf = keptF.map(Math.log), lP = keptP.map(Math.log), lD = keptD.map(Math.log);
  const seed = opts.seed ?? 0;
  const resamples = opts.resamples ?? 1000;
  // the statistic on a subset of indices
  let localEta: number[] | undefined, localXi: number[] | undefined;
  let stat: (idx: number[]) => [number, number];
  if (approach === 0) {
    // local slopes between neighbouring kept levels, summarised over the last decade of the window
    localEta = [];
    localXi = [];
    for (let i = 1; i < lf.length; i++) {
      localEta.push(-(lP[i] - lP[i - 1]) / (lf[i] - lf[i - 1]));
      localXi.push((lD[i] - lD[i - 1]) / (lf[i] - lf[i - 1]));
    }
    const top = lf[lf.length - 1];
    const last = lf.map((x, i) => i).filter((i) => i > 0 && top - lf[i] <= Math.log(10));
    const le = localEta, lx = localXi;
    stat = (idx) => {
      let se = 0, sx = 0;
      for (const i of idx) {
        se += le[last[i] - 1];
        sx += lx[last[i] - 1];
      }
      return [sx / idx.length, se / idx.length];
    };
    const all = last.map((_, i) => i);
    const pt = stat(all);
    return finish(pt, all.length);
  }
  stat = (idx) => {
    const x = idx.map((i) => lf[i]);
    return [lineFit(x, idx.map((i) => lD[i])).slope, -lineFit(x, idx.map((i) => lP[i])).slope];
  };
  const all = lf.map((_, i) => i);
  return finish(stat(all), all.length);

  function finish(point: [number, number], m: number): FrontierFit {
    const rng = createRng(seed, 7);
    const xs: number[] = [], es: number[] = [];
    for (let b = 0; b < resamples; b++) {
      const idx = Array.from({ length: m }, () => Math.min(m - 1, Math.floor(rng.uniform() * m)));
      const [x, e] = stat(idx);
      if (Number.isFinite(x) && Number.isFinite(e)) {
        xs.push(x);
        es.push(e);
      }
    }
    xs.sort((a, b) => a - b);
    es.sort((a, b) => a - b);
    const ci = (s: number[], v: number): [number, number] => (s.length ? [Math.min(v, percentile(s, 0.025)), Math.max(v, percentile(s, 0.975))] : [v, v]);
    const fD = lineFit(lf, lD), fP = lineFit(lf, lP);
    return {
      approach,
      xi: { value: point[0], ci: ci(xs, point[0]) },
      eta: { value: point[1], ci: ci(es, point[1]) },
      envelope: { flops: keptF, loss: keptP, dStar: keptD, ...(localEta ? { localEta, localXi } : {}) },
      window: [keptF[0], keptF[keptF.length - 1]],
      intercepts: { logD: fD.intercept, logP: fP.intercept },
      bootstrap: { resamples, seed },
    };
  }
}

/** Resample a curve (x ascending, y > 0) at `at` by linear interpolation in log-log; NaN outside its range. */
export function resampleLogLog(x: readonly number[], y: readonly number[], at: readonly number[]): number[] {
  const out: number[] = [];
  let j = 0;
  for (const a of at) {
    if (a < x[0] || a > x[x.length - 1]) {
      out.push(NaN);
      continue;
    }
    while (j < x.length - 2 && x[j + 1] < a) j++;
    const x0 = Math.log(x[j]), x1 = Math.log(x[j + 1]);
    const f = x1 > x0 ? (Math.log(a) - x0) / (x1 - x0) : 0;
    out.push(Math.exp(Math.log(y[j]) + f * (Math.log(y[j + 1]) - Math.log(y[j]))));
  }
  return out;
}
