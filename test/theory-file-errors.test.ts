// Schema errors of a theory file (docs/theory-files.md, issue 12): a table of malformed files, each with its
// exact message (the field path, the YAML line, what was found and what is expected), and exit 2 through
// the command line (`phases --theory FILE`, the built dist/ command line run in-process; one case also as
// a child process). Every file is the small valid BASE with one defect; the lines below are BASE's lines.
import { describe, expect, it, beforeAll } from 'vitest';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { spawnSync } from 'node:child_process';
import { parseTheoryText, TheoryFileError } from '../src/theory-file/index.js';

const BASE = `id: two-term
title: Two-term law
parameters:
  - { name: a, range: [0.05, 1] }
  - { name: b, range: [0.05, 1] }
domain: [a > 0, b > 0]
variables: { N: parameters, D: tokens, C: compute }
terms:
  - { name: params, form: 'N^(-a)' }
  - { name: data, form: 'D^(-b)' }
compute:
  budget: C
  allocate: N
  constraint: C = N*D
quantities:
  - { name: xN, kind: variable, variable: N, sign: 1 }
  - { name: loss, kind: loss, sign: -1 }
`;

/** BASE with `from` replaced by `to` (the replacement must happen). */
function edit(from: string, to: string): string {
  if (!BASE.includes(from)) throw new Error(`the table's edit '${from}' does not match BASE`);
  return BASE.replace(from, to);
}

const ALIAS_BOMB = `${BASE}notes:
  - &a [x, x, x, x, x, x, x, x, x]
  - &b [*a, *a, *a, *a, *a, *a, *a, *a, *a]
  - &c [*b, *b, *b, *b, *b, *b, *b, *b, *b]
  - &d [*c, *c, *c, *c, *c, *c, *c, *c, *c]
  - [*d, *d, *d, *d, *d, *d, *d, *d, *d]
`;

interface Case {
  name: string;
  text: string;
  /** the message after `FILE ` */
  message: string;
}

const CASES: Case[] = [
  { name: 'missing field', text: edit('title: Two-term law\n', ''), message: 'line 1: title: found nothing (the field is missing); expected a string' },
  { name: 'wrong type', text: edit('{ name: a, range: [0.05, 1] }', '{ name: a, range: low }'), message: "line 4: parameters[0].range: found 'low'; expected a list [low, high]" },
  { name: 'wrong type (a number for a name)', text: edit('budget: C', 'budget: 3'), message: 'line 12: compute.budget: found 3; expected a string' },
  { name: 'range not increasing', text: edit('{ name: a, range: [0.05, 1] }', '{ name: a, range: [1, 0.05] }'), message: 'line 4: parameters[0].range: found [1,0.05]; expected a range [low, high] of finite numbers with low < high' },
  { name: 'value not in the enum', text: edit('kind: loss', 'kind: lost'), message: `line 17: quantities[1].kind: found 'lost'; expected one of "variable", "loss"` },
  { name: 'sign not 1 or -1', text: edit('sign: -1', 'sign: 2'), message: 'line 17: quantities[1].sign: found 2; expected sign 1 or -1' },
  { name: 'unknown key', text: edit('  constraint: C = N*D\n', '  constraint: C = N*D\n  constrain: C = N\n'), message: "line 15: compute.constrain: found the key 'constrain'; expected only the fields of the format (docs/theory-files.md); 'constrain' is not one" },
  { name: 'unknown term in a relation', text: edit('  constraint: C = N*D\n', '  constraint: C = N*D\n  relations: [D = data]\n'), message: "line 15: compute.relations[0]: found 'D = data'; expected each side of the equation a monomial in the variables N, D, C (data is a term, not a variable)" },
  { name: 'a variable not defined (in a relation)', text: edit('  constraint: C = N*D\n', '  constraint: C = N*D\n  relations: [D = Q]\n'), message: "line 15: compute.relations[0]: found 'D = Q'; expected each side of the equation a monomial in the variables N, D, C (Q is not a declared variable: declare it under variables)" },
  { name: 'a variable not defined (in a form)', text: edit("form: 'D^(-b)'", "form: 'X^(-b)'"), message: "line 10: terms[1].form: found 'X^(-b)'; expected a monomial in the variables N, D, C (X is not a declared variable: declare it under variables)" },
  { name: 'a variable not defined (the budget)', text: edit('budget: C', 'budget: F'), message: "line 12: compute.budget: found 'F'; expected the budget one of the declared variables N, D, C" },
  { name: 'a parameter used as a variable', text: edit("form: 'D^(-b)'", "form: 'a^(-b)'"), message: "line 10: terms[1].form: found 'a^(-b)'; expected a monomial in the variables N, D, C (a is a parameter, not a variable)" },
  { name: 'a variable in a condition', text: edit("form: 'D^(-b)' }", "form: 'D^(-b)', when: ['N > 1'] }"), message: "line 10: terms[1].when[0]: found 'N > 1'; expected a strict inequality in the parameters a, b (N is a variable: a condition may use the parameters only)" },
  { name: 'a non-monomial form (a sum)', text: edit("form: 'D^(-b)'", "form: 'D^(-b) + N'"), message: "line 10: terms[1].form: found 'D^(-b) + N'; expected a monomial in the variables N, D, C: after '^' a number, a name or a parenthesised exponent, then '*' or the end (at '^(-b) + N')" },
  { name: 'an exponent not rational in the parameters', text: edit("form: 'D^(-b)'", "form: 'D^(-log(b))'"), message: "line 10: terms[1].form: found 'D^(-log(b))'; expected the exponent of D a rational function of the parameters a, b (log(b): function log)" },
  { name: 'an exponent not rational through a definition', text: edit('domain:', 'definitions: { r: sqrt(a) }\ndomain:').replace("form: 'D^(-b)'", "form: 'D^(-r)'"), message: "line 11: terms[1].form: found 'D^(-r)'; expected the exponent of D a rational function of the parameters a, b (sqrt(a): function sqrt)" },
  { name: 'a cycle in definitions', text: edit('domain:', 'definitions: { p: q + 1, q: 2*p }\ndomain:'), message: "line 6: definitions.p: found 'q + 1'; expected definitions without a cycle (found p -> q -> p)" },
  { name: 'code in a formula', text: edit("form: 'D^(-b)'", "form: 'D^(process.exit(1))'"), message: "line 10: terms[1].form: found 'D^(process.exit(1))'; expected the exponent of D a formula of the parameters and definitions a, b (unexpected character '.' at position 9 in '(process.exit(1))' (allowed: numbers, names, + - * / ^, parentheses and sqrt, exp, log, ln, abs, min, max))" },
  { name: 'code in a coefficient', text: edit("form: 'D^(-b)' }", `form: 'D^(-b)', coefficient: 'require("fs")' }`), message: `line 10: terms[1].coefficient: found 'require("fs")'; expected an expression of numbers, names, + - * / ^ and parentheses` },
  { name: 'a prototype key', text: `${BASE}example: { a: 0.3, __proto__: { polluted: 1 } }\n`, message: "line 18: example.__proto__: found the key '__proto__'; expected no prototype key (__proto__, constructor, prototype)" },
  { name: 'a constructor key', text: edit('compute:\n', 'compute:\n  constructor: 1\n'), message: "line 12: compute.constructor: found the key 'constructor'; expected no prototype key (__proto__, constructor, prototype)" },
  { name: 'an alias bomb', text: ALIAS_BOMB, message: 'line 20: (document): found YAML aliases that expand too far (an alias bomb); expected at most 100 alias expansions (Excessive alias count indicates a resource exhaustion attack)' },
  { name: 'a huge expression', text: edit("form: 'D^(-b)'", `form: 'D^(-(${Array(250).fill('b').join('+')}))'`), message: `line 10: terms[1].form: found 'D^(-(${'b+'.repeat(25)}b...; expected at most 400 characters` },
  { name: 'a deeply nested expression', text: edit("form: 'D^(-b)'", `form: 'D^(${'('.repeat(14)}b${')'.repeat(14)})'`), message: `line 10: terms[1].form: found 'D^(${'('.repeat(14)}b${')'.repeat(14)})'; expected an expression nested at most 12 parentheses deep (found 15)` },
  { name: 'a deeply nested document', text: `${BASE}example: ${'{x: '.repeat(14)}1${'}'.repeat(14)}\n`, message: `line 18: example${'.x'.repeat(12)}: found deeper nesting; expected maps and lists nested at most 12 deep` },
  { name: 'a closed form of an unknown phase', text: `${BASE}closedForms: [{ phase: hard, quantity: xN, expr: b/(a + b) }]\n`, message: "line 18: closedForms[0].phase: found 'hard'; expected a derived phase P1, P2, ... (the file states no phases)" },
  { name: 'text that is not YAML', text: edit('  budget: C', '  budget: [C'), message: 'line 13: (document): found text that is not YAML or JSON; expected valid YAML or JSON (Flow sequence in block collection must be sufficiently indented and end with a ] at line 13, column 3)' },
  { name: 'a repeated key', text: edit('  budget: C\n', '  budget: C\n  budget: D\n'), message: 'line 13: (document): found text that is not YAML or JSON; expected valid YAML or JSON (Map keys must be unique at line 13, column 3)' },
];

type Main = (argv: string[], ctx: { out: (s: string) => void; err: (s: string) => void }) => Promise<number>;
let main: Main;
const dir = mkdtempSync(join(tmpdir(), 'theory-file-errors-'));

beforeAll(async () => {
  main = ((await import(pathToFileURL(resolve('dist/src/cli/main.js')).href)) as { main: Main }).main;
});

async function phases(file: string): Promise<{ code: number; out: string; err: string }> {
  let out = '', err = '';
  const code = await main(['phases', '--theory', file], { out: (s) => (out += s), err: (s) => (err += s) });
  return { code, out, err };
}

describe('theory file errors', () => {
  it('BASE itself is a valid theory (phases exits 0)', async () => {
    const f = join(dir, 'base.yaml');
    writeFileSync(f, BASE);
    expect(parseTheoryText(BASE, 'base.yaml').id).toBe('two-term');
    expect((await phases(f)).code).toBe(0);
  });

  it.each(CASES)('$name: the exact message, and exit 2 from `phases --theory`', async ({ name, text, message }) => {
    const f = join(dir, `${name.replace(/[^a-z0-9]+/gi, '-')}.yaml`);
    writeFileSync(f, text);
    let thrown: unknown;
    try {
      parseTheoryText(text, 'bad.yaml');
    } catch (e) {
      thrown = e;
    }
    expect(thrown).toBeInstanceOf(TheoryFileError);
    expect((thrown as Error).message).toBe(`bad.yaml ${message}`);
    const r = await phases(f);
    expect(r.code).toBe(2);
    expect(r.out).toBe('');
    expect(r.err).toBe(`scaling-theory: ${f} ${message}\n`);
  });

  it('the structured error carries path, line, found and expected separately', () => {
    const e = (() => {
      try {
        parseTheoryText(edit("form: 'D^(-b)'", "form: 'X^(-b)'"), 'bad.yaml');
      } catch (err) {
        return err as TheoryFileError;
      }
    })()!;
    expect({ path: e.path, line: e.line, found: e.found }).toEqual({ path: 'terms[1].form', line: 10, found: "'X^(-b)'" });
    expect(e.expected).toMatch(/^a monomial in the variables N, D, C/);
  });

  it('exit 2 from the installed command (a child process), nothing on stdout', () => {
    const f = join(dir, 'child.yaml');
    writeFileSync(f, edit('title: Two-term law\n', ''));
    const r = spawnSync(process.execPath, ['bin/scaling-theory.js', 'phases', '--theory', f], { encoding: 'utf8' });
    expect(r.status).toBe(2);
    expect(r.stdout).toBe('');
    expect(r.stderr).toBe(`scaling-theory: ${f} line 1: title: found nothing (the field is missing); expected a string\n`);
  });
});
