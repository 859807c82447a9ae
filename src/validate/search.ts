// The counterexample search shared by every claim kind: a seeded fast-check run over the points of a
// region (fast-check shrinks a failure it finds), then a search for the simplest failing point near it
// (coordinates on the coarsest grid of round numbers: 1, 0.5, 0.25, 0.1, ...), so that a refutation reads
// "alpha = 0.75, beta = 1" rather than "alpha = 0.7500000001, beta = 0.99999".
import fc from 'fast-check';
import { halton } from '../numeric/halton.js';

export type Box = Array<[number, number]>;

/** A set of parameter points: a box to draw from and a membership test (open regions, with a margin). */
export interface Space {
  box: Box;
  inside: (x: number[]) => boolean;
  /** identifies the set of points (a model's region piece...): its bounding box is computed once */
  key?: string;
}

export { halton };

/** Clearance the validator keeps from every boundary line (src/engine/region.ts `inside`): exponents jump there. */
export const MARGIN = 1e-6;

/** Deterministic points of a space (Halton over its box), at most `count`, from at most `tries` draws. */
export function spacePoints(space: Space, count: number, tries = count * 200): number[][] {
  const out: number[][] = [];
  for (let i = 1; i <= tries && out.length < count; i++) {
    const u = halton(i, space.box.length);
    const x = space.box.map(([lo, hi], k) => lo + (hi - lo) * u[k]);
    if (space.inside(x)) out.push(x);
  }
  return out;
}

const boxes = new Map<string, Box | null>();

/** The bounding box of a space's points (from a Halton sample), widened a little; null when none is found. */
export function shrinkBox(space: Space, samples = 2000): Box | null {
  if (space.key !== undefined && boxes.has(space.key)) return boxes.get(space.key)!;
  const box = boundingBox(space, samples);
  if (space.key !== undefined) boxes.set(space.key, box);
  return box;
}

function boundingBox(space: Space, samples: number): Box | null {
  const pts = spacePoints(space, samples, samples * 20);
  if (pts.length === 0) return null;
  return space.box.map(([lo, hi], k) => {
    const vals = pts.map((p) => p[k]);
    const pad = (hi - lo) / 50;
    return [Math.max(lo, Math.min(...vals) - pad), Math.min(hi, Math.max(...vals) + pad)] as [number, number];
  });
}

const STEPS_PER_AXIS = 1_000_000_000;

/**
 * A number uniform in [lo, hi] (fc.double is uniform over representable doubles, i.e. crowded near 0);
 * it shrinks towards lo.
 */
export function uniform(lo: number, hi: number): fc.Arbitrary<number> {
  return fc.integer({ min: 0, max: STEPS_PER_AXIS }).map((i) => lo + ((hi - lo) * i) / STEPS_PER_AXIS);
}

export interface SearchResult {
  /** the failing point, fast-check-shrunk then simplified; null when every tested point passed */
  counterexample: number[] | null;
  /** points tested */
  tested: number;
  /** fast-check's own shrunk counterexample (before the round-number search) */
  shrunk?: number[];
  /** when fast-check could not draw enough points of the space */
  starved?: boolean;
}

/**
 * Look for a point of `space` where `fails` holds: `runs` seeded draws (fast-check, which shrinks the
 * failure), then the simplest failing point (see `simplestFailing`).
 */
export function findCounterexample(space: Space, fails: (x: number[]) => boolean, opts: { seed: number; runs: number }): SearchResult {
  const box = shrinkBox(space);
  if (!box) return { counterexample: null, tested: 0, starved: true };
  const tight: Space = { box, inside: space.inside };
  const arb = fc.tuple(...box.map(([lo, hi]) => uniform(lo, hi))).filter((x) => space.inside(x));
  const details = fc.check(
    fc.property(arb, (x) => !fails(x)),
    { seed: opts.seed, numRuns: opts.runs, maxSkipsPerRun: 1000 },
  );
  if (!details.failed) return { counterexample: null, tested: details.numRuns };
  if (!details.counterexample) {
    // fast-check gave up (too many points outside the space): fall back to the deterministic sample
    const pts = spacePoints(tight, opts.runs);
    const bad = pts.find(fails);
    return { counterexample: bad ? simplestFailing(tight, fails, bad) : null, tested: pts.length, starved: pts.length === 0 };
  }
  const shrunk = [...details.counterexample[0]];
  return { counterexample: simplestFailing(tight, fails, shrunk), tested: details.numRuns, shrunk };
}

/** The seeded fast-check search alone: the first failing point it finds (shrunk), without moving it to a round point. */
export function searchFailure(space: Space, fails: (x: number[]) => boolean, opts: { seed: number; runs: number }): { point: number[] | null; tested: number; starved?: boolean } {
  const box = shrinkBox(space);
  if (!box) return { point: null, tested: 0, starved: true };
  const arb = fc.tuple(...box.map(([lo, hi]) => uniform(lo, hi))).filter((x) => space.inside(x));
  const details = fc.check(fc.property(arb, (x) => !fails(x)), { seed: opts.seed, numRuns: opts.runs, maxSkipsPerRun: 1000 });
  if (!details.failed) return { point: null, tested: details.numRuns };
  if (!details.counterexample) {
    const pts = spacePoints({ box, inside: space.inside }, opts.runs);
    return { point: pts.find(fails) ?? null, tested: pts.length, starved: pts.length === 0 };
  }
  return { point: [...details.counterexample[0]], tested: details.numRuns };
}

const STEPS = [1, 0.5, 0.25, 0.2, 0.1, 0.05, 0.025, 0.02, 0.01, 0.005, 0.0025, 0.001];
const MAX_GRID = 40000;

/** Round to 12 decimals (grid points like 3 * 0.1 print as 0.3). */
function clean(v: number): number {
  return Math.round(v * 1e12) / 1e12;
}

/**
 * The simplest failing point: on the coarsest grid of round numbers that has one inside the space, the
 * one nearest `near`; if no grid up to 0.001 has one, `near` with each coordinate rounded to the fewest
 * significant digits that keep it failing.
 */
export function simplestFailing(space: Space, fails: (x: number[]) => boolean, near: number[]): number[] {
  const ok = (x: number[]) => space.inside(x) && fails(x);
  const widths = space.box.map(([lo, hi]) => Math.max(hi - lo, 1e-12));
  for (const step of STEPS) {
    const axes = space.box.map(([lo, hi]) => {
      const vals: number[] = [];
      for (let k = Math.ceil(lo / step); k * step <= hi + 1e-12; k++) vals.push(clean(k * step));
      return vals;
    });
    const total = axes.reduce((n, a) => n * a.length, 1);
    if (total === 0) continue;
    if (total > MAX_GRID) break;
    let best: number[] | null = null;
    let bestD = Infinity;
    const x = new Array<number>(axes.length);
    const visit = (k: number) => {
      if (k === axes.length) {
        if (ok(x)) {
          const d = x.reduce((s, v, i) => s + ((v - near[i]) / widths[i]) ** 2, 0);
          if (d < bestD) {
            bestD = d;
            best = [...x];
          }
        }
        return;
      }
      for (const v of axes[k]) {
        x[k] = v;
        visit(k + 1);
      }
    };
    visit(0);
    if (best) return best;
  }
  const out = [...near];
  for (let k = 0; k < out.length; k++) {
    for (let digits = 1; digits <= 16; digits++) {
      const trial = [...out];
      trial[k] = Number(out[k].toPrecision(digits));
      if (ok(trial)) {
        out[k] = trial[k];
        break;
      }
    }
  }
  return out;
}

/** Point as a record keyed by parameter names. */
export function toPoint(params: readonly string[], x: readonly number[]): Record<string, number> {
  const p: Record<string, number> = {};
  params.forEach((name, i) => (p[name] = x[i]));
  return p;
}
