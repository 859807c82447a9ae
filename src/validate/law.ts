// Exponent claims about a user-written law (`law:` + `constraint:`, quantity N_opt / D_opt).
import type { Resolved, LawTarget } from './schema.js';
import type { CheckOptions } from './exponent.js';
import type { Verdict } from './verdict.js';

export async function checkLawExponent(r: Extract<Resolved, { kind: 'exponent' }> & { target: LawTarget }, opts: CheckOptions): Promise<Verdict> {
  const { claim, target } = r;
  const base = { id: claim.id, kind: claim.kind, quantity: target.quantity, seed: opts.seed };
  return { ...base, status: 'inconclusive', method: 'user law', reason: 'claims about a user-written law need the law parser (src/law, issue 6), which this build does not have' };
}
