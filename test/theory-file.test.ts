// Theory files (src/theory-file, docs/theory-files.md): the built-in theories pass the schema unchanged,
// the library drafts load, a user file in shorthand gives the exponents of a hand computation, and
// malformed or hostile files are refused with one TheoryFileError naming the path, the line, what was
// found and what is expected.
import { describe, it, expect } from 'vitest';
import fc from 'fast-check';
import { readdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { parseTheoryText, loadTheoryFile, checkTheory, TheoryFileError, LIMITS } from '../src/theory-file/index.js';
import { getTheory } from '../src/models/registry.js';
import { BUILTINS, builtinTheory } from '../src/theory-file/builtin.js';
import { textHash } from '../src/engine/cache.js';
import { existsSync } from 'node:fs';
import { Model } from '../src/engine/model.js';
import type { TheoryFile } from '../src/engine/types.js';

const ROOT = resolve(__dirname, '..');

/** Own keys sorted at every level: equality of content regardless of key order. */
function canonicalJson(v: unknown): string {
  return JSON.stringify(v, (_k, x) => (x && typeof x === 'object' && !Array.isArray(x) ? Object.fromEntries(Object.keys(x).sort().map((k) => [k, x[k]])) : x));
}

describe('the built-in theories pass the schema unchanged', () => {
  for (const id of ['plrf', 'rf-dynamics']) {
    it(id, () => {
      const theory = getTheory(id)!;
      expect(theory).toBeDefined();
      const checked = checkTheory(theory, id);
      expect(checked).toEqual(theory);
      expect(canonicalJson(checked)).toBe(canonicalJson(theory));
    });
  }
  it('and so does their text form (JSON, read by the same loader)', () => {
    const theory = getTheory('plrf')!;
    expect(canonicalJson(parseTheoryText(JSON.stringify(theory, null, 2), 'plrf.json'))).toBe(canonicalJson(theory));
  });
});

describe('the built-in theories are the files theory/*.yaml, read by the user-file loader', () => {
  const files = readdirSync(join(ROOT, 'theory')).filter((f) => f.endsWith('.yaml')).sort();
  it('plrf, rf-dynamics and the Chinchilla law are files; their .ts are gone', () => {
    expect(files).toEqual(['chinchilla.yaml', 'plrf.yaml', 'rf-dynamics.yaml']);
    expect(Object.keys(BUILTINS).sort()).toEqual(['chinchilla', 'plrf', 'rf-dynamics']);
    for (const f of ['plrf.ts', 'rf-dynamics.ts']) expect(existsSync(join(ROOT, 'theory', f)), f).toBe(false);
  });
  for (const f of files) {
    const name = f.replace(/\.yaml$/, '');
    it(`${f}: loadTheoryFile gives the built-in theory; the build's cached parse has the text's hash and the same theory`, () => {
      const text = readFileSync(join(ROOT, 'theory', f), 'utf8');
      const loaded = loadTheoryFile(join(ROOT, 'theory', f));
      expect(builtinTheory(name)).toEqual(loaded);
      expect(BUILTINS[name].hash).toBe(textHash(text));
      if (getTheory(loaded.id)) expect(getTheory(loaded.id)).toBe(builtinTheory(name)); // the registry holds this very object
      const cache = join(ROOT, 'dist', 'derived', 'theories', `${name}.json`);
      expect(existsSync(cache), cache).toBe(true);
      const c = JSON.parse(readFileSync(cache, 'utf8')) as { hash: string; theory: TheoryFile };
      expect(c.hash).toBe(textHash(text));
      expect(canonicalJson(c.theory)).toBe(canonicalJson(loaded));
    });
  }
  it('every provenance tag and source is kept (no default `user` in a built-in file)', () => {
    for (const { theory } of Object.values(BUILTINS)) {
      const tagged = [...theory.domain, ...theory.terms.flatMap((t) => t.cases), theory.compute.constraint, ...theory.compute.relations, ...(theory.phases ?? []).flatMap((p) => p.regions), ...(theory.closedForms ?? [])];
      for (const x of tagged) {
        expect(x.provenance, JSON.stringify(x)).not.toBe('user');
        expect(x.source, JSON.stringify(x)).toMatch(/arXiv:|docs\/theory\/|github\.com/);
      }
    }
  });
});

describe('the library (theory/library/*.yaml) and the remaining drafts (docs/library-drafts/*.yaml) load', () => {
  const dirs = [join(ROOT, 'theory', 'library'), join(ROOT, 'docs', 'library-drafts')];
  const files = dirs.flatMap((dir) => readdirSync(dir).filter((f) => f.endsWith('.yaml')).map((f) => ({ dir, f })));
  it('there are drafts', () => expect(files.length).toBeGreaterThanOrEqual(11));
  for (const { dir, f } of files) {
    it(f, () => {
      const theory = loadTheoryFile(join(dir, f));
      expect(theory.id).toBe(f.replace(/\.yaml$/, ''));
      expect(() => new Model(theory)).not.toThrow();
    });
  }
});

// A two-term Chinchilla-type law in the user shorthand. Line numbers matter to the table below.
const USER = [
  /* 1 */ 'id: chinchilla-user',
  /* 2 */ 'title: Two-term Chinchilla-type law',
  /* 3 */ 'parameters:',
  /* 4 */ '  - { name: a, range: [0.05, 1] }',
  /* 5 */ '  - { name: b, range: [0.05, 1] }',
  /* 6 */ 'domain: [a > 0, b > 0]',
  /* 7 */ 'variables: { N: parameters, D: training tokens, C: compute }',
  /* 8 */ 'terms:',
  /* 9 */ "  - { name: params, form: 'N^(-a)' }",
  /* 10 */ "  - { name: data, form: 'D^(-b)' }",
  /* 11 */ 'compute:',
  /* 12 */ '  budget: C',
  /* 13 */ '  allocate: N',
  /* 14 */ '  constraint: C = 6*N*D',
  /* 15 */ 'quantities:',
  /* 16 */ '  - { name: xN, kind: variable, variable: N, sign: 1 }',
  /* 17 */ '  - { name: xD, kind: variable, variable: D, sign: 1 }',
  /* 18 */ '  - { name: loss, kind: loss, sign: -1 }',
  /* 19 */ 'closedForms:',
  /* 20 */ "  - { phase: P1, quantity: xN, expr: 'b/(a + b)' }",
];
const userText = (edit: Record<number, string | null> = {}, extra: string[] = []) =>
  [...USER.map((l, i) => (Object.hasOwn(edit, i + 1) ? edit[i + 1] : l)).filter((l): l is string => l !== null), ...extra].join('\n') + '\n';

/** Independent: L(N) = N^(-a) + (C/(6N))^(-b) minimised over log N by golden section; returns log N*. */
function logNStar(a: number, b: number, logC: number): number {
  const loss = (u: number) => Math.exp(-a * u) + Math.exp(-b * (logC - Math.log(6) - u));
  let lo = -50, hi = logC + 50;
  const g = (Math.sqrt(5) - 1) / 2;
  for (let i = 0; i < 200; i++) {
    const x1 = hi - g * (hi - lo), x2 = lo + g * (hi - lo);
    if (loss(x1) < loss(x2)) hi = x2;
    else lo = x1;
  }
  return (lo + hi) / 2;
}

describe('a user file in shorthand', () => {
  const theory = parseTheoryText(userText(), 'chinchilla-user.yaml');

  it('is normalised to a full TheoryFile (defaults: latex = name, provenance user, relations and constants [])', () => {
    expect(theory.terms[0]).toEqual({ name: 'params', latex: 'params', description: '', cases: [{ when: [], form: 'N^(-a)', provenance: 'user' }] });
    expect(theory.domain).toEqual([{ condition: 'a > 0', provenance: 'user' }, { condition: 'b > 0', provenance: 'user' }]);
    expect(theory.compute).toEqual({ budget: 'C', allocate: 'N', constraint: { equation: 'C = 6*N*D', provenance: 'user' }, relations: [], constants: [] });
    expect(theory.definitions).toEqual({});
    expect(theory.example).toEqual({});
    expect(theory.citation).toBe('');
  });

  it('gives N* ~ C^(b/(a+b)), D* ~ C^(a/(a+b)), L* ~ C^(-ab/(a+b)) (hand computation)', () => {
    const model = new Model(theory);
    for (const [a, b] of [[0.34, 0.28], [0.5, 0.5], [0.1, 0.9], [0.76, 0.103]]) {
      const r = model.exponents({ a, b });
      // dL/dN = 0 with D = C/(6N): a N^(-a) = b D^(-b), so N^(a+b) ~ C^b
      expect(r.exponents.xN.value).toBeCloseTo(b / (a + b), 12);
      expect(r.exponents.xD.value).toBeCloseTo(a / (a + b), 12);
      expect(r.exponents.loss.value).toBeCloseTo((a * b) / (a + b), 12);
    }
  });

  it('agrees with a numeric minimisation (slope of log N* against log C)', () => {
    const model = new Model(theory);
    fc.assert(
      fc.property(fc.double({ min: 0.05, max: 1, noNaN: true }), fc.double({ min: 0.05, max: 1, noNaN: true }), (a, b) => {
        const slope = (logNStar(a, b, 80) - logNStar(a, b, 40)) / 40;
        expect(model.exponents({ a, b }).exponents.xN.value).toBeCloseTo(slope, 6);
      }),
      { numRuns: 30 },
    );
  });

  it('is the complete example of docs/theory-files.md', () => {
    const md = readFileSync(join(ROOT, 'docs', 'theory-files.md'), 'utf8');
    expect(parseTheoryText(md.split('```yaml\n')[1].split('```')[0], 'doc.yaml')).toEqual(theory);
  });

  it('JSON is read the same way', () => {
    expect(parseTheoryText(JSON.stringify(theory), 'chinchilla-user.json')).toEqual(theory);
  });
});

const BOMB = ['x0: &a0 [lol, lol, lol, lol, lol, lol, lol, lol, lol]', ...Array.from({ length: 8 }, (_, i) => `x${i + 1}: &a${i + 1} [${Array(9).fill(`*a${i}`).join(', ')}]`)];

// [what, the file's text, the exact fragment of the message]
const MALFORMED: Array<[string, string, string]> = [
  ['missing field (title)', userText({ 2: null }), 'chinchilla-user.yaml line 1: title: found nothing (the field is missing); expected a string'],
  ['wrong type (range)', userText({ 4: "  - { name: a, range: 'wide' }" }), "line 4: parameters[0].range: found 'wide'; expected a list [low, high]"],
  ['wrong type (sign)', userText({ 16: '  - { name: xN, kind: variable, variable: N, sign: 2 }' }), 'line 16: quantities[0].sign: found 2; expected sign 1 or -1'],
  ['unknown field', userText({}, ['phasess: []']), "line 21: phasess: found the key 'phasess'; expected only the fields of the format"],
  ['unknown quantity in a closed form', userText({ 20: "  - { phase: P1, quantity: xQ, expr: 'b/(a + b)' }" }), "line 20: closedForms[0].quantity: found 'xQ'; expected one of the quantities xN, xD, loss"],
  ['unknown phase in a closed form', userText({ 20: "  - { phase: Ia, quantity: xN, expr: 'b/(a + b)' }" }), "line 20: closedForms[0].phase: found 'Ia'; expected a derived phase P1, P2, ... (the file states no phases)"],
  ['an undeclared variable in a form', userText({ 9: "  - { name: params, form: 'M^(-a)' }" }), "line 9: terms[0].form: found 'M^(-a)'; expected a monomial in the variables N, D, C (M is not a declared variable: declare it under variables)"],
  ['a sum after an exponent (parseMonomial would read D^((-b) + 1))', userText({ 10: "  - { name: data, form: 'D^(-b) + 1' }" }), "line 10: terms[1].form: found 'D^(-b) + 1'; expected a monomial in the variables N, D, C: after '^' a number, a name or a parenthesised exponent, then '*' or the end (at '^(-b) + 1')"],
  ['a non-monomial form', userText({ 9: "  - { name: params, form: 'N^(-a) + D^(-b)' }" }), "line 9: terms[0].form: found 'N^(-a) + D^(-b)'; expected a monomial in the variables N, D, C"],
  ['an exponent that is not a formula of the parameters', userText({ 10: "  - { name: data, form: 'D^(-b*q)' }" }), "line 10: terms[1].form: found 'D^(-b*q)'; expected the exponent of D a formula of the parameters and definitions a, b (unknown name 'q' in '(-b*q)'"],
  ['an exponent with code in it', userText({ 10: "  - { name: data, form: 'D^(process.exit(1))' }" }), "line 10: terms[1].form: found 'D^(process.exit(1))'; expected the exponent of D a formula of the parameters and definitions a, b (unexpected character '.'"],
  ['a condition in an unknown name', userText({ 6: 'domain: [a > 0, c > 0]' }), "line 6: domain[1]: found 'c > 0'; expected a strict inequality in the parameters a, b (unknown name 'c' in 'c ' (allowed: a, b))"],
  ['a relation in an undeclared variable', userText({ 14: '  constraint: C = 6*N*D\n  relations: [t = N*x]' }), "line 15: compute.relations[0]: found 't = N*x'; expected each side of the equation a monomial in the variables N, D, C"],
  ['the budget not a variable', userText({ 12: '  budget: F' }), "line 12: compute.budget: found 'F'; expected the budget one of the declared variables N, D, C"],
  ['a cycle in definitions', userText({}, ['definitions: { p: q + 1, q: 2*p }']), "line 21: definitions.p: found 'q + 1'; expected definitions without a cycle (found p -> q -> p)"],
  ['a __proto__ key', userText({ 7: 'variables: { N: parameters, D: training tokens, C: compute, __proto__: evil }' }), "line 7: variables.__proto__: found the key '__proto__'; expected no prototype key (__proto__, constructor, prototype)"],
  ['a constructor key', userText({}, ['example: { constructor: 1 }']), "line 21: example.constructor: found the key 'constructor'; expected no prototype key"],
  ['an alias bomb', userText({}, BOMB), "(document): found YAML aliases that expand too far (an alias bomb); expected at most 100 alias expansions"],
  ['a deeply nested expression', userText({ 9: `  - { name: params, form: 'N^${'('.repeat(20)}a${')'.repeat(20)}' }` }), `line 9: terms[0].form: found 'N^${'('.repeat(20)}a${')'.repeat(20)}'; expected an expression nested at most 12 parentheses deep (found 20)`],
  ['an expression too long', userText({ 9: `  - { name: params, form: 'N^(${Array(250).fill('a').join('+')})' }` }), `line 9: terms[0].form: found ${`'N^(${Array(250).fill('a').join('+')})'`.slice(0, 57)}...; expected at most 400 characters`],
  ['a file too large', userText({}, [`notes: ['${'x'.repeat(LIMITS.fileSize)}']`]), '(document): found 262'],
  ['text that is not YAML', userText({ 7: 'variables: { N: parameters' }), 'chinchilla-user.yaml line 8: (document): found text that is not YAML or JSON; expected valid YAML or JSON (Flow map in block collection must be sufficiently indented and end with a }'],
  ['a duplicate key', userText({}, ['title: again']), 'line 21: (document): found text that is not YAML or JSON; expected valid YAML or JSON (Map keys must be unique'],
  ['not a map', '[1, 2, 3]\n', 'line 1: (document): found [1,2,3]; expected a map of the theory fields'],
  ['a parameter range empty', userText({ 5: '  - { name: b, range: [1, 0.05] }' }), 'line 5: parameters[1].range: found [1,0.05]; expected a range [low, high] of finite numbers with low < high'],
  ['a variable that is also a parameter', userText({ 7: 'variables: { N: parameters, D: training tokens, C: compute, a: oops }' }), "line 7: variables.a: found 'oops'; expected a name not already used (a is already a parameter)"],
];

describe('malformed and hostile files are refused with the path, the line, what was found and what is expected', () => {
  it('the table is the one the issue asks for (at least 8 kinds)', () => expect(MALFORMED.length).toBeGreaterThanOrEqual(8));
  for (const [what, text, fragment] of MALFORMED) {
    it(what, () => {
      let error: unknown;
      try {
        parseTheoryText(text, 'chinchilla-user.yaml');
      } catch (e) {
        error = e;
      }
      expect(error).toBeInstanceOf(TheoryFileError);
      expect((error as Error).message).toContain(fragment);
    });
  }

  it('a JSON file is located by its line too', () => {
    const json = JSON.stringify({ ...parseTheoryText(userText(), 'u'), terms: [{ name: 'params', form: 'N^(-a)' }, { name: 'data', form: 'D^(-b) + 1' }] }, null, 2);
    const line = json.split('\n').findIndex((l) => l.includes('D^(-b) + 1')) + 1;
    expect(() => parseTheoryText(json, 'u.json')).toThrow(`u.json line ${line}: terms[1].form: found 'D^(-b) + 1'; expected a monomial in the variables N, D, C: after '^' a number, a name or a parenthesised exponent, then '*' or the end (at '^(-b) + 1')`);
  });

  it('a built-in object is checked the same way (no line)', () => {
    const plrf = getTheory('plrf')!;
    const bad: TheoryFile = { ...plrf, terms: plrf.terms.map((t, i) => (i === 2 ? { ...t, cases: [{ ...t.cases[0], form: 'd^(-1)*t^(-p)*x' }] } : t)) };
    expect(() => checkTheory(bad, 'plrf')).toThrow("plrf: terms[2].cases[0].form: found 'd^(-1)*t^(-p)*x'; expected a monomial in the variables d, t, gamma, B, r, f");
  });

  it('random damage to a valid file: a TheoryFileError or a valid theory, never another exception', () => {
    const base = userText();
    fc.assert(
      fc.property(fc.integer({ min: 0, max: base.length - 1 }), fc.integer({ min: 1, max: 8 }), fc.string({ maxLength: 6 }), (at, cut, insert) => {
        const text = base.slice(0, at) + insert + base.slice(at + cut);
        try {
          parseTheoryText(text, 'damaged.yaml');
        } catch (e) {
          if (!(e instanceof TheoryFileError)) throw e;
        }
      }),
      { numRuns: 300 },
    );
  });
});
