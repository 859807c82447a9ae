// Region membership: the one definition of "inside", "on the boundary" and "outside" for every open
// region of every theory (domains, phases, term cases, relation conditions, a claim's region).
//
// A condition holds at x when its margin (lhs - rhs for `>`, rhs - lhs for `<`; ./condition.ts) is
// greater than BOUNDARY_TOL; x lies on its boundary line when |margin| <= BOUNDARY_TOL. The tolerance
// is absolute, in the units of the parameters (which are of order one in every theory file): it absorbs
// the rounding of decimal inputs such as alpha = 0.7 on a line like 2*alpha + 2*beta = 1.
import { BOUNDARY_TOL } from './condition.js';
import { halton } from '../numeric/halton.js';
import type { TheoryFile, RegionPiece } from './types.js';

export { BOUNDARY_TOL };

export type Membership = 'inside' | 'boundary' | 'outside';
export type Margin = (...x: number[]) => number;

/** Where x lies with respect to the conjunction of conditions with these margins. */
export function membership(margins: readonly Margin[], x: readonly number[]): Membership {
  let min = Infinity;
  for (const m of margins) min = Math.min(min, m(...x));
  return classifyMargin(min);
}

/** The membership of a single (smallest) margin. */
export function classifyMargin(min: number): Membership {
  if (min > BOUNDARY_TOL) return 'inside';
  if (min >= -BOUNDARY_TOL) return 'boundary';
  return 'outside';
}

/**
 * Every condition holds strictly (the point is inside the open region). With `clearance`, every margin
 * must exceed it instead: searches and samplers keep their points that far from boundary lines, where
 * exponents jump and formulas lose precision (the validator uses 1e-6).
 */
export function inside(margins: readonly Margin[], x: readonly number[], clearance = BOUNDARY_TOL): boolean {
  const tol = Math.max(clearance, BOUNDARY_TOL);
  for (const m of margins) if (!(m(...x) > tol)) return false;
  return true;
}

/** Every condition holds or the point lies on its boundary line (the closure of the region). */
export function insideClosed(margins: readonly Margin[], x: readonly number[]): boolean {
  for (const m of margins) if (!(m(...x) >= -BOUNDARY_TOL)) return false;
  return true;
}

/** The same test as JavaScript source, for generated classifiers (./grid.ts). */
export function insideJs(marginJs: readonly string[]): string {
  return marginJs.map((js) => `(${js}) > ${BOUNDARY_TOL}`).join(' && ') || 'true';
}

/** The parameter box of a theory (its parameters' ranges). */
export function parameterBox(theory: TheoryFile): Array<[number, number]> {
  return theory.parameters.map((p) => [p.range[0], p.range[1]] as [number, number]);
}

/** An interior point of a region piece: the grid point of the box with the largest margin (domain and box included). */
export function interiorPoint(theory: TheoryFile, piece: RegionPiece, margin: (condition: string) => Margin, n = 161): number[] | null {
  const ranges = parameterBox(theory);
  if (ranges.length > 3) throw new Error('interiorPoint: at most 3 parameters');
  const conds = [...piece.conditions, ...theory.domain.map((d) => d.condition)].map(margin);
  let best: number[] | null = null;
  let bestMargin = -Infinity;
  const x = new Array<number>(ranges.length).fill(0);
  const visit = (k: number) => {
    if (k === ranges.length) {
      let m = Infinity;
      for (const c of conds) m = Math.min(m, c(...x));
      ranges.forEach(([lo, hi], j) => (m = Math.min(m, x[j] - lo, hi - x[j]))); // stay inside the box too
      if (m > bestMargin) {
        bestMargin = m;
        best = [...x];
      }
      return;
    }
    const [lo, hi] = ranges[k];
    for (let i = 1; i < n; i++) {
      x[k] = lo + ((hi - lo) * i) / n;
      visit(k + 1);
    }
  };
  visit(0);
  return best && bestMargin > 0 ? best : null;
}

/** Deterministic sample of points strictly inside a region piece and the domain (Halton over the box). */
export function samplePiece(theory: TheoryFile, piece: RegionPiece, margin: (condition: string) => Margin, count: number): number[][] {
  const ranges = parameterBox(theory);
  const conds = [...theory.domain.map((d) => d.condition), ...piece.conditions].map(margin);
  const out: number[][] = [];
  for (let i = 1; out.length < count && i < count * 400; i++) {
    const u = halton(i, ranges.length);
    const x = ranges.map(([lo, hi], k) => lo + (hi - lo) * u[k]);
    if (inside(conds, x)) out.push(x);
  }
  return out;
}
