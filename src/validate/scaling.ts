// `kind: scaling`: a claimed exponent checked against simulation, with `--simulate`:
// - plrf (xi, eta): the simulated compute frontier of src/numeric/plrf/frontier.ts (deterministic
//   equivalent of the loss curves over a d grid, Approach 1, bootstrap interval; plrf.md §7);
// - rf-dynamics (N, t, loss): the frontier of DMFT loss curves, src/numeric/rf/frontier.ts
//   (random-features.md §4.3-4.4).
// The claim is verified when it lies within the measurement's interval widened by the tolerance,
// refuted outside it, inconclusive when the measurement is too uncertain or cannot be made.
// The simulation modules are imported only when a scaling claim is checked.
import type { Resolved } from './schema.js';
import type { CheckOptions } from './exponent.js';
import type { Verdict } from './verdict.js';
import { fmt } from '../engine/model.js';

/** Accepted distance beyond the measurement's interval when the claim gives no tolerance. */
export const DEFAULT_SCALING_TOL = 0.03;
/** A measurement whose interval is wider than this decides nothing. */
const MAX_CI_WIDTH = 0.2;

/** rf-dynamics quantity -> the frontier's fitted exponent. */
const RF_KEYS: Record<string, 'x' | 'y' | 'z'> = { N: 'x', t: 'y', loss: 'z' };

interface Measurement {
  value: number;
  ci: [number, number] | null;
  how: string;
  warnings: string[];
}

async function measurePlrf(alpha: number, beta: number, quantity: string, seed: number): Promise<Measurement> {
  const { plrfFrontier, DEFAULT_D_GRID } = await import('../numeric/plrf/frontier.js');
  const res = plrfFrontier({ alpha, beta, method: 'deterministic', approach: 1, seed });
  const fit = res.fit[quantity as 'xi' | 'eta'];
  const w = res.fit.window;
  const warnings: string[] = [];
  if (alpha < 0.5) warnings.push('below the high-dimensional line (2 alpha < 1) the reference warns of slow relaxation: finite-size frontiers may be far from the asymptotic exponent (docs/theory/plrf.md §7)');
  return {
    value: fit.value,
    ci: fit.ci,
    how: `simulated PLRF compute frontier (deterministic equivalent, Approach 1, d = ${DEFAULT_D_GRID[0]}..${DEFAULT_D_GRID[DEFAULT_D_GRID.length - 1]}${w ? `, flops ${w[0].toExponential(1)}..${w[1].toExponential(1)}` : ''}, bootstrap seed ${seed})`,
    warnings,
  };
}

async function measureRf(a: number, b: number, quantity: string): Promise<Measurement> {
  const { computeFrontier } = await import('../numeric/rf/frontier.js');
  // N on a 2^(k/2) grid from 8, C = 10^2.5..10^5, P = inf (random-features.md §4.4)
  const widths = Array.from({ length: 15 }, (_, k) => 8 * 2 ** (k / 2));
  const budgets = Array.from({ length: 11 }, (_, k) => 10 ** (2.5 + (2.5 * k) / 10));
  const f = computeFrontier({ a, b, widths, budgets });
  const value = f[RF_KEYS[quantity]];
  const warnings = f.points.length < 4 ? [`only ${f.points.length} budgets have an interior optimum`] : [];
  return {
    value,
    ci: null,
    how: `DMFT compute frontier of rf-dynamics (untruncated spectrum, N = 8..1024 on a 2^(k/2) grid, C = 10^2.5..10^5, P = inf; ${f.points.length} interior optima${f.dropped.length ? `, ${f.dropped.length} budgets dropped at the grid edge` : ''})`,
    warnings,
  };
}

export async function checkScaling(r: Extract<Resolved, { kind: 'scaling' }>, opts: CheckOptions): Promise<Verdict> {
  const { claim, target, point } = r;
  const { model } = target;
  const q = target.quantity!;
  const id = model.theory.id;
  const base = { id: claim.id, kind: claim.kind, model: id, quantity: q, seed: opts.seed };
  if (!opts.simulate) {
    return { ...base, status: 'inconclusive', method: 'simulation', reason: 'scaling claims are checked against simulation: run with --simulate (validate(claim, {simulate: true}))' };
  }
  const supported = id === 'plrf' ? ['xi', 'eta'] : id === 'rf-dynamics' ? Object.keys(RF_KEYS) : [];
  if (!supported.includes(q)) {
    return { ...base, status: 'inconclusive', method: 'simulation', reason: supported.length ? `no simulated frontier measures ${q} of ${id} (measured: ${supported.join(', ')})` : `no simulation of model ${id} is available` };
  }
  try {
    model.checkDomain(point);
  } catch (e) {
    return { ...base, status: 'inconclusive', method: 'simulation', reason: (e as Error).message };
  }
  let m: Measurement;
  try {
    m = id === 'plrf' ? await measurePlrf(point.alpha, point.beta, q, opts.seed) : await measureRf(point.a, point.b, q);
  } catch (e) {
    return { ...base, status: 'inconclusive', method: 'simulation', reason: `the simulation could not measure ${q}: ${(e as Error).message}` };
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
  } catch {
    theory = undefined;
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
