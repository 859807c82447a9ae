// The condition `lo <= E <= hi` on a phase's exponent E (a rational function of the parameters, as the
// engine derives it), printed by the project's printer (src/symbolic/print.ts) [derived: exact algebra].
// Each side `E >= c` is `num(E - c) * den(E - c) >= 0`; where num(E - c) = A*p + B is linear in a
// parameter p and A*den keeps one sign s over the phase, it is solved: `p >= -B/A` (s > 0) or
// `p <= -B/A` (s < 0). The sign is read at points of the phase (`phasePoints`) and every solved form is
// checked against the unsolved one at those points; where either check fails the side is printed
// unsolved (`E >= c`).
import { printExpression, rationalOf } from '../symbolic/print.js';
import { polyToText } from '../engine/phases.js';
import { compileCondition } from '../engine/condition.js';
import { ratDecimal, ratText, type Interval } from './measurement.js';
import type { Poly } from '../symbolic/rational/index.js';

export interface QuantityConditions {
  /** the exponent's value where it is constant over the phase */
  constant?: number;
  /** the printed conditions (one inequality each), empty when constant */
  conditions: string[];
  /** the parameter each condition is solved for (null: printed unsolved) */
  solvedFor: Array<string | null>;
}

/** Relative size below which a sign is not trusted. */
const SIGN_TOL = 1e-9;

/** Conditions on the parameters equivalent (on the phase) to lo <= expr <= hi. */
export function intervalConditions(expr: string, shown: string, params: readonly string[], m: Interval, phasePoints: readonly number[][]): QuantityConditions {
  const r = rationalOf(expr, { params }).value;
  if (r.isConstant()) return { constant: r.evaluate(params.map(() => 0)), conditions: [], solvedFor: [] };
  const out: QuantityConditions = { conditions: [], solvedFor: [] };
  for (const side of ['>=', '<='] as const) {
    const c = side === '>=' ? m.exact.lo : m.exact.hi;
    const g = rationalOf(`(${expr}) - ${ratText(c)}`, { params }).value;
    const solved = solveSide(g.num, g.den, params, side, phasePoints);
    const unsolved = `${shown} ${side} ${ratDecimal(c)}`;
    const text = solved && agrees(solved.text, unsolved, params, phasePoints) ? solved : null;
    out.conditions.push(text ? text.text : unsolved);
    out.solvedFor.push(text ? text.p : null);
  }
  return out;
}

function solveSide(num: Poly, den: Poly, params: readonly string[], side: '>=' | '<=', points: readonly number[][]): { text: string; p: string } | null {
  const options: Array<{ text: string; p: string; constantA: boolean }> = [];
  params.forEach((p, v) => {
    if (num.degreeIn(v) !== 1) return;
    const [B, A] = num.coefficientsIn(v);
    const s = constantSign((x) => A.evaluate(x) * den.evaluate(x), (x) => A.evaluateAbs(x) * den.evaluateAbs(x), points);
    if (s === 0) return;
    const root = printExpression(B.isZero() ? '0' : `-(${polyToText(B, params)})/(${polyToText(A, params)})`, { params }).text;
    // E >= c  <=>  s*(p - root) >= 0 ;  E <= c  <=>  s*(p - root) <= 0
    const op = (side === '>=') === s > 0 ? '>=' : '<=';
    options.push({ text: `${p} ${op} ${root}`, p, constantA: A.isConstant() && den.isConstant() });
  });
  options.sort((a, b) => Number(b.constantA) - Number(a.constantA) || a.text.length - b.text.length);
  return options[0] ?? null;
}

/** +1 or -1 when f has that sign (clearly) at every point, else 0. */
function constantSign(f: (x: number[]) => number, scale: (x: number[]) => number, points: readonly number[][]): number {
  let sign = 0;
  for (const x of points) {
    const v = f(x as number[]);
    if (!(Math.abs(v) > SIGN_TOL * (scale(x as number[]) + 1e-300))) return 0;
    const s = v > 0 ? 1 : -1;
    if (sign !== 0 && s !== sign) return 0;
    sign = s;
  }
  return sign;
}

/** The solved and the unsolved inequality hold at the same points (away from their boundary). */
function agrees(solved: string, unsolved: string, params: readonly string[], points: readonly number[][]): boolean {
  const a = compileCondition(solved, params).evaluate;
  const b = compileCondition(unsolved, params).evaluate;
  for (const x of points) {
    const ma = a(...x);
    const mb = b(...x);
    if (Math.abs(ma) < 1e-9 || Math.abs(mb) < 1e-9) continue;
    if (ma > 0 !== mb > 0) return false;
  }
  return true;
}
