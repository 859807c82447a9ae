// A theory file made queryable: domain checks, phase classification, and compute-optimal exponents
// derived by dominant balance (./balance.ts numerically picks the active pair, ./derive.ts solves it
// exactly). Derivations are made once per region (or per case signature for theories without phases)
// and compiled to plain JavaScript; `toCache()`/the constructor's cache argument let a build step store
// them so a cold command-line start does not run the CAS.
import { compileCondition, fromJs, BOUNDARY_TOL, type CompiledCondition } from './condition.js';
import { balanceAt, type Balance, type TermSlope, HEIGHT_TOL } from './balance.js';
import { buildLogSystem, solveBalance, signatureKey, type CaseSignature, type LogSystem, type SolvedBalance } from './derive.js';
import { symbolicallyEqual, toLatex, jsBody, canonical } from '../symbolic/cas.js';
import type { TheoryFile, ProvenanceTag, ClosedForm, RegionPiece } from './types.js';

export class DomainError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'DomainError';
  }
}

export type Point = Record<string, number>;

export interface RegionRef {
  phase: string;
  piece: number;
}

export interface Classification {
  /** the phase name, or adjacent phases joined by '|' on a boundary */
  phase: string | null;
  phases: string[];
  onBoundary: boolean;
  /** the region's conditions (in a phase), or the boundary equations and the conditions still strict */
  region: string[];
  conjectural: boolean;
  pieces: RegionRef[];
}

export type Verification = 'symbolic' | 'numeric' | 'mismatch' | 'none';

export interface ExponentInfo {
  value: number | null;
  expr: string;
  latex: string;
  provenance: ProvenanceTag;
  source?: string;
  /** how the engine's result was matched with the reference's closed form */
  verified: Verification;
  /** the engine's own simplified expression */
  engineExpr: string;
  /** on a boundary: each adjacent phase's value */
  sides?: Record<string, { value: number; expr: string }>;
  continuous?: boolean;
}

export interface RegionDerivation {
  key: string;
  ref: RegionRef | null;
  signature: CaseSignature;
  system: LogSystem;
  balance: SolvedBalance;
  /** per quantity: closed-form comparison */
  checks: Record<string, { verified: Verification; closedForm?: ClosedForm; latex?: string }>;
}

interface CompiledRegion {
  derivation: RegionDerivation;
  quantity: Record<string, (...p: number[]) => number>;
}

export interface ExponentsResult {
  model: string;
  params: Point;
  phase: string | null;
  region: string[];
  conjectural: boolean;
  exponents: Record<string, ExponentInfo>;
  balance: {
    terms: string[];
    equation: string | null;
    solution: string | null;
    kind: Balance['kind'];
    logForms: Array<{ term: string; form: string; a: string; b: string; aValue: number; bValue: number; provenance: ProvenanceTag }>;
    candidates: Array<{ increasing: string; decreasing: string; xi: number; height: number }>;
    note?: string;
  };
  warnings: string[];
}

export interface ModelCache {
  hash: string;
  conditions: Record<string, string>;
  regions: Record<string, RegionDerivation>;
  /** log systems by case-signature key */
  systems?: Record<string, LogSystem>;
  /** compiled slopes (JavaScript bodies of a_i, b_i) by case-signature key */
  slopes?: Record<string, Array<{ name: string; a: string; b: string }>>;
}

/** FNV-1a over the theory's JSON: cheap, and the same in Node and the browser. */
export function theoryHash(theory: TheoryFile): string {
  const s = JSON.stringify(theory);
  let h = 0x811c9dc5;
  for (let i = 0; i < s.length; i++) {
    h ^= s.charCodeAt(i);
    h = Math.imul(h, 0x01000193) >>> 0;
  }
  return h.toString(16).padStart(8, '0');
}

const NUM_TOL = 1e-9;

export class Model {
  readonly theory: TheoryFile;
  readonly params: string[];
  private readonly conds = new Map<string, CompiledCondition>();
  private readonly systems = new Map<string, LogSystem>();
  private readonly slopeFns = new Map<string, Array<{ name: string; a: (...p: number[]) => number; b: (...p: number[]) => number }>>();
  private readonly regions = new Map<string, CompiledRegion>();
  private readonly cachedConditionJs: Record<string, string>;
  private readonly cachedRegions: Record<string, RegionDerivation>;
  private readonly cachedSystems: Record<string, LogSystem>;
  private readonly cachedSlopes: Record<string, Array<{ name: string; a: string; b: string }>>;
  private readonly slopeJs = new Map<string, Array<{ name: string; a: string; b: string }>>();

  constructor(theory: TheoryFile, cache?: ModelCache) {
    this.theory = theory;
    this.params = theory.parameters.map((p) => p.name);
    const valid = cache && cache.hash === theoryHash(theory);
    this.cachedConditionJs = valid ? cache.conditions : {};
    this.cachedRegions = valid ? cache.regions : {};
    this.cachedSystems = (valid && cache.systems) || {};
    this.cachedSlopes = (valid && cache.slopes) || {};
  }

  // ---- conditions -------------------------------------------------------------------------------

  condition(text: string): CompiledCondition {
    let c = this.conds.get(text);
    if (!c) {
      c = compileCondition(text, this.params, this.cachedConditionJs[text]);
      this.conds.set(text, c);
    }
    return c;
  }

  /** The condition holds at x or x lies on its boundary line. */
  private holdsClosed(text: string, x: number[]): boolean {
    return this.condition(text).evaluate(...x) >= -BOUNDARY_TOL;
  }

  vector(point: Point): number[] {
    return this.params.map((name) => {
      const v = point[name];
      if (v === undefined) throw new DomainError(`missing parameter ${name} (model ${this.theory.id} takes ${this.params.join(', ')})`);
      if (typeof v !== 'number' || !Number.isFinite(v)) {
        throw new DomainError(`parameter ${name} = ${String(v)} is not a finite number`);
      }
      return v;
    });
  }

  /** Throws a DomainError naming the parameters, their values and the failed condition. */
  checkDomain(point: Point): number[] {
    const x = this.vector(point);
    for (const d of this.theory.domain) {
      const c = this.condition(d.condition);
      if (!(c.evaluate(...x) > 0)) {
        const involved = this.params.filter((p) => new RegExp(`\\b${p}\\b`).test(d.condition));
        const vals = involved.map((p) => `${p} = ${point[p]}`).join(', ');
        throw new DomainError(
          `${vals} is outside the admissible domain of ${this.theory.id}: requires ${d.condition}` + (d.reason ? ` (${d.reason})` : ''),
        );
      }
    }
    return x;
  }

  // ---- phases ---------------------------------------------------------------------------------

  classify(point: Point): Classification {
    const x = this.checkDomain(point);
    return this.classifyVector(x);
  }

  classifyVector(x: number[]): Classification {
    const phases = this.theory.phases ?? [];
    const inside: RegionRef[] = [];
    const closure: RegionRef[] = [];
    for (const ph of phases) {
      ph.regions.forEach((piece, i) => {
        let min = Infinity;
        for (const c of piece.conditions) min = Math.min(min, this.condition(c).evaluate(...x));
        if (min > BOUNDARY_TOL) inside.push({ phase: ph.name, piece: i });
        else if (min >= -BOUNDARY_TOL) closure.push({ phase: ph.name, piece: i });
      });
    }
    if (inside.length > 0) {
      const ref = inside[0];
      const piece = this.piece(ref);
      return { phase: ref.phase, phases: [ref.phase], onBoundary: false, region: [...piece.conditions], conjectural: !!piece.conjectural, pieces: [ref] };
    }
    if (closure.length === 0) return { phase: null, phases: [], onBoundary: false, region: [], conjectural: false, pieces: [] };
    const order = phases.map((p) => p.name);
    const names = [...new Set(closure.map((r) => r.phase))].sort((a, b) => order.indexOf(a) - order.indexOf(b));
    const region = new Set<string>();
    for (const ref of closure) {
      for (const c of this.piece(ref).conditions) {
        const cc = this.condition(c);
        region.add(Math.abs(cc.evaluate(...x)) <= BOUNDARY_TOL ? cc.boundary : c);
      }
    }
    const conjectural = closure.every((r) => this.piece(r).conjectural);
    return { phase: names.join('|'), phases: names, onBoundary: names.length > 1, region: [...region], conjectural, pieces: closure };
  }

  piece(ref: RegionRef): RegionPiece {
    const ph = (this.theory.phases ?? []).find((p) => p.name === ref.phase);
    if (!ph) throw new Error(`unknown phase ${ref.phase}`);
    return ph.regions[ref.piece];
  }

  // ---- log forms and balance --------------------------------------------------------------------

  signatureAt(x: number[]): CaseSignature {
    const terms: Record<string, number> = {};
    for (const t of this.theory.terms) terms[t.name] = t.cases.findIndex((c) => c.when.every((w) => this.holdsClosed(w, x)));
    const relations: number[] = [];
    // On a boundary line two cases may both hold (non-strictly); the first relation per left-hand side wins.
    const defined = new Set<string>();
    this.theory.compute.relations.forEach((r, i) => {
      const lhs = r.equation.split('=')[0].trim();
      if (!defined.has(lhs) && (r.when ?? []).every((w) => this.holdsClosed(w, x))) {
        relations.push(i);
        defined.add(lhs);
      }
    });
    return { terms, relations, key: signatureKey({ terms, relations }) };
  }

  logSystem(sig: CaseSignature): LogSystem {
    const key = sig.key ?? signatureKey(sig);
    let s = this.systems.get(key);
    if (!s) {
      s = this.cachedSystems[key] ?? buildLogSystem(this.theory, sig);
      this.systems.set(key, s);
    }
    return s;
  }

  /** Numeric slopes (a_i, b_i) of the present terms at a point. */
  slopesAt(x: number[], sig: CaseSignature = this.signatureAt(x)): TermSlope[] {
    const key = sig.key ?? signatureKey(sig);
    let fns = this.slopeFns.get(key);
    if (!fns) {
      const js = this.cachedSlopes[key] ?? this.logSystem(sig).terms.map((t) => ({
        name: t.name,
        a: jsBody(canonical(t.aExpanded), this.params),
        b: jsBody(canonical(t.bExpanded), this.params),
      }));
      this.slopeJs.set(key, js);
      fns = js.map((f) => ({ name: f.name, a: fromJs(this.params, f.a), b: fromJs(this.params, f.b) }));
      this.slopeFns.set(key, fns);
    }
    return fns.map((f) => ({ name: f.name, a: f.a(...x), b: f.b(...x) }));
  }

  balanceAt(x: number[]): Balance {
    return balanceAt(this.slopesAt(x));
  }

  // ---- derivations --------------------------------------------------------------------------------

  /** An interior point of a region piece: the grid point of the parameter box with the largest margin. */
  interiorPoint(ref: RegionRef, n = 161): number[] {
    const piece = this.piece(ref);
    const ranges = this.theory.parameters.map((p) => p.range);
    if (ranges.length > 3) throw new Error('interiorPoint: at most 3 parameters');
    let best: number[] | null = null;
    let bestMargin = -Infinity;
    const x = new Array<number>(ranges.length).fill(0);
    const visit = (k: number) => {
      if (k === ranges.length) {
        let m = Infinity;
        for (const c of [...piece.conditions, ...this.theory.domain.map((d) => d.condition)]) m = Math.min(m, this.condition(c).evaluate(...x));
        ranges.forEach(([lo, hi], k) => (m = Math.min(m, x[k] - lo, hi - x[k]))); // stay inside the box too
        if (m > bestMargin) {
          bestMargin = m;
          best = [...x];
        }
        return;
      }
      const [lo, hi] = ranges[k];
      for (let i = 1; i < n; i++) {
        x[k] = lo + ((hi - lo) * i) / n;
        visit(k + 1);
      }
    };
    visit(0);
    if (!best || bestMargin <= 0) throw new Error(`region ${ref.phase}#${ref.piece} has no interior point in the parameter box`);
    return best;
  }

  /** The derivation of a region piece (computed at an interior point, then valid on the whole piece). */
  region(ref: RegionRef): CompiledRegion {
    const key = `${ref.phase}#${ref.piece}`;
    let r = this.regions.get(key);
    if (!r) {
      const derivation = this.cachedRegions[key] ?? this.deriveAt(this.interiorPoint(ref), ref);
      r = this.compile(derivation);
      this.regions.set(key, r);
    }
    return r;
  }

  /** Derivation at a point outside any declared phase (theories without phases), keyed by case signature and pair. */
  private regionAtPoint(x: number[]): CompiledRegion {
    const sig = this.signatureAt(x);
    const bal = this.balanceAt(x);
    if (bal.kind !== 'pair') throw new DomainError(this.describeBalanceFailure(bal));
    const key = `${signatureKey(sig)}/${bal.active.increasing}=${bal.active.decreasing}`;
    let r = this.regions.get(key);
    if (!r) {
      r = this.compile(this.cachedRegions[key] ?? this.deriveAt(x, null, key));
      this.regions.set(key, r);
    }
    return r;
  }

  private describeBalanceFailure(bal: Balance): string {
    if (bal.kind === 'unbounded') return `no compute-optimal allocation: ${bal.reason}`;
    if (bal.kind === 'floor') return `the compute-optimal allocation is undetermined: term ${bal.floor.name} does not depend on the allocated variable at fixed compute and dominates`;
    return 'unexpected balance';
  }

  deriveAt(x: number[], ref: RegionRef | null, keyOverride?: string): RegionDerivation {
    const sig = this.signatureAt(x);
    const bal = this.balanceAt(x);
    if (bal.kind !== 'pair') throw new Error(`${ref ? `${ref.phase}#${ref.piece}` : 'point'}: ${this.describeBalanceFailure(bal)}`);
    const system = this.logSystem(sig);
    const balance = solveBalance(this.theory, system, bal.active.increasing, bal.active.decreasing);
    const checks: RegionDerivation['checks'] = {};
    for (const q of this.theory.quantities) {
      const cf = ref ? (this.theory.closedForms ?? []).find((c) => c.phase === ref.phase && c.quantity === q.name) : undefined;
      checks[q.name] = cf
        ? { verified: this.compareClosedForm(balance.quantities[q.name].expr, cf, ref!), closedForm: cf, latex: toLatexSafe(cf.expr, balance.quantities[q.name].latex) }
        : { verified: 'none' };
    }
    return { key: keyOverride ?? (ref ? `${ref.phase}#${ref.piece}` : signatureKey(sig)), ref, signature: sig, system, balance, checks };
  }

  /** Symbolic identity if nerdamer shows it, else agreement at sampled interior points, else a mismatch. */
  private compareClosedForm(engineExpr: string, cf: ClosedForm, ref: RegionRef): Verification {
    const closed = canonical(cf.expr);
    try {
      if (symbolicallyEqual(engineExpr, closed)) return 'symbolic';
    } catch {
      /* fall through to numeric comparison */
    }
    const fE = fromJs(this.params, jsBody(canonical(engineExpr), this.params));
    const fC = fromJs(this.params, jsBody(closed, this.params));
    const pts = this.samplePiece(ref, 50);
    if (pts.length === 0) return 'none';
    const ok = pts.every((x) => Math.abs(fE(...x) - fC(...x)) <= NUM_TOL * (1 + Math.abs(fC(...x))));
    return ok ? 'numeric' : 'mismatch';
  }

  /** Deterministic sample of points inside a region piece (a low-discrepancy sequence over the box). */
  samplePiece(ref: RegionRef, count: number): number[][] {
    const piece = this.piece(ref);
    const ranges = this.theory.parameters.map((p) => p.range);
    const out: number[][] = [];
    const primes = [2, 3, 5];
    for (let i = 1; out.length < count && i < count * 400; i++) {
      const x = ranges.map(([lo, hi], k) => lo + (hi - lo) * radicalInverse(i, primes[k]));
      const inDomain = this.theory.domain.every((d) => this.condition(d.condition).evaluate(...x) > BOUNDARY_TOL);
      if (inDomain && piece.conditions.every((c) => this.condition(c).evaluate(...x) > BOUNDARY_TOL)) out.push(x);
    }
    return out;
  }

  private compile(derivation: RegionDerivation): CompiledRegion {
    const quantity: Record<string, (...p: number[]) => number> = {};
    for (const [name, q] of Object.entries(derivation.balance.quantities)) quantity[name] = fromJs(this.params, q.js);
    return { derivation, quantity };
  }

  // ---- the query ------------------------------------------------------------------------------------

  exponents(point: Point): ExponentsResult {
    const x = this.checkDomain(point);
    const cls = this.classifyVector(x);
    const warnings: string[] = [];
    const hasPhases = (this.theory.phases ?? []).length > 0;
    if (hasPhases && cls.phase === null) throw new DomainError(`point ${this.fmtPoint(point)} lies in no phase of ${this.theory.id}`);
    if (cls.conjectural) warnings.push(`phase ${cls.phase}: ${this.piece(cls.pieces[0]).note ?? 'conjectural in the paper'}`);

    const refs = hasPhases ? uniqueByPhase(cls.pieces) : [];
    const compiled = hasPhases ? refs.map((r) => this.region(r)) : [this.regionAtPoint(x)];
    const sig = this.signatureAt(x);
    const system = this.logSystem(sig);
    const slopes = this.slopesAt(x, sig);
    const bal = balanceAt(slopes);

    const exponents: Record<string, ExponentInfo> = {};
    for (const q of this.theory.quantities) {
      const sides: Record<string, { value: number; expr: string }> = {};
      const infos = compiled.map((c) => {
        const d = c.derivation;
        const check = d.checks[q.name];
        const cf = check.verified !== 'mismatch' ? check.closedForm : undefined;
        const value = c.quantity[q.name](...x);
        if (!Number.isFinite(value)) throw new DomainError(`${q.name} is not finite at ${this.fmtPoint(point)} (a boundary of validity)`);
        const expr = cf ? cf.expr : d.balance.quantities[q.name].expr;
        return {
          phase: d.ref?.phase ?? '',
          value,
          info: {
            value,
            expr,
            latex: cf && check.latex ? check.latex : d.balance.quantities[q.name].latex,
            provenance: cf ? cf.provenance : ('derived' as ProvenanceTag),
            source: cf ? cf.source : `engine: dominant balance ${d.balance.increasing} = ${d.balance.decreasing} (docs/architecture.md, "The engine in one paragraph")`,
            verified: check.verified,
            engineExpr: d.balance.quantities[q.name].expr,
          } satisfies ExponentInfo,
        };
      });
      for (const i of infos) sides[i.phase] = { value: i.value, expr: i.info.expr };
      const first = infos[0].info;
      if (infos.length > 1) {
        const continuous = infos.every((i) => Math.abs(i.value - infos[0].value) <= 1e-7 * (1 + Math.abs(infos[0].value)));
        exponents[q.name] = { ...first, value: continuous ? first.value : null, sides, continuous };
        if (!continuous) warnings.push(`${q.name} jumps across ${cls.phase}: ${infos.map((i) => `${i.phase} ${fmt(i.value)}`).join(' vs ')}`);
      } else {
        exponents[q.name] = first;
      }
      for (const i of infos) if (i.info.verified === 'mismatch') warnings.push(`${q.name} in ${i.phase}: the engine's ${i.info.engineExpr} differs from the reference's closed form`);
    }

    const active = compiled[0].derivation.balance;
    if (bal.kind === 'pair' && !cls.onBoundary) {
      const pair = `${bal.active.increasing}=${bal.active.decreasing}`;
      if (pair !== `${active.increasing}=${active.decreasing}` && !bal.ties.some((t) => `${t.increasing}=${t.decreasing}` === `${active.increasing}=${active.decreasing}`)) {
        warnings.push(`at this point the highest crossing is ${bal.active.increasing} = ${bal.active.decreasing}, not the phase's ${active.increasing} = ${active.decreasing}`);
      }
    }
    let note: string | undefined;
    if (bal.kind === 'floor') {
      note = `term ${bal.floor.name} does not depend on ${this.theory.compute.allocate} at fixed compute and lies above every crossing: any ${this.theory.compute.allocate} ~ ${this.theory.compute.budget}^x with x in [${fmt(bal.interval[0])}, ${fmt(bal.interval[1])}] is optimal`;
    } else if (bal.kind === 'pair' && bal.ties.length > 1) {
      note = `tied balances: ${bal.ties.map((t) => `${t.increasing} = ${t.decreasing}`).join(', ')}`;
    }
    return {
      model: this.theory.id,
      params: { ...point },
      phase: cls.phase,
      region: cls.region,
      conjectural: cls.conjectural,
      exponents,
      balance: {
        terms: [active.increasing, active.decreasing],
        equation: active.equation,
        solution: active.solution,
        kind: bal.kind,
        logForms: system.terms.map((t) => {
          const s = slopes.find((z) => z.name === t.name)!;
          return { term: t.name, form: t.form, a: t.aExpanded, b: t.bExpanded, aValue: s.a, bValue: s.b, provenance: t.provenance };
        }),
        candidates: bal.kind === 'unbounded' ? [] : bal.candidates,
        ...(note ? { note } : {}),
      },
      warnings,
    };
  }

  fmtPoint(point: Point): string {
    return this.params.map((p) => `${p} = ${point[p]}`).join(', ');
  }

  /** Every region's derivation, for the build-time cache. */
  toCache(): ModelCache {
    const regions: Record<string, RegionDerivation> = {};
    for (const ph of this.theory.phases ?? []) ph.regions.forEach((_, i) => {
      const r = this.region({ phase: ph.name, piece: i });
      regions[r.derivation.key] = r.derivation;
    });
    const conditions: Record<string, string> = {};
    const all = [
      ...this.theory.domain.map((d) => d.condition),
      ...(this.theory.phases ?? []).flatMap((p) => p.regions.flatMap((r) => r.conditions)),
      ...this.theory.terms.flatMap((t) => t.cases.flatMap((c) => c.when)),
      ...this.theory.compute.relations.flatMap((r) => r.when ?? []),
    ];
    for (const c of all) conditions[c] = this.condition(c).js;
    // make sure every region's signature has its slopes compiled
    for (const ph of this.theory.phases ?? []) ph.regions.forEach((_, i) => this.slopesAt(this.interiorPoint({ phase: ph.name, piece: i })));
    return {
      hash: theoryHash(this.theory),
      conditions,
      regions,
      systems: Object.fromEntries(this.systems),
      slopes: Object.fromEntries(this.slopeJs),
    };
  }
}

function uniqueByPhase(refs: RegionRef[]): RegionRef[] {
  const seen = new Set<string>();
  return refs.filter((r) => (seen.has(r.phase) ? false : (seen.add(r.phase), true)));
}

function radicalInverse(i: number, base: number): number {
  let f = 1, r = 0;
  while (i > 0) {
    f /= base;
    r += f * (i % base);
    i = Math.floor(i / base);
  }
  return r;
}

function toLatexSafe(expr: string, fallback: string): string {
  try {
    return toLatex(expr);
  } catch {
    return fallback;
  }
}

export function fmt(v: number): string {
  if (!Number.isFinite(v)) return String(v);
  return Number(v.toPrecision(6)).toString();
}

export { HEIGHT_TOL };
