// The runtime schema of a theory file (the shape of src/engine/types.ts TheoryFile), built-in or user,
// with the user shorthands of issue 12 (docs/theory-files.md): the shape is checked by zod, then every
// formula is read by the one safe reader (src/symbolic/formula.ts) and every form by parseMonomial
// (src/engine/monomial.ts). The output is a normalised TheoryFile that `new Model(theory)` accepts.
import { z } from 'zod';
import { parseFormula, parseInequality } from '../symbolic/formula.js';
import { parseMonomial } from '../engine/monomial.js';
import { rationalOf } from '../symbolic/print.js';
import type { TheoryFile, ProvenanceTag } from '../engine/types.js';

/** Limits on hostile content (a theory file is user input). */
export const LIMITS = {
  /** bytes of a file */
  fileSize: 256 * 1024,
  /** characters of one expression (condition, form, exponent, equation, coefficient) */
  expressionLength: 400,
  /** parenthesis nesting of one expression */
  expressionDepth: 12,
  /** characters of a free-text field (description, source, note) */
  textLength: 2000,
  /** nesting of the document's maps and lists */
  documentDepth: 12,
  /** characters of an exponent with the definitions substituted (definitions that double at each step are refused) */
  expandedLength: 4000,
  /** YAML aliases resolved (yaml's maxAliasCount) */
  aliases: 100,
} as const;

/** Map keys that would reach an object's prototype. */
export const PROTOTYPE_KEYS = ['__proto__', 'constructor', 'prototype'] as const;

export const PROVENANCE_TAGS = ['paper', "authors' code", 'derived', 'reconstruction', 'unverified', 'empirical', 'user'] as const satisfies readonly ProvenanceTag[];

/** A location-free problem: the path in the (normalised) file, what was found and what is expected. */
export interface Problem {
  path: (string | number)[];
  expected: string;
  /** overrides the value at `path` as what was found */
  found?: string;
}

const IDENT = /^[A-Za-z_][A-Za-z0-9_]*$/;

const text = z.string().max(LIMITS.textLength);
const name = z.string().regex(IDENT, { error: 'a name: a letter or _ followed by letters, digits or _' });
/** A phase, variant or bottleneck label (shown, never read as a formula): `Ia`, `unique-data`. */
const label = z.string().regex(/^[A-Za-z0-9][A-Za-z0-9_.+-]*$/, { error: 'a label: letters, digits, _ . + -' }).max(80);
const expr = z.string().min(1).max(LIMITS.expressionLength);
const provenance = z.enum(PROVENANCE_TAGS).default('user');
const conditions = z.array(expr);

const parameter = z.strictObject({
  name,
  latex: text.optional(),
  description: text.default(''),
  range: z.tuple([z.number(), z.number()]),
}).transform((p) => ({ name: p.name, latex: p.latex ?? p.name, description: p.description, range: p.range as [number, number] }));

/** `- alpha > 0` (a plain condition) or `{condition, reason, provenance, source}`. */
const domainEntry = z.preprocess(
  (v) => (typeof v === 'string' ? { condition: v } : v),
  z.strictObject({ condition: expr, reason: text.optional(), provenance, source: text.optional() }),
);

const termCase = z.strictObject({
  when: conditions.default([]),
  form: expr,
  coefficient: expr.optional(),
  validity: expr.optional(),
  note: text.optional(),
  provenance,
  source: text.optional(),
});
const CASE_KEYS = ['when', 'form', 'coefficient', 'validity', 'note', 'provenance', 'source'];

/** A term with `cases`, or the shorthand `form` (optional `when`, `coefficient`...) for one case. */
const term = z.preprocess(
  (v) => {
    if (!v || typeof v !== 'object' || Array.isArray(v) || !('form' in v) || 'cases' in v) return v;
    const rec = v as Record<string, unknown>;
    const head: Record<string, unknown> = {};
    const one: Record<string, unknown> = {};
    for (const k of Object.keys(rec)) (CASE_KEYS.includes(k) ? one : head)[k] = rec[k];
    return { ...head, cases: [one] };
  },
  z.strictObject({ name, latex: text.optional(), description: text.default(''), cases: z.array(termCase) }),
).transform((t) => ({ name: t.name, latex: t.latex ?? t.name, description: t.description, cases: t.cases }));

/** `- t = gamma*B*r` (a plain equation) or `{equation, when, provenance, source}`. */
const relation = z.preprocess(
  (v) => (typeof v === 'string' ? { equation: v } : v),
  z.strictObject({ equation: expr, when: conditions.optional(), note: text.optional(), provenance, source: text.optional() }),
);

const compute = z.strictObject({
  budget: name,
  allocate: name,
  constraint: relation,
  relations: z.array(relation).default([]),
  constants: z.array(name).default([]),
  unbounded: z.array(name).optional(),
});

const quantity = z.strictObject({
  name,
  latex: text.optional(),
  description: text.default(''),
  kind: z.enum(['variable', 'loss']),
  variable: name.optional(),
  sign: z.union([z.literal(1), z.literal(-1)], { error: 'sign 1 or -1' }),
}).transform((q) => ({ ...q, latex: q.latex ?? q.name }));

const regionPiece = z.strictObject({ conditions, conjectural: z.boolean().optional(), note: text.optional(), provenance, source: text.optional() });
const phase = z.strictObject({ name: label, description: text.default(''), bottleneck: text.optional(), regions: z.array(regionPiece).min(1) });
const closedForm = z.strictObject({ phase: label, quantity: name, expr, provenance, source: text.optional() });
const bottleneck = z.strictObject({ name: label, variable: name, description: text.default('') });
const variant = z.strictObject({ title: text, description: text.default(''), terms: z.array(term), phases: z.array(phase).optional(), closedForms: z.array(closedForm).optional() });

/** The shape (zod); `checkTheory` adds the semantic checks. */
export const theoryFileSchema = z.strictObject({
  id: z.string().regex(/^[A-Za-z0-9][A-Za-z0-9_.-]*$/, { error: 'an id: letters, digits, _ . -' }).max(80),
  title: text,
  citation: text.default(''),
  url: text.optional(),
  reference: text.default(''),
  parameters: z.array(parameter).min(1),
  domain: z.array(domainEntry).default([]),
  definitions: z.record(name, expr).default({}),
  variables: z.record(name, text),
  terms: z.array(term).min(1),
  compute,
  quantities: z.array(quantity).min(1),
  phases: z.array(phase).optional(),
  groups: z.record(name, z.array(name).min(1)).optional(),
  closedForms: z.array(closedForm).optional(),
  bottlenecks: z.array(bottleneck).optional(),
  variants: z.record(label, variant).optional(),
  example: z.record(name, z.number()).default({}),
  notes: z.array(text).optional(),
});

// ---- semantic checks -------------------------------------------------------------------------------

/** Length and parenthesis depth of an expression (before any parser sees it). */
function expressionLimits(s: string): string | null {
  if (s.length > LIMITS.expressionLength) return `an expression of at most ${LIMITS.expressionLength} characters`;
  let depth = 0, max = 0;
  for (const c of s) {
    if (c === '(') max = Math.max(max, ++depth);
    else if (c === ')') depth--;
  }
  if (max > LIMITS.expressionDepth) return `an expression nested at most ${LIMITS.expressionDepth} parentheses deep (found ${max})`;
  return null;
}

/** A prefactor (coefficient): numbers, names (c_beta, kappa, pi), functions (fact, sin), + - * / ^ and parentheses. */
const PREFACTOR = /^[A-Za-z0-9_+\-*/^()., ]+$/;

/** Names a prefactor definition may use besides the parameters and definitions. */
const PREFACTOR_NAMES = ['pi', 'e', 'sin', 'cos', 'tan', 'fact', 'gamma', 'zeta', 'sqrt', 'exp', 'log', 'ln', 'abs', 'min', 'max'];

function readable(s: string, names: string[]): boolean {
  try {
    parseFormula(s, names);
    return true;
  } catch {
    return false;
  }
}

/**
 * parseMonomial reads `D^(-b) + 1` as D^((-b) + 1): every `^` must be followed by a number, a name or one
 * parenthesised group, and that by `*` or the end. Returns the offending rest, or null.
 */
function looseExponent(s: string): string | null {
  for (let i = s.indexOf('^'); i >= 0; i = s.indexOf('^', i + 1)) {
    let j = i + 1;
    while (s[j] === ' ') j++;
    if (s[j] === '(') {
      let depth = 0;
      for (; j < s.length; j++) {
        if (s[j] === '(') depth++;
        else if (s[j] === ')' && --depth === 0) break;
      }
      j++;
    } else {
      const m = s.slice(j).match(/^-?[A-Za-z0-9_.]+/);
      if (!m) return s.slice(i);
      j += m[0].length;
    }
    while (s[j] === ' ') j++;
    if (j < s.length && s[j] !== '*') return s.slice(i);
  }
  return null;
}

/** The factors of a product at parenthesis depth 0 (`N^(a*b)*D` -> `N^(a*b)`, `D`). */
function topLevelFactors(s: string): string[] {
  const out: string[] = [];
  let depth = 0, start = 0;
  for (let i = 0; i < s.length; i++) {
    if (s[i] === '(') depth++;
    else if (s[i] === ')') depth--;
    else if (s[i] === '*' && depth === 0) {
      out.push(s.slice(start, i));
      start = i + 1;
    }
  }
  return [...out, s.slice(start)];
}

const msg = (e: unknown) => (e instanceof Error ? e.message : String(e));

/**
 * The semantic problems of a shape-valid theory (first found first; empty: the theory is sound).
 * Conditions are read over the parameters only: the engine compiles them so (src/engine/condition.ts).
 */
export function semanticProblems(t: TheoryFile): Problem[] {
  const out: Problem[] = [];
  const params = t.parameters.map((p) => p.name);
  const defs = Object.keys(t.definitions);
  const vars = Object.keys(t.variables);

  // names: unique, and no name both a parameter, a definition and a variable
  const seen = new Map<string, string>();
  const claim = (n: string, what: string, path: (string | number)[]) => {
    const prev = seen.get(n);
    if (prev) out.push({ path, expected: `a name not already used (${n} is already ${prev})` });
    else seen.set(n, what);
  };
  t.parameters.forEach((p, i) => claim(p.name, 'a parameter', ['parameters', i, 'name']));
  defs.forEach((d) => claim(d, 'a definition', ['definitions', d]));
  vars.forEach((v) => claim(v, 'a variable', ['variables', v]));
  const unique = (names: string[], what: string, path: (i: number) => (string | number)[]) =>
    names.forEach((n, i) => {
      if (names.indexOf(n) !== i) out.push({ path: path(i), expected: `a ${what} name used once (${n} is repeated)` });
    });
  unique(t.terms.map((x) => x.name), 'term', (i) => ['terms', i, 'name']);
  unique(t.quantities.map((x) => x.name), 'quantity', (i) => ['quantities', i, 'name']);
  unique((t.phases ?? []).map((x) => x.name), 'phase', (i) => ['phases', i, 'name']);
  for (const [g, members] of Object.entries(t.groups ?? {})) members.forEach((m, i) => (t.phases ?? []).some((p) => p.name === m) || out.push({ path: ['groups', g, i], expected: `a phase of the theory (${(t.phases ?? []).map((p) => p.name).join(', ') || 'it states none'})` }));

  t.parameters.forEach((p, i) => {
    const [lo, hi] = p.range;
    if (!Number.isFinite(lo) || !Number.isFinite(hi) || !(lo < hi)) out.push({ path: ['parameters', i, 'range'], expected: 'a range [low, high] of finite numbers with low < high' });
  });

  const formula = (s: string, names: string[], path: (string | number)[], what: string) => {
    const lim = expressionLimits(s);
    if (lim) return void out.push({ path, expected: lim });
    try {
      parseFormula(s, names);
    } catch (e) {
      out.push({ path, expected: `${what} (${msg(e)})` });
    }
  };
  const condition = (s: string, path: (string | number)[]) => {
    const lim = expressionLimits(s);
    if (lim) return void out.push({ path, expected: lim });
    try {
      parseInequality(s, params);
    } catch (e) {
      // a variable or a definition in a condition: say so (conditions are read over the parameters only)
      const other = (s.match(/[A-Za-z_][A-Za-z0-9_]*/g) ?? []).find((n) => vars.includes(n) || defs.includes(n));
      const why = other ? `${other} is ${vars.includes(other) ? 'a variable' : 'a definition'}: a condition may use the parameters only` : msg(e);
      out.push({ path, expected: `a strict inequality in the parameters ${params.join(', ')} (${why})` });
    }
  };
  /** A monomial in the variables whose exponents are formulas of the parameters and definitions. */
  const monomial = (s: string, path: (string | number)[], what = 'a monomial in the variables') => {
    const lim = expressionLimits(s);
    if (lim) return void out.push({ path, expected: lim });
    const loose = looseExponent(s);
    if (loose) return void out.push({ path, expected: `${what} ${vars.join(', ')}: after '^' a number, a name or a parenthesised exponent, then '*' or the end (at '${loose}')` });
    // a base that is not a declared variable: say which (parseMonomial's message names the whole factor)
    for (const f of topLevelFactors(s)) {
      const base = f.split('^')[0].trim();
      if (/^[A-Za-z_][A-Za-z0-9_]*$/.test(base) && !vars.includes(base)) {
        const is = params.includes(base)
          ? 'a parameter, not a variable'
          : defs.includes(base)
            ? 'a definition, not a variable'
            : t.terms.some((x) => x.name === base)
              ? 'a term, not a variable'
              : 'not a declared variable: declare it under variables';
        return void out.push({ path, expected: `${what} ${vars.join(', ')} (${base} is ${is})` });
      }
    }
    let m;
    try {
      m = parseMonomial(s, vars);
    } catch (e) {
      return void out.push({ path, expected: `${what} ${vars.join(', ')}: factors v or v^(exponent) joined by * (${msg(e)})` });
    }
    for (const [v, e] of Object.entries(m.exponents)) {
      try {
        parseFormula(e, exprNames);
      } catch (err) {
        return void out.push({ path, expected: `the exponent of ${v} a formula of the parameters and definitions ${exprNames.join(', ')} (${msg(err)})` });
      }
      // the engine solves the balance exactly: every exponent is a rational function of the parameters
      const full = expand(e);
      if (full === null) return void out.push({ path, expected: `the exponent of ${v} with its definitions expanded in at most ${LIMITS.expandedLength} characters` });
      try {
        rationalOf(full, { params });
      } catch (err) {
        // `cannot print 'x' as ...: 'log(b)' is not a rational function of a, b (function log)` -> `log(b): function log`
        const why = msg(err).match(/'([^']*)' is not a rational function of [^(]*\((.*)\)$/);
        return void out.push({ path, expected: `the exponent of ${v} a rational function of the parameters ${params.join(', ')} (${why ? `${why[1]}: ${why[2]}` : msg(err)})` });
      }
    }
  };
  const equation = (s: string, path: (string | number)[]) => {
    const sides = s.split('=');
    if (sides.length !== 2 || /[<>!]/.test(s)) return void out.push({ path, expected: `an equation 'monomial = monomial' between the variables ${vars.join(', ')}` });
    sides.forEach((side) => monomial(side.trim(), path, 'each side of the equation a monomial in the variables'));
  };
  const variable = (v: string | undefined, path: (string | number)[], what: string) => {
    if (v === undefined || !vars.includes(v)) out.push({ path, expected: `${what} one of the declared variables ${vars.join(', ')}` });
  };

  // definitions: formulas of the parameters and the other definitions, without a cycle. A definition
  // the safe reader cannot read (pi/(b*sin(pi/b)): a prefactor) is allowed under the coefficient rule,
  // and then only coefficients may use it.
  const prefactorDefs: string[] = [];
  for (const d of defs) {
    const s = t.definitions[d];
    const lim = expressionLimits(s);
    if (lim) out.push({ path: ['definitions', d], expected: lim });
    else if (!readable(s, [...params, ...defs])) {
      const unknown = (s.match(/[A-Za-z_][A-Za-z0-9_]*/g) ?? []).find((n) => !params.includes(n) && !defs.includes(n) && !PREFACTOR_NAMES.includes(n));
      if (PREFACTOR.test(s) && !unknown) prefactorDefs.push(d);
      else out.push({ path: ['definitions', d], expected: `a formula of the parameters and definitions ${[...params, ...defs].join(', ')}${unknown ? ` (unknown name '${unknown}')` : ''}` });
    }
  }
  const deps = (d: string): string[] => [...new Set(t.definitions[d].match(/[A-Za-z_][A-Za-z0-9_]*/g) ?? [])].filter((n) => defs.includes(n));
  const state = new Map<string, 'open' | 'done'>();
  const visit = (d: string, stack: string[]): boolean => {
    if (state.get(d) === 'done') return false;
    if (state.get(d) === 'open') {
      const cycle = [...stack.slice(stack.indexOf(d)), d];
      out.push({ path: ['definitions', cycle[0]], expected: `definitions without a cycle (found ${cycle.join(' -> ')})` });
      return true;
    }
    state.set(d, 'open');
    for (const n of deps(d)) if (visit(n, [...stack, d])) return true;
    state.set(d, 'done');
    return false;
  };
  for (const d of defs) if (visit(d, [])) break;
  for (const d of defs) {
    // a formula definition may not lean on a prefactor one
    const bad = deps(d).find((n) => prefactorDefs.includes(n));
    if (!prefactorDefs.includes(d) && bad) out.push({ path: ['definitions', d], expected: `a formula of the parameters and formula definitions (${bad} is a prefactor definition)` });
  }
  const exprNames = [...params, ...defs.filter((d) => !prefactorDefs.includes(d))];
  /** An expression with the (formula) definitions substituted, or null when that grows past the limit. */
  const expand = (e: string): string | null => {
    let cur = e;
    for (let k = 0; k <= defs.length; k++) {
      const next = cur.replace(/[A-Za-z_][A-Za-z0-9_]*/g, (n) => (exprNames.includes(n) && !params.includes(n) ? `(${t.definitions[n]})` : n));
      if (next.length > LIMITS.expandedLength) return null;
      if (next === cur) return cur;
      cur = next;
    }
    return cur;
  };

  t.domain.forEach((c, i) => condition(c.condition, ['domain', i, 'condition']));

  const checkTerms = (terms: TheoryFile['terms'], base: (string | number)[], allowEmpty: boolean) =>
    terms.forEach((term, i) => {
      if (!allowEmpty && term.cases.length === 0) out.push({ path: [...base, i, 'cases'], expected: 'at least one case (or a form)' });
      term.cases.forEach((c, j) => {
        const p = [...base, i, 'cases', j];
        c.when.forEach((w, k) => condition(w, [...p, 'when', k]));
        monomial(c.form, [...p, 'form']);
        if (c.coefficient !== undefined) {
          // a prefactor read by numeric estimates only (it may use constants of the paper: c_beta, kappa)
          const lim = expressionLimits(c.coefficient);
          if (lim || !PREFACTOR.test(c.coefficient)) out.push({ path: [...p, 'coefficient'], expected: lim ?? 'an expression of numbers, names, + - * / ^ and parentheses' });
        }
        if (c.validity !== undefined) {
          const sides = c.validity.split(/<|>/);
          if (sides.length !== 2) out.push({ path: [...p, 'validity'], expected: `'monomial < monomial' in the variables ${vars.join(', ')}` });
          else sides.forEach((side) => monomial(side, [...p, 'validity']));
        }
      });
    });
  checkTerms(t.terms, ['terms'], false);

  const cp = t.compute;
  variable(cp.budget, ['compute', 'budget'], 'the budget');
  variable(cp.allocate, ['compute', 'allocate'], 'the allocated variable');
  if (cp.budget === cp.allocate) out.push({ path: ['compute', 'allocate'], expected: 'a variable other than the budget' });
  cp.constants.forEach((v, i) => variable(v, ['compute', 'constants', i], 'a constant'));
  (cp.unbounded ?? []).forEach((v, i) => variable(v, ['compute', 'unbounded', i], 'an unbounded variable'));
  equation(cp.constraint.equation, ['compute', 'constraint', 'equation']);
  (cp.constraint.when ?? []).forEach((w, k) => condition(w, ['compute', 'constraint', 'when', k]));
  cp.relations.forEach((r, i) => {
    equation(r.equation, ['compute', 'relations', i, 'equation']);
    (r.when ?? []).forEach((w, k) => condition(w, ['compute', 'relations', i, 'when', k]));
  });

  t.quantities.forEach((q, i) => {
    if (q.kind === 'variable') variable(q.variable, ['quantities', i, 'variable'], 'a variable quantity names');
    else if (q.variable !== undefined) out.push({ path: ['quantities', i, 'variable'], expected: 'no variable for a loss quantity' });
  });

  const checkPhases = (phases: TheoryFile['phases'], base: (string | number)[]) =>
    (phases ?? []).forEach((ph, i) => ph.regions.forEach((r, j) => r.conditions.forEach((c, k) => condition(c, [...base, i, 'regions', j, 'conditions', k]))));
  const checkClosed = (forms: TheoryFile['closedForms'], phases: string[], base: (string | number)[]) =>
    (forms ?? []).forEach((f, i) => {
      // without stated phases the derived ones are named P1, P2, ... (issue 12)
      if (phases.length ? !phases.includes(f.phase) : !/^P[1-9][0-9]*$/.test(f.phase)) out.push({ path: [...base, i, 'phase'], expected: phases.length ? `one of the phases ${phases.join(', ')}` : 'a derived phase P1, P2, ... (the file states no phases)' });
      if (!t.quantities.some((q) => q.name === f.quantity)) out.push({ path: [...base, i, 'quantity'], expected: `one of the quantities ${t.quantities.map((q) => q.name).join(', ')}` });
      formula(f.expr, exprNames, [...base, i, 'expr'], 'a formula of the parameters and definitions');
    });
  checkPhases(t.phases, ['phases']);
  checkClosed(t.closedForms, (t.phases ?? []).map((p) => p.name), ['closedForms']);
  (t.bottlenecks ?? []).forEach((b, i) => variable(b.variable, ['bottlenecks', i, 'variable'], 'a bottleneck variable'));

  for (const [vn, v] of Object.entries(t.variants ?? {})) {
    const base = ['variants', vn];
    v.terms.forEach((term, i) => {
      if (!t.terms.some((x) => x.name === term.name)) out.push({ path: [...base, 'terms', i, 'name'], expected: `a term of the theory (${t.terms.map((x) => x.name).join(', ')})` });
    });
    checkTerms(v.terms, [...base, 'terms'], true);
    checkPhases(v.phases, [...base, 'phases']);
    checkClosed(v.closedForms, (v.phases ?? t.phases ?? []).map((p) => p.name), [...base, 'closedForms']);
  }

  for (const [k, v] of Object.entries(t.example)) {
    if (!params.includes(k)) out.push({ path: ['example', k], expected: `a parameter (${params.join(', ')})` });
    else if (!Number.isFinite(v)) out.push({ path: ['example', k], expected: 'a finite number' });
  }
  return out;
}
