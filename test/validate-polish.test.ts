// Validator polish: every formula the validator and `exponents` show reads as a theorist writes it
// (the project's printer, docs/printer.md), the one reader of `theory:` files in claims, and `check --help`.
// Expected formulas are written by hand from ../shared/reference/random-features.md §4.4 (c_t = (a-1)/b,
// c_N = c_P = a - 1 in the hard phase), in the printer's documented style, not copied from the code.
import { describe, expect, it } from 'vitest';
import { spawnSync } from 'node:child_process';
import { readdirSync } from 'node:fs';
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
