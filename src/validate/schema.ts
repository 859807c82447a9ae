// The claims file: its schema (zod) and the resolution of each claim against the registered theories.
// Every problem is a ClaimsFileError naming the claim (its id, or its position) and the field; the
// command line turns it into exit code 2 before any claim is checked.
import { readFileSync } from 'node:fs';
import { z } from 'zod';
import { parse as parseYaml } from 'yaml';
import { findModel, listModels, type ScalingModel } from '../models/registry.js';
import type { Model } from '../engine/model.js';
import { LawSyntaxError, UnsupportedLawError, type ParsedLaw } from '../law/parse.js';
import { cachedLaw } from '../law/index.js';
import { lawModel as lawEngineModel } from '../law/allocate.js';
import { quantityNames } from './oracle.js';
import { DerivationClaimSchema, type DerivationClaim } from './derivation-claim.js';
import { resolveDerivation, type DerivationPlan } from './derivation-steps.js';
import type { ProvenanceTag } from '../engine/types.js';
import { CLAIM_KINDS, type ClaimKind } from './claim-kinds.js';
import { FormulaError, parseEquation, parseFormula, parseInequality, substituteNames, symbolsOf, type Node, type ParsedEquation, type ParsedInequality } from '../symbolic/formula.js';

/** A theory file that cannot be read or is malformed (the reader's message names the file and the problem). */
export class TheoryFileReadError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'TheoryFileReadError';
  }
}

export class ClaimsFileError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'ClaimsFileError';
  }
}

export { CLAIM_KINDS, type ClaimKind } from './claim-kinds.js';

const Point = z.record(z.string(), z.number());
const Conditions = z.array(z.string().min(1)).min(1);
const common = {
  id: z.string().min(1),
  /** a registered model id (see `scaling-theory models`) */
  model: z.string().min(1).optional(),
  /** or a theory file (YAML or JSON), relative to the claims file */
  theory: z.string().min(1).optional(),
  /** or a user-written law, e.g. "E + A/N^alpha + B/D^beta", with its compute constraint */
  law: z.string().min(1).optional(),
  constraint: z.string().min(1).optional(),
  note: z.string().optional(),
};
/** a phase name, a union `IVa|IVb`, a declared group (`IV`), or inequalities such as ["2*beta > 1", "beta < alpha"]; absent: the whole domain */
const Region = z.union([z.string().min(1), z.array(z.string().min(1)).min(1)]);
const regional = {
  ...common,
  region: Region.optional(),
  /** further inequalities intersected with the region (the only region of a user law) */
  where: Conditions.optional(),
};
const Formula = z.union([z.string().min(1), z.number()]).transform((v) => String(v));

export const ExponentClaimSchema = z
  .object({
    ...regional,
    kind: z.literal('exponent'),
    quantity: z.string().min(1),
    formula: Formula,
    /** absolute tolerance; default: exact (1e-9 relative) */
    tolerance: z.number().nonnegative().optional(),
  })
  .strict();

export const ValueClaimSchema = z
  .object({
    ...common,
    kind: z.literal('value'),
    quantity: z.string().min(1),
    at: Point,
    value: z.number(),
    /** absolute tolerance; default 1e-9 (an exact claim) */
    tolerance: z.number().nonnegative().optional(),
  })
  .strict();

export const BoundaryClaimSchema = z
  .object({
    ...common,
    kind: z.literal('boundary'),
    between: z.tuple([z.string().min(1), z.string().min(1)]),
    condition: z.string().min(1),
    /** optional inequalities restricting the claimed curve to a segment, e.g. ["alpha > 1/4"] */
    where: Conditions.optional(),
  })
  .strict();

export const ScalingClaimSchema = z
  .object({
    ...common,
    kind: z.literal('scaling'),
    quantity: z.string().min(1),
    at: Point,
    value: z.number(),
    /** accepted distance between the claimed and the measured exponent (besides the measurement's interval) */
    tolerance: z.number().positive().optional(),
  })
  .strict();

/** `relation: "eta = 2*alpha*xi"`: an identity between quantities and parameters over a region. */
export const RelationClaimSchema = z
  .object({ ...regional, kind: z.literal('relation'), relation: z.string().min(1), tolerance: z.number().nonnegative().optional() })
  .strict();

/** `inequality: "eta_II < eta_III iff beta < alpha"`: an ordering (`<`, `>`), optionally `iff` another. */
export const InequalityClaimSchema = z.object({ ...regional, kind: z.literal('inequality'), inequality: z.string().min(1) }).strict();

/** A quantity increases or decreases in a parameter over a region. */
export const MonotoneClaimSchema = z
  .object({ ...regional, kind: z.literal('monotone'), quantity: z.string().min(1), in: z.string().min(1), direction: z.enum(['increasing', 'decreasing']) })
  .strict();

/** A quantity is continuous, or jumps, across the boundary between two phases. */
export const ContinuityClaimSchema = z
  .object({ ...common, kind: z.literal('continuity'), quantity: z.string().min(1), between: z.tuple([z.string().min(1), z.string().min(1)]), expect: z.enum(['continuous', 'jump']) })
  .strict();

/** The active balance (the pair of terms equal at the optimum) over a region. */
export const BalanceClaimSchema = z.object({ ...regional, kind: z.literal('balance'), terms: z.tuple([z.string().min(1), z.string().min(1)]) }).strict();

export type ExponentClaim = z.infer<typeof ExponentClaimSchema>;
export type ValueClaim = z.infer<typeof ValueClaimSchema>;
export type BoundaryClaim = z.infer<typeof BoundaryClaimSchema>;
export type ScalingClaim = z.infer<typeof ScalingClaimSchema>;
export type RelationClaim = z.infer<typeof RelationClaimSchema>;
export type InequalityClaim = z.infer<typeof InequalityClaimSchema>;
export type MonotoneClaim = z.infer<typeof MonotoneClaimSchema>;
export type ContinuityClaim = z.infer<typeof ContinuityClaimSchema>;
export type BalanceClaim = z.infer<typeof BalanceClaimSchema>;
export type Claim = ExponentClaim | ValueClaim | BoundaryClaim | ScalingClaim | RelationClaim | InequalityClaim | MonotoneClaim | ContinuityClaim | BalanceClaim;

const SCHEMAS = {
  exponent: ExponentClaimSchema,
  value: ValueClaimSchema,
  boundary: BoundaryClaimSchema,
  scaling: ScalingClaimSchema,
  relation: RelationClaimSchema,
  inequality: InequalityClaimSchema,
  monotone: MonotoneClaimSchema,
  continuity: ContinuityClaimSchema,
  balance: BalanceClaimSchema,
  derivation: DerivationClaimSchema,
} as const;

/** "claim 'x' (claims[3])" or "claims[3]" when the id is missing. */
function label(raw: unknown, index?: number): string {
  const id = raw && typeof raw === 'object' && typeof (raw as { id?: unknown }).id === 'string' ? (raw as { id: string }).id : undefined;
  const pos = index === undefined ? '' : `claims[${index}]`;
  if (id) return `claim '${id}'${pos ? ` (${pos})` : ''}`;
  return pos ? `${pos} (no id)` : 'claim (no id)';
}

/** Check one claim's shape (not yet its meaning). */
export function parseClaim(raw: unknown, index?: number): Claim {
  const where = label(raw, index);
  if (!raw || typeof raw !== 'object' || Array.isArray(raw)) throw new ClaimsFileError(`${where}: a claim must be a mapping of fields`);
  const kind = (raw as { kind?: unknown }).kind;
  if (typeof kind !== 'string' || !(CLAIM_KINDS as readonly string[]).includes(kind)) {
    throw new ClaimsFileError(`${where}, field kind: ${kind === undefined ? 'missing' : `'${String(kind)}' is not a claim kind`} (one of ${CLAIM_KINDS.join(', ')})`);
  }
  const r = SCHEMAS[kind as ClaimKind].safeParse(raw);
  if (!r.success) {
    const msgs = r.error.issues.map((iss) => {
      const field = iss.path.length ? iss.path.map(String).join('.') : (iss.code === 'unrecognized_keys' ? (iss as { keys?: string[] }).keys?.join(', ') ?? '(claim)' : '(claim)');
      return `${where}, field ${field}: ${iss.message}`;
    });
    throw new ClaimsFileError(msgs.join('\n'));
  }
  return r.data as Claim;
}

/** Parse a claims file's text (YAML or JSON); the top level is `{claims: [...]}`. Theory files a claim names are read relative to the file. */
export function parseClaimsText(text: string, name = 'claims file'): Claim[] {
  let doc: unknown;
  try {
    doc = name.toLowerCase().endsWith('.json') ? JSON.parse(text) : parseYaml(text, { maxAliasCount: 50 });
  } catch (e) {
    throw new ClaimsFileError(`${name}: not valid ${name.toLowerCase().endsWith('.json') ? 'JSON' : 'YAML'}: ${(e as Error).message.split('\n')[0]}`);
  }
  if (!doc || typeof doc !== 'object' || !Array.isArray((doc as { claims?: unknown }).claims)) {
    throw new ClaimsFileError(`${name}: the top level must be a mapping with a list 'claims:'`);
  }
  const extra = Object.keys(doc as object).filter((k) => k !== 'claims');
  if (extra.length) throw new ClaimsFileError(`${name}: unknown top-level field(s) ${extra.join(', ')} (only 'claims')`);
  const list = (doc as { claims: unknown[] }).claims;
  if (list.length === 0) throw new ClaimsFileError(`${name}: 'claims' is empty`);
  const slash = name.lastIndexOf('/');
  const baseDir = slash >= 0 ? name.slice(0, slash) : undefined;
  const claims = list.map((c, i) => withBase(parseClaim(c, i), baseDir)); // `theory:` is relative to the claims file
  const seen = new Set<string>();
  claims.forEach((c, i) => {
    if (seen.has(c.id)) throw new ClaimsFileError(`claim '${c.id}' (claims[${i}]), field id: duplicate id`);
    seen.add(c.id);
  });
  // resolve every claim now, so that a bad file is refused before anything is checked
  claims.forEach((c, i) => resolveClaim(c, i));
  return claims;
}

/** A claim's `theory:` path relative to the claims file's directory (no node:path: the explorer bundles this file). */
function withBase(c: Claim, baseDir: string | undefined): Claim {
  if (c.theory === undefined || baseDir === undefined || /^([/\\]|[A-Za-z]:[/\\])/.test(c.theory)) return c;
  return { ...c, theory: `${baseDir}/${c.theory}` };
}

/** Reads a theory file into its engine Model, or throws an Error whose message names the problem. */
export type TheoryFileReader = (path: string) => Model;
let theoryFileReader: TheoryFileReader | null = null;

/**
 * Register the reader of `theory:` files (./theory-files.ts does, on the command line and in Node), the
 * one for every claim kind, derivations included: this module is bundled for the browser too, where no
 * file can be read.
 */
export function setTheoryFileReader(reader: TheoryFileReader): void {
  theoryFileReader = reader;
}

export function loadClaimsFile(path: string): Claim[] {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (e) {
    throw new ClaimsFileError(`cannot read claims file '${path}': ${(e as NodeJS.ErrnoException).code ?? (e as Error).message}`);
  }
  return parseClaimsText(text, path);
}

// ---- resolution: the claim against a registered model, a theory file or a user law ----------------

export interface ModelTarget {
  type: 'model';
  model: Model;
  params: string[];
  /** the parameters' names as the user wrote them (a law's CAS-safe renames undone); default params */
  names?: string[];
  quantity?: string;
  /** for a user law: the exponent symbols a formula may use, and their CAS-safe renames */
  lawSymbols?: string[];
  rename?: Record<string, Node>;
  /** quantity symbols a relation or inequality may use: `eta` (the theory's value where the point is), `eta_II` (phase II's formula) */
  quantitySymbols: Record<string, { quantity: string; phase?: string }>;
  /** where a theory file came from (`theory:`) */
  file?: string;
}

/** A user law the law parser does not support (the claim is inconclusive, with the parser's reason). */
export interface LawTarget {
  type: 'law';
  law: string;
  constraint: string;
  /** names used in the law (its constants, variables and exponents) */
  names: string[];
  unsupported: string;
}

/** A law with numbers: a preset (fixed constants) or a law whose constants a value claim gives in `at`. */
export interface LawValueTarget {
  type: 'law-values';
  id: string;
  law: ParsedLaw;
  /** the preset's constants (none for a free law) */
  values?: Record<string, number>;
  provenance: ProvenanceTag;
  source: string;
}

/** The phases (null: any) and inequalities of a claim's region, and how to say it. */
export interface RegionSpec {
  phases: string[] | null;
  ineqs: ParsedInequality[];
  text: string;
  /** the region is exactly the named phases (no inequality): the phases it meets are known */
  named: boolean;
}

export type Resolved =
  | { kind: 'exponent'; claim: ExponentClaim; target: ModelTarget | LawTarget; region: RegionSpec; formula: Node }
  | { kind: 'preset-exponent'; claim: ExponentClaim; target: LawValueTarget; formula: Node }
  | { kind: 'value'; claim: ValueClaim; target: ModelTarget; point: Record<string, number> }
  | { kind: 'law-value'; claim: ValueClaim; target: LawValueTarget; values: Record<string, number>; budget: number }
  | { kind: 'boundary'; claim: BoundaryClaim; target: ModelTarget; between: [string, string]; condition: ParsedEquation; where: ParsedInequality[] }
  | { kind: 'scaling'; claim: ScalingClaim; target: ModelTarget; point: Record<string, number> }
  | { kind: 'relation'; claim: RelationClaim; target: ModelTarget; region: RegionSpec; lhs: Node; rhs: Node }
  | { kind: 'inequality'; claim: InequalityClaim; target: ModelTarget; region: RegionSpec; sides: Array<{ text: string; margin: Node }> }
  | { kind: 'monotone'; claim: MonotoneClaim; target: ModelTarget; region: RegionSpec; param: number }
  | { kind: 'continuity'; claim: ContinuityClaim; target: ModelTarget; between: [string, string] }
  | { kind: 'balance'; claim: BalanceClaim; target: ModelTarget; region: RegionSpec; terms: [string, string] }
  | { kind: 'bound'; claim: ExponentClaim | ValueClaim | ScalingClaim; target: BoundTarget; formula?: Node }
  | { kind: 'derivation'; claim: DerivationClaim; plan: DerivationPlan };

function fieldError(claim: { id: string }, index: number | undefined, field: string, msg: string): ClaimsFileError {
  return new ClaimsFileError(`${label(claim, index)}, field ${field}: ${msg}`);
}

/** Names a formula about a model may use: its parameters and its definitions (sigma, s, ...). */
function modelSymbols(model: Model): { symbols: string[]; defs: Record<string, Node> } {
  const t = model.theory;
  const defs: Record<string, Node> = {};
  // definitions may refer to the parameters only (theory files keep them so)
  // (definitions that only prefactors use, with constants such as pi, are not offered to claims)
  for (const [k, v] of Object.entries(t.definitions)) {
    try {
      defs[k] = parseFormula(v, model.params);
    } catch (e) {
      if (!(e instanceof FormulaError)) throw e; // not usable in a claim
    }
  }
  return { symbols: [...model.params, ...Object.keys(defs)], defs };
}

function parseWith<T>(claim: { id: string }, index: number | undefined, field: string, f: () => T): T {
  try {
    return f();
  } catch (e) {
    if (e instanceof FormulaError) throw fieldError(claim, index, field, e.message);
    throw e;
  }
}

/** The engine model of a user law (parsed by src/law/parse.ts; one parse and one model per law and constraint text). */
function lawModel(text: string, constraint: string): { law: ParsedLaw; model: Model } {
  const law = cachedLaw(text, constraint, { id: `law ${text} with ${constraint}`, source: 'user-written law (claims file)' });
  return { law, model: lawEngineModel(law) };
}

/** Every model id a claim may name: the engine's theories, the bounds and the laws with their presets. */
function knownModels(): string[] {
  return listModels().filter((m) => m.engine || m.bound || m.law).map((m) => m.id);
}

/** Quantities of a bound's claims: asymptotic exponents (p* ~ C^p, T* ~ C^T, E* ~ C^-error) and local slopes. */
export const BOUND_EXPONENT_QUANTITIES = ['p', 'T', 'error'];
export const BOUND_VALUE_QUANTITIES = ['p', 'T'];
/** Quantities of a value claim about a law or preset at a budget. */
export const LAW_VALUE_QUANTITIES = ['N_opt', 'D_opt', 'tokens_per_parameter', 'loss'];

/** A claim about a bound model (the `optimum` capability). */
export interface BoundTarget {
  type: 'bound';
  id: string;
  model: ScalingModel;
  quantity: string;
  /** the parameters of a value claim's point: the bound's constants and its budget */
  params: string[];
}

const BOUND_KINDS = ['exponent', 'value', 'scaling'];

function resolveBound(claim: Claim, index: number | undefined, model: ScalingModel): BoundTarget {
  const id = model.id;
  if (!BOUND_KINDS.includes(claim.kind)) throw fieldError(claim, index, 'kind', `${id} has no phases: kinds exponent, value and scaling only`);
  const c = claim as ExponentClaim | ValueClaim | ScalingClaim;
  const allowed = c.kind === 'value' ? BOUND_VALUE_QUANTITIES : BOUND_EXPONENT_QUANTITIES;
  if (!allowed.includes(c.quantity)) {
    throw fieldError(claim, index, 'quantity', `unknown quantity '${c.quantity}' of ${id} for a ${c.kind} claim (known: ${allowed.join(', ')}; p* ~ C^p, T* ~ C^T, E* ~ C^-error)`);
  }
  const params = [...model.bound!.constants, model.bound!.budget];
  if (c.kind === 'value' || c.kind === 'scaling') {
    for (const k of Object.keys(c.at)) if (!params.includes(k)) throw fieldError(claim, index, `at.${k}`, `'${k}' is not a parameter of ${id} (it takes ${params.join(', ')})`);
    for (const p of params) if (c.at[p] === undefined) throw fieldError(claim, index, `at.${p}`, `missing (${id} takes ${params.join(', ')})`);
  }
  return { type: 'bound', id, model, quantity: c.quantity, params };
}

const theoryFiles = new Map<string, Model>();

/** The engine model of a `theory:` path, for every claim kind (read once per path; its own Model, even when its id is a built-in's). */
function theoryFromFile(claim: Claim, index: number | undefined, path: string): Model {
  let t = theoryFiles.get(path);
  if (!t) {
    if (!theoryFileReader) throw fieldError(claim, index, 'theory', 'theory files cannot be read here (import src/validate/theory-files.ts to read them from disk)');
    try {
      t = theoryFileReader(path);
    } catch (e) {
      if (e instanceof TheoryFileReadError) throw fieldError(claim, index, 'theory', e.message);
      throw e;
    }
    theoryFiles.set(path, t);
  }
  return t;
}

/** Quantity symbols of an engine theory: `q` and `q_PHASE` for every quantity and phase. */
function theorySymbols(model: Model): ModelTarget['quantitySymbols'] {
  const out: ModelTarget['quantitySymbols'] = {};
  for (const q of model.theory.quantities) {
    out[q.name] = { quantity: q.name };
    for (const ph of model.theory.phases ?? []) out[`${q.name}_${ph.name}`] = { quantity: q.name, phase: ph.name };
  }
  return out;
}

/** Which of `model`, `theory` and `law` the claim gives (exactly one, or a law through `model: chinchilla`). */
function sourceOf(claim: Claim, index: number | undefined): void {
  const given = (['model', 'theory', 'law'] as const).filter((k) => claim[k] !== undefined);
  if (given.length > 1) throw fieldError(claim, index, given[1], `give one of 'model', 'theory' or 'law', not ${given.map((g) => `'${g}'`).join(' and ')}`);
  if (claim.constraint !== undefined && claim.law === undefined) throw fieldError(claim, index, 'constraint', "'constraint' goes with 'law'");
}

function lawTarget(claim: Claim, index: number | undefined, text: string, constraint: string): ModelTarget | LawTarget {
  // syntax first, with the claim's own reader (so that the field is named), then the law parser
  const lawTree = parseWith(claim, index, 'law', () => parseFormula(text, null));
  const cons = parseWith(claim, index, 'constraint', () => parseEquation(constraint, null));
  const names = [...new Set([...symbolsOf(lawTree), ...symbolsOf(cons.residual)])];
  let parsed: { law: ParsedLaw; model: Model };
  try {
    parsed = lawModel(text, constraint);
  } catch (e) {
    if (e instanceof LawSyntaxError) throw fieldError(claim, index, 'law', e.message);
    if (e instanceof UnsupportedLawError) return { type: 'law', law: text, constraint, names, unsupported: e.message };
    throw e;
  }
  const { law, model } = parsed;
  const inverse: Record<string, string> = {};
  for (const [user, safe] of Object.entries(law.rename)) inverse[safe] = user;
  const quantitySymbols: ModelTarget['quantitySymbols'] = { loss: { quantity: 'loss' } };
  for (const v of [law.allocate, law.other]) quantitySymbols[`${v}_opt`] = { quantity: `${law.rename[v]}_opt` };
  // a and b: the exponents of the allocated and the other variable (X* ~ C^a, Y* ~ C^b), unless the law uses the names
  if (!names.includes('a')) quantitySymbols.a = { quantity: `${law.rename[law.allocate]}_opt` };
  if (!names.includes('b')) quantitySymbols.b = { quantity: `${law.rename[law.other]}_opt` };
  const target: ModelTarget = {
    type: 'model',
    model,
    params: model.params,
    names: model.params.map((p) => inverse[p] ?? p),
    lawSymbols: law.exponentParameters,
    rename: Object.fromEntries(law.exponentParameters.map((p) => [p, { type: 'sym', name: law.rename[p] } as Node])),
    quantitySymbols,
  };
  if ('quantity' in claim && claim.kind !== 'value') {
    const q = claim.quantity;
    if (!quantitySymbols[q] || q.length === 1) throw fieldError(claim, index, 'quantity', `'${q}' is not a quantity of this law (one of ${[law.allocate, law.other].map((v) => v + '_opt').join(', ')}, loss)`);
    target.quantity = quantitySymbols[q].quantity;
  }
  return target;
}

function resolveModel(claim: Claim, index: number | undefined): ModelTarget | LawTarget | LawValueTarget {
  sourceOf(claim, index);
  if (claim.law !== undefined) {
    if (claim.constraint === undefined) throw fieldError(claim, index, 'constraint', "a 'law' claim needs its compute constraint, e.g. \"C = 6*N*D\"");
    if (claim.kind === 'value') {
      const t = lawTarget(claim, index, claim.law, claim.constraint);
      if (t.type === 'law') throw fieldError(claim, index, 'law', `the law is outside what the engine encodes: ${t.unsupported}`);
      return { type: 'law-values', id: `law ${claim.law}`, law: cachedLaw(claim.law, claim.constraint, { source: 'user-written law (claims file)' }), provenance: 'unverified', source: 'user-written law (claims file)' };
    }
    return lawTarget(claim, index, claim.law, claim.constraint);
  }
  let model: Model;
  let file: string | undefined;
  if (claim.theory !== undefined) {
    file = claim.theory;
    model = theoryFromFile(claim, index, claim.theory);
  } else {
    if (claim.model === undefined) throw fieldError(claim, index, 'model', `missing: name a model (${knownModels().join(', ')}), a 'theory' file or a 'law'`);
    const entry = findModel(claim.model);
    if (entry?.law && !entry.engine) {
      const law = entry.law;
      // a preset: its constants are fixed; the law itself (chinchilla): exponents in its symbols, values need the constants
      if (claim.kind === 'value' || (claim.kind === 'exponent' && law.values)) {
        return { type: 'law-values', id: entry.id, law: law.parsed(), values: law.values, provenance: entry.provenance ?? 'unverified', source: law.source };
      }
      if (law.values) throw fieldError(claim, index, 'kind', `${entry.id} is a law with fixed constants: kinds exponent and value only`);
      return lawTarget(claim, index, law.text, law.constraint);
    }
    if (!entry?.engine) throw fieldError(claim, index, 'model', `unknown model '${claim.model}' (known: ${knownModels().join(', ')})`);
    model = entry.engine();
  }
  const target: ModelTarget = { type: 'model', model, params: model.params, quantitySymbols: theorySymbols(model), ...(file ? { file } : {}) };
  const id = file ? `theory ${model.theory.id}` : `model ${claim.model}`;
  if ('quantity' in claim) {
    const names = claim.kind === 'monotone' || claim.kind === 'continuity' ? model.theory.quantities.map((q) => q.name) : quantityNames(model);
    if (!names.includes(claim.quantity)) throw fieldError(claim, index, 'quantity', `unknown quantity '${claim.quantity}' of ${id} (known: ${names.join(', ')})`);
    target.quantity = claim.quantity;
  }
  return target;
}

function resolvePoint(claim: { id: string }, index: number | undefined, model: Model, at: Record<string, number>): Record<string, number> {
  for (const k of Object.keys(at)) {
    if (!model.params.includes(k)) throw fieldError(claim, index, `at.${k}`, `'${k}' is not a parameter of ${model.theory.id} (it takes ${model.params.join(', ')})`);
  }
  for (const p of model.params) if (at[p] === undefined) throw fieldError(claim, index, `at.${p}`, `missing (model ${model.theory.id} takes ${model.params.join(', ')})`);
  return { ...at };
}

/** Phase names of a model, and the groups it declares. */
function phaseNames(model: Model): { phases: string[]; groups: Record<string, string[]> } {
  return { phases: (model.theory.phases ?? []).map((p) => p.name), groups: model.theory.groups ?? {} };
}

/** A claim's region: a phase, a union `A|B`, a group, or inequalities; `where` adds inequalities. */
export function resolveRegion(claim: Claim & { region?: string | string[]; where?: string[] }, index: number | undefined, target: ModelTarget): RegionSpec {
  const model = target.model;
  const law = target.lawSymbols !== undefined;
  const { symbols, defs } = law ? { symbols: target.lawSymbols!, defs: {} as Record<string, Node> } : modelSymbols(model);
  const { phases, groups } = phaseNames(model);
  const known = `${phases.join(', ') || 'it has none'}${Object.keys(groups).length ? `; groups ${Object.keys(groups).join(', ')}` : ''}`;
  const ineq = (text: string, field: string): ParsedInequality =>
    parseWith(claim, index, field, () => {
      const parsed = parseInequality(text, symbols);
      const margin = law ? substituteNames(parsed.margin, target.rename!) : substituteNames(parsed.margin, defs);
      return { text: parsed.text, margin };
    });
  let named: string[] | null = null;
  const ineqs: ParsedInequality[] = [];
  if (claim.region !== undefined) {
    if (law) throw fieldError(claim, index, 'region', "a user law has no phases: give its conditions in 'where'");
    const list = Array.isArray(claim.region) ? claim.region : [claim.region];
    list.forEach((text, i) => {
      const field = Array.isArray(claim.region) ? `region[${i}]` : 'region';
      if (/[<>]/.test(text)) {
        ineqs.push(ineq(text, field));
        return;
      }
      const parts = text.split('|').map((x) => x.trim());
      const members = parts.flatMap((name) => {
        if (phases.includes(name)) return [name];
        if (Object.hasOwn(groups, name)) return groups[name];
        throw fieldError(claim, index, field, `'${name}' is neither a phase of ${model.theory.id} (${known}) nor an inequality such as "2*beta > 1"`);
      });
      named = named === null ? members : named.filter((m) => members.includes(m));
    });
  }
  (claim.where ?? []).forEach((text, i) => ineqs.push(ineq(text, `where[${i}]`)));
  const names = target.names ?? target.params;
  const box = model.theory.parameters.map((p, i) => `${names[i]} in [${p.range.join(', ')}]`).join(', ');
  const parts: string[] = [];
  if (named !== null) parts.push(`${(named as string[]).length === 1 ? 'phase' : 'phases'} ${(named as string[]).join('|')}`);
  if (ineqs.length) parts.push(`${named === null ? 'the region ' : ''}${ineqs.map((i) => i.text).join(', ')}`);
  const text = parts.length ? parts.join(' where ') : `the whole domain of ${model.theory.id} (sampled in ${box})`;
  return { phases: named, ineqs, text, named: named !== null && ineqs.length === 0 };
}

/** Symbols of a relation or inequality: parameters, definitions and quantity symbols. */
function relationSymbols(target: ModelTarget): { symbols: string[]; subs: Record<string, Node> } {
  if (target.lawSymbols) return { symbols: [...target.lawSymbols, ...Object.keys(target.quantitySymbols)], subs: target.rename! };
  const { symbols, defs } = modelSymbols(target.model);
  return { symbols: [...symbols, ...Object.keys(target.quantitySymbols)], subs: defs };
}

/** Check a claim's meaning against the theories; throws ClaimsFileError naming the claim and field. */
export function resolveClaim(claim: Claim, index?: number): Resolved {
  if ((claim.kind as string) === 'derivation') return { kind: 'derivation', claim: claim as unknown as DerivationClaim, plan: resolveDerivation(claim as unknown as DerivationClaim, (field, msg) => fieldError(claim, index, field, msg), (path) => theoryFromFile(claim, index, path)) };
  const boundModel = claim.law === undefined && claim.theory === undefined ? findModel(claim.model) : undefined;
  if (boundModel?.bound) {
    const target = resolveBound(claim, index, boundModel);
    const c = claim as ExponentClaim | ValueClaim | ScalingClaim;
    if (c.kind === 'exponent') {
      if (c.region !== undefined) throw fieldError(claim, index, 'region', `${target.id} has no phases: leave region out`);
      return { kind: 'bound', claim: c, target, formula: parseWith(claim, index, 'formula', () => parseFormula(c.formula, [])) };
    }
    return { kind: 'bound', claim: c, target };
  }
  const resolved = resolveModel(claim, index);
  if (resolved.type === 'law-values') return resolveLawValues(claim, index, resolved);
  const target = resolved;
  if (target.type === 'law' && claim.kind !== 'exponent') throw fieldError(claim, index, 'law', `the law is outside what the engine encodes: ${target.unsupported}`);
  const modelTarget = target as ModelTarget;
  const isLaw = target.type === 'law' || target.lawSymbols !== undefined;
  const noLaw = (what: string) => {
    if (isLaw) throw fieldError(claim, index, 'kind', `a user law has no phases: ${what} claims need a model or a theory file`);
  };
  switch (claim.kind) {
    case 'exponent': {
      if (target.type === 'law') {
        if (claim.region !== undefined) throw fieldError(claim, index, 'region', "a user law has no phases: give its conditions in 'where'");
        const formula = parseWith(claim, index, 'formula', () => parseFormula(claim.formula, target.names));
        return { kind: 'exponent', claim, target, region: { phases: null, ineqs: [], text: 'the law', named: false }, formula };
      }
      if (target.lawSymbols) {
        const formula = parseWith(claim, index, 'formula', () => parseFormula(claim.formula, target.lawSymbols!));
        return { kind: 'exponent', claim, target, region: resolveRegion(claim, index, target), formula: substituteNames(formula, target.rename!) };
      }
      const { symbols, defs } = modelSymbols(target.model);
      const formula = substituteNames(parseWith(claim, index, 'formula', () => parseFormula(claim.formula, symbols)), defs);
      return { kind: 'exponent', claim, target, region: resolveRegion(claim, index, target), formula };
    }
    case 'value':
      return { kind: 'value', claim, target: modelTarget, point: resolvePoint(claim, index, modelTarget.model, claim.at) };
    case 'scaling':
      return { kind: 'scaling', claim, target: modelTarget, point: resolvePoint(claim, index, modelTarget.model, claim.at) };
    case 'boundary': {
      noLaw('boundary');
      const model = modelTarget.model;
      const phases = (model.theory.phases ?? []).map((p) => p.name);
      if (phases.length === 0) throw fieldError(claim, index, 'between', `model ${model.theory.id} has no phases`);
      checkBetween(claim, index, model, claim.between);
      const { symbols, defs } = modelSymbols(model);
      const eq = parseWith(claim, index, 'condition', () => parseEquation(claim.condition, symbols));
      const where = (claim.where ?? []).map((text, i) =>
        parseWith(claim, index, `where[${i}]`, () => {
          const ineq = parseInequality(text, symbols);
          return { text: ineq.text, margin: substituteNames(ineq.margin, defs) };
        }),
      );
      return { kind: 'boundary', claim, target: modelTarget, between: claim.between, condition: { text: eq.text, residual: substituteNames(eq.residual, defs) }, where };
    }
    case 'relation': {
      const { symbols, subs } = relationSymbols(modelTarget);
      const eq = parseWith(claim, index, 'relation', () => {
        const parts = claim.relation.split(/==|=/);
        if (parts.length !== 2 || /[<>!]/.test(claim.relation)) throw new FormulaError(`'${claim.relation}' is not a relation 'lhs = rhs'`);
        return { lhs: substituteNames(parseFormula(parts[0], symbols), subs), rhs: substituteNames(parseFormula(parts[1], symbols), subs) };
      });
      return { kind: 'relation', claim, target: modelTarget, region: resolveRegion(claim, index, modelTarget), ...eq };
    }
    case 'inequality': {
      const { symbols, subs } = relationSymbols(modelTarget);
      const texts = claim.inequality.split(/\biff\b/);
      if (texts.length > 2) throw fieldError(claim, index, 'inequality', `'${claim.inequality}' has more than one 'iff'`);
      const sides = texts.map((t) =>
        parseWith(claim, index, 'inequality', () => {
          const ineq = parseInequality(t.trim(), symbols);
          return { text: t.trim(), margin: substituteNames(ineq.margin, subs) };
        }),
      );
      return { kind: 'inequality', claim, target: modelTarget, region: resolveRegion(claim, index, modelTarget), sides };
    }
    case 'monotone': {
      noLaw('monotone');
      const names = modelTarget.names ?? modelTarget.params;
      const param = names.indexOf(claim.in);
      if (param < 0) throw fieldError(claim, index, 'in', `'${claim.in}' is not a parameter of ${modelTarget.model.theory.id} (it takes ${names.join(', ')})`);
      return { kind: 'monotone', claim, target: modelTarget, region: resolveRegion(claim, index, modelTarget), param };
    }
    case 'continuity': {
      noLaw('continuity');
      const model = modelTarget.model;
      if ((model.theory.phases ?? []).length === 0) throw fieldError(claim, index, 'between', `model ${model.theory.id} has no phases`);
      checkBetween(claim, index, model, claim.between);
      return { kind: 'continuity', claim, target: modelTarget, between: claim.between };
    }
    case 'balance': {
      noLaw('balance');
      const terms = modelTarget.model.theory.terms.map((t) => t.name);
      claim.terms.forEach((t, i) => {
        if (!terms.includes(t)) throw fieldError(claim, index, `terms[${i}]`, `unknown term '${t}' of ${modelTarget.model.theory.id} (terms: ${terms.join(', ')})`);
      });
      if (claim.terms[0] === claim.terms[1]) throw fieldError(claim, index, 'terms', 'name two different terms');
      return { kind: 'balance', claim, target: modelTarget, region: resolveRegion(claim, index, modelTarget), terms: claim.terms };
    }
  }
}

function checkBetween(claim: Claim, index: number | undefined, model: Model, between: [string, string]): void {
  const phases = (model.theory.phases ?? []).map((p) => p.name);
  between.forEach((p, i) => {
    if (!phases.includes(p)) throw fieldError(claim, index, `between[${i}]`, `unknown phase '${p}' of ${model.theory.id} (phases: ${phases.join(', ')})`);
  });
  if (between[0] === between[1]) throw fieldError(claim, index, 'between', 'name two different phases');
}

/** A value claim about a law or preset at a budget, or an exponent claim about a preset. */
function resolveLawValues(claim: Claim, index: number | undefined, target: LawValueTarget): Resolved {
  const law = target.law;
  const budget = law.constraint.budget;
  const constants = target.values ? [] : [...law.exponentParameters, ...law.coefficientParameters];
  if (claim.kind === 'exponent') {
    const quantities = [`${law.allocate}_opt`, `${law.other}_opt`, 'loss'];
    if (!quantities.includes(claim.quantity)) throw fieldError(claim, index, 'quantity', `'${claim.quantity}' is not a quantity of ${target.id} (one of ${quantities.join(', ')})`);
    if (claim.region !== undefined || claim.where !== undefined) throw fieldError(claim, index, claim.region !== undefined ? 'region' : 'where', `${target.id} has fixed constants: its exponents are numbers (leave region and where out)`);
    const formula = parseWith(claim, index, 'formula', () => parseFormula(claim.formula, Object.keys(target.values ?? {})));
    return { kind: 'preset-exponent', claim, target, formula };
  }
  if (claim.kind !== 'value') throw fieldError(claim, index, 'kind', `${target.id}: kinds exponent and value only`);
  const quantities = [...new Set([`${law.allocate}_opt`, `${law.other}_opt`, ...LAW_VALUE_QUANTITIES])];
  if (!quantities.includes(claim.quantity)) throw fieldError(claim, index, 'quantity', `'${claim.quantity}' is not a value of ${target.id} at a budget (one of ${quantities.join(', ')})`);
  const takes = [...constants, budget];
  for (const k of Object.keys(claim.at)) if (!takes.includes(k)) throw fieldError(claim, index, `at.${k}`, `'${k}' is not a constant or the budget of ${target.id} (it takes ${takes.join(', ')})`);
  for (const k of takes) if (claim.at[k] === undefined) throw fieldError(claim, index, `at.${k}`, `missing (${target.id} takes ${takes.join(', ')})`);
  const values = { ...(target.values ?? {}), ...Object.fromEntries(constants.map((k) => [k, claim.at[k]])) };
  return { kind: 'law-value', claim, target, values, budget: claim.at[budget] };
}
