// Where a derivation is checked: the phase pieces a claim's region meets, found geometrically rather than
// by random samples. For a two-parameter theory the parameter box is clipped by the domain, each phase
// piece's conditions and the region's own inequalities (Sutherland-Hodgman; each edge's crossing found by
// interpolation, refined by bisection): a piece is met when the clipped polygon has an area, so a thin
// strip such as 0.2928 < alpha < 1 - 1/sqrt(2) is found whatever the seed. Points are then drawn inside
// each polygon (its centroid, points near every vertex and edge, and seeded Halton points).
import { halton } from '../numeric/halton.js';
import { parameterBox } from '../engine/region.js';
import type { Model } from '../engine/model.js';
import type { RegionRef } from '../engine/classify.js';

export type Margin = (x: readonly number[]) => number;

export interface Piece {
  /** the stated phase (null for a theory without phases) */
  phase: string | null;
  ref: RegionRef | null;
  /** every margin that must be positive inside (domain, phase piece, region) */
  margins: Margin[];
  /** points inside (first: the most interior one) */
  points: number[][];
  /** the piece was found by exact clipping (every condition linear) rather than by sampling */
  exact: boolean;
}

/** Clearance from every boundary line kept by the points (as the validator's searches do). */
export const CLEARANCE = 1e-6;

const AREA_TOL = 1e-12;

/** Is m affine on the box (checked at a few points)? Then clipping by it is exact. */
function affine(m: Margin, box: Array<[number, number]>): boolean {
  const at = (u: number, v: number) => m([box[0][0] + u * (box[0][1] - box[0][0]), box[1][0] + v * (box[1][1] - box[1][0])]);
  const c = at(0, 0), a = at(1, 0) - c, b = at(0, 1) - c;
  const scale = Math.abs(a) + Math.abs(b) + Math.abs(c) + 1e-300;
  return [[0.3, 0.7], [0.9, 0.2], [0.55, 0.45], [1, 1]].every(([u, v]) => Math.abs(at(u, v) - (c + a * u + b * v)) <= 1e-9 * scale);
}

/** Clip a polygon by m > 0 (the closed half, crossings by interpolation then bisection). */
function clip(poly: number[][], m: Margin): number[][] {
  const out: number[][] = [];
  for (let k = 0; k < poly.length; k++) {
    const p = poly[k], q = poly[(k + 1) % poly.length];
    const fp = m(p), fq = m(q);
    if (fp >= 0) out.push(p);
    if ((fp >= 0) !== (fq >= 0)) out.push(crossing(p, q, fp, fq, m));
  }
  return out;
}

function crossing(p: number[], q: number[], fp: number, fq: number, m: Margin): number[] {
  const lerp = (t: number) => p.map((v, i) => v + t * (q[i] - v));
  let lo = 0, hi = 1;
  let t = fp / (fp - fq);
  for (let it = 0; it < 60; it++) {
    const f = m(lerp(t));
    if (f === 0) break;
    if ((f > 0) === (fp > 0)) lo = t;
    else hi = t;
    if (hi - lo < 1e-15) break;
    t = (lo + hi) / 2;
  }
  return lerp(t);
}

function area(poly: number[][]): number {
  let s = 0;
  for (let k = 0; k < poly.length; k++) {
    const p = poly[k], q = poly[(k + 1) % poly.length];
    s += p[0] * q[1] - q[0] * p[1];
  }
  return Math.abs(s) / 2;
}

const insideAll = (margins: Margin[], x: number[]) => margins.every((m) => m(x) > CLEARANCE);

/** Points inside a convex polygon: centroid, near each vertex and edge midpoint, and seeded Halton points (barycentric in a fan). */
function polygonPoints(poly: number[][], margins: Margin[], seed: number, count: number): number[][] {
  const c = [0, 1].map((i) => poly.reduce((s, p) => s + p[i], 0) / poly.length);
  const pts: number[][] = [c];
  const toward = (p: number[], lam: number) => p.map((v, i) => v + lam * (c[i] - v));
  for (let k = 0; k < poly.length; k++) {
    const p = poly[k], q = poly[(k + 1) % poly.length];
    const mid = p.map((v, i) => (v + q[i]) / 2);
    for (const lam of [1e-3, 0.02, 0.2, 0.6]) pts.push(toward(p, lam), toward(mid, lam));
  }
  const tri = poly.map((p, k) => [c, p, poly[(k + 1) % poly.length]]);
  const areas = tri.map((t) => area(t));
  const total = areas.reduce((s, a) => s + a, 0);
  for (let i = 1; pts.length < count && i < count * 20; i++) {
    const [u0, v0, w0] = halton(i + 1000 * seed, 3);
    let r = w0 * total, k = 0;
    while (k < tri.length - 1 && r > areas[k]) r -= areas[k++];
    let u = u0, v = v0;
    if (u + v > 1) [u, v] = [1 - u, 1 - v];
    const [a, b, d] = tri[k];
    pts.push([0, 1].map((j) => a[j] + u * (b[j] - a[j]) + v * (d[j] - a[j])));
  }
  return pts.filter((x) => insideAll(margins, x));
}

/** Points of a region by sampling the box (theories with other than two parameters, or curved conditions). */
function sampledPoints(box: Array<[number, number]>, margins: Margin[], seed: number, count: number): number[][] {
  const out: number[][] = [];
  for (let i = 1; out.length < count && i < count * 400; i++) {
    const u = halton(i + 1000 * seed, box.length);
    const x = box.map(([lo, hi], k) => lo + (hi - lo) * u[k]);
    if (insideAll(margins, x)) out.push(x);
  }
  // most interior first
  const clearance = (x: number[]) => Math.min(...margins.map((m) => m(x)));
  const best = out.reduce<number[] | null>((b, x) => (b === null || clearance(x) > clearance(b) ? x : b), null);
  return best ? [best, ...out.filter((x) => x !== best)] : out;
}

/**
 * The pieces of the theory's phases that the region (given by its margins, or a phase name) meets, each
 * with points inside. A theory without phases gives one piece: the region within the domain.
 */
export function piecesMet(model: Model, region: { phase?: string; margins: Margin[] }, seed: number, count = 160): Piece[] {
  const theory = model.theory;
  const box = parameterBox(theory);
  const cond = (text: string): Margin => {
    const f = model.condition(text).evaluate;
    return (x) => f(...x);
  };
  const domain = theory.domain.map((d) => cond(d.condition));
  const candidates: Array<{ phase: string | null; ref: RegionRef | null; margins: Margin[] }> = [];
  const phases = theory.phases ?? [];
  if (phases.length === 0) candidates.push({ phase: null, ref: null, margins: [...domain, ...region.margins] });
  for (const ph of phases) {
    if (region.phase !== undefined && ph.name !== region.phase) continue;
    ph.regions.forEach((piece, i) => candidates.push({ phase: ph.name, ref: { phase: ph.name, piece: i }, margins: [...domain, ...piece.conditions.map(cond), ...region.margins] }));
  }
  const out: Piece[] = [];
  for (const c of candidates) {
    if (box.length === 2) {
      const exact = c.margins.every((m) => affine(m, box));
      let poly: number[][] = [
        [box[0][0], box[1][0]],
        [box[0][1], box[1][0]],
        [box[0][1], box[1][1]],
        [box[0][0], box[1][1]],
      ];
      for (const m of c.margins) {
        poly = clip(poly, m);
        if (poly.length < 3) break;
      }
      if (poly.length >= 3 && area(poly) > AREA_TOL * (box[0][1] - box[0][0]) * (box[1][1] - box[1][0])) {
        const points = polygonPoints(poly, c.margins, seed, count);
        if (points.length > 0) {
          out.push({ ...c, points, exact });
          continue;
        }
      }
      if (exact) continue;
    }
    const points = sampledPoints(box, c.margins, seed, count);
    if (points.length > 0) out.push({ ...c, points, exact: false });
  }
  return out;
}
