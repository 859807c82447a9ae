// The theory's side of every comparison, read from the engine: the region a point lies in, the engine's
// per-region derivation of a quantity there, and the provenance of the formula it matches.
import { DomainError } from '../errors.js';
import { shownFormula } from '../engine/derivation.js';
import type { Model, RegionRef } from '../engine/model.js';
import { MARGIN, type Box } from './search.js';
import { inside } from '../engine/region.js';
import { bottlenecksAt } from '../engine/bottleneck.js';
import type { TheoryFormula } from './verdict.js';

export function hasPhases(model: Model): boolean {
  return (model.theory.phases ?? []).length > 0;
}

export function parameterBox(model: Model): Box {
  return model.theory.parameters.map((p) => [p.range[0], p.range[1]] as [number, number]);
}

type Margin = (...x: number[]) => number;

/** A model's domain and region conditions as compiled margin functions (built once per model). */
interface Compiled {
  domain: Margin[];
  pieces: Array<{ ref: RegionRef; conds: Margin[] }>;
  byKey: Map<string, Margin[]>;
  /** per region piece and quantity: the compiled derivation and its formula */
  formulas: Map<string, { fn: Margin; key: string; expr: string; simpler?: string; theory: TheoryFormula }>;
}
const compiledModels = new WeakMap<Model, Compiled>();

function compiled(model: Model): Compiled {
  let c = compiledModels.get(model);
  if (!c) {
    const pieces = (model.theory.phases ?? []).flatMap((ph) => ph.regions.map((rg, i) => ({ ref: { phase: ph.name, piece: i }, conds: rg.conditions.map((t) => model.condition(t).evaluate) })));
    c = {
      domain: model.theory.domain.map((d) => model.condition(d.condition).evaluate),
      pieces,
      byKey: new Map(pieces.map((p) => [refKey(p.ref), p.conds])),
      formulas: new Map(),
    };
    compiledModels.set(model, c);
  }
  return c;
}

/** Region membership is the engine's (src/engine/region.ts), with the validator's clearance MARGIN from boundary lines. */
const allAbove = (fs: Margin[], x: number[]): boolean => inside(fs, x, MARGIN);

/** Inside the theory's domain, at least MARGIN from its boundary. */
export function inDomain(model: Model, x: number[]): boolean {
  return allAbove(compiled(model).domain, x);
}

/** Strictly inside a region piece (every condition with clearance MARGIN). */
export function inPiece(model: Model, ref: RegionRef, x: number[]): boolean {
  return allAbove(compiled(model).byKey.get(refKey(ref))!, x);
}

/** The region piece a point lies strictly inside (null on a boundary, outside the domain or in no phase). */
export function pieceAt(model: Model, x: number[]): RegionRef | null {
  const c = compiled(model);
  if (!allAbove(c.domain, x)) return null;
  for (const p of c.pieces) if (allAbove(p.conds, x)) return p.ref;
  return null;
}

export function refKey(ref: RegionRef): string {
  return `${ref.phase}#${ref.piece}`;
}

/** The theory's value of a quantity at a point, with the formula it comes from. */
export interface Truth {
  value: number;
  /** identifies the formula (a region piece, or the expression): points with the same key share it */
  key: string;
  /** the engine's expression there (for the symbolic comparison) */
  expr: string;
  /** a simpler form nerdamer showed identical to expr (the reference's closed form), compared first */
  simpler?: string;
  theory: TheoryFormula;
  ref: RegionRef | null;
  /** the quantity (set by truthAt) */
  quantity?: string;
}

/** Quantities a model exposes: its compute-optimal quantities, and `bottleneck.<name>` for declared bottlenecks. */
export function quantityNames(model: Model): string[] {
  return [...model.theory.quantities.map((q) => q.name), ...(model.theory.bottlenecks ?? []).map((b) => `bottleneck.${b.name}`)];
}

/** Every term case and relation condition holds or fails with clearance MARGIN (no case switches nearby). */
function awayFromCaseLines(model: Model, x: number[]): boolean {
  const t = model.theory;
  const conds = [...t.terms.flatMap((term) => term.cases.flatMap((c) => c.when)), ...t.compute.relations.flatMap((r) => r.when ?? [])];
  return conds.every((c) => {
    const m = model.condition(c).evaluate;
    return inside([m], x, MARGIN) || inside([(...p) => -m(...p)], x, MARGIN);
  });
}

function pointOf(model: Model, x: number[]): Record<string, number> {
  const p: Record<string, number> = {};
  model.params.forEach((name, i) => (p[name] = x[i]));
  return p;
}

/**
 * The theory's value of a quantity at x, away from boundaries: the engine's per-region derivation for
 * models with phases, the engine's query otherwise, the declared bottlenecks for `bottleneck.*`.
 * Undefined where there is none (outside the domain, on a boundary, in no phase).
 */
export function truthAt(model: Model, quantity: string, x: number[]): Truth | undefined {
  if (!inDomain(model, x)) return undefined;
  const ref = hasPhases(model) ? pieceAt(model, x) : null;
  if (hasPhases(model) && !ref) return undefined;
  try {
    if (quantity.startsWith('bottleneck.')) {
      if (!awayFromCaseLines(model, x)) return undefined;
      const b = bottlenecksAt(model, pointOf(model, x))[quantity.slice('bottleneck.'.length)];
      if (!b) return undefined;
      return { value: b.value, key: b.expr, expr: b.expr, theory: { region: ref?.phase, expr: b.expr, provenance: b.provenance, source: b.source }, ref, quantity };
    }
    if (ref) {
      const c = compiled(model);
      const k = `${refKey(ref)}|${quantity}`;
      let f = c.formulas.get(k);
      if (!f) {
        const r = model.region(ref);
        const check = r.derivation.checks[quantity];
        const simpler = check?.verified === 'symbolic' ? check.closedForm?.expr : undefined;
        f = { fn: r.quantity[quantity], key: refKey(ref), expr: r.derivation.balance.quantities[quantity].expr, simpler, theory: theoryFormula(model, ref, quantity) };
        c.formulas.set(k, f);
      }
      return { value: f.fn(...x), key: f.key, expr: f.expr, simpler: f.simpler, theory: f.theory, ref, quantity };
    }
    const info = model.exponents(pointOf(model, x)).exponents[quantity];
    if (!info || info.value === null || !Number.isFinite(info.value)) return undefined;
    return { value: info.value, key: info.engineExpr, expr: info.engineExpr, theory: { expr: info.expr, provenance: info.provenance, source: info.source }, ref: null, quantity };
  } catch (e) {
    if (e instanceof DomainError) return undefined; // no value here (no balance, not finite): an engine bug propagates
    throw e;
  }
}

/** The formula the engine's derivation of a piece matches, with its provenance. */
export function theoryFormula(model: Model, ref: RegionRef, quantity: string): TheoryFormula {
  const f = shownFormula(model.region(ref).derivation, quantity);
  const name = (model.theory.phases ?? []).find((p) => p.name === ref.phase)!.regions.length > 1 ? refKey(ref) : ref.phase;
  return { region: name, expr: f.expr, provenance: f.provenance, source: f.source };
}

/** Readable name of a piece: the phase, plus the piece number when the phase has several. */
export function pieceName(model: Model, ref: RegionRef): string {
  const ph = (model.theory.phases ?? []).find((p) => p.name === ref.phase);
  return ph && ph.regions.length > 1 ? `${ref.phase} (piece ${ref.piece + 1} of ${ph.regions.length})` : ref.phase;
}
