// The one printer of formulas, in text and LaTeX, as a theorist writes them (docs/printer.md):
// a rational function in lowest terms, numerator and denominator factored over the integers, integer
// coefficients, the parameters in the theory's order, `1 - m/D` or a positive leading term where that is
// shorter. Input is read by the project's one safe formula reader (formula.ts); the algebra is exact
// (src/symbolic/rational, bigint), bounded, and independent of nerdamer.
import { FormulaError, parseEquation, parseFormula, parseInequality, toText, type Node } from './formula.js';
import { AlgebraLimitError, NotRationalError, Poly, RatFunc, exactDiv, factor, gcd, ratFromNode, resetWork, type Factored, type Term } from './rational/index.js';

export interface PrintOptions {
  /** the theory's parameters, in its order (this order is the order of terms and factors) */
  params: readonly string[];
  /** log-variables (e.g. `u`, `phi`): an expression linear in them is printed as a sum of coefficient*variable */
  variables?: readonly string[];
  /** LaTeX of a symbol (default: Greek names as `\alpha`, `F_pp` as `F_{pp}`, other names upright) */
  latex?: Readonly<Record<string, string>>;
  /** a point (e.g. inside the phase): every factor is written with the sign it has there */
  at?: Readonly<Record<string, number>>;
  /** `error` (default): a non-rational input throws PrintError; `verbatim`: it is printed as written */
  nonRational?: 'error' | 'verbatim';
}

export interface Printed {
  text: string;
  latex: string;
}

export type RelationOp = '<' | '>' | '<=' | '>=' | '=';

/** An input the printer cannot handle: names the input and the reason. */
export class PrintError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'PrintError';
  }
}

// ---- documents: the printed structure, serialised to text or LaTeX ---------------------------------

type Doc =
  | { k: 'num'; v: bigint }
  | { k: 'sym'; i: number }
  | { k: 'pow'; base: Doc; e: number }
  | { k: 'prod'; fs: Doc[] }
  | { k: 'sum'; ts: SignedDoc[] }
  | { k: 'frac'; n: Doc; d: Doc }
  | { k: 'neg'; d: Doc };

interface SignedDoc {
  neg: boolean;
  d: Doc;
}

interface Ctx {
  names: readonly string[];
  latex: readonly string[];
  /** the orientation point, NaN where not given */
  at: readonly number[];
  /** factorisations already computed in this print */
  memo: Map<string, Factored>;
}

function text(d: Doc, c: Ctx): string {
  switch (d.k) {
    case 'num':
      return d.v.toString();
    case 'sym':
      return c.names[d.i];
    case 'pow':
      return `${atomic(d.base) ? text(d.base, c) : `(${text(d.base, c)})`}^${d.e}`;
    case 'prod':
      return d.fs.map((f) => (f.k === 'sum' || f.k === 'neg' || f.k === 'frac' ? `(${text(f, c)})` : text(f, c))).join('*');
    case 'sum':
      return d.ts.map((t, j) => (j === 0 ? (t.neg ? '-' : '') : t.neg ? ' - ' : ' + ') + (t.d.k === 'sum' || t.d.k === 'neg' ? `(${text(t.d, c)})` : text(t.d, c))).join('');
    case 'frac': {
      const n = d.n.k === 'sum' || d.n.k === 'neg' ? `(${text(d.n, c)})` : text(d.n, c);
      const den = atomic(d.d) || d.d.k === 'pow' ? text(d.d, c) : `(${text(d.d, c)})`;
      return `${n}/${den}`;
    }
    case 'neg':
      return `-${d.d.k === 'sum' ? `(${text(d.d, c)})` : text(d.d, c)}`;
  }
}

function latex(d: Doc, c: Ctx): string {
  switch (d.k) {
    case 'num':
      return d.v.toString();
    case 'sym':
      return c.latex[d.i];
    case 'pow':
      return `${atomic(d.base) ? latex(d.base, c) : lparen(latex(d.base, c))}^{${d.e}}`;
    case 'prod': {
      let out = '';
      for (const f of d.fs) {
        const s = f.k === 'sum' || f.k === 'neg' ? lparen(latex(f, c)) : latex(f, c);
        // juxtaposition, no \cdot; a space only where a command name would run into a letter (\alpha b)
        out += /\\[A-Za-z]+$/.test(out) && /^[A-Za-z]/.test(s) ? ` ${s}` : s;
      }
      return out;
    }
    case 'sum':
      return d.ts.map((t, j) => (j === 0 ? (t.neg ? '-' : '') : t.neg ? ' - ' : ' + ') + (t.d.k === 'sum' || t.d.k === 'neg' ? lparen(latex(t.d, c)) : latex(t.d, c))).join('');
    case 'frac':
      return `\\frac{${latex(d.n, c)}}{${latex(d.d, c)}}`;
    case 'neg':
      return `-${d.d.k === 'sum' ? lparen(latex(d.d, c)) : latex(d.d, c)}`;
  }
}

/** Parentheses in LaTeX: `\\left( \\right)` only around something tall (a fraction). */
function lparen(s: string): string {
  return s.includes('\\frac') ? `\\left(${s}\\right)` : `(${s})`;
}

function atomic(d: Doc): boolean {
  return d.k === 'num' || d.k === 'sym';
}

function product(fs: Doc[]): Doc {
  return fs.length === 0 ? { k: 'num', v: 1n } : fs.length === 1 ? fs[0] : { k: 'prod', fs };
}

function signed(s: SignedDoc): Doc {
  return s.neg ? { k: 'neg', d: s.d } : s.d;
}

/** A sum whose first term is positive where any term is: the first positive term is moved to the front. */
function sumOf(ts: SignedDoc[]): SignedDoc {
  if (ts.length === 0) return { neg: false, d: { k: 'num', v: 0n } };
  if (ts.length === 1) return ts[0];
  const j = ts.findIndex((t) => !t.neg);
  const order = j > 0 ? [ts[j], ...ts.slice(0, j), ...ts.slice(j + 1)] : ts;
  return { neg: false, d: { k: 'sum', ts: order } };
}

// ---- polynomials ---------------------------------------------------------------------------------

/** Powers of the variables of an exponent vector, in the theory's order. */
function monomialDocs(e: readonly number[]): Doc[] {
  const out: Doc[] = [];
  e.forEach((x, i) => {
    if (x === 1) out.push({ k: 'sym', i });
    else if (x > 1) out.push({ k: 'pow', base: { k: 'sym', i }, e: x });
  });
  return out;
}

function termDoc(t: Term): SignedDoc {
  const a = t.c < 0n ? -t.c : t.c;
  const ms = monomialDocs(t.e);
  return { neg: t.c < 0n, d: product(a === 1n && ms.length ? ms : [{ k: 'num', v: a }, ...ms]) };
}

/** p (at least two terms) written out: terms in lexicographic order of the theory's parameters. */
function expanded(p: Poly): SignedDoc {
  return sumOf(p.terms.map(termDoc));
}

/**
 * p grouped by its last variable w: sum_k w^k C_k with each C_k factored (`2*beta*(1 - alpha) - alpha`).
 * Null when no coefficient C_k (k >= 1) has two or more terms (then grouping changes nothing).
 */
function grouped(p: Poly, c: Ctx): SignedDoc | null {
  const vars = p.variablesPresent();
  if (vars.length < 2) return null;
  const w = vars[vars.length - 1];
  const cs = p.coefficientsIn(w);
  if (!cs.some((ck, k) => k >= 1 && ck.terms.length >= 2)) return null;
  const ts: SignedDoc[] = [];
  for (let k = cs.length - 1; k >= 1; k--) {
    const ck = cs[k];
    if (ck.isZero()) continue;
    const wk = new Array(p.nv).fill(0);
    wk[w] = k;
    if (ck.terms.length === 1) {
      ts.push(termDoc({ e: ck.terms[0].e.map((x, i) => x + wk[i]), c: ck.terms[0].c }));
      continue;
    }
    const f = factored(ck, c, wk);
    ts.push(f);
  }
  for (const t of cs[0].terms) ts.push(termDoc(t));
  return sumOf(ts);
}

/** A factor (at least two terms) as a document: the shorter of expanded and grouped (ties: expanded). */
function polyDoc(p: Poly, c: Ctx): SignedDoc {
  const e = expanded(p);
  const g = grouped(p, c);
  if (!g) return e;
  return text(signed(g), c).length < text(signed(e), c).length ? g : e;
}

/** +1 or -1: the sign that orients p (positive at the point `at` when given and p is not ~0 there, else positive leading coefficient). */
function orientation(p: Poly, c: Ctx): 1 | -1 {
  const vars = p.variablesPresent();
  if (vars.every((i) => Number.isFinite(c.at[i]))) {
    const v = p.evaluate(c.at);
    const scale = p.evaluateAbs(c.at);
    if (Math.abs(v) > 1e-9 * scale) return v < 0 ? -1 : 1;
  }
  return p.lc() < 0n ? -1 : 1;
}

interface FactorList {
  neg: boolean;
  docs: Doc[];
}

/** factor(p), computed once per polynomial within one print (the candidates of rule 8 share factors). */
function factorOnce(p: Poly, c: Ctx): Factored {
  const k = p.key();
  let f = c.memo.get(k);
  if (!f) {
    f = factor(p);
    c.memo.set(k, f);
  }
  return f;
}

/** Factor p over Z and orient each factor; `extra` exponents are multiplied into the monomial part. */
function factorList(p: Poly, c: Ctx, extra?: readonly number[], flipSingle = false): FactorList {
  const f = factorOnce(p, c);
  let neg = f.unit < 0n;
  const flip = flipSingle && f.factors.length === 1 && f.factors[0].m === 1;
  const polys = f.factors.map(({ p: q, m }) => {
    const s = flip ? -orientation(q, c) : orientation(q, c);
    if (s < 0 && m % 2 === 1) neg = !neg;
    return { p: s < 0 ? q.neg() : q, m };
  });
  const keyed = polys.map((x) => {
    const vs = x.p.variablesPresent();
    return { ...x, k1: vs[vs.length - 1], k2: x.p.totalDegree(), k3: text(signed(expanded(x.p)), c) };
  });
  keyed.sort((a, b) => a.k1 - b.k1 || a.k2 - b.k2 || (a.k3 < b.k3 ? -1 : a.k3 > b.k3 ? 1 : 0));
  const mono = extra ? f.monomial.map((x, i) => x + extra[i]) : f.monomial;
  const unit = f.unit < 0n ? -f.unit : f.unit;
  const docs: Doc[] = [];
  if (unit !== 1n) docs.push({ k: 'num', v: unit });
  docs.push(...monomialDocs(mono));
  for (const x of keyed) {
    const pd = polyDoc(x.p, c);
    // an oriented factor is printed as a sum with positive lead where possible; a wholly negative one keeps its signs
    const d = signed(pd);
    docs.push(x.m === 1 ? d : { k: 'pow', base: d, e: x.m });
  }
  return { neg, docs };
}

/** p factored, times x^extra, as one signed product (used for the coefficients of a grouped polynomial). */
function factored(p: Poly, c: Ctx, extra: readonly number[]): SignedDoc {
  const f = factorList(p, c, extra);
  return { neg: f.neg, d: product(f.docs) };
}

// ---- rational functions ----------------------------------------------------------------------------

/** N/D with both factored; `append` (a log-variable, or a sum of them) closes the numerator's product. */
function fraction(r: RatFunc, c: Ctx, append?: Doc, flipSingle = false): SignedDoc {
  if (r.isZero()) return { neg: false, d: { k: 'num', v: 0n } };
  const n = factorList(r.num, c, undefined, flipSingle);
  const nd = append ? [...n.docs, append] : n.docs;
  if (r.den.isConstant() && r.den.constantValue() === 1n) return { neg: n.neg, d: product(nd) };
  const d = factorList(r.den, c);
  return { neg: n.neg !== d.neg, d: { k: 'frac', n: product(nd), d: product(d.docs) } };
}

/** Candidates for a whole expression; the shortest text wins (ties: the earlier). */
function rational(r: RatFunc, c: Ctx): Doc {
  const base = fraction(r, c);
  const cands: Doc[] = [signed(base)];
  // C2: a leading minus absorbed into the single polynomial factor of the numerator
  if (base.neg && !r.isConstant()) {
    const alt = fraction(r, c, undefined, true);
    if (!alt.neg) cands.push(alt.d);
  }
  // C3: c - m/D (c, m integers) when D is not a bare parameter
  const den = r.den;
  const bare = den.terms.length === 1 && den.terms[0].c === 1n && den.totalDegree() === 1;
  if (!den.isConstant() && !bare) {
    for (const t of den.terms) {
      const nt = r.num.terms.find((u) => u.e.every((x, i) => x === t.e[i]));
      if (!nt || nt.c % t.c !== 0n) continue;
      const k = nt.c / t.c;
      const rem = r.num.sub(den.scale(k));
      if (!rem.isConstant() || rem.isZero()) continue;
      const part = fraction(RatFunc.of(rem, den), c);
      const ts: SignedDoc[] = [{ neg: k < 0n, d: { k: 'num', v: k < 0n ? -k : k } }, part];
      cands.push(signed(sumOf(ts)));
      break;
    }
  }
  let best = cands[0];
  for (const d of cands.slice(1)) if (text(d, c).length < text(best, c).length) best = d;
  return best;
}

/**
 * An expression linear in the log-variables: coefficient*variable terms in the variables' order, then the
 * part free of them; or, when shorter, the common factor times an integer combination (`s*(u - phi)`).
 */
function linear(r: RatFunc, c: Ctx, vars: readonly number[]): Doc | null {
  if (r.den.variablesPresent().some((i) => vars.includes(i))) return null;
  for (const t of r.num.terms) if (vars.reduce((s, i) => s + t.e[i], 0) > 1) return null;
  const nv = r.nv;
  const parts: Array<{ v: number | null; p: Poly }> = [];
  for (const v of vars) {
    const part = Poly.from(
      nv,
      r.num.terms.filter((t) => t.e[v] === 1).map((t) => ({ e: t.e.map((x, i) => (i === v ? 0 : x)), c: t.c })),
    );
    if (!part.isZero()) parts.push({ v, p: part });
  }
  const free = Poly.from(
    nv,
    r.num.terms.filter((t) => vars.every((i) => t.e[i] === 0)),
  );
  if (!free.isZero()) parts.push({ v: null, p: free });
  if (parts.length === 0) return { k: 'num', v: 0n };
  const separate = signed(sumOf(parts.map(({ v, p }) => fraction(RatFunc.of(p, r.den), c, v === null ? undefined : { k: 'sym', i: v }))));
  if (parts.length < 2) return separate;
  let g = Poly.zero(nv);
  for (const { p } of parts) g = gcd(g, p);
  const ks = parts.map(({ p }) => exactDiv(p, g)!);
  if (!ks.every((k) => k.isConstant())) return separate;
  let ints = ks.map((k) => k.constantValue());
  let flip = false;
  if (ints.every((k) => k < 0n)) {
    ints = ints.map((k) => -k);
    flip = true;
  }
  const comb = sumOf(
    parts.map(({ v }, j) => {
      const k = ints[j] < 0n ? -ints[j] : ints[j];
      const d: Doc = v === null ? { k: 'num', v: k } : k === 1n ? { k: 'sym', i: v } : { k: 'prod', fs: [{ k: 'num', v: k }, { k: 'sym', i: v }] };
      return { neg: ints[j] < 0n, d };
    }),
  );
  const f = fraction(RatFunc.of(flip ? g.neg() : g, r.den), c, comb.d);
  // ties go to the common factor: (3*u - phi)/2 rather than 3*u/2 - phi/2
  const common = signed(f);
  return text(common, c).length <= text(separate, c).length ? common : separate;
}

// ---- entry points ----------------------------------------------------------------------------------

const GREEK = new Set(
  'alpha beta gamma delta epsilon varepsilon zeta eta theta vartheta iota kappa lambda mu nu xi pi varpi rho varrho sigma varsigma tau upsilon phi varphi chi psi omega Gamma Delta Theta Lambda Xi Pi Sigma Upsilon Phi Psi Omega'.split(
    ' ',
  ),
);

/** Default LaTeX of a name: `\alpha` for Greek names, `F_{pp}` for `F_pp`, `\mathrm{name}` for longer names. */
export function latexName(name: string): string {
  if (GREEK.has(name)) return `\\${name}`;
  const u = name.indexOf('_');
  if (u > 0) return `${latexName(name.slice(0, u))}_{${name.slice(u + 1)}}`;
  return name.length === 1 ? name : `\\mathrm{${name}}`;
}

function context(opts: PrintOptions): { ctx: Ctx; symbols: string[] } {
  const symbols = [...opts.params, ...(opts.variables ?? [])];
  if (new Set(symbols).size !== symbols.length) throw new PrintError(`the parameters and variables repeat a name: ${symbols.join(', ')}`);
  const ctx: Ctx = {
    names: symbols,
    latex: symbols.map((s) => (opts.latex && Object.hasOwn(opts.latex, s) ? opts.latex[s] : latexName(s))),
    at: symbols.map((s) => (opts.at && Object.hasOwn(opts.at, s) && Number.isFinite(opts.at[s]) ? opts.at[s] : NaN)),
    memo: new Map(),
  };
  return { ctx, symbols };
}

function read(input: string | Node, symbols: readonly string[]): Node {
  if (typeof input !== 'string') return input;
  try {
    return parseFormula(input, symbols);
  } catch (e) {
    if (e instanceof FormulaError) throw new PrintError(`cannot print '${input}': ${e.message}`);
    throw e;
  }
}

function toRat(node: Node, symbols: readonly string[]): RatFunc {
  return limited(node, symbols, () => ratFromNode(node, symbols));
}

/** Run one step of exact algebra under a fresh work budget; its errors become PrintError naming the input. */
function limited<T>(node: Node, symbols: readonly string[], fn: () => T): T {
  resetWork();
  try {
    return fn();
  } catch (e) {
    if (e instanceof NotRationalError || e instanceof AlgebraLimitError || e instanceof RangeError) {
      throw new PrintError(`cannot print '${toText(node)}' as a rational function of ${symbols.join(', ')}: ${e.message}`);
    }
    throw e;
  }
}

/** The exact rational function of an expression (lowest terms), for callers that need its factors. */
export function rationalOf(input: string | Node, opts: PrintOptions): { value: RatFunc; symbols: string[] } {
  const { symbols } = context(opts);
  return { value: toRat(read(input, symbols), symbols), symbols };
}

/** An expression (exponent, slope, coefficient, balance side) in text and LaTeX. */
export function printExpression(input: string | Node, opts: PrintOptions): Printed {
  const { ctx, symbols } = context(opts);
  const node = read(input, symbols);
  let r: RatFunc;
  try {
    r = toRat(node, symbols);
  } catch (e) {
    if (e instanceof PrintError && opts.nonRational === 'verbatim') return verbatim(node, ctx);
    throw e;
  }
  const vars = (opts.variables ?? []).map((_, j) => opts.params.length + j);
  const doc = limited(node, symbols, () => (vars.length ? linear(r, ctx, vars) : null) ?? rational(r, ctx));
  return { text: text(doc, ctx), latex: latex(doc, ctx) };
}

const LATEX_OP: Record<RelationOp, string> = { '<': '<', '>': '>', '<=': '\\le', '>=': '\\ge', '=': '=' };
const FLIP: Record<RelationOp, RelationOp> = { '<': '>', '>': '<', '<=': '>=', '>=': '<=', '=': '=' };

/**
 * `lhs op rhs` (a region condition or a boundary) as `P op 0` with P = numerator of lhs - rhs (times the
 * denominator for an inequality: same sign where defined), integer content dropped, each factor with a
 * positive leading coefficient; a linear P is split into positive terms = negated negative terms
 * (`alpha = beta`, `2*beta < 1`).
 */
export function printRelation(lhs: string | Node, op: RelationOp, rhs: string | Node, opts: PrintOptions): Printed {
  const { ctx, symbols } = context(opts);
  const l = read(lhs, symbols);
  const rr = read(rhs, symbols);
  const node: Node = { type: 'bin', op: '-', left: l, right: rr };
  const r = toRat(node, symbols);
  return limited(node, symbols, () => relation(r, op, ctx));
}

/** A condition or boundary given as text: `2*alpha^2 - 4*alpha + 1 < 0`, `alpha = beta` (<=, >= read as strict, as formula.ts does). */
export function printCondition(condition: string, opts: PrintOptions): Printed {
  const { ctx, symbols } = context(opts);
  try {
    const ineq = /[<>]/.test(condition);
    const node = ineq ? parseInequality(condition, symbols).margin : parseEquation(condition, symbols).residual;
    let r: RatFunc;
    try {
      r = toRat(node, symbols);
    } catch (e) {
      if (e instanceof PrintError && opts.nonRational === 'verbatim') return verbatimRelation(condition, symbols, ctx);
      throw e;
    }
    return limited(node, symbols, () => relation(r, ineq ? '>' : '=', ctx));
  } catch (e) {
    if (e instanceof FormulaError) throw new PrintError(`cannot print the condition '${condition}': ${e.message}`);
    throw e;
  }
}

/** A relation whose sides are not rational (`alpha > 1 - 1/sqrt(2)`), printed as written (rule 1's fallback). */
function verbatimRelation(condition: string, symbols: readonly string[], c: Ctx): Printed {
  const [l, op, r] = condition.split(/(<=|>=|==|<|>|=)/);
  const o = (op === '==' ? '=' : op) as RelationOp;
  const sides = [l, r].map((x) => verbatim(parseFormula(x, symbols), c));
  return { text: `${sides[0].text} ${o} ${sides[1].text}`, latex: `${sides[0].latex} ${LATEX_OP[o]} ${sides[1].latex}` };
}

function relation(r: RatFunc, op0: RelationOp, c: Ctx): Printed {
  let op = op0;
  const p = op === '=' || r.den.isConstant() ? r.num : r.num.mul(r.den);
  if (p.isZero()) return { text: `0 ${op} 0`, latex: `0 ${LATEX_OP[op]} 0` };
  const f = factorOnce(p, c);
  if (f.unit < 0n) op = FLIP[op];
  const nfac = f.factors.length + f.monomial.filter((x) => x > 0).length;
  if (p.isConstant()) return { text: `${f.unit < 0n ? -1 : 1} ${op} 0`, latex: `${f.unit < 0n ? -1 : 1} ${LATEX_OP[op]} 0` };
  let left: Doc;
  let right: Doc = { k: 'num', v: 0n };
  const single = nfac === 1 && f.factors.every((x) => x.m === 1) && f.monomial.every((x) => x <= 1);
  const prim = p.divInt(f.unit);
  if (single && prim.totalDegree() === 1) {
    const pos = prim.terms.filter((t) => t.c > 0n).map(termDoc);
    const neg = prim.terms.filter((t) => t.c < 0n).map((t) => termDoc({ e: t.e, c: -t.c }));
    left = signed(sumOf(pos));
    if (neg.length) right = signed(sumOf(neg));
  } else {
    // no orientation point here: the relation's own sign convention (positive leading coefficients) decides
    left = product(factorList(prim, { ...c, at: c.at.map(() => NaN) }).docs);
  }
  return { text: `${text(left, c)} ${op} ${text(right, c)}`, latex: `${latex(left, c)} ${LATEX_OP[op]} ${latex(right, c)}` };
}

// ---- the documented fallback: non-rational input printed as written --------------------------------

function verbatim(node: Node, c: Ctx): Printed {
  return { text: nodeText(node, 0), latex: nodeLatex(node, c, 0) };
}

/** A formula printed as written (its own order and grouping; no algebra): a theory's stated forms and relations. */
export function printVerbatim(input: string | Node, opts: PrintOptions): Printed {
  const { ctx, symbols } = context(opts);
  return verbatim(read(input, symbols), ctx);
}

/** formula.ts's toText with the printer's spacing: `2*alpha + 1`, `N^(-1)*t^(-(1 - 1/b))`. */
function nodeText(n: Node, outer: number): string {
  switch (n.type) {
    case 'num':
      return n.text;
    case 'sym':
      return n.name;
    case 'call':
      return `${n.name}(${n.args.map((a) => nodeText(a, 0)).join(', ')})`;
    case 'neg': {
      const t = `-${nodeText(n.arg, 3)}`;
      return outer > 1 ? `(${t})` : t;
    }
    case 'bin': {
      const p = n.op === '+' || n.op === '-' ? 1 : n.op === '^' ? 4 : 2;
      // a leading minus of a product needs no parentheses: (-2)*alpha is -2*alpha (not so for ^)
      const left = p === 2 && n.left.type === 'neg' ? `-${nodeText(n.left.arg, p)}` : nodeText(n.left, n.op === '^' ? p + 1 : p);
      const right = nodeText(n.right, n.op === '^' ? p : n.op === '-' || n.op === '/' ? p + 1 : p);
      const t = p === 1 ? `${left} ${n.op} ${right}` : `${left}${n.op}${right}`;
      return p < outer ? `(${t})` : t;
    }
  }
}

function nodeLatex(n: Node, c: Ctx, outer: number): string {
  const name = (s: string) => {
    const i = c.names.indexOf(s);
    return i >= 0 ? c.latex[i] : latexName(s);
  };
  switch (n.type) {
    case 'num':
      return n.text;
    case 'sym':
      return name(n.name);
    case 'call':
      return n.name === 'sqrt' ? `\\sqrt{${nodeLatex(n.args[0], c, 0)}}` : `\\${['exp', 'log', 'min', 'max'].includes(n.name) ? n.name : `operatorname{${n.name}}`}\\left(${n.args.map((a) => nodeLatex(a, c, 0)).join(', ')}\\right)`;
    case 'neg': {
      const t = `-${nodeLatex(n.arg, c, 3)}`;
      return outer > 1 ? `\\left(${t}\\right)` : t;
    }
    case 'bin': {
      if (n.op === '/') return `\\frac{${nodeLatex(n.left, c, 0)}}{${nodeLatex(n.right, c, 0)}}`;
      if (n.op === '^') return `${nodeLatex(n.left, c, 5)}^{${nodeLatex(n.right, c, 0)}}`;
      const p = n.op === '*' ? 2 : 1;
      const l = p === 2 && n.left.type === 'neg' ? `-${nodeLatex(n.left.arg, c, p)}` : nodeLatex(n.left, c, p);
      const r = nodeLatex(n.right, c, n.op === '-' ? p + 1 : p);
      const t = n.op === '*' ? `${l} ${r}` : `${l} ${n.op} ${r}`;
      return p < outer || outer === 5 ? `\\left(${t}\\right)` : t;
    }
  }
}

// ---- numbers at a point -----------------------------------------------------------------------------

/**
 * A number (four significant digits, as evaluated at a point), optionally times one symbol:
 * `0.4167*phi`; `phi` for 1, `-phi` for -1. Not exact: for the value of a formula at a point only.
 */
export function printNumeric(value: number, symbol?: string, latex?: string): Printed {
  if (!Number.isFinite(value)) throw new PrintError(`cannot print the non-finite number ${value}`);
  const v = Number(value.toPrecision(4));
  const num = (Object.is(v, -0) ? 0 : v).toString();
  if (!symbol) return { text: num, latex: num.replace(/e([+-]?\d+)$/, '\\times 10^{$1}') };
  const sym = latex ?? latexName(symbol);
  if (v === 0) return { text: '0', latex: '0' };
  if (v === 1 || v === -1) return { text: `${v < 0 ? '-' : ''}${symbol}`, latex: `${v < 0 ? '-' : ''}${sym}` };
  return { text: `${num}*${symbol}`, latex: `${num.replace(/e([+-]?\d+)$/, '\\times 10^{$1}')}\\,${sym}` };
}
