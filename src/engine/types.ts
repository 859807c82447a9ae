// The shape of a theory file (theory/*.yaml, docs/theory-files.md): a theory stated as data that the engine reads.
// The runtime schema that checks these shapes is in src/theory-file/schema.ts.

/** Where a statement comes from (the tags of ../shared/reference/*.md). */
/** `user`: a statement of a user's own theory file (the default there, docs/theory-files.md). */
export type ProvenanceTag = 'paper' | "authors' code" | 'derived' | 'reconstruction' | 'unverified' | 'empirical' | 'user';

export interface Provenance {
  /** The tag shown in every output. */
  provenance: ProvenanceTag;
  /** Where exactly: an equation, a table, a reference section. */
  source?: string;
}

export interface ParameterSpec {
  name: string;
  latex: string;
  description: string;
  /** A box used to sample the domain and draw diagrams (not a validity statement). */
  range: [number, number];
}

/** A condition is a strict inequality between two expressions in the parameters, e.g. `2*alpha + 2*beta > 1`. */
export type Condition = string;

export interface DomainCondition extends Provenance {
  condition: Condition;
  /** Why the condition is needed, shown in errors. */
  reason?: string;
}

export interface TermCase extends Provenance {
  /** Conditions (all must hold) under which this form applies; the first matching case is used. */
  when: Condition[];
  /** A monomial in the variables: factors `v` or `v^(expr)` joined by `*`; exponents are expressions in the parameters. */
  form: string;
  /** Optional prefactor (an expression in the parameters), used by numeric estimates, not by the exponents. */
  coefficient?: string;
  /**
   * Where the form holds as a function of the variables, `v < monomial` (e.g. `t < d^(2*alpha)`): numeric
   * estimates drop the term beyond it; the exponents (an asymptotic statement) do not use it.
   */
  validity?: string;
  note?: string;
}

export interface TermSpec {
  name: string;
  latex: string;
  description: string;
  /** Cases in order; where none applies the term is absent. */
  cases: TermCase[];
}

export interface Relation extends Provenance {
  /** A monomial equation between variables, e.g. `f = d*B*r` or `gamma = d^(2*alpha - 1)`. */
  equation: string;
  when?: Condition[];
  note?: string;
}

export interface ComputeSpec {
  /** The compute budget variable (f, C). */
  budget: string;
  /** The variable the budget is allocated to (d, N): the engine solves for its exponent. */
  allocate: string;
  /** The compute constraint itself. */
  constraint: Relation;
  /** Further monomial relations (time in terms of steps, learning-rate scaling...). */
  relations: Relation[];
  /** Variables held fixed as the budget grows (batch size...): exponent 0. */
  constants: string[];
  /**
   * Variables taken to infinity at the compute optimum because the budget does not pay for them (the
   * dataset size P when data are unlimited): terms in them vanish and take no part in the balance. Their
   * own power laws are reported as bottlenecks (./bottleneck.ts).
   */
  unbounded?: string[];
}

/** A single-variable bottleneck: the loss as a power of one variable with every other variable at infinity. */
export interface BottleneckSpec {
  name: string;
  variable: string;
  description: string;
}

export interface RegionPiece extends Provenance {
  /** A conjunction of strict inequalities. */
  conditions: Condition[];
  conjectural?: boolean;
  note?: string;
}

export interface PhaseSpec {
  name: string;
  description: string;
  /** The bottleneck named by the paper. */
  bottleneck?: string;
  /** The phase is the union of these open regions. */
  regions: RegionPiece[];
}

export interface QuantitySpec {
  name: string;
  latex: string;
  description: string;
  /** `variable`: the exponent of a variable at the optimum; `loss`: the exponent of the loss at the optimum. */
  kind: 'variable' | 'loss';
  variable?: string;
  /** +1: X* ~ C^q; -1: X* ~ C^(-q) (PLRF writes P* ~ f^(-eta)). */
  sign: 1 | -1;
}

/** A published or reference closed form of a quantity in a phase, which the engine's result is checked against. */
export interface ClosedForm extends Provenance {
  phase: string;
  quantity: string;
  expr: string;
}

export interface TheoryFile {
  id: string;
  title: string;
  citation: string;
  url?: string;
  /** The project reference this file encodes. */
  reference: string;
  parameters: ParameterSpec[];
  domain: DomainCondition[];
  /** Abbreviations used in forms and closed forms (s, p, q, sigma...), substituted before evaluation. */
  definitions: Record<string, string>;
  /** The variables of the loss terms, with a description each. */
  variables: Record<string, string>;
  terms: TermSpec[];
  compute: ComputeSpec;
  quantities: QuantitySpec[];
  phases?: PhaseSpec[];
  /** Named unions of phases (the paper's unsplit "IV" = IVa, IVb), usable as a claim's region. */
  groups?: Record<string, string[]>;
  closedForms?: ClosedForm[];
  /** Single-variable bottlenecks (L ~ v^(-c) with the other variables at infinity), read off the terms. */
  bottlenecks?: BottleneckSpec[];
  /** Named variants of the same theory (e.g. the ensemble-averaged loss): model id `<id>~<variant>` (./variant.ts). */
  variants?: Record<string, TheoryVariant>;
  /** A default parameter point (used by `npm start` and examples). */
  example: Record<string, number>;
  notes?: string[];
}

/** A variant replaces terms (by name; `cases: []` removes one), and may replace phases and closed forms (by phase and quantity). */
export interface TheoryVariant {
  title: string;
  description: string;
  terms: TermSpec[];
  phases?: PhaseSpec[];
  closedForms?: ClosedForm[];
}
