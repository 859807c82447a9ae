// The command line, end to end (the built bin): the JSON contract of `exponents`, the other PLRF
// commands, and bad input (exit code 2, message on stderr naming parameter, value and domain, empty stdout).
import { describe, expect, test } from 'vitest';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

function cli(...args: string[]) {
  const r = spawnSync('node', ['bin/scaling-theory.js', ...args], { encoding: 'utf8' });
  return { code: r.status, out: r.stdout, err: r.stderr };
}

describe('exponents', () => {
  test('--json follows the contract at (0.7, 1.2)', () => {
    const r = cli('exponents', '--model', 'plrf', '--alpha', '0.7', '--beta', '1.2', '--json');
    expect(r.code).toBe(0);
    const j = JSON.parse(r.out);
    expect(j.model).toBe('plrf');
    expect(j.params).toEqual({ alpha: 0.7, beta: 1.2 });
    expect(j.phase).toBe('III');
    expect(j.region).toEqual(['2*beta > 1', '2*alpha > 1', 'beta > alpha']);
    expect(j.exponents.xi).toMatchObject({ value: 0.5, expr: '1/2', latex: '\\frac{1}{2}', provenance: 'paper' });
    expect(j.exponents.eta.expr).toBe('1 - 1/(4*alpha)');
    expect(j.exponents.eta.value).toBeCloseTo(0.642857142857, 10);
    expect(typeof j.exponents.eta.latex).toBe('string');
    expect(j.balance.terms.sort()).toEqual(['F_ac', 'noise']);
    expect(j.balance.equation).toMatch(/u/);
    expect(j.balance.solution).toMatch(/^u = /);
  });

  test('human output names phase, region, formulas, provenance and the balance', () => {
    const r = cli('exponents', '--model', 'plrf', '--alpha', '0.9', '--beta', '0.7');
    expect(r.code).toBe(0);
    expect(r.out).toMatch(/phase\s+II/);
    expect(r.out).toMatch(/beta\/\(alpha \+ beta\)/);
    expect(r.out).toMatch(/authors' code/);
    expect(r.out).toMatch(/dominant balance\s+F_pp = F_ac/);
  });

  test('on a boundary: phases joined by | and agreement reported', () => {
    const r = cli('exponents', '--model', 'plrf', '--alpha', '0.7', '--beta', '0.7', '--json');
    const j = JSON.parse(r.out);
    expect(j.phase).toBe('II|III');
    expect(j.exponents.xi.continuous).toBe(true);
    expect(j.exponents.eta.continuous).toBe(true);
    expect(j.region).toContain('beta = alpha');
  });

  test('IVa|IVb: xi jump reported, never NaN', () => {
    const r = cli('exponents', '--model', 'plrf', '--alpha', String(1 - 1 / Math.SQRT2), '--beta', '1', '--json');
    expect(r.code).toBe(0);
    expect(r.out).not.toMatch(/NaN|Infinity/);
    const j = JSON.parse(r.out);
    expect(j.phase).toBe('IVa|IVb');
    expect(j.exponents.xi.value).toBeNull();
    expect(j.exponents.xi.continuous).toBe(false);
    expect(j.warnings.join(' ')).toMatch(/jumps/);
  });

  test('conjectural Ib is labelled', () => {
    const j = JSON.parse(cli('exponents', '--model', 'plrf', '--alpha', '0.2', '--beta', '0.4', '--json').out);
    expect(j.phase).toBe('Ib');
    expect(j.conjectural).toBe(true);
  });

  test('--phases prints a line for every phase (npm start)', () => {
    const r = cli('exponents', '--model', 'plrf', '--alpha', '0.7', '--beta', '1.2', '--phases');
    for (const p of ['Ia', 'Ib', 'Ic', 'II', 'III', 'IVa', 'IVb']) expect(r.out).toMatch(new RegExp(`^  ${p}\\s`, 'm'));
  });
});

describe('bad input: exit 2, stderr names parameter, value and domain, nothing on stdout', () => {
  const cases: Array<[string[], RegExp]> = [
    [['--alpha', '0.1', '--beta', '0.2'], /alpha = 0.1, beta = 0.2.*2\*alpha \+ 2\*beta > 1/],
    [['--alpha', '-0.5', '--beta', '2'], /alpha = -0.5.*alpha > 0/],
    [['--alpha', '0', '--beta', '2'], /alpha = 0.*alpha > 0/],
    [['--alpha', 'abc', '--beta', '1'], /--alpha = 'abc' is not a finite number/],
    [['--alpha', 'NaN', '--beta', '1'], /--alpha = 'NaN'/],
    [['--alpha', 'Infinity', '--beta', '1'], /--alpha = 'Infinity'/],
    [['--alpha', '1e400', '--beta', '1'], /--alpha = '1e400'/],
    [['--alpha', '0.7'], /--beta is required/],
  ];
  for (const [args, msg] of cases) {
    test(args.join(' '), () => {
      const r = cli('exponents', '--model', 'plrf', ...args, '--json');
      expect(r.code).toBe(2);
      expect(r.err).toMatch(msg);
      expect(r.out).toBe('');
    });
  }
  test('unknown model', () => {
    const r = cli('exponents', '--model', 'nope', '--alpha', '1', '--beta', '1');
    expect(r.code).toBe(2);
    expect(r.err).toMatch(/--model = 'nope' is not a known model/);
  });
  test('missing --model', () => {
    const r = cli('exponents', '--alpha', '1', '--beta', '1');
    expect(r.code).toBe(2);
    expect(r.err).toMatch(/--model is required/);
  });
  test('unknown flag', () => {
    const r = cli('exponents', '--model', 'plrf', '--alpha', '1', '--beta', '1', '--bogus');
    expect(r.code).toBe(2);
  });
});

describe('other commands', () => {
  test('--help works and lists the commands', () => {
    const r = cli('--help');
    expect(r.code).toBe(0);
    expect(r.out).toMatch(/exponents/);
    expect(r.out).toMatch(/diagram/);
  });
  test('phase --json', () => {
    const j = JSON.parse(cli('phase', '--model', 'plrf', '--alpha', '0.4', '--beta', '1', '--json').out);
    expect(j.phase).toBe('IVa');
    expect(j.region).toEqual(['2*beta > 1', 'alpha > 1 - 1/sqrt(2)', 'alpha < 1/2']);
  });
  test('explain walks through the derivation', () => {
    const r = cli('explain', '--model', 'plrf', '--alpha', '0.7', '--beta', '1.2');
    expect(r.code).toBe(0);
    expect(r.out).toMatch(/Compute constraint/);
    expect(r.out).toMatch(/f = d\*B\*r/);
    expect(r.out).toMatch(/active: noise = F_ac/);
  });
  test('models lists plrf with its domain', () => {
    const j = JSON.parse(cli('models', '--json').out);
    const p = j.models.find((m: { id: string }) => m.id === 'plrf');
    expect(p.domain.map((d: { condition: string }) => d.condition)).toContain('2*alpha + 2*beta > 1');
  });
  test('diagram writes an SVG and a PNG', () => {
    const dir = mkdtempSync(join(tmpdir(), 'st-'));
    const svg = join(dir, 'd.svg');
    const png = join(dir, 'd.png');
    expect(cli('diagram', '--model', 'plrf', '--out', svg, '--color', 'xi', '--resolution', '40').code).toBe(0);
    const s = readFileSync(svg, 'utf8');
    expect(s).toMatch(/^<svg/);
    for (const p of ['Ia', 'Ib', 'II', 'III', 'IVa', 'IVb', 'Ic']) expect(s).toContain(`>${p}<`);
    expect(cli('diagram', '--model', 'plrf', '--out', png, '--resolution', '30').code).toBe(0);
    expect(existsSync(png)).toBe(true);
    expect(readFileSync(png).subarray(1, 4).toString()).toBe('PNG');
  }, 60_000);
  test('diagram rejects a bad colour and file type', () => {
    expect(cli('diagram', '--model', 'plrf', '--out', 'x.svg', '--color', 'zeta').code).toBe(2);
    expect(cli('diagram', '--model', 'plrf', '--out', 'x.txt').code).toBe(2);
  });
});
