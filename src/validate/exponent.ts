// `kind: exponent`: a claimed formula for a quantity over a region. The region's points are compared
// with the engine's per-region derivation (seeded fast-check search, shrinking a failure to the simplest
// point); when they all agree, the claim is verified symbolically if nerdamer shows the difference to be
// 0 on every region piece, otherwise by sampled agreement.
import { symbolicallyEqual, SymbolicError } from '../symbolic/cas.js';
import { compileFormula, toCasString, toText } from '../symbolic/formula.js';
import { hasPhases, inDomain, inPiece, parameterBox, pieceName, truthAt, type Truth } from './oracle.js';
import type { Resolved, ModelTarget } from './schema.js';
import { findCounterexample, toPoint, MARGIN, type Space } from './search.js';
import { inside } from '../engine/region.js';
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
    } catch (e) {
      if (!(e instanceof SymbolicError)) throw e;
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
  const userMargins = userIneqs.map((m) => (...p: number[]) => m(p));
  const inUserRegion = (x: number[]) => inside(userMargins, x, MARGIN);
  const regionText = region.type === 'phase' ? `phase ${region.phase}` : region.type === 'inequalities' ? `the region ${region.list.map((i) => i.text).join(', ')}` : `the whole domain of ${model.theory.id} (sampled in ${model.theory.parameters.map((p) => `${p.name} in [${p.range.join(', ')}]`).join(', ')})`;

  // the spaces searched: each piece of a named phase, or one space (the user's region, or the domain)
  const spaces: Array<{ space: Space; name: string }> = [];
  if (region.type === 'phase') {
    const ph = model.theory.phases!.find((p) => p.name === region.phase)!;
    ph.regions.forEach((_, i) => {
      const ref = { phase: ph.name, piece: i };
      spaces.push({ space: { box, inside: (x) => inDomain(model, x) && inPiece(model, ref, x) && truthAt(model, q, x) !== undefined, key: `${model.theory.id}|${ref.phase}#${i}|${q}` }, name: pieceName(model, ref) });
    });
  } else {
    const key = `${model.theory.id}|${region.type === 'inequalities' ? region.list.map((i) => i.text).join(';') : '*'}|${q}`;
    spaces.push({ space: { box, inside: (x) => inUserRegion(x) && truthAt(model, q, x) !== undefined, key }, name: regionText });
  }

  // the formulas met (per region piece or per expression), for the symbolic comparison and provenance
  const met = new Map<string, Truth>();
  const fails = (x: number[]) => {
    const t = truthAt(model, q, x);
    if (!t) return false;
    if (!met.has(t.key)) met.set(t.key, t);
    return !agrees(claimed(x), t.value);
  };

  let tested = 0;
  const warnings: string[] = [];
  for (const s of spaces) {
    const res = findCounterexample(s.space, fails, { seed: opts.seed, runs: opts.samples });
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
      const t = truthAt(model, q, x)!;
      const c = claimed(x);
      const finite = Number.isFinite(c);
      return {
        ...base,
        status: 'refuted',
        method: `counterexample found by a seeded search over ${s.name} (fast-check, failure at draw ${res.tested}, shrunk, then moved to the simplest round point)`,
        counterexample: {
          point: toPoint(target.names ?? params, x),
          claimed: finite ? c : null,
          actual: t.value,
          difference: finite ? c - t.value : null,
          note: `${t.ref ? `in phase ${t.ref.phase}` : 'here'} the theory has ${q} = ${t.theory.expr ?? t.expr} [${t.theory.provenance}]; the claim says ${toText(r.formula)}${finite ? '' : ' (not finite here)'}`,
        },
        theory: [t.theory],
        samples: tested,
        ...(warnings.length ? { warnings } : {}),
      };
    }
  }
  if (tested === 0) {
    return { ...base, status: 'inconclusive', method: 'sampling', reason: `${regionText} has no point in the parameter box` };
  }

  // every sampled point agrees: try the symbolic identity with each formula met
  const truths = [...met.values()];
  for (const t of truths) if (t.ref && model.piece(t.ref).conjectural) warnings.push(`${pieceName(model, t.ref)} is conjectural in the paper: ${model.piece(t.ref).note ?? ''}`.trim());
  const theory = truths.map((t) => t.theory);
  // (engine expression == closed form was shown symbolically at derivation time: comparing the claim
  // with the simpler closed form first is the same identity, and cheaper for nerdamer)
  const symbolic = truths.length > 0 && truths.every((t) => (t.simpler !== undefined && symbolicIdentity(claimedCas, t.simpler)) || symbolicIdentity(claimedCas, t.expr));
  const names = [...new Set(truths.map((t) => t.ref?.phase).filter(Boolean))].join(', ');
  let method: string;
  if (symbolic && region.type === 'phase' && !q.startsWith('bottleneck.')) {
    method = `symbolic identity on ${regionText} with the engine's derivation (nerdamer reduces the difference to 0); also agrees at ${tested} sampled points`;
  } else if (symbolic) {
    method = `symbolic identity with each of the theory's formulas met in ${regionText} (${names ? `phases ${names}, ` : ''}${truths.length} formula${truths.length === 1 ? '' : 's'}, found by sampling ${tested} points)`;
  } else {
    method = `sampled agreement at ${tested} points of ${regionText}${names ? ` (phases ${names})` : ''}, |difference| <= ${EXPONENT_TOL} relative; nerdamer did not reduce the difference to 0`;
  }
  return { ...base, status: 'verified', method, theory: theory.length ? theory : undefined, samples: tested, ...(warnings.length ? { warnings } : {}) };
}
