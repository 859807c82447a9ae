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
  /** help to fix: the phase of the point, the active balance there, the theory's formula with its provenance */
  phase?: string;
  balance?: string;
  formula?: string;
  provenance?: ProvenanceTag;
  source?: string;
  /** the simplest round point near the point of largest discrepancy, failing too (easier to check by hand) */
  simplest?: { point: Record<string, number>; claimed: number | string | null; actual: number | string | null; difference: number | null };
}

/** The `method` of a verdict: how it was reached, in a few words (the details are in `how`). */
export const METHOD = {
  symbolicDiagram: 'symbolic per phase (phases from the derived diagram)',
  symbolicNamed: "symbolic per phase (the claim's phases)",
  exactBoundary: 'exact (a boundary of the derived diagram)',
  exactDiagram: 'exact per phase (phases from the derived diagram)',
  exactNamed: "exact per phase (the claim's phases)",
  numeric: 'numeric (exact value)',
  exactPoint: 'exact at the point',
  sampled: 'sampled',
  simulation: 'simulation',
  counterexample: 'counterexample',
  none: 'not decided',
} as const;

/** A verified verdict that rests on a proof (per phase, or an exact evaluation), not on samples. */
export function isProof(method: string): boolean {
  return method.startsWith('symbolic') || method.startsWith('exact');
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
  /** the same as status (the contract's name); always set by validate() */
  verdict?: Status;
  /** how the status was reached, in a few words (METHOD) */
  method: string;
  /** how, in detail (the points, the phases met, the formulas compared); always set by validate() */
  how?: string;
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

/** The word a verified verdict is printed with: `verified` for a proof, `verified (sampled)` and so on otherwise. */
export function statusWord(v: Pick<Verdict, 'status' | 'method'>): string {
  if (v.status === 'refuted') return 'REFUTED';
  if (v.status === 'inconclusive') return 'inconclusive';
  if (isProof(v.method)) return 'verified';
  return v.method === METHOD.simulation ? 'verified (simulation)' : v.method === METHOD.numeric ? 'verified (numeric)' : 'verified (sampled)';
}

/** Options of every check (validate() fills them in). */
export interface CheckOptions {
  seed: number;
  /** points drawn per region piece */
  samples: number;
  simulate: boolean;
}
