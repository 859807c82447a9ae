// User-written formulas (claims files, laws, mappings), parsed without `eval`: the one safe reader of
// user text in the project (src/validate uses the trees directly; src/law/expr.ts converts them to its
// power-law terms).
//
// A claim's text never reaches a code generator or nerdamer unchecked: it is tokenised and parsed here
// into a small tree (numbers, the names a claim may use, + - * / ^, and the functions below), which is
// evaluated by walking it and printed back, fully parenthesised, for the symbolic comparison in
// src/symbolic/cas.ts. Anything else (quotes, dots after names, brackets, unknown names) is an error
// that names the offending text.

export class FormulaError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'FormulaError';
  }
}

/** Functions a claim may use, with their arity and meaning (log and ln are the natural logarithm). */
const FUNCTIONS: Record<string, { arity: [number, number]; fn: (...x: number[]) => number }> = {
  sqrt: { arity: [1, 1], fn: Math.sqrt },
  exp: { arity: [1, 1], fn: Math.exp },
  log: { arity: [1, 1], fn: Math.log },
  ln: { arity: [1, 1], fn: Math.log },
  abs: { arity: [1, 1], fn: Math.abs },
  min: { arity: [2, 8], fn: Math.min },
  max: { arity: [2, 8], fn: Math.max },
};

export type Node =
  | { type: 'num'; value: number; text: string }
  | { type: 'sym'; name: string }
  | { type: 'neg'; arg: Node }
  | { type: 'bin'; op: '+' | '-' | '*' | '/' | '^'; left: Node; right: Node }
  | { type: 'call'; name: string; args: Node[] };

interface Token {
  kind: 'num' | 'name' | 'op' | '(' | ')' | ',';
  text: string;
  pos: number;
}

const NUMBER = /^(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?/;
const NAME = /^[A-Za-z_][A-Za-z0-9_]*/;

function tokenize(text: string): Token[] {
  const out: Token[] = [];
  let i = 0;
  while (i < text.length) {
    const c = text[i];
    if (c === ' ' || c === '\t') {
      i++;
      continue;
    }
    const rest = text.slice(i);
    const num = rest.match(NUMBER);
    if (num) {
      out.push({ kind: 'num', text: num[0], pos: i });
      i += num[0].length;
      // a name glued to a number (2alpha) or a second dot (1.2.3) is not allowed
      if (i < text.length && /[A-Za-z_.]/.test(text[i])) throw new FormulaError(`unexpected '${text[i]}' after the number ${num[0]} at position ${i + 1} in '${text}'`);
      continue;
    }
    const name = rest.match(NAME);
    if (name) {
      out.push({ kind: 'name', text: name[0], pos: i });
      i += name[0].length;
      continue;
    }
    if (rest.startsWith('**')) {
      out.push({ kind: 'op', text: '^', pos: i });
      i += 2;
      continue;
    }
    if ('+-*/^'.includes(c)) out.push({ kind: 'op', text: c, pos: i });
    else if (c === '(' || c === ')' || c === ',') out.push({ kind: c, text: c, pos: i });
    else throw new FormulaError(`unexpected character '${c}' at position ${i + 1} in '${text}' (allowed: numbers, names, + - * / ^, parentheses and ${Object.keys(FUNCTIONS).join(', ')})`);
    i++;
  }
  return out;
}

/** Parse `text` into a tree; `symbols` are the names it may use (anything else is an error; null: any name). */
export function parseFormula(text: string, symbols: readonly string[] | null): Node {
  if (typeof text !== 'string' || text.trim() === '') throw new FormulaError('empty formula');
  if (text.length > 2000) throw new FormulaError(`formula longer than 2000 characters`);
  const toks = tokenize(text);
  let k = 0;
  const allowed = new Set(symbols ?? []);
  const peek = () => toks[k];
  const fail = (what: string): never => {
    const t = toks[k];
    throw new FormulaError(`${what} ${t ? `at '${t.text}' (position ${t.pos + 1})` : 'at the end'} in '${text}'`);
  };
  const expect = (kind: Token['kind']) => {
    if (!toks[k] || toks[k].kind !== kind) fail(kind === ')' ? `missing ')'` : `expected '${kind}'`);
    k++;
  };
  function sum(): Node {
    let left = product();
    while (peek() && peek().kind === 'op' && (peek().text === '+' || peek().text === '-')) {
      const op = toks[k++].text as '+' | '-';
      left = { type: 'bin', op, left, right: product() };
    }
    return left;
  }
  function product(): Node {
    let left = unary();
    while (peek() && peek().kind === 'op' && (peek().text === '*' || peek().text === '/')) {
      const op = toks[k++].text as '*' | '/';
      left = { type: 'bin', op, left, right: unary() };
    }
    return left;
  }
  function unary(): Node {
    const t = peek();
    if (t && t.kind === 'op' && (t.text === '-' || t.text === '+')) {
      k++;
      const arg = unary();
      return t.text === '-' ? { type: 'neg', arg } : arg;
    }
    return power();
  }
  function power(): Node {
    const base = atom();
    const t = peek();
    if (t && t.kind === 'op' && t.text === '^') {
      k++;
      return { type: 'bin', op: '^', left: base, right: unary() };
    }
    return base;
  }
  function atom(): Node {
    const t = peek();
    if (!t) return fail('expected a number, a name or (');
    if (t.kind === 'num') {
      k++;
      const value = Number(t.text);
      if (!Number.isFinite(value)) throw new FormulaError(`number ${t.text} is not finite in '${text}'`);
      return { type: 'num', value, text: t.text };
    }
    if (t.kind === 'name') {
      k++;
      if (peek() && peek().kind === '(') {
        const f = FUNCTIONS[t.text];
        if (!f) throw new FormulaError(`unknown function '${t.text}' in '${text}' (allowed: ${Object.keys(FUNCTIONS).join(', ')})`);
        k++;
        const args = [sum()];
        while (peek() && peek().kind === ',') {
          k++;
          args.push(sum());
        }
        expect(')');
        if (args.length < f.arity[0] || args.length > f.arity[1]) throw new FormulaError(`${t.text} takes ${f.arity[0] === f.arity[1] ? f.arity[0] : `${f.arity[0]} to ${f.arity[1]}`} argument(s), got ${args.length} in '${text}'`);
        return { type: 'call', name: t.text, args };
      }
      if (symbols !== null && !allowed.has(t.text)) {
        throw new FormulaError(`unknown name '${t.text}' in '${text}' (allowed: ${[...allowed].join(', ') || 'numbers only'})`);
      }
      return { type: 'sym', name: t.text };
    }
    if (t.kind === '(') {
      k++;
      const e = sum();
      expect(')');
      return e;
    }
    return fail('expected a number, a name or (');
  }
  const tree = sum();
  if (k < toks.length) fail('unexpected');
  return tree;
}

/** Names used by a tree. */
export function symbolsOf(node: Node, out = new Set<string>()): Set<string> {
  switch (node.type) {
    case 'sym':
      out.add(node.name);
      break;
    case 'neg':
      symbolsOf(node.arg, out);
      break;
    case 'bin':
      symbolsOf(node.left, out);
      symbolsOf(node.right, out);
      break;
    case 'call':
      node.args.forEach((a) => symbolsOf(a, out));
      break;
  }
  return out;
}

/** Replace names by trees (a theory's definitions such as sigma = 2*alpha + 2*beta - 1). */
export function substituteNames(node: Node, subs: Record<string, Node>): Node {
  switch (node.type) {
    case 'sym':
      return Object.hasOwn(subs, node.name) ? subs[node.name] : node;
    case 'neg':
      return { type: 'neg', arg: substituteNames(node.arg, subs) };
    case 'bin':
      return { ...node, left: substituteNames(node.left, subs), right: substituteNames(node.right, subs) };
    case 'call':
      return { ...node, args: node.args.map((a) => substituteNames(a, subs)) };
    default:
      return node;
  }
}

/** Numeric evaluator: a closure over the parameter vector (in `params` order), no code generation. */
export function compileFormula(node: Node, params: readonly string[]): (x: readonly number[]) => number {
  switch (node.type) {
    case 'num': {
      const v = node.value;
      return () => v;
    }
    case 'sym': {
      const i = params.indexOf(node.name);
      if (i < 0) throw new FormulaError(`name '${node.name}' is not a parameter (${params.join(', ')})`);
      return (x) => x[i];
    }
    case 'neg': {
      const f = compileFormula(node.arg, params);
      return (x) => -f(x);
    }
    case 'bin': {
      const l = compileFormula(node.left, params);
      const r = compileFormula(node.right, params);
      switch (node.op) {
        case '+':
          return (x) => l(x) + r(x);
        case '-':
          return (x) => l(x) - r(x);
        case '*':
          return (x) => l(x) * r(x);
        case '/':
          return (x) => l(x) / r(x);
        case '^':
          return (x) => Math.pow(l(x), r(x));
      }
      throw new FormulaError('unknown operator');
    }
    case 'call': {
      const fs = node.args.map((a) => compileFormula(a, params));
      const fn = FUNCTIONS[node.name].fn;
      return (x) => fn(...fs.map((f) => f(x)));
    }
  }
}

/** The tree as a JavaScript expression over the named parameters (for generated classifiers and caches). */
export function toJs(node: Node, params: readonly string[]): string {
  // constant subtrees (1/4, 1 - 1/sqrt(2)) are folded to one number literal (full precision)
  if (node.type !== 'num' && symbolsOf(node).size === 0) {
    const v = compileFormula(node, [])([]);
    if (Number.isFinite(v)) return `(${v})`;
  }
  switch (node.type) {
    case 'num':
      return `(${node.value})`;
    case 'sym':
      if (!params.includes(node.name)) throw new FormulaError(`name '${node.name}' is not a parameter (${params.join(', ')})`);
      return node.name;
    case 'neg':
      return `(-${toJs(node.arg, params)})`;
    case 'bin':
      return node.op === '^' ? `Math.pow(${toJs(node.left, params)}, ${toJs(node.right, params)})` : `(${toJs(node.left, params)} ${node.op} ${toJs(node.right, params)})`;
    case 'call':
      return `Math.${node.name === 'ln' ? 'log' : node.name}(${node.args.map((a) => toJs(a, params)).join(', ')})`;
  }
}

/** The tree as text for the CAS (fully parenthesised; numbers in plain decimal or as a power of ten). */
export function toCasString(node: Node): string {
  switch (node.type) {
    case 'num': {
      const m = node.text.match(/^(\d+\.?\d*|\.\d+)[eE]([+-]?\d+)$/);
      return m ? `(${m[1]}*10^(${Number(m[2])}))` : node.text;
    }
    case 'sym':
      return node.name;
    case 'neg':
      return `(-(${toCasString(node.arg)}))`;
    case 'bin':
      return `((${toCasString(node.left)})${node.op}(${toCasString(node.right)}))`;
    case 'call':
      return `${node.name === 'ln' ? 'log' : node.name}(${node.args.map(toCasString).join(',')})`;
  }
}

/** The tree as readable text, with the parentheses precedence needs (used in messages). */
export function toText(node: Node): string {
  return show(node, 0);
}
const PREC: Record<string, number> = { '+': 1, '-': 1, '*': 2, '/': 2, '^': 4 };
function show(n: Node, outer: number): string {
  switch (n.type) {
    case 'num':
      return n.text;
    case 'sym':
      return n.name;
    case 'call':
      return `${n.name}(${n.args.map((a) => show(a, 0)).join(', ')})`;
    case 'neg': {
      const t = `-${show(n.arg, 3)}`;
      return outer > 1 ? `(${t})` : t;
    }
    case 'bin': {
      const p = PREC[n.op];
      // left-associative + - * /: the right operand of - and / needs parentheses at equal precedence
      const left = show(n.left, n.op === '^' ? p + 1 : p);
      const right = show(n.right, n.op === '^' ? p : n.op === '-' || n.op === '/' ? p + 1 : p);
      const t = n.op === '^' ? `${left}^${right}` : `${left} ${n.op} ${right}`;
      return p < outer ? `(${t})` : t;
    }
  }
}

// ---- inequalities and equations ------------------------------------------------------------------

export interface ParsedInequality {
  text: string;
  /** positive where the inequality holds */
  margin: Node;
}

/**
 * `lhs < rhs` or `lhs > rhs`: the one reader of inequalities (theory files, claims, regions). `<=` and
 * `>=` are read as strict: every region of the project is open, its boundary lines belong to no phase.
 */
export function parseInequality(text: string, symbols: readonly string[] | null): ParsedInequality {
  if (typeof text !== 'string') throw new FormulaError('an inequality must be a string');
  const parts = text.split(/(<=|>=|<|>)/);
  if (parts.length !== 3) throw new FormulaError(`'${text}' is not an inequality 'lhs < rhs' or 'lhs > rhs'`);
  const [l, op, r] = parts;
  if (/[=!]/.test(l + r)) throw new FormulaError(`'${text}' is not an inequality 'lhs < rhs' or 'lhs > rhs'`);
  const lhs = parseFormula(l, symbols);
  const rhs = parseFormula(r, symbols);
  const margin: Node = op.startsWith('>') ? { type: 'bin', op: '-', left: lhs, right: rhs } : { type: 'bin', op: '-', left: rhs, right: lhs };
  return { text, margin };
}

export interface ParsedEquation {
  text: string;
  /** lhs - rhs: zero on the curve */
  residual: Node;
}

/** `lhs = rhs` (a curve in parameter space). */
export function parseEquation(text: string, symbols: readonly string[] | null): ParsedEquation {
  if (typeof text !== 'string') throw new FormulaError('an equation must be a string');
  const parts = text.split(/==|=/);
  if (parts.length !== 2 || /[<>!]/.test(text)) throw new FormulaError(`'${text}' is not an equation 'lhs = rhs'`);
  const lhs = parseFormula(parts[0], symbols);
  const rhs = parseFormula(parts[1], symbols);
  return { text, residual: { type: 'bin', op: '-', left: lhs, right: rhs } };
}
