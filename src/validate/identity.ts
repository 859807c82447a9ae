// The check shared by `exponent` and `relation` claims: "claimed(x) = actual(x) on the region", where
// actual comes from the engine's per-phase derivation. Points checked: probes from the derived phase
// diagram (./cells.ts: both sides of every boundary curve and of the region's edges, so thin phases are
// met), then a seeded fast-check search. A failure is moved to the point of largest discrepancy in its
// cell (same phase, inside the region), with the simplest round point of the cell near it as a second
// point. When every point agrees, the identity is tried symbolically for every formula met: `verified`
// is reported only when it holds for each of them and the phases were found from the diagram (or are the
// claim's named phases); otherwise the verdict is sampled.
import { printExpression, PrintError } from '../symbolic/print.js';
import { FormulaError } from '../symbolic/formula.js';
import { AlgebraLimitError } from '../symbolic/rational/index.js';
import { fmt } from '../format.js';
import { pieceAt, pieceName, type Truth } from './oracle.js';
import { regionProbes, regionSpace, maximise } from './cells.js';
import { searchFailure, simplestFailing, toPoint, type Space } from './search.js';
import { METHOD, type Counterexample, type Verdict } from './verdict.js';
import type { ModelTarget, RegionSpec } from './schema.js';
import type { Model } from '../engine/model.js';
import type { CheckOptions } from './verdict.js';

export interface Evaluation {
  claimed: number;
  actual: number;
  /** the formulas used at the point (points with the same key share them) */
  key: string;
  truths: Truth[];
}

export interface IdentityProblem {
  target: ModelTarget;
  region: RegionSpec;
  /** claimed and theory values at x (undefined where the theory has none: a boundary, outside) */
  evaluate: (x: number[]) => Evaluation | undefined;
  agrees: (claimed: number, actual: number) => boolean;
  /** absolute tolerance, when the claim gives one */
  tolerance?: number;
  /** the identity holds for every point with these formulas (nerdamer) */
  symbolic: (e: Evaluation) => boolean;
  /** the quantities the check evaluates (the sampled set of points depends on them, not on the claim) */
  quantities: string;
  /** "eta = 1/2": what the claim says, for the notes */
  claimText: string;
  /** the theory's side at a point, for the note: e.g. "the theory has eta = ..." */
  describe: (e: Evaluation, x: number[]) => string;
}

export interface IdentityResult {
  status: 'verified' | 'refuted' | 'inconclusive';
  method: string;
  how: string;
  reason?: string;
  counterexample?: Counterexample;
  truths: Truth[];
  samples: number;
  warnings: string[];
}

/** Readable formula of an engine expression at a point (printExpression), or the expression as given. */
export function printedAt(model: Model, expr: string, x: number[], names?: string[]): string {
  try {
    const text = printExpression(expr, { params: model.params, at: toPoint(model.params, x) }).text;
    return names ? undoNames(text, model.params, names) : text;
  } catch (e) {
    if (e instanceof PrintError || e instanceof FormulaError || e instanceof AlgebraLimitError) return expr;
    throw e;
  }
}

function undoNames(text: string, params: string[], names: string[]): string {
  return params.reduce((acc, p, i) => (p === names[i] ? acc : acc.replace(new RegExp(`\\b${p}\\b`, 'g'), names[i])), text);
}

/** Phase, active balance and the formula with its provenance at a point: how to fix a refuted claim. */
export function helpAt(model: Model, x: number[], t: Truth, quantity: string, names?: string[]): Pick<Counterexample, 'phase' | 'balance' | 'formula' | 'provenance' | 'source'> {
  const ref = t.ref ?? pieceAt(model, x);
  let balance: string | undefined;
  if (ref) {
    const b = model.region(ref).derivation.balance;
    balance = `${b.increasing} = ${b.decreasing}`;
  } else {
    const bal = model.balanceAt(x);
    if (bal.kind === 'pair') balance = `${bal.active.increasing} = ${bal.active.decreasing}`;
  }
  const expr = t.theory.expr ?? t.expr;
  return {
    ...(ref ? { phase: pieceName(model, ref) } : {}),
    ...(balance ? { balance: names ? undoNames(balance, model.params, names) : balance } : {}),
    formula: `${quantity} = ${printedAt(model, t.simpler ?? expr, x, names)}`,
    provenance: t.theory.provenance,
    ...(t.theory.source ? { source: t.theory.source } : {}),
  };
}

/**
 * The point with every coordinate written with 6 significant digits (as outputs print it), when such a
 * point next to it (each coordinate rounded, or one unit of the 6th digit up or down) satisfies `ok`;
 * else the point itself.
 */
export function sixDigits(x: number[], ok: (y: number[]) => boolean): number[] {
  const options = x.map((v) => {
    const r = Number(v.toPrecision(6));
    const unit = r === 0 ? 1e-6 : 10 ** (Math.floor(Math.log10(Math.abs(r))) - 5);
    return [r, Number((r + unit).toPrecision(6)), Number((r - unit).toPrecision(6))];
  });
  let out: number[] | null = null;
  const visit = (k: number, y: number[]) => {
    if (out) return;
    if (k === x.length) {
      if (ok(y)) out = [...y];
      return;
    }
    for (const v of options[k]) visit(k + 1, [...y, v]);
  };
  if (x.length <= 4) visit(0, []);
  return out ?? x;
}

export function checkIdentity(problem: IdentityProblem, opts: CheckOptions): IdentityResult {
  // fast-check filters a point, then tests it: one evaluation per point
  let lastX: number[] | null = null;
  let lastE: Evaluation | undefined;
  const p: IdentityProblem = {
    ...problem,
    evaluate: (x) => {
      // (callers may reuse one array for several points: compare the coordinates)
      if (lastX === null || x.length !== lastX.length || x.some((v, k) => v !== lastX![k])) {
        lastE = problem.evaluate(x);
        lastX = [...x];
      }
      return lastE;
    },
  };
  const { target, region } = p;
  const { model } = target;
  const names = target.names ?? target.params;
  const space = regionSpace(target, region);
  const defined = (x: number[]) => space.inside(x) && p.evaluate(x) !== undefined;
  const met = new Map<string, Evaluation>();
  /** per formula key: the point of largest discrepancy seen */
  const worstOf = new Map<string, { x: number[]; d: number }>();
  const warnings: string[] = [];
  const size = (e: Evaluation) => (Number.isFinite(e.claimed) ? Math.abs(e.claimed - e.actual) : Infinity);
  const fails = (x: number[]) => {
    const e = p.evaluate(x);
    if (!e) return false;
    if (!met.has(e.key)) met.set(e.key, e);
    const d = size(e);
    const w = worstOf.get(e.key);
    if (!w || d > w.d) worstOf.set(e.key, { x: [...x], d });
    return !p.agrees(e.claimed, e.actual);
  };

  // 1. the probes of the derived diagram (not for a region that is exactly the named phases)
  const probes = region.named ? null : regionProbes(model, space);
  const failing: number[][] = [];
  let tested = 0;
  for (const x of probes?.points ?? []) {
    if (!space.inside(x)) continue;
    tested++;
    if (fails(x)) failing.push(x);
  }
  // 2. the seeded search: per piece of each named phase, else over the region
  const spaces: Array<{ space: Space; name: string }> = [];
  if (region.named) {
    for (const name of region.phases!) {
      const ph = model.theory.phases!.find((q) => q.name === name)!;
      ph.regions.forEach((_, i) => {
        const ref = { phase: name, piece: i };
        // (a named region has no edges: the piece and the theory's value decide)
        spaces.push({ space: { box: space.box, inside: (x) => { const r = pieceAt(model, x); return !!r && r.phase === name && r.piece === i && p.evaluate(x) !== undefined; }, key: `${space.key}|${name}#${i}|${p.quantities}` }, name: pieceName(model, ref) });
      });
    }
  } else spaces.push({ space: { box: space.box, inside: defined, key: `${space.key}|${p.quantities}` }, name: region.text });
  let starvedAll = true;
  for (const s of spaces) {
    const res = searchFailure(s.space, fails, { seed: opts.seed, runs: opts.samples });
    tested += res.tested;
    if (res.tested > 0) starvedAll = false;
    else if (region.named) warnings.push(`${s.name} has no point in the parameter box`);
    if (res.point) failing.push(res.point);
  }
  if (tested === 0 || (starvedAll && (probes?.points.length ?? 0) === 0)) {
    return { status: 'inconclusive', method: METHOD.none, how: 'sampling', reason: `${region.text} has no point inside the domain of ${model.theory.id} within the parameter box (${model.theory.parameters.map((q, i) => `${names[i]} in [${q.range.join(', ')}]`).join(', ')})`, truths: [], samples: 0, warnings };
  }

  // 3. a tolerance claim: the largest discrepancy of every cell met must stay within it
  if (failing.length === 0 && p.tolerance !== undefined) {
    for (const [key, w] of [...worstOf.entries()]) {
      const cell = (x: number[]) => defined(x) && p.evaluate(x)!.key === key;
      const worst = maximise((x) => size(p.evaluate(x)!), cell, w.x, space.box);
      if (fails(worst)) failing.push(worst);
    }
  }

  if (failing.length > 0) {
    // the largest discrepancy: start from the worst failing point, climb inside its cell
    const x0 = failing.reduce((b, x) => (size(p.evaluate(x)!) > size(p.evaluate(b)!) ? x : b));
    const key = p.evaluate(x0)!.key;
    const cell = (x: number[]) => defined(x) && p.evaluate(x)!.key === key;
    const worst = maximise((x) => size(p.evaluate(x)!), cell, x0, space.box);
    // written with 6 significant digits (as printed) when that point fails in the same cell too
    const x = sixDigits(fails(worst) ? worst : x0, (y) => cell(y) && fails(y));
    const e = p.evaluate(x)!;
    const simple = simplestFailing({ box: space.box, inside: (y) => y.every((v, k) => v >= space.box[k][0] && v <= space.box[k][1]) && cell(y) }, fails, x);
    const es = p.evaluate(simple);
    const t = e.truths[0];
    const finite = Number.isFinite(e.claimed);
    const counterexample: Counterexample = {
      point: toPoint(names, x),
      claimed: finite ? e.claimed : null,
      actual: e.actual,
      difference: finite ? e.claimed - e.actual : null,
      note: `${p.describe(e, x)}; the claim says ${p.claimText}${finite ? '' : ' (not finite here)'}${p.tolerance !== undefined ? ` (tolerance ${p.tolerance})` : ''}`,
      ...(t ? helpAt(model, x, t, t.quantity ?? '', target.names) : {}),
    };
    if (es && simple.some((v, k) => v !== x[k])) {
      const f2 = Number.isFinite(es.claimed);
      counterexample.simplest = { point: toPoint(names, simple), claimed: f2 ? es.claimed : null, actual: es.actual, difference: f2 ? es.claimed - es.actual : null };
    }
    const phaseNote = t?.ref ? ` in ${pieceName(model, t.ref)}` : '';
    return {
      status: 'refuted',
      method: METHOD.counterexample,
      how: `counterexample${phaseNote} found by ${probes ? `${probes.points.length} probes of the derived phase diagram and ` : ''}a seeded search over ${region.text} (fast-check, ${tested} point${tested === 1 ? "" : "s"} in all), moved to the largest discrepancy in its cell, with the simplest round point near it`,
      counterexample,
      truths: t ? [t] : [],
      samples: tested,
      warnings,
    };
  }

  // 4. every point agrees: the identity per formula met
  const evals = [...met.values()];
  const truths = [...new Map(evals.flatMap((e) => e.truths).map((t) => [`${t.key}|${t.quantity ?? ''}`, t])).values()];
  for (const t of truths) if (t.ref && model.piece(t.ref).conjectural) warnings.push(`${pieceName(model, t.ref)} is conjectural in the paper: ${model.piece(t.ref).note ?? ''}`.trim());
  const phases = [...new Set(truths.map((t) => t.ref?.phase).filter(Boolean))];
  const complete = region.named || (probes?.fromDiagram ?? false);
  const symbolic = evals.length > 0 && evals.every((e) => p.symbolic(e));
  const phasesText = phases.length ? `phases ${phases.join(', ')}` : `${evals.length} formula${evals.length === 1 ? '' : 's'}`;
  if (symbolic && complete) {
    return {
      status: 'verified',
      method: region.named ? METHOD.symbolicNamed : METHOD.symbolicDiagram,
      how: region.named
        ? `symbolic identity on ${region.text} with the engine's derivation (nerdamer reduces the difference to 0 on ${phasesText}); also agrees at ${tested} sampled points`
        : `symbolic identity with each of the theory's formulas met in ${region.text} (${phasesText}, found from the derived phase diagram: ${probes!.points.length ? `${probes!.points.length} probe points on both sides of every boundary curve and edge` : 'no boundary curve crosses the region'}); also agrees at ${tested} points`,
      truths,
      samples: tested,
      warnings,
    };
  }
  const largest = Math.max(...[...worstOf.values()].map((w) => w.d));
  const why = !symbolic
    ? p.tolerance !== undefined
      ? `largest |difference| found ${fmt(largest)} (searched per phase) within the tolerance ${p.tolerance}`
      : 'nerdamer did not reduce the difference to 0'
    : `the phases were found by sampling only (${probes?.reason ?? 'no derived diagram'})`;
  return {
    status: 'verified',
    method: METHOD.sampled,
    how: `sampled agreement at ${tested} points of ${region.text} (${phasesText})${p.tolerance === undefined ? `, |difference| <= 1e-9 relative` : ''}; ${why}`,
    truths,
    samples: tested,
    warnings,
  };
}

