// Claims about a bound model (the `optimum` capability: the Jeon-Van Roy-style information-theoretic
// bound [reconstruction] of theory/info-bound.ts and its negative control m/p + b p ln(T)/T [derived]),
// which are not engine theory files but are queried here through their capability:
// - `kind: exponent`, quantity p, T or error: the asymptotic exponent (p* ~ C^p, T* ~ C^T, E* ~ C^-error),
//   i.e. the engine's dominant balance of the bound's power-law skeleton m/p + k/T (log factors dropped);
// - `kind: value`, quantity p or T at {m, k, C}: the exact local slope d ln p*/d ln C (d ln T*/d ln C)
//   of the bound's optimum.
import { DomainError } from '../errors.js';
import { fmt } from '../format.js';
import { symbolicallyEqual, SymbolicError } from '../symbolic/cas.js';
import { compileFormula, toCasString, toText, type Node } from '../symbolic/formula.js';
import type { ExponentClaim, ValueClaim, BoundTarget } from './schema.js';
import type { CheckOptions } from './exponent.js';
import type { Verdict } from './verdict.js';

export function checkBoundExponent(claim: ExponentClaim, target: BoundTarget, formula: Node, opts: CheckOptions): Verdict {
  const q = target.quantity as 'p' | 'T' | 'error';
  const base = { id: claim.id, kind: claim.kind, model: target.id, quantity: q, seed: opts.seed };
  const bound = target.model.bound!;
  const a = bound.asymptotics();
  const e = a[q];
  // the engine's exponent is derived, but from the bound's own tag (a reconstruction): the weaker is shown
  const theory = [{ expr: e.expr, provenance: target.model.provenance ?? 'unverified', source: `engine (${e.provenance}) on the ${bound.label}; ${a.note}` }];
  const claimed = compileFormula(formula, [])([]);
  const actual = e.value;
  if (actual === null) return { ...base, status: 'inconclusive', method: 'engine', reason: `the engine gives no single ${q} exponent for the skeleton ${a.skeleton}` };
  const what = `the asymptotic exponent of ${q} for the bound's skeleton ${a.skeleton} with ${a.constraint} (log factors dropped; engine dominant balance)`;
  if (Number.isFinite(claimed) && Math.abs(claimed - actual) <= 1e-9 * (1 + Math.abs(actual))) {
    let symbolic = false;
    try {
      symbolic = symbolicallyEqual(toCasString(formula), e.engineExpr);
    } catch (err) {
      if (!(err instanceof SymbolicError)) throw err;
    }
    return { ...base, status: 'verified', method: `${symbolic ? 'symbolic identity' : 'numeric agreement'} with ${what}`, theory };
  }
  return {
    ...base,
    status: 'refuted',
    method: `compared with ${what}`,
    counterexample: { point: {}, claimed: Number.isFinite(claimed) ? claimed : null, actual, difference: Number.isFinite(claimed) ? claimed - actual : null, note: `the exponent does not depend on ${target.params.join(', ')}; the theory has ${q} = ${e.expr}, the claim ${toText(formula)}` },
    theory,
  };
}

export function checkBoundValue(claim: ValueClaim, target: BoundTarget, opts: CheckOptions): Verdict {
  const q = target.quantity as 'p' | 'T';
  const base = { id: claim.id, kind: claim.kind, model: target.id, quantity: q, seed: opts.seed };
  const bound = target.model.bound!;
  const [n1, n2, nC] = target.params;
  const m = claim.at[n1], k = claim.at[n2], C = claim.at[nC];
  let o;
  try {
    o = bound.optimum(m, k, C);
  } catch (e) {
    if (e instanceof DomainError) return { ...base, status: 'inconclusive', method: 'closed-form optimum', reason: e.message };
    throw e;
  }
  const actual = q === 'p' ? o.slope : o.slopeT;
  const tol = claim.tolerance ?? 1e-9;
  const cf = bound.closedForm;
  const theory = cf
    ? [{ expr: `${q === 'p' ? cf.slope : cf.slopeT}; ${cf.s}`, provenance: target.model.provenance ?? 'unverified', source: `closed form [${bound.method.provenance}] of the ${bound.label}` }]
    : [{ provenance: target.model.provenance ?? 'unverified', source: `optimum of the ${bound.label}: ${bound.method.name}` }];
  const how = `the local slope d ln ${q}*/d ln C of the optimum at ${n1} = ${m}, ${n2} = ${k}, C = ${C} (s* = ${fmt(o.s)}), tolerance ${tol}`;
  const diff = claim.value - actual;
  if (Math.abs(diff) <= tol) return { ...base, status: 'verified', method: how, theory };
  return { ...base, status: 'refuted', method: how, counterexample: { point: { [n1]: m, [n2]: k, [nC]: C }, claimed: claim.value, actual, difference: diff, note: `|difference| ${fmt(Math.abs(diff))} > tolerance ${tol}` }, theory };
}
