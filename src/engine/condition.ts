// Strict inequalities between expressions in the parameters (`2*alpha + 2*beta > 1`), compiled once to
// plain JavaScript. A condition holds when its margin (lhs - rhs, or rhs - lhs for `<`) is positive;
// a point whose margin is within `BOUNDARY_TOL` of zero lies on the condition's boundary line.
import { parseInequality, toJs, toText, type ParsedInequality } from '../symbolic/formula.js';

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

/** The condition as an inequality tree (src/symbolic/formula.ts, the one reader of inequalities). */
export function parseCondition(text: string, params: readonly string[]): ParsedInequality {
  return parseInequality(text, params);
}

export function fromJs(params: readonly string[], js: string): (...p: number[]) => number {
  // eslint-disable-next-line @typescript-eslint/no-implied-eval
  return new Function(...params, `return ${js};`) as (...p: number[]) => number;
}

export function compileCondition(text: string, params: readonly string[], cachedJs?: string): CompiledCondition {
  const { margin } = parseCondition(text, params);
  const [lhs, rhs] = text.split(/<=|>=|<|>/).map((x) => x.trim());
  const js = cachedJs ?? toJs(margin, params);
  return { text, margin: toText(margin), boundary: `${lhs} = ${rhs}`, evaluate: fromJs(params, js), js };
}
