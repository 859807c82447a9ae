// The laws `fit --law ID|FORMULA` can fit (docs/fitting.md §"Any law"), each as a FitLaw (./law-fit.ts):
//   chinchilla, chinchilla:<preset>   E + A/N^alpha + B/D^beta             [paper: arXiv 2203.15556 eq. (2)]
//   kaplan2020-nd                     ((N_c/N)^(alpha_N/alpha_D) + D_c/D)^alpha_D   [paper: arXiv 2001.08361 eq. (1.5)]
//   muennighoff2023                   E + A/N'^alpha + B/D'^beta with effective N', D'   [authors' code: arXiv
//                                     2305.16264 §3.1 and the datablations README, docs/library-research.md §9]
//   theory:<library id>               the sum of a library theory's terms, each coefficient * form
//   any formula                       the names that are not columns are the parameters
// Parameters are free unless fixed by --set; --free lists the free ones (the others must then be set).
// The sign domain of a parameter (log-parameterised when positive) is read off the law's form [derived]:
// an additive constant term or a factor of a term is positive (a loss is a sum of positive terms, the
// law parser's rule, src/law/parse.ts), as is the base of a power; a name inside an exponent or a
// function's argument is real. `--free NAME>0` or `NAME:real` overrides it.
import { parseFormula, substituteNames, symbolsOf, toText, type Node } from '../symbolic/formula.js';
import { cachedLaw } from '../law/index.js';
import { lawExponents } from '../law/allocate.js';
import { CHINCHILLA_LAW, CHINCHILLA_CONSTRAINT, CHINCHILLA_FIT, CHINCHILLA_PRESETS } from '../../theory/chinchilla.js';
import { KAPLAN_ND_THEORY, MUENNIGHOFF_THEORY } from '../models/laws.js';
import type { ProvenanceTag, TheoryFile } from '../engine/types.js';
import type { FitLaw, FitParameter, LawExponentsOut, DataRow } from './law-fit.js';
import type { Diagnostic } from './diagnostics.js';

export class LawSpecError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'LawSpecError';
  }
}

/** Hoffmann's / Epoch's grid of initialisations, per role [paper: Epoch notebook data_analysis.ipynb,
 * commit 9225883: a, b in arange(0, 30, 5), e in arange(-1, 1.5, 0.5), alpha, beta in arange(0, 2.5, 0.5)]:
 * 6 x 6 x 5 x 5 x 5 = 4500 points for the Chinchilla law. */
export const ROLE_GRID = {
  /** ln of a positive factor of a term (Hoffmann's a = ln A, b = ln B) */
  coefficient: [0, 5, 10, 15, 20, 25],
  /** ln of a positive additive constant (Hoffmann's e = ln E) */
  offset: [-1, -0.5, 0, 0.5, 1],
  /** an exponent (Hoffmann's alpha, beta) */
  exponent: [0, 0.5, 1, 1.5, 2],
  /** a real name in another position */
  other: [-1, 0, 1],
} as const;
type Role = keyof typeof ROLE_GRID;

const ROLE_DOMAIN: Record<Role, string> = {
  coefficient: 'positive: a factor of a term of the law (a loss is a sum of positive terms) or the base of a power',
  offset: 'positive: an additive constant of the law (the irreducible loss)',
  exponent: 'real: appears in an exponent',
  other: 'real: appears inside a function or a subtraction',
};

/** The role of each parameter, read off the tree. */
export function parameterRoles(tree: Node, variables: readonly string[]): Record<string, Role> {
  const vars = new Set(variables);
  const seen: Record<string, Set<Role>> = {};
  const mark = (name: string, r: Role) => {
    if (vars.has(name)) return;
    (seen[name] ??= new Set()).add(r);
  };
  const walk = (n: Node, ctx: 'top' | 'factor' | 'exponent' | 'other'): void => {
    switch (n.type) {
      case 'num':
        return;
      case 'sym':
        return mark(n.name, ctx === 'top' ? 'offset' : ctx === 'factor' ? 'coefficient' : ctx);
      case 'neg':
        return walk(n.arg, ctx === 'exponent' ? 'exponent' : 'other');
      case 'call':
        return n.args.forEach((a) => walk(a, ctx === 'exponent' ? 'exponent' : 'other'));
      case 'bin':
        if (ctx === 'exponent' || ctx === 'other') {
          walk(n.left, ctx);
          walk(n.right, ctx);
          return;
        }
        if (n.op === '+') {
          walk(n.left, ctx);
          walk(n.right, ctx);
        } else if (n.op === '-') {
          walk(n.left, ctx);
          walk(n.right, 'other');
        } else if (n.op === '^') {
          walk(n.left, 'factor');
          walk(n.right, 'exponent');
        } else {
          walk(n.left, 'factor');
          walk(n.right, 'factor');
        }
    }
  };
  walk(tree, 'top');
  const out: Record<string, Role> = {};
  for (const [name, rs] of Object.entries(seen)) out[name] = rs.has('exponent') ? 'exponent' : rs.has('other') ? 'other' : rs.has('coefficient') ? 'coefficient' : 'offset';
  return out;
}

/**
 * Per variable, the free parameters that multiply or exponentiate it: the names in the sibling subtrees
 * along the chain of *, /, ^ from the variable up to the first sum or function, keeping only names that
 * occur nowhere else in the law (a name shared with other terms is fixed by them) [derived].
 */
export function identifiabilityTerms(tree: Node, variables: readonly string[], free: readonly string[]): Record<string, string[]> {
  const isFree = new Set(free);
  const total: Record<string, number> = {};
  const count = (n: Node, out: Record<string, number>) => {
    for (const s of listSymbols(n)) out[s] = (out[s] ?? 0) + 1;
  };
  count(tree, total);
  const out: Record<string, string[]> = {};
  for (const v of variables) {
    const inChain: Record<string, number> = {};
    const visit = (n: Node, path: Node[]): void => {
      if (n.type === 'sym' && n.name === v) {
        // walk up from the variable while the parent is a product, quotient, power or negation
        let child: Node = n;
        for (let k = path.length - 1; k >= 0; k--) {
          const parent = path[k];
          if (parent.type === 'neg') {
            child = parent;
            continue;
          }
          if (parent.type !== 'bin' || parent.op === '+' || parent.op === '-') break;
          const sibling = parent.left === child ? parent.right : parent.left;
          count(sibling, inChain);
          child = parent;
        }
        return;
      }
      if (n.type === 'neg') visit(n.arg, [...path, n]);
      else if (n.type === 'bin') {
        visit(n.left, [...path, n]);
        visit(n.right, [...path, n]);
      } else if (n.type === 'call') n.args.forEach((a) => visit(a, [...path, n]));
    };
    visit(tree, []);
    out[v] = Object.keys(inChain).filter((s) => isFree.has(s) && inChain[s] >= (total[s] ?? 0));
  }
  return out;
}

function listSymbols(n: Node, out: string[] = []): string[] {
  if (n.type === 'sym') out.push(n.name);
  else if (n.type === 'neg') listSymbols(n.arg, out);
  else if (n.type === 'bin') {
    listSymbols(n.left, out);
    listSymbols(n.right, out);
  } else if (n.type === 'call') n.args.forEach((a) => listSymbols(a, out));
  return out;
}

/** `--free` entries: NAME, NAME>0 (positive, log-parameterised) or NAME:real. */
export interface FreeSpec {
  name: string;
  sign?: 'positive' | 'real';
}

export interface LawRequest {
  /** --law: an id or a formula */
  law: string;
  /** --set NAME=V (value) or NAME (a preset's value) */
  set: Array<{ name: string; value?: number }>;
  /** --free */
  free?: FreeSpec[];
  /** column names the data provide (roles after --columns, and the file's header) */
  columns: readonly string[];
}

/** The definition of a built-in law before --set/--free are applied. */
interface LawDef {
  id: string;
  title: string;
  text: string;
  definitions: Record<string, string>;
  variables: string[];
  provenance: ProvenanceTag;
  source: string;
  /** explicit grids (theta) or roles per parameter; inferred from the form when absent */
  grids?: Record<string, number[]>;
  positive?: Record<string, string>;
  terms?: Record<string, string[]>;
  defaults?: Record<string, number>;
  exponents?: (values: Record<string, number>) => LawExponentsOut | null;
  exponentsNote?: string;
  checks?: (rows: readonly DataRow[], free: readonly string[]) => Diagnostic[];
}

const NAME = /^[A-Za-z_][A-Za-z0-9_]*$/;

/** Exponents of a sum-of-power-laws law from the engine (src/law: dominant balance), in the law's names. */
function engineLawExponents(text: string, source: string) {
  return (values: Record<string, number>): LawExponentsOut => {
    const parsed = cachedLaw(text, CHINCHILLA_CONSTRAINT, { provenance: 'derived', source });
    const vals = Object.fromEntries(parsed.exponentParameters.map((p) => [p, values[p]]));
    const ex = lawExponents(parsed, vals);
    return {
      a: { value: ex.a.value, quantity: ex.a.quantity, expr: ex.a.expr },
      b: { value: ex.b.value, quantity: ex.b.quantity, expr: ex.b.expr },
      source: `the engine's dominant balance on ${text} with ${CHINCHILLA_CONSTRAINT} (src/law/allocate.ts)`,
    };
  };
}

/** Exponents of a registered theory from the engine, in its names (needs getModel: the registry). */
export type TheoryLookup = (id: string) => { theory: TheoryFile; exponents: (point: Record<string, number>) => Record<string, { value: number | null; expr: string }> } | undefined;

function theoryExponents(id: string, lookup: TheoryLookup) {
  return (values: Record<string, number>): LawExponentsOut | null => {
    const t = lookup(id);
    if (!t) return null;
    const point = Object.fromEntries(t.theory.parameters.map((p) => [p.name, values[p.name]]));
    const ex = t.exponents(point);
    const alloc = t.theory.compute.allocate;
    const qa = t.theory.quantities.find((q) => q.kind === 'variable' && q.variable === alloc);
    const qb = t.theory.quantities.find((q) => q.kind === 'variable' && q.variable !== alloc);
    if (!qa || !qb) return null;
    const budget = t.theory.compute.budget;
    return {
      a: { value: ex[qa.name]?.value ?? null, quantity: `${qa.variable}_opt ~ ${budget}^a (${qa.name})`, expr: ex[qa.name]?.expr ?? '' },
      b: { value: ex[qb.name]?.value ?? null, quantity: `${qb.variable}_opt ~ ${budget}^b (${qb.name})`, expr: ex[qb.name]?.expr ?? '' },
      source: `the engine's exponents of the theory ${id} (${t.theory.citation.split(',')[0]}...), ${t.theory.compute.constraint.equation}`,
    };
  };
}

function chinchillaDef(): LawDef {
  return {
    id: CHINCHILLA_FIT.id,
    title: CHINCHILLA_FIT.title,
    text: CHINCHILLA_LAW,
    definitions: {},
    variables: ['N', 'D'],
    provenance: 'paper',
    source: `${CHINCHILLA_FIT.citation}; grid and objective of Besiroglu et al. 2024, arXiv:2404.10102 (docs/theory/chinchilla.md §2)`,
    exponents: engineLawExponents(CHINCHILLA_LAW, CHINCHILLA_FIT.citation),
  };
}

/** Kaplan et al. 2020 eq. (1.5). */
function kaplanDef(lookup: TheoryLookup): LawDef {
  return {
    id: KAPLAN_ND_THEORY,
    title: 'Kaplan et al. 2020, L(N, D) = [(N_c/N)^(alpha_N/alpha_D) + D_c/D]^alpha_D',
    text: '((N_c/N)^(alpha_N/alpha_D) + D_c/D)^alpha_D',
    definitions: {},
    variables: ['N', 'D'],
    provenance: 'paper',
    source: 'J. Kaplan et al., "Scaling Laws for Neural Language Models", arXiv:2001.08361, eq. (1.5); Table 2: alpha_N = 0.076, alpha_D = 0.103, N_c = 6.4e13, D_c = 1.8e13 (docs/theory/chinchilla.md §5)',
    // N_c, D_c ~ 1e13: ln from 20 to 35; exponents near 0.1 (alpha_D divides, so 0 is no start)
    grids: { N_c: [20, 25, 30, 35], D_c: [20, 25, 30, 35], alpha_N: [0.05, 0.1, 0.2, 0.4], alpha_D: [0.05, 0.1, 0.2, 0.4] },
    positive: { N_c: ROLE_DOMAIN.coefficient, D_c: ROLE_DOMAIN.coefficient },
    terms: { N: ['N_c', 'alpha_N'], D: ['D_c'] },
    exponents: theoryExponents(KAPLAN_ND_THEORY, lookup),
    exponentsNote: `from the library theory ${KAPLAN_ND_THEORY} (its terms are eq. (1.5)\'s bracket split into a sum of powers: same exponents, docs/library-research.md §2.2)`,
  };
}

/** Muennighoff et al. 2023: effective parameters and data with repetition [authors' code, docs/library-research.md §9]. */
function muennighoffDef(): LawDef {
  return {
    id: MUENNIGHOFF_THEORY,
    title: "Muennighoff et al. 2023, data-constrained law L = E + A/N'^alpha + B/D'^beta (U = unique tokens)",
    text: 'E + A/Np^alpha + B/Dp^beta',
    definitions: {
      // order matters: later definitions use earlier ones
      Dp: 'U + U*RD_star*(1 - exp(-RD/RD_star))',
      RD: 'D/U - 1',
      Np: 'UN + UN*RN_star*(1 - exp(-RN/RN_star))',
      RN: 'N/UN - 1',
      UN: 'min(N, (U*G)^(beta/alpha)*G)',
      G: '(alpha*A/(beta*B))^(1/(alpha + beta))',
    },
    variables: ['N', 'D', 'U'],
    provenance: 'paper',
    source:
      "N. Muennighoff et al., \"Scaling Data-Constrained Language Models\", arXiv:2305.16264 §3.1 (effective data D' = U_D + U_D R_D* (1 - exp(-R_D/R_D*)), R_D = D/U_D - 1, and N' likewise with R_N*), with U_N = min(N, D_to_N(U_D)) as in the authors' code (huggingface/datablations README, \"Parametric Fit\"; docs/library-research.md §9)",
    // E, A, B also appear inside U_N's min(): their roles are the Chinchilla law's, stated here; alpha and
    // beta divide in U_N (beta/alpha), so 0 is no start
    grids: { E: [...ROLE_GRID.offset], A: [...ROLE_GRID.coefficient], B: [...ROLE_GRID.coefficient], alpha: [0.5, 1, 1.5, 2], beta: [0.5, 1, 1.5, 2], RN_star: [0, 1, 2, 3, 4], RD_star: [0, 1, 2, 3, 4] },
    positive: { E: ROLE_DOMAIN.offset, A: ROLE_DOMAIN.coefficient, B: ROLE_DOMAIN.coefficient, RN_star: "positive: R_N* divides R_N in the exponential's argument (arXiv:2305.16264 §3.1: a saturation scale)", RD_star: 'positive: R_D* is a saturation scale (arXiv:2305.16264 §3.1)' },
    terms: { N: ['A', 'alpha'], D: ['B', 'beta'] },
    exponents: (values) => {
      const e = engineLawExponents(CHINCHILLA_LAW, CHINCHILLA_FIT.citation)(values);
      return { ...e, source: `${e.source}: the unique-data regime (D <= U, no repetition), where the law is Chinchilla's; with repetition the allocation is not a power law (docs/library-research.md §9)` };
    },
    checks: (rows, free) => {
      if (!free.includes('RD_star')) return [];
      const epochs = new Set(rows.filter((r) => r.vars.D > r.vars.U * (1 + 1e-9)).map((r) => r.vars.D / r.vars.U));
      if (epochs.size >= 2) return [];
      return [{ code: 'not-identifiable', severity: 'error', parameters: ['RD_star'], message: `${epochs.size} distinct repetition count${epochs.size === 1 ? '' : 's'} D/U > 1 among the rows: R_D* (the data saturation scale) is not identifiable (need runs that repeat their unique data at least two different numbers of times)` }];
    },
  };
}

/** A library theory as a law: the sum of its terms, coefficient * form (every term must have a coefficient). */
function theoryDef(id: string, lookup: TheoryLookup): LawDef {
  const t = lookup(id);
  if (!t) throw new LawSpecError(`--law = 'theory:${id}': no such theory (give a library id, e.g. theory:${KAPLAN_ND_THEORY})`);
  const th = t.theory;
  const parts = th.terms.map((term) => {
    const c = term.cases.find((k) => k.when.length === 0) ?? term.cases[0];
    if (!c?.coefficient) throw new LawSpecError(`--law = 'theory:${id}': the term '${term.name}' has no coefficient, so the theory states no loss to fit (valid: a library theory whose terms all have coefficients)`);
    return `(${c.coefficient})*(${c.form})`;
  });
  const budget = th.compute.budget;
  return {
    id: `theory:${id}`,
    title: `${th.title}: the sum of its terms`,
    text: parts.join(' + '),
    definitions: { ...th.definitions },
    variables: Object.keys(th.variables).filter((v) => v !== budget),
    provenance: 'derived',
    source: `the terms (coefficient * form) of the theory ${id}: ${th.citation}`,
    grids: Object.fromEntries(th.parameters.map((p) => [p.name, [0.25, 0.5, 0.75, 1].map((q) => p.range[0] + q * (p.range[1] - p.range[0]))])),
    exponents: theoryExponents(id, lookup),
  };
}

/** Resolve `--law` (with --set/--free) into a FitLaw. */
export function resolveLaw(req: LawRequest, lookup: TheoryLookup): FitLaw {
  const raw = req.law.trim();
  const preset = CHINCHILLA_PRESETS.find((p) => p.id === raw);
  let def: LawDef;
  if (raw === CHINCHILLA_FIT.id || preset) def = chinchillaDef();
  else if (raw === KAPLAN_ND_THEORY) def = kaplanDef(lookup);
  else if (raw === MUENNIGHOFF_THEORY) def = muennighoffDef();
  else if (raw.startsWith('theory:')) def = theoryDef(raw.slice(7), lookup);
  else if (NAME.test(raw)) {
    throw new LawSpecError(`--law = '${raw}' is not a law this command can fit (valid: ${CHINCHILLA_FIT.id}, ${CHINCHILLA_PRESETS.map((p) => p.id).join(', ')}, ${KAPLAN_ND_THEORY}, muennighoff2023, theory:<library id>, or a formula such as "E + A/N^alpha + B/D^beta")`);
  } else def = formulaDef(raw, req.columns);

  // the tree, with definitions substituted (each may use the ones listed after it)
  let tree: Node;
  try {
    tree = parseFormula(def.text, null);
    const defs = Object.entries(def.definitions);
    for (let k = 0; k < defs.length + 1; k++) {
      const subs = Object.fromEntries(defs.map(([n, t]) => [n, parseFormula(t, null)]));
      const next = substituteNames(tree, subs);
      if (toText(next) === toText(tree)) break;
      tree = next;
    }
  } catch (e) {
    throw new LawSpecError(`--law = '${raw}': ${e instanceof Error ? e.message : String(e)}`);
  }
  const names = [...symbolsOf(tree)];
  const missingVars = def.variables.filter((v) => !names.includes(v));
  const absentCols = def.variables.filter((v) => !req.columns.includes(v));
  if (absentCols.length) throw new LawSpecError(`--law = '${raw}' reads the column${absentCols.length > 1 ? 's' : ''} ${absentCols.join(', ')}, which the file does not have (name them with --columns ${absentCols.map((c) => `${c}=COLUMN`).join(',')})`);
  void missingVars;
  const paramNames = names.filter((n) => !def.variables.includes(n));
  if (paramNames.length === 0) throw new LawSpecError(`--law = '${raw}' has no parameter to fit (every name is a column: ${names.join(', ')})`);
  const roles = parameterRoles(tree, def.variables);

  // --set: fixed values (a bare NAME takes the preset's value)
  const fixed: Record<string, number> = {};
  for (const s of req.set) {
    if (!paramNames.includes(s.name)) throw new LawSpecError(`--set ${s.name}${s.value === undefined ? '' : `=${s.value}`}: '${s.name}' is not a parameter of the law ${def.text} (valid: ${paramNames.join(', ')})`);
    if (Object.prototype.hasOwnProperty.call(fixed, s.name)) throw new LawSpecError(`--set names ${s.name} twice`);
    let v = s.value;
    if (v === undefined) {
      const pv = preset ? (preset.values as Record<string, number>)[s.name] : undefined;
      if (pv === undefined) throw new LawSpecError(`--set ${s.name}: no value given (valid: NAME=VALUE; a bare NAME takes the value of a preset such as --law chinchilla:epoch)`);
      v = pv;
    }
    if (!Number.isFinite(v)) throw new LawSpecError(`--set ${s.name}=${v}: not a finite number`);
    fixed[s.name] = v;
  }
  // --free: the free parameters (the rest must be set)
  let freeNames = paramNames.filter((n) => !(n in fixed));
  const signs: Record<string, 'positive' | 'real'> = {};
  if (req.free) {
    for (const f of req.free) {
      if (!paramNames.includes(f.name)) throw new LawSpecError(`--free ${f.name}: not a parameter of the law ${def.text} (valid: ${paramNames.join(', ')})`);
      if (f.name in fixed) throw new LawSpecError(`--free ${f.name}: also fixed by --set (a parameter is either free or set)`);
      if (f.sign) signs[f.name] = f.sign;
    }
    const listed = req.free.map((f) => f.name);
    const unset = freeNames.filter((n) => !listed.includes(n));
    if (unset.length) throw new LawSpecError(`--free ${listed.join(',')}: ${unset.join(', ')} ${unset.length > 1 ? 'are' : 'is'} neither free nor set (give --set ${unset.map((u) => `${u}=VALUE`).join(' --set ')}, or list ${unset.length > 1 ? 'them' : 'it'} in --free)`);
    freeNames = listed;
  }
  for (const [k, v] of Object.entries(fixed)) {
    const positive = def.positive?.[k] !== undefined || roles[k] === 'coefficient' || roles[k] === 'offset';
    if (positive && !(v > 0)) throw new LawSpecError(`--set ${k}=${v}: ${k} must be > 0 (${def.positive?.[k] ?? ROLE_DOMAIN[roles[k]]})`);
  }
  if (freeNames.length === 0) throw new LawSpecError(`--set fixes every parameter of ${def.text}: nothing left to fit (leave at least one free)`);

  const free: FitParameter[] = freeNames.map((name) => {
    const role = roles[name] ?? 'other';
    const byForm = def.positive?.[name] !== undefined || role === 'coefficient' || role === 'offset';
    const sign = signs[name] ?? (byForm ? 'positive' : 'real');
    const domain = signs[name] ? `${sign}: --free ${name}${sign === 'positive' ? '>0' : ':real'}` : def.positive?.[name] ?? ROLE_DOMAIN[role];
    let grid = def.grids?.[name] ?? [...ROLE_GRID[role]];
    // a grid stated in ln p for a positive parameter, converted when the annotation makes it real, and back
    const gridIsLog = def.grids?.[name] ? def.positive?.[name] !== undefined : role === 'coefficient' || role === 'offset';
    if (sign === 'positive' && !gridIsLog) grid = grid.map((g) => (g > 0 ? Math.log(g) : Math.log(0.1)));
    if (sign === 'real' && gridIsLog) grid = grid.map(Math.exp);
    return { name, positive: sign === 'positive', domain, grid: [...new Set(grid)] };
  });
  // offsets, then coefficients, then the rest (E, A, B, alpha, beta for the Chinchilla law), stable within a role
  const order: Record<Role, number> = { offset: 0, coefficient: 1, other: 2, exponent: 3 };
  if (!req.free) free.sort((x, y) => order[roles[x.name] ?? 'other'] - order[roles[y.name] ?? 'other']);
  const freeList = free.map((p) => p.name);
  const terms = def.terms
    ? Object.fromEntries(Object.entries(def.terms).map(([v, ps]) => [v, ps.filter((p) => freeList.includes(p))]))
    : identifiabilityTerms(tree, def.variables, freeList);
  return {
    id: preset ? preset.id : def.id,
    title: def.title,
    text: def.text,
    definitions: def.definitions,
    tree,
    variables: def.variables,
    free,
    fixed,
    provenance: def.provenance,
    source: preset ? `${def.source}; starting also from the preset ${preset.id}: ${preset.source}` : def.source,
    terms,
    exponents: def.exponents,
    exponentsNote: def.exponentsNote,
    checks: def.checks,
    extraStarts: preset ? [{ ...(preset.values as Record<string, number>) }] : undefined,
  };
}

/** A formula written on the command line: the names that are columns are variables. */
function formulaDef(text: string, columns: readonly string[]): LawDef {
  let tree: Node;
  try {
    tree = parseFormula(text, null);
  } catch (e) {
    throw new LawSpecError(`--law = '${text}': ${e instanceof Error ? e.message : String(e)} (valid: a formula in the columns and parameters, e.g. "E + A/N^alpha + B/D^beta")`);
  }
  const names = [...symbolsOf(tree)];
  const variables = names.filter((n) => columns.includes(n));
  if (variables.length === 0) throw new LawSpecError(`--law = '${text}' uses none of the file's columns (${columns.join(', ')}): a law must depend on the data`);
  let exponents: LawDef['exponents'];
  let exponentsNote: string | undefined;
  if (variables.length === 2 && variables.includes('N') && variables.includes('D')) {
    try {
      cachedLaw(text, CHINCHILLA_CONSTRAINT, { provenance: 'derived', source: 'user-written law' });
      exponents = engineLawExponents(text, 'user-written law');
    } catch (e) {
      exponentsNote = `the engine cannot derive this law's exponents: ${e instanceof Error ? e.message : String(e)}`;
    }
  } else exponentsNote = `compute-optimal exponents need a law in exactly the variables N and D (${CHINCHILLA_CONSTRAINT}); this one reads ${variables.join(', ')}`;
  return {
    id: 'formula',
    title: `user-written law L = ${text}`,
    text,
    definitions: {},
    variables,
    provenance: 'unverified',
    source: 'user-written law (the command line)',
    exponents,
    exponentsNote,
  };
}
