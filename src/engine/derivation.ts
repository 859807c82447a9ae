// A region's derivation: at an interior point, the active balance of ./balance.ts is solved exactly
// (./derive.ts), every quantity compiled to JavaScript, and compared with the theory's closed form
// (symbolic identity if nerdamer shows it, else agreement at sampled points of the region, else a
// mismatch). The derivation then holds on the whole region, where the case signature and the active
// pair are fixed.
import { fromJs } from './condition.js';
import { solveBalance, type CaseSignature, type LogSystem, type SolvedBalance } from './derive.js';
import type { Balance } from './balance.js';
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
  return { key, ref, signature: sig, system, balance, checks };
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
  return {
    expr: cf ? cf.expr : q.expr,
    latex: cf && check.latex ? check.latex : q.latex,
    provenance: cf ? cf.provenance : 'derived',
    source: cf?.source ?? `engine: dominant balance ${d.balance.increasing} = ${d.balance.decreasing} (docs/architecture.md, "The engine in one paragraph")`,
    verified: check?.verified ?? 'none',
    engineExpr: q.expr,
    ...(cf ? { closedForm: cf } : {}),
  };
}

export function compileDerivation(params: readonly string[], derivation: RegionDerivation): CompiledRegion {
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
