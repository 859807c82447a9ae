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
import { anchorTheoryPath, resolveDerivation, type DerivationPlan } from './derivation-steps.js';
import { FormulaError, parseEquation, parseFormula, parseInequality, substituteNames, symbolsOf, type Node, type ParsedEquation, type ParsedInequality } from '../symbolic/formula.js';

export class ClaimsFileError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'ClaimsFileError';
  }
}

export const CLAIM_KINDS = ['exponent', 'value', 'boundary', 'scaling', 'derivation'] as const;
export type ClaimKind = (typeof CLAIM_KINDS)[number];

const Point = z.record(z.string(), z.number());
const common = {
  id: z.string().min(1),
  /** a registered model id (see `scaling-theory models`) */
  model: z.string().min(1).optional(),
  /** or a user-written law, e.g. "E + A/N^alpha + B/D^beta", with its compute constraint */
  law: z.string().min(1).optional(),
  constraint: z.string().min(1).optional(),
  note: z.string().optional(),
};
const Formula = z.union([z.string().min(1), z.number()]).transform((v) => String(v));

export const ExponentClaimSchema = z
  .object({
    ...common,
    kind: z.literal('exponent'),
    quantity: z.string().min(1),
    /** a phase name, or inequalities such as ["2*beta > 1", "beta < alpha"]; absent: the whole domain */
    region: z.union([z.string().min(1), z.array(z.string().min(1)).min(1)]).optional(),
    formula: Formula,
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
    where: z.array(z.string().min(1)).min(1).optional(),
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

export type ExponentClaim = z.infer<typeof ExponentClaimSchema>;
export type ValueClaim = z.infer<typeof ValueClaimSchema>;
export type BoundaryClaim = z.infer<typeof BoundaryClaimSchema>;
export type ScalingClaim = z.infer<typeof ScalingClaimSchema>;
export type Claim = ExponentClaim | ValueClaim | BoundaryClaim | ScalingClaim;

const SCHEMAS = { exponent: ExponentClaimSchema, value: ValueClaimSchema, boundary: BoundaryClaimSchema, scaling: ScalingClaimSchema, derivation: DerivationClaimSchema } as const;

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

/** Parse a claims file's text (YAML or JSON); the top level is `{claims: [...]}`. */
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
  const claims = list.map((c, i) => parseClaim(c, i));
  claims.forEach((c) => anchorTheoryPath(c, name)); // a derivation's `theory:` is relative to the claims file
  const seen = new Set<string>();
  claims.forEach((c, i) => {
    if (seen.has(c.id)) throw new ClaimsFileError(`claim '${c.id}' (claims[${i}]), field id: duplicate id`);
    seen.add(c.id);
  });
  // resolve every claim now, so that a bad file is refused before anything is checked
  claims.forEach((c, i) => resolveClaim(c, i));
  return claims;
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

// ---- resolution: the claim against a registered model (or a user law) -----------------------------

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

export type RegionSpec = { type: 'all' } | { type: 'phase'; phase: string } | { type: 'inequalities'; list: ParsedInequality[] };

export type Resolved =
  | { kind: 'exponent'; claim: ExponentClaim; target: ModelTarget | LawTarget; region: RegionSpec; formula: Node }
  | { kind: 'value'; claim: ValueClaim; target: ModelTarget; point: Record<string, number> }
  | { kind: 'boundary'; claim: BoundaryClaim; target: ModelTarget; between: [string, string]; condition: ParsedEquation; where: ParsedInequality[] }
  | { kind: 'scaling'; claim: ScalingClaim; target: ModelTarget; point: Record<string, number> }
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

/** Every model id a claim may name: the engine's theories and the bounds. */
function knownModels(): string[] {
  return listModels().filter((m) => m.engine || m.bound).map((m) => m.id);
}

/** Quantities of a bound's claims: asymptotic exponents (p* ~ C^p, T* ~ C^T, E* ~ C^-error) and local slopes. */
export const BOUND_EXPONENT_QUANTITIES = ['p', 'T', 'error'];
export const BOUND_VALUE_QUANTITIES = ['p', 'T'];

/** A claim about a bound model (the `optimum` capability). */
export interface BoundTarget {
  type: 'bound';
  id: string;
  model: ScalingModel;
  quantity: string;
  /** the parameters of a value claim's point: the bound's constants and its budget */
  params: string[];
}

function resolveBound(claim: Claim, index: number | undefined, model: ScalingModel): BoundTarget {
  const id = model.id;
  if (claim.kind === 'boundary') throw fieldError(claim, index, 'kind', `${id} has no phases: kinds exponent, value and scaling only`);
  const allowed = claim.kind === 'value' ? BOUND_VALUE_QUANTITIES : BOUND_EXPONENT_QUANTITIES;
  if (!allowed.includes(claim.quantity)) {
    throw fieldError(claim, index, 'quantity', `unknown quantity '${claim.quantity}' of ${id} for a ${claim.kind} claim (known: ${allowed.join(', ')}; p* ~ C^p, T* ~ C^T, E* ~ C^-error)`);
  }
  const params = [...model.bound!.constants, model.bound!.budget];
  if (claim.kind === 'value' || claim.kind === 'scaling') {
    for (const k of Object.keys(claim.at)) if (!params.includes(k)) throw fieldError(claim, index, `at.${k}`, `'${k}' is not a parameter of ${id} (it takes ${params.join(', ')})`);
    for (const p of params) if (claim.at[p] === undefined) throw fieldError(claim, index, `at.${p}`, `missing (${id} takes ${params.join(', ')})`);
  }
  return { type: 'bound', id, model, quantity: claim.quantity, params };
}

function resolveModel(claim: Claim, index: number | undefined): ModelTarget | LawTarget {
  if (claim.model !== undefined && claim.law !== undefined) throw fieldError(claim, index, 'model', "give either 'model' or 'law', not both");
  if (claim.law !== undefined) {
    if (claim.kind !== 'exponent') throw fieldError(claim, index, 'law', `claims about a user law support kind 'exponent' only (got '${claim.kind}')`);
    if (claim.constraint === undefined) throw fieldError(claim, index, 'constraint', "a 'law' claim needs its compute constraint, e.g. \"C = 6*N*D\"");
    // syntax first, with the claim's own reader (so that the field is named), then the law parser
    const lawTree = parseWith(claim, index, 'law', () => parseFormula(claim.law!, null));
    const cons = parseWith(claim, index, 'constraint', () => parseEquation(claim.constraint!, null));
    const names = [...new Set([...symbolsOf(lawTree), ...symbolsOf(cons.residual)])];
    let parsed: { law: ParsedLaw; model: Model };
    try {
      parsed = lawModel(claim.law, claim.constraint);
    } catch (e) {
      if (e instanceof LawSyntaxError) throw fieldError(claim, index, 'law', e.message);
      if (e instanceof UnsupportedLawError) return { type: 'law', law: claim.law, constraint: claim.constraint, names, unsupported: e.message };
      throw e;
    }
    const { law, model } = parsed;
    const q = claim.quantity;
    const vars = [law.allocate, law.other];
    const m = q.match(/^([A-Za-z_][A-Za-z0-9_]*)_opt$/);
    let quantity: string;
    if (q === 'loss') quantity = 'loss';
    else if (m && vars.includes(m[1])) quantity = `${law.rename[m[1]]}_opt`;
    else throw fieldError(claim, index, 'quantity', `'${q}' is not a quantity of this law (one of ${vars.map((v) => v + '_opt').join(', ')}, loss)`);
    const inverse: Record<string, string> = {};
    for (const [user, safe] of Object.entries(law.rename)) inverse[safe] = user;
    return {
      type: 'model',
      model,
      params: model.params,
      names: model.params.map((p) => inverse[p] ?? p),
      quantity,
      lawSymbols: law.exponentParameters,
      rename: Object.fromEntries(law.exponentParameters.map((p) => [p, { type: 'sym', name: law.rename[p] } as Node])),
    };
  }
  if (claim.constraint !== undefined) throw fieldError(claim, index, 'constraint', "'constraint' goes with 'law'");
  if (claim.model === undefined) throw fieldError(claim, index, 'model', `missing: name a model (${knownModels().join(', ')}) or give a 'law'`);
  const entry = findModel(claim.model);
  if (!entry?.engine) throw fieldError(claim, index, 'model', `unknown model '${claim.model}' (known: ${knownModels().join(', ')})`);
  const model = entry.engine();
  const target: ModelTarget = { type: 'model', model, params: model.params };
  if ('quantity' in claim) {
    const names = quantityNames(model);
    if (!names.includes(claim.quantity)) throw fieldError(claim, index, 'quantity', `unknown quantity '${claim.quantity}' of model ${claim.model} (known: ${names.join(', ')})`);
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

/** Check a claim's meaning against the theories; throws ClaimsFileError naming the claim and field. */
export function resolveClaim(claim: Claim, index?: number): Resolved {
  if ((claim.kind as string) === 'derivation') return { kind: 'derivation', claim: claim as unknown as DerivationClaim, plan: resolveDerivation(claim as unknown as DerivationClaim, (field, msg) => fieldError(claim, index, field, msg)) };
  const boundModel = claim.law === undefined ? findModel(claim.model) : undefined;
  if (boundModel?.bound) {
    const target = resolveBound(claim, index, boundModel);
    if (claim.kind === 'exponent') {
      if (claim.region !== undefined) throw fieldError(claim, index, 'region', `${target.id} has no phases: leave region out`);
      return { kind: 'bound', claim, target, formula: parseWith(claim, index, 'formula', () => parseFormula(claim.formula, [])) };
    }
    return { kind: 'bound', claim: claim as ValueClaim | ScalingClaim, target };
  }
  const target = resolveModel(claim, index);
  switch (claim.kind) {
    case 'exponent': {
      if (target.type === 'law' || target.lawSymbols) {
        if (claim.region !== undefined) throw fieldError(claim, index, 'region', 'a user law has no phases: leave region out');
        const names = target.type === 'law' ? target.names : target.lawSymbols!;
        const formula = parseWith(claim, index, 'formula', () => parseFormula(claim.formula, names));
        return { kind: 'exponent', claim, target, region: { type: 'all' }, formula: target.type === 'law' ? formula : substituteNames(formula, target.rename!) };
      }
      const { symbols, defs } = modelSymbols(target.model);
      const formula = substituteNames(parseWith(claim, index, 'formula', () => parseFormula(claim.formula, symbols)), defs);
      const phases = (target.model.theory.phases ?? []).map((p) => p.name);
      let region: RegionSpec = { type: 'all' };
      if (typeof claim.region === 'string' && phases.includes(claim.region)) region = { type: 'phase', phase: claim.region };
      else if (claim.region !== undefined) {
        const list = Array.isArray(claim.region) ? claim.region : [claim.region];
        const parsed = list.map((text, i) =>
          parseWith(claim, index, Array.isArray(claim.region) ? `region[${i}]` : 'region', () => {
            if (!/[<>]/.test(text)) {
              throw new FormulaError(`'${text}' is neither a phase of ${target.model.theory.id} (${phases.join(', ') || 'it has none'}) nor an inequality such as "2*beta > 1"`);
            }
            const ineq = parseInequality(text, symbols);
            return { text: ineq.text, margin: substituteNames(ineq.margin, defs) };
          }),
        );
        region = { type: 'inequalities', list: parsed };
      }
      return { kind: 'exponent', claim, target, region, formula };
    }
    case 'value':
      return { kind: 'value', claim, target: target as ModelTarget, point: resolvePoint(claim, index, (target as ModelTarget).model, claim.at) };
    case 'scaling':
      return { kind: 'scaling', claim, target: target as ModelTarget, point: resolvePoint(claim, index, (target as ModelTarget).model, claim.at) };
    case 'boundary': {
      const model = (target as ModelTarget).model;
      const phases = (model.theory.phases ?? []).map((p) => p.name);
      if (phases.length === 0) throw fieldError(claim, index, 'between', `model ${model.theory.id} has no phases`);
      claim.between.forEach((p, i) => {
        if (!phases.includes(p)) throw fieldError(claim, index, `between[${i}]`, `unknown phase '${p}' of ${model.theory.id} (phases: ${phases.join(', ')})`);
      });
      if (claim.between[0] === claim.between[1]) throw fieldError(claim, index, 'between', 'name two different phases');
      const { symbols, defs } = modelSymbols(model);
      const eq = parseWith(claim, index, 'condition', () => parseEquation(claim.condition, symbols));
      const where = (claim.where ?? []).map((text, i) =>
        parseWith(claim, index, `where[${i}]`, () => {
          const ineq = parseInequality(text, symbols);
          return { text: ineq.text, margin: substituteNames(ineq.margin, defs) };
        }),
      );
      return { kind: 'boundary', claim, target: target as ModelTarget, between: claim.between, condition: { text: eq.text, residual: substituteNames(eq.residual, defs) }, where };
    }
  }
}
