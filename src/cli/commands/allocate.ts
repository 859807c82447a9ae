// `scaling-theory allocate`: the compute-optimal allocation under a bound model (the information-bound
// template [reconstruction], its negative control) or a law (a preset or written out): the `optimum`
// capability of the model registry. The flags are read by ../allocation.ts (shared with `sweep`).
import { UsageError, toJson } from '../errors.js';
import { fmtAuto as fmt } from '../../format.js';
import type { CommandContext } from '../context.js';
import { requireLaw, requireBudget, requireBoundModel, requireBoundParams, presetIds, boundIds, budgetFlag, boundFlags, LAW_FLAGS } from '../allocation.js';
import { allowOnly } from '../flags.js';
import { knownClosedForm } from '../../models/laws.js';
import type { ScalingModel } from '../../models/registry.js';

// ---- the command ------------------------------------------------------------------------------------


export async function run(opts0: Record<string, unknown>, _args: string[], ctx: CommandContext): Promise<number> {
  if ((opts0.model !== undefined || opts0.preset !== undefined) && opts0.law !== undefined) throw new UsageError(`give either --model (${boundIds().join(', ')}) or --law, not both`);
  if (opts0.model !== undefined || opts0.preset !== undefined) {
    const opts = budgetFlag(opts0, 'compute', ctx.err);
    const model = requireBoundModel(opts);
    allowOnly(opts, boundFlags(model), `allocate --model ${model.id}`);
    return runBound(opts, ctx);
  }
  if (opts0.law !== undefined) {
    const opts = budgetFlag(opts0, 'flops', ctx.err);
    allowOnly(opts, LAW_FLAGS, 'allocate --law');
    return runLaw(opts, ctx);
  }
  throw new UsageError(`allocate needs --model ${boundIds().join('|')}, --preset ID or --law (${presetIds().join(', ')}, or a written law)`);
}

async function runBound(opts: Record<string, unknown>, ctx: CommandContext): Promise<number> {
  const model: ScalingModel = requireBoundModel(opts);
  const bound = model.bound!;
  const C = requireBudget(opts, 'compute');
  const bp = requireBoundParams(opts, model);
  const [c1, c2] = bound.constants;
  const o = bound.optimum(bp.m, bp.k, C);
  const warnings: string[] = [];
  let check: ReturnType<NonNullable<typeof bound.numericCheck>> | undefined;
  if (bound.numericCheck) {
    try {
      check = bound.numericCheck(bp.m, bp.k, C, o);
    } catch (e) {
      if (!(e instanceof Error)) throw e;
      warnings.push(`the numeric check could not be made at these magnitudes (${e.message.slice(0, 120)}...); the closed form stands alone`);
    }
  }
  const asym = bound.asymptotics();
  if (check && Math.max(check.gap.p, check.gap.T) > 1e-6) warnings.push(`closed form and numeric minimisation differ by ${fmt(Math.max(check.gap.p, check.gap.T))} (relative) in p*, T*`);
  if (o.global === false && bound.localBelow) {
    warnings.push(
      `the interior optimum is only a local minimum: the edge T = k of the domain gives a lower E = m k/C + 1 = ${fmt(o.edgeError!)} (up to C = ${fmt(bound.localBelow(bp.m, bp.k))}, i.e. ${fmt(bound.localBelow(1, 1))} m k) [derived: docs/theory/info-bound.md §5; the data-starved threshold itself is 2e m k]`,
    );
  }
  const provenance = model.provenance ?? 'unverified';
  const result = {
    model: model.id,
    title: model.title,
    label: bound.label,
    bound: bound.bound,
    constraint: bound.constraint,
    params: { [c1]: bp.m, [c2]: bp.k, C },
    ...(bp.dimension ? { dimension: bp.dimension } : {}),
    p: o.p,
    T: o.T,
    error: o.error,
    ratio: o.ratio,
    slope: o.slope,
    slopeT: o.slopeT,
    s: o.s,
    provenance,
    method: bound.closedForm ? { name: bound.method.name, formulas: bound.closedForm, provenance: bound.method.provenance } : { name: bound.method.name, note: bound.note, provenance: bound.method.provenance },
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
  if (bound.note) L.push(`  note          ${bound.note}`);
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
    // a known law's exponents are checked against its theory file's closed form
    const { symbolicallyEqual, SymbolicError } = await import('../../symbolic/cas.js');
    const known = knownClosedForm(law);
    const pick = (e: typeof ex.a, key: 'a' | 'b' | 'loss') => {
      const cf = known?.[key];
      let verified = 'none';
      try {
        if (cf && symbolicallyEqual(e.engineExpr, cf)) verified = 'symbolic';
      } catch (err) {
        if (!(err instanceof SymbolicError)) throw err;
      }
      const shown = verified === 'symbolic' ? cf! : e.expr;
      if (cf && verified !== 'symbolic') warnings.push(`exponent ${key}: the engine's ${e.engineExpr} could not be matched with the closed form ${cf} (${known!.source})`);
      return {
        value: e.value,
        expr: shown,
        latex: e.latex,
        provenance: e.provenance,
        source: e.source,
        quantity: e.quantity,
        engineExpr: e.engineExpr,
        verified,
        ...(verified === 'symbolic' ? { closedForm: `${known!.source} [${known!.provenance}]` } : {}),
      };
    };
    exponents = { a: pick(ex.a, 'a'), b: pick(ex.b, 'b'), loss: pick(ex.loss, 'loss') };
    balance = ex.balance;
    warnings.push(...ex.warnings);
  } catch (e) {
    if (!(e instanceof Error)) throw e;
    warnings.push(`the engine gives no exponents for this law: ${e.message}`);
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
      const v = (ex[k] as unknown as { verified: string }).verified === 'symbolic' ? `; equals ${knownClosedForm(law)!.source} symbolically` : '';
      L.push(`    ${k.padEnd(5)} = ${fmt(ex[k].value).padEnd(10)} ${ex[k].expr}    ${ex[k].quantity}   LaTeX ${ex[k].latex}   [${ex[k].provenance}${v}]`);
    }
  }
  for (const w of warnings) L.push(`warning: ${w}`);
  ctx.out(L.join('\n') + '\n');
  return 0;
}
