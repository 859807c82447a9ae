// `kind: scaling`: a claimed exponent checked against simulation, with `--simulate`: the model's
// `simulate` capability measures it (src/models/: PLRF's simulated compute frontier for xi and eta, the
// dynamical model's DMFT frontier for N, t and loss).
// The claim is verified when it lies within the measurement's interval widened by the tolerance,
// refuted outside it, inconclusive when the measurement is too uncertain or cannot be made.
// The simulation modules are imported only when a scaling claim is checked.
import type { Resolved } from './schema.js';
import type { CheckOptions } from './exponent.js';
import type { Verdict } from './verdict.js';
import { fmt } from '../format.js';
import { findModel } from '../models/registry.js';
import { DomainError } from '../errors.js';
import type { Measurement } from '../models/types.js';

/** Accepted distance beyond the measurement's interval when the claim gives no tolerance. */
export const DEFAULT_SCALING_TOL = 0.03;
/** A measurement whose interval is wider than this decides nothing. */
const MAX_CI_WIDTH = 0.2;

export async function checkScaling(r: Extract<Resolved, { kind: 'scaling' }>, opts: CheckOptions): Promise<Verdict> {
  const { claim, target, point } = r;
  const { model } = target;
  const q = target.quantity!;
  const id = model.theory.id;
  const base = { id: claim.id, kind: claim.kind, model: id, quantity: q, seed: opts.seed };
  if (!opts.simulate) {
    return { ...base, status: 'inconclusive', method: 'simulation', reason: 'scaling claims are checked against simulation: run with --simulate (validate(claim, {simulate: true}))' };
  }
  const sim = findModel(id)?.simulate;
  const supported = sim?.quantities ?? [];
  if (!supported.includes(q)) {
    return { ...base, status: 'inconclusive', method: 'simulation', reason: supported.length ? `no simulated frontier measures ${q} of ${id} (measured: ${supported.join(', ')})` : `no simulation of model ${id} is available` };
  }
  try {
    model.checkDomain(point);
  } catch (e) {
    if (!(e instanceof DomainError)) throw e;
    return { ...base, status: 'inconclusive', method: 'simulation', reason: e.message };
  }
  let m: Measurement;
  try {
    m = await sim!.measure(point, q, opts.seed);
  } catch (e) {
    if (!(e instanceof DomainError)) throw e;
    return { ...base, status: 'inconclusive', method: 'simulation', reason: `the simulation could not measure ${q}: ${e.message}` };
  }
  if (!Number.isFinite(m.value)) return { ...base, status: 'inconclusive', method: m.how, reason: `the simulated frontier gives no finite ${q} (too few interior optima)` };
  const tol = claim.tolerance ?? DEFAULT_SCALING_TOL;
  const [lo, hi] = m.ci ?? [m.value, m.value];
  if (hi - lo > MAX_CI_WIDTH) {
    return { ...base, status: 'inconclusive', method: m.how, reason: `the simulation is too noisy: ${q} = ${fmt(m.value)} with interval [${fmt(lo)}, ${fmt(hi)}] (wider than ${MAX_CI_WIDTH})`, warnings: m.warnings };
  }
  // the theory's exponent at the point, for the record (with its provenance)
  let theory: Verdict['theory'];
  try {
    const e = model.exponents(point).exponents[q];
    if (e) theory = [{ region: model.classify(point).phase ?? undefined, expr: e.expr, provenance: e.provenance, source: e.source }];
  } catch (e) {
    if (!(e instanceof DomainError)) throw e; // no exponent at this point (a boundary, no phase): none shown
  }
  const measured = `measured ${q} = ${fmt(m.value)}${m.ci ? ` [${fmt(lo)}, ${fmt(hi)}]` : ''}, accepted within ${tol}${m.ci ? ' of the interval' : ''}`;
  const inside = claim.value >= lo - tol && claim.value <= hi + tol;
  const warnings = m.warnings.length ? { warnings: m.warnings } : {};
  if (inside) return { ...base, status: 'verified', method: `${m.how}: ${measured}`, theory, ...warnings };
  return {
    ...base,
    status: 'refuted',
    method: `${m.how}: ${measured}`,
    counterexample: { point: { ...point }, claimed: claim.value, actual: m.value, difference: claim.value - m.value, note: `the claimed exponent lies outside the simulated interval [${fmt(lo - tol)}, ${fmt(hi + tol)}]` },
    theory,
    ...warnings,
  };
}
