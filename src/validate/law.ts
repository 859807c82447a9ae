// Exponent claims about a user-written law (`law:` + `constraint:`, quantity N_opt / D_opt): a law the
// parser (src/law/parse.ts) reads becomes an engine model and is checked like any other (./exponent.ts);
// one it does not support is answered here, inconclusive with the parser's reason.
import type { Resolved, LawTarget } from './schema.js';
import type { CheckOptions } from './exponent.js';
import type { Verdict } from './verdict.js';

export function checkLawExponent(r: Extract<Resolved, { kind: 'exponent' }> & { target: LawTarget }, opts: CheckOptions): Verdict {
  const { claim, target } = r;
  const base = { id: claim.id, kind: claim.kind, quantity: claim.quantity, seed: opts.seed };
  return { ...base, status: 'inconclusive', method: 'user law', reason: `the law is outside what the engine encodes: ${target.unsupported}` };
}
