// The phase diagram derived from a theory's terms, ignoring its stated `phases` (docs/derived-phases.md)
// [derived]. Within a case signature every term is a_i u + b_i phi with a_i, b_i rational in the
// parameters; the active balance changes only where two crossings have equal height, a slope a_i changes
// sign, or a case / relation condition flips. Those expressions are computed exactly
// (src/symbolic/rational), factored over Z, and the distinct irreducible factors are the candidate
// boundary curves. Every realised sign vector of the factors (a sign-invariant cell) is labelled at a
// sampled point inside it by the engine's balance (./balance.ts); cells with the same balance and the
// same exponents (exact rational functions) are merged into phases.
import { signChangeRoots } from '../numeric/roots.js';
import { DomainError } from '../errors.js';
import { rationalOf, printCondition, printExpression } from '../symbolic/print.js';
import { Poly, factor, exactDiv, type RatFunc } from '../symbolic/rational/index.js';
import { parseCondition } from './condition.js';
import { quantityExpr, signatureKey } from './derive.js';
import { parameterBox } from './region.js';
import { showContext } from './derivation.js';
import type { Model } from './model.js';

export interface DerivedPhase {
  name: string;
  balance: [string, string];
  /** a conjunction of factor sign conditions (within the domain); for a union, one entry per piece joined by ` and ` */
  region: string[];
  union: boolean;
  /** the region as a union of conjunctions (one entry per piece), each condition printed */
  pieces: string[][];
  /** LaTeX of `pieces` */
  piecesLatex: string[][];
  exponents: Record<string, { expr: string; latex: string }>;
  stated: string | null;
  conjectural: boolean;
  /** a point inside the phase */
  point: Record<string, number>;
}

export interface DerivedBoundary {
  equation: string;
  latex: string;
  between: string[];
  continuous: Record<string, boolean>;
}

export interface DerivedDiagram {
  model: string;
  phases: DerivedPhase[];
  boundaries: DerivedBoundary[];
  /** every candidate boundary curve (the distinct irreducible factors), as `P = 0` */
  curves: string[];
  agreement: { stated: number; derived: number; mismatches: Array<{ point: Record<string, number>; stated: string | null; derived: string }> };
}

export interface DeriveOptions {
  /** the model whose stated phases name the derived ones (default: the model itself) */
  stated?: Model;
  /** grid points per parameter (default 64) */
  grid?: number;
}

const OUTSIDE = 'outside the domain';

interface Factor {
  p: Poly;
  f: (x: number[]) => number;
  /** scale: sum of |terms| at x, for a relative size */
  scale: (x: number[]) => number;
}

interface Cell {
  key: string;
  signs: number[];
  x: number[];
  clearance: number;
  inDomain: boolean;
}

interface Label {
  pair: [string, string];
  quantities: Record<string, RatFunc>;
  qtext: Record<string, string>;
}

export function derivePhases(model: Model, opts: DeriveOptions = {}): DerivedDiagram {
  const theory = model.theory;
  const params = model.params;
  if (params.length !== 2) throw new DomainError(`${theory.id} has ${params.length} parameters (${params.join(', ')}): the phase diagram is derived for 2-parameter theories only`, { parameter: 'parameters', value: params.length, condition: '2 parameters' });
  const statedModel = opts.stated ?? model;
  const hasStated = (statedModel.theory.phases ?? []).length > 0;
  const box = parameterBox(theory);
  const n = opts.grid ?? 64;
  const latex = showContext(theory).latex;
  const factors = new Map<string, Factor>();
  const addPoly = (p: Poly) => {
    if (p.isZero() || p.isConstant()) return;
    const fz = factor(p);
    fz.monomial.forEach((m, i) => m > 0 && addFactor(Poly.variable(params.length, i)));
    for (const { p: q } of fz.factors) addFactor(q);
  };
  const addFactor = (q: Poly) => {
    const g = q.normalSign();
    const k = g.key();
    if (!factors.has(k)) factors.set(k, compileFactor(g));
  };
  const addRat = (r: RatFunc) => {
    addPoly(r.num);
    addPoly(r.den);
  };
  const rat = (expr: string) => rationalOf(expr, { params }).value;

  // (iii) the domain's edges and every case / relation condition
  const domainConds = theory.domain.map((d) => model.condition(d.condition).evaluate);
  const condTexts = [
    ...theory.domain.map((d) => d.condition),
    ...theory.terms.flatMap((t) => t.cases.flatMap((c) => c.when)),
    ...theory.compute.relations.flatMap((r) => r.when ?? []),
  ];
  for (const c of new Set(condTexts)) addRat(rationalOf(parseCondition(c, params).margin, { params }).value);

  const inDomain = (x: number[]) => domainConds.every((m) => m(...x) > 1e-9);
  // (i), (ii): slopes and crossing heights of every case signature met
  const seenSig = new Set<string>();
  const addSignatureFactors = (cells: Cell[]) => {
    let added = false;
    for (const c of cells) {
      if (!c.inDomain) continue;
      const sig = model.signatureAt(c.x);
      if (seenSig.has(sig.key!)) continue;
      seenSig.add(sig.key!);
      added = true;
      const terms = model.logSystem(sig).terms.map((t) => ({ name: t.name, a: rat(t.aExpanded), b: rat(t.bExpanded) }));
      for (const t of terms) addRat(t.a);
      const heights: RatFunc[] = [];
      for (let i = 0; i < terms.length; i++) {
        if (terms[i].a.isZero()) heights.push(terms[i].b); // a floor
        for (let j = i + 1; j < terms.length; j++) {
          const da = terms[i].a.sub(terms[j].a);
          if (da.isZero()) continue;
          addRat(da);
          heights.push(terms[i].a.mul(terms[j].b).sub(terms[j].a.mul(terms[i].b)).div(da));
        }
      }
      for (let i = 0; i < heights.length; i++) for (let j = i + 1; j < heights.length; j++) addRat(heights[i].sub(heights[j]));
    }
    return added;
  };

  // the case signatures are fixed by the conditions' factors: sample their cells first
  let list: Factor[] = [...factors.values()];
  addSignatureFactors(sampleCells(list, box, n, inDomain).cells);
  list = [...factors.values()];
  const { cells, adjacency } = sampleCells(list, box, n, inDomain);

  // label every cell in the domain: active pair + exact exponents
  const labelCache = new Map<string, Label>();
  const cellPhase = new Map<string, string>();
  const phaseKeys: string[] = [];
  const phaseOf = new Map<string, { label: Label; cells: Cell[] }>();
  for (const c of cells) {
    if (!c.inDomain) {
      cellPhase.set(c.key, OUTSIDE);
      continue;
    }
    const label = labelAt(model, c.x, labelCache);
    if (!label) {
      cellPhase.set(c.key, 'no balance');
      continue;
    }
    let found: string | null = null;
    for (const k of phaseKeys) {
      const ph = phaseOf.get(k)!;
      if (sameLabel(ph.label, label)) {
        found = k;
        break;
      }
    }
    if (!found) {
      found = `#${phaseKeys.length}`;
      phaseKeys.push(found);
      phaseOf.set(found, { label, cells: [] });
    }
    phaseOf.get(found)!.cells.push(c);
    cellPhase.set(c.key, found);
  }

  // names: the stated phase at the cells' points
  const names = new Map<string, string>();
  const statedOf = new Map<string, { name: string | null; conjectural: boolean }>();
  const mismatches: DerivedDiagram['agreement']['mismatches'] = [];
  const point = (x: number[]) => Object.fromEntries(params.map((p, i) => [p, x[i]]));
  let counter = 0;
  const used = new Set<string>();
  for (const k of phaseKeys) {
    const ph = phaseOf.get(k)!;
    const st = hasStated ? ph.cells.map((c) => statedModel.classify(point(c.x))) : [];
    const unique = [...new Set(st.map((s) => s.phase))];
    const name = hasStated && unique.length === 1 && unique[0] && !unique[0].includes('|') && !used.has(unique[0]) ? unique[0] : `P${++counter}`;
    used.add(name);
    names.set(k, name);
    statedOf.set(k, { name: hasStated && unique.length === 1 ? unique[0] : null, conjectural: st.length > 0 && st.every((s) => s.conjectural) });
    if (hasStated) ph.cells.forEach((c, i) => st[i].phase !== name && mismatches.push({ point: point(c.x), stated: st[i].phase, derived: name }));
  }
  const nameOfCell = (key: string) => {
    const p = cellPhase.get(key)!;
    return names.get(p) ?? p;
  };

  const polyText = (p: Poly) => polyToText(p, params);
  const phases: DerivedPhase[] = phaseKeys.map((k) => {
    const ph = phaseOf.get(k)!;
    const best = ph.cells.reduce((m, c) => (c.clearance > m.clearance ? c : m));
    const others = cells.filter((c) => c.inDomain && cellPhase.get(c.key) !== k);
    const printedPieces = describe(ph.cells, others, list.map((f) => f.p.totalDegree())).map((idx) => idx.map(({ i, s }) => printCondition(`${polyText(list[i].p)} ${s > 0 ? '>' : '<'} 0`, { params, latex })));
    const pieces = printedPieces.map((p) => p.map((c) => c.text));
    const exponents: DerivedPhase['exponents'] = {};
    for (const q of theory.quantities) {
      const pr = printExpression(ph.label.qtext[q.name], { params, latex, at: point(best.x) });
      exponents[q.name] = { expr: pr.text, latex: pr.latex };
    }
    const s = statedOf.get(k)!;
    return {
      name: names.get(k)!,
      balance: ph.label.pair,
      region: pieces.length === 1 ? pieces[0] : pieces.map((p) => p.join(' and ')),
      union: pieces.length > 1,
      pieces,
      piecesLatex: printedPieces.map((p) => p.map((c) => c.latex)),
      exponents,
      stated: s.name && !s.name.includes('|') ? s.name : null,
      conjectural: s.conjectural,
      point: point(best.x),
    };
  });

  // boundaries: a factor between two cells of different phases (geometrically adjacent: the two offsets of a root)
  const bmap = new Map<string, DerivedBoundary>();
  for (const { a, b, factor: fi } of adjacency) {
    const na = nameOfCell(a);
    const nb = nameOfCell(b);
    if (na === nb) continue;
    const between = [na, nb].sort();
    const key = `${fi}|${between.join('|')}`;
    if (bmap.has(key)) continue;
    const continuous: Record<string, boolean> = {};
    const pa = phaseOf.get(cellPhase.get(a)!);
    const pb = phaseOf.get(cellPhase.get(b)!);
    if (pa && pb) {
      for (const q of theory.quantities) {
        const d = pa.label.quantities[q.name].sub(pb.label.quantities[q.name]);
        continuous[q.name] = d.isZero() || exactDiv(d.num, list[fi].p) !== null;
      }
    }
    const eq = printCondition(`${polyText(list[fi].p)} = 0`, { params, latex });
    bmap.set(key, { equation: eq.text, latex: eq.latex, between, continuous });
  }
  const order = (n: string) => (n === OUTSIDE ? 1e9 : phases.findIndex((p) => p.name === n));
  const boundaries = [...bmap.values()].sort((x, y) => order(x.between[0]) - order(y.between[0]) || order(x.between[1]) - order(y.between[1]));
  return {
    model: theory.id,
    phases,
    boundaries,
    curves: list.map((f) => printCondition(`${polyText(f.p)} = 0`, { params }).text),
    agreement: { stated: hasStated ? (statedModel.theory.phases ?? []).length : 0, derived: phases.length, mismatches },
  };
}

// ---- labels ------------------------------------------------------------------------------------------

/** The active pair and the exact exponents at x (null where no pair balances). */
function labelAt(model: Model, x: number[], cache: Map<string, Label>): Label | null {
  const bal = model.balanceAt(x);
  if (bal.kind !== 'pair') return null;
  const theory = model.theory;
  const params = model.params;
  const sys = model.logSystem(model.signatureAt(x));
  const ti = sys.terms.find((t) => t.name === bal.active.increasing)!;
  const tj = sys.terms.find((t) => t.name === bal.active.decreasing)!;
  // u = xi * phi with xi = (b_j - b_i)/(a_i - a_j) (derive.ts step 3)
  const xi = `((${tj.bExpanded}) - (${ti.bExpanded}))/((${ti.aExpanded}) - (${tj.aExpanded}))`;
  const key = `${sys.signature.key ?? signatureKey(sys.signature)}/${ti.name}=${tj.name}`;
  const hit = cache.get(key);
  if (hit) return hit;
  const quantities: Record<string, RatFunc> = {};
  const qtext: Record<string, string> = {};
  for (const q of theory.quantities) {
    qtext[q.name] = quantityExpr(theory, sys, q, xi, ti);
    quantities[q.name] = rationalOf(qtext[q.name], { params }).value;
  }
  const label: Label = { pair: [bal.active.increasing, bal.active.decreasing], quantities, qtext };
  cache.set(key, label);
  return label;
}

function sameLabel(a: Label, b: Label): boolean {
  if (a.pair[0] !== b.pair[0] || a.pair[1] !== b.pair[1]) return false;
  return Object.keys(a.quantities).every((k) => a.quantities[k].sub(b.quantities[k]).isZero());
}

// ---- sampling the sign-invariant cells ------------------------------------------------------------------

function compileFactor(p: Poly): Factor {
  const ts = p.terms.map((t) => ({ c: Number(t.c), e: [...t.e] }));
  const f = (x: number[]) => {
    let s = 0;
    for (const t of ts) {
      let m = t.c;
      for (let i = 0; i < t.e.length; i++) for (let k = 0; k < t.e[i]; k++) m *= x[i];
      s += m;
    }
    return s;
  };
  const scale = (x: number[]) => {
    let s = 0;
    for (const t of ts) {
      let m = Math.abs(t.c);
      for (let i = 0; i < t.e.length; i++) for (let k = 0; k < t.e[i]; k++) m *= Math.abs(x[i]);
      s += m;
    }
    return s;
  };
  return { p, f, scale };
}

const REL_TOL = 1e-7;
/** Sign-change search steps along a line (the factors have low degree: roots closer than this are not separated). */
const ROOT_STEPS = 128;

/** A fine grid over the box plus points on both sides of every curve (solved for one parameter along a grid of the other). */
function sampleCells(list: Factor[], box: Array<[number, number]>, n: number, inDomain: (x: number[]) => boolean) {
  const cells = new Map<string, Cell>();
  const visit = (x: number[]): string | null => {
    const signs: number[] = [];
    let clearance = Infinity;
    for (const fa of list) {
      const v = fa.f(x);
      const r = Math.abs(v) / (fa.scale(x) + 1e-300);
      if (r < REL_TOL) return null;
      clearance = Math.min(clearance, r);
      signs.push(v > 0 ? 1 : -1);
    }
    const key = signs.join(',');
    const old = cells.get(key);
    if (!old || clearance > old.clearance) cells.set(key, { key, signs, x: [...x], clearance, inDomain: inDomain(x) });
    return key;
  };
  const [[a0, a1], [b0, b1]] = box;
  for (let i = 1; i < n; i++) for (let j = 1; j < n; j++) visit([a0 + ((a1 - a0) * i) / n, b0 + ((b1 - b0) * j) / n]);
  const adjacency: Array<{ a: string; b: string; factor: number }> = [];
  const m = 2 * n; // lines across the box per direction
  list.forEach((fa, fi) => {
    for (const dir of [0, 1]) {
      const [lo, hi] = box[1 - dir];
      const [slo, shi] = box[dir];
      const eps = 1e-4 * (hi - lo);
      for (let i = 1; i < m; i++) {
        const s = slo + ((shi - slo) * i) / m;
        for (const r of signChangeRoots((t) => fa.f(dir === 0 ? [s, t] : [t, s]), lo, hi, ROOT_STEPS)) {
          const at = (t: number) => (dir === 0 ? [s, t] : [t, s]);
          const ka = visit(at(r - eps));
          const kb = visit(at(r + eps));
          // geometric neighbours across this curve only (not across an intersection with another one)
          if (ka && kb && differOnlyAt(ka, kb, fi)) adjacency.push({ a: ka, b: kb, factor: fi });
        }
      }
    }
  });
  // keep the adjacency in terms of the surviving cells (the keys are the sign vectors)
  return { cells: [...cells.values()], adjacency };
}

function differOnlyAt(a: string, b: string, i: number): boolean {
  // keys are sign vectors written as '1'/'-1' joined: compare as arrays
  const x = a.split(',');
  const y = b.split(',');
  return x.length === y.length && x.every((v, k) => (k === i ? v !== y[k] : v === y[k]));
}


// ---- region descriptions ------------------------------------------------------------------------------

/** A minimal (greedy) conjunction of factor signs holding on all `mine` and excluding every `others` cell; else a union, one conjunction per cell group. */
function describe(mine: Cell[], others: Cell[], degree: number[]): Array<Array<{ i: number; s: number }>> {
  const one = conjunction(mine, others, degree);
  if (one) return [one];
  const pieces: Array<Array<{ i: number; s: number }>> = [];
  const covered = new Set<Cell>();
  for (const c of mine) {
    if (covered.has(c)) continue;
    // grow a group of cells that shares a conjunction excluding the others
    let group = [c];
    for (const d of mine) if (!covered.has(d) && d !== c && conjunction([...group, d], others, degree)) group = [...group, d];
    group.forEach((g) => covered.add(g));
    pieces.push(conjunction(group, others, degree) ?? []);
  }
  return pieces;
}

/** The smallest set of factor signs (then the lowest total degree) constant on `mine` that excludes every `others` cell; null if none. */
function conjunction(mine: Cell[], others: Cell[], degree: number[]): Array<{ i: number; s: number }> | null {
  const nf = mine[0].signs.length;
  const cand: Array<{ i: number; s: number }> = [];
  for (let i = 0; i < nf; i++) if (mine.every((c) => c.signs[i] === mine[0].signs[i])) cand.push({ i, s: mine[0].signs[i] });
  // which others each candidate excludes, as bit sets
  const words = Math.ceil(others.length / 32);
  const kills = cand.map((c) => {
    const w = new Uint32Array(words);
    others.forEach((o, k) => o.signs[c.i] !== c.s && (w[k >> 5] |= 1 << (k & 31)));
    return w;
  });
  const full = (sel: number[]) => {
    for (let w = 0; w < words; w++) {
      let m = 0;
      for (const j of sel) m |= kills[j][w];
      const need = w === words - 1 && others.length % 32 ? (1 << others.length % 32) - 1 : 0xffffffff;
      if ((m >>> 0) !== need >>> 0) return false;
    }
    return true;
  };
  if (others.length === 0) return [];
  for (let size = 1; size <= Math.min(5, cand.length); size++) {
    let best: number[] | null = null;
    let bestDeg = Infinity;
    const sel: number[] = [];
    const rec = (start: number) => {
      if (sel.length === size) {
        if (full(sel)) {
          const d = sel.reduce((s, j) => s + degree[cand[j].i], 0);
          if (d < bestDeg) {
            bestDeg = d;
            best = [...sel];
          }
        }
        return;
      }
      for (let j = start; j < cand.length; j++) {
        sel.push(j);
        rec(j + 1);
        sel.pop();
      }
    };
    rec(0);
    if (best) return (best as number[]).map((j) => cand[j]).sort((a, b) => a.i - b.i);
  }
  return null;
}

/** A polynomial as formula text (integer coefficients). */
export function polyToText(p: Poly, params: readonly string[]): string {
  if (p.isZero()) return '0';
  return p.terms
    .map((t) => {
      const mono = t.e.flatMap((k, i) => (k === 0 ? [] : [k === 1 ? params[i] : `${params[i]}^${k}`]));
      return `(${t.c})${mono.map((m) => `*${m}`).join('')}`;
    })
    .join(' + ');
}

