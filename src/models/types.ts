// One model interface for every theory, bound, law and preset the tool knows. A model is an object with
// an id, a title, a citation, its parameters and domain, and capabilities: commands, the validator and the
// explorer ask a model what it can do (`capabilities`) and call that, never compare ids. Simulators
// (curves, frontiers, the validator's scaling measurements) are registered next to their theory
// (./plrf.ts, ./rf-dynamics.ts) and receive the theory's exponents as arguments.
import type { Model, Point } from '../engine/model.js';
import type { ProvenanceTag } from '../engine/types.js';
import type { ParsedLaw } from '../law/parse.js';
import type { BoundOptimum, NumericCheck, Asymptotics } from '../law/info-bound.js';
import type { CommandContext } from '../cli/context.js';

export const CAPABILITIES = ['exponents', 'phases', 'optimum', 'curve', 'frontier', 'simulate', 'fit'] as const;
export type Capability = (typeof CAPABILITIES)[number];

export type ModelKind = 'theory' | 'bound' | 'law';

export interface ModelParameter {
  name: string;
  description: string;
  latex?: string;
  /** the condition of the valid domain that involves it, where one is stated */
  domain?: string;
}

/** The parts every model has. */
export interface ModelInfo {
  id: string;
  title: string;
  citation: string;
  url?: string;
  kind: ModelKind;
  parameters: ModelParameter[];
  /** conditions of the valid domain */
  domain: string[];
  provenance?: ProvenanceTag;
  /** the model this one is a variant of (`rf-dynamics~ensemble` -> `rf-dynamics`) */
  variantOf?: string;
  /** variant name -> model id */
  variants: Record<string, string>;
}

// ---- capabilities ---------------------------------------------------------------------------------

/** Curves of the loss against time for one parameter point (`curve`). The handler is the command line's. */
export interface CurveCapability {
  methods: readonly string[];
  /** commander flags [flags, description, default]; the model's parameters (--alpha ...) come on top */
  options: Array<[flags: string, description: string, defaultValue?: string]>;
  /** examples for `curve --help` */
  help: string;
  load: () => Promise<{ run: (opts: Record<string, unknown>, args: string[], ctx: CommandContext, model: ScalingModel) => Promise<number | void> | number | void }>;
}

/** The theory's exponents at a point, as a simulator receives them. */
export interface TheoryExponents {
  phase: string | null;
  values: Record<string, number | null>;
  provenance: Record<string, string>;
}

/** A simulated compute frontier (`frontier`): curves over a size grid, fitted, next to the theory. */
export interface FrontierCapability {
  /** what the measured exponents are called (xi, eta) */
  quantities: string[];
  title: string;
  run: (point: Point, options: Record<string, unknown>) => unknown;
}

export interface Measurement {
  value: number;
  ci: [number, number] | null;
  how: string;
  warnings: string[];
}

/** Measurements of exponents by simulation, for the validator's `scaling` claims. */
export interface SimulateCapability {
  quantities: string[];
  measure: (point: Point, quantity: string, seed: number) => Promise<Measurement>;
}

/** The compute-optimal allocation of a bound at a budget (`optimum`). */
export interface BoundCapability {
  /** printed with every result */
  label: string;
  /** E(p, T) as written */
  bound: string;
  constraint: string;
  /** the two constants of the bound, in order (`m, k` or `m, b`) */
  constants: [string, string];
  budget: string;
  optimum: (a: number, b: number, C: number) => BoundOptimum;
  /** the smallest budget with an optimum, where there is one */
  minBudget?: (a: number, b: number) => number;
  /** below this budget the interior optimum is only local (the edge of the domain is lower) */
  localBelow?: (a: number, b: number) => number;
  numericCheck?: (a: number, b: number, C: number, closed: BoundOptimum) => NumericCheck;
  asymptotics: () => Asymptotics;
  /** the closed form of the optimum as printed, where there is one */
  closedForm?: Record<string, string>;
  method: { name: string; provenance: ProvenanceTag };
  note?: string;
  /** the model shown for contrast in a sweep */
  contrast?: string;
  /** input-dimension mappings m(d), k(d), where the bound has them */
  mappings?: Array<{ id: string; label: string; m: string; k: string; provenance: ProvenanceTag; source: string }>;
}

/** A scaling law with named constants: its exponents come from the engine, its optimum from the exact minimum. */
export interface LawCapability {
  text: string;
  constraint: string;
  /** the constants of a preset, with where they come from */
  values?: Record<string, number>;
  source: string;
  referenceId?: string;
  intervals?: Record<string, [number, number]>;
  note?: string;
  /** the parsed law (cached: one parse per law text and constraint) */
  parsed: () => ParsedLaw;
}

/** Fitting the law's constants to measured losses (`fit`). */
export interface FitCapability {
  /** the law fitted */
  law: string;
  /** the fitted constants, in order */
  parameters: readonly string[];
}

export interface ScalingModel extends ModelInfo {
  capabilities: Capability[];
  /** exponents and phases: the engine's model of the theory file */
  engine?: () => Model;
  bound?: BoundCapability;
  law?: LawCapability;
  curve?: CurveCapability;
  frontier?: FrontierCapability;
  simulate?: SimulateCapability;
  fit?: FitCapability;
}

/** The capabilities an entry has, read off its parts (so the list cannot disagree with them). */
export function capabilitiesOf(m: Omit<ScalingModel, 'capabilities'>, hasPhases: boolean): Capability[] {
  const out: Capability[] = [];
  if (m.engine || m.law) out.push('exponents');
  if (hasPhases) out.push('phases');
  if (m.bound || m.law?.values) out.push('optimum');
  if (m.curve) out.push('curve');
  if (m.frontier) out.push('frontier');
  if (m.simulate) out.push('simulate');
  if (m.fit) out.push('fit');
  return out;
}
