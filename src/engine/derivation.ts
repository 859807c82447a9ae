// A region's derivation: at an interior point, the active balance of ./balance.ts is solved exactly
// (./derive.ts), every quantity compiled to JavaScript, and compared with the theory's closed form
// (symbolic identity if nerdamer shows it, else agreement at sampled points of the region, else a
// mismatch). The derivation then holds on the whole region, where the case signature and the active
// pair are fixed. Everything a derivation shows (exponents, slopes, the balance and its solution,
// conditions) is printed here, by `shown` and its relatives, through the project's printer
// (src/symbolic/print.ts, docs/printer.md), with the theory's parameter order and a point of the region.
import { fromJs } from './condition.js';
import { solveBalance, U, PHI, type CaseSignature, type LogSystem, type SolvedBalance, type TermLog } from './derive.js';
import { crossingOf, type Arithmetic, type Balance } from './balance.js';
import { FormulaError, parseFormula, substituteNames, symbolsOf, type Node } from '../symbolic/formula.js';
import { latexName, printCondition, printExpression, printVerbatim, PrintError, type Printed } from '../symbolic/print.js';
import type { RegionRef } from './classify.js';
import { symbolicallyEqual, toLatex, jsBody, canonical, SymbolicError } from '../symbolic/cas.js';
import type { TheoryFile, ClosedForm, ProvenanceTag } from './types.js';

export type Verification = 'symbolic' | 'numeric' | 'mismatch' | 'none';

export interface RegionDerivation {
  key: string;
  ref: RegionRef | null;
  signature: CaseSignature;
  system: LogSystem;
  balance: SolvedBalance;
  /** per quantity: closed-form comparison */
  checks: Record<string, { verified: Verification; closedForm?: ClosedForm; latex?: string }>;
  /** the point the derivation was made at (inside the region): it orients the printed factors */
  at?: number[];
  /** the printed forms (./derivation.ts printDerivation); absent in caches written before them */
  printed?: PrintedDerivation;
}

/** A formula as the printer writes it (src/symbolic/print.ts). */
export type Formula = Printed;

export interface PrintedDerivation {
  /** the engine's own exponent of each quantity, printed (never the theory's closed form) */
  quantities: Record<string, Formula>;
  /** log(increasing) = log(decreasing), both sides linear in u, phi, definitions expanded */
  equation: Formula;
  /** u = xi*phi, solved in exact rational arithmetic */
  solution: Formula;
}

export interface CompiledRegion {
  derivation: RegionDerivation;
  quantity: Record<string, (...p: number[]) => number>;
  /** what outputs show for each quantity (shownFormula, computed once) */
  shown: Record<string, ShownFormula>;
}

/** What a derivation needs of the model (the facade in ./model.ts provides it). */
export interface DerivationContext {
  theory: TheoryFile;
  params: string[];
  signatureAt(x: number[]): CaseSignature;
  balanceAt(x: number[]): Balance;
  logSystem(sig: CaseSignature): LogSystem;
  /** sampled interior points of a region piece, for the numeric comparison */
  samplePiece(ref: RegionRef, count: number): number[][];
}

const NUM_TOL = 1e-9;

export function describeBalanceFailure(bal: Balance): string {
  if (bal.kind === 'unbounded') return `no compute-optimal allocation: ${bal.reason}`;
  if (bal.kind === 'floor') return `the compute-optimal allocation is undetermined: term ${bal.floor.name} does not depend on the allocated variable at fixed compute and dominates`;
  return 'unexpected balance';
}

/** Derive at x (an interior point of `ref`, or any point of a theory without phases). */
export function deriveAt(ctx: DerivationContext, x: number[], ref: RegionRef | null, key: string): RegionDerivation {
  const sig = ctx.signatureAt(x);
  const bal = ctx.balanceAt(x);
  if (bal.kind !== 'pair') throw new Error(`${ref ? `${ref.phase}#${ref.piece}` : 'point'}: ${describeBalanceFailure(bal)}`);
  const system = ctx.logSystem(sig);
  const balance = solveBalance(ctx.theory, system, bal.active.increasing, bal.active.decreasing);
  const checks: RegionDerivation['checks'] = {};
  for (const q of ctx.theory.quantities) {
    const cf = ref ? (ctx.theory.closedForms ?? []).find((c) => c.phase === ref.phase && c.quantity === q.name) : undefined;
    checks[q.name] = cf
      ? { verified: compareClosedForm(ctx, balance.quantities[q.name].expr, cf, ref!), closedForm: cf, latex: latexOr(cf.expr, balance.quantities[q.name].latex) }
      : { verified: 'none' };
  }
  const d: RegionDerivation = { key, ref, signature: sig, system, balance, checks, at: [...x] };
  return { ...d, printed: printDerivation(ctx.theory, d) };
}

/** Symbolic identity if nerdamer shows it, else agreement at sampled interior points, else a mismatch. */
function compareClosedForm(ctx: DerivationContext, engineExpr: string, cf: ClosedForm, ref: RegionRef): Verification {
  const closed = canonical(cf.expr);
  try {
    if (symbolicallyEqual(engineExpr, closed)) return 'symbolic';
  } catch (e) {
    if (!(e instanceof SymbolicError)) throw e; // the CAS timed out or failed: compare numerically
  }
  const fE = fromJs(ctx.params, jsBody(canonical(engineExpr), ctx.params));
  const fC = fromJs(ctx.params, jsBody(closed, ctx.params));
  const pts = ctx.samplePiece(ref, 50);
  if (pts.length === 0) return 'none';
  const ok = pts.every((x) => Math.abs(fE(...x) - fC(...x)) <= NUM_TOL * (1 + Math.abs(fC(...x))));
  return ok ? 'numeric' : 'mismatch';
}

/** What every output shows for a quantity derived in a region: the matching closed form (with its provenance), else the engine's own expression [derived]. */
export interface ShownFormula {
  expr: string;
  latex: string;
  provenance: ProvenanceTag;
  source: string;
  verified: Verification;
  engineExpr: string;
  closedForm?: ClosedForm;
}

export function shownFormula(d: RegionDerivation, quantity: string): ShownFormula {
  const check = d.checks[quantity];
  const q = d.balance.quantities[quantity];
  const cf = check && check.verified !== 'mismatch' ? check.closedForm : undefined;
  // the engine's own expression, printed; the closed form only lends its provenance once it is verified
  const own = d.printed?.quantities[quantity] ?? { text: q.expr, latex: q.latex };
  return {
    expr: own.text,
    latex: own.latex,
    provenance: cf ? cf.provenance : 'derived',
    source: cf?.source ?? `engine: dominant balance ${d.balance.increasing} = ${d.balance.decreasing} (docs/architecture.md, "The engine in one paragraph")`,
    verified: check?.verified ?? 'none',
    engineExpr: own.text,
    ...(cf ? { closedForm: cf } : {}),
  };
}

/** Compile a derivation (printing it first if it comes from a cache written before the printed forms). */
export function compileDerivation(theory: TheoryFile, cached: RegionDerivation): CompiledRegion {
  const params = theory.parameters.map((p) => p.name);
  const derivation = cached.printed ? cached : { ...cached, printed: printDerivation(theory, cached) };
  const quantity: Record<string, (...p: number[]) => number> = {};
  const shown: Record<string, ShownFormula> = {};
  for (const [name, q] of Object.entries(derivation.balance.quantities)) {
    quantity[name] = fromJs(params, q.js);
    shown[name] = shownFormula(derivation, name);
  }
  return { derivation, quantity, shown };
}

function latexOr(expr: string, fallback: string): string {
  try {
    return toLatex(expr);
  } catch (e) {
    if (e instanceof SymbolicError) return fallback;
    throw e;
  }
}

// ---- printing: the one place where the engine's expressions become formulas ------------------------

/** What printing needs of a theory: its parameters in order, their LaTeX, its definitions as trees. */
export interface ShowContext {
  params: string[];
  latex: Record<string, string>;
  /** definition name -> its tree in the parameters (definitions inside expanded); unreadable ones left out */
  definitions: Record<string, Node>;
  defNames: string[];
  /** the theory's variables (d, t, f...): printed as written where they appear */
  names: string[];
  /** the orientation point (inside the region the formula belongs to) */
  at?: Record<string, number>;
}

const contexts = new WeakMap<TheoryFile, Omit<ShowContext, 'at'>>();

/** The printing context of a theory (cached per theory object), oriented at the point `at`. */
export function showContext(theory: TheoryFile, at?: readonly number[] | Record<string, number>): ShowContext {
  let base = contexts.get(theory);
  if (!base) {
    const params = theory.parameters.map((p) => p.name);
    const defNames = Object.keys(theory.definitions ?? {});
    const trees: Record<string, Node> = {};
    for (const d of defNames) {
      try {
        trees[d] = parseFormula(theory.definitions[d], [...params, ...defNames]);
      } catch (e) {
        if (!(e instanceof FormulaError)) throw e; // a prefactor definition (sin, Gamma...): never in an exponent
      }
    }
    // definitions may use earlier ones (the schema refuses cycles): substitute until none is left
    for (let k = 0; k < defNames.length; k++) for (const d of Object.keys(trees)) trees[d] = substituteNames(trees[d], trees);
    // a `latex` that is a bare name (a law's `beta`, a user's `a`) is a name: the printer's default LaTeX of it
    const latex = Object.fromEntries(theory.parameters.map((p) => [p.name, !p.latex ? latexName(p.name) : /^[A-Za-z][A-Za-z0-9_]*$/.test(p.latex) ? latexName(p.latex) : p.latex]));
    base = { params, latex, definitions: trees, defNames, names: Object.keys(theory.variables) };
    contexts.set(theory, base);
  }
  if (!at) return base;
  const point = Array.isArray(at) ? Object.fromEntries(base.params.map((p, i) => [p, (at as readonly number[])[i]])) : (at as Record<string, number>);
  return { ...base, at: point };
}

const LOG_VARS = ['u', 'phi'];
const renameLog: Record<string, Node> = { [U]: { type: 'sym', name: 'u' }, [PHI]: { type: 'sym', name: 'phi' } };

function readTree(expr: string | Node, ctx: ShowContext, log: boolean): Node {
  if (typeof expr !== 'string') return expr;
  const symbols = [...new Set([...ctx.params, ...ctx.defNames, ...ctx.names, ...(log ? [U, PHI, ...LOG_VARS] : [])])];
  const node = parseFormula(expr, symbols);
  return log ? substituteNames(node, renameLog) : node;
}

/**
 * An engine expression (nerdamer text or a tree) as a theorist writes it: the theory's definitions
 * substituted, then the printer's exact rational form in the parameters (and u, phi when `log`); an
 * expression that is not rational there (a monomial `t^(-s)`, a `sqrt`) is printed as written, its
 * definitions kept (they are listed by `explain`).
 */
export function shown(expr: string | Node, ctx: ShowContext, log = false): Formula {
  let node: Node;
  try {
    node = readTree(expr, ctx, log);
  } catch (e) {
    if (e instanceof FormulaError) throw new PrintError(`cannot print the engine's expression '${String(expr)}': ${e.message}`);
    throw e;
  }
  try {
    return printExpression(substituteNames(node, ctx.definitions), { params: ctx.params, latex: ctx.latex, at: ctx.at, ...(log ? { variables: LOG_VARS } : {}) });
  } catch (e) {
    if (!(e instanceof PrintError)) throw e;
    const all = [...new Set([...ctx.params, ...ctx.defNames, ...ctx.names, ...(log ? LOG_VARS : [])])];
    return printExpression(node, { params: all, latex: ctx.latex, at: ctx.at, nonRational: 'verbatim' });
  }
}

/** A statement of the theory (a term's form, a relation's side) printed as the theory writes it. */
export function written(expr: string, ctx: ShowContext): Formula {
  const all = [...new Set([...ctx.params, ...ctx.defNames, ...ctx.names])];
  return printVerbatim(expr, { params: all, latex: ctx.latex });
}

/** `lhs = rhs`, each side printed by `shown`. */
export function shownEquation(lhs: string | Node, rhs: string | Node, ctx: ShowContext, log = false): Formula {
  const l = shown(lhs, ctx, log);
  const r = shown(rhs, ctx, log);
  return { text: `${l.text} = ${r.text}`, latex: `${l.latex} = ${r.latex}` };
}

/** A region condition or boundary (`2*beta < 1`, `alpha = beta`); one that is not rational is printed as written. */
export function shownCondition(condition: string, ctx: ShowContext): Formula {
  return printCondition(condition, { params: ctx.params, latex: ctx.latex, nonRational: 'verbatim' });
}

/** Free names of a formula's text that are not parameters or u, phi (the definitions it relies on). */
export function definitionsUsed(f: Formula | string, ctx: ShowContext): string[] {
  const text = typeof f === 'string' ? f : f.text;
  const names = new Set<string>();
  for (const side of text.split(/<=|>=|<|>|=|~/)) {
    try {
      for (const n of symbolsOf(parseFormula(side.replace(/([A-Za-z_][A-Za-z0-9_]*)\*(?=\s|$)/g, '$1'), null))) names.add(n);
    } catch {
      // not a formula side (prose): nothing to define
    }
  }
  return [...names].filter((n) => !ctx.params.includes(n) && !LOG_VARS.includes(n));
}

const NODES: Arithmetic<Node> = {
  add: (left, right) => ({ type: 'bin', op: '+', left, right }),
  sub: (left, right) => ({ type: 'bin', op: '-', left, right }),
  mul: (left, right) => ({ type: 'bin', op: '*', left, right }),
  div: (left, right) => ({ type: 'bin', op: '/', left, right }),
};

/** The slopes of a term as trees in the parameters (definitions expanded by derive.ts). */
function slopeTrees(t: TermLog, ctx: ShowContext): { a: Node; b: Node } {
  return { a: readTree(t.aExpanded, ctx, false), b: readTree(t.bExpanded, ctx, false) };
}

/** The log-linear form a*u + b*phi of a term at fixed compute, printed. */
export function shownLogForm(t: TermLog, ctx: ShowContext): Formula {
  const { a, b } = slopeTrees(t, ctx);
  const sym = (name: string): Node => ({ type: 'sym', name });
  return shown(NODES.add(NODES.mul(a, sym('u')), NODES.mul(b, sym('phi'))), ctx, true);
}

/** The balance of two terms and its solution u = xi*phi (./balance.ts crossingOf, in exact rational arithmetic). */
export function shownBalance(inc: TermLog, dec: TermLog, ctx: ShowContext): { equation: Formula; solution: Formula; xi: Formula } {
  const i = slopeTrees(inc, ctx);
  const j = slopeTrees(dec, ctx);
  const equation = { text: '', latex: '' };
  const l = shownLogForm(inc, ctx);
  const r = shownLogForm(dec, ctx);
  equation.text = `${l.text} = ${r.text}`;
  equation.latex = `${l.latex} = ${r.latex}`;
  const { xi } = crossingOf(NODES, i, j);
  const u = shown(NODES.mul(xi, { type: 'sym', name: 'phi' }), ctx, true);
  return { equation, solution: { text: `u = ${u.text}`, latex: `u = ${u.latex}` }, xi: shown(xi, ctx) };
}

/** Every printed form of a derivation, oriented at its point. */
export function printDerivation(theory: TheoryFile, d: RegionDerivation): PrintedDerivation {
  const ctx = showContext(theory, d.at);
  const quantities: Record<string, Formula> = {};
  for (const [name, q] of Object.entries(d.balance.quantities)) quantities[name] = shown(q.expr, ctx);
  const inc = d.system.terms.find((t) => t.name === d.balance.increasing)!;
  const dec = d.system.terms.find((t) => t.name === d.balance.decreasing)!;
  const { equation, solution } = shownBalance(inc, dec, ctx);
  return { quantities, equation, solution };
}

const slopeMemo = new WeakMap<LogSystem, Map<string, Array<{ a: Formula; b: Formula }>>>();

/** The printed slopes of every term of a log system, oriented at `at` (memoised per system and point). */
export function shownSlopes(theory: TheoryFile, system: LogSystem, at?: readonly number[]): Array<{ a: Formula; b: Formula }> {
  let m = slopeMemo.get(system);
  if (!m) slopeMemo.set(system, (m = new Map()));
  const key = at ? at.join(',') : '';
  let out = m.get(key);
  if (!out) {
    const ctx = showContext(theory, at);
    out = system.terms.map((t) => ({ a: shown(t.aExpanded, ctx), b: shown(t.bExpanded, ctx) }));
    m.set(key, out);
  }
  return out;
}
