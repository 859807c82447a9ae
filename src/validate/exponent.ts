// `kind: exponent`: a claimed formula for a quantity over a region. The region's points are compared
// with the engine's per-region derivation (seeded fast-check search, shrinking a failure to the simplest
// point); when they all agree, the claim is verified symbolically if nerdamer shows the difference to be
// 0 on every region piece, otherwise by sampled agreement.
import type { RegionRef } from '../engine/model.js';
import { symbolicallyEqual } from '../symbolic/cas.js';
import { compileFormula, toCasString, toText } from './formula.js';
import { hasPhases, inDomain, inPiece, parameterBox, pieceAt, pieceName, quantityAt, quantityIn, refKey, theoryFormula } from './oracle.js';
import type { Resolved, ModelTarget } from './schema.js';
import { findCounterexample, toPoint, type Space } from './search.js';
import type { Verdict } from './verdict.js';

/** Relative agreement of a claimed and a derived exponent (both are exact formulas: only rounding differs). */
export const EXPONENT_TOL = 1e-9;

export function agrees(claimed: number, actual: number): boolean {
  return Number.isFinite(claimed) && Math.abs(claimed - actual) <= EXPONENT_TOL * (1 + Math.abs(actual));
}

export interface CheckOptions {
  seed: number;
  /** points drawn per region piece */
  samples: number;
  simulate: boolean;
}

const symbolicCache = new Map<string, boolean>();

/** nerdamer's verdict on claimed == derived (false also when it cannot decide or times out). */
function symbolicIdentity(claimed: string, derived: string): boolean {
  const key = `${claimed}\u0000${derived}`;
  let r = symbolicCache.get(key);
  if (r === undefined) {
    try {
      r = symbolicallyEqual(claimed, derived);
    } catch {
      r = false;
    }
    symbolicCache.set(key, r);
  }
  return r;
}

export function checkModelExponent(r: Extract<Resolved, { kind: 'exponent' }> & { target: ModelTarget }, opts: CheckOptions): Verdict {
  const { claim, target, region } = r;
  const { model, params } = target;
  const q = target.quantity!;
  const base = { id: claim.id, kind: claim.kind, model: model.theory.id, quantity: q, seed: opts.seed };
  const claimed = compileFormula(r.formula, params);
  const claimedCas = toCasString(r.formula);
  const box = parameterBox(model);
  const userIneqs = region.type === 'inequalities' ? region.list.map((i) => compileFormula(i.margin, params)) : [];
  const inUserRegion = (x: number[]) => userIneqs.every((m) => m(x) > 1e-6);
  const regionText = region.type === 'phase' ? `phase ${region.phase}` : region.type === 'inequalities' ? `the region ${region.list.map((i) => i.text).join(', ')}` : `the whole domain of ${model.theory.id}`;

  // the spaces searched: each piece of a named phase, or one space (the user's region, or the domain)
  const spaces: Array<{ space: Space; ref: RegionRef | null; name: string }> = [];
  if (region.type === 'phase') {
    const ph = model.theory.phases!.find((p) => p.name === region.phase)!;
    ph.regions.forEach((_, i) => {
      const ref = { phase: ph.name, piece: i };
      spaces.push({ space: { box, inside: (x) => inDomain(model, x) && inPiece(model, ref, x) }, ref, name: pieceName(model, ref) });
    });
  } else {
    const covered = hasPhases(model) ? (x: number[]) => pieceAt(model, x) !== null : (x: number[]) => inDomain(model, x);
    spaces.push({ space: { box, inside: (x) => inUserRegion(x) && covered(x) }, ref: null, name: regionText });
  }

  const hits = new Map<string, RegionRef>();
  const actualAt = (x: number[], ref: RegionRef | null): number | undefined => {
    if (ref) return quantityIn(model, ref, q, x);
    const a = quantityAt(model, q, x);
    if (a?.ref) hits.set(refKey(a.ref), a.ref);
    return a?.value;
  };
  const fails = (ref: RegionRef | null) => (x: number[]) => {
    const a = actualAt(x, ref);
    return a !== undefined && Number.isFinite(a) && !agrees(claimed(x), a);
  };

  let tested = 0;
  const warnings: string[] = [];
  for (const s of spaces) {
    const res = findCounterexample(s.space, fails(s.ref), { seed: opts.seed, runs: opts.samples });
    tested += res.tested;
    if (res.starved && res.tested === 0) {
      if (region.type === 'phase') {
        warnings.push(`${s.name} has no point in the parameter box`);
        continue;
      }
      return {
        ...base,
        status: 'inconclusive',
        method: 'sampling',
        reason: `${regionText} has no point inside the domain${hasPhases(model) ? ' and a phase' : ''} of ${model.theory.id} within the parameter box (${model.theory.parameters.map((p) => `${p.name} in [${p.range.join(', ')}]`).join(', ')})`,
      };
    }
    if (res.counterexample) {
      const x = res.counterexample;
      const ref = s.ref ?? pieceAt(model, x);
      const actual = actualAt(x, s.ref)!;
      const c = claimed(x);
      const finite = Number.isFinite(c);
      return {
        ...base,
        status: 'refuted',
        method: `counterexample found by a seeded search (fast-check, shrunk, then the simplest round point) among ${res.tested} points of ${s.name}`,
        counterexample: {
          point: toPoint(params, x),
          claimed: finite ? c : null,
          actual,
          difference: finite ? c - actual : null,
          note: `${ref ? `in phase ${ref.phase}` : `at this point`} the engine derives ${q} = ${ref ? theoryFormula(model, ref, q).expr : actual}; the claim says ${toText(r.formula)}${finite ? '' : ' (not finite here)'}`,
        },
        theory: ref ? [theoryFormula(model, ref, q)] : undefined,
        samples: tested,
        ...(warnings.length ? { warnings } : {}),
      };
    }
    if (s.ref) hits.set(refKey(s.ref), s.ref);
  }
  if (tested === 0) {
    return { ...base, status: 'inconclusive', method: 'sampling', reason: `${regionText} has no point in the parameter box` };
  }

  // every sampled point agrees: try the symbolic identity on each region piece met
  const refs = [...hits.values()];
  for (const ref of refs) if (model.piece(ref).conjectural) warnings.push(`${pieceName(model, ref)} is conjectural in the paper: ${model.piece(ref).note ?? ''}`.trim());
  const theory = refs.map((ref) => theoryFormula(model, ref, q));
  const symbolic = refs.length > 0 && refs.every((ref) => symbolicIdentity(claimedCas, model.region(ref).derivation.balance.quantities[q].expr));
  const names = [...new Set(refs.map((ref) => ref.phase))].join(', ');
  let method: string;
  if (symbolic && region.type === 'phase') {
    method = `symbolic identity on ${regionText} with the engine's derivation (nerdamer reduces the difference to 0); also agrees at ${tested} sampled points`;
  } else if (symbolic) {
    method = `symbolic identity with the engine's derivation in every phase ${regionText} meets (${names}, found by sampling ${tested} points)`;
  } else {
    method = `sampled agreement at ${tested} points of ${regionText}${names ? ` (phases ${names})` : ''}, |difference| <= ${EXPONENT_TOL} relative; nerdamer did not reduce the difference to 0`;
  }
  return { ...base, status: 'verified', method, theory: theory.length ? theory : undefined, samples: tested, ...(warnings.length ? { warnings } : {}) };
}
