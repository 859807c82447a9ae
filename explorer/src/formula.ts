// Every formula on the page goes through the project's one printer (src/symbolic/print.ts, docs/printer.md):
// {text, latex}, factors oriented positive at the point shown. The theory's abbreviations (s, q, sigma) and
// the log-variables (u = log of the allocated variable, phi = log of the budget) are symbols of their own;
// what the printer cannot read as a rational function (sqrt, symbolic powers: a term's form) it prints as
// written (`nonRational: 'verbatim'`).
import katex from 'katex';
import { latexName, printCondition, printExpression, type Printed } from '../../src/symbolic/print.js';
import { compileFormula, parseFormula } from '../../src/symbolic/formula.js';
import type { Model, Point } from '../../src/engine/model.js';
import { html } from './svg.js';

export type Formula = Printed;

export const LOG_VARS = ['u', 'phi'] as const;

export interface Printer {
  /** an expression (exponent, slope, balance side) */
  expr(e: string): Formula;
  /** `lhs = rhs`, each side printed */
  equation(eq: string): Formula;
  /** a condition or boundary (`2*beta < 1`, `alpha = 1 - 1/sqrt(2)`) */
  condition(c: string): Formula;
  /** a name: parameter, quantity, term, variable or abbreviation */
  name(n: string): string;
}

/** printed formulas by (theory, region, kind, input): inside one region every factor keeps its sign, so a
 * slider move within a phase prints nothing again */
const memo = new Map<string, Formula>();

/** `region`: the phase (or region) `at` lies in, when known: the printed forms are then cached for it. */
export function printerFor(model: Model, at?: Point, region?: string): Printer {
  const p = printerUncached(model, at);
  if (region === undefined) return p;
  const key = `${model.theory.id}\u0000${region}\u0000`;
  const cached = (kind: string, f: (s: string) => Formula) => (s: string) => {
    const k = key + kind + s;
    let v = memo.get(k);
    if (!v) {
      if (memo.size > 20000) memo.clear();
      v = f(s);
      memo.set(k, v);
    }
    return v;
  };
  return { expr: cached('e', p.expr), equation: cached('q', p.equation), condition: cached('c', p.condition), name: p.name };
}

/** The point with the theory's abbreviations (s, q...) evaluated there, so their factors are oriented too. */
function withDefinitions(model: Model, at: Point): Point {
  const out: Point = { ...at };
  const x = model.params.map((p) => at[p]);
  for (const [name, expr] of Object.entries(model.theory.definitions)) {
    try {
      out[name] = compileFormula(parseFormula(expr, model.params), model.params)(x);
    } catch {
      /* an abbreviation of other abbreviations: left unoriented */
    }
  }
  return out;
}

function printerUncached(model: Model, at0?: Point): Printer {
  const t = model.theory;
  const at = at0 && withDefinitions(model, at0);
  const defs = Object.keys(t.definitions).filter((d) => !model.params.includes(d));
  const latex: Record<string, string> = { phi: '\\varphi' };
  for (const p of t.parameters) latex[p.name] = p.latex;
  for (const q of t.quantities) latex[q.name] ??= q.latex;
  const name = (n: string) => (Object.hasOwn(latex, n) ? latex[n] : latexName(n));
  // the variables (d, f, t...) and term names may appear too (a relation f = d*B*r, a term form)
  const others = [...Object.keys(t.variables), ...t.terms.map((x) => x.name)].filter((v) => !model.params.includes(v) && !defs.includes(v) && !(LOG_VARS as readonly string[]).includes(v));
  const opts = (withVars: boolean) => ({
    params: [...model.params, ...defs, ...(withVars ? [] : others)],
    variables: withVars ? [...LOG_VARS] : [],
    latex,
    at,
    nonRational: 'verbatim' as const,
  });
  const expr = (e: string): Formula => {
    for (const withVars of [true, false]) {
      try {
        return printExpression(e, opts(withVars));
      } catch {
        /* next reading */
      }
    }
    return { text: e, latex: `\\text{${e.replace(/[\\{}$&#^_%~]/g, '')}}` };
  };
  const equation = (eq: string): Formula => {
    const sides = eq.split('=').map((s) => expr(s.trim()));
    return { text: sides.map((s) => s.text).join(' = '), latex: sides.map((s) => s.latex).join(' = ') };
  };
  const condition = (c: string): Formula => {
    try {
      return printCondition(c, { params: model.params, latex, at });
    } catch {
      const m = c.match(/^(.*?)(<=|>=|<|>|=)(.*)$/);
      if (!m) return expr(c);
      const op = { '<': '<', '>': '>', '<=': '\\le', '>=': '\\ge', '=': '=' }[m[2]]!;
      const l = expr(m[1].trim()), r = expr(m[3].trim());
      return { text: `${l.text} ${m[2]} ${r.text}`, latex: `${l.latex} ${op} ${r.latex}` };
    }
  };
  return { expr, equation, condition, name };
}

/** KaTeX of a LaTeX string (never throws: a bad string renders in red and is caught by the tests). */
export function tex(latex: string, display = false): HTMLElement {
  const span = html('span', { class: display ? 'math display' : 'math' });
  katex.render(latex, span, { throwOnError: false, displayMode: display });
  return span;
}

const GREEK_NAMES = new Set('alpha beta gamma delta epsilon zeta eta theta kappa lambda mu nu xi pi rho sigma tau phi chi psi omega'.split(' '));

/** LaTeX of a small piece of ASCII maths written in a theory file's prose (`d* ~ f^xi`, `j^(-2 alpha)`, `L - L_inf`). */
export function asciiToLatex(s: string): string {
  const name = (n: string) => {
    const [base, ...sub] = n.split('_');
    const b = GREEK_NAMES.has(base) ? `\\${base}` : base.length > 1 ? `\\mathrm{${base}}` : base;
    const tail = sub.join('_');
    return tail ? `${b}_{${tail === 'inf' ? '\\infty' : GREEK_NAMES.has(tail) ? `\\${tail}` : tail}}` : b;
  };
  return s
    .replace(/\^\(([^()]*)\)/g, (_, e: string) => `^{${e}}`)
    .replace(/\^([\w.]+)/g, (_, e: string) => `^{${e}}`)
    .replace(/[A-Za-z][A-Za-z0-9]*(?:_[A-Za-z0-9]+)?/g, (n) => name(n))
    .replace(/(\d)\s+(?=\\)/g, '$1')
    .replace(/\*(?![\w\\])/g, '^\\star')
    .replace(/\s*~\s*/g, ' \\sim ')
    .replace(/\*/g, ' ');
}

// maths in prose: a run of space-separated tokens that contains an operator token (`d*`, `~`, `f^xi`,
// `K_pp/(gamma`) and otherwise only symbols (one letter, a Greek name, a name with a subscript, a number)
const OPERATOR = /\^|^[~<>=]$|^[<>]=$|[A-Za-z]\*$|\w_\w|[\w)]\/[\w(]|\w\*\w/;
const SYMBOL = /^\(*(?:[A-Za-z]|\d+(?:\.\d+)?|[A-Za-z]+_\w+|[+\-=]|alpha|beta|gamma|delta|epsilon|zeta|eta|theta|kappa|lambda|mu|nu|xi|pi|rho|sigma|tau|phi|chi|psi|omega)\)*$/;

function mathSpans(text: string): Array<[number, number]> {
  const tokens = [...text.matchAll(/\S+/g)].map((m) => {
    const raw = m[0];
    const core = raw.replace(/[,;:]+$/, '');
    return { start: m.index!, end: m.index! + core.length, core, op: OPERATOR.test(core), sym: SYMBOL.test(core) };
  });
  const spans: Array<[number, number]> = [];
  let i = 0;
  while (i < tokens.length) {
    if (!(tokens[i].op || tokens[i].sym)) {
      i++;
      continue;
    }
    let j = i;
    // a run continues over maths tokens; a token with trailing punctuation ends it
    while (j + 1 < tokens.length && (tokens[j + 1].op || tokens[j + 1].sym) && tokens[j].end === tokens[j].start + text.slice(tokens[j].start).match(/\S+/)![0].length) j++;
    const run = tokens.slice(i, j + 1);
    if (run.some((t) => t.op)) {
      // trim leading / trailing plain symbols that are words of the sentence ('a', 'with d'): keep from the first
      // token adjacent to an operator to the last
      let lo = 0, hi = run.length - 1;
      const link = (t: { core: string; op: boolean }) => t.op || t.core === '-' || t.core === '+';
      while (lo < hi && !run[lo].op && !link(run[lo + 1])) lo++;
      while (hi > lo && !run[hi].op && !link(run[hi - 1])) hi--;
      spans.push([run[lo].start, run[hi].end]);
    }
    i = j + 1;
  }
  return spans;
}

/** A theory file's prose with its ASCII maths typeset (KaTeX), the words left as they are. */
export { mathSpans };

export function prose(text: string): Array<Node | string> {
  const out: Array<Node | string> = [];
  let last = 0;
  for (const [a, b] of mathSpans(text)) {
    if (a > last) out.push(text.slice(last, a));
    out.push(tex(asciiToLatex(text.slice(a, b))));
    last = b;
  }
  if (last < text.length) out.push(text.slice(last));
  return out;
}
