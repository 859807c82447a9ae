// Forward-mode automatic differentiation of a formula tree (src/symbolic/formula.ts) with respect to
// named parameters, for the general law fitter (./law-fit.ts) [derived: the chain rule, node by node].
//
// The tree is compiled once into straight-line JavaScript (as src/engine/condition.ts and grid.ts do for
// phase conditions): every intermediate value and each of its non-zero partial derivatives becomes a
// local constant, so a derivative that is structurally zero costs nothing. The generated text contains
// only array reads `x[i]` (variables) and `p[j]` (parameters) by index, numeric literals of finite
// numbers, the operators and a fixed list of Math functions: no name or text of the user's reaches it.
import type { Node } from '../symbolic/formula.js';

/** Value of the tree at a row of variables `x` and parameters `p`. */
export type ValueFn = (x: Float64Array, p: Float64Array) => number;
/** Value, and its gradient with respect to `p` written into `g` (every entry). */
export type DualFn = (x: Float64Array, p: Float64Array, g: Float64Array) => number;

/**
 * The Huber objective over all rows in one generated loop (no call per row): rows' variables flattened
 * in `X` (row-major), returns sum_i w_i H(ln L_i_hat - lnL_i)/delta and writes into `g` the gradient with
 * respect to the parameters p (not their logarithms); Infinity when a prediction is not a positive number.
 */
export type HuberFn = (X: Float64Array, LX: Float64Array, lnL: Float64Array, w: Float64Array, n: number, p: Float64Array, g: Float64Array, delta: number) => number;

/** The objective's value only (no gradient). */
export type HuberValueFn = (X: Float64Array, LX: Float64Array, lnL: Float64Array, w: Float64Array, n: number, p: Float64Array, delta: number) => number;

export interface CompiledLaw {
  value: ValueFn;
  dual: DualFn;
  huber: HuberFn;
  huberValue: HuberValueFn;
}

interface Gen {
  /** expression of the value (a local name or a literal) */
  v: string;
  /** parameter index -> expression of the partial derivative (absent: zero) */
  d: Map<number, string>;
}

const MATH1: Record<string, string> = { sqrt: 'Math.sqrt', exp: 'Math.exp', log: 'Math.log', ln: 'Math.log', abs: 'Math.abs' };

function literal(v: number): string {
  if (!Number.isFinite(v)) throw new Error(`number ${v} is not finite`);
  return `(${String(v)})`;
}

/** Compile `node` over variables `vars` (row values) and parameters `params`. Unknown names throw. */
export function compileLaw(node: Node, vars: readonly string[], params: readonly string[]): CompiledLaw {
  const lines: string[] = [];
  let k = 0;
  const local = (expr: string): string => {
    const name = `t${k++}`;
    lines.push(`const ${name} = ${expr};`);
    return name;
  };
  const gen = (n: Node, withD: boolean): Gen => {
    switch (n.type) {
      case 'num':
        return { v: literal(n.value), d: new Map() };
      case 'sym': {
        const j = params.indexOf(n.name);
        if (j >= 0) return { v: `p[${j}]`, d: withD ? new Map([[j, '1']]) : new Map() };
        const i = vars.indexOf(n.name);
        if (i < 0) throw new Error(`name '${n.name}' is neither a variable (${vars.join(', ')}) nor a parameter (${params.join(', ')})`);
        return { v: `x[${i}]`, d: new Map() };
      }
      case 'neg': {
        const a = gen(n.arg, withD);
        const d = new Map<number, string>();
        for (const [j, e] of a.d) d.set(j, local(`-${e}`));
        return { v: local(`-${a.v}`), d };
      }
      case 'call': {
        const args = n.args.map((a) => gen(a, withD));
        if (n.name === 'min' || n.name === 'max') {
          // pairwise: the selected argument's derivative (a subgradient at ties)
          const cmp = n.name === 'min' ? '<=' : '>=';
          return args.slice(1).reduce((acc, b) => {
            const c = local(`${acc.v} ${cmp} ${b.v}`);
            const d = new Map<number, string>();
            for (const j of new Set([...acc.d.keys(), ...b.d.keys()])) d.set(j, local(`${c} ? ${acc.d.get(j) ?? '0'} : ${b.d.get(j) ?? '0'}`));
            return { v: local(`${c} ? ${acc.v} : ${b.v}`), d };
          }, args[0]);
        }
        const f = MATH1[n.name];
        if (!f || args.length !== 1) throw new Error(`unknown function '${n.name}'`);
        const a = args[0];
        const v = local(`${f}(${a.v})`);
        const s = a.d.size === 0 ? '' : local(n.name === 'exp' ? v : n.name === 'sqrt' ? `0.5 / ${v}` : n.name === 'abs' ? `Math.sign(${a.v})` : `1 / ${a.v}`);
        const d = new Map<number, string>();
        for (const [j, e] of a.d) d.set(j, local(`${s} * ${e}`));
        return { v, d };
      }
      case 'bin': {
        const a = gen(n.left, withD);
        const b = gen(n.right, withD);
        const d = new Map<number, string>();
        const keys = new Set([...a.d.keys(), ...b.d.keys()]);
        switch (n.op) {
          case '+':
          case '-': {
            for (const j of keys) {
              const da = a.d.get(j), db = b.d.get(j);
              d.set(j, local(da && db ? `${da} ${n.op} ${db}` : da ? da : n.op === '-' ? `-${db}` : db!));
            }
            return { v: local(`${a.v} ${n.op} ${b.v}`), d };
          }
          case '*': {
            for (const j of keys) {
              const da = a.d.get(j), db = b.d.get(j);
              d.set(j, local(da && db ? `${da} * ${b.v} + ${a.v} * ${db}` : da ? `${da} * ${b.v}` : `${a.v} * ${db}`));
            }
            return { v: local(`${a.v} * ${b.v}`), d };
          }
          case '/': {
            const v = local(`${a.v} / ${b.v}`);
            // d(a/b) = (da - (a/b) db) / b
            for (const j of keys) {
              const da = a.d.get(j), db = b.d.get(j);
              d.set(j, local(da && db ? `(${da} - ${v} * ${db}) / ${b.v}` : da ? `${da} / ${b.v}` : `-${v} * ${db} / ${b.v}`));
            }
            return { v, d };
          }
          case '^': {
            // a variable's power as exp(b ln x), with ln x read from the row's logarithms `lx`
            const xv = /^x\[(\d+)\]$/.exec(a.v);
            const ln = xv ? `lx[${xv[1]}]` : `Math.log(${a.v})`;
            const v = local(xv ? `Math.exp(${b.v} * ${ln})` : `Math.pow(${a.v}, ${b.v})`);
            // d(a^b) = b a^(b-1) da + a^b ln(a) db
            const sa = a.d.size ? local(`${b.v} * Math.pow(${a.v}, ${b.v} - 1)`) : '';
            const sb = b.d.size ? local(`${v} * ${ln}`) : '';
            for (const j of keys) {
              const da = a.d.get(j), db = b.d.get(j);
              d.set(j, local(da && db ? `${sa} * ${da} + ${sb} * ${db}` : da ? `${sa} * ${da}` : `${sb} * ${db}`));
            }
            return { v, d };
          }
        }
      }
    }
    throw new Error('unknown node');
  };

  const r = gen(node, true);
  const grads = params.map((_, j) => `g[${j}] = ${r.d.get(j) ?? '0'};`);
  const lxLine = `const lx = [${vars.map((_, i) => `Math.log(x[${i}])`).join(', ')}];`;
  const dualBody = [lxLine, ...lines, ...grads, `return ${r.v};`].join('\n');
  lines.length = 0;
  k = 0;
  const rv = gen(node, false);
  const valueBody = [lxLine, ...lines, `return ${rv.v};`].join('\n');
  // the fused objective: the dual body per row with x[i] read from X at the row's offset
  lines.length = 0;
  k = 0;
  const rh = gen(node, true);
  const V = vars.length;
  const rowBody = lines.join('\n').replace(/\b(x|lx)\[(\d+)\]/g, (_, a: string, i: string) => `${a === 'x' ? 'X' : 'LX'}[o + ${i}]`);
  const rv2 = rh.v.replace(/\bx\[(\d+)\]/g, (_, i: string) => `X[o + ${i}]`);
  const huberBody = [
    ...params.map((_, j) => `let a${j} = 0;`),
    'let f = 0;',
    'for (let i = 0; i < n; i++) {',
    '  const wi = w[i];',
    '  if (wi === 0) continue;',
    `  const o = i * ${V};`,
    rowBody,
    `  const L = ${rv2};`,
    '  if (!(L > 0) || L === Infinity) return Infinity;',
    '  const r = Math.log(L) - lnL[i];',
    '  const ar = Math.abs(r);',
    '  let psi;',
    '  if (ar <= delta) { f += wi * 0.5 * r * r / delta; psi = wi * r / delta / L; }',
    '  else { f += wi * (ar - 0.5 * delta); psi = (r > 0 ? wi : -wi) / L; }',
    ...params.map((_, j) => (rh.d.has(j) ? `  a${j} += psi * ${rh.d.get(j)!.replace(/\bx\[(\d+)\]/g, (_m, i: string) => `X[o + ${i}]`)};` : '')),
    '}',
    ...params.map((_, j) => `g[${j}] = a${j};`),
    // a gradient that is not a number (0/0 at a degenerate point) makes the point unusable
    `if (${params.map((_, j) => `a${j} - a${j} !== 0`).join(' || ') || 'false'}) return Infinity;`,
    'return f;',
  ].join('\n');
  // the same loop without derivatives (scoring the grid of starting points)
  lines.length = 0;
  k = 0;
  const rs = gen(node, false);
  const sub = (t: string) => t.replace(/\b(x|lx)\[(\d+)\]/g, (_, a: string, i: string) => `${a === 'x' ? 'X' : 'LX'}[o + ${i}]`);
  const scoreBody = [
    'let f = 0;',
    'for (let i = 0; i < n; i++) {',
    '  const wi = w[i];',
    '  if (wi === 0) continue;',
    `  const o = i * ${V};`,
    sub(lines.join('\n')),
    `  const L = ${sub(rs.v)};`,
    '  if (!(L > 0) || L === Infinity) return Infinity;',
    '  const ar = Math.abs(Math.log(L) - lnL[i]);',
    '  f += ar <= delta ? wi * 0.5 * ar * ar / delta : wi * (ar - 0.5 * delta);',
    '}',
    'return f;',
  ].join('\n');
  return {
    huberValue: new Function('X', 'LX', 'lnL', 'w', 'n', 'p', 'delta', scoreBody) as HuberValueFn,
    value: new Function('x', 'p', valueBody) as ValueFn,
    dual: new Function('x', 'p', 'g', dualBody) as DualFn,
    huber: new Function('X', 'LX', 'lnL', 'w', 'n', 'p', 'g', 'delta', huberBody) as HuberFn,
  };
}
