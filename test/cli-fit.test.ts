// The `fit` command (src/cli/commands/fit.ts, docs/fitting.md "Command line"): diagnostics in every fit
// (an error exits 2 naming the reason and the parameters unless --force), `--approach isoflop` on the
// shipped real data against the library called in-process and Hoffmann et al.'s published interval,
// `--columns` renaming for both approaches, and the new flags' bad values (exit 2).
import { describe, expect, test, beforeAll } from 'vitest';
import { mkdtempSync, writeFileSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { main } from '../src/cli/main.js';
import { parseObservations } from '../src/fit/csv.js';
import { fitIsoflop } from '../src/fit/isoflop.js';

async function run(...argv: string[]): Promise<{ code: number; out: string; err: string }> {
  let out = '', err = '';
  const code = await main(argv, { out: (s) => (out += s), err: (s) => (err += s) });
  return { code, out, err };
}

interface Diag { code: string; severity: string; message: string; parameters: string[] }
const REAL = 'data/kyo-takano-chinchilla/df.csv';
/** Hoffmann et al. 2022 (arXiv 2203.15556) Table 2, Approach 2: a = 0.49, 10th-90th percentile (0.462, 0.534), as stated in docs/fitting.md */
const HOFFMANN_A2 = [0.462, 0.534] as const;
/** the nine IsoFLOP budgets of Hoffmann et al.'s Figure 3 */
const HOFFMANN_BUDGETS = [6e18, 1e19, 3e19, 6e19, 1e20, 3e20, 6e20, 1e21, 3e21];
const dir = mkdtempSync(join(tmpdir(), 'cli-fit-'));
const f = (name: string) => join(dir, name);

beforeAll(() => {
  // the real data with its columns renamed, and one IsoFLOP budget alone
  const lines = readFileSync(REAL, 'utf8').trim().split('\n');
  expect(lines[0]).toBe('C,N,D,loss');
  writeFileSync(f('renamed.csv'), ['flops,params,tokens,eval_loss', ...lines.slice(1)].join('\n') + '\n');
  const iso = readFileSync('test/fixtures/fit/isoflop-centred.csv', 'utf8').split('\n').filter((l) => l && !l.startsWith('#'));
  writeFileSync(f('one-budget.csv'), [iso[0], ...iso.slice(1).filter((l) => l.startsWith('1.000000000e+18,'))].join('\n') + '\n');
  writeFileSync(f('proto.csv'), ['__proto__,D,loss', ...lines.slice(1).map((l) => l.split(',').slice(1).join(','))].join('\n') + '\n');
});

describe('diagnostics in every fit', () => {
  test('one distinct N: exit 2 naming not-identifiable and alpha, A; nothing on stdout', async () => {
    const r = await run('fit', 'test/fixtures/fit/constant-n.csv', '--bootstrap', '0');
    expect(r.code).toBe(2);
    expect(r.out).toBe('');
    expect(r.err).toMatch(/error: 1 distinct N value.*not identifiable.*\[not-identifiable; alpha, A\]/);
    expect(r.err).toMatch(/--force/);
  });
  test('60 copies of one row: exit 2 naming duplicate-rows-only and both terms', async () => {
    const r = await run('fit', 'test/fixtures/fit/duplicated.csv', '--json');
    expect(r.code).toBe(2);
    expect(r.out).toBe('');
    expect(r.err).toMatch(/duplicate-rows-only; E, A, B, alpha, beta/);
    expect(r.err).toMatch(/not-identifiable; beta, B/);
  });
  test('--force: exit 0 and the errors in the JSON (the bootstrap of copies is degenerate); text prints error: lines', async () => {
    const c = await run('fit', 'test/fixtures/fit/constant-n.csv', '--bootstrap', '20', '--force', '--json');
    expect(c.code).toBe(0);
    const cd = (JSON.parse(c.out) as { diagnostics: Diag[] }).diagnostics;
    expect(cd.find((d) => d.code === 'not-identifiable')).toMatchObject({ severity: 'error', parameters: ['alpha', 'A'] });
    const d = await run('fit', 'test/fixtures/fit/duplicated.csv', '--bootstrap', '20', '--force', '--json');
    expect(d.code).toBe(0);
    const codes = (JSON.parse(d.out) as { diagnostics: Diag[] }).diagnostics.map((x) => x.code);
    expect(codes).toEqual(expect.arrayContaining(['duplicate-rows-only', 'not-identifiable', 'degenerate-interval']));
    const t = await run('fit', 'test/fixtures/fit/constant-n.csv', '--bootstrap', '0', '--force');
    expect(t.code).toBe(0);
    expect(t.out).toMatch(/^error: .*\[not-identifiable; alpha, A\]$/m);
  });
  test('a warning does not stop the fit: narrow N range warns in text and JSON, exit 0', async () => {
    const r = await run('fit', 'test/fixtures/fit/narrow-range.csv', '--bootstrap', '0', '--json');
    expect(r.code).toBe(0);
    expect((JSON.parse(r.out) as { diagnostics: Diag[] }).diagnostics.map((d) => [d.code, d.severity])).toContainEqual(['narrow-range', 'warning']);
  });
  test('the shipped real data: no error diagnostic (parametric and isoflop)', async () => {
    const p = await run('fit', REAL, '--bootstrap', '40', '--json');
    expect(p.code).toBe(0);
    const pj = JSON.parse(p.out) as { diagnostics: Diag[] };
    expect(Array.isArray(pj.diagnostics)).toBe(true);
    expect(pj.diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
    const i = await run('fit', REAL, '--approach', 'isoflop', '--budget-column', 'C', '--bootstrap', '0', '--json');
    expect(i.code).toBe(0);
    expect((JSON.parse(i.out) as { diagnostics: Diag[] }).diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
  });
});

describe('--approach isoflop', () => {
  test('on df.csv with --budget-column C: the JSON is what fitIsoflop gives in-process, and a is inside Hoffmann\'s Table 2 interval', async () => {
    const r = await run('fit', REAL, '--approach', 'isoflop', '--budget-column', 'C', '--seed', '1', '--json');
    expect(r.code).toBe(0);
    const j = JSON.parse(r.out) as ReturnType<typeof fitIsoflop> & { file: string };
    const lib = fitIsoflop(parseObservations(readFileSync(REAL, 'utf8'), REAL, 6, undefined, Infinity, 'C'), { bootstrap: 200, seed: 1 });
    expect(j.approach).toBe('isoflop');
    expect(j.exponents).toEqual(JSON.parse(JSON.stringify(lib.exponents)));
    expect(j.budgets).toEqual(JSON.parse(JSON.stringify(lib.budgets)));
    expect(j.diagnostics).toEqual(JSON.parse(JSON.stringify(lib.diagnostics)));
    expect(j.exponents.a.value!).toBeGreaterThan(HOFFMANN_A2[0]);
    expect(j.exponents.a.value!).toBeLessThan(HOFFMANN_A2[1]);
    for (const b of j.budgets) expect(Object.keys(b)).toEqual(expect.arrayContaining(['C', 'N_opt', 'D_opt', 'points']));
  });
  test('snapped to Hoffmann\'s nine budgets (--budgets, --budget-tolerance): a and the corrected a inside the interval, as in-process', async () => {
    const r = await run('fit', REAL, '--approach', 'isoflop', '--budget-column', 'C', '--budgets', HOFFMANN_BUDGETS.join(','), '--budget-tolerance', String(Math.log10(1.1)), '--seed', '1', '--json');
    expect(r.code).toBe(0);
    const j = JSON.parse(r.out) as ReturnType<typeof fitIsoflop>;
    const lib = fitIsoflop(parseObservations(readFileSync(REAL, 'utf8'), REAL, 6, undefined, Infinity, 'C'), { budgets: HOFFMANN_BUDGETS, budgetTolerance: Math.log10(1.1), bootstrap: 200, seed: 1 });
    expect(j.exponents).toEqual(JSON.parse(JSON.stringify(lib.exponents)));
    expect(j.budgets).toHaveLength(9);
    for (const a of [j.exponents.a.value!, j.corrected!.exponents.a.value!]) {
      expect(a).toBeGreaterThan(HOFFMANN_A2[0]);
      expect(a).toBeLessThan(HOFFMANN_A2[1]);
    }
  });
  test('text table, diagnostics as warning: lines, and --plot writes the minimisers against C', async () => {
    const plot = f('iso.svg');
    const r = await run('fit', REAL, '--approach', 'isoflop', '--budget-column', 'C', '--bootstrap', '20', '--plot', plot);
    expect(r.code).toBe(0);
    expect(r.out).toMatch(/^ {2}a {2}0\.\d+ +95% \[/m);
    expect(r.out).toMatch(/^ {2}C +points +N_opt +D_opt +used$/m);
    expect(r.out).toMatch(/^warning: budget C = .*\[isoflop-/m);
    expect(r.err).toMatch(/wrote/);
    const svg = readFileSync(plot, 'utf8');
    expect(svg).toMatch(/<svg/);
    expect(svg).toMatch(/N_opt/);
  });
  test('one budget: isoflop-too-few-budgets exits 2 unless --force', async () => {
    const r = await run('fit', f('one-budget.csv'), '--approach', 'isoflop', '--budget-column', 'C', '--bootstrap', '0');
    expect(r.code).toBe(2);
    expect(r.err).toMatch(/isoflop-too-few-budgets/);
    const g = await run('fit', f('one-budget.csv'), '--approach', 'isoflop', '--budget-column', 'C', '--bootstrap', '0', '--force', '--json');
    expect(g.code).toBe(0);
    const j = JSON.parse(g.out) as ReturnType<typeof fitIsoflop>;
    expect(j.exponents.a.value).toBeNull();
    expect(j.diagnostics.map((d) => d.code)).toContain('isoflop-too-few-budgets');
  });
});

describe('--columns renames the columns for every fit', () => {
  test('isoflop and parametric on renamed columns give the same result as on the original', async () => {
    const cols = 'N=params,D=tokens,loss=eval_loss';
    const a = await run('fit', REAL, '--approach', 'isoflop', '--budget-column', 'C', '--bootstrap', '10', '--json');
    const b = await run('fit', f('renamed.csv'), '--approach', 'isoflop', '--columns', cols, '--budget-column', 'flops', '--bootstrap', '10', '--json');
    expect(b.code).toBe(0);
    expect(JSON.parse(b.out).exponents).toEqual(JSON.parse(a.out).exponents);
    const p = await run('fit', REAL, '--bootstrap', '0', '--json');
    const q = await run('fit', f('renamed.csv'), '--columns', cols, '--bootstrap', '0', '--json');
    expect(q.code).toBe(0);
    expect(JSON.parse(q.out).params).toEqual(JSON.parse(p.out).params);
  });
  test('a column named __proto__ is read as an own key', async () => {
    const r = await run('fit', f('proto.csv'), '--columns', 'N=__proto__', '--bootstrap', '0', '--json');
    expect(r.code).toBe(0);
    expect(JSON.parse(r.out).rows).toBe(234);
  });
});

describe('bad flags: exit 2 naming the flag, nothing on stdout', () => {
  const cases: [string[], RegExp][] = [
    [['--approach', 'envelope'], /--approach = 'envelope' is not known \(one of: parametric, isoflop\)/],
    [['--approach', 'constructor'], /--approach = 'constructor'/],
    [['--budget-column', 'C'], /--budget-column is not an option of fit --approach parametric/],
    [['--budgets', '1e19'], /--budgets is not an option of fit --approach parametric/],
    [['--approach', 'isoflop', '--law', 'chinchilla'], /--law is not an option of fit --approach isoflop/],
    [['--approach', 'isoflop', '--delta', '0.1'], /--delta is not an option of fit --approach isoflop/],
    [['--approach', 'isoflop', '--approach', 'isoflop'], /--approach is given twice/],
    [['--columns', 'N=params', '--columns', 'D=tokens'], /--columns is given twice/],
    [['--columns', 'N=a,N=b'], /--columns names N twice/],
    [['--columns', 'X=params'], /--columns = 'X' is not a role \(one of: N, D, loss, U\)/],
    [['--columns', '__proto__=params'], /--columns = '__proto__' is not a role/],
    [['--columns', 'N'], /--columns: 'N' is not ROLE=COLUMN/],
    [['--columns', 'N='], /--columns: 'N=' is not ROLE=COLUMN/],
    [['--columns', 'N=D'], /column 'D' is given two roles \(N, D\)/],
    [['--columns', 'N=params'], /missing column 'params'/],
    [['--approach', 'isoflop', '--budget-column', 'N'], /--budget-column = 'N' is already read as N/],
    [['--approach', 'isoflop', '--budget-column', 'flops'], /missing column 'flops'/],
    [['--approach', 'isoflop', '--budgets', '1e19,-1'], /--budgets: -1 is outside the domain/],
    [['--approach', 'isoflop', '--budgets', 'x'], /--budgets = 'x' is not a finite number/],
    [['--approach', 'isoflop', '--budget-tolerance', '0'], /--budget-tolerance = 0 is outside the domain/],
    [['--approach', 'isoflop', '--bootstrap', '1e6'], /--bootstrap/],
    [['--approach', 'isoflop', '--seed', '-1'], /--seed/],
    [['--approach', 'isoflop', '--plot', '/nonexistent/x.svg'], /--plot/],
  ];
  test.each(cases)('fit df.csv %j', async (flags, re) => {
    const r = await run('fit', REAL, ...flags);
    expect(r.code).toBe(2);
    expect(r.out).toBe('');
    expect(r.err).toMatch(re);
    expect(r.err).not.toMatch(/\n\s+at /);
  });
});
