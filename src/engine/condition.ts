// Strict inequalities between expressions in the parameters (`2*alpha + 2*beta > 1`), compiled once to
// plain JavaScript. A condition holds when its margin (lhs - rhs, or rhs - lhs for `<`) is positive;
// a point whose margin is within `BOUNDARY_TOL` of zero lies on the condition's boundary line.
import { jsBody, canonical } from '../symbolic/cas.js';

export const BOUNDARY_TOL = 1e-9;

export interface CompiledCondition {
  /** The condition as written. */
  text: string;
  /** The margin expression, positive where the condition holds. */
  margin: string;
  /** The boundary as an equation, e.g. `2*beta = 1`. */
  boundary: string;
  /** Margin evaluated at a parameter vector (in the theory's parameter order). */
  evaluate: (...params: number[]) => number;
  /** The JavaScript body of `evaluate` (for caches). */
  js: string;
}

const OPS = /\s*(<=|>=|<|>)\s*/;

export function parseCondition(text: string): { lhs: string; op: '<' | '>'; rhs: string } {
  const parts = text.split(OPS);
  if (parts.length !== 3) throw new Error(`condition '${text}' is not of the form 'lhs > rhs' or 'lhs < rhs'`);
  const [lhs, op, rhs] = parts;
  if (op === '<=' || op === '>=') throw new Error(`condition '${text}': regions are open, use a strict inequality`);
  if (!lhs.trim() || !rhs.trim()) throw new Error(`condition '${text}' has an empty side`);
  return { lhs: lhs.trim(), op: op as '<' | '>', rhs: rhs.trim() };
}

export function marginExpression(text: string): string {
  const { lhs, op, rhs } = parseCondition(text);
  return op === '>' ? `(${lhs}) - (${rhs})` : `(${rhs}) - (${lhs})`;
}

export function fromJs(params: readonly string[], js: string): (...p: number[]) => number {
  // eslint-disable-next-line @typescript-eslint/no-implied-eval
  return new Function(...params, `return ${js};`) as (...p: number[]) => number;
}

export function compileCondition(text: string, params: readonly string[], cachedJs?: string): CompiledCondition {
  const { lhs, rhs } = parseCondition(text);
  const margin = marginExpression(text);
  const js = cachedJs ?? jsBody(canonical(margin), params);
  return { text, margin, boundary: `${lhs} = ${rhs}`, evaluate: fromJs(params, js), js };
}
