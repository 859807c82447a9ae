// Small numerical optimisers: Brent's 1-D minimiser (golden section + parabolic steps) and L-BFGS with a
// strong-Wolfe line search (Nocedal & Wright, Numerical Optimization, 2nd ed., Alg. 7.4 and 3.5-3.6).
// Why written here: npm has no maintained quasi-Newton package for Node with types; `fmin` 0.0.4 offers
// Nelder-Mead and conjugate gradients only, `optimization-js` is a small untyped project
// (libraries.md §6 lists both as [unverified: quality]). See docs/allocation.md.

export interface Brent1DResult {
  x: number;
  fx: number;
  iterations: number;
  converged: boolean;
}

const GOLD = 0.3819660112501051; // (3 - sqrt 5)/2

/** Minimise f on [a, b] (unimodal there) by Brent's method; `tol` is the relative tolerance in x. */
export function brentMinimize(f: (x: number) => number, a: number, b: number, tol = 1e-12, maxIter = 500): Brent1DResult {
  let x = a + GOLD * (b - a);
  let w = x, v = x;
  let fx = f(x), fw = fx, fv = fx;
  let d = 0, e = 0;
  for (let iter = 1; iter <= maxIter; iter++) {
    const m = 0.5 * (a + b);
    const tol1 = tol * Math.abs(x) + 1e-300;
    const tol2 = 2 * tol1;
    if (Math.abs(x - m) <= tol2 - 0.5 * (b - a)) return { x, fx, iterations: iter, converged: true };
    let useGolden = true;
    if (Math.abs(e) > tol1) {
      let r = (x - w) * (fx - fv);
      let q = (x - v) * (fx - fw);
      let p = (x - v) * q - (x - w) * r;
      q = 2 * (q - r);
      if (q > 0) p = -p;
      else q = -q;
      const eOld = e;
      e = d;
      if (Math.abs(p) < Math.abs(0.5 * q * eOld) && p > q * (a - x) && p < q * (b - x)) {
        d = p / q;
        const u = x + d;
        if (u - a < tol2 || b - u < tol2) d = x < m ? tol1 : -tol1;
        useGolden = false;
      }
    }
    if (useGolden) {
      e = (x < m ? b : a) - x;
      d = GOLD * e;
    }
    const u = Math.abs(d) >= tol1 ? x + d : x + (d > 0 ? tol1 : -tol1);
    const fu = f(u);
    if (fu <= fx) {
      if (u < x) b = x;
      else a = x;
      v = w; fv = fw;
      w = x; fw = fx;
      x = u; fx = fu;
    } else {
      if (u < x) a = u;
      else b = u;
      if (fu <= fw || w === x) {
        v = w; fv = fw;
        w = u; fw = fu;
      } else if (fu <= fv || v === x || v === w) {
        v = u; fv = fu;
      }
    }
  }
  return { x, fx, iterations: maxIter, converged: false };
}

/**
 * Scan f on a uniform grid over [a, b], then refine the lowest interior grid point with Brent.
 * Returns null when the lowest point is an end of the interval (no interior minimum found).
 */
export function scanAndRefine(f: (x: number) => number, a: number, b: number, n = 400, tol = 1e-13): Brent1DResult | null {
  let best = -1, bestF = Infinity;
  const h = (b - a) / n;
  for (let i = 0; i <= n; i++) {
    const fi = f(a + i * h);
    if (fi < bestF) {
      bestF = fi;
      best = i;
    }
  }
  if (best <= 0 || best >= n) return null;
  return brentMinimize(f, a + (best - 1) * h, a + (best + 1) * h, tol);
}

export interface LbfgsOptions {
  /** history length (default 8) */
  memory?: number;
  maxIterations?: number;
  /** stop when the gradient's infinity norm falls below gtol * max(1, |f|) */
  gtol?: number;
  /** stop when the relative decrease of f over an iteration is below ftol */
  ftol?: number;
}

export interface LbfgsResult {
  x: number[];
  f: number;
  gradNorm: number;
  iterations: number;
  evaluations: number;
  converged: boolean;
  /** why it stopped */
  status: 'gradient' | 'ftol' | 'max-iterations' | 'line-search';
}

/** Objective returning its value and writing its gradient into `grad`. */
export type Objective = (x: Float64Array, grad: Float64Array) => number;

function dot(a: Float64Array, b: Float64Array): number {
  let s = 0;
  for (let i = 0; i < a.length; i++) s += a[i] * b[i];
  return s;
}

function normInf(a: Float64Array): number {
  let s = 0;
  for (let i = 0; i < a.length; i++) s = Math.max(s, Math.abs(a[i]));
  return s;
}

/** L-BFGS minimisation of a smooth objective from x0. */
export function lbfgs(fg: Objective, x0: readonly number[], options: LbfgsOptions = {}): LbfgsResult {
  const n = x0.length;
  const mem = options.memory ?? 8;
  const maxIter = options.maxIterations ?? 500;
  const gtol = options.gtol ?? 1e-10;
  const ftol = options.ftol ?? 1e-14;
  let x: Float64Array = Float64Array.from(x0);
  let g: Float64Array = new Float64Array(n);
  let f = fg(x, g);
  let evaluations = 1;
  const S: Float64Array[] = [], Y: Float64Array[] = [], RHO: number[] = [];
  const d = new Float64Array(n);
  const alpha = new Array<number>(mem);
  let status: LbfgsResult['status'] = 'max-iterations';
  let iter = 0;
  if (!Number.isFinite(f)) return { x: [...x], f, gradNorm: NaN, iterations: 0, evaluations, converged: false, status: 'line-search' };
  for (; iter < maxIter; iter++) {
    if (normInf(g) <= gtol * Math.max(1, Math.abs(f))) {
      status = 'gradient';
      break;
    }
    // two-loop recursion: d = -H g
    for (let i = 0; i < n; i++) d[i] = -g[i];
    for (let j = S.length - 1; j >= 0; j--) {
      alpha[j] = RHO[j] * dot(S[j], d);
      for (let i = 0; i < n; i++) d[i] -= alpha[j] * Y[j][i];
    }
    if (S.length > 0) {
      const k = S.length - 1;
      const gamma = dot(S[k], Y[k]) / dot(Y[k], Y[k]);
      for (let i = 0; i < n; i++) d[i] *= gamma;
    } else {
      const gn = Math.sqrt(dot(g, g));
      for (let i = 0; i < n; i++) d[i] /= Math.max(1, gn);
    }
    for (let j = 0; j < S.length; j++) {
      const beta = RHO[j] * dot(Y[j], d);
      for (let i = 0; i < n; i++) d[i] += S[j][i] * (alpha[j] - beta);
    }
    let dg = dot(d, g);
    if (!(dg < 0)) {
      // not a descent direction: restart from steepest descent
      S.length = 0; Y.length = 0; RHO.length = 0;
      for (let i = 0; i < n; i++) d[i] = -g[i];
      dg = dot(d, g);
    }
    const ls = wolfeLineSearch(fg, x, f, g, d, dg);
    evaluations += ls.evaluations;
    if (!ls.ok) {
      status = 'line-search';
      break;
    }
    const s = new Float64Array(n), y = new Float64Array(n);
    for (let i = 0; i < n; i++) {
      s[i] = ls.x[i] - x[i];
      y[i] = ls.g[i] - g[i];
    }
    const fOld = f;
    x = ls.x;
    g = ls.g;
    f = ls.f;
    const sy = dot(s, y);
    if (sy > 1e-300) {
      if (S.length === mem) {
        S.shift(); Y.shift(); RHO.shift();
      }
      S.push(s); Y.push(y); RHO.push(1 / sy);
    }
    if (Math.abs(fOld - f) <= ftol * Math.max(1e-300, Math.abs(fOld), Math.abs(f))) {
      iter++;
      status = 'ftol';
      break;
    }
  }
  const gradNorm = normInf(g);
  return { x: [...x], f, gradNorm, iterations: iter, evaluations, converged: status === 'gradient' || status === 'ftol', status };
}

interface LineSearchResult {
  ok: boolean;
  x: Float64Array;
  f: number;
  g: Float64Array;
  evaluations: number;
}

/** Strong-Wolfe line search (Nocedal & Wright Alg. 3.5 with zoom, Alg. 3.6; c1 = 1e-4, c2 = 0.9). */
function wolfeLineSearch(fg: Objective, x: Float64Array, f0: number, g0: Float64Array, d: Float64Array, dg0: number): LineSearchResult {
  const c1 = 1e-4, c2 = 0.9;
  const n = x.length;
  let evaluations = 0;
  const at = (t: number): { t: number; x: Float64Array; f: number; g: Float64Array; dg: number } => {
    const xt = new Float64Array(n);
    for (let i = 0; i < n; i++) xt[i] = x[i] + t * d[i];
    const gt = new Float64Array(n);
    const ft = fg(xt, gt);
    evaluations++;
    return { t, x: xt, f: ft, g: gt, dg: dot(gt, d) };
  };
  type Pt = ReturnType<typeof at>;
  const zoom = (lo: Pt, hi: Pt): Pt | null => {
    for (let k = 0; k < 40; k++) {
      // cubic interpolation would be faster; bisection with a safeguarded secant is enough here
      let t = 0.5 * (lo.t + hi.t);
      const denom = hi.dg - lo.dg;
      if (Number.isFinite(hi.f) && denom !== 0) {
        const ts = lo.t - (lo.dg * (hi.t - lo.t)) / denom;
        const a = Math.min(lo.t, hi.t), b = Math.max(lo.t, hi.t);
        if (ts > a + 0.1 * (b - a) && ts < b - 0.1 * (b - a)) t = ts;
      }
      const p = at(t);
      if (!Number.isFinite(p.f) || p.f > f0 + c1 * t * dg0 || p.f >= lo.f) hi = p;
      else {
        if (Math.abs(p.dg) <= -c2 * dg0) return p;
        if (p.dg * (hi.t - lo.t) >= 0) hi = lo;
        lo = p;
      }
      if (Math.abs(hi.t - lo.t) < 1e-16 * Math.max(1, lo.t)) break;
    }
    return lo.t > 0 && lo.f < f0 ? lo : null;
  };
  let prev: Pt = { t: 0, x: x as Float64Array, f: f0, g: g0 as Float64Array, dg: dg0 };
  let t = 1;
  for (let k = 0; k < 40; k++) {
    const p = at(t);
    if (!Number.isFinite(p.f) || p.f > f0 + c1 * t * dg0 || (k > 0 && p.f >= prev.f)) {
      const z = zoom(prev, p);
      return z ? { ok: true, ...z, evaluations } : { ok: false, x, f: f0, g: g0, evaluations };
    }
    if (Math.abs(p.dg) <= -c2 * dg0) return { ok: true, ...p, evaluations };
    if (p.dg >= 0) {
      const z = zoom(p, prev);
      return z ? { ok: true, ...z, evaluations } : { ok: false, x, f: f0, g: g0, evaluations };
    }
    prev = p;
    t *= 2;
  }
  return { ok: false, x, f: f0, g: g0, evaluations };
}
