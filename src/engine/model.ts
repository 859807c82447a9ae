// A theory file made queryable: the facade over the engine's parts. Domain checks (./region.ts),
// phase classification (./classify.ts), the per-region derivations of compute-optimal exponents by
// dominant balance (./derivation.ts: ./balance.ts picks the active pair numerically, ./derive.ts solves
// it exactly) and the build-time cache (./cache.ts). Derivations are made once per region (or per case
// signature and pair for theories without phases) and compiled to plain JavaScript.
import { compileCondition, fromJs, type CompiledCondition } from './condition.js';
import { balanceAt, type Balance, type TermSlope, HEIGHT_TOL } from './balance.js';
import { buildLogSystem, signatureKey, type CaseSignature, type LogSystem } from './derive.js';
import { insideClosed, interiorPoint as interiorOf, samplePiece as sampleOf } from './region.js';
import { classifyVector, pieceOf, type Classification, type RegionRef } from './classify.js';
import { deriveAt, compileDerivation, describeBalanceFailure, shownSlopes, type CompiledRegion, type RegionDerivation, type Verification } from './derivation.js';
import { theoryHash, type ModelCache } from './cache.js';
import { jsBody, canonical } from '../symbolic/cas.js';
import { DomainError } from '../errors.js';
import { domainViolation } from './domain.js';
import { fmt } from '../format.js';
import type { TheoryFile, ProvenanceTag, RegionPiece } from './types.js';

export type { Classification, RegionRef, RegionDerivation, Verification, ModelCache };
export { theoryHash };

export type Point = Record<string, number>;

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
    /** LaTeX of the two above (src/symbolic/print.ts) */
    equationLatex: string | null;
    solutionLatex: string | null;
    kind: Balance['kind'];
    logForms: Array<{ term: string; form: string; a: string; b: string; aLatex: string; bLatex: string; aValue: number; bValue: number; provenance: ProvenanceTag }>;
    candidates: Array<{ increasing: string; decreasing: string; xi: number; height: number }>;
    note?: string;
  };
  warnings: string[];
}

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

  /** The condition holds at x or x lies on its boundary line (./region.ts). */
  private holdsClosed(text: string, x: number[]): boolean {
    return insideClosed([this.condition(text).evaluate], x);
  }

  private readonly margin = (text: string) => this.condition(text).evaluate;

  vector(point: Point): number[] {
    return this.params.map((name) => {
      const v = Object.hasOwn(point, name) ? point[name] : undefined;
      if (v === undefined) throw new DomainError(`missing parameter ${name} (model ${this.theory.id} takes ${this.params.join(', ')})`, { parameter: name });
      if (typeof v !== 'number' || !Number.isFinite(v)) {
        throw new DomainError(`parameter ${name} = ${String(v)} is not a finite number`, { parameter: name, value: v, condition: `${name} finite` });
      }
      return v;
    });
  }

  /** Throws a DomainError naming the parameters, their values and the failed condition (./domain.ts). */
  checkDomain(point: Point): number[] {
    const x = this.vector(point);
    const err = domainViolation(this.theory, x, (c) => this.condition(c));
    if (err) throw err;
    return x;
  }

  // ---- phases ---------------------------------------------------------------------------------

  classify(point: Point): Classification {
    const x = this.checkDomain(point);
    return this.classifyVector(x);
  }

  classifyVector(x: number[]): Classification {
    return classifyVector(this.theory, (c) => this.condition(c), x);
  }

  piece(ref: RegionRef): RegionPiece {
    return pieceOf(this.theory, ref);
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
    const x = interiorOf(this.theory, this.piece(ref), this.margin, n);
    if (!x) throw new Error(`region ${ref.phase}#${ref.piece} of ${this.theory.id} has no interior point in the parameter box`);
    return x;
  }

  /** The derivation of a region piece (computed at an interior point, then valid on the whole piece). */
  region(ref: RegionRef): CompiledRegion {
    const key = `${ref.phase}#${ref.piece}`;
    let r = this.regions.get(key);
    if (!r) {
      const derivation = this.cachedRegions[key] ?? deriveAt(this, this.interiorPoint(ref), ref, key);
      r = compileDerivation(this.theory, derivation);
      this.regions.set(key, r);
    }
    return r;
  }

  /** Derivation at a point outside any declared phase (theories without phases), keyed by case signature and pair. */
  private regionAtPoint(x: number[]): CompiledRegion {
    const sig = this.signatureAt(x);
    const bal = this.balanceAt(x);
    if (bal.kind !== 'pair') throw new DomainError(describeBalanceFailure(bal));
    const key = `${signatureKey(sig)}/${bal.active.increasing}=${bal.active.decreasing}`;
    let r = this.regions.get(key);
    if (!r) {
      r = compileDerivation(this.theory, this.cachedRegions[key] ?? deriveAt(this, x, null, key));
      this.regions.set(key, r);
    }
    return r;
  }

  /** Deterministic sample of points inside a region piece (Halton over the box, ./region.ts). */
  samplePiece(ref: RegionRef, count: number): number[][] {
    return sampleOf(this.theory, this.piece(ref), this.margin, count);
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
        const value = c.quantity[q.name](...x);
        if (!Number.isFinite(value)) throw new DomainError(`${q.name} is not finite at ${this.fmtPoint(point)} (a boundary of validity)`, { parameter: this.params.join(', '), value: this.fmtPoint(point) });
        const f = c.shown[q.name];
        const info: ExponentInfo = { value, expr: f.expr, latex: f.latex, provenance: f.provenance, source: f.source, verified: f.verified, engineExpr: f.engineExpr };
        return { phase: d.ref?.phase ?? '', value, info };
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
    const printed = compiled[0].derivation.printed;
    const printedSlopes = shownSlopes(this.theory, system, compiled[0].derivation.at);
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
        equation: printed?.equation.text ?? active.equation,
        solution: printed?.solution.text ?? active.solution,
        equationLatex: printed?.equation.latex ?? null,
        solutionLatex: printed?.solution.latex ?? null,
        kind: bal.kind,
        logForms: system.terms.map((t, k) => {
          const s = slopes.find((z) => z.name === t.name)!;
          const f = printedSlopes[k];
          return { term: t.name, form: t.form, a: f.a.text, b: f.b.text, aLatex: f.a.latex, bLatex: f.b.latex, aValue: s.a, bValue: s.b, provenance: t.provenance };
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

export { HEIGHT_TOL };
