// The printer wired into the engine (issue 12, "Formulas as a theorist writes them"): the ENGINE's own
// expression of every exponent (derived with the theory's closedForms removed, so they cannot be used)
// prints string-equal to the reference form, typed here from ../shared/reference/plrf.md §5.3 and
// random-features.md §4.1, §4.4 (where the reference's spelling breaks a printing rule, the canonical
// form of docs/printer.md, "The reference's forms", is typed, with the reference's in the comment);
// printing then re-reading gives the engine's value at random points of the phase (fast-check); and
// `explain --json` has the shape of the explorer contract, every symbol of every formula defined.
import { describe, expect, beforeAll, test } from 'vitest';
import { test as prop, fc } from '@fast-check/vitest';
import { join } from 'node:path';
import { Model } from '../src/engine/model.js';
import { getTheory } from '../src/models/registry.js';
import { printExpression, rationalOf } from '../src/symbolic/print.js';
import { parseFormula, symbolsOf } from '../src/symbolic/formula.js';
import { main } from '../src/cli/main.js';
import type { TheoryFile } from '../src/engine/types.js';

/** The theory without its closed forms: the engine's derivation alone. */
function bare(id: string): Model {
  const t = getTheory(id) as TheoryFile;
  return new Model({ ...t, closedForms: [] });
}

// plrf.md §5.3 (d* ~ f^xi, P* ~ f^(-eta))
const PLRF: Record<string, { xi: string; eta: string }> = {
  Ia: { xi: '1/(2*alpha + 1)', eta: '(2*alpha + 2*beta - 1)/(2*alpha + 1)' }, // §5.3 row Ia
  Ib: { xi: '1/2', eta: '(2*alpha + 2*beta - 1)/2' }, // §5.3 row Ib
  // §5.3 row Ic: xi = (2alpha+2beta-1)/(4alpha^2 + 2(1-alpha)(2alpha+2beta-1)), eta = 2alpha xi; the
  // denominator 2*(3*alpha + 2*beta - 2*alpha*beta - 1) grouped by beta (docs/printer.md table)
  Ic: { xi: '(2*alpha + 2*beta - 1)/(2*(2*beta*(1 - alpha) + 3*alpha - 1))', eta: 'alpha*(2*alpha + 2*beta - 1)/(2*beta*(1 - alpha) + 3*alpha - 1)' },
  // §5.3 row II: eta = (2alpha+2beta-1)/(2alpha+2beta), written 1 - 1/(2(alpha+beta)) (docs/printer.md rule 8c)
  II: { xi: 'beta/(alpha + beta)', eta: '1 - 1/(2*(alpha + beta))' },
  III: { xi: '1/2', eta: '1 - 1/(4*alpha)' }, // §5.3 row III
  IVa: { xi: '1/2', eta: 'alpha' }, // §5.3 row IVa
  IVb: { xi: '(beta - alpha)/(2*beta*(1 - alpha) - alpha)', eta: '(1 - 2*alpha)*(2*alpha + 2*beta - 1)/(2*(2*beta*(1 - alpha) - alpha))' }, // §5.3 row IVb
};

// random-features.md §4.1 (m = a - 1: N* ~ C^(1/(1+b)), t* ~ C^(b/(1+b)), L* ~ C^(-(a-1)/(1+b)); the
// constant last, rule 5) and §4.4 (easy tasks: N* ~ C^((a-b)/a), t* ~ C^(b/a), L* ~ C^(-(a-1)/a))
const RF: Record<string, Record<string, string>> = {
  hard: { N: '1/(b + 1)', t: 'b/(b + 1)', loss: '(a - 1)/(b + 1)' },
  easy: { N: '(a - b)/a', t: 'b/a', loss: '(a - 1)/a' },
};
// random-features.md §4.1 with m = 2b (the ensemble's easy regime): (a-1)/(a-1+2b^2), 2b^2/(a-1+2b^2), 2b(a-1)/(a-1+2b^2)
const ENSEMBLE_EASY = { N: '(a - 1)/(a + 2*b^2 - 1)', t: '2*b^2/(a + 2*b^2 - 1)', loss: '2*b*(a - 1)/(a + 2*b^2 - 1)' };

// the balance solved for u (u = xi*phi with xi of plrf.md §5.3; printed forms listed in docs/printer.md)
const SOLUTIONS: Record<string, string> = { Ia: 'u = phi/(2*alpha + 1)', II: 'u = beta*phi/(alpha + beta)', III: 'u = phi/2', IVa: 'u = phi/2' };

const plrf = bare('plrf');
const rf = bare('rf-dynamics');
const ensemble = bare('rf-dynamics~ensemble');

beforeAll(() => {
  for (const m of [plrf, rf, ensemble]) for (const ph of m.theory.phases!) m.region({ phase: ph.name, piece: 0 });
}, 300_000);

function engineForms(m: Model, phase: string): Record<string, string> {
  const d = m.region({ phase, piece: 0 }).derivation;
  return Object.fromEntries(Object.keys(d.balance.quantities).map((q) => [q, d.printed!.quantities[q].text]));
}

describe("the engine's own exponents print as the reference writes them", () => {
  for (const [phase, forms] of Object.entries(PLRF)) {
    test(`PLRF ${phase}: xi, eta`, () => {
      expect(engineForms(plrf, phase)).toEqual(forms);
      // what every output shows is that same printed engine expression (no closed form to lean on here)
      const ref = { phase, piece: 0 };
      const x = plrf.region(ref).derivation.at!;
      const r = plrf.exponents({ alpha: x[0], beta: x[1] });
      expect(r.exponents.xi.expr).toBe(forms.xi);
      expect(r.exponents.eta.expr).toBe(forms.eta);
      expect(r.exponents.xi.verified).toBe('none');
    });
  }
  for (const [phase, forms] of Object.entries(RF)) {
    test(`rf-dynamics ${phase}: N, t, loss`, () => {
      expect(engineForms(rf, phase)).toEqual(forms);
    });
  }
  test('rf-dynamics ensemble, easy regime', () => {
    expect(engineForms(ensemble, 'easy')).toEqual(ENSEMBLE_EASY);
  });
  test('rf-dynamics ensemble, hard regime (eq.17 with m = a - 1, as the single model)', () => {
    expect(engineForms(ensemble, 'hard')).toEqual(RF.hard);
  });
  for (const [phase, u] of Object.entries(SOLUTIONS)) {
    test(`PLRF ${phase}: the balance solved for u in the parameters`, () => {
      expect(plrf.region({ phase, piece: 0 }).derivation.printed!.solution.text).toBe(u);
    });
  }
  test('the full model (closed forms present) prints the same and verifies them', () => {
    const full = new Model(getTheory('plrf')!);
    const r = full.exponents({ alpha: 0.27, beta: 1 });
    expect(r.exponents.xi.expr).toBe(PLRF.IVb.xi);
    expect(r.exponents.xi.verified).not.toBe('mismatch');
    expect(r.exponents.xi.verified).not.toBe('none');
  });
});

// ---- print -> re-read: the same value at random points of the phase ---------------------------------

const close = (a: number, b: number) => Math.abs(a - b) <= 1e-9 * (1 + Math.abs(b));

function roundTrip(m: Model, point: Record<string, number>) {
  const params = m.params;
  const r = m.exponents(point);
  const x = params.map((p) => point[p]);
  for (const q of m.theory.quantities) {
    const e = r.exponents[q.name];
    if (e.value === null) continue;
    const back = rationalOf(e.expr, { params }).value.evaluate(x);
    expect(close(back, e.value), `${q.name} = ${e.expr} at ${JSON.stringify(point)}: ${back} vs ${e.value}`).toBe(true);
    // and printing the printed form again changes nothing (the output depends on the value only)
    const at = m.region(m.classify(point).pieces[0]).derivation.at!;
    expect(printExpression(e.expr, { params, at: Object.fromEntries(params.map((p, i) => [p, at[i]])) }).text).toBe(e.expr);
  }
}

describe('print, then re-read: the engine value', () => {
  prop.prop([fc.double({ min: 0.01, max: 1.6, noNaN: true }), fc.double({ min: -0.4, max: 1.6, noNaN: true })], { numRuns: 60 })('PLRF, whole domain', (alpha, beta) => {
    fc.pre(2 * alpha + 2 * beta > 1 + 1e-3);
    const c = plrf.classify({ alpha, beta });
    fc.pre(!c.onBoundary && c.phase !== null);
    roundTrip(plrf, { alpha, beta });
  });
  prop.prop([fc.double({ min: 1.01, max: 6, noNaN: true }), fc.double({ min: 1.01, max: 3, noNaN: true })], { numRuns: 40 })('rf-dynamics, both regimes', (a, b) => {
    fc.pre(Math.abs(a - 1 - b) > 1e-3);
    roundTrip(rf, { a, b });
  });
});

// ---- explain --json: the contract of the explorer, every symbol defined ---------------------------

async function run(...argv: string[]) {
  let out = '', err = '';
  const code = await main(argv, { out: (s) => (out += s), err: (s) => (err += s) });
  return { code, out, err };
}

const KINDS = ['point', 'terms', 'constraint', 'slopes', 'balance', 'solve', 'exponents', 'warnings'];
const ITEM_KEYS = ['label', 'formula', 'value', 'note', 'provenance'];

/** Names a formula's text uses (each side of =, <, >, ~ read by the project's formula reader; `d*` is the optimal d). */
function freeNames(text: string): string[] {
  const names = new Set<string>();
  for (const side of text.split(/\s(?:<=|>=|=|<|>|~)\s/)) {
    const tree = parseFormula(side.replace(/([A-Za-z_][A-Za-z0-9_]*)\*$/, '$1'), null); // throws if not a formula
    for (const n of symbolsOf(tree)) names.add(n);
  }
  return [...names];
}

function checkExplanation(j: Record<string, unknown>, params: string[]) {
  expect(Object.keys(j).sort()).toEqual(['definitions', 'model', 'params', 'steps']);
  const defs = j.definitions as Array<{ name: string; formula: { text: string; latex: string }; provenance?: string }>;
  const steps = j.steps as Array<{ kind: string; title: string; items: Array<Record<string, unknown>> }>;
  const allowed = new Set([...params, 'u', 'phi', ...defs.map((d) => d.name)]);
  const formulas: Array<{ text: string; latex: string }> = defs.map((d) => d.formula);
  for (const d of defs) expect(Object.keys(d).every((k) => ['name', 'formula', 'provenance'].includes(k))).toBe(true);
  for (const s of steps) {
    expect(KINDS).toContain(s.kind);
    expect(Object.keys(s).sort()).toEqual(['items', 'kind', 'title']);
    expect(typeof s.title).toBe('string');
    for (const it of s.items) {
      for (const k of Object.keys(it)) expect(ITEM_KEYS).toContain(k);
      if (it.formula) formulas.push(it.formula as { text: string; latex: string });
      if ('value' in it) expect(Number.isFinite(it.value)).toBe(true);
      if (it.note !== undefined) expect(typeof it.note).toBe('string');
    }
  }
  expect(steps.map((s) => s.kind).slice(0, 7)).toEqual(KINDS.slice(0, 7));
  for (const f of formulas) {
    expect(Object.keys(f).sort()).toEqual(['latex', 'text']);
    expect(typeof f.latex).toBe('string');
    for (const n of freeNames(f.text)) expect(allowed.has(n), `'${n}' in '${f.text}' is not a parameter, u, phi or a definition`).toBe(true);
  }
  return { defs, steps };
}

describe('explain --json', () => {
  const plrfPoints: Array<[string, number, number]> = [['Ia', 0.7, 0.3], ['Ib', 0.4, 0.3], ['Ic', 0.2, 1], ['II', 0.9, 0.7], ['III', 0.7, 1.2], ['IVa', 0.4, 1], ['IVb', 0.27, 1], ['II|III', 0.7, 0.7]];
  for (const [name, alpha, beta] of plrfPoints) {
    test(`PLRF ${name} (${alpha}, ${beta}): the contract's shape, no undefined symbol`, async () => {
      const r = await run('explain', '--model', 'plrf', '--alpha', String(alpha), '--beta', String(beta), '--json');
      expect(r.code, r.err).toBe(0);
      checkExplanation(JSON.parse(r.out), ['alpha', 'beta']);
    });
  }
  for (const [a, b] of [[1.5, 1.25], [4, 2]]) {
    test(`rf-dynamics (${a}, ${b})`, async () => {
      const r = await run('explain', '--model', 'rf-dynamics', '--a', String(a), '--b', String(b), '--json');
      expect(r.code, r.err).toBe(0);
      checkExplanation(JSON.parse(r.out), ['a', 'b']);
    });
  }
  test('a user theory file', async () => {
    const f = join(import.meta.dirname, '..', 'examples', 'theories', 'size-and-time.yaml');
    const r = await run('explain', '--theory', f, '--a', '0.5', '--b', '0.4', '--g', '0.25', '--json');
    expect(r.code, r.err).toBe(0);
    checkExplanation(JSON.parse(r.out), ['a', 'b', 'g']);
  });
  test('PLRF Ia: s and sigma are defined, the solution is in the parameters and at the point', async () => {
    const r = await run('explain', '--model', 'plrf', '--alpha', '0.7', '--beta', '0.3', '--json');
    const { defs, steps } = checkExplanation(JSON.parse(r.out), ['alpha', 'beta']);
    const def = Object.fromEntries(defs.map((d) => [d.name, d.formula.text]));
    // plrf.md §0/§2: s = (2alpha + 2beta - 1)/(2alpha), sigma = 2alpha + 2beta - 1
    expect(def.s).toBe('(2*alpha + 2*beta - 1)/(2*alpha)');
    expect(def.sigma).toBe('2*alpha + 2*beta - 1');
    const solve = steps.find((s) => s.kind === 'solve')!.items.map((i) => (i.formula as { text: string } | undefined)?.text);
    expect(solve).toContain('u = phi/(2*alpha + 1)');
    expect(solve).toContain('d* ~ f^(1/(2*alpha + 1))');
    expect(solve).toContain('u = 0.4167*phi'); // xi = 1/(2*0.7 + 1) = 0.41667
    expect(steps.find((s) => s.kind === 'solve')!.title).not.toMatch(/CAS/);
  });
  test('the text output prints the same steps, readably', async () => {
    const r = await run('explain', '--model', 'plrf', '--alpha', '0.7', '--beta', '0.3');
    expect(r.code).toBe(0);
    expect(r.out).toContain('s = (2*alpha + 2*beta - 1)/(2*alpha)');
    expect(r.out).toContain('u = phi/(2*alpha + 1)');
    expect(r.out).toContain('d* ~ f^(1/(2*alpha + 1))');
    expect(r.out).toContain('xi = 1/(2*alpha + 1) = 0.416667');
    expect(r.out).not.toMatch(/\^\(-1\)|with the CAS/);
  });
});
