// `scaling-theory check FILE`: the command line contract of the validator (exit codes 0/1/2, the JSON
// shape, messages on stderr), run on the built CLI (test/setup-build.ts builds dist/).
import { describe, expect, it, beforeAll, afterAll } from 'vitest';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

function cli(...args: string[]) {
  const r = spawnSync(process.execPath, ['bin/scaling-theory.js', ...args], { encoding: 'utf8', timeout: 60_000 });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

let dir = '';
beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'claims-'));
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function file(name: string, text: string): string {
  const p = join(dir, name);
  writeFileSync(p, text);
  return p;
}

describe('check: exit codes and output', () => {
  it('every example claim verified: exit 0, text names how', () => {
    const r = cli('check', 'examples/claims/plrf.yaml');
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('symbolic identity on phase II');
    expect(r.stdout).toMatch(/4 verified, 0 refuted, 0 inconclusive/);
  }, 60_000);

  it('wrong claims: exit 1, JSON with counterexamples keyed by the parameters, the same for the same seed', () => {
    const r = cli('check', 'examples/claims/plrf-wrong.yaml', '--json', '--seed', '3');
    expect(r.code).toBe(1);
    const out = JSON.parse(r.stdout);
    expect(out.seed).toBe(3);
    expect(out.claims.length).toBeGreaterThan(3);
    for (const c of out.claims) {
      expect(['verified', 'refuted', 'inconclusive']).toContain(c.status);
      expect(typeof c.method).toBe('string');
      if (c.status === 'refuted') {
        expect(Object.keys(c.counterexample.point).sort()).toEqual(['alpha', 'beta']);
        expect(c.counterexample).toHaveProperty('claimed');
        expect(c.counterexample).toHaveProperty('actual');
        expect(c.counterexample).toHaveProperty('difference');
      }
    }
    const slip = out.claims.find((c: { id: string }) => c.id === 'phase-III-eta-sign-slip');
    expect(slip.status).toBe('refuted');
    const { alpha } = slip.counterexample.point;
    // independent: in phase III eta = 1 - 1/(4 alpha) (plrf.md §5.3); the claim has + instead of -
    expect(slip.counterexample.claimed).toBeCloseTo(1 + 1 / (4 * alpha), 12);
    expect(slip.counterexample.actual).toBeCloseTo(1 - 1 / (4 * alpha), 12);
    expect(slip.counterexample.difference).toBeCloseTo(1 / (2 * alpha), 12);
    // same seed, same output
    expect(cli('check', 'examples/claims/plrf-wrong.yaml', '--json', '--seed', '3').stdout).toBe(r.stdout);
  }, 60_000);


  it('a scaling claim without --simulate is inconclusive: exit 1 with the reason', () => {
    const f = file('s.yaml', 'claims:\n  - {id: sim, model: plrf, kind: scaling, quantity: eta, at: {alpha: 0.7, beta: 0.7}, value: 0.643, tolerance: 0.02}\n');
    const r = cli('check', f);
    expect(r.code).toBe(1);
    expect(r.stdout).toContain('inconclusive');
    expect(r.stdout).toContain('--simulate');
  });

  it('JSON claims files are read too', () => {
    const f = file('c.json', JSON.stringify({ claims: [{ id: 'j', model: 'plrf', kind: 'value', quantity: 'xi', at: { alpha: 0.7, beta: 1.2 }, value: 0.5 }] }));
    const r = cli('check', f, '--json');
    expect(r.code).toBe(0);
    expect(JSON.parse(r.stdout).claims[0].status).toBe('verified');
  });

  it('--help documents the command and its exit codes', () => {
    const r = cli('check', '--help');
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('--simulate');
    expect(r.stdout).toContain('Exit code');
  });
});

describe('check: a bad file exits 2 naming the claim and field, printing nothing on stdout', () => {
  const bad: Array<[string, string, RegExp]> = [
    ['unknown model', '{id: m, model: gpt, kind: exponent, quantity: xi, formula: "1/2"}', /claim 'm'.*field model/],
    ['unknown quantity', '{id: q, model: plrf, kind: exponent, quantity: zeta, formula: "1/2"}', /claim 'q'.*field quantity/],
    ['bad region', '{id: r, model: plrf, kind: exponent, quantity: xi, region: ["beta >< 1"], formula: "1/2"}', /claim 'r'.*field region\[0\]/],
    ['non-numeric value', '{id: n, model: plrf, kind: value, quantity: xi, at: {alpha: 0.7, beta: 1.2}, value: half}', /claim 'n'.*field value/],
    ['injected code', `{id: i, model: plrf, kind: exponent, quantity: xi, formula: "require('child_process').execSync('touch ${'${dir}'}/pwned')"}`, /claim 'i'.*field formula/],
  ];
  for (const [name, claim, re] of bad) {
    it(name, () => {
      const f = file(`${name.replace(/\W/g, '_')}.yaml`, `claims:\n  - ${claim}\n`);
      const r = cli('check', f);
      expect(r.code).toBe(2);
      expect(r.stdout).toBe('');
      expect(r.stderr).toMatch(re);
    });
  }
  it('a missing file, and bad flags', () => {
    expect(cli('check', join(dir, 'none.yaml')).code).toBe(2);
    const s = cli('check', 'examples/claims/plrf.yaml', '--seed', 'x');
    expect(s.code).toBe(2);
    expect(s.stderr).toContain('--seed');
  });
});
