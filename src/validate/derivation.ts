// Checking a derivation step by step (`kind: derivation`, docs/validator-tutorial.md "Checking a
// derivation"). In every phase piece the region meets (./derivation-region.ts) each step is compared with
// the engine's own derivation there (src/engine: log system, dominant balance, solved exponents):
//   terms       the kept terms contain the active pair (else a dropped term dominates at the kept optimum)
//   relation    lhs - rhs vanishes in log space under the theory's compute relations
//   substitute  the stated (a, b) of TERM ~ d^a f^b equals the term's exponent pair, exactly
//   balance     the stated pair is the active (highest) crossing
//   solve       the stated exponent is the balanced pair's crossing u = xi phi
//   loss        the stated exponent is the loss height at that allocation
// A wrong step's statement is carried forward (./derivation-world.ts), so later steps are checked as if it
// had been right and one file reports every independent error. Comparisons are exact rational identities
// (src/symbolic/rational) where both sides are rational functions, else agreement at the sampled points.
import { balanceAt, type TermSlope } from '../engine/balance.js';
import { parameterBox } from '../engine/region.js';
import { compileFormula } from '../symbolic/formula.js';
import { fmt } from '../format.js';
import { simplestFailing, toPoint } from './search.js';
import { piecesMet, CLEARANCE, type Margin, type Piece } from './derivation-region.js';
import { Q, qOfText, show, worldOf, monoLog, withRelation, type World } from './derivation-world.js';
import { METHOD } from './verdict.js';
import type { DerivationClaim, StepKind } from './derivation-claim.js';
import type { DerivationPlan, Step } from './derivation-steps.js';
import type { Verdict, Counterexample, TheoryFormula } from './verdict.js';

export type StepStatus = 'ok' | 'wrong' | 'unchecked';

export interface StepVerdict {
  index: number;
  kind: StepKind;
  text: string;
  status: StepStatus;
  reason: string;
  /** exact rational identity (true) or agreement at sampled points only (false) */
  exact?: boolean;
  /** the point of largest discrepancy found */
  counterexample?: Counterexample;
  /** the simplest round point near it where the step still fails (by at least half the largest discrepancy) */
  roundPoint?: Counterexample;
}

export interface DerivationVerdict extends Verdict {
  verdict: Verdict['status'];
  steps: StepVerdict[];
  /** 1-based index of the first wrong step, null when every step holds */
  firstWrongStep: number | null;
}

const NUM_TOL = 1e-9;

/** What one step gives in one piece. */
interface PieceCheck {
  status: StepStatus;
  exact: boolean;
  reason: string;
  /** discrepancy at a point (>= 0; > 0 where the step fails) */
  D?: (x: number[]) => number;
  /** the difference reported (default D; null where it has no size, e.g. the kept terms have no optimum) */
  difference?: (x: number[]) => number | null;
  claimed?: (x: number[]) => number | string;
  actual?: (x: number[]) => number | string;
}

interface Engine {
  pair: [string, string] | null;
  failure?: string;
  /** the engine's exponent of each variable quantity and the loss height (per unit log budget) */
  xi?: Q;
  height?: Q;
  /** the formulas outputs show (closed form and provenance) */
  shownXi?: TheoryFormula;
  shownLoss?: TheoryFormula;
}

interface PieceState {
  piece: Piece;
  label: string;
  engine: Engine;
  world: World;
  /** the theory's own world of the piece (never overridden): where a carried chain is broken, later steps are checked against it */
  fresh: () => World;
}

/** (xi, height) of the crossing of an increasing and a decreasing term: the exact form of ../engine/balance.ts. */
function crossing(w: World, inc: string, dec: string): { xi: Q; height: Q } {
  const i = w.terms[inc], j = w.terms[dec];
  const xi = j.b.sub(i.b).div(i.a.sub(j.a));
  return { xi, height: i.a.mul(xi).add(i.b) };
}

function slopesAt(w: World, x: number[], names?: string[]): TermSlope[] {
  return Object.entries(w.terms)
    .filter(([n]) => !names || names.includes(n))
    .map(([name, t]) => ({ name, a: t.a.f(x), b: t.b.f(x) }));
}

/** Height of min_u max over these terms at x (the loss exponent per unit log budget), or null when unbounded. */
function heightAt(w: World, x: number[], names?: string[]): { pair: [string, string]; height: number } | null {
  const bal = balanceAt(slopesAt(w, x, names));
  if (bal.kind === 'pair') return { pair: [bal.active.increasing, bal.active.decreasing], height: bal.active.height };
  if (bal.kind === 'floor') return { pair: [bal.floor.name, bal.floor.name], height: bal.floor.b };
  return null;
}

const samePair = (p: [string, string], q: [string, string]) => (p[0] === q[0] && p[1] === q[1]) || (p[0] === q[1] && p[1] === q[0]);

/** Exact comparison when both sides are rational functions, else agreement at the piece's points. */
function equal(c: Q, a: Q, points: number[][]): { ok: boolean; exact: boolean } {
  const d = c.sub(a).isZero();
  if (d !== null) return { ok: d, exact: true };
  return { ok: points.every((x) => Math.abs(c.f(x) - a.f(x)) <= NUM_TOL * (1 + Math.abs(a.f(x)))), exact: false };
}

function engineOf(plan: DerivationPlan, piece: Piece, w: World): Engine {
  const { model } = plan;
  const theory = model.theory;
  const params = plan.params;
  if (!piece.ref) {
    const bal = model.balanceAt(piece.points[0]);
    if (bal.kind !== 'pair') return { pair: null, failure: bal.kind === 'unbounded' ? bal.reason : `term ${bal.floor.name} does not depend on ${theory.compute.allocate} at fixed compute and dominates` };
    const pair: [string, string] = [bal.active.increasing, bal.active.decreasing];
    const c = crossing(w, pair[0], pair[1]);
    return { pair, xi: c.xi, height: c.height };
  }
  let region;
  try {
    region = model.region(piece.ref);
  } catch (e) {
    return { pair: null, failure: (e as Error).message };
  }
  const d = region.derivation;
  const out: Engine = { pair: [d.balance.increasing, d.balance.decreasing] };
  for (const q of theory.quantities) {
    const expr = d.balance.quantities[q.name].expr;
    const s = region.shown[q.name];
    const formula: TheoryFormula = { region: piece.ref.phase, expr: s.expr, provenance: s.provenance, source: s.source };
    if (q.kind === 'variable' && q.variable === theory.compute.allocate) {
      out.xi = qOfText(expr, params, plan.defs);
      if (q.sign === -1) out.xi = out.xi.neg();
      out.shownXi = formula;
    }
    if (q.kind === 'loss') {
      out.height = qOfText(expr, params, plan.defs);
      if (q.sign === -1) out.height = out.height.neg();
      out.shownLoss = formula;
    }
  }
  return out;
}

const pt = (plan: DerivationPlan, x: number[]) => toPoint(plan.params, x);
const ptText = (plan: DerivationPlan, x: number[]) => plan.params.map((p, i) => `${p} = ${fmt(x[i])}`).join(', ');
const tagged = (f: { provenance: string; source?: string }) => `[${f.provenance}${f.source ? `: ${f.source}` : ''}]`;

/** `d^(a)*f^(b)` (monomialText) with exact exponents where known (numeric at x otherwise). */
function powerText(plan: DerivationPlan, a: Q, b: Q, x: number[]): string {
  const { allocate, budget } = plan.model.theory.compute;
  const e = (q: Q) => (q.rat ? show(q, plan.params, pt(plan, x)) : fmt(q.f(x)));
  return monomialText([[allocate, a.isZero() === true ? null : e(a)], [budget, b.isZero() === true ? null : e(b)]]);
}

/** `d^(a)*f^(b)` (monomialText) with the exponents' values at x (what a counterexample shows). */
function powerAt(plan: DerivationPlan, a: number, b: number): string {
  const { allocate, budget } = plan.model.theory.compute;
  return monomialText([[allocate, a === 0 ? null : fmt(a)], [budget, b === 0 ? null : fmt(b)]]);
}

/**
 * `v^(e)*w^(g)` from the exponents' texts (null: absent) as a theorist writes it: a power 1 bare, a
 * negative numeric power as a division (`f/d`, `f/d^(1.5)`, `1/d^(1/2)`), never `d^(-1)` (docs/printer.md).
 */
function monomialText(parts: Array<[string, string | null]>): string {
  const num: string[] = [];
  const den: string[] = [];
  for (const [v, e] of parts) {
    if (e === null) continue;
    const neg = /^-\d+(\.\d+)?(e[+-]?\d+)?(\/\d+)?$/.test(e);
    const m = neg ? e.slice(1) : e;
    (neg ? den : num).push(m === '1' ? v : `${v}^(${m})`);
  }
  const n = num.join('*') || '1';
  return den.length === 0 ? n : `${n}/${den.length > 1 ? `(${den.join('*')})` : den[0]}`;
}

// ---- the steps ----------------------------------------------------------------------------------------

function checkTerms(plan: DerivationPlan, s: PieceState, step: Extract<Step, { kind: 'terms' }>): PieceCheck {
  const w = s.world;
  const present = Object.keys(w.terms);
  const kept: string[] = [];
  const problems: string[] = [];
  for (const item of step.items) {
    if ('name' in item) {
      if (!present.includes(item.name)) {
        const spec = plan.model.theory.terms.find((t) => t.name === item.name)!;
        const why = spec.cases.length ? `its cases need ${spec.cases.map((c) => c.when.join(', ') || 'nothing').join(' or ')}` : 'it has no case';
        problems.push(`term ${item.name} is absent in ${s.label} (${why})`);
      } else kept.push(item.name);
      continue;
    }
    const match = present.find((name) => {
      const ex = w.terms[name].exponents;
      const vars = new Set([...Object.keys(ex), ...Object.keys(item.mono)]);
      return [...vars].every((v) => {
        const a = ex[v] ?? Q.num(0, plan.params.length, plan.params);
        const c = item.mono[v] ? Q.of(item.mono[v], plan.params) : Q.num(0, plan.params.length, plan.params);
        return equal(c, a, s.piece.points).ok;
      });
    });
    if (!match) problems.push(`${item.text} is no term of ${plan.model.theory.id} in ${s.label} (there: ${present.map((n) => `${n} = ${w.terms[n].form}`).join(', ')})`);
    else kept.push(match);
  }
  if (problems.length) {
    w.kept = kept;
    w.pristine = false;
    return { status: 'wrong', exact: true, reason: problems.join('; ') };
  }
  w.kept = kept;
  const full = (x: number[]) => heightAt(w, x);
  const part = (x: number[]) => heightAt(w, x, kept);
  const D = (x: number[]) => {
    const h = full(x), k = part(x);
    if (!h) return 0;
    return k ? Math.max(0, h.height - k.height) : 1;
  };
  const difference = (x: number[]) => (part(x) ? D(x) : null);
  const claimed = (x: number[]) => {
    const k = part(x);
    return k ? `optimum of ${kept.join(', ')}: ${k.pair.join(' = ')}, loss exponent ${fmt(k.height)}` : `no optimum with ${kept.join(', ')} alone`;
  };
  const actual = (x: number[]) => {
    const h = full(x)!;
    return `active ${h.pair.join(' = ')}, loss exponent ${fmt(h.height)}`;
  };
  if (w.pristine && s.engine.pair) {
    const dropped = s.engine.pair.filter((t) => !kept.includes(t));
    if (dropped.length === 0) return { status: 'ok', exact: true, reason: `the kept terms contain the active balance ${s.engine.pair.join(' = ')} of ${s.label}` };
    w.pristine = false;
    return { status: 'wrong', exact: true, reason: `${dropped.join(' and ')} ${dropped.length > 1 ? 'are' : 'is'} dropped but ${dropped.length > 1 ? 'take' : 'takes'} part in the active balance ${s.engine.pair.join(' = ')} of ${s.label}: at the kept terms' optimum ${dropped.length > 1 ? 'they dominate' : 'it dominates'}`, D, difference, claimed, actual };
  }
  const bad = s.piece.points.find((x) => D(x) > NUM_TOL);
  if (!bad) return { status: 'ok', exact: false, reason: `the kept terms reach the optimum of all terms at every sampled point of ${s.label}` };
  w.pristine = false;
  const h = full(bad)!;
  return { status: 'wrong', exact: false, reason: `a dropped term dominates in ${s.label}: the active balance there is ${h.pair.join(' = ')}`, D, difference, claimed, actual };
}

function checkRelation(plan: DerivationPlan, s: PieceState, step: Extract<Step, { kind: 'relation' }>): PieceCheck {
  const w = s.world;
  const l = monoLog(w, step.lhs, plan.params), r = monoLog(w, step.rhs, plan.params);
  if (typeof l === 'string' || typeof r === 'string') {
    const v = typeof l === 'string' ? l : (r as string);
    return { status: 'wrong', exact: true, reason: `${v} is not fixed by the compute relations of ${plan.model.theory.id} in ${s.label}${plan.model.theory.compute.unbounded?.includes(v) ? ` (it is taken to infinity: ${v} is unbounded at the compute optimum)` : ''}` };
  }
  const du = l[0].sub(r[0]), dp = l[1].sub(r[1]);
  const zu = equal(l[0], r[0], s.piece.points), zp = equal(l[1], r[1], s.piece.points);
  const rels = w.relations.map((x) => `${x.equation} ${tagged(x)}`).join('; ');
  if (zu.ok && zp.ok) return { status: 'ok', exact: zu.exact && zp.exact, reason: `follows from the compute relations in ${s.label} (${w.relations.map((x) => x.equation).join(', ')})` };
  const D = (x: number[]) => Math.abs(du.f(x)) + Math.abs(dp.f(x));
  const v = step.lhsVariable;
  const theirs = (x: number[]) => (v && w.logs[v] ? `${v} ~ ${powerText(plan, w.logs[v][0], w.logs[v][1], x)}` : `lhs/rhs ~ ${powerText(plan, du, dp, x)}`);
  const mine = (x: number[]) => (v ? `${v} ~ ${powerText(plan, r[0], r[1], x)}` : `lhs/rhs ~ 1`);
  const x0 = s.piece.points[0];
  return {
    status: 'wrong',
    exact: zu.exact && zp.exact,
    reason: `does not follow in ${s.label}: the theory's relations there (${rels}) give ${theirs(x0)}, not ${mine(x0)}`,
    D,
    claimed: (x) => (v ? `${v} ~ ${powerAt(plan, r[0].f(x), r[1].f(x))}` : `lhs/rhs ~ 1`),
    actual: (x) => (v && w.logs[v] ? `${v} ~ ${powerAt(plan, w.logs[v][0].f(x), w.logs[v][1].f(x))}` : `lhs/rhs ~ ${powerAt(plan, du.f(x), dp.f(x))}`),
  };
}

function checkSubstitute(plan: DerivationPlan, s: PieceState, step: Extract<Step, { kind: 'substitute' }>): PieceCheck {
  const w = s.world;
  const t = w.terms[step.term];
  if (!t) return { status: 'wrong', exact: true, reason: `term ${step.term} is absent in ${s.label}` };
  const m = monoLog(w, step.rhs, plan.params);
  if (typeof m === 'string') return { status: 'wrong', exact: true, reason: `${m} is not fixed by the compute relations in ${s.label}` };
  const ea = equal(m[0], t.a, s.piece.points), eb = equal(m[1], t.b, s.piece.points);
  const x0 = s.piece.points[0];
  const { allocate, budget } = plan.model.theory.compute;
  if (ea.ok && eb.ok) return { status: 'ok', exact: ea.exact && eb.exact, reason: `${step.term} = ${t.form} at fixed ${budget} is ${powerText(plan, t.a, t.b, x0)} in ${s.label}` };
  const D = (x: number[]) => Math.abs(m[0].f(x) - t.a.f(x)) + Math.abs(m[1].f(x) - t.b.f(x));
  const before = { a: t.a, b: t.b };
  // carried forward: later steps use the author's exponents
  w.terms[step.term] = { ...t, a: m[0], b: m[1] };
  w.pristine = false;
  return {
    status: 'wrong',
    exact: ea.exact && eb.exact,
    reason: `wrong exponent${ea.ok || eb.ok ? '' : 's'} of ${ea.ok ? budget : eb.ok ? allocate : `${allocate} and ${budget}`} in ${s.label}: ${step.term} = ${t.form} ${tagged(t)} with ${w.relations.map((r) => r.equation).join(', ')} is ${step.term} ~ ${powerText(plan, before.a, before.b, x0)}`,
    D,
    claimed: (x) => `${step.term} ~ ${powerAt(plan, m[0].f(x), m[1].f(x))}`,
    actual: (x) => `${step.term} ~ ${powerAt(plan, before.a.f(x), before.b.f(x))}`,
  };
}

function checkBalance(plan: DerivationPlan, s: PieceState, step: Extract<Step, { kind: 'balance' }>): PieceCheck {
  const w = s.world;
  const absent = step.pair.filter((n) => !w.terms[n]);
  if (absent.length) {
    w.broken = `step balance names ${absent.join(', ')}, absent in ${s.label}`;
    return { status: 'wrong', exact: true, reason: `term ${absent.join(' and ')} is absent in ${s.label}` };
  }
  const [p, q] = step.pair;
  if (w.pristine && s.engine.pair && samePair(step.pair, s.engine.pair)) {
    w.pair = s.engine.pair;
    return { status: 'ok', exact: true, reason: `the active balance of ${s.label} (dominant balance, src/engine)` };
  }
  const crosses = s.piece.points.every((x) => w.terms[p].a.f(x) * w.terms[q].a.f(x) < 0);
  if (!crosses) {
    w.broken = `the stated balance ${p} = ${q} has no crossing there`;
    const x = s.piece.points.find((y) => w.terms[p].a.f(y) * w.terms[q].a.f(y) >= 0)!;
    return { status: 'wrong', exact: false, reason: `${p} and ${q} do not cross in ${s.label}: at ${ptText(plan, x)} both ${w.terms[p].a.f(x) > 0 ? 'grow' : 'fall'} with ${plan.model.theory.compute.allocate} at fixed compute (slopes ${fmt(w.terms[p].a.f(x))}, ${fmt(w.terms[q].a.f(x))})${w.pristine && s.engine.pair ? `; the active balance there is ${s.engine.pair.join(' = ')}` : ''}` };
  }
  const ordered: [string, string] = w.terms[p].a.f(s.piece.points[0]) > 0 ? [p, q] : [q, p];
  const claimedH = (x: number[]) => {
    const ti = w.terms[ordered[0]], tj = w.terms[ordered[1]];
    const xi = (tj.b.f(x) - ti.b.f(x)) / (ti.a.f(x) - tj.a.f(x));
    return ti.a.f(x) * xi + ti.b.f(x);
  };
  const kept = w.kept ?? undefined;
  const active = (x: number[]) => heightAt(w, x, kept);
  const D = (x: number[]) => Math.max(0, (active(x)?.height ?? claimedH(x)) - claimedH(x));
  const claimed = () => ordered.join(' = ');
  const actual = (x: number[]) => active(x)?.pair.join(' = ') ?? 'no balance';
  const carry = () => {
    w.pair = ordered;
    w.pristine = false;
  };
  if (w.pristine && s.engine.pair) {
    carry();
    return { status: 'wrong', exact: true, reason: `not the active balance in ${s.label}: there ${s.engine.pair.join(' = ')} is the highest crossing (${ordered.join(' = ')} lies below it)`, D, claimed, actual };
  }
  const bad = s.piece.points.find((x) => {
    const a = active(x);
    return a !== null && !samePair(a.pair, ordered) && D(x) > NUM_TOL;
  });
  if (!bad) {
    w.pair = ordered;
    return { status: 'ok', exact: false, reason: `the active balance of the stated terms at every sampled point of ${s.label}` };
  }
  carry();
  return { status: 'wrong', exact: false, reason: `not the active balance in ${s.label}: at ${ptText(plan, bad)} the highest crossing is ${active(bad)!.pair.join(' = ')}`, D, claimed, actual };
}

/** The pair a later step uses: the author's (carried), else the engine's in an unchanged world, else the active one at each point. */
function pairOf(s: PieceState): [string, string] | null {
  return s.world.pair ?? (s.world.pristine ? s.engine.pair : null);
}

function checkSolve(plan: DerivationPlan, s: PieceState, step: Extract<Step, { kind: 'solve' }>): PieceCheck {
  const w = s.world;
  const { allocate, budget } = plan.model.theory.compute;
  if (w.broken) return { status: 'unchecked', exact: false, reason: `not checked in ${s.label}: ${w.broken}` };
  const claimed = Q.of(step.exponent, plan.params);
  const pair = pairOf(s);
  let xiTrue: Q;
  let how: string;
  if (pair) {
    xiTrue = w.pristine && s.engine.xi ? s.engine.xi : crossing(w, pair[0], pair[1]).xi;
    how = `the balance ${pair.join(' = ')}`;
  } else {
    xiTrue = new Q((x) => {
      const h = heightAt(w, [...x], w.kept ?? undefined);
      return h ? crossing(w, h.pair[0], h.pair[1]).xi.f(x) : NaN;
    });
    how = 'the active balance of the kept terms';
  }
  let truth = xiTrue;
  if (step.variable !== allocate) {
    const l = w.logs[step.variable];
    if (!l) return { status: 'wrong', exact: true, reason: `${step.variable} is not fixed by the compute relations in ${s.label}` };
    truth = l[0].mul(w.xi ?? xiTrue).add(l[1]);
  }
  const e = equal(claimed, truth, s.piece.points);
  const x0 = s.piece.points[0];
  const xiName = plan.model.theory.quantities.find((q) => q.kind === 'variable' && q.variable === allocate)?.name ?? 'xi';
  const formula = step.variable === allocate && w.pristine && s.engine.shownXi ? ` (${xiName} = ${s.engine.shownXi.expr} ${tagged(s.engine.shownXi)})` : '';
  const truthText = (x: number[]) => (truth.rat ? show(truth, plan.params, pt(plan, x)) : fmt(truth.f(x)));
  if (step.variable === allocate) w.xi = claimed;
  else {
    const l = w.logs[step.variable];
    if (l[0].isZero() === false || (l[0].isZero() === null && Math.abs(l[0].f(x0)) > NUM_TOL)) w.xi = claimed.sub(l[1]).div(l[0]);
  }
  const own = step.variable === allocate && !w.pristine && s.engine.xi && s.engine.xi.sub(truth).isZero() === false ? `; the theory's own derivation gives ${allocate} ~ ${budget}^(${show(s.engine.xi, plan.params, pt(plan, x0))})` : '';
  if (e.ok) return { status: 'ok', exact: e.exact, reason: `${how} gives ${step.variable} ~ ${budget}^(${truthText(x0)}) in ${s.label}${own ? ` (given the earlier statements${own})` : ''}` };
  w.pristine = false;
  return {
    status: 'wrong',
    exact: e.exact,
    reason: `in ${s.label} ${how} gives ${step.variable} ~ ${budget}^(${truthText(x0)})${formula}`,
    D: (x) => Math.abs(claimed.f(x) - truth.f(x)),
    claimed: (x) => claimed.f(x),
    actual: (x) => truth.f(x),
  };
}

function checkLoss(plan: DerivationPlan, s: PieceState, step: Extract<Step, { kind: 'loss' }>): PieceCheck {
  const w = s.world;
  const { allocate, budget } = plan.model.theory.compute;
  if (w.broken) return { status: 'unchecked', exact: false, reason: `not checked in ${s.label}: ${w.broken}` };
  const claimed = Q.of(step.exponent, plan.params);
  const pair = pairOf(s);
  let truth: Q;
  let how: string;
  let label: string | null = null;
  if (w.pristine && s.engine.height && pair && samePair(pair, s.engine.pair!)) {
    truth = s.engine.height;
    how = `the balance ${pair.join(' = ')}`;
  } else if (pair) {
    const xi = w.xi ?? crossing(w, pair[0], pair[1]).xi;
    const hi = w.terms[pair[0]].a.mul(xi).add(w.terms[pair[0]].b);
    const hj = w.terms[pair[1]].a.mul(xi).add(w.terms[pair[1]].b);
    const same = hi.sub(hj).isZero();
    truth = same ? hi : new Q((x) => Math.max(hi.f(x), hj.f(x)));
    const x0 = s.piece.points[0];
    const at = (q: Q) => (q.rat ? show(q, plan.params, pt(plan, x0)) : fmt(q.f(x0)));
    if (!same) label = `max(${at(hi)}, ${at(hj)})`;
    how = w.xi && !same ? `at the stated ${allocate} ~ ${budget}^(${at(w.xi)}) the larger of ${pair[0]} ~ ${budget}^(${at(hi)}) and ${pair[1]} ~ ${budget}^(${at(hj)})` : `the balance ${pair.join(' = ')}${w.xi ? ` at the stated ${allocate} ~ ${budget}^(${at(w.xi)})` : ''}`;
  } else {
    truth = new Q((x) => {
      const h = heightAt(w, [...x], w.kept ?? undefined);
      return h ? h.height : NaN;
    });
    how = 'the active balance of the kept terms';
  }
  const e = equal(claimed, truth, s.piece.points);
  const x0 = s.piece.points[0];
  const truthText = (x: number[]) => label ?? (truth.rat ? show(truth, plan.params, pt(plan, x)) : fmt(truth.f(x)));
  const own = !w.pristine && s.engine.height && s.engine.height.sub(truth).isZero() !== true ? `; the theory's own derivation gives ${step.name} ~ ${budget}^(${show(s.engine.height, plan.params, pt(plan, x0))})` : '';
  const formula = w.pristine && truth === s.engine.height && s.engine.shownLoss ? ` (${plan.model.theory.quantities.find((q) => q.kind === 'loss')!.name} = ${s.engine.shownLoss.expr} ${tagged(s.engine.shownLoss)})` : '';
  if (e.ok) return { status: 'ok', exact: e.exact, reason: `${how} gives ${step.name} ~ ${budget}^(${truthText(x0)}) in ${s.label}${own ? ` (given the earlier statements${own})` : ''}` };
  return {
    status: 'wrong',
    exact: e.exact,
    reason: `in ${s.label} ${how} gives ${step.name} ~ ${budget}^(${truthText(x0)})${formula}${own}`,
    D: (x) => Math.abs(claimed.f(x) - truth.f(x)),
    claimed: (x) => claimed.f(x),
    actual: (x) => truth.f(x),
  };
}

function checkRelationStep(plan: DerivationPlan, s: PieceState, step: Extract<Step, { kind: 'relation' }>): PieceCheck {
  const c = checkRelation(plan, s, step);
  if (c.status === 'wrong') {
    const next = withRelation(plan.model.theory, s.world, step, plan.defs);
    if (typeof next === 'string') s.world.broken = `the relation ${step.text} cannot be carried forward (${next})`;
    else s.world = next;
  }
  return c;
}

const CHECKS: { [K in StepKind]: (plan: DerivationPlan, s: PieceState, step: Extract<Step, { kind: K }>) => PieceCheck } = {
  terms: checkTerms,
  relation: checkRelationStep,
  substitute: checkSubstitute,
  balance: checkBalance,
  solve: checkSolve,
  loss: checkLoss,
};

// ---- the verdict ------------------------------------------------------------------------------------

/** Piece reasons that differ only in the piece's name are said once, for all of them. */
function grouped(list: Array<{ label: string; reason: string }>): string {
  const groups = new Map<string, string[]>();
  for (const { label, reason } of list) {
    const key = reason.split(label).join('\u0000');
    groups.set(key, [...(groups.get(key) ?? []), label]);
  }
  return [...groups.entries()].map(([key, labels]) => key.split('\u0000').join(labels.length > 1 ? `${labels.slice(0, -1).join(', ')} and ${labels[labels.length - 1]}` : labels[0])).join('; ');
}

function counterexampleAt(plan: DerivationPlan, c: PieceCheck, x: number[], note: string): Counterexample {
  const val = (f?: (x: number[]) => number | string) => {
    const v = f ? f(x) : null;
    return typeof v === 'number' && !Number.isFinite(v) ? null : v;
  };
  return { point: pt(plan, x), claimed: val(c.claimed), actual: val(c.actual), difference: c.difference ? c.difference(x) : c.D ? c.D(x) : null, note };
}

function regimeKey(model: DerivationPlan['model'], x: number[]): { key: string; pair: string } {
  const bal = model.balanceAt(x);
  const pair = bal.kind === 'pair' ? `${bal.active.increasing} = ${bal.active.decreasing}` : 'no balance';
  // the terms of the log system (a term in a variable taken to infinity takes no part) and the relations in force
  const sys = model.logSystem(model.signatureAt(x));
  return { key: `${sys.terms.map((t) => `${t.name}:${t.caseIndex}`).join(',')}|${sys.signature.relations.join(',')}/${pair}`, pair };
}

/** The engine's case signature and active pair are the same at every point of the piece. */
function uniform(model: DerivationPlan['model'], piece: Piece): boolean {
  const first = regimeKey(model, piece.points[0]).key;
  return piece.points.every((x) => regimeKey(model, x).key === first);
}

/** A piece's points grouped by case signature and active balance (found by sampling). */
function regimesOf(model: DerivationPlan['model'], piece: Piece): Piece[] {
  const groups = new Map<string, { name: string; points: number[][] }>();
  for (const x of piece.points) {
    const { key, pair } = regimeKey(model, x);
    if (!groups.has(key)) groups.set(key, { name: pair, points: [] });
    groups.get(key)!.points.push(x);
  }
  const list = [...groups.values()];
  const where = piece.phase ? `phase ${piece.phase}, ` : '';
  return list.map((g, i) => ({ ...piece, ref: null, points: g.points, exact: false, phase: list.length === 1 && !piece.phase ? null : `${where}the regime ${g.name}${list.filter((h) => h.name === g.name).length > 1 ? ` (${i + 1})` : ''}` }));
}

export interface DerivationOptions {
  seed: number;
  samples: number;
}

export function checkDerivation(r: { claim: DerivationClaim; plan: DerivationPlan }, opts: DerivationOptions): DerivationVerdict {
  const { claim, plan } = r;
  const { model } = plan;
  const params = plan.params;
  const margins: Margin[] = plan.region.type === 'inequalities' ? plan.region.list.map((i) => compileFormula(i.margin, params)) : [];
  const pieces = piecesMet(model, { ...(plan.region.type === 'phase' ? { phase: plan.region.phase } : {}), margins }, opts.seed, Math.max(40, Math.min(opts.samples, 400)));
  const base = { id: claim.id, kind: 'derivation', model: model.theory.id, seed: opts.seed };
  if (pieces.length === 0) {
    const steps = plan.steps.map((s, i): StepVerdict => ({ index: i + 1, kind: s.kind, text: s.text, status: 'unchecked', reason: 'the region has no point inside the domain' }));
    return { ...base, status: 'inconclusive', verdict: 'inconclusive', method: 'not decided', reason: `the region meets no phase of ${model.theory.id} inside its domain`, steps, firstWrongStep: null };
  }
  // a stated phase is used as it is when the engine's balance and case signature are the same at every
  // point drawn in it (as the derived diagram finds for the built-in theories); otherwise, and for a theory
  // without phases, its points are grouped by regime (case signature and active balance)
  const regimes = pieces.flatMap((p) => (p.ref && uniform(model, p) ? [p] : regimesOf(model, p)));
  const count = new Map<string, number>();
  for (const p of regimes) count.set(p.phase ?? '', (count.get(p.phase ?? '') ?? 0) + 1);
  const states: PieceState[] = regimes.map((piece) => {
    const sig = model.signatureAt(piece.points[0]);
    const system = piece.ref ? model.region(piece.ref).derivation.system : model.logSystem(sig);
    const world = worldOf(model.theory, system, plan.defs);
    const label = piece.ref === null ? (piece.phase ?? 'the region') : `phase ${piece.phase}${count.get(piece.phase!)! > 1 ? ` (piece ${piece.ref.piece + 1})` : ''}`;
    return { piece, label, world, engine: engineOf(plan, piece, world), fresh: () => worldOf(model.theory, system, plan.defs) };
  });
  const box = parameterBox(model.theory);
  const steps: StepVerdict[] = [];
  const geometryExact = regimes.every((p) => p.exact);
  let allExact = true;
  plan.steps.forEach((step, i) => {
    const results = states.map((s) => {
      if (!s.engine.pair && step.kind !== 'relation' && step.kind !== 'substitute') return { s, c: { status: 'unchecked', exact: false, reason: `${s.label}: ${s.engine.failure}` } as PieceCheck };
      const check = CHECKS[step.kind] as (p: DerivationPlan, s: PieceState, st: Step) => PieceCheck;
      const c = check(plan, s, step);
      if (c.status !== 'unchecked' || !s.world.broken) return { s, c };
      // an earlier wrong statement cannot be carried (no crossing, no fixed variable): check this step against
      // the theory's own derivation instead, so an independent error later in the file is still reported
      const own = check(plan, { ...s, world: s.fresh() }, step);
      return { s, c: own.status === 'unchecked' ? c : { ...own, reason: `${own.reason} (checked against the theory's own derivation: ${s.world.broken})` } };
    });
    const wrong = results.filter((x) => x.c.status === 'wrong');
    const unchecked = results.filter((x) => x.c.status === 'unchecked');
    const exact = results.every((x) => x.c.exact);
    if (!exact) allExact = false;
    const sv: StepVerdict = { index: i + 1, kind: step.kind, text: step.text, status: wrong.length ? 'wrong' : unchecked.length ? 'unchecked' : 'ok', reason: '', exact };
    if (wrong.length) {
      // the piece and point of largest discrepancy, then the simplest round point near it
      let best: { s: PieceState; c: PieceCheck; x: number[]; d: number } | null = null;
      for (const { s, c } of wrong) {
        if (!c.D) continue;
        for (const x of s.piece.points) {
          const d = c.D(x);
          if (Number.isFinite(d) && (!best || d > best.d)) best = { s, c, x, d };
        }
      }
      const first = best ?? { s: wrong[0].s, c: wrong[0].c };
      sv.reason = first.c.reason + (wrong.length > 1 ? `; also wrong in ${wrong.filter((w) => w.s !== first.s).map((w) => w.s.label).join(', ')}` : '');
      if (best) {
        const b = best;
        sv.counterexample = counterexampleAt(plan, b.c, b.x, `largest discrepancy found, in ${b.s.label}`);
        const space = { box, inside: (x: number[]) => x.every((v, k) => v >= box[k][0] && v <= box[k][1]) && b.s.piece.margins.every((m) => m(x) > CLEARANCE) };
        const round = simplestFailing(space, (x) => b.c.D!(x) >= 0.5 * b.d, b.x);
        sv.roundPoint = counterexampleAt(plan, b.c, round, `a simple point near it, in ${b.s.label}`);
      }
    } else sv.reason = grouped(results.map((x) => ({ label: x.s.label, reason: x.c.reason })));
    steps.push(sv);
  });
  const firstWrong = steps.find((s) => s.status === 'wrong');
  const anyUnchecked = steps.some((s) => s.status === 'unchecked');
  const status = firstWrong ? 'refuted' : anyUnchecked ? 'inconclusive' : 'verified';
  const phasesMet = [...new Set(states.map((s) => s.label))].join(', ');
  const geometry = regimes.some((p) => !p.ref)
    ? `${pieces[0].ref ? 'a stated phase where the engine\'s balance is not uniform' : `${model.theory.id} states no phases`}: regimes (case signature and active balance) found at sampled points`
    : pieces.every((p) => p.exact)
      ? `the region's intersection with each phase found by clipping it with the phases' boundary lines`
      : `the phases met found by sampling (a condition is not linear)`;
  const how = allExact ? `every comparison an exact rational identity per ${regimes.every((p) => p.ref) ? 'phase' : 'regime'}` : `some comparisons by agreement at up to ${Math.max(...regimes.map((p) => p.points.length))} sampled points per ${regimes.every((p) => p.ref) ? 'phase' : 'regime'}`;
  const proved = allExact && geometryExact;
  const method = status === 'refuted' ? METHOD.counterexample : status === 'inconclusive' ? METHOD.none : !proved ? METHOD.sampled : plan.region.type === 'phase' ? METHOD.exactNamed : METHOD.exactDiagram;
  const detail = `${status === 'verified' && !proved ? 'verified (sampled): ' : ''}step by step against the engine's derivation (dominant balance, src/engine) in ${phasesMet} (${geometry}); ${how}; a wrong step's statement is carried forward to the later steps`;
  const theory: TheoryFormula[] = states.flatMap((s) => (s.engine.shownXi ? [s.engine.shownXi] : [])).concat(states.flatMap((s) => (s.engine.shownLoss ? [s.engine.shownLoss] : [])));
  const verdict: DerivationVerdict = {
    ...base,
    status,
    verdict: status,
    method,
    how: detail,
    steps,
    firstWrongStep: firstWrong ? firstWrong.index : null,
    ...(theory.length ? { theory } : {}),
  };
  if (firstWrong?.counterexample) verdict.counterexample = { ...firstWrong.counterexample, note: `step ${firstWrong.index} (${firstWrong.kind}): ${firstWrong.reason}` };
  if (status === 'inconclusive') verdict.reason = steps.filter((s) => s.status === 'unchecked').map((s) => `step ${s.index}: ${s.reason}`).join('; ');
  return verdict;
}

/** The step lines of a derivation verdict in `check` text output (none for other claims). */
export function derivationStepLines(v: Verdict): string[] {
  const steps = (v as Partial<DerivationVerdict>).steps;
  if (!steps) return [];
  const lines: string[] = [];
  const pointText = (c: Counterexample) => Object.entries(c.point).map(([k, x]) => `${k} = ${fmt(x)}`).join(', ');
  const val = (x: number | string | null) => (x === null ? 'not finite' : typeof x === 'number' ? fmt(x) : x);
  for (const s of steps) {
    lines.push(`  step ${s.index} ${s.kind.padEnd(10)} ${s.status.padEnd(9)} ${s.text}`);
    lines.push(`    ${s.reason}`);
    for (const [what, c] of [['largest discrepancy at', s.counterexample], ['simple point', s.roundPoint]] as const) {
      if (c) lines.push(`    ${what} ${pointText(c)}: claimed ${val(c.claimed)}, theory ${val(c.actual)}, difference ${c.difference === null ? 'n/a' : fmt(c.difference)}`);
    }
  }
  const first = (v as DerivationVerdict).firstWrongStep;
  lines.push(`  first wrong step: ${first ?? 'none'}`);
  return lines;
}
