// `kind: exponent` (a claimed formula for a quantity over a region) and `kind: relation` (an identity
// between quantities and parameters, `eta = 2*alpha*xi`), both checked by ./identity.ts against the
// engine's per-phase derivation.
import { symbolicallyEqual, SymbolicError } from '../symbolic/cas.js';
import { compileFormula, parseFormula, substituteNames, symbolsOf, toCasString, toText, FormulaError, type Node } from '../symbolic/formula.js';
import { truthAt, type Truth } from './oracle.js';
import type { Resolved, ModelTarget } from './schema.js';
import { checkIdentity, printedAt, type Evaluation } from './identity.js';
import type { Verdict } from './verdict.js';

/** Relative agreement of a claimed and a derived exponent (both are exact formulas: only rounding differs). */
export const EXPONENT_TOL = 1e-9;

export function agrees(claimed: number, actual: number): boolean {
  return Number.isFinite(claimed) && Math.abs(claimed - actual) <= EXPONENT_TOL * (1 + Math.abs(actual));
}

export type { CheckOptions } from './verdict.js';
import type { CheckOptions } from './verdict.js';

const symbolicCache = new Map<string, boolean>();

/** nerdamer's verdict on claimed == derived (false also when it cannot decide or times out). */
export function symbolicIdentity(claimed: string, derived: string): boolean {
  const key = `${claimed}\u0000${derived}`;
  let r = symbolicCache.get(key);
  if (r === undefined) {
    try {
      r = symbolicallyEqual(claimed, derived);
    } catch (e) {
      if (!(e instanceof SymbolicError)) throw e;
      r = false;
    }
    symbolicCache.set(key, r);
  }
  return r;
}

function toleranceCheck(tol: number | undefined): (c: number, a: number) => boolean {
  return tol === undefined ? agrees : (c, a) => Number.isFinite(c) && Math.abs(c - a) <= tol;
}

/** The verdict of an identity check, in the shape of every verdict. */
function verdictOf(base: Omit<Verdict, 'status' | 'verdict' | 'method' | 'how'>, r: ReturnType<typeof checkIdentity>): Verdict {
  return {
    ...base,
    status: r.status,
    verdict: r.status,
    method: r.method,
    how: r.how,
    ...(r.reason ? { reason: r.reason } : {}),
    ...(r.counterexample ? { counterexample: r.counterexample } : {}),
    theory: r.truths.length ? r.truths.map((t) => t.theory) : undefined,
    samples: r.samples,
    ...(r.warnings.length ? { warnings: r.warnings } : {}),
  };
}

export function checkModelExponent(r: Extract<Resolved, { kind: 'exponent' }> & { target: ModelTarget }, opts: CheckOptions): Verdict {
  const { claim, target, region } = r;
  const { model, params } = target;
  const q = target.quantity!;
  const claimed = compileFormula(r.formula, params);
  const claimedCas = toCasString(r.formula);
  const label = claim.quantity;
  const result = checkIdentity(
    {
      target,
      region,
      evaluate: (x) => {
        const t = truthAt(model, q, x);
        if (!t) return undefined;
        if (label !== q) t.quantity = label;
        return { claimed: claimed(x), actual: t.value, key: t.key, truths: [t] };
      },
      agrees: toleranceCheck(claim.tolerance),
      tolerance: claim.tolerance,
      symbolic: (e) => e.truths.every((t) => (t.simpler !== undefined && symbolicIdentity(claimedCas, t.simpler)) || symbolicIdentity(claimedCas, t.expr)),
      quantities: q,
      claimText: `${label} = ${toText(r.formula)}`,
      describe: (e, x) => {
        const t = e.truths[0];
        return `${t.ref ? `in phase ${t.ref.phase}` : 'here'} the theory has ${label} = ${printedAt(model, t.simpler ?? t.theory.expr ?? t.expr, x, target.names)} [${t.theory.provenance}]`;
      },
    },
    opts,
  );
  return verdictOf({ id: claim.id, kind: claim.kind, model: model.theory.id, quantity: label, seed: opts.seed }, result);
}

/** A parsed engine expression (its CAS text), for substitution into a relation. */
const exprNodes = new Map<string, Node | null>();
function exprNode(expr: string, params: string[]): Node | null {
  const k = `${params.join(',')}|${expr}`;
  if (!exprNodes.has(k)) {
    try {
      exprNodes.set(k, parseFormula(expr, params));
    } catch (e) {
      if (!(e instanceof FormulaError)) throw e;
      exprNodes.set(k, null);
    }
  }
  return exprNodes.get(k)!;
}

/** Values of the quantity symbols a relation or inequality uses, at a point (undefined where the theory has none). */
export function quantityValues(target: ModelTarget, nodes: Node[]): { used: string[]; vars: string[]; truthsAt: (x: number[]) => Truth[] | undefined } {
  const { model, params } = target;
  const used = [...new Set(nodes.flatMap((n) => [...symbolsOf(n)]))].filter((s) => Object.hasOwn(target.quantitySymbols, s));
  // a phase-fixed symbol (eta_II) is that phase's formula everywhere
  const fixed = (name: string) => {
    const s = target.quantitySymbols[name];
    if (!s.phase) return null;
    const ref = { phase: s.phase, piece: 0 };
    const c = model.region(ref);
    return { fn: c.quantity[s.quantity], expr: c.derivation.balance.quantities[s.quantity].expr, shown: c.shown[s.quantity], ref };
  };
  const truthsAt = (x: number[]): Truth[] | undefined => {
    const out: Truth[] = [];
    for (const name of used) {
      const s = target.quantitySymbols[name];
      const f = fixed(name);
      if (f) {
        out.push({ value: f.fn(...x), key: f.ref.phase, expr: f.expr, theory: { region: f.ref.phase, expr: f.shown.expr, provenance: f.shown.provenance, source: f.shown.source }, ref: f.ref, quantity: name });
        continue;
      }
      const t = truthAt(model, s.quantity, x);
      if (!t) return undefined;
      out.push({ ...t, quantity: name });
    }
    // an expression in the parameters only is still checked only where the theory is defined
    if (used.length === 0 && !truthAt(model, model.theory.quantities[0].name, x)) return undefined;
    return out;
  };
  return { used, vars: [...params, ...used], truthsAt };
}

export function checkRelation(r: Extract<Resolved, { kind: 'relation' }>, opts: CheckOptions): Verdict {
  const { claim, target, region, lhs, rhs } = r;
  const { model, params } = target;
  const { used, vars, truthsAt } = quantityValues(target, [lhs, rhs]);
  const fl = compileFormula(lhs, vars);
  const fr = compileFormula(rhs, vars);
  const tol = claim.tolerance;
  const result = checkIdentity(
    {
      target,
      region,
      evaluate: (x) => {
        const ts = truthsAt(x);
        if (!ts) return undefined;
        const v = [...x, ...ts.map((t) => t.value)];
        return { claimed: fl(v), actual: fr(v), key: ts.map((t) => `${t.quantity}:${t.key}`).join('|'), truths: ts };
      },
      agrees: tol === undefined ? (c, a) => Number.isFinite(c) && Number.isFinite(a) && Math.abs(c - a) <= 1e-9 * (1 + Math.abs(a)) : (c, a) => Number.isFinite(c) && Math.abs(c - a) <= tol,
      tolerance: tol,
      symbolic: (e: Evaluation) => {
        const subs: Record<string, Node> = {};
        for (const t of e.truths) {
          const n = exprNode(t.simpler ?? t.expr, params);
          if (!n) return false;
          subs[t.quantity!] = n;
        }
        return symbolicIdentity(toCasString(substituteNames(lhs, subs)), toCasString(substituteNames(rhs, subs)));
      },
      quantities: `relation:${used.join(',')}`,
      claimText: claim.relation,
      describe: (e, x) => {
        const parts = e.truths.map((t) => `${t.quantity} = ${printedAt(model, t.simpler ?? t.theory.expr ?? t.expr, x, target.names)}${t.ref ? ` (${t.ref.phase})` : ''} [${t.theory.provenance}]`);
        return `${parts.length ? `with the theory's ${parts.join(', ')}: ` : ''}lhs = ${e.claimed}, rhs = ${e.actual}`;
      },
    },
    opts,
  );
  return verdictOf({ id: claim.id, kind: claim.kind, model: model.theory.id, seed: opts.seed }, result);
}
