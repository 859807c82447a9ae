// User-written laws and mappings ("E + A/N^alpha", "S^2*(d+1)/16") as trees of the project's one safe
// formula reader (src/symbolic/formula.ts), with functions refused. No evaluation of code, no built-in
// constants: every name is the user's own symbol (so `E` is never Euler's number and `N`, `C`, `B` are
// never units). Errors name the offending text and its position.
import { parseFormula, symbolsOf, type Node } from '../symbolic/formula.js';

/** A law's expression: a formula tree (parseExpr refuses function calls). */
export type Expr = Node;

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
  const call = findCall(tree);
  if (call) throw new LawSyntaxError(`'${text}': ${call}(...): functions are not supported (a law is a sum of power-law terms)`);
  return tree;
}

function findCall(n: Node): string | null {
  switch (n.type) {
    case 'call':
      return n.name;
    case 'neg':
      return findCall(n.arg);
    case 'bin':
      return findCall(n.left) ?? findCall(n.right);
    default:
      return null;
  }
}

/** A number node. */
export const num = (value: number): Expr => ({ type: 'num', value, text: String(value) });
/** A binary node. */
export const bin = (op: '+' | '-' | '*' | '/' | '^', left: Expr, right: Expr): Expr => ({ type: 'bin', op, left, right });
export const neg = (arg: Expr): Expr => ({ type: 'neg', arg });

/** Every symbol of an expression. */
export function symbols(e: Expr, out = new Set<string>()): Set<string> {
  for (const s of symbolsOf(e)) out.add(s);
  return out;
}

/** Numeric value with the symbols bound in `scope` (own keys); throws naming an unbound symbol. */
export function evaluate(e: Expr, scope: Record<string, number>): number {
  switch (e.type) {
    case 'num':
      return e.value;
    case 'sym': {
      const v = Object.hasOwn(scope, e.name) ? scope[e.name] : undefined;
      if (v === undefined) throw new LawSyntaxError(`symbol '${e.name}' has no value`);
      return v;
    }
    case 'neg':
      return -evaluate(e.arg, scope);
    case 'bin': {
      const l = evaluate(e.left, scope), r = evaluate(e.right, scope);
      switch (e.op) {
        case '+':
          return l + r;
        case '-':
          return l - r;
        case '*':
          return l * r;
        case '/':
          return l / r;
        case '^':
          return Math.pow(l, r);
      }
      break;
    }
    case 'call':
      break;
  }
  throw new LawSyntaxError(`${e.type === 'call' ? `${e.name}(...)` : 'this expression'}: functions are not supported in a law`);
}

const PREC: Record<string, number> = { '+': 1, '-': 1, '*': 2, '/': 2, neg: 3, '^': 4, num: 5, sym: 5 };
const prec = (e: Expr) => (e.type === 'bin' ? PREC[e.op] : PREC[e.type]);

/** The expression as text for the engine (numbers in plain decimal, minimal parentheses), symbols renamed by `rename`. */
export function print(e: Expr, rename: (s: string) => string = (s) => s): string {
  const wrap = (x: Node, min: number) => (prec(x) < min ? `(${print(x, rename)})` : print(x, rename));
  switch (e.type) {
    case 'num':
      return String(e.value);
    case 'sym':
      return rename(e.name);
    case 'neg':
      return `-${wrap(e.arg, 4)}`;
    case 'bin':
      switch (e.op) {
        case '+':
          return `${print(e.left, rename)} + ${wrap(e.right, 1)}`;
        case '-':
          return `${print(e.left, rename)} - ${wrap(e.right, 2)}`;
        case '*':
          return `${wrap(e.left, 2)}*${wrap(e.right, 3)}`;
        case '/':
          return `${wrap(e.left, 2)}/${wrap(e.right, 3)}`;
        case '^':
          return `${wrap(e.left, 5)}^${wrap(e.right, 5)}`;
      }
      break;
    case 'call':
      return `${e.name}(${e.args.map((a) => print(a, rename)).join(', ')})`;
  }
  throw new LawSyntaxError('unknown expression');
}
