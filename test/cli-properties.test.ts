// Properties of the command line (docs/cli.md): any string given as a model name, a parameter name or a
// claim field is refused with exit 2 and a message (never exit 1, an internal error or a stack trace); no
// output file is left behind when a command fails; an existing file is replaced only with --force; the
// deprecated spellings warn. In-process on the built dist/src/cli/main.js (test/setup-build.ts builds it).
import { describe, expect, beforeAll, afterAll } from 'vitest';
import { test, fc } from '@fast-check/vitest';
import { mkdtempSync, writeFileSync, existsSync, readFileSync, rmSync, readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';

type Main = (argv: string[], ctx: { out: (s: string) => void; err: (s: string) => void }) => Promise<number>;
let main: Main;
const dir = mkdtempSync(join(tmpdir(), 'cli-prop-'));

async function run(...args: string[]): Promise<{ code: number; out: string; err: string }> {
  let out = '', err = '';
  const code = await main(args, { out: (s) => (out += s), err: (s) => (err += s) });
  return { code, out, err };
}

beforeAll(async () => {
  main = ((await import(pathToFileURL(resolve('dist/src/cli/main.js')).href)) as { main: Main }).main;
}, 60_000);
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const CRASH = /internal error|\n\s+at .+[:(]\d+|TypeError|ReferenceError|Cannot read prop/;
const PROTO = ['constructor', '__proto__', 'toString', 'hasOwnProperty', 'valueOf', 'prototype', 'isPrototypeOf', '__defineGetter__', 'plrf~__proto__', 'rf-dynamics~constructor', 'plrf~ensemble'];
/** Any string, with the prototype's own names and near-misses of real ids drawn often. */
const anyName = fc.oneof(
  { weight: 2, arbitrary: fc.constantFrom(...PROTO) },
  { weight: 3, arbitrary: fc.string({ maxLength: 30 }) },
  { weight: 2, arbitrary: fc.string({ unit: 'grapheme', maxLength: 12 }) },
  { weight: 1, arbitrary: fc.constantFrom('plrf', 'rf-dynamics', 'info-bound').chain((m) => fc.string({ maxLength: 4 }).map((s) => m + s)) },
);
const refused = (r: { code: number; out: string; err: string }) => {
  expect(r.err).not.toMatch(CRASH);
  expect(r.code).toBe(2);
  expect(r.out).toBe('');
  expect(r.err.trim().length).toBeGreaterThan(0);
};

describe('any string as a model name: exit 2 with a message', () => {
  const valid = new Set(['plrf', 'rf-dynamics', 'rf-dynamics~ensemble', 'info-bound', 'negative-control']);
  const name = anyName.filter((s) => !valid.has(s));
  test.prop([name], { numRuns: 60 })('exponents, phase, explain, diagram, curve, frontier', async (m) => {
    for (const cmd of [
      ['exponents', '--alpha', '0.7', '--beta', '1.2'],
      ['phase', '--alpha', '0.7', '--beta', '1.2'],
      ['explain', '--a', '1.5', '--b', '1.25'],
      ['diagram', '--plot', join(dir, 'never.svg')],
      ['curve', '--alpha', '0.7', '--beta', '1.2', '--d', '50', '--steps', '10', '--method', 'deterministic'],
      ['frontier', '--alpha', '0.7', '--beta', '1.2'],
      ['allocate', '--m', '1', '--k', '1', '--compute', '1e10'],
      ['sweep', '--m', '1', '--k', '1', '--compute', '1e4:1e10'],
    ]) {
      const r = await run(cmd[0], `--model=${m}`, ...cmd.slice(1));
      refused(r);
      expect(r.err).toMatch(/--model|--alpha|--a\b|--preset/);
    }
    refused(await run('allocate', `--preset=${m}`, '--compute', '1e10'));
    refused(await run('allocate', `--law=chinchilla:${m}`, '--flops', '1e21'));
    expect(existsSync(join(dir, 'never.svg'))).toBe(false);
  });
});

describe('any string as a parameter name: exit 2 with a message', () => {
  const LAW = ['allocate', '--law', 'E + A/N^alpha + B/D^beta', '--constraint', 'C = 6*N*D', '--flops', '1e21'];
  const symbols = new Set(['E', 'A', 'B', 'alpha', 'beta']);
  test.prop([anyName.filter((s) => !symbols.has(s.trim()))], { numRuns: 80 })('--set NAME=1 of a written law, and --NAME 1 as a flag', async (s) => {
    const r = await run(...LAW, '--set', `${s}=1,E=1.69,A=406.4,B=410.7,alpha=0.34,beta=0.28`);
    refused(r);
    expect(r.err).toMatch(/--set/);
    const known = /^(model|alpha|beta|a|b|json|phases|ensemble|help|version|h|V)$/;
    if (!known.test(s) && !s.startsWith('-') && s !== '') {
      const q = await run('exponents', '--model', 'plrf', '--alpha', '0.7', '--beta', '1.2', `--${s}`, '1');
      refused(q);
    }
  });
  test.prop([anyName.filter((s) => s !== 'alpha' && s !== 'beta')], { numRuns: 60 })('a claim\'s point `at: {NAME: 1}`', async (s) => {
    const file = join(dir, `at-${Math.random().toString(36).slice(2)}.json`);
    writeFileSync(file, JSON.stringify({ claims: [{ id: 'v', kind: 'value', model: 'plrf', quantity: 'eta', at: { [s]: 1, alpha: 0.7, beta: 1.2 }, value: 0.642857 }] }));
    const r = await run('check', file);
    refused(r);
    expect(r.err).toMatch(/at/);
  });
});

describe('any string as a claim field: exit 2 with a message, or a verdict; never a crash', () => {
  const fields = ['model', 'quantity', 'region', 'kind', 'formula', 'id'] as const;
  test.prop([fc.constantFrom(...fields), anyName], { numRuns: 120 })('one field of an exponent claim replaced', async (field, s) => {
    const claim: Record<string, unknown> = { id: 'c1', kind: 'exponent', model: 'plrf', quantity: 'eta', region: 'III', formula: '1 - 1/(4*alpha)' };
    claim[field] = s;
    const file = join(dir, `claim-${Math.random().toString(36).slice(2)}.json`);
    writeFileSync(file, JSON.stringify({ claims: [claim] }));
    const r = await run('check', file);
    expect(r.err).not.toMatch(CRASH);
    if (r.code === 2) {
      expect(r.out).toBe('');
      expect(r.err).toMatch(new RegExp(field === 'id' ? '.' : `${field}|claim`));
    } else {
      // the string made a valid claim (an id, an equivalent formula, an inequality region): a verdict
      expect([0, 1]).toContain(r.code);
      expect(r.out).toMatch(/verified|refuted|inconclusive/);
    }
  });
});

describe('no output file when a command fails; existing files need --force', () => {
  const fresh = () => mkdtempSync(join(dir, 'out-'));
  const failing: Array<[string, (p: string) => string[]]> = [
    ['curve: the kernel norm check fails after the output check', (p) => ['curve', '--model', 'plrf', '--alpha', '0.7', '--beta', '1.2', '--d', '50', '--steps', '100', '--method', 'deterministic', '--lr', '1.5', '--plot', p]],
    ['sweep: a data-starved budget', (p) => ['sweep', '--model', 'info-bound', '--m', '1', '--k', '1', '--compute', '1:1e10', '--plot', p]],
    ['sweep --law: a bad constraint', (p) => ['sweep', '--law', 'chinchilla:epoch', '--constraint', 'C = N', '--flops', '1e18:1e20', '--plot', p]],
    ['diagram: an unknown colour', (p) => ['diagram', '--model', 'plrf', '--color', 'zeta', '--plot', p]],
    ['fit: a malformed CSV', (p) => ['fit', 'examples/claims/plrf.yaml', '--plot', p]],
    ['frontier: a flops window with no interior optimum', (p) => ['frontier', '--model', 'plrf', '--alpha', '0.8', '--beta', '0.3', '--d-grid', '25,50,100', '--flops', '1e2:1e3', '--plot', p]],
    ['curve rf-dynamics: an unstable learning rate', (p) => ['curve', '--model', 'rf-dynamics', '--a', '1.5', '--b', '1.25', '--N', '10', '--P', '10', '--steps', '5', '--lr', '50', '--method', 'simulate', '--modes', '50', '--runs', '1', '--plot', p]],
  ];
  test.each(failing)('%s', async (_name, args) => {
    const d = fresh();
    for (const ext of ['svg', 'png']) {
      const r = await run(...args(join(d, `plot.${ext}`)));
      expect(r.code, r.err).toBe(2);
      expect(r.err).not.toMatch(CRASH);
    }
    expect(readdirSync(d)).toEqual([]);
  }, 60_000);

  test('an existing file is kept without --force and replaced with it; --out warns and still works', async () => {
    const d = fresh();
    const p = join(d, 'phases.svg');
    writeFileSync(p, 'keep me');
    const r = await run('diagram', '--model', 'plrf', '--resolution', '20', '--plot', p);
    expect(r.code).toBe(2);
    expect(r.err).toMatch(/--plot = .*phases\.svg' exists: give --force/);
    expect(readFileSync(p, 'utf8')).toBe('keep me');
    const f = await run('diagram', '--model', 'plrf', '--resolution', '20', '--plot', p, '--force');
    expect(f.code, f.err).toBe(0);
    expect(readFileSync(p, 'utf8')).toMatch(/^<svg/);
    const q = join(d, 'old.svg');
    const o = await run('diagram', '--model', 'plrf', '--resolution', '20', '--out', q);
    expect(o.code, o.err).toBe(0);
    expect(o.err).toMatch(/warning: --out is deprecated; use --plot/);
    expect(existsSync(q)).toBe(true);
  }, 60_000);

  test('the default diagram SVG is small (one embedded image, not 40 000 rectangles)', async () => {
    const p = join(fresh(), 'd.svg');
    const r = await run('diagram', '--model', 'plrf', '--plot', p);
    expect(r.code, r.err).toBe(0);
    expect(readFileSync(p).length).toBeLessThan(200_000);
    expect(readFileSync(p, 'utf8')).toContain('data:image/png;base64,');
  }, 60_000);

  test('--compute with --law and --flops with a bound are deprecated spellings that warn', async () => {
    const a = await run('allocate', '--law', 'chinchilla:epoch', '--compute', '1e21', '--json');
    expect(a.code, a.err).toBe(0);
    expect(a.err).toMatch(/warning: --compute is deprecated as the budget of a law; use --flops/);
    const b = await run('allocate', '--model', 'info-bound', '--m', '1', '--k', '1', '--flops', '1e10', '--json');
    expect(b.code, b.err).toBe(0);
    expect(b.err).toMatch(/warning: --flops is deprecated as the budget of a bound/);
    const c = await run('allocate', '--preset', 'negative-control', '--compute', '1e10', '--json');
    expect(c.code, c.err).toBe(0);
    expect(JSON.parse(c.out).model).toBe('negative-control');
  }, 60_000);
});
