// `infer --from-fit fit.json`: the exponents of a fitted law (`fit --json`, parametric or IsoFLOP) as
// measurements of a theory's quantities (docs/infer.md, "From a fit"). The correspondence is read off
// the theory's own description of its quantities, never off its id [derived; each an assumption]:
//   a (N_opt ~ C^a)       <-> the quantity `X* ~ C^x` whose variable X the theory calls a parameter count
//                             (else a width / number of features, stated as an extra assumption);
//   b (D_opt ~ C^b)       <-> the quantity whose variable is a data size (samples, tokens, data);
//   c (L* - E ~ C^(-c))   <-> the theory's loss quantity (L* ~ C^(-x)): the fit's reducible loss is the
//                             theory's loss, which has no floor.
// A fit of the Chinchilla form E + A/N^alpha + B/D^beta that reports no loss exponent gets
// c = alpha*beta/(alpha + beta) [derived: docs/theory/chinchilla.md §3], its interval the image of the
// rectangle of alpha's and beta's intervals (c increases in both), which covers at least the joint
// probability of the two marginal intervals (>= 90% for two 95% intervals).
// Every interval is rounded outward to 4 significant digits (the printed conditions stay short).
import { fromExact, roundedRat, type Interval } from './measurement.js';
import type { TheoryFile } from '../engine/types.js';

export interface FitExponent {
  value: number;
  ci: [number, number];
}

export interface Correspondence {
  quantity: string;
  /** the fit's exponent it is read from (a, b, c) */
  from: string;
  fitted: FitExponent;
  statement: string;
  provenance: 'derived';
}

export interface FromFit {
  measured: Record<string, Interval>;
  correspondence: Correspondence[];
  notes: string[];
}

export class FitFileError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'FitFileError';
  }
}

const DIGITS = 4;

function exponentOf(x: unknown, where: string): FitExponent | undefined {
  if (x === undefined || x === null) return undefined;
  const o = x as { value?: unknown; ci?: unknown };
  if (typeof o !== 'object' || typeof o.value !== 'number' || !Number.isFinite(o.value)) throw new FitFileError(`${where} has no finite "value"`);
  const ci = o.ci;
  if (!Array.isArray(ci) || ci.length !== 2 || !ci.every((v) => typeof v === 'number' && Number.isFinite(v)) || !(ci[0] < ci[1]))
    throw new FitFileError(`${where} has no interval "ci": [lo, hi] with lo < hi (run fit with --bootstrap > 0)`);
  return { value: o.value, ci: [ci[0], ci[1]] };
}

/** The exponents of a fit's JSON: a, b and, where present or derivable, the loss exponent c. */
export function fitExponents(json: unknown): { a?: FitExponent; b?: FitExponent; c?: FitExponent; cSource?: string; kind: string } {
  if (typeof json !== 'object' || json === null || Array.isArray(json)) throw new FitFileError('it is not a JSON object (give the output of `fit --json`)');
  const j = json as { approach?: unknown; law?: unknown; exponents?: Record<string, unknown>; params?: Record<string, unknown> };
  if (typeof j.exponents !== 'object' || j.exponents === null) throw new FitFileError('it has no "exponents" object (give the output of `fit --json`)');
  const e = j.exponents;
  const a = exponentOf(e.a, 'exponents.a');
  const b = exponentOf(e.b, 'exponents.b');
  if (!a && !b) throw new FitFileError('its "exponents" has neither "a" (N_opt ~ C^a) nor "b" (D_opt ~ C^b)');
  const kind = j.approach === 'isoflop' ? 'IsoFLOP fit (Approach 2)' : `parametric fit of ${typeof j.law === 'string' ? j.law : 'a law'}`;
  for (const key of ['c', 'loss', 'lossExponent', 'eta']) {
    const c = exponentOf(e[key], `exponents.${key}`);
    if (c) return { a, b, c, cSource: `exponents.${key} of the fit`, kind };
  }
  const p = j.params;
  if (typeof j.law === 'string' && /A\s*\/\s*N\s*\^\s*alpha/.test(j.law) && /B\s*\/\s*D\s*\^\s*beta/.test(j.law) && p) {
    const al = exponentOf(p.alpha, 'params.alpha');
    const be = exponentOf(p.beta, 'params.beta');
    if (al && be && al.ci[0] > 0 && be.ci[0] > 0) {
      const f = (x: number, y: number) => (x * y) / (x + y);
      return { a, b, c: { value: f(al.value, be.value), ci: [f(al.ci[0], be.ci[0]), f(al.ci[1], be.ci[1])] }, cSource: 'c = alpha*beta/(alpha + beta) of the fitted law [derived: docs/theory/chinchilla.md §3], interval from the rectangle of the alpha and beta intervals', kind };
    }
  }
  return { a, b, kind };
}

const PARAMS = /param/i;
const WIDTH = /width|features/i;
const DATA = /sample|token|data/i;

/** Map a fit's exponents to the quantities of a theory. */
export function fromFit(json: unknown, theory: TheoryFile): FromFit {
  const ex = fitExponents(json);
  const vars = theory.variables ?? {};
  const describe = (v: string | undefined) => (v !== undefined && Object.hasOwn(vars, v) ? String(vars[v]) : '');
  const variableQ = theory.quantities.filter((q) => q.kind === 'variable');
  const out: FromFit = { measured: {}, correspondence: [], notes: [] };
  const add = (quantity: string, from: string, fitted: FitExponent, statement: string) => {
    const lo = roundedRat(fitted.ci[0], DIGITS, 'down');
    const hi = roundedRat(fitted.ci[1], DIGITS, 'up');
    out.measured[quantity] = fromExact(fitted.value, lo, hi, `${from} of the fit: ${fitted.value.toPrecision(4)} [${fitted.ci[0].toPrecision(4)}, ${fitted.ci[1].toPrecision(4)}]`);
    out.correspondence.push({ quantity, from, fitted, statement, provenance: 'derived' });
  };
  if (ex.a) {
    const byParams = variableQ.find((q) => PARAMS.test(describe(q.variable)));
    const byWidth = variableQ.find((q) => WIDTH.test(describe(q.variable)));
    const q = byParams ?? byWidth;
    if (q) {
      const extra = byParams ? '' : `; ${q.variable} is a ${describe(q.variable)}, taken to scale like the parameter count [assumption]`;
      add(q.name, 'a', ex.a, `${q.name} <-> a: ${theory.id}'s ${q.variable} (${describe(q.variable)}) ~ N, the fit's parameter count, so ${q.variable}* ~ C^${q.name} is N_opt ~ C^a [assumption: the measured models scale like the theory; constant factors between the theory's compute and the fit's C = 6*N*D leave exponents unchanged]${extra}`);
    } else out.notes.push(`a is not used: no quantity of ${theory.id} is the optimal size of a parameter count (its quantities: ${theory.quantities.map((x) => `${x.name}: ${x.description}`).join('; ')})`);
  }
  if (ex.b) {
    const q = variableQ.find((x) => DATA.test(describe(x.variable)) && !out.measured[x.name]);
    if (q) add(q.name, 'b', ex.b, `${q.name} <-> b: ${theory.id}'s ${q.variable} (${describe(q.variable)}) ~ D, the fit's training data, so ${q.variable}* ~ C^${q.name} is D_opt ~ C^b [assumption]`);
    else out.notes.push(`b is not used: no quantity of ${theory.id} is the optimal size of a data set`);
  }
  const lossQ = theory.quantities.find((q) => q.kind === 'loss');
  if (ex.c && lossQ) add(lossQ.name, 'c', ex.c, `${lossQ.name} <-> c: the fit's reducible loss L* - E ~ C^(-c) is ${theory.id}'s loss (${lossQ.description}) [assumption: the theory's loss has no floor; E is the fit's irreducible part]; c from ${ex.cSource}`);
  else if (!ex.c) out.notes.push('the fit reports no loss exponent (and its law is not of the form E + A/N^alpha + B/D^beta): the loss quantity is not constrained');
  if (Object.keys(out.measured).length === 0) throw new FitFileError(`none of its exponents corresponds to a quantity of ${theory.id}: ${out.notes.join('; ')}`);
  out.notes.unshift(`the fit is a ${ex.kind}; its intervals are rounded outward to ${DIGITS} significant digits`);
  return out;
}
