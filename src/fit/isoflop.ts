// IsoFLOP fits, Approach 2 of Hoffmann et al. 2022 (arXiv 2203.15556 §3.2) [paper: procedure]:
// bucket the runs by training budget C (a C column, else C = 6ND, chinchilla.md §1); for each budget
// a least-squares parabola of loss in ln N (and, separately, in ln D) and its vertex N_opt (D_opt);
// then N_opt ~ C^a and D_opt ~ C^b by least squares in log-log (lineFit, src/numeric/frontier.ts).
// 95% percentile intervals from a seeded bootstrap that resamples rows within each budget [derived].
// Diagnostics (docs/fitting.md §IsoFLOP): too few points, a curvature that is non-positive or too flat
// to place the vertex, a vertex outside the sampled range, a grid off-centre or drifting around the
// vertex (Open-Athena/scaling-law-analysis, article "Off-Center Sampling", commit 3e0656ee).
// Bias-corrected estimate [reconstruction of Open-Athena's proposal: article §"Variable Projection
// (VPNLS)" and experiments/exp6_analytical_error.py `predicted_vertex_shift`]: fit the Chinchilla
// surface to the same rows by variable projection (OLS for E, A, B inside an L-BFGS search over alpha,
// beta), compute on each budget's own sampled grid the shift between the parabola vertex of the fitted
// surface and that surface's exact IsoFLOP minimiser, and subtract it from the measured vertex.
import { lineFit } from '../numeric/frontier.js';
import { lbfgs } from '../numeric/optimize.js';
import { createRng } from '../numeric/rng.js';
import { predict, type ChinchillaParams } from './chinchilla.js';
import type { Diagnostic } from './diagnostics.js';

export interface IsoflopRow {
  /** training budget in FLOPs (absent: flopsPerParamToken * N * D) */
  C?: number;
  N: number;
  D: number;
  loss: number;
  /** line number in the file, for messages */
  line?: number;
}

export interface IsoflopOptions {
  /** FLOPs per parameter per token when a row has no C (default 6) */
  flopsPerParamToken?: number;
  /** the budgets to snap rows to (e.g. Hoffmann's nine); absent: clusters of log10 C */
  budgets?: readonly number[];
  /** rows within this many decades of a budget (or of a cluster's first row) join it (default 0.05) */
  budgetTolerance?: number;
  /** bootstrap resamples (default 200; 0 for none) */
  bootstrap?: number;
  seed?: number;
  /** points per budget below which a warning is given (default 5; 3 distinct N are needed to fit) */
  minPoints?: number;
  /** the parabola must rise by this fraction of its minimum loss across the sampled half-range (default 1e-3) */
  minRelativeRise?: number;
  /** keep budgets whose vertex is outside the sampled range in the power-law fit (default false) */
  includeOutside?: boolean;
  /** |grid midpoint - vertex| / half-width above which the grid is off-centre (default 0.25) */
  offCentre?: number;
  /** drift of the grid offset across the budgets' range, in decades, above which it warns (default 0.1) */
  drift?: number;
  /** compute the bias-corrected estimate (default true) */
  correction?: boolean;
}

export interface Exponent {
  value: number | null;
  /** 95% percentile bootstrap interval */
  ci: [number, number] | null;
}

export interface BudgetFit {
  C: number;
  N_opt: number | null;
  D_opt: number | null;
  points: number;
  /** the parabola's minimum loss (in ln N) */
  loss_opt: number | null;
  /** curvature d^2 loss / d(ln N)^2 / 2 and d^2 loss / d(ln D)^2 / 2 of the parabolas */
  curvature: { N: number | null; D: number | null };
  range: { N: [number, number]; D: [number, number] };
  /** (midpoint of the sampled log10 N range) - log10 N_opt, in decades (positive: grid centred above) */
  offset: number | null;
  /** used in the fit of a (N) and b (D) */
  used: { N: boolean; D: boolean };
}

export interface CorrectedEstimate {
  method: string;
  source: string;
  exponents: { a: Exponent; b: Exponent };
  /** the Chinchilla surface fitted by variable projection (least squares on loss) */
  surface: ChinchillaParams & { rss: number };
  /** per budget: corrected N_opt, D_opt and the parabola's vertex shift (decades) on its grid */
  budgets: { C: number; N_opt: number | null; D_opt: number | null; shift: { N: number | null; D: number | null } }[];
}

export interface IsoflopResult {
  approach: 'isoflop';
  exponents: { a: Exponent; b: Exponent };
  /** ln N_opt = intercepts.N + a ln C, ln D_opt = intercepts.D + b ln C */
  intercepts: { N: number | null; D: number | null };
  budgets: BudgetFit[];
  corrected: CorrectedEstimate | null;
  diagnostics: Diagnostic[];
  bootstrap: { resamples: number; seed: number | null; failed: number };
  rows: number;
}

// ---------------------------------------------------------------------------------------------------
// small least-squares helpers

/** Solve the symmetric 3x3 system M z = b (Gaussian elimination with partial pivoting); null if singular. */
function solve3(M: number[][], b: number[]): number[] | null {
  const a = M.map((r, i) => [...r, b[i]]);
  for (let c = 0; c < 3; c++) {
    let p = c;
    for (let r = c + 1; r < 3; r++) if (Math.abs(a[r][c]) > Math.abs(a[p][c])) p = r;
    if (!(Math.abs(a[p][c]) > 1e-300)) return null;
    [a[c], a[p]] = [a[p], a[c]];
    for (let r = c + 1; r < 3; r++) {
      const f = a[r][c] / a[c][c];
      for (let k = c; k < 4; k++) a[r][k] -= f * a[c][k];
    }
  }
  const z = [0, 0, 0];
  for (let r = 2; r >= 0; r--) {
    let s = a[r][3];
    for (let k = r + 1; k < 3; k++) s -= a[r][k] * z[k];
    z[r] = s / a[r][r];
  }
  return z.every(Number.isFinite) ? z : null;
}

export interface Parabola {
  /** y = p (x - centre)^2 + q (x - centre) + r */
  p: number;
  q: number;
  r: number;
  centre: number;
  /** argmin (null unless p > 0) and the value there */
  vertex: number | null;
  minimum: number | null;
  /** standard error of p from the residuals (null with fewer than 4 points) */
  seP: number | null;
  distinct: number;
}

/** Least-squares parabola through (x_i, y_i); null with fewer than 3 distinct x. */
export function fitParabola(x: readonly number[], y: readonly number[]): Parabola | null {
  const n = x.length;
  const distinct = new Set(x).size;
  if (distinct < 3) return null;
  let centre = 0;
  for (const v of x) centre += v;
  centre /= n;
  const S = [0, 0, 0, 0, 0], T = [0, 0, 0];
  for (let i = 0; i < n; i++) {
    const u = x[i] - centre;
    let w = 1;
    for (let k = 0; k <= 4; k++) {
      S[k] += w;
      if (k <= 2) T[k] += w * y[i];
      w *= u;
    }
  }
  // unknowns (p, q, r) multiply u^2, u, 1
  const M = [[S[4], S[3], S[2]], [S[3], S[2], S[1]], [S[2], S[1], S[0]]];
  const z = solve3(M, [T[2], T[1], T[0]]);
  if (!z) return null;
  const [p, q, r] = z;
  let seP: number | null = null;
  if (n > 3) {
    let rss = 0;
    for (let i = 0; i < n; i++) {
      const u = x[i] - centre;
      rss += (y[i] - (p * u * u + q * u + r)) ** 2;
    }
    const e = solve3(M, [1, 0, 0]); // first column of M^-1: its first entry is (M^-1)_pp
    seP = e ? Math.sqrt(Math.max(0, (rss / (n - 3)) * e[0])) : null;
  }
  const ok = p > 0;
  const vu = ok ? -q / (2 * p) : null;
  return { p, q, r, centre, vertex: vu === null ? null : centre + vu, minimum: vu === null ? null : r - (q * q) / (4 * p), seP, distinct };
}

function percentileInterval(samples: number[]): [number, number] | null {
  if (samples.length < 2) return null;
  const s = [...samples].sort((a, b) => a - b);
  const at = (q: number) => {
    const pos = (s.length - 1) * q;
    const lo = Math.floor(pos), hi = Math.ceil(pos);
    return s[lo] + (s[hi] - s[lo]) * (pos - lo);
  };
  return [at(0.025), at(0.975)];
}

function fmt(x: number): string {
  return x.toPrecision(3);
}

// ---------------------------------------------------------------------------------------------------
// budgets

interface Budget {
  C: number;
  lnN: number[];
  lnD: number[];
  loss: number[];
  /** mean ln(N D) of the budget's rows: its IsoFLOP constraint N D = K */
  lnK: number;
}

function validate(rows: readonly IsoflopRow[]): void {
  rows.forEach((r, i) => {
    const where = r.line !== undefined ? `row ${r.line}` : `row ${i + 1}`;
    for (const key of ['N', 'D', 'loss', 'C'] as const) {
      const v = r[key];
      if (key === 'C' && v === undefined) continue;
      if (typeof v !== 'number' || !Number.isFinite(v) || !(v > 0)) throw new RangeError(`isoflop fit, ${where}: ${key} = ${v} is outside the domain (a finite number > 0)`);
    }
  });
}

/** Group rows into budgets: snapped to `budgets` when given, else clusters of log10 C. */
export function bucketBudgets(rows: readonly IsoflopRow[], options: Pick<IsoflopOptions, 'budgets' | 'budgetTolerance' | 'flopsPerParamToken'> = {}): { budgets: { C: number; rows: IsoflopRow[] }[]; unassigned: IsoflopRow[] } {
  const k = options.flopsPerParamToken ?? 6;
  const tol = options.budgetTolerance ?? 0.05;
  if (!(tol > 0) || !Number.isFinite(tol)) throw new RangeError(`budgetTolerance = ${tol} is outside the domain (decades > 0)`);
  if (!(k > 0) || !Number.isFinite(k)) throw new RangeError(`flopsPerParamToken = ${k} is outside the domain (> 0)`);
  const lc = (r: IsoflopRow) => Math.log10(r.C ?? k * r.N * r.D);
  const unassigned: IsoflopRow[] = [];
  if (options.budgets) {
    const bs = [...options.budgets];
    bs.forEach((b) => {
      if (!(b > 0) || !Number.isFinite(b)) throw new RangeError(`budgets: ${b} is outside the domain (FLOPs > 0)`);
    });
    const groups = bs.map((C) => ({ C, rows: [] as IsoflopRow[] }));
    for (const r of rows) {
      let best = -1, dist = Infinity;
      groups.forEach((g, i) => {
        const d = Math.abs(lc(r) - Math.log10(g.C));
        if (d < dist) { dist = d; best = i; }
      });
      if (best >= 0 && dist <= tol) groups[best].rows.push(r);
      else unassigned.push(r);
    }
    return { budgets: groups.filter((g) => g.rows.length > 0).sort((a, b) => a.C - b.C), unassigned };
  }
  const sorted = [...rows].sort((a, b) => lc(a) - lc(b));
  const out: { C: number; rows: IsoflopRow[] }[] = [];
  let first = -Infinity;
  for (const r of sorted) {
    if (lc(r) - first > tol) {
      out.push({ C: 0, rows: [] });
      first = lc(r);
    }
    out[out.length - 1].rows.push(r);
  }
  for (const g of out) g.C = Math.pow(10, g.rows.reduce((s, r) => s + lc(r), 0) / g.rows.length);
  return { budgets: out, unassigned };
}

// ---------------------------------------------------------------------------------------------------
// the bias-corrected estimate: variable projection for the Chinchilla surface, then vertex shifts

interface Surface { E: number; A: number; B: number; alpha: number; beta: number; rss: number }

interface Pooled { lnN: Float64Array; lnD: Float64Array; loss: Float64Array; mN: number; mD: number }

function pool(budgets: readonly Budget[]): Pooled {
  const lnN: number[] = [], lnD: number[] = [], loss: number[] = [];
  for (const b of budgets) { lnN.push(...b.lnN); lnD.push(...b.lnD); loss.push(...b.loss); }
  const mean = (v: number[]) => v.reduce((s, x) => s + x, 0) / v.length;
  return { lnN: Float64Array.from(lnN), lnD: Float64Array.from(lnD), loss: Float64Array.from(loss), mN: mean(lnN), mD: mean(lnD) };
}

/** For fixed (alpha, beta): OLS of loss on [1, (N/N_ref)^-alpha, (D/D_ref)^-beta]; RSS and its gradient (envelope theorem). */
function projected(d: Pooled, alpha: number, beta: number, grad?: Float64Array): { rss: number; E: number; A: number; B: number } | null {
  const n = d.loss.length;
  const u = new Float64Array(n), v = new Float64Array(n);
  let su = 0, sv = 0, suu = 0, suv = 0, svv = 0, t0 = 0, tu = 0, tv = 0;
  for (let i = 0; i < n; i++) {
    const ui = (u[i] = Math.exp(-alpha * (d.lnN[i] - d.mN)));
    const vi = (v[i] = Math.exp(-beta * (d.lnD[i] - d.mD)));
    const y = d.loss[i];
    su += ui; sv += vi; suu += ui * ui; suv += ui * vi; svv += vi * vi;
    t0 += y; tu += ui * y; tv += vi * y;
  }
  const z = solve3([[n, su, sv], [su, suu, suv], [sv, suv, svv]], [t0, tu, tv]);
  if (!z) return null;
  const [E, A1, B1] = z;
  let rss = 0, gA = 0, gB = 0;
  for (let i = 0; i < n; i++) {
    const r = d.loss[i] - (E + A1 * u[i] + B1 * v[i]);
    rss += r * r;
    gA += r * (d.lnN[i] - d.mN) * u[i];
    gB += r * (d.lnD[i] - d.mD) * v[i];
  }
  if (grad) { grad[0] = 2 * A1 * gA; grad[1] = 2 * B1 * gB; }
  return { rss, E, A: A1 * Math.exp(alpha * d.mN), B: B1 * Math.exp(beta * d.mD) };
}

/** Variable-projection fit; from `start` (bootstrap refits) with a looser tolerance, ample for a resample's spread. */
function fitSurface(d: Pooled, start?: [number, number]): Surface | null {
  let x0 = start;
  if (!x0) {
    let best = Infinity;
    for (let i = 1; i <= 20; i++) for (let j = 1; j <= 20; j++) {
      const p = projected(d, 0.05 * i, 0.05 * j);
      if (p && p.rss < best) { best = p.rss; x0 = [0.05 * i, 0.05 * j]; }
    }
  }
  if (!x0) return null;
  const scale = 1 / Math.max(1e-300, projected(d, x0[0], x0[1])?.rss ?? 1);
  const res = lbfgs((x, g) => {
    const p = projected(d, x[0], x[1], g);
    if (!p) { g.fill(0); return Infinity; }
    g[0] *= scale; g[1] *= scale;
    return p.rss * scale;
  }, x0, start ? { maxIterations: 200, gtol: 1e-7, ftol: 1e-10 } : { maxIterations: 500, gtol: 1e-10, ftol: 1e-15 });
  const p = projected(d, res.x[0], res.x[1]);
  if (!p) return null;
  const s = { ...p, alpha: res.x[0], beta: res.x[1] };
  return s.alpha > 0 && s.beta > 0 && s.A > 0 && s.B > 0 && Number.isFinite(s.rss) ? s : null;
}

/** Exact minimiser of A N^-alpha + B D^-beta on N D = K: ln N* = (ln(alpha A/(beta B)) + beta ln K)/(alpha + beta) [derived: chinchilla.md §3]. */
function surfaceMinimiserLnN(s: Surface, lnK: number): number {
  return (Math.log((s.alpha * s.A) / (s.beta * s.B)) + s.beta * lnK) / (s.alpha + s.beta);
}

/** Shift (natural log) of the parabola vertex of the surface's values on the budget's grid from its exact minimiser, in ln N and ln D. */
function vertexShift(s: Surface, b: Budget): { N: number | null; D: number | null } {
  const y = b.lnN.map((x, i) => predict(s, Math.exp(x), Math.exp(b.lnD[i])));
  const lnNstar = surfaceMinimiserLnN(s, b.lnK);
  const pN = fitParabola(b.lnN, y), pD = fitParabola(b.lnD, y);
  return { N: pN?.vertex == null ? null : pN.vertex - lnNstar, D: pD?.vertex == null ? null : pD.vertex - (b.lnK - lnNstar) };
}

// ---------------------------------------------------------------------------------------------------

interface Vertices { N: (number | null)[]; D: (number | null)[] }

function slope(lnC: number[], v: (number | null)[], use: boolean[]): { slope: number; intercept: number } | null {
  const x: number[] = [], y: number[] = [];
  v.forEach((vi, i) => { if (use[i] && vi !== null) { x.push(lnC[i]); y.push(vi); } });
  if (x.length < 2 || new Set(x).size < 2) return null;
  return lineFit(x, y);
}

/** IsoFLOP (Approach 2) fit of N_opt ~ C^a, D_opt ~ C^b with diagnostics and the bias-corrected estimate. */
export function fitIsoflop(rows: readonly IsoflopRow[], options: IsoflopOptions = {}): IsoflopResult {
  const B = options.bootstrap ?? 200;
  const seed = options.seed ?? 1;
  const minPoints = options.minPoints ?? 5;
  const minRise = options.minRelativeRise ?? 1e-3;
  const offTol = options.offCentre ?? 0.25;
  const driftTol = options.drift ?? 0.1;
  if (!Number.isInteger(B) || B < 0) throw new RangeError(`bootstrap = ${B} is outside the domain (an integer >= 0)`);
  if (!Number.isInteger(seed)) throw new RangeError(`seed = ${seed} is outside the domain (an integer)`);
  if (!Number.isInteger(minPoints) || minPoints < 3) throw new RangeError(`minPoints = ${minPoints} is outside the domain (an integer >= 3)`);
  for (const [name, v] of [['minRelativeRise', minRise], ['offCentre', offTol], ['drift', driftTol]] as const) {
    if (!(v >= 0) || !Number.isFinite(v)) throw new RangeError(`${name} = ${v} is outside the domain (a finite number >= 0)`);
  }
  validate(rows);
  const diagnostics: Diagnostic[] = [];
  const { budgets: groups, unassigned } = bucketBudgets(rows, options);
  if (unassigned.length) {
    diagnostics.push({ code: 'isoflop-unassigned-rows', severity: 'warning', parameters: [], message: `${unassigned.length} of ${rows.length} rows are farther than ${options.budgetTolerance ?? 0.05} decades from every given budget and are left out` });
  }
  const budgets: Budget[] = groups.map((g) => {
    const lnN = g.rows.map((r) => Math.log(r.N)), lnD = g.rows.map((r) => Math.log(r.D));
    return { C: g.C, lnN, lnD, loss: g.rows.map((r) => r.loss), lnK: lnN.reduce((s, x, i) => s + x + lnD[i], 0) / lnN.length };
  });
  const lnC = budgets.map((b) => Math.log(b.C));

  // per-budget parabolas and their checks
  const fits: BudgetFit[] = [];
  const vert: Vertices = { N: [], D: [] };
  const useN: boolean[] = [], useD: boolean[] = [];
  budgets.forEach((b) => {
    const n = b.loss.length;
    const where = `budget C = ${fmt(b.C)} FLOPs`;
    const extent = (v: number[]): [number, number] => [Math.exp(Math.min(...v)), Math.exp(Math.max(...v))];
    const check = (x: number[], name: 'N' | 'D'): { par: Parabola | null; ok: boolean } => {
      const par = fitParabola(x, b.loss);
      const lo = Math.min(...x), hi = Math.max(...x);
      const budget = b.C;
      if (!par) {
        diagnostics.push({ code: 'isoflop-too-few-points', severity: 'warning', parameters: [], budget, message: `${where}: ${new Set(x).size} distinct ${name} value${new Set(x).size === 1 ? '' : 's'} (${n} rows); a parabola needs 3, the budget is left out` });
        return { par, ok: false };
      }
      if (!(par.p > 0)) {
        diagnostics.push({ code: 'isoflop-curvature-nonpositive', severity: 'warning', parameters: [], budget, message: `${where}: the parabola in ln ${name} has curvature ${fmt(par.p)} <= 0 (no minimum); the budget is left out` });
        return { par, ok: false };
      }
      if (par.seP !== null && par.p < 2 * par.seP) {
        diagnostics.push({ code: 'isoflop-curvature-flat', severity: 'warning', parameters: [], budget, message: `${where}: the curvature in ln ${name} (${fmt(par.p)}) is less than 2 standard errors (${fmt(par.seP)}) from zero, too flat to place the minimum; the budget is left out` });
        return { par, ok: false };
      }
      const h = (hi - lo) / 2;
      if (par.minimum !== null && par.minimum > 0 && (par.p * h * h) / par.minimum < minRise) {
        diagnostics.push({ code: 'isoflop-curvature-flat', severity: 'warning', parameters: [], budget, message: `${where}: the parabola in ln ${name} rises by ${fmt((100 * par.p * h * h) / par.minimum)}% of its minimum across the sampled half-range, less than the stated ${100 * minRise}%: the minimum is weakly placed` });
      }
      if (par.vertex! < lo || par.vertex! > hi) {
        const kept = options.includeOutside === true;
        diagnostics.push({ code: 'isoflop-minimiser-outside', severity: 'warning', parameters: [], budget, message: `${where}: the minimiser ${name}_opt = ${fmt(Math.exp(par.vertex!))} lies outside the sampled range [${fmt(Math.exp(lo))}, ${fmt(Math.exp(hi))}], an extrapolation of the parabola; ${kept ? 'kept (includeOutside)' : 'the budget is left out'}` });
        return { par, ok: kept };
      }
      return { par, ok: true };
    };
    const cN = check(b.lnN, 'N');
    const cD = check(b.lnD, 'D');
    if (n < minPoints && (cN.ok || cD.ok)) {
      diagnostics.push({ code: 'isoflop-too-few-points', severity: 'warning', parameters: [], budget: b.C, message: `${where}: ${n} points, fewer than the stated minimum of ${minPoints}: each parabola has ${n - 3} residual degree${n - 3 === 1 ? '' : 's'} of freedom` });
    }
    useN.push(cN.ok);
    useD.push(cD.ok);
    vert.N.push(cN.par?.vertex ?? null);
    vert.D.push(cD.par?.vertex ?? null);
    let offset: number | null = null;
    if (cN.ok && cN.par?.vertex != null) {
      const lo = Math.min(...b.lnN), hi = Math.max(...b.lnN);
      const x = cN.par.vertex;
      offset = ((lo + hi) / 2 - x) / Math.LN10;
      const rel = ((lo + hi) / 2 - x) / ((hi - lo) / 2);
      const below = b.lnN.filter((v) => v < x).length, above = b.lnN.filter((v) => v > x).length;
      if (Math.abs(rel) > offTol || Math.abs(above - below) / n > 1 / 3) {
        diagnostics.push({ code: 'isoflop-off-centre', severity: 'warning', parameters: [], budget: b.C, message: `${where}: the sampled N range is centred ${fmt(Math.pow(10, Math.abs(offset)))}x ${offset > 0 ? 'above' : 'below'} N_opt = ${fmt(Math.exp(x))} (${below} points below, ${above} above): a constant offset biases the intercept of N_opt(C), one that drifts with C biases the exponent a (Open-Athena/scaling-law-analysis, "Off-Center Sampling")` });
      }
    }
    fits.push({
      C: b.C,
      N_opt: cN.par?.vertex != null ? Math.exp(cN.par.vertex) : null,
      D_opt: cD.par?.vertex != null ? Math.exp(cD.par.vertex) : null,
      points: n,
      loss_opt: cN.par?.minimum ?? null,
      curvature: { N: cN.par?.p ?? null, D: cD.par?.p ?? null },
      range: { N: extent(b.lnN), D: extent(b.lnD) },
      offset,
      used: { N: cN.ok, D: cD.ok },
    });
  });

  const nUsed = Math.min(useN.filter(Boolean).length, useD.filter(Boolean).length);
  if (nUsed < 2) {
    diagnostics.push({ code: 'isoflop-too-few-budgets', severity: 'error', parameters: ['a', 'b'], message: `${nUsed} usable budget${nUsed === 1 ? '' : 's'} (of ${budgets.length}): the exponents need at least 2` });
  } else if (nUsed === 2) {
    diagnostics.push({ code: 'isoflop-too-few-budgets', severity: 'warning', parameters: ['a', 'b'], message: `2 usable budgets: the power law passes through both, its interval comes from the within-budget scatter alone` });
  }

  // drift of the grid's centre across the budgets
  const offs = fits.map((f, i) => ({ x: Math.log10(f.C), y: f.offset, ok: useN[i] })).filter((o) => o.ok && o.y !== null) as { x: number; y: number }[];
  if (offs.length >= 3) {
    const fit = lineFit(offs.map((o) => o.x), offs.map((o) => o.y));
    const span = offs[offs.length - 1].x - offs[0].x;
    const drift = fit.slope * span;
    if (Math.abs(drift) > driftTol) {
      diagnostics.push({ code: 'isoflop-drifting-centre', severity: 'warning', parameters: ['a', 'b'], message: `the grid's centre drifts by ${drift.toFixed(2)} decades relative to N_opt across the budgets (${offs[0].y.toFixed(2)} to ${offs[offs.length - 1].y.toFixed(2)}): a drifting offset biases the exponents, not only the intercepts (Open-Athena/scaling-law-analysis, "Drifting Bias")` });
    }
  }

  const lnNfit = slope(lnC, vert.N, useN);
  const lnDfit = slope(lnC, vert.D, useD);

  // the bias-corrected estimate
  const wantCorrection = options.correction !== false;
  const usedBudgets = budgets.filter((_, i) => useN[i] || useD[i]);
  let surface: Surface | null = null;
  if (wantCorrection && nUsed >= 2) {
    surface = fitSurface(pool(usedBudgets));
    if (!surface) diagnostics.push({ code: 'isoflop-correction-unavailable', severity: 'warning', parameters: [], message: 'the Chinchilla surface fitted by variable projection has a non-positive coefficient or exponent; no bias-corrected estimate' });
  }
  const corrected = (s: Surface, bs: Budget[], v: Vertices) => {
    const shifts = bs.map((b) => vertexShift(s, b));
    const cN = v.N.map((x, i) => (x === null || shifts[i].N === null ? null : x - shifts[i].N!));
    const cD = v.D.map((x, i) => (x === null || shifts[i].D === null ? null : x - shifts[i].D!));
    return { shifts, cN, cD };
  };
  const corr0 = surface ? corrected(surface, budgets, vert) : null;
  const corrN = corr0 ? slope(lnC, corr0.cN, useN) : null;
  const corrD = corr0 ? slope(lnC, corr0.cD, useD) : null;

  // bootstrap within budgets
  const rng = createRng(seed, 15);
  const sa: number[] = [], sb: number[] = [], ca: number[] = [], cb: number[] = [];
  let failed = 0;
  for (let r = 0; r < B && nUsed >= 2; r++) {
    const rb: Budget[] = budgets.map((b) => {
      const n = b.loss.length;
      const idx = Array.from({ length: n }, () => Math.min(n - 1, Math.floor(rng.uniform() * n)));
      return { C: b.C, lnK: b.lnK, lnN: idx.map((i) => b.lnN[i]), lnD: idx.map((i) => b.lnD[i]), loss: idx.map((i) => b.loss[i]) };
    });
    const v: Vertices = { N: rb.map((b) => fitParabola(b.lnN, b.loss)?.vertex ?? null), D: rb.map((b) => fitParabola(b.lnD, b.loss)?.vertex ?? null) };
    const fa = slope(lnC, v.N, useN), fb = slope(lnC, v.D, useD);
    if (!fa || !fb) { failed++; continue; }
    sa.push(fa.slope);
    sb.push(fb.slope);
    if (surface) {
      const s = fitSurface(pool(rb.filter((_, i) => useN[i] || useD[i])), [surface.alpha, surface.beta]);
      if (!s) continue;
      const c = corrected(s, rb, v);
      const ga = slope(lnC, c.cN, useN), gb = slope(lnC, c.cD, useD);
      if (ga && gb) { ca.push(ga.slope); cb.push(gb.slope); }
    }
  }

  let correctedOut: CorrectedEstimate | null = null;
  if (surface && corr0) {
    correctedOut = {
      method: 'Approach 2 vertices minus the vertex shift of the Chinchilla surface fitted by variable projection (OLS for E, A, B; L-BFGS over alpha, beta), computed on each budget\'s own grid',
      source: 'Open-Athena/scaling-law-analysis (commit 3e0656ee): article §"Variable Projection (VPNLS)"; src/scaling_law_analysis/experiments/exp6_analytical_error.py, predicted_vertex_shift (generalised here to any grid); docs/fitting.md',
      exponents: { a: { value: corrN?.slope ?? null, ci: percentileInterval(ca) }, b: { value: corrD?.slope ?? null, ci: percentileInterval(cb) } },
      surface: { E: surface.E, A: surface.A, B: surface.B, alpha: surface.alpha, beta: surface.beta, rss: surface.rss },
      budgets: budgets.map((b, i) => ({
        C: b.C,
        N_opt: useN[i] && corr0.cN[i] !== null ? Math.exp(corr0.cN[i]!) : null,
        D_opt: useD[i] && corr0.cD[i] !== null ? Math.exp(corr0.cD[i]!) : null,
        shift: { N: corr0.shifts[i].N === null ? null : corr0.shifts[i].N! / Math.LN10, D: corr0.shifts[i].D === null ? null : corr0.shifts[i].D! / Math.LN10 },
      })),
    };
    const shifts = correctedOut.budgets.filter((_, i) => useN[i]).map((b) => b.shift.N ?? 0);
    const maxShift = Math.max(0, ...shifts.map(Math.abs));
    const da = lnNfit && corrN ? corrN.slope - lnNfit.slope : 0;
    if (maxShift > 0.02 || Math.abs(da) > 0.01) {
      diagnostics.push({ code: 'isoflop-parabola-bias', severity: 'warning', parameters: ['a', 'b'], message: `on these grids the parabola vertices of the fitted surface sit up to ${maxShift.toFixed(3)} decades from its exact minimisers (asymmetric surface or off-centre sampling); the bias-corrected a = ${corrN ? corrN.slope.toFixed(4) : 'n/a'} against ${lnNfit ? lnNfit.slope.toFixed(4) : 'n/a'} from the parabolas (see "corrected")` });
    }
  }

  return {
    approach: 'isoflop',
    exponents: { a: { value: lnNfit?.slope ?? null, ci: percentileInterval(sa) }, b: { value: lnDfit?.slope ?? null, ci: percentileInterval(sb) } },
    intercepts: { N: lnNfit?.intercept ?? null, D: lnDfit?.intercept ?? null },
    budgets: fits,
    corrected: correctedOut,
    diagnostics,
    bootstrap: { resamples: B, seed: B > 0 ? seed : null, failed },
    rows: rows.length - unassigned.length,
  };
}

export interface SynthesisOptions {
  budgets: readonly number[];
  /** points per budget (default 15) */
  points?: number;
  /** the grid spans N_opt * 10^(offset +- halfWidth) (decades; default 1) */
  halfWidth?: number;
  /** grid centre offset from N_opt in decades, as a function of log10 C (default 0) */
  offset?: (log10C: number) => number;
  /** multiplicative log-normal noise (default 0) */
  noise?: number;
  seed?: number;
}

/** IsoFLOP rows from a known Chinchilla law (C = 6ND exactly), grids log-uniform around the exact N_opt (examples, benches). */
export function synthesizeIsoflop(p: ChinchillaParams, o: SynthesisOptions): IsoflopRow[] {
  const n = o.points ?? 15, W = o.halfWidth ?? 1, noise = o.noise ?? 0;
  const rng = createRng(o.seed ?? 1, 16);
  const s: Surface = { ...p, rss: 0 };
  const out: IsoflopRow[] = [];
  for (const C of o.budgets) {
    const lnNstar = surfaceMinimiserLnN(s, Math.log(C / 6));
    const off = o.offset ? o.offset(Math.log10(C)) : 0;
    for (let j = 0; j < n; j++) {
      const N = Math.exp(lnNstar + (off + W * (n === 1 ? 0 : (2 * j) / (n - 1) - 1)) * Math.LN10);
      const D = C / (6 * N);
      out.push({ C, N, D, loss: predict(p, N, D) * (noise > 0 ? Math.exp(noise * rng.normal()) : 1) });
    }
  }
  return out;
}
