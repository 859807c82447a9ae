// Reading a derivation claim (./derivation-claim.ts) into a plan: its theory (a registered model or a theory
// file), its region and its steps, each a one-key mapping parsed by the one safe formula reader
// (src/symbolic/formula.ts). Every problem names the claim and the field (`steps[2].substitute`) through
// the caller's `fail`, so that a bad file is refused (exit 2) before anything is checked.
import { findModel, listModels } from '../models/registry.js';
import type { Model } from '../engine/model.js';
import { FormulaError, parseFormula, parseInequality, substituteNames, symbolsOf, toText, type Node } from '../symbolic/formula.js';
import { STEP_KINDS, type DerivationClaim, type StepKind } from './derivation-claim.js';

/** A monomial in the theory's variables: variable -> exponent (a tree in the parameters; definitions expanded). */
export type LogMono = Record<string, Node>;

export type TermItem = { name: string; text: string } | { mono: LogMono; text: string };

export type Step =
  | { kind: 'terms'; text: string; items: TermItem[] }
  | { kind: 'relation'; text: string; lhs: LogMono; rhs: LogMono; lhsVariable: string | null }
  | { kind: 'substitute'; text: string; term: string; rhs: LogMono }
  | { kind: 'balance'; text: string; pair: [string, string] }
  | { kind: 'solve'; text: string; variable: string; exponent: Node }
  | { kind: 'loss'; text: string; name: string; exponent: Node };

export interface DerivationPlan {
  model: Model;
  /** `model plrf` or `theory FILE` */
  source: string;
  params: string[];
  variables: string[];
  /** the theory's definitions usable in formulas (s, sigma, ...), as trees in the parameters */
  defs: Record<string, Node>;
  region: { type: 'all' } | { type: 'phase'; phase: string } | { type: 'inequalities'; list: Array<{ text: string; margin: Node }> };
  steps: Step[];
}

export type Fail = (field: string, message: string) => Error;

/** The engine model of a claim's `theory:` path: schema.ts's one reader of theory files (it fails through `fail`). */
export type ReadTheory = (path: string) => Model;

function theoryModel(claim: DerivationClaim, fail: Fail, readTheory: ReadTheory): { model: Model; source: string } {
  if (claim.model !== undefined && claim.theory !== undefined) throw fail('model', "give either 'model' or 'theory', not both");
  if (claim.theory !== undefined) {
    return { model: readTheory(claim.theory), source: `theory ${claim.theory}` };
  }
  const known = listModels().filter((m) => m.engine).map((m) => m.id);
  if (claim.model === undefined) throw fail('model', `missing: name a model (${known.join(', ')}) or give a 'theory' file`);
  const entry = findModel(claim.model);
  if (!entry?.engine) throw fail('model', `unknown model '${claim.model}' (a derivation needs a theory with terms: ${known.join(', ')})`);
  return { model: entry.engine(), source: `model ${claim.model}` };
}

/** The theory's definitions that are expressions in the parameters (others, with constants such as pi, are not offered). */
function definitionsOf(model: Model): Record<string, Node> {
  const defs: Record<string, Node> = {};
  for (const [k, v] of Object.entries(model.theory.definitions)) {
    try {
      defs[k] = parseFormula(v, model.params);
    } catch (e) {
      if (!(e instanceof FormulaError)) throw e;
    }
  }
  return defs;
}

/** The log form of a product of powers of variables (constant factors dropped); throws FormulaError otherwise. */
export function monomialOf(node: Node, variables: readonly string[], text: string): LogMono {
  const free = (n: Node) => ![...symbolsOf(n)].some((s) => variables.includes(s));
  const notMono = (why: string): never => {
    throw new FormulaError(`'${text}' is not a monomial (a product of powers of ${variables.join(', ')}): ${why}`);
  };
  const merge = (x: LogMono, y: LogMono, sign: 1 | -1): LogMono => {
    const out: LogMono = { ...x };
    for (const [v, e] of Object.entries(y)) {
      const term: Node = sign === 1 ? e : { type: 'neg', arg: e };
      out[v] = out[v] ? { type: 'bin', op: '+', left: out[v], right: term } : term;
    }
    return out;
  };
  const walk = (n: Node): LogMono => {
    if (free(n)) return {};
    switch (n.type) {
      case 'sym':
        return { [n.name]: { type: 'num', value: 1, text: '1' } };
      case 'neg':
        return walk(n.arg);
      case 'call':
        return notMono(`a function (${n.name}) of a variable`);
      case 'bin':
        if (n.op === '*') return merge(walk(n.left), walk(n.right), 1);
        if (n.op === '/') return merge(walk(n.left), walk(n.right), -1);
        if (n.op === '^') {
          if (!free(n.right)) return notMono(`the exponent '${toText(n.right)}' contains a variable`);
          const base = walk(n.left);
          const out: LogMono = {};
          for (const [v, e] of Object.entries(base)) out[v] = { type: 'bin', op: '*', left: e, right: n.right };
          return out;
        }
        return notMono(`'${toText(n)}' is a sum`);
    }
    return notMono('unexpected formula');
  };
  return walk(node);
}

/** Read the steps and the region of a derivation claim. */
export function resolveDerivation(claim: DerivationClaim, fail: Fail, readTheory: ReadTheory): DerivationPlan {
  const { model, source } = theoryModel(claim, fail, readTheory);
  const params = model.params;
  const variables = Object.keys(model.theory.variables);
  const defs = definitionsOf(model);
  const termNames = model.theory.terms.map((t) => t.name);
  const taken = new Set([...params, ...variables, ...Object.keys(defs), ...termNames]);
  const formulaSymbols = [...params, ...variables, ...Object.keys(defs)];
  const { budget } = model.theory.compute;

  const parse = (field: string, text: string): Node => {
    try {
      return substituteNames(parseFormula(text, formulaSymbols), defs);
    } catch (e) {
      if (e instanceof FormulaError) throw fail(field, e.message);
      throw e;
    }
  };
  const mono = (field: string, text: string): LogMono => {
    const node = parse(field, text);
    try {
      return monomialOf(node, variables, text);
    } catch (e) {
      if (e instanceof FormulaError) throw fail(field, e.message);
      throw e;
    }
  };
  const termName = (field: string, text: string): string => {
    const t = text.trim();
    if (!termNames.includes(t)) throw fail(field, `'${t}' is not a term of ${model.theory.id} (terms: ${termNames.join(', ')})`);
    return t;
  };
  const split = (field: string, text: string, sep: '~' | '=', shape: string): [string, string] => {
    const parts = text.split(sep === '=' ? /==|=/ : '~');
    if (parts.length !== 2 || parts.some((p) => p.trim() === '')) throw fail(field, `'${text}' is not of the form '${shape}'`);
    return [parts[0].trim(), parts[1].trim()];
  };
  /** `f^(e)` (or `f`): the exponent of the budget; any other variable is an error */
  const budgetPower = (field: string, text: string): Node => {
    const m = mono(field, text);
    const others = Object.keys(m).filter((v) => v !== budget);
    if (others.length) throw fail(field, `'${text}' must be a power of the budget ${budget} alone (it contains ${others.join(', ')})`);
    return m[budget] ?? { type: 'num', value: 0, text: '0' };
  };

  const steps: Step[] = claim.steps.map((raw, i): Step => {
    const at = `steps[${i}]`;
    if (!raw || typeof raw !== 'object' || Array.isArray(raw)) throw fail(at, `a step is a one-key mapping such as '- balance: "F_pp = F_0"' (one of ${STEP_KINDS.join(', ')})`);
    const keys = Object.keys(raw);
    if (keys.length !== 1) throw fail(at, `a step has exactly one key (got ${keys.length}${keys.length ? `: ${keys.join(', ')}` : ''}; one of ${STEP_KINDS.join(', ')})`);
    const kind = keys[0];
    if (!(STEP_KINDS as readonly string[]).includes(kind)) throw fail(at, `unknown step '${kind}' (one of ${STEP_KINDS.join(', ')})`);
    const field = `${at}.${kind}`;
    const value = (raw as Record<string, unknown>)[kind];
    if (kind === 'terms') {
      const list = Array.isArray(value) ? value : typeof value === 'string' ? value.split(',') : null;
      if (!list || list.length === 0 || list.some((x) => typeof x !== 'string' || x.trim() === '')) throw fail(field, 'a list of kept terms: names (F_pp) or monomials (d^(-2*alpha))');
      const items = (list as string[]).map((x, j): TermItem => {
        const t = x.trim();
        if (termNames.includes(t)) return { name: t, text: t };
        if (/^[A-Za-z_][A-Za-z0-9_]*$/.test(t) && !variables.includes(t)) throw fail(`${field}[${j}]`, `'${t}' is not a term of ${model.theory.id} (terms: ${termNames.join(', ')}) nor a monomial in ${variables.join(', ')}`);
        return { mono: mono(`${field}[${j}]`, t), text: t };
      });
      return { kind, text: items.map((x) => x.text).join(', '), items };
    }
    if (typeof value !== 'string' || value.trim() === '') throw fail(field, `a formula (text) is needed, got ${JSON.stringify(value) ?? String(value)}`);
    const text = value.trim();
    switch (kind as StepKind) {
      case 'relation': {
        const [l, r] = split(field, text, '=', 'lhs = rhs (monomials in the variables, e.g. t = f/d)');
        const lm = mono(field, l);
        const lhsVariable = variables.includes(l) ? l : null;
        return { kind: 'relation', text, lhs: lm, rhs: mono(field, r), lhsVariable };
      }
      case 'substitute': {
        const [l, r] = split(field, text, '~', `TERM ~ monomial (e.g. F_pp ~ ${model.theory.compute.allocate}^(s)*${budget}^(-s))`);
        return { kind: 'substitute', text, term: termName(field, l), rhs: mono(field, r) };
      }
      case 'balance': {
        const [l, r] = split(field, text, '=', 'TERM = TERM (e.g. F_pp = F_0)');
        const pair: [string, string] = [termName(field, l), termName(field, r)];
        if (pair[0] === pair[1]) throw fail(field, 'name two different terms');
        return { kind: 'balance', text, pair };
      }
      case 'solve': {
        const [l, r] = split(field, text, '~', `VARIABLE ~ ${budget}^(exponent)`);
        if (!variables.includes(l) || l === budget) throw fail(field, `'${l}' is not a variable of ${model.theory.id} other than the budget (${variables.filter((v) => v !== budget).join(', ')})`);
        return { kind: 'solve', text, variable: l, exponent: budgetPower(field, r) };
      }
      case 'loss': {
        const [l, r] = split(field, text, '~', `LOSS ~ ${budget}^(exponent)`);
        if (!/^[A-Za-z_][A-Za-z0-9_]*$/.test(l) || taken.has(l)) throw fail(field, `'${l}' cannot name the loss: use a name that is not a parameter, variable, definition or term of ${model.theory.id} (e.g. ${variables.includes('P') ? 'L' : 'P'})`);
        return { kind: 'loss', text, name: l, exponent: budgetPower(field, r) };
      }
      default:
        throw fail(field, `unknown step '${kind}'`);
    }
  });

  let region: DerivationPlan['region'] = { type: 'all' };
  const phases = (model.theory.phases ?? []).map((p) => p.name);
  if (typeof claim.region === 'string' && phases.includes(claim.region)) region = { type: 'phase', phase: claim.region };
  else if (claim.region !== undefined) {
    const list = Array.isArray(claim.region) ? claim.region : [claim.region];
    region = {
      type: 'inequalities',
      list: list.map((text, i) => {
        const field = Array.isArray(claim.region) ? `region[${i}]` : 'region';
        if (!/[<>]/.test(text)) throw fail(field, `'${text}' is neither a phase of ${model.theory.id} (${phases.join(', ') || 'it has none'}) nor an inequality such as "2*beta > 1"`);
        try {
          const ineq = parseInequality(text, [...params, ...Object.keys(defs)]);
          return { text: ineq.text, margin: substituteNames(ineq.margin, defs) };
        } catch (e) {
          if (e instanceof FormulaError) throw fail(field, e.message);
          throw e;
        }
      }),
    };
  }
  return { model, source, params, variables, defs, region, steps };
}
