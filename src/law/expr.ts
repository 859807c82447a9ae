// User-written laws and mappings ("E + A/N^alpha", "S^2*(d+1)/16") as expression trees: read by the
// project's safe formula reader (src/symbolic/formula.ts), with functions refused. No evaluation of code,
// no built-in constants: every name is the user's own symbol (so `E` is never Euler's number and `N`, `C`,
// `B` are never units, libraries.md §2). Errors name the offending text and its position.
import { parseFormula, type Node } from '../symbolic/formula.js';

export type Expr =
  | { kind: 'num'; value: number }
  | { kind: 'sym'; name: string }
  | { kind: 'neg'; arg: Expr }
  | { kind: 'add' | 'sub' | 'mul' | 'div' | 'pow'; left: Expr; right: Expr };

export class LawSyntaxError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'LawSyntaxError';
  }
}

/** Parse an expression with the project's safe reader (src/symbolic/formula.ts); functions are refused. */
export function parseExpr(text: string): Expr {
  if (typeof text !== 'string' || text.trim() === '') throw new LawSyntaxError('empty expression');
  let tree: Node;
  try {
    tree = parseFormula(text, null);
  } catch (e) {
    throw new LawSyntaxError(e instanceof Error ? e.message : String(e));
  }
  return fromTree(tree, text);
}

const BIN: Record<'+' | '-' | '*' | '/' | '^', 'add' | 'sub' | 'mul' | 'div' | 'pow'> = { '+': 'add', '-': 'sub', '*': 'mul', '/': 'div', '^': 'pow' };

function fromTree(n: Node, text: string): Expr {
  switch (n.type) {
    case 'num':
      return { kind: 'num', value: n.value };
    case 'sym':
      return { kind: 'sym', name: n.name };
    case 'neg':
      return { kind: 'neg', arg: fromTree(n.arg, text) };
    case 'bin':
      return { kind: BIN[n.op], left: fromTree(n.left, text), right: fromTree(n.right, text) };
    case 'call':
      throw new LawSyntaxError(`'${text}': ${n.name}(...): functions are not supported (a law is a sum of power-law terms)`);
  }
}

/** Every symbol of an expression. */
export function symbols(e: Expr, out = new Set<string>()): Set<string> {
  switch (e.kind) {
    case 'num':
      break;
    case 'sym':
      out.add(e.name);
      break;
    case 'neg':
      symbols(e.arg, out);
      break;
    default:
      symbols(e.left, out);
      symbols(e.right, out);
  }
  return out;
}

/** Numeric value with the symbols bound in `scope`; throws naming an unbound symbol. */
export function evaluate(e: Expr, scope: Record<string, number>): number {
  switch (e.kind) {
    case 'num':
      return e.value;
    case 'sym': {
      const v = scope[e.name];
      if (v === undefined) throw new LawSyntaxError(`symbol '${e.name}' has no value`);
      return v;
    }
    case 'neg':
      return -evaluate(e.arg, scope);
    case 'add':
      return evaluate(e.left, scope) + evaluate(e.right, scope);
    case 'sub':
      return evaluate(e.left, scope) - evaluate(e.right, scope);
    case 'mul':
      return evaluate(e.left, scope) * evaluate(e.right, scope);
    case 'div':
      return evaluate(e.left, scope) / evaluate(e.right, scope);
    case 'pow':
      return Math.pow(evaluate(e.left, scope), evaluate(e.right, scope));
  }
}

const PREC: Record<string, number> = { add: 1, sub: 1, mul: 2, div: 2, neg: 3, pow: 4, num: 5, sym: 5 };

/** The expression as text (fully explicit, minimal parentheses), with symbols renamed by `rename`. */
export function print(e: Expr, rename: (s: string) => string = (s) => s): string {
  const wrap = (x: Expr, min: number) => (PREC[x.kind] < min ? `(${print(x, rename)})` : print(x, rename));
  switch (e.kind) {
    case 'num':
      return String(e.value);
    case 'sym':
      return rename(e.name);
    case 'neg':
      return `-${wrap(e.arg, 4)}`;
    case 'add':
      return `${print(e.left, rename)} + ${wrap(e.right, 1)}`;
    case 'sub':
      return `${print(e.left, rename)} - ${wrap(e.right, 2)}`;
    case 'mul':
      return `${wrap(e.left, 2)}*${wrap(e.right, 3)}`;
    case 'div':
      return `${wrap(e.left, 2)}/${wrap(e.right, 3)}`;
    case 'pow':
      return `${wrap(e.left, 5)}^${wrap(e.right, 5)}`;
  }
}
