// The derivation validator: check claimed exponents, values, phase boundaries and simulated scalings
// against the encoded theories, answering a wrong claim with a counterexample.
//
//   import { validate, loadClaimsFile } from 'scaling-theory/validate';
//   await validate({ id: 'x', model: 'plrf', kind: 'exponent', quantity: 'xi', region: 'II', formula: 'beta/(alpha+beta)' });
//   // -> { id: 'x', status: 'verified', method: 'symbolic identity on phase II ...', ... }
import { DomainError } from '../errors.js';
import { SymbolicError } from '../symbolic/cas.js';
import { FormulaError } from '../symbolic/formula.js';
import { UnsupportedLawError } from '../law/parse.js';
import { checkModelExponent, checkRelation, type CheckOptions } from './exponent.js';
import { checkInequality, checkMonotone, checkBalance, checkContinuity, checkLawValue, checkPresetExponent } from './kinds.js';
import { checkValue } from './value.js';
import { checkBoundary } from './boundary.js';
import { checkScaling } from './scaling.js';
import { checkBoundExponent, checkBoundValue } from './info-bound.js';
import { checkDerivation } from './derivation.js';
import { parseClaim, resolveClaim, type Claim, type ModelTarget, type LawTarget } from './schema.js';
import { METHOD, type Verdict } from './verdict.js';

export { ClaimsFileError, loadClaimsFile, parseClaimsText, parseClaim, CLAIM_KINDS, type Claim } from './schema.js';
export type { Verdict, Counterexample, Status, TheoryFormula } from './verdict.js';
export { METHOD, isProof, statusWord } from './verdict.js';
export { FormulaError } from '../symbolic/formula.js';

export interface ValidateOptions {
  /** seed of the random counterexample search (default 1) */
  seed?: number;
  /** points drawn per region piece (default 200) */
  samples?: number;
  /** run simulations for `scaling` claims */
  simulate?: boolean;
}

export const DEFAULT_SEED = 1;
export const DEFAULT_SAMPLES = 200;

/**
 * Check one claim. A malformed claim throws a ClaimsFileError naming the claim and the field; a claim that
 * cannot be decided gets status 'inconclusive' with the reason (never an exception).
 */
export async function validate(claim: Claim | unknown, options: ValidateOptions = {}): Promise<Verdict> {
  return finish(await decide(claim, options));
}

/**
 * Every verdict gets `verdict` (= status), a short `method` and the detailed `how`. The kinds written
 * before issue 14 say how in `method`: it moves to `how`, and `method` says which kind of evidence.
 */
function finish(v: Verdict): Verdict {
  if (v.how === undefined) {
    const how = v.method;
    let method: string;
    if (v.status === 'inconclusive') method = v.kind === 'scaling' ? METHOD.simulation : METHOD.none;
    else if (v.kind === 'scaling') method = METHOD.simulation;
    else if (v.kind === 'value') method = METHOD.exactPoint;
    else if (v.status === 'refuted') method = METHOD.counterexample;
    else if (/^symbolic identity/.test(how)) method = 'symbolic (the asymptotic exponent)';
    else if (/^numeric agreement/.test(how)) method = METHOD.numeric;
    else method = METHOD.sampled;
    v = { ...v, method, how };
  }
  return { ...v, verdict: v.status };
}

async function decide(claim: Claim | unknown, options: ValidateOptions = {}): Promise<Verdict> {
  const opts: CheckOptions = { seed: options.seed ?? DEFAULT_SEED, samples: options.samples ?? DEFAULT_SAMPLES, simulate: options.simulate ?? false };
  const parsed = parseClaim(claim);
  const r = resolveClaim(parsed);
  try {
    switch (r.kind) {
      case 'exponent':
        return r.target.type === 'law'
          ? lawOutsideEngine(r as typeof r & { target: LawTarget }, opts)
          : checkModelExponent(r as typeof r & { target: ModelTarget }, opts);
      case 'value':
        return checkValue(r, opts);
      case 'boundary':
        return checkBoundary(r, opts);
      case 'scaling':
        return await checkScaling(r, opts);
      case 'derivation':
        return checkDerivation(r, opts);
      case 'relation':
        return checkRelation(r, opts);
      case 'inequality':
        return checkInequality(r, opts);
      case 'monotone':
        return checkMonotone(r, opts);
      case 'balance':
        return checkBalance(r, opts);
      case 'continuity':
        return checkContinuity(r, opts);
      case 'law-value':
        return checkLawValue(r, opts);
      case 'preset-exponent':
        return checkPresetExponent(r, opts);
      case 'bound':
        if (r.claim.kind === 'exponent') return checkBoundExponent(r.claim, r.target, r.formula!, opts);
        if (r.claim.kind === 'value') return checkBoundValue(r.claim, r.target, opts);
        return { id: r.claim.id, kind: r.claim.kind, model: r.target.id, quantity: r.target.quantity, status: 'inconclusive', method: 'simulation', reason: `no simulation of ${r.target.id} is available: its exponents are checked exactly (kinds exponent and value)`, seed: opts.seed };
    }
  } catch (e) {
    // expected failures make the claim inconclusive; anything else is a bug and propagates
    if (!(e instanceof DomainError || e instanceof SymbolicError || e instanceof FormulaError || e instanceof UnsupportedLawError)) throw e;
    return {
      id: parsed.id,
      kind: parsed.kind,
      status: 'inconclusive',
      method: 'not decided',
      reason: `the check failed: ${(e as Error).message}`,
      seed: opts.seed,
    };
  }
}

/** A user law the parser does not support: the claim is inconclusive, with the parser's reason. */
function lawOutsideEngine(r: { claim: Claim & { quantity?: string }; target: LawTarget }, opts: CheckOptions): Verdict {
  return { id: r.claim.id, kind: r.claim.kind, quantity: r.claim.quantity, seed: opts.seed, status: 'inconclusive', method: 'user law', reason: `the law is outside what the engine encodes: ${r.target.unsupported}` };
}

/** Check every claim in turn (same options for each). */
export async function validateAll(claims: Array<Claim | unknown>, options: ValidateOptions = {}): Promise<Verdict[]> {
  const out: Verdict[] = [];
  for (const c of claims) out.push(await validate(c, options));
  return out;
}

/** Exit status of `scaling-theory check`: 0 when every claim is verified, else 1 (2, a malformed file, is the command line's). */
export function exitCode(verdicts: Verdict[]): number {
  return verdicts.every((v) => v.status === 'verified') ? 0 : 1;
}
