// What the validator answers for one claim (the JSON of `scaling-theory check --json` and of `validate`).
import type { ProvenanceTag } from '../engine/types.js';

export type Status = 'verified' | 'refuted' | 'inconclusive';

export interface Counterexample {
  /** the parameter point (keys: the model's parameter names) */
  point: Record<string, number>;
  /** the claim's value there (a number; for a boundary, the phases it names; null where the claimed formula is not finite) */
  claimed: number | string | null;
  /** the theory's value there (a number; for a boundary, the phases actually found on the two sides; for a scaling claim, the measured exponent) */
  actual: number | string | null;
  /** claimed - actual (for a boundary: the claimed condition's lhs - rhs at the point: 0 on the claimed curve) */
  difference: number | null;
  note?: string;
}

/** The theory side of a comparison, with its provenance (every output carries one). */
export interface TheoryFormula {
  /** the phase or region piece the formula holds on */
  region?: string;
  expr?: string;
  provenance: ProvenanceTag;
  source?: string;
}

export interface Verdict {
  id: string;
  kind: string;
  status: Status;
  /** how the status was reached (symbolic identity on a region, sampled agreement at n points, ...) */
  method: string;
  /** for inconclusive verdicts: why */
  reason?: string;
  model?: string;
  quantity?: string;
  counterexample?: Counterexample;
  theory?: TheoryFormula[];
  /** number of parameter points evaluated (sampling methods) */
  samples?: number;
  /** the seed of the random search (reproduce a verdict with --seed) */
  seed: number;
  warnings?: string[];
}
