// The computer-algebra layer: every call into nerdamer goes through this file.
//
// nerdamer (here the maintained fork nerdamer-prime) is used for exact algebra on exponents, which are
// rational functions of the model parameters. Known hazards (../shared/reference/libraries.md §2):
// - it cannot solve with symbolic exponents, so the engine works in log form (linear equations only);
// - `E` is Euler's number, `gamma` a function: user names are renamed before they reach nerdamer;
// - some inputs hang: nerdamer-prime arms an internal timer (Settings.TIMEOUT) and throws 'timeout';
//   we set that budget and turn it into a SymbolicTimeoutError that names the expression;
// - every parsed expression is stored globally: `flush()` after batches.
import nerdamerImport from 'nerdamer-prime';

// The ESM build exports the namespace function as default.
const nerdamer: any = nerdamerImport as any;

/** Budget, in milliseconds, of any single symbolic call. */
export const SYMBOLIC_TIMEOUT_MS = 3000;
nerdamer.set('TIMEOUT', SYMBOLIC_TIMEOUT_MS);

/** A symbolic call that failed (nerdamer threw): the caller may fall back to a numeric comparison. */
export class SymbolicError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'SymbolicError';
  }
}

/** A symbolic call that ran past SYMBOLIC_TIMEOUT_MS. */
export class SymbolicTimeoutError extends SymbolicError {
  constructor(what: string, expr: string) {
    super(`symbolic ${what} of '${expr}' did not finish within ${SYMBOLIC_TIMEOUT_MS} ms (nerdamer timeout)`);
    this.name = 'SymbolicTimeoutError';
  }
}

let calls = 0;
function guarded<T>(what: string, expr: string, fn: () => T): T {
  const t0 = Date.now();
  try {
    const out = fn();
    if (++calls % 200 === 0) nerdamer.flush();
    return out;
  } catch (e) {
    const msg = e instanceof Error ? e.message : String(e);
    if (msg === 'timeout' || Date.now() - t0 > SYMBOLIC_TIMEOUT_MS) throw new SymbolicTimeoutError(what, expr);
    throw new SymbolicError(`symbolic ${what} of '${expr}' failed: ${msg}`);
  }
}

/** Parse and return nerdamer's canonical string of an expression (no simplification beyond parsing). */
export function canonical(expr: string): string {
  return guarded('parse', expr, () => nerdamer(expr).toString());
}

/** Substitute symbols by expressions (each wrapped in parentheses). */
export function substitute(expr: string, subs: Record<string, string>): string {
  return guarded('substitution', expr, () => {
    let e = nerdamer(expr);
    for (const [name, value] of Object.entries(subs)) e = e.sub(name, `(${value})`);
    return e.toString();
  });
}

/**
 * Numeric guard: nerdamer's rewrites are not always sound (its simplify turns s/(s + sigma) with
 * s = sigma/(2 alpha) into 1/(4 + 8 alpha) instead of 1/(1 + 2 alpha)), so every rewritten form is checked
 * against its input at fixed generic points before it is used.
 */
const PROBES = [
  [0.7371, 1.2913, 0.5531, 1.8117, 0.9173],
  [1.4142, 0.618, 1.1731, 0.8419, 2.3026],
  [0.9311, 1.7321, 0.6931, 1.3333, 0.4472],
  [1.6487, 0.8862, 1.2599, 0.5773, 1.0986],
];

function valueAt(expr: string, vars: string[], probe: number[]): number {
  const scope: Record<string, number> = {};
  vars.forEach((v, i) => (scope[v] = probe[i % probe.length] + 0.01 * Math.floor(i / probe.length)));
  try {
    return Number(nerdamer(expr).evaluate(scope).text('decimals'));
  } catch {
    return NaN;
  }
}

/** True when two expressions agree at the generic probe points (and at least two of them are finite). */
export function numericallyAgree(a: string, b: string): boolean {
  const vars = [...new Set([...(nerdamer(a).variables() as string[]), ...(nerdamer(b).variables() as string[])])].sort();
  let finite = 0;
  for (const probe of PROBES) {
    const x = valueAt(a, vars, probe);
    const y = valueAt(b, vars, probe);
    if (!Number.isFinite(x) && !Number.isFinite(y)) continue;
    if (!Number.isFinite(x) || !Number.isFinite(y)) return false;
    if (Math.abs(x - y) > 1e-9 * (1 + Math.abs(x) + Math.abs(y))) return false;
    finite++;
  }
  return finite >= 2;
}

/**
 * nerdamer's simplify (and its factored form), kept only where it numerically agrees with the input;
 * the shortest surviving form is returned. Falls back to the input unchanged.
 */
export function simplify(expr: string): string {
  return guarded('simplification', expr, () => {
    const input = nerdamer(expr).toString();
    const forms: string[] = [input];
    try {
      const r = nerdamer(`simplify(${input})`).toString();
      if (r !== input && numericallyAgree(r, input)) {
        forms.push(r);
        const f = nerdamer(`factor(${r})`).toString();
        if (f !== r && f.length < r.length && numericallyAgree(f, input)) forms.push(f);
      } else if (r !== input) {
        const e = nerdamer(`expand(${input})`).toString();
        if (numericallyAgree(e, input)) forms.push(e);
      }
    } catch {
      /* keep the input */
    }
    return forms.sort((a, b) => a.length - b.length || a.localeCompare(b))[0];
  });
}

/**
 * True when `a - b` reduces to 0 under nerdamer's simplify or expand and the two agree numerically.
 * A false answer proves nothing (the CAS may miss an identity): callers fall back to sampling.
 */
export function symbolicallyEqual(a: string, b: string): boolean {
  return guarded('comparison', `${a} = ${b}`, () => {
    const diff = `(${a}) - (${b})`;
    for (const f of ['simplify', 'expand']) {
      if (nerdamer(`${f}(${diff})`).toString() === '0' && numericallyAgree(a, b)) return true;
    }
    return false;
  });
}

/** Solve a single linear equation `lhs = rhs` for `unknown`; returns the unique solution. */
export function solveLinear(equation: string, unknown: string): string {
  return guarded('solution', equation, () => {
    const sols = nerdamer.solve(equation, unknown);
    const list: string[] = String(sols.toString()).replace(/^\[|\]$/g, '').split(',').filter((x) => x.length > 0);
    if (list.length !== 1) throw new Error(`expected one solution for ${unknown}, got ${list.length}`);
    return list[0];
  });
}

/** Solve a linear system; returns unknown -> expression. */
export function solveSystem(equations: string[], unknowns: string[]): Record<string, string> {
  if (equations.length === 0) return {};
  // nerdamer's solveEquations fails on a one-equation system (C = N*t): solve it as a single equation
  if (equations.length === 1 && unknowns.length === 1) return { [unknowns[0]]: solveLinear(equations[0], unknowns[0]) };
  return guarded('system solution', equations.join('; '), () => {
    const sol = nerdamer.solveEquations(equations, unknowns) as Array<[string, unknown]>;
    const out: Record<string, string> = {};
    for (const [name, value] of sol) out[name] = nerdamer(String(value)).toString();
    for (const u of unknowns) if (!(u in out)) throw new Error(`no solution for ${u}`);
    return out;
  });
}

/** The coefficient of `symbol` in an expression that is linear in it (exact). */
export function linearCoefficient(expr: string, symbol: string, others: string[]): string {
  const zero: Record<string, string> = {};
  for (const o of others) zero[o] = '0';
  return guarded('expansion', expr, () => nerdamer(`expand(${substitute(expr, { ...zero, [symbol]: '1' })})`).toString());
}

/** LaTeX of an expression (nerdamer's printer). */
export function toLatex(expr: string): string {
  return guarded('LaTeX rendering', expr, () => nerdamer(expr).toTeX());
}

/** JavaScript source of a function of `params` computing `expr` (plain Math calls; cacheable). */
export function jsBody(expr: string, params: readonly string[]): string {
  return guarded('compilation', expr, () => {
    const src = nerdamer(expr).buildFunction([...params]).toString();
    const m = src.match(/\{\s*return([\s\S]*);\s*\}\s*$/);
    if (!m) throw new Error(`unexpected compiled form: ${src}`);
    return m[1].trim();
  });
}

/** Numeric value of a constant expression (e.g. `1 - 1/sqrt(2)`). */
export function numericValue(expr: string): number {
  return guarded('evaluation', expr, () => Number(nerdamer(expr).evaluate().text('decimals')));
}

/** The free symbols of an expression. */
export function freeSymbols(expr: string): string[] {
  return guarded('parse', expr, () => nerdamer(expr).variables() as string[]);
}

/** Release nerdamer's global expression store. */
export function flush(): void {
  nerdamer.flush();
}
