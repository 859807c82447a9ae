// `kind: value`: a claimed number for a quantity at one parameter point, within a tolerance, against the
// engine's exponents at that point (the same query as `scaling-theory exponents`).
import { DomainError } from '../errors.js';
import { fmt } from '../format.js';
import { bottlenecksAt } from '../engine/bottleneck.js';
import type { Resolved } from './schema.js';
import type { CheckOptions } from './exponent.js';
import type { Verdict } from './verdict.js';

/** Tolerance of a value claim that gives none: the claim is read as exact. */
export const DEFAULT_VALUE_TOL = 1e-9;

/** Half a unit in the last decimal written (0.643 -> 0.0005): a hint when a rounded value is refuted. */
function halfLastDigit(v: number): number {
  const s = String(v);
  if (/e/i.test(s)) return 0;
  const dec = s.split('.')[1]?.length ?? 0;
  return 0.5 * 10 ** -dec;
}

export function checkValue(r: Extract<Resolved, { kind: 'value' }>, opts: CheckOptions): Verdict {
  const { claim, target, point } = r;
  const { model } = target;
  const q = target.quantity!;
  const base = { id: claim.id, kind: claim.kind, model: model.theory.id, quantity: q, seed: opts.seed };
  const tol = claim.tolerance ?? DEFAULT_VALUE_TOL;
  if (q.startsWith('bottleneck.')) return checkBottleneckValue(r, opts);
  let result;
  try {
    result = model.exponents(point);
  } catch (e) {
    if (e instanceof DomainError) return { ...base, status: 'inconclusive', method: 'engine query at the point', reason: e.message };
    throw e;
  }
  const info = result.exponents[q];
  const theory = [{ region: result.phase ?? undefined, expr: info.expr, provenance: info.provenance, source: info.source }];
  if (info.value === null) {
    const sides = Object.entries(info.sides ?? {}).map(([k, v]) => `${k}: ${fmt(v.value)}`).join(', ');
    return { ...base, status: 'inconclusive', method: 'engine query at the point', reason: `the point lies on the boundary ${result.phase}, where ${q} jumps (${sides}): it has no single value there`, theory };
  }
  const diff = claim.value - info.value;
  const how = `${q} at ${model.fmtPoint(point)} from the engine's derivation in phase ${result.phase} (${info.expr}), tolerance ${claim.tolerance === undefined ? `${tol} (default: exact)` : tol}`;
  const warnings = result.warnings.length ? { warnings: result.warnings } : {};
  if (Math.abs(diff) <= tol) return { ...base, status: 'verified', method: how, theory, ...warnings };
  const hint = claim.tolerance === undefined && Math.abs(diff) <= halfLastDigit(claim.value) ? `; it agrees to the digits written: add 'tolerance: ${halfLastDigit(claim.value)}' if ${claim.value} is a rounded value` : '';
  return {
    ...base,
    status: 'refuted',
    method: how,
    counterexample: { point: { ...point }, claimed: claim.value, actual: info.value, difference: diff, note: `|difference| ${fmt(Math.abs(diff))} > tolerance ${tol}${hint}` },
    theory,
    ...warnings,
  };
}

/** A single-variable bottleneck exponent at a point (src/engine/bottleneck.ts). */
function checkBottleneckValue(r: Extract<Resolved, { kind: 'value' }>, opts: CheckOptions): Verdict {
  const { claim, target, point } = r;
  const { model } = target;
  const q = target.quantity!;
  const base = { id: claim.id, kind: claim.kind, model: model.theory.id, quantity: q, seed: opts.seed };
  const tol = claim.tolerance ?? DEFAULT_VALUE_TOL;
  let b;
  try {
    b = bottlenecksAt(model, point)[q.slice('bottleneck.'.length)];
  } catch (e) {
    if (e instanceof DomainError) return { ...base, status: 'inconclusive', method: 'engine query at the point', reason: e.message };
    throw e;
  }
  if (!b) return { ...base, status: 'inconclusive', method: 'engine query at the point', reason: `no term of ${model.theory.id} gives the ${q} at ${model.fmtPoint(point)}` };
  const theory = [{ expr: b.expr, provenance: b.provenance, source: b.source }];
  const diff = claim.value - b.value;
  const how = `${q} at ${model.fmtPoint(point)}: the slowest term in ${b.variable} alone (${b.term}: ${b.form}), c = ${b.expr}, tolerance ${claim.tolerance === undefined ? `${tol} (default: exact)` : tol}`;
  if (Math.abs(diff) <= tol) return { ...base, status: 'verified', method: how, theory };
  return { ...base, status: 'refuted', method: how, counterexample: { point: { ...point }, claimed: claim.value, actual: b.value, difference: diff, note: `|difference| ${fmt(Math.abs(diff))} > tolerance ${tol}` }, theory };
}
