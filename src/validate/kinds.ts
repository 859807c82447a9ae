// The claim kinds of issue 14 besides relations: `inequality` (an ordering, or `A iff B`), `monotone`
// (a quantity in a parameter), `balance` (the active pair of terms), `continuity` (across the boundary of
// two phases), and numbers of laws and presets (`value` at a budget, `exponent` of a preset).
// Region points are the diagram probes of ./cells.ts plus a seeded fast-check search; a failure is moved
// to the largest violation in its cell, with the simplest round point near it.
import { DomainError } from '../errors.js';
import { fmt } from '../format.js';
import type { Model } from '../engine/model.js';
import { compileFormula, toText } from '../symbolic/formula.js';
import { lawOptimum, lawExponents } from '../law/allocate.js';
import { inDomain, parameterBox, pieceAt, pieceName, truthAt } from './oracle.js';
import { regionProbes, regionSpace, maximise, diagramOf } from './cells.js';
import { searchFailure, simplestFailing, toPoint } from './search.js';
import { scanBoundary } from './boundary.js';
import { helpAt, sixDigits } from './identity.js';
import { quantityValues, type CheckOptions } from './exponent.js';
import { METHOD, type Counterexample, type TheoryFormula, type Verdict } from './verdict.js';
import type { ModelTarget, RegionSpec, Resolved } from './schema.js';

interface PredicateAt {
  ok: boolean;
  /** how badly it fails (larger: worse), for the largest violation */
  size: number;
  /** the cell: points with the same key share the formulas */
  key: string;
}

interface PredicateResult {
  failing: number[] | null;
  simplest: number[] | null;
  tested: number;
  keys: Set<string>;
  probes: number;
  complete: boolean;
  reason?: string;
  empty: boolean;
}

/** Look for a point of the region where `at` fails: diagram probes, then the seeded search; the worst one found, climbed in its cell. */
function checkPredicate(target: ModelTarget, region: RegionSpec, opts: CheckOptions, at: (x: number[]) => PredicateAt | undefined): PredicateResult {
  const { model } = target;
  const space = regionSpace(target, region);
  const defined = (x: number[]) => space.inside(x) && at(x) !== undefined;
  const keys = new Set<string>();
  const fails = (x: number[]) => {
    const a = at(x);
    if (!a) return false;
    keys.add(a.key);
    return !a.ok;
  };
  const probes = regionProbes(model, space);
  const failing: number[][] = [];
  let tested = 0;
  for (const x of probes.points) {
    tested++;
    if (fails(x)) failing.push(x);
  }
  const res = searchFailure({ box: space.box, inside: defined, key: `${space.key}|predicate` }, fails, { seed: opts.seed, runs: opts.samples });
  tested += res.tested;
  if (res.point) failing.push(res.point);
  const complete = region.named || probes.fromDiagram;
  const base = { tested, keys, probes: probes.points.length, complete, ...(probes.reason ? { reason: probes.reason } : {}), empty: tested === 0 };
  if (!failing.length) return { ...base, failing: null, simplest: null };
  const size = (x: number[]) => at(x)?.size ?? -Infinity;
  const x0 = failing.reduce((b, x) => (size(x) > size(b) ? x : b));
  const key = at(x0)!.key;
  const cell = (x: number[]) => defined(x) && at(x)!.key === key;
  const worst = sixDigits(maximise(size, (x) => cell(x) && !at(x)!.ok, x0, space.box), (y) => cell(y) && !at(y)!.ok);
  const simplest = simplestFailing({ box: space.box, inside: (y) => y.every((v, k) => v >= space.box[k][0] && v <= space.box[k][1]) && cell(y) }, fails, worst);
  return { ...base, failing: worst, simplest: simplest.some((v, k) => v !== worst[k]) ? simplest : null };
}

const NEAR_ZERO = 1e-9;

function verdict(base: Omit<Verdict, 'status' | 'verdict' | 'method' | 'how'>, status: Verdict['status'], method: string, how: string, extra: Partial<Verdict> = {}): Verdict {
  return { ...base, status, verdict: status, method, how, ...extra };
}

function emptyRegion(base: Omit<Verdict, 'status' | 'verdict' | 'method' | 'how'>, region: RegionSpec, model: Model): Verdict {
  return verdict(base, 'inconclusive', METHOD.none, 'sampling', { reason: `${region.text} has no point inside the domain of ${model.theory.id} within the parameter box` });
}

// ---- inequality --------------------------------------------------------------------------------------

export function checkInequality(r: Extract<Resolved, { kind: 'inequality' }>, opts: CheckOptions): Verdict {
  const { claim, target, region, sides } = r;
  const { model } = target;
  const names = target.names ?? target.params;
  const base = { id: claim.id, kind: claim.kind, model: model.theory.id, seed: opts.seed };
  const { vars, truthsAt } = quantityValues(target, sides.map((s) => s.margin));
  const margins = sides.map((s) => compileFormula(s.margin, vars));
  const at = (x: number[]): PredicateAt | undefined => {
    const ts = truthsAt(x);
    if (!ts) return undefined;
    const v = [...x, ...ts.map((t) => t.value)];
    const m = margins.map((f) => f(v));
    if (m.some((y) => !Number.isFinite(y) || Math.abs(y) <= NEAR_ZERO)) return undefined; // on a line where a side is an equality
    const key = ts.map((t) => `${t.quantity}:${t.key}`).join('|');
    if (m.length === 1) return { ok: m[0] > 0, size: -m[0], key };
    return { ok: m[0] > 0 === m[1] > 0, size: Math.min(Math.abs(m[0]), Math.abs(m[1])), key };
  };
  const res = checkPredicate(target, region, opts, at);
  if (res.empty) return emptyRegion(base, region, model);
  const how = `${res.probes} probes of the derived phase diagram and a seeded search (${res.tested} points in all) over ${region.text}`;
  if (!res.failing) return verdict(base, 'verified', METHOD.sampled, `the inequality holds at ${how}`);
  const x = res.failing;
  const ts = truthsAt(x)!;
  const v = [...x, ...ts.map((t) => t.value)];
  const m = margins.map((f) => f(v));
  const says = sides.map((s, i) => `${s.text} is ${m[i] > 0 ? 'true' : 'false'} (margin ${fmt(m[i])})`).join(', ');
  const t = ts.find((q) => !target.quantitySymbols[q.quantity!].phase);
  const counterexample: Counterexample = {
    point: toPoint(names, x),
    claimed: claim.inequality,
    actual: sides.length === 1 ? `${sides[0].text} is false` : says,
    difference: m[0],
    note: `${says}${ts.length ? `; with ${ts.map((q) => `${q.quantity} = ${fmt(q.value)}`).join(', ')}` : ''}`,
    ...(t ? helpAt(model, x, t, t.quantity!, target.names) : {}),
    ...(res.simplest ? { simplest: { point: toPoint(names, res.simplest), claimed: claim.inequality, actual: 'fails', difference: margins[0]([...res.simplest, ...truthsAt(res.simplest)!.map((q) => q.value)]) } } : {}),
  };
  return verdict(base, 'refuted', METHOD.counterexample, `a point where the inequality fails, found by ${how}, moved to the largest violation in its cell`, { counterexample, theory: ts.map((q) => q.theory), samples: res.tested });
}

// ---- monotone ----------------------------------------------------------------------------------------

export function checkMonotone(r: Extract<Resolved, { kind: 'monotone' }>, opts: CheckOptions): Verdict {
  const { claim, target, region, param } = r;
  const { model } = target;
  const names = target.names ?? target.params;
  const q = claim.quantity;
  const base = { id: claim.id, kind: claim.kind, model: model.theory.id, quantity: q, seed: opts.seed };
  const box = parameterBox(model);
  const w = box[param][1] - box[param][0];
  const h = 1e-6 * w;
  const sign = claim.direction === 'increasing' ? 1 : -1;
  const step = (x: number[], d: number) => x.map((v, k) => (k === param ? v + d : v));
  const space = regionSpace(target, region);
  /** the slope in the parameter within the cell, and the jump to the next cell a little further on */
  const at = (x: number[]): PredicateAt | undefined => {
    const t = truthAt(model, q, x);
    if (!t) return undefined;
    const a = truthAt(model, q, step(x, -h));
    const b = truthAt(model, q, step(x, h));
    if (!a || !b || a.key !== t.key || b.key !== t.key) return undefined;
    const slope = (sign * (b.value - a.value)) / (2 * h);
    const y = step(x, 2e-5 * w);
    const far = space.inside(y) ? truthAt(model, q, y) : undefined;
    const jump = far && far.key !== t.key ? sign * (far.value - t.value) : Infinity;
    const scale = 1e-7 * (1 + Math.abs(t.value));
    return { ok: slope > scale && jump > -scale, size: -Math.min(slope, jump), key: t.key };
  };
  const res = checkPredicate(target, region, opts, at);
  if (res.empty) return emptyRegion(base, region, model);
  const how = `the slope d${q}/d${claim.in} within each phase and the jumps across boundaries in ${claim.in}, at ${res.probes} probes of the derived phase diagram and a seeded search (${res.tested} points) over ${region.text}`;
  if (!res.failing) return verdict(base, 'verified', METHOD.sampled, `${q} is ${claim.direction} in ${claim.in}: ${how}`);
  const x = res.failing;
  const t = truthAt(model, q, x)!;
  const a = truthAt(model, q, step(x, -h))!;
  const b = truthAt(model, q, step(x, h))!;
  const slope = (b.value - a.value) / (2 * h);
  const y = step(x, 2e-5 * w);
  const far = space.inside(y) ? truthAt(model, q, y) : undefined;
  const jump = far && far.key !== t.key ? far.value - t.value : null;
  const flat = Math.abs(slope) <= 1e-7 * (1 + Math.abs(t.value));
  const what = jump !== null && sign * jump < 0 ? `${q} jumps by ${fmt(jump)} across the boundary just above ${claim.in} = ${fmt(x[param])}` : flat ? `${q} does not change with ${claim.in} here (slope ${fmt(slope)})` : `d${q}/d${claim.in} = ${fmt(slope)}`;
  const counterexample: Counterexample = {
    point: toPoint(names, x),
    claimed: claim.direction,
    actual: flat ? 'constant' : slope > 0 ? 'increasing' : 'decreasing',
    difference: slope,
    note: what,
    ...helpAt(model, x, t, q, target.names),
    ...(res.simplest ? { simplest: { point: toPoint(names, res.simplest), claimed: claim.direction, actual: 'not ' + claim.direction, difference: null } } : {}),
  };
  return verdict(base, 'refuted', METHOD.counterexample, `a point where ${q} is not ${claim.direction} in ${claim.in}: ${how}`, { counterexample, theory: [t.theory], samples: res.tested });
}

// ---- balance -----------------------------------------------------------------------------------------

export function checkBalance(r: Extract<Resolved, { kind: 'balance' }>, opts: CheckOptions): Verdict {
  const { claim, target, region, terms } = r;
  const { model } = target;
  const names = target.names ?? target.params;
  const base = { id: claim.id, kind: claim.kind, model: model.theory.id, seed: opts.seed };
  const want = [...terms].sort().join(' = ');
  const phases = (model.theory.phases ?? []).length > 0;
  const pairAt = (x: number[]): { pair: string; key: string; equation?: string } | undefined => {
    if (!inDomain(model, x)) return undefined;
    if (phases) {
      const ref = pieceAt(model, x);
      if (!ref) return undefined;
      const b = model.region(ref).derivation.balance;
      return { pair: [b.increasing, b.decreasing].sort().join(' = '), key: `${ref.phase}#${ref.piece}`, equation: b.equation };
    }
    const bal = model.balanceAt(x);
    if (bal.kind !== 'pair') return undefined;
    const pair = [bal.active.increasing, bal.active.decreasing].sort().join(' = ');
    return { pair, key: pair };
  };
  const at = (x: number[]): PredicateAt | undefined => {
    const p = pairAt(x);
    return p ? { ok: p.pair === want, size: 0, key: p.key } : undefined;
  };
  const res = checkPredicate(target, region, opts, at);
  if (res.empty) return emptyRegion(base, region, model);
  const cells = [...res.keys].map((k) => k.replace(/#0$/, ''));
  if (!res.failing) {
    const proved = phases && res.complete;
    return verdict(base, 'verified', proved ? (region.named ? METHOD.exactNamed : METHOD.exactDiagram) : METHOD.sampled, `the engine's active balance is ${want} in every ${phases ? 'phase' : 'cell'} the region meets (${cells.join(', ')}; ${res.probes} diagram probes and ${res.tested - res.probes} sampled points over ${region.text})`);
  }
  const x = res.failing;
  const p = pairAt(x)!;
  const ref = pieceAt(model, x);
  const counterexample: Counterexample = {
    point: toPoint(names, x),
    claimed: want,
    actual: p.pair,
    difference: null,
    note: `${ref ? `in phase ${pieceName(model, ref)}` : 'here'} the active balance is ${p.pair}${p.equation ? ` (${p.equation})` : ''}, not ${want}`,
    ...(ref ? { phase: pieceName(model, ref) } : {}),
    balance: p.pair,
    ...(res.simplest ? { simplest: { point: toPoint(names, res.simplest), claimed: want, actual: pairAt(res.simplest)?.pair ?? null, difference: null } } : {}),
  };
  return verdict(base, 'refuted', METHOD.counterexample, `a point of ${region.text} where another pair balances (${res.tested} points: diagram probes and a seeded search)`, { counterexample, samples: res.tested });
}

// ---- continuity --------------------------------------------------------------------------------------

/** "A meets B, C; B meets ...": which phases really meet, from the derived diagram. */
export function neighboursText(model: Model, phases: string[]): string {
  const d = diagramOf(model);
  if (!d) return '';
  return phases
    .map((p) => {
      const n = [...new Set(d.boundaries.filter((b) => b.between.includes(p)).flatMap((b) => b.between).filter((x) => x !== p && x !== 'outside the domain'))];
      return `${p} meets ${n.length ? n.join(', ') : 'no other phase'}`;
    })
    .join('; ');
}

export function checkContinuity(r: Extract<Resolved, { kind: 'continuity' }>, opts: CheckOptions): Verdict {
  const { claim, target, between } = r;
  const { model } = target;
  const names = target.names ?? target.params;
  const q = claim.quantity;
  const base = { id: claim.id, kind: claim.kind, model: model.theory.id, quantity: q, seed: opts.seed };
  const box = parameterBox(model);
  const theory: TheoryFormula[] = between.map((p) => ({ region: p, ...(() => { const s = model.region({ phase: p, piece: 0 }).shown[q]; return { expr: s.expr, provenance: s.provenance, source: s.source }; })() }));
  const d = diagramOf(model);
  const exact = d?.boundaries.filter((b) => b.between.includes(between[0]) && b.between.includes(between[1])) ?? [];
  const scan = scanBoundary(model, between, box);
  if (scan.points.length === 0 && exact.length === 0) {
    const nb = neighboursText(model, between);
    return verdict(base, 'refuted', METHOD.counterexample, `${between[0]} and ${between[1]} never meet (derived phase diagram and axis scans)`, {
      counterexample: { point: {}, claimed: `${between[0]}|${between[1]}`, actual: 'no such boundary', difference: null, note: `the two phases never meet${nb ? `: ${nb}` : ''}` },
      theory,
    });
  }
  // the jump at every boundary point found: the two sides' values a step off the boundary
  const jumps = scan.points.map((x) => {
    let best: { x: number[]; jump: number; a: number; b: number } | null = null;
    for (let k = 0; k < x.length; k++) {
      const hk = 2e-6 * (box[k][1] - box[k][0]);
      const lo = [...x], hi = [...x];
      lo[k] -= hk;
      hi[k] += hk;
      const ta = truthAt(model, q, lo), tb = truthAt(model, q, hi);
      if (!ta || !tb || ta.ref?.phase === tb.ref?.phase) continue;
      const j = { x, jump: Math.abs(ta.value - tb.value), a: ta.ref?.phase === between[0] ? ta.value : tb.value, b: ta.ref?.phase === between[0] ? tb.value : ta.value };
      if (!best || j.jump > best.jump) best = j;
    }
    return best;
  }).filter((j): j is NonNullable<typeof j> => j !== null);
  // a side step of 2e-6 moves a continuous quantity by about its slope times the step
  const tol = 1e-4;
  const flag = exact.length ? exact.every((b) => b.continuous[q]) : null;
  const eq = exact.map((b) => b.equation).join(', ');
  const continuousNum = jumps.every((j) => j.jump <= tol);
  const exactNote = flag === null ? '' : `; derived diagram: ${q} is ${flag ? 'continuous' : 'discontinuous'} on ${eq} (the difference of the two phases' formulas ${flag ? 'vanishes' : 'does not vanish'} there)`;
  const how = `${jumps.length} points of the ${between.join('|')} boundary (axis scans), ${q} a step off it on both sides${exactNote}`;
  const holds = claim.expect === 'continuous' ? (flag ?? continuousNum) && continuousNum : flag === null ? jumps.some((j) => j.jump > tol) : !flag;
  if (holds) return verdict(base, 'verified', flag !== null ? METHOD.exactBoundary : METHOD.sampled, how, { theory });
  const pick = claim.expect === 'continuous' ? jumps.reduce<(typeof jumps)[number] | null>((m, j) => (!m || j.jump > m.jump ? j : m), null) : jumps.reduce<(typeof jumps)[number] | null>((m, j) => (!m || j.jump < m.jump ? j : m), null);
  const counterexample: Counterexample = {
    point: pick ? toPoint(names, pick.x) : {},
    claimed: claim.expect,
    actual: claim.expect === 'continuous' ? 'jump' : 'continuous',
    difference: pick ? pick.a - pick.b : null,
    note: pick ? `${q} is ${fmt(pick.a)} on the ${between[0]} side and ${fmt(pick.b)} on the ${between[1]} side${exactNote}` : exactNote.slice(2),
  };
  return verdict(base, 'refuted', METHOD.counterexample, how, { counterexample, theory });
}

// ---- laws and presets --------------------------------------------------------------------------------

export function checkLawValue(r: Extract<Resolved, { kind: 'law-value' }>, opts: CheckOptions): Verdict {
  const { claim, target, values, budget } = r;
  const law = target.law;
  const base = { id: claim.id, kind: claim.kind, model: target.id, quantity: claim.quantity, seed: opts.seed };
  const theory: TheoryFormula[] = [{ expr: `min of ${law.text} along ${law.constraint.text}`, provenance: target.provenance, source: target.source }];
  let o;
  try {
    o = lawOptimum(law, values, budget);
  } catch (e) {
    if (e instanceof DomainError) return verdict(base, 'inconclusive', METHOD.none, 'exact minimum along the constraint', { reason: e.message, theory });
    throw e;
  }
  const N = o.x[law.allocate], D = o.x[law.other];
  const actual = claim.quantity === 'loss' ? o.loss : claim.quantity === 'tokens_per_parameter' ? D / N : claim.quantity === `${law.allocate}_opt` ? N : D;
  const tol = claim.tolerance;
  const ok = tol === undefined ? Math.abs(claim.value - actual) <= 1e-9 * Math.abs(actual) : Math.abs(claim.value - actual) <= tol;
  const how = `${claim.quantity} at ${law.constraint.budget} = ${budget} from the exact minimum of ${law.text} along ${law.constraint.text} (${o.method}: ${law.allocate}* = ${fmt(N)}, ${law.other}* = ${fmt(D)}, loss ${fmt(o.loss)}), tolerance ${tol === undefined ? '1e-9 relative (default: exact)' : `${tol} absolute`}`;
  if (ok) return verdict(base, 'verified', METHOD.exactPoint, how, { theory });
  return verdict(base, 'refuted', METHOD.exactPoint, how, {
    counterexample: { point: { [law.constraint.budget]: budget }, claimed: claim.value, actual, difference: claim.value - actual, note: `${claim.quantity} = ${fmt(actual)} at ${law.constraint.budget} = ${budget} (|difference| ${fmt(Math.abs(claim.value - actual))}${tol === undefined ? '' : ` > tolerance ${tol}`})`, provenance: target.provenance, source: target.source },
    theory,
  });
}

export function checkPresetExponent(r: Extract<Resolved, { kind: 'preset-exponent' }>, opts: CheckOptions): Verdict {
  const { claim, target, formula } = r;
  const law = target.law;
  const values = target.values!;
  const base = { id: claim.id, kind: claim.kind, model: target.id, quantity: claim.quantity, seed: opts.seed };
  const e = lawExponents(law, values);
  const info = claim.quantity === `${law.allocate}_opt` ? e.a : claim.quantity === `${law.other}_opt` ? e.b : e.loss;
  const theory: TheoryFormula[] = [{ expr: info.expr, provenance: target.provenance, source: `${target.source}; exponent [${info.provenance}] ${info.source ?? ''}`.trim() }];
  const keys = Object.keys(values);
  const claimed = compileFormula(formula, keys)(keys.map((k) => values[k]));
  const actual = info.value;
  if (actual === null) return verdict(base, 'inconclusive', METHOD.none, 'engine', { reason: `no single ${claim.quantity} exponent for ${target.id}`, theory });
  const tol = claim.tolerance;
  const ok = Number.isFinite(claimed) && (tol === undefined ? Math.abs(claimed - actual) <= 1e-9 * (1 + Math.abs(actual)) : Math.abs(claimed - actual) <= tol);
  const how = `${claim.quantity} ~ ${law.constraint.budget}^${fmt(actual)} with ${target.id}'s constants (${info.expr} at ${keys.filter((k) => law.exponentParameters.includes(k)).map((k) => `${k} = ${fmt(values[k])}`).join(', ')}), tolerance ${tol === undefined ? '1e-9 relative (default: exact)' : `${tol} absolute`}`;
  if (ok) return verdict(base, 'verified', METHOD.exactPoint, how, { theory });
  return verdict(base, 'refuted', METHOD.exactPoint, how, {
    counterexample: { point: Object.fromEntries(law.exponentParameters.map((k) => [k, values[k]])), claimed: Number.isFinite(claimed) ? claimed : null, actual, difference: Number.isFinite(claimed) ? claimed - actual : null, note: `the claim says ${toText(formula)}; the theory has ${claim.quantity} exponent ${info.expr} = ${fmt(actual)} [${info.provenance}]`, formula: `${claim.quantity} exponent = ${info.expr}`, provenance: target.provenance, source: target.source },
    theory,
  });
}
