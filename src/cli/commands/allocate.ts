// `scaling-theory allocate`: the compute-optimal allocation under the information-bound template
// [reconstruction] (and its negative control) or a Chinchilla-type law (preset or written out). The flag
// helpers here (--law, --set, --constraint, bound parameters and input-dimension mappings) serve `sweep` too.
import { UsageError, parseNumber, toJson } from '../errors.js';
import { allowOnly, foldAlias, requireName } from '../flags.js';
import { excerpt } from '../input.js';
/** Six significant digits; exponent notation for large or small magnitudes. */
export function fmt(v: number): string {
  if (!Number.isFinite(v)) return String(v);
  const a = Math.abs(v);
  if (a !== 0 && (a >= 1e6 || a < 1e-4)) return v.toExponential(5).replace(/\.?0+e/, 'e');
  return Number(v.toPrecision(6)).toString();
}
import type { CommandContext } from '../main.js';
import { parseLaw, UnsupportedLawError, LawSyntaxError, type ParsedLaw } from '../../law/parse.js';
import { parseExpr, evaluate } from '../../law/expr.js';
import { CHINCHILLA_LAW, CHINCHILLA_CONSTRAINT, CHINCHILLA_PRESETS, chinchillaPreset, type ChinchillaPreset } from '../../../theory/chinchilla.js';
import { infoBound } from '../../../theory/info-bound.js';
import type { ProvenanceTag } from '../../engine/types.js';

export interface LawChoice {
  law: ParsedLaw;
  values: Record<string, number>;
  preset?: ChinchillaPreset;
  provenance: ProvenanceTag;
  source: string;
}

/** `E=1.69,A=406.4` -> Map { E => 1.69, A => 406.4 }: a name given twice is an error (no last-wins). */
export function parseSetMap(raw: unknown): Map<string, number> {
  const out = new Map<string, number>();
  if (raw === undefined) return out;
  for (const part of String(raw).split(',').map((s) => s.trim()).filter(Boolean)) {
    const m = /^([A-Za-z_][A-Za-z0-9_]*)\s*=\s*(.+)$/.exec(part);
    if (!m) throw new UsageError(`--set: '${excerpt(part)}' must be NAME=NUMBER (e.g. --set E=1.69,A=406.4)`);
    if (out.has(m[1])) throw new UsageError(`--set ${m[1]} is given twice: give each symbol once`);
    out.set(m[1], parseNumber(`set ${m[1]}`, m[2]));
  }
  return out;
}

/** parseSetMap as a plain object (own keys only; call after the names are checked). */
export function parseSet(raw: unknown): Record<string, number> {
  const out: Record<string, number> = {};
  for (const [k, v] of parseSetMap(raw)) Object.defineProperty(out, k, { value: v, enumerable: true, writable: true, configurable: true });
  return out;
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

export function presetIds(): string[] {
  return CHINCHILLA_PRESETS.map((p) => p.id);
}

/** `--law chinchilla:epoch` or `--law "E + A/N^alpha + B/D^beta" --set ... --constraint "C = 6*N*D"`. */
export function requireLaw(opts: Record<string, unknown>): LawChoice {
  const raw = opts.law;
  if (typeof raw !== 'string' || raw.trim() === '') throw new UsageError(`--law is required: a preset (${presetIds().join(', ')}) or a law such as "E + A/N^alpha + B/D^beta"`);
  const preset = presetIds().includes(raw.trim()) ? chinchillaPreset(raw.trim()) : undefined;
  if (raw.startsWith('chinchilla:') && !preset) throw new UsageError(`--law = '${excerpt(raw)}' is not a known preset (one of: ${presetIds().join(', ')})`);
  if (preset) {
    if (opts.set !== undefined) throw new UsageError(`--set cannot be combined with the preset --law ${preset.id}; write the law out to change its constants`);
    const constraint = typeof opts.constraint === 'string' ? opts.constraint : CHINCHILLA_CONSTRAINT;
    const law = asUsage('--constraint', () => parseLaw(CHINCHILLA_LAW, constraint, { id: preset.id, title: preset.title, citation: preset.source, provenance: preset.provenance, source: preset.source }));
    return { law, values: { ...preset.values }, preset, provenance: preset.provenance, source: preset.source };
  }
  if (typeof opts.constraint !== 'string') throw new UsageError(`--constraint is required with a written --law (e.g. --constraint "C = 6*N*D")`);
  const law = asUsage('--law', () => parseLaw(raw, opts.constraint as string, { provenance: 'unverified', source: 'user-written law (--law)' }));
  const given = parseSetMap(opts.set);
  const need = [...law.exponentParameters, ...law.coefficientParameters];
  const missing = need.filter((s) => !given.has(s));
  if (missing.length) throw new UsageError(`--set must give ${missing.join(', ')} for the law ${excerpt(raw, 80)} (e.g. --set ${missing.map((m) => `${m}=...`).join(',')})`);
  const extra = [...given.keys()].filter((k) => !need.includes(k));
  if (extra.length) throw new UsageError(`--set ${extra.join(', ')}: not a symbol of the law ${excerpt(raw, 80)} (it uses ${need.join(', ')})`);
  const values = parseSet(opts.set);
  for (const s of law.exponentParameters) if (!(values[s] > 0)) throw new UsageError(`--set ${s} = ${values[s]}: exponents must be > 0 (valid domain: ${s} > 0)`);
  for (const s of law.exponentParameters) if (values[s] > LIMITS_EXPONENT) throw new UsageError(`--set ${s} = ${values[s]} is beyond the limit ${s} <= ${LIMITS_EXPONENT} (docs/cli.md, "Limits")`);
  return { law, values, provenance: 'unverified', source: 'user-written law' };
}

/** A law's exponents (--set alpha=...): the same magnitude limit as a model parameter. */
const LIMITS_EXPONENT = 1e3;

/**
 * The budget: --flops for a law (FLOPs), --compute for a bound (C = p*T). The other spelling is a deprecated
 * alias that warns (docs/cli.md); both together is an error. Returns the options with the alias folded in.
 */
export function budgetFlag(opts: Record<string, unknown>, preferred: 'flops' | 'compute', warn: (s: string) => void): Record<string, unknown> {
  const alias = preferred === 'flops' ? 'compute' : 'flops';
  return foldAlias(opts, alias, preferred, warn, preferred === 'flops' ? ' as the budget of a law' : ' as the budget of a bound (C = p*T)');
}

export function requireBudget(opts: Record<string, unknown>, preferred: 'flops' | 'compute'): number {
  const flag = preferred;
  if (opts[flag] === undefined) throw new UsageError(`--${preferred} is required (the compute budget)`);
  const v = parseNumber(flag, opts[flag]);
  if (!(v > 0)) throw new UsageError(`--${flag} = ${v} must be > 0`);
  return v;
}

export interface BoundParams {
  m: number;
  k: number;
  /** present when m, k come from an input-dimension mapping */
  dimension?: { d: number; S: number; k0: number; mapping: string; label: string; m: string; k: string; provenance: ProvenanceTag };
}

export function mappingIds(): string[] {
  return infoBound.mappings.map((m) => m.id);
}

/** m and k of a mapping at input dimension d (expressions of theory/info-bound.ts, read by src/law/expr.ts). */
export function mapDimension(mappingId: string, d: number, S: number, k0: number): BoundParams {
  const mp = infoBound.mappings.find((x) => x.id === mappingId);
  if (!mp) throw new UsageError(`--mapping = '${excerpt(mappingId)}' is not known (one of: ${mappingIds().join(', ')})`);
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

/** --m/--k, or --d with --S, --k0 and --mapping (for the info bound); --m/--b for the negative control. */
export function requireBoundParams(opts: Record<string, unknown>, model: 'info-bound' | 'negative-control', dOverride?: number): BoundParams {
  if (model === 'negative-control') {
    for (const f of ['k', 'd', 'S', 'k0']) if (opts[f] !== undefined) throw new UsageError(`--${f} is not a parameter of the negative control (it takes --m and --b)`);
    return { m: opts.m === undefined ? 1 : positive('m', opts.m), k: opts.b === undefined ? 1 : positive('b', opts.b) };
  }
  if (opts.b !== undefined) throw new UsageError(`--b belongs to the negative control (--model negative-control); the info bound takes --m and --k`);
  if (opts.d !== undefined || dOverride !== undefined) {
    if (opts.m !== undefined) throw new UsageError('--m cannot be combined with --d: the mapping gives m as a function of d (see --mapping)');
    const d = dOverride ?? positive('d', opts.d);
    if (!(d > 0)) throw new UsageError(`--d = ${d} must be > 0`);
    const S = opts.S === undefined ? 1 : positive('S', opts.S);
    const k0 = opts.k0 !== undefined ? positive('k0', opts.k0) : opts.k !== undefined ? positive('k', opts.k) : 1;
    return mapDimension(typeof opts.mapping === 'string' ? opts.mapping : 'parameters', d, S, k0);
  }
  if (opts.m === undefined || opts.k === undefined) throw new UsageError('--m and --k are required for --model info-bound (or --d with --S, --k0 and --mapping)');
  return { m: positive('m', opts.m), k: positive('k', opts.k) };
}


// ---- the command ------------------------------------------------------------------------------------


/** Flags of each kind of allocation (anything else is refused, docs/cli.md "Flags that do not apply"). */
export const BOUND_FLAGS = { 'info-bound': ['model', 'preset', 'm', 'k', 'd', 'S', 'k0', 'mapping', 'compute'], 'negative-control': ['model', 'preset', 'm', 'b', 'compute'] } as const;
export const LAW_FLAGS = ['law', 'set', 'constraint', 'flops'] as const;

export async function run(opts0: Record<string, unknown>, _args: string[], ctx: CommandContext): Promise<number> {
  if ((opts0.model !== undefined || opts0.preset !== undefined) && opts0.law !== undefined) throw new UsageError('give either --model (info-bound, negative-control) or --law, not both');
  if (opts0.model !== undefined || opts0.preset !== undefined) {
    const opts = budgetFlag(opts0, 'compute', ctx.err);
    const model = requireBoundModel(opts);
    allowOnly(opts, BOUND_FLAGS[model], `allocate --model ${model}`);
    return runBound(opts, ctx);
  }
  if (opts0.law !== undefined) {
    const opts = budgetFlag(opts0, 'flops', ctx.err);
    allowOnly(opts, LAW_FLAGS, 'allocate --law');
    return runLaw(opts, ctx);
  }
  throw new UsageError(`allocate needs --model info-bound|negative-control, --preset negative-control or --law (${presetIds().join(', ')}, or a written law)`);
}

export const BOUND_MODELS = ['info-bound', 'negative-control'] as const;
export type BoundModel = (typeof BOUND_MODELS)[number];

export function requireBoundModel(opts: Record<string, unknown>): BoundModel {
  const preset = opts.preset === undefined ? undefined : requireName('--preset', opts.preset, ['negative-control'] as const);
  if (preset && opts.model !== undefined && opts.model !== preset) throw new UsageError(`--preset ${preset} and --model ${excerpt(opts.model)} disagree: give one of them`);
  const id = preset ?? opts.model;
  if (id === undefined) throw new UsageError(`--model is required (one of: ${BOUND_MODELS.join(', ')}), or --preset negative-control`);
  if (typeof id !== 'string' || !BOUND_MODELS.includes(id as BoundModel)) throw new UsageError(`--model = '${excerpt(id)}' is not a bound model of this command (one of: ${BOUND_MODELS.join(', ')}; the PLRF exponents are under \`exponents\`)`);
  return id as BoundModel;
}

async function runBound(opts: Record<string, unknown>, ctx: CommandContext): Promise<number> {
  const lib = await import('../../law/info-bound.js');
  const { infoBoundOptimum, infoBoundNumeric, negativeControlOptimum, boundAsymptotics, INFO_BOUND_LABEL } = lib;
  const { infoBound, negativeControl } = await import('../../../theory/info-bound.js');
  const model = requireBoundModel(opts);
  const C = requireBudget(opts, 'compute');
  const bp = requireBoundParams(opts, model);
  const isInfo = model === 'info-bound';
  const o = isInfo ? infoBoundOptimum(bp.m, bp.k, C) : negativeControlOptimum(bp.m, bp.k, C);
  const warnings: string[] = [];
  let check: ReturnType<typeof infoBoundNumeric> | undefined;
  if (isInfo) {
    try {
      check = infoBoundNumeric(bp.m, bp.k, C, o);
    } catch (e) {
      warnings.push(`the numeric check could not be made at these magnitudes (${(e as Error).message.slice(0, 120)}...); the closed form stands alone`);
    }
  }
  const asym = boundAsymptotics(model);
  if (check && Math.max(check.gap.p, check.gap.T) > 1e-6) warnings.push(`closed form and numeric minimisation differ by ${fmt(Math.max(check.gap.p, check.gap.T))} (relative) in p*, T*`);
  if (o.global === false) {
    warnings.push(
      `the interior optimum is only a local minimum: the edge T = k of the domain gives a lower E = m k/C + 1 = ${fmt(o.edgeError!)} (up to C = ${fmt(lib.edgeCrossoverBudget(bp.m, bp.k))}, i.e. 6.40089 m k) [derived; not in info-theoretic.md, which places the data-starved threshold at 2e m k]`,
    );
  }
  const provenance = isInfo ? infoBound.provenance : negativeControl.provenance;
  const result = {
    model,
    title: isInfo ? infoBound.title : negativeControl.title,
    label: isInfo ? INFO_BOUND_LABEL : `${negativeControl.title} [derived: info-theoretic.md §3]`,
    bound: isInfo ? infoBound.bound.expr : negativeControl.bound.expr,
    constraint: isInfo ? infoBound.compute.expr : negativeControl.compute,
    params: isInfo ? { m: bp.m, k: bp.k, C } : { m: bp.m, b: bp.k, C },
    ...(bp.dimension ? { dimension: bp.dimension } : {}),
    p: o.p,
    T: o.T,
    error: o.error,
    ratio: o.ratio,
    slope: o.slope,
    slopeT: o.slopeT,
    s: o.s,
    provenance,
    method: isInfo
      ? { name: 'closed form: lower-branch Lambert W', formulas: infoBound.closedForm, provenance: infoBound.closedForm.provenance }
      : { name: 'numeric minimisation along C = p*T (Brent); slope by central differences in ln C', note: negativeControl.note, provenance: 'derived' },
    ...(check ? { check } : {}),
    asymptotic: {
      p: { value: asym.p.value, expr: asym.p.expr, latex: asym.p.latex, provenance: 'derived' },
      T: { value: asym.T.value, expr: asym.T.expr, latex: asym.T.latex, provenance: 'derived' },
      error: { value: asym.error.value, expr: asym.error.expr, latex: asym.error.latex, provenance: 'derived' },
      skeleton: asym.skeleton,
      note: asym.note,
    },
    warnings,
  };
  if (opts.json) {
    ctx.out(toJson(result) + '\n');
    return 0;
  }
  const L: string[] = [];
  L.push(result.label);
  L.push(`  E(p, T) = ${result.bound},  ${result.constraint}   [${provenance}]`);
  if (bp.dimension) L.push(`  input dimension d = ${bp.dimension.d}: ${bp.dimension.label} -> m = ${fmt(bp.m)}, k = ${fmt(bp.k)}`);
  L.push(`  ${Object.entries(result.params).map(([k, v]) => `${k} = ${fmt(v)}`).join(', ')}`);
  L.push('');
  L.push(`  p*            ${fmt(o.p)}`);
  L.push(`  T*            ${fmt(o.T)}`);
  L.push(`  E*            ${fmt(o.error)}`);
  L.push(`  p*/T*         ${fmt(o.ratio)}`);
  L.push(`  d ln p*/d ln C = ${fmt(o.slope)}   (exact local slope)    engine asymptote: ${asym.p.expr} = ${fmt(asym.p.value ?? NaN)} (dominant balance of ${asym.skeleton}, log factors ignored) [derived]`);
  L.push(`  d ln T*/d ln C = ${fmt(o.slopeT)}                          engine asymptote: ${asym.T.expr}`);
  L.push(`  method        ${result.method.name} [${result.method.provenance}]`);
  if (check) L.push(`  check         ${check.method}: p* = ${fmt(check.p)}, T* = ${fmt(check.T)}; relative gap p ${check.gap.p.toExponential(1)}, T ${check.gap.T.toExponential(1)}, E ${check.gap.error.toExponential(1)}`);
  if (!isInfo) L.push(`  note          ${negativeControl.note}`);
  for (const w of warnings) L.push(`warning: ${w}`);
  ctx.out(L.join('\n') + '\n');
  return 0;
}

async function runLaw(opts: Record<string, unknown>, ctx: CommandContext): Promise<number> {
  const { lawOptimum, lawExponents } = await import('../../law/allocate.js');
  const choice = requireLaw(opts);
  const F = requireBudget(opts, 'flops');
  const { law, values } = choice;
  const opt = lawOptimum(law, values, F);
  const warnings: string[] = [];
  let exponents: Record<string, unknown> | null = null;
  let balance: string | undefined;
  try {
    const ex = lawExponents(law, values);
    // the Chinchilla law's exponents are checked against the reference's closed form (chinchilla.md §3)
    const { symbolicallyEqual } = await import('../../symbolic/cas.js');
    const { CHINCHILLA_CLOSED_FORM } = await import('../../../theory/chinchilla.js');
    const isChinchilla = law.text.replace(/\s+/g, '') === CHINCHILLA_LAW.replace(/\s+/g, '') && law.allocate === 'N';
    const pick = (e: typeof ex.a, key: 'a' | 'b' | 'loss') => {
      const cf = isChinchilla ? CHINCHILLA_CLOSED_FORM[key === 'loss' ? 'lossExponent' : key] : undefined;
      let verified = 'none';
      try {
        if (cf && symbolicallyEqual(e.engineExpr, cf)) verified = 'symbolic';
      } catch {
        verified = 'none';
      }
      const shown = verified === 'symbolic' ? cf! : e.expr;
      if (cf && verified !== 'symbolic') warnings.push(`exponent ${key}: the engine's ${e.engineExpr} could not be matched with the closed form ${cf} of chinchilla.md §3`);
      return {
        value: e.value,
        expr: shown,
        latex: e.latex,
        provenance: e.provenance,
        source: e.source,
        quantity: e.quantity,
        engineExpr: e.engineExpr,
        verified,
        ...(verified === 'symbolic' ? { closedForm: `${CHINCHILLA_CLOSED_FORM.source} [${CHINCHILLA_CLOSED_FORM.provenance}]` } : {}),
      };
    };
    exponents = { a: pick(ex.a, 'a'), b: pick(ex.b, 'b'), loss: pick(ex.loss, 'loss') };
    balance = ex.balance;
    warnings.push(...ex.warnings);
  } catch (e) {
    warnings.push(`the engine gives no exponents for this law: ${(e as Error).message}`);
  }
  const X = law.allocate, Y = law.other;
  const result = {
    law: law.text,
    constraint: law.constraint.text,
    ...(choice.preset ? { preset: { id: choice.preset.id, referenceId: choice.preset.referenceId, title: choice.preset.title, source: choice.preset.source, provenance: choice.preset.provenance } } : {}),
    values,
    budget: F,
    [X]: opt.x[X],
    [Y]: opt.x[Y],
    loss: opt.loss,
    irreducible: opt.irreducible,
    reducible: opt.reducible,
    tokensPerParam: opt.x[Y] / opt.x[X],
    allocation: { allocate: X, other: Y, method: opt.method, provenance: 'derived' },
    exponents,
    balance,
    provenance: choice.provenance,
    source: choice.source,
    warnings,
  };
  if (opts.json) {
    ctx.out(toJson(result) + '\n');
    return 0;
  }
  const L: string[] = [];
  L.push(`L = ${law.text},  ${law.constraint.text}${choice.preset ? `   preset ${choice.preset.id}: ${choice.preset.title}` : '   (user-written law)'}`);
  L.push(`  constants   ${Object.entries(values).map(([k, v]) => `${k} = ${fmt(v)}`).join(', ')}`);
  L.push(`  source      ${choice.source.startsWith('[') ? '' : `[${choice.provenance}] `}${choice.source}`);
  L.push(`  budget      ${law.constraint.budget} = ${fmt(F)}`);
  L.push('');
  L.push(`  ${X}_opt       ${fmt(opt.x[X])}`);
  L.push(`  ${Y}_opt       ${fmt(opt.x[Y])}`);
  L.push(`  ${Y}/${X}         ${fmt(opt.x[Y] / opt.x[X])}   (tokens per parameter)`);
  L.push(`  loss        ${fmt(opt.loss)}   (irreducible ${fmt(opt.irreducible)} + reducible ${fmt(opt.reducible)})`);
  L.push(`  method      ${opt.method} [derived]`);
  if (exponents) {
    const ex = exponents as Record<string, { value: number; expr: string; latex: string; provenance: string; quantity: string }>;
    L.push('');
    L.push(`  exponents (engine, dominant balance ${balance}):`);
    for (const k of ['a', 'b', 'loss']) {
      const v = (ex[k] as unknown as { verified: string }).verified === 'symbolic' ? '; equals chinchilla.md §3 symbolically' : '';
      L.push(`    ${k.padEnd(5)} = ${fmt(ex[k].value).padEnd(10)} ${ex[k].expr}    ${ex[k].quantity}   LaTeX ${ex[k].latex}   [${ex[k].provenance}${v}]`);
    }
  }
  for (const w of warnings) L.push(`warning: ${w}`);
  ctx.out(L.join('\n') + '\n');
  return 0;
}
