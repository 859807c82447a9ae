// Dominant balance in log space (plrf.md §5.2, random-features.md §4.2; derived there).
//
// At fixed compute C every term is A_i x^(a_i) C^(b_i), x the allocated variable. With u = log x and
// phi = log C, log L ~ max_i (a_i u + b_i phi): convex and piecewise linear in u. Its minimum sits where an
// increasing term (a_i > 0) crosses a decreasing one (a_j < 0), and min_u max_i = the highest such crossing.
// Everything is homogeneous in phi, so per unit phi: u_opt = xi, height = a_i xi + b_i = loss exponent.
// This file is the numeric half (which pair is active at a parameter point); ./derive.ts solves it exactly.

export interface TermSlope {
  name: string;
  /** exponent of the allocated variable at fixed compute */
  a: number;
  /** exponent of the compute budget */
  b: number;
}

export interface Crossing {
  increasing: string;
  decreasing: string;
  /** u* per unit phi at the crossing */
  xi: number;
  /** (log L)/phi at the crossing */
  height: number;
}

/** The arithmetic a crossing is computed in: numbers here, exact formula trees in ./derivation.ts. */
export interface Arithmetic<T> {
  add(x: T, y: T): T;
  sub(x: T, y: T): T;
  mul(x: T, y: T): T;
  div(x: T, y: T): T;
}

export const NUMBERS: Arithmetic<number> = { add: (x, y) => x + y, sub: (x, y) => x - y, mul: (x, y) => x * y, div: (x, y) => x / y };

/**
 * The crossing of a growing term i with a falling term j [derived, plrf.md §5.2]: a_i u + b_i phi =
 * a_j u + b_j phi at u = xi phi, xi = (b_j - b_i)/(a_i - a_j); there log L / phi = a_i xi + b_i.
 * The one statement of this solution, in any arithmetic.
 */
export function crossingOf<T>(A: Arithmetic<T>, i: { a: T; b: T }, j: { a: T; b: T }): { xi: T; height: T } {
  const xi = A.div(A.sub(j.b, i.b), A.sub(i.a, j.a));
  return { xi, height: A.add(A.mul(i.a, xi), i.b) };
}

export type Balance =
  | { kind: 'pair'; active: Crossing; ties: Crossing[]; candidates: Crossing[]; floors: TermSlope[] }
  | { kind: 'floor'; floor: TermSlope; ties: TermSlope[]; interval: [number, number]; candidates: Crossing[]; floors: TermSlope[] }
  | { kind: 'unbounded'; direction: 'up' | 'down'; reason: string };

/** Slopes within this of zero make a d-independent floor. */
export const SLOPE_TOL = 1e-12;
/** Heights within this are ties (a point on a phase boundary). */
export const HEIGHT_TOL = 1e-9;

export function balanceAt(terms: readonly TermSlope[]): Balance {
  const inc = terms.filter((t) => t.a > SLOPE_TOL);
  const dec = terms.filter((t) => t.a < -SLOPE_TOL);
  const floors = terms.filter((t) => Math.abs(t.a) <= SLOPE_TOL);
  if (inc.length === 0) {
    return { kind: 'unbounded', direction: 'up', reason: `no term grows with the allocated variable at fixed compute (${terms.map((t) => t.name).join(', ')} all fall or stay flat): the loss keeps falling as it grows` };
  }
  if (dec.length === 0) {
    return { kind: 'unbounded', direction: 'down', reason: `no term falls with the allocated variable at fixed compute: the loss keeps falling as it shrinks` };
  }
  const candidates: Crossing[] = [];
  for (const i of inc) {
    for (const j of dec) {
      const { xi, height } = crossingOf(NUMBERS, i, j);
      candidates.push({ increasing: i.name, decreasing: j.name, xi, height });
    }
  }
  candidates.sort((x, y) => y.height - x.height);
  const best = candidates[0];
  const topFloor = floors.reduce<TermSlope | null>((m, f) => (m === null || f.b > m.b ? f : m), null);
  if (topFloor && topFloor.b > best.height + HEIGHT_TOL) {
    // The floor is above every crossing: any u where all sloped terms lie below it is optimal.
    let lo = -Infinity, hi = Infinity;
    for (const t of [...inc, ...dec]) {
      const edge = (topFloor.b - t.b) / t.a; // where term t meets the floor
      if (t.a > 0) hi = Math.min(hi, edge);
      else lo = Math.max(lo, edge);
    }
    const ties = floors.filter((f) => Math.abs(f.b - topFloor.b) <= HEIGHT_TOL);
    return { kind: 'floor', floor: topFloor, ties, interval: [lo, hi], candidates, floors };
  }
  const ties = candidates.filter((c) => best.height - c.height <= HEIGHT_TOL);
  return { kind: 'pair', active: best, ties, candidates, floors };
}
