// The kinds of claim a claims file may state (docs/validator-tutorial.md), each with the line `check --help`
// shows: the one list, read by the schema (./schema.ts) and the command line's help (src/cli/main.ts).
export const CLAIM_KIND_HELP = {
  exponent: 'quantity, formula: an exponent over a region or phase (e.g. xi = 1/2 in phase III)',
  value: 'quantity, at, value: a value at a point (an exponent, a bottleneck, a law or preset at a budget)',
  boundary: 'between: [A, B], condition: the boundary line between two phases',
  scaling: 'quantity, at, value: an exponent measured by simulation (with --simulate)',
  relation: 'relation: "lhs = rhs", an identity between quantities and parameters over a region',
  inequality: 'inequality: "lhs < rhs" (optionally "iff" a second inequality)',
  monotone: 'quantity, in, direction: increasing or decreasing in a parameter',
  continuity: 'quantity, between: [A, B], expect: continuous or jump across a boundary',
  balance: 'terms: [T1, T2], the dominant balance in every phase the region meets',
  derivation: 'steps: a derivation step by step (terms, relation, substitute, balance, solve, loss)',
} as const;

export const CLAIM_KINDS = Object.keys(CLAIM_KIND_HELP) as ReadonlyArray<keyof typeof CLAIM_KIND_HELP>;
export type ClaimKind = keyof typeof CLAIM_KIND_HELP;
