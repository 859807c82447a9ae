// A small, safe arithmetic-expression reader for user-written laws and mappings ("E + A/N^alpha",
// "S^2*(d+1)/16"): numbers, names, + - * / ^, parentheses. No functions, no evaluation of code, no
// built-in constants: every name is the user's own symbol (so `E` is never Euler's number and `N`, `C`,
// `B` are never units, libraries.md §2). Errors name the offending text and its position.

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

type Token = { type: 'num'; value: number; pos: number } | { type: 'name'; value: string; pos: number } | { type: 'op'; value: string; pos: number };

const NAME = /^[A-Za-z_][A-Za-z0-9_]*/;
const NUMBER = /^(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?/;

function tokenize(text: string): Token[] {
  const out: Token[] = [];
  let i = 0;
  while (i < text.length) {
    const c = text[i];
    if (/\s/.test(c)) {
      i++;
      continue;
    }
    const rest = text.slice(i);
    const num = NUMBER.exec(rest);
    if (num) {
      out.push({ type: 'num', value: Number(num[0]), pos: i });
      i += num[0].length;
      continue;
    }
    const name = NAME.exec(rest);
    if (name) {
      out.push({ type: 'name', value: name[0], pos: i });
      i += name[0].length;
      continue;
    }
    if (rest.startsWith('**')) {
      out.push({ type: 'op', value: '^', pos: i });
      i += 2;
      continue;
    }
    if ('+-*/^()'.includes(c)) {
      out.push({ type: 'op', value: c, pos: i });
      i++;
      continue;
    }
    throw new LawSyntaxError(`'${text}': unexpected character '${c}' at position ${i + 1} (allowed: numbers, names, + - * / ^ and parentheses)`);
  }
  return out;
}

/** Parse an expression; throws LawSyntaxError naming the position. */
export function parseExpr(text: string): Expr {
  const toks = tokenize(text);
  let k = 0;
  const peek = () => toks[k];
  const where = () => (k < toks.length ? `at position ${toks[k].pos + 1} ('${String(toks[k].value)}')` : 'at the end');
  const isOp = (v: string) => k < toks.length && toks[k].type === 'op' && toks[k].value === v;
  function sum(): Expr {
    let left = product();
    while (isOp('+') || isOp('-')) {
      const op = toks[k++].value === '+' ? 'add' : 'sub';
      left = { kind: op, left, right: product() };
    }
    return left;
  }
  function product(): Expr {
    let left = unary();
    while (isOp('*') || isOp('/')) {
      const op = toks[k++].value === '*' ? 'mul' : 'div';
      left = { kind: op, left, right: unary() };
    }
    return left;
  }
  function unary(): Expr {
    if (isOp('-')) {
      k++;
      return { kind: 'neg', arg: unary() };
    }
    if (isOp('+')) {
      k++;
      return unary();
    }
    return power();
  }
  function power(): Expr {
    const base = primary();
    if (isOp('^')) {
      k++;
      return { kind: 'pow', left: base, right: unary() }; // right-associative; allows N^-alpha
    }
    return base;
  }
  function primary(): Expr {
    const t = peek();
    if (!t) throw new LawSyntaxError(`'${text}': expression ends too early`);
    if (t.type === 'num') {
      k++;
      return { kind: 'num', value: t.value };
    }
    if (t.type === 'name') {
      k++;
      if (isOp('(')) throw new LawSyntaxError(`'${text}': ${t.value}(...) at position ${t.pos + 1}: functions are not supported (a law is a sum of power-law terms)`);
      return { kind: 'sym', name: t.value };
    }
    if (t.value === '(') {
      k++;
      const e = sum();
      if (!isOp(')')) throw new LawSyntaxError(`'${text}': missing ')' ${where()}`);
      k++;
      return e;
    }
    throw new LawSyntaxError(`'${text}': unexpected '${t.value}' ${where()}`);
  }
  if (toks.length === 0) throw new LawSyntaxError('empty expression');
  const e = sum();
  if (k < toks.length) throw new LawSyntaxError(`'${text}': unexpected ${where()}`);
  return e;
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
