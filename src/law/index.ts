// User-written scaling laws: the entry points for other modules (the derivation validator, the CLI).
//   parseLaw("E + A/N^alpha + B/D^beta", "C = 6*N*D")  -> terms + an engine TheoryFile
//   lawExponents(parsed, {alpha, beta})                  -> engine exponents a, b, loss (expr, LaTeX)
//   lawOptimum(parsed, values, C)                        -> exact optimum along the constraint
//   deriveLawQuantity(law, constraint, "N_opt", values)  -> one exponent, by quantity name
import { parseLaw, type ParsedLaw, type ParseLawOptions, UnsupportedLawError } from './parse.js';
import { lawExponents, lawOptimum, type LawExponent } from './allocate.js';

export { parseLaw, lawExponents, lawOptimum, UnsupportedLawError };
export type { ParsedLaw, LawExponent };
export { LawSyntaxError } from './expr.js';

const parsed = new Map<string, ParsedLaw>();

/** The one cache of parsed laws: one parse per law text, constraint and provenance. */
export function cachedLaw(law: string, constraint: string, options: ParseLawOptions = {}): ParsedLaw {
  const key = [law, constraint, options.provenance ?? '', options.source ?? '', options.id ?? ''].join('\u0000');
  let p = parsed.get(key);
  if (!p) {
    p = parseLaw(law, constraint, options);
    parsed.set(key, p);
  }
  return p;
}

/**
 * The engine's exponent of one quantity of a written law: `<allocated>_opt` (e.g. N_opt ~ C^a),
 * `<other>_opt` (D_opt ~ C^b) or `loss` (L* - L_inf ~ C^(-loss)). `values` must give the exponent symbols.
 */
export function deriveLawQuantity(law: string, constraint: string, quantity: string, values: Record<string, number>): LawExponent {
  const p = cachedLaw(law, constraint);
  const ex = lawExponents(p, values);
  if (quantity === `${p.allocate}_opt` || quantity === 'a') return ex.a;
  if (quantity === `${p.other}_opt` || quantity === 'b') return ex.b;
  if (quantity === 'loss') return ex.loss;
  throw new UnsupportedLawError(`quantity '${quantity}' is not one of ${p.allocate}_opt, ${p.other}_opt, loss (law ${law}, constraint ${constraint})`);
}
