// `kind: scaling`: a claimed exponent checked against simulation (the PLRF compute frontier, the
// dynamical model's curves). Needs `--simulate`; the simulations live in src/numeric/ (issues 4 and 5).
import type { Resolved } from './schema.js';
import type { CheckOptions } from './exponent.js';
import type { Verdict } from './verdict.js';

export async function checkScaling(r: Extract<Resolved, { kind: 'scaling' }>, opts: CheckOptions): Promise<Verdict> {
  const { claim, target } = r;
  const base = { id: claim.id, kind: claim.kind, model: target.model.theory.id, quantity: target.quantity, seed: opts.seed };
  if (!opts.simulate) {
    return { ...base, status: 'inconclusive', method: 'simulation', reason: 'scaling claims are checked against simulation: run with --simulate (validate(claim, {simulate: true}))' };
  }
  return { ...base, status: 'inconclusive', method: 'simulation', reason: `no simulated frontier is available for model ${target.model.theory.id} in this build` };
}
