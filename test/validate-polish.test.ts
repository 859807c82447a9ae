// Validator polish: every formula the validator and `exponents` show reads as a theorist writes it
// (the project's printer, docs/printer.md), the one reader of `theory:` files in claims, and `check --help`.
// Expected formulas are written by hand from ../shared/reference/random-features.md §4.4 (c_t = (a-1)/b,
// c_N = c_P = a - 1 in the hard phase), in the printer's documented style, not copied from the code.
import { describe, expect, it } from 'vitest';
import { spawnSync } from 'node:child_process';
import { copyFileSync, existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { getModel } from '../src/models/registry.js';
import { bottlenecksAt } from '../src/engine/bottleneck.js';

const cli = (args: string[]) => spawnSync('node', ['bin/scaling-theory.js', ...args], { encoding: 'utf8' });
/** what a theorist never writes: nerdamer's `(-1)*`, `^(-1)`, `+-`, `-1+a` */
const UNPRINTED = /\(-1\)\*|\^\(-1\)|\^-1\b|\+-|\(-1\+/;

describe('bottleneck exponents through the printer (src/engine/bottleneck.ts)', () => {
  it('bottlenecksAt gives printed text and LaTeX, the same at every point of a phase', () => {
    const model = getModel('rf-dynamics');
    for (const [a, b] of [[1.5, 1.25], [1.2, 3], [1.9, 7]]) {
      const got = bottlenecksAt(model, { a, b });
      expect(got.time.expr).toBe('(a - 1)/b');
      expect(got.time.latex).toMatch(/^\\frac\{a - 1\}\{b\}$/);
      expect(got.width.expr).toBe('a - 1');
      expect(got.data.expr).toBe('a - 1');
      expect(got.time.value).toBeCloseTo((a - 1) / b, 12);
    }
  });

  it('exponents --model rf-dynamics: printed bottlenecks in text and JSON', () => {
    const r = cli(['exponents', '--model', 'rf-dynamics', '--a', '1.5', '--b', '1.25']);
    expect(r.status, r.stderr).toBe(0);
    expect(r.stdout).toMatch(/time\s+c = 0\.4\s+\(a - 1\)\/b\s/);
    expect(r.stdout).not.toMatch(UNPRINTED);
    const j = cli(['exponents', '--model', 'rf-dynamics', '--a', '1.5', '--b', '1.25', '--json']);
    expect(j.status, j.stderr).toBe(0);
    const b = JSON.parse(j.stdout).exponents.bottleneck;
    expect(b.time.expr).toBe('(a - 1)/b');
    expect(b.width.expr).toBe('a - 1');
  });

  it('check: the value claim on a bottleneck shows c as printed', () => {
    const r = cli(['check', 'examples/claims/rf-dynamics.yaml', '--json']);
    const verdicts = JSON.parse(r.stdout).claims as Array<{ id: string; how?: string; theory?: Array<{ expr: string }> }>;
    const v = verdicts.find((x) => x.id === 'time-bottleneck-at-figure-point')!;
    expect(v.how).toContain('c = (a - 1)/b,');
    expect(v.theory![0].expr).toBe('(a - 1)/b');
  });

  it('check: a derivation counterexample writes its monomials with divisions (f/d, not d^(-1)*f)', () => {
    const r = cli(['check', 'examples/claims/derivation-ivb.yaml']);
    expect(r.stdout).toMatch(/claimed t ~ f\/d, theory t ~ f\/d\^\(1\.\d+\)/);
  });

  it('check examples/claims/*.yaml: no formula in nerdamer form', { timeout: 240_000 }, () => {
    const dir = 'examples/claims';
    for (const f of readdirSync(dir).filter((n) => n.endsWith('.yaml'))) {
      const r = cli(['check', join(dir, f)]);
      expect(r.stderr, f).not.toMatch(/internal error/);
      const bad = r.stdout.split('\n').filter((l) => UNPRINTED.test(l));
      expect(bad, `${f}: ${bad.join('\n')}`).toEqual([]);
    }
  });
});

describe('one reader of theory: files, for every claim kind (src/validate/schema.ts setTheoryFileReader)', () => {
  it('a derivation claim and an exponent claim on the same file share the registered reader and its model', async () => {
    const { parseClaimsText, setTheoryFileReader } = await import('../src/validate/schema.js');
    const { theoryFileModel } = await import('../src/models/theory-file.js');
    const { loadTheoryFile } = await import('../src/theory-file/load.js');
    const dir = mkdtempSync(join(tmpdir(), 'polish-reader-'));
    copyFileSync('theory/library/kaplan2020-nd.yaml', join(dir, 'k.yaml'));
    const file = join(dir, 'c.yaml');
    writeFileSync(file, 'claims:\n  - {id: e, theory: k.yaml, kind: exponent, quantity: xN, formula: "1/2"}\n  - id: d\n    theory: k.yaml\n    kind: derivation\n    steps:\n      - balance: "X = Y"\n');
    const read: string[] = [];
    setTheoryFileReader((path) => {
      read.push(path);
      return theoryFileModel(loadTheoryFile(path)).engine!();
    });
    // the derivation claim is refused by its step, so its theory was read by the one registered reader
    expect(() => parseClaimsText(readFileSync(file, 'utf8'), file)).toThrow(/claim 'd' \(claims\[1\]\), field steps\[0\]\.balance: 'X' is not a term of /);
    expect(read).toEqual([join(dir, 'k.yaml')]); // read once, for both claims
    rmSync(dir, { recursive: true, force: true });
  });

  it('check: a missing theory file of a derivation claim and of an exponent claim, the same message', () => {
    const dir = mkdtempSync(join(tmpdir(), 'polish-missing-'));
    const p = join(dir, 'm.yaml');
    writeFileSync(p, 'claims:\n  - id: d\n    theory: missing.yaml\n    kind: derivation\n    steps:\n      - balance: "X = Y"\n');
    const d = cli(['check', p]);
    writeFileSync(p, 'claims:\n  - {id: d, theory: missing.yaml, kind: exponent, quantity: N, formula: "1/2"}\n');
    const e = cli(['check', p]);
    const want = `claim 'd' (claims[0]), field theory: cannot read theory file '${join(dir, 'missing.yaml')}' (not found)`;
    for (const r of [d, e]) {
      expect(r.status).toBe(2);
      expect(r.stdout).toBe('');
      expect(r.stderr).toContain(want);
    }
    rmSync(dir, { recursive: true, force: true });
  });

  it('the browser-bundled validator has one registry and no node:path (derivation-files.ts is gone)', () => {
    expect(existsSync('src/validate/derivation-files.ts')).toBe(false);
    const steps = readFileSync('src/validate/derivation-steps.ts', 'utf8');
    expect(steps).not.toMatch(/setTheoryFileReader|node:fs|node:path/);
  });
});

describe('check --help', () => {
  it('lists every claim kind, one line each, and points to the tutorial', () => {
    const r = cli(['check', '--help']);
    expect(r.status, r.stderr).toBe(0);
    // the kinds of the claims-file contract (issues 12 and 14), written out by hand
    const kinds = ['exponent', 'value', 'boundary', 'scaling', 'relation', 'inequality', 'monotone', 'continuity', 'balance', 'derivation'];
    for (const k of kinds) expect(r.stdout, k).toMatch(new RegExp(`^  ${k} +\\S`, 'm'));
    expect(r.stdout).toContain('docs/validator-tutorial.md');
  });

  it('the help lists exactly the kinds the schema accepts', async () => {
    const { CLAIM_KINDS } = await import('../src/validate/schema.js');
    const listed = [...cli(['check', '--help']).stdout.split('Claim kinds')[1].split('\n\n')[0].matchAll(/^  ([a-z]+) /gm)].map((m) => m[1]);
    expect(listed).toEqual([...CLAIM_KINDS]);
  });
});
