// Monomials in the model's variables: `t^(-s)`, `d^(-1)*t^(-p)`, `gamma*t^(-q)`, `d*B*r`.
// A monomial is a product of factors `v` or `v^(expr)`; its log form is sum_v expr_v * log v.

export interface Monomial {
  /** variable -> exponent expression (in the parameters and definitions) */
  exponents: Record<string, string>;
  /** a purely numeric factor, e.g. `1` in `gamma = 1` */
  constant?: number;
}

/** Split at top-level occurrences of `sep` (outside parentheses). */
function splitTop(s: string, sep: string): string[] {
  const out: string[] = [];
  let depth = 0, start = 0;
  for (let i = 0; i < s.length; i++) {
    const c = s[i];
    if (c === '(') depth++;
    else if (c === ')') depth--;
    else if (c === sep && depth === 0) {
      out.push(s.slice(start, i));
      start = i + 1;
    }
  }
  out.push(s.slice(start));
  return out.map((x) => x.trim());
}

/** The index of the parenthesis that closes the one at index 0. */
function closingParen(s: string): number {
  let depth = 0;
  for (let i = 0; i < s.length; i++) {
    if (s[i] === '(') depth++;
    else if (s[i] === ')' && --depth === 0) return i;
  }
  return -1;
}

/** Parse a monomial over `variables`; throws with the offending factor named. */
export function parseMonomial(text: string, variables: readonly string[]): Monomial {
  const exponents: Record<string, string> = {};
  let constant: number | undefined;
  for (const factor of splitTop(text.trim(), '*')) {
    if (factor === '') throw new Error(`monomial '${text}': empty factor`);
    const pow = splitTop(factor, '^');
    const base = pow[0];
    if (/^[0-9.]+$/.test(base) && pow.length === 1) {
      constant = (constant ?? 1) * Number(base);
      continue;
    }
    if (!variables.includes(base)) {
      throw new Error(`monomial '${text}': factor '${factor}' is not a power of a variable (${variables.join(', ')})`);
    }
    if (pow.length > 2) throw new Error(`monomial '${text}': write '${base}^(...)' with one exponent`);
    const exp = pow.length === 2 ? pow[1] : '1';
    // the exponent is one number, one name or one parenthesised group: `D^(-b) + 1` is not D^((-b) + 1)
    if (pow.length === 2 && !/^(-?[0-9.]+|[A-Za-z_][A-Za-z0-9_]*|\(.*\))$/.test(exp)) throw new Error(`monomial '${text}': the exponent of ${base} must be a number, a name or one parenthesised expression (got '${exp}')`);
    if (pow.length === 2 && exp.startsWith('(') && closingParen(exp) !== exp.length - 1) throw new Error(`monomial '${text}': the exponent of ${base} must be one parenthesised expression (got '${exp}')`);
    exponents[base] = base in exponents ? `(${exponents[base]}) + (${exp})` : exp;
  }
  return constant === undefined ? { exponents } : { exponents, constant };
}

/** The log form `sum_v e_v * L_v` of a monomial, with `logName(v)` the symbol standing for log v. */
export function logForm(m: Monomial, logName: (v: string) => string): string {
  const parts = Object.entries(m.exponents).map(([v, e]) => `(${e})*${logName(v)}`);
  return parts.length ? parts.join(' + ') : '0';
}
