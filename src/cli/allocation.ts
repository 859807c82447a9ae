// Flags of the allocation commands (`allocate`, `sweep`): --law (a preset model or a written law) with
// --set and --constraint, --model / --preset for a bound with its constants (or an input dimension and a
// mapping), and the budget. Everything is looked up by capability in the model registry.
import { UsageError, parseNumber } from './errors.js';
import { foldAlias } from './flags.js';
import { excerpt } from './input.js';
import { parseExpr, evaluate } from '../law/expr.js';
import { UnsupportedLawError, LawSyntaxError, type ParsedLaw } from '../law/parse.js';
import { findModel, modelsWith, type ScalingModel } from '../models/registry.js';
import { userLawModel } from '../models/laws.js';
import type { ProvenanceTag } from '../engine/types.js';

export interface LawChoice {
  model: ScalingModel | ReturnType<typeof userLawModel>;
  law: ParsedLaw;
  values: Record<string, number>;
  /** the preset's identity, when --law names a preset model */
  preset?: { id: string; referenceId?: string; title: string; source: string; provenance: ProvenanceTag };
  provenance: ProvenanceTag;
  source: string;
}

/** `E=1.69,A=406.4` -> { E: 1.69, A: 406.4 } (a name given twice is an error). */
export function parseSet(raw: unknown): Record<string, number> {
  if (raw === undefined) return {};
  const out: Record<string, number> = Object.create(null);
  for (const part of String(raw).split(',').map((s) => s.trim()).filter(Boolean)) {
    const m = /^([A-Za-z_][A-Za-z0-9_]*)\s*=\s*(.+)$/.exec(part);
    if (!m) throw new UsageError(`--set: '${excerpt(part)}' must be NAME=NUMBER (e.g. --set E=1.69,A=406.4)`);
    if (Object.hasOwn(out, m[1])) throw new UsageError(`--set ${m[1]} is given twice: give each symbol once`);
    out[m[1]] = parseNumber(`set ${m[1]}`, m[2]);
  }
  // a plain object with own keys only (a name such as __proto__ stays an ordinary key)
  const plain: Record<string, number> = {};
  for (const k of Object.keys(out)) Object.defineProperty(plain, k, { value: out[k], enumerable: true, writable: true, configurable: true });
  return plain;
}

/** Turn parser errors into usage errors (exit 2) that name the flag. */
export function asUsage<T>(flag: string, fn: () => T): T {
  try {
    return fn();
  } catch (e) {
    if (e instanceof UnsupportedLawError || e instanceof LawSyntaxError) throw new UsageError(`${flag}: ${e.message}`);
    throw e;
  }
}

/** The law models with published constants (presets). */
export function presetIds(): string[] {
  return modelsWith('optimum').filter((m) => m.law?.values).map((m) => m.id);
}

/** `--law PRESET` or `--law "E + A/N^alpha + B/D^beta" --set ... --constraint "C = 6*N*D"`. */
export function requireLaw(opts: Record<string, unknown>): LawChoice {
  const raw = opts.law;
  if (typeof raw !== 'string' || raw.trim() === '') throw new UsageError(`--law is required: a preset (${presetIds().join(', ')}) or a law such as "E + A/N^alpha + B/D^beta"`);
  const entry = findModel(raw.trim());
  const preset = entry?.law?.values ? entry : undefined;
  // a model id (`family:set`) that is not a preset
  if (!preset && /^[A-Za-z][\w-]*:[\w-]+$/.test(raw.trim())) throw new UsageError(`--law = '${excerpt(raw)}' is not a known preset (one of: ${presetIds().join(', ')})`);
  if (preset) {
    const law = preset.law!;
    if (opts.set !== undefined) throw new UsageError(`--set cannot be combined with the preset --law ${preset.id}; write the law out to change its constants`);
    const parsed = typeof opts.constraint === 'string' ? userLawModel(law.text, opts.constraint as string, law.source).law!.parsed : law.parsed;
    const p = asUsage('--constraint', parsed);
    const provenance = preset.provenance ?? 'unverified';
    return { model: preset, law: p, values: { ...law.values! }, preset: { id: preset.id, referenceId: law.referenceId, title: preset.title, source: law.source, provenance }, provenance, source: law.source };
  }
  if (typeof opts.constraint !== 'string') throw new UsageError(`--constraint is required with a written --law (e.g. --constraint "C = 6*N*D")`);
  const model = userLawModel(raw, opts.constraint, 'user-written law (--law)');
  const law = asUsage('--law', model.law!.parsed);
  const values = parseSet(opts.set);
  const need = [...law.exponentParameters, ...law.coefficientParameters];
  const missing = need.filter((s) => !Object.hasOwn(values, s));
  if (missing.length) throw new UsageError(`--set must give ${missing.join(', ')} for the law ${excerpt(raw, 80)} (e.g. --set ${missing.map((m) => `${m}=...`).join(',')})`);
  const extra = Object.keys(values).filter((k) => !need.includes(k));
  if (extra.length) throw new UsageError(`--set ${extra.join(', ')}: not a symbol of the law ${excerpt(raw, 80)} (it uses ${need.join(', ')})`);
  for (const s of law.exponentParameters) if (!(values[s] > 0)) throw new UsageError(`--set ${s} = ${values[s]}: exponents must be > 0 (valid domain: ${s} > 0)`);
  for (const s of law.exponentParameters) if (values[s] > LIMITS_EXPONENT) throw new UsageError(`--set ${s} = ${values[s]} is beyond the limit ${s} <= ${LIMITS_EXPONENT} (docs/cli.md, "Limits")`);
  return { model, law, values, provenance: 'unverified', source: 'user-written law' };
}

/** A law's exponents (--set alpha=...): the same magnitude limit as a model parameter. */
const LIMITS_EXPONENT = 1e3;

/** Flags of a law's allocation. */
export const LAW_FLAGS = ['law', 'set', 'constraint', 'flops'] as const;

/** Flags of a bound model's allocation: the model, its two constants, the budget, and the input-dimension flags when it has mappings. */
export function boundFlags(model: ScalingModel): string[] {
  const b = model.bound!;
  return ['model', 'preset', ...b.constants, 'compute', ...((b.mappings ?? []).length ? ['d', 'S', 'k0', 'mapping'] : [])];
}

/**
 * The budget: --flops for a law (FLOPs), --compute for a bound (C = p*T). The other spelling is a deprecated
 * alias that warns (docs/cli.md); both together is an error. Returns the options with the alias folded in.
 */
export function budgetFlag(opts: Record<string, unknown>, preferred: 'flops' | 'compute', warn: (s: string) => void): Record<string, unknown> {
  const alias = preferred === 'flops' ? 'compute' : 'flops';
  return foldAlias(opts, alias, preferred, warn, preferred === 'flops' ? ' as the budget of a law' : ' as the budget of a bound (C = p*T)');
}

/** The budget flag (after budgetFlag folded its deprecated alias in). */
export function requireBudget(opts: Record<string, unknown>, preferred: 'flops' | 'compute'): number {
  const flag = preferred;
  if (opts[flag] === undefined) throw new UsageError(`--${preferred} is required (the compute budget)`);
  const v = parseNumber(flag, opts[flag]);
  if (!(v > 0)) throw new UsageError(`--${flag} = ${v} must be > 0`);
  return v;
}

export interface BoundParams {
  /** the bound's two constants, in its order (m, k or m, b) */
  m: number;
  k: number;
  /** present when m, k come from an input-dimension mapping */
  dimension?: { d: number; S: number; k0: number; mapping: string; label: string; m: string; k: string; provenance: ProvenanceTag };
}

/** The bound models (the `optimum` capability of a bound). */
export function boundIds(): string[] {
  return modelsWith('optimum').filter((m) => m.bound).map((m) => m.id);
}

/** `--model ID` (or `--preset ID`) naming a bound model. */
export function requireBoundModel(opts: Record<string, unknown>): ScalingModel {
  const ids = boundIds();
  if (opts.preset !== undefined && !findModel(opts.preset)?.bound) throw new UsageError(`--preset = '${excerpt(opts.preset)}' is not known (one of: ${ids.join(', ')})`);
  if (opts.preset !== undefined && opts.model !== undefined && opts.model !== opts.preset) throw new UsageError(`--preset ${excerpt(opts.preset)} and --model ${excerpt(opts.model)} disagree: give one of them`);
  const id = opts.preset ?? opts.model;
  if (id === undefined) throw new UsageError(`--model is required (one of: ${ids.join(', ')}), or --preset ID`);
  const entry = findModel(id);
  if (!entry?.bound) throw new UsageError(`--model = '${excerpt(id)}' is not a bound model of this command (one of: ${ids.join(', ')}; the PLRF exponents are under \`exponents\`)`);
  return entry;
}

export function mappingIds(model: ScalingModel): string[] {
  return (model.bound?.mappings ?? []).map((m) => m.id);
}

/** m and k of a mapping at input dimension d (expressions of the theory file, read by src/law/expr.ts). */
export function mapDimension(model: ScalingModel, mappingId: string, d: number, S: number, k0: number): BoundParams {
  const mp = (model.bound?.mappings ?? []).find((x) => x.id === mappingId);
  if (!mp) throw new UsageError(`--mapping = '${excerpt(mappingId)}' is not known (one of: ${mappingIds(model).join(', ')})`);
  const scope = { d, S, k0 };
  const m = evaluate(parseExpr(mp.m), scope);
  const k = evaluate(parseExpr(mp.k), scope);
  return { m, k, dimension: { d, S, k0, mapping: mp.id, label: mp.label, m: mp.m, k: mp.k, provenance: mp.provenance } };
}

function positive(flag: string, raw: unknown): number {
  const v = parseNumber(flag, raw);
  if (!(v > 0)) throw new UsageError(`--${flag} = ${v} is outside the domain: requires ${flag} > 0`);
  return v;
}

/** The bound's two constants from their flags (default 1 where the bound has no mappings), or --d with --S, --k0 and --mapping. */
export function requireBoundParams(opts: Record<string, unknown>, model: ScalingModel, dOverride?: number): BoundParams {
  const bound = model.bound!;
  const [c1, c2] = bound.constants;
  const mapped = (bound.mappings ?? []).length > 0;
  for (const other of boundIds().flatMap((id) => findModel(id)!.bound!.constants)) {
    if (other !== c1 && other !== c2 && opts[other] !== undefined) throw new UsageError(`--${other} is not a parameter of ${model.id} (it takes --${c1} and --${c2})`);
  }
  if (!mapped) {
    for (const f of ['d', 'S', 'k0']) if (opts[f] !== undefined) throw new UsageError(`--${f} is not a parameter of ${model.id} (it takes --${c1} and --${c2})`);
    return { m: opts[c1] === undefined ? 1 : positive(c1, opts[c1]), k: opts[c2] === undefined ? 1 : positive(c2, opts[c2]) };
  }
  if (opts.d !== undefined || dOverride !== undefined) {
    if (opts[c1] !== undefined) throw new UsageError(`--${c1} cannot be combined with --d: the mapping gives ${c1} as a function of d (see --mapping)`);
    const d = dOverride ?? positive('d', opts.d);
    if (!(d > 0)) throw new UsageError(`--d = ${d} must be > 0`);
    const S = opts.S === undefined ? 1 : positive('S', opts.S);
    const k0 = opts.k0 !== undefined ? positive('k0', opts.k0) : opts[c2] !== undefined ? positive(c2, opts[c2]) : 1;
    return mapDimension(model, typeof opts.mapping === 'string' ? opts.mapping : bound.mappings![0].id, d, S, k0);
  }
  if (opts[c1] === undefined || opts[c2] === undefined) throw new UsageError(`--${c1} and --${c2} are required for --model ${model.id} (or --d with --S, --k0 and --mapping)`);
  return { m: positive(c1, opts[c1]), k: positive(c2, opts[c2]) };
}
