// A theory's admissible domain, checked from its theory file alone (no CAS): the first condition that
// fails at a point, as a DomainError naming the parameters involved, their values, the condition and why.
import { compileCondition, type CompiledCondition } from './condition.js';
import { BOUNDARY_TOL } from './region.js';
import { DomainError } from '../errors.js';
import type { TheoryFile } from './types.js';

const compiled = new WeakMap<TheoryFile, CompiledCondition[]>();

/** The DomainError for the first domain condition of `theory` that fails at x (parameters in the theory's order), or null. */
export function domainViolation(theory: TheoryFile, x: readonly number[], condition?: (text: string) => CompiledCondition): DomainError | null {
  const params = theory.parameters.map((p) => p.name);
  let conds = compiled.get(theory);
  if (!conds) {
    conds = theory.domain.map((d) => (condition ? condition(d.condition) : compileCondition(d.condition, params)));
    compiled.set(theory, conds);
  }
  for (let i = 0; i < conds.length; i++) {
    if (conds[i].evaluate(...x) > BOUNDARY_TOL) continue; // inside (./region.ts)
    const d = theory.domain[i];
    const involved = params.map((p, k) => [p, x[k]] as const).filter(([p]) => new RegExp(`\\b${p}\\b`).test(d.condition));
    const vals = involved.map(([p, v]) => `${p} = ${v}`).join(', ');
    return new DomainError(`${vals} is outside the admissible domain of ${theory.id}: requires ${d.condition}` + (d.reason ? ` (${d.reason})` : ''), {
      parameter: involved.map(([p]) => p).join(', '),
      value: involved.map(([, v]) => v).join(', '),
      condition: d.condition,
      reason: d.reason,
    });
  }
  return null;
}
