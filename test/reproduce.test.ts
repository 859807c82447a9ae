// `scaling-theory reproduce`: the published numbers regenerated (theory/reproduce.ts). The CLI's JSON has
// no `fail`; a headline number per theory is recomputed here by hand from the paper's formula (not from
// the code under test), so a test fails when it moves; --list; an unknown id exits 2; the status rule.
import { describe, it, expect } from 'vitest';
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runCheck } from '../src/cli/commands/reproduce.js';
import { REPRODUCE_CHECKS, type ReproduceCheck } from '../theory/reproduce.js';

const cli = (args: string[]) => spawnSync('node', ['bin/scaling-theory.js', 'reproduce', ...args], { encoding: 'utf8' });

interface Out {
  checks: Array<{ id: string; model: string; paper: { value: number; where: string; kind: string }; ours: number | null; tolerance: number; status: string; note: string }>;
  summary: { pass: number; fail: number; differs: number };
}

describe('reproduce --json', () => {
  const r = cli(['--json']);
  const out = JSON.parse(r.stdout) as Out;
  const byId = new Map(out.checks.map((c) => [c.id, c]));

  it('exits 0 with no fail, at least 20 checks over at least 8 theories, the summary counts the statuses', () => {
    expect(r.status, r.stderr).toBe(0);
    expect(out.summary.fail).toBe(0);
    expect(out.checks.filter((c) => c.status === 'fail').map((c) => c.id)).toEqual([]);
    expect(out.checks.length).toBeGreaterThanOrEqual(20);
    expect(new Set(out.checks.map((c) => c.model)).size).toBeGreaterThanOrEqual(8);
    for (const s of ['pass', 'fail', 'differs'] as const) expect(out.summary[s]).toBe(out.checks.filter((c) => c.status === s).length);
  });

  it('every check has the fields of the format, a source and a note; every differs says why', () => {
    for (const c of out.checks) {
      expect(typeof c.paper.value).toBe('number');
      expect(c.paper.where).toMatch(/arXiv \d{4}\.\d{4,5}/);
      expect(['read', 'derived']).toContain(c.paper.kind);
      expect(c.tolerance).toBeGreaterThan(0);
      expect(c.note.length).toBeGreaterThan(5);
      expect(c.paper.where + c.note).not.toMatch(/\.\.\/shared/);
      if (c.status === 'differs') expect(c.note).toMatch(/measured|fit|differ|rounding|protocol/);
    }
  });

  it('every check names a registered model (models --json)', () => {
    const models = JSON.parse(spawnSync('node', ['bin/scaling-theory.js', 'models', '--json'], { encoding: 'utf8' }).stdout) as { models: Array<{ id: string }> };
    const ids = new Set(models.models.map((m) => m.id));
    for (const c of out.checks) expect(ids.has(c.model), c.model).toBe(true);
  });

  // independent recomputations from the papers' formulas (by hand, here)
  const aStar = 1 - Math.SQRT1_2;
  const chinchillaOptimum = (E: number, A: number, B: number, a: number, b: number, C: number) => {
    const G = ((a * A) / (b * B)) ** (1 / (a + b));
    const N = G * (C / 6) ** (b / (a + b));
    const D = C / 6 / N;
    return { N, loss: E + A / N ** a + B / D ** b };
  };
  /** The authors' README scaling_law(N, D, U), retyped here from the README (huggingface/datablations, Parametric Fit). */
  function datablationsLoss(N: number, D: number, U: number): number {
    const [a, b, e, alpha, beta, rdStar, rnStar] = [6.255414, 7.3049974, 0.6254804, 0.3526596, 0.3526596, 15.387756, 5.309743];
    const A = Math.exp(a), B = Math.exp(b), E = Math.exp(e);
    const G = ((alpha * A) / (beta * B)) ** (1 / (alpha + beta));
    const UN = Math.min(N, (U * G) ** (beta / alpha) * G);
    const RD = Math.max(D / U - 1, 0), RN = Math.max(N / UN - 1, 0);
    return E + A / (UN + UN * rnStar * (1 - Math.exp(-RN / rnStar))) ** alpha + B / (U + U * rdStar * (1 - Math.exp(-RD / rdStar))) ** beta;
  }
  const expected: Record<string, number> = {
    'plrf-fig3-eta-theory': 1 - 1 / (4 * 0.7),
    'plrf-IVb-xi-at-jump': (1 - aStar) / (2 * (1 - aStar) - aStar),
    'plrf-IVa-xi-at-jump': 0.5,
    'rfd-eq17-a2-b1.5': (2 - 1) / (1 + 1.5),
    'rfd-fig7-cifar': 0.15 / 3,
    'chin-approach3-a-rounded': 0.28 / (0.34 + 0.28),
    'epoch-refit-a': 0.36585412 / (0.34781303 + 0.36585412),
    'chin-eq10-loss-rounded': chinchillaOptimum(1.69, 406.4, 410.7, 0.34, 0.28, 5.88e23).loss,
    'epoch-refit-Nopt': chinchillaOptimum(Math.exp(0.59711196), Math.exp(6.17795598), Math.exp(7.64273236), 0.34781303, 0.36585412, 5.88e23).N,
    'kaplan-frontier-alphaC': 1 / (1 / 0.76 + 1 / 0.21 + 1 / 0.076),
    'kaplan-frontier-N-empirical': 1 / (1 / 0.76 + 1 / 0.21 + 1 / 0.076) / 0.076,
    'kaplan-nd-N': 0.103 / (0.076 + 0.103),
    'pearce-small-N': 0.36585412 / (0.34781303 / 3 + 0.36585412),
    'lin-source-M': 1 / (3 + 1),
    'maloney-equi': 0,
    'bordelon25-rich-hard': (2 * 2 * 0.5) / (2 * 1.5 + 2),
    'michaud-compute': 0.083 / (0.083 + 1) / (0.083 + 0.083 / (0.083 + 1)),
    'bahri-resolution': (0.3 * 0.6) / (0.3 + 0.6),
    'sharma-kaplan-4d': 2 / 16,
    'bordelon25-lazy-eq17': (2 - 1) / (1 + 2), // eq. (17) (a - 1)/(1 + b) at (a, b) = (2, 2)
    'lin-iso-risk': (2 - 1) / (2 + 1),
    'kaplan-nd-overfit': 0.076 / 0.103,
    'pearce-large-N': 0.2849083 / (0.33917084 + 0.2849083),
    'muennighoff-unique-loss': 0.3526596 / 2, // alpha beta/(alpha + beta) with alpha = beta
    'muennighoff-R_Dstar': 15.387756, // datablations README
    'muennighoff-fig1-a': datablationsLoss(6.34e9, 242e9, 25e9),
    'muennighoff-fig1-b': datablationsLoss(8.67e9, 178e9, 25e9),
  };
  for (const [id, value] of Object.entries(expected)) {
    it(`${id}: ours equals the hand computation ${value}`, () => {
      const c = byId.get(id);
      expect(c, id).toBeDefined();
      expect(c!.ours).not.toBeNull();
      expect(Math.abs(c!.ours! - value)).toBeLessThanOrEqual(1e-7 * Math.max(1, Math.abs(value)));
    });
  }

  it('the README values of Fig. 1 (right) are what our retyped README law gives (the hand computation is itself right)', () => {
    expect(datablationsLoss(6.34e9, 242e9, 25e9)).toBeCloseTo(2.2256440889984477, 12);
    expect(datablationsLoss(8.67e9, 178e9, 25e9)).toBeCloseTo(2.2269634075087867, 12);
  });

  it('every library theory (theory/library/*.yaml) has a check, and one of them is recomputed by hand above', () => {
    const ids = readdirSync(join(process.cwd(), 'theory', 'library')).filter((f) => f.endsWith('.yaml')).map((f) => f.replace(/\.yaml$/, ''));
    expect(ids.length).toBeGreaterThanOrEqual(11);
    for (const id of ids) {
      const mine = out.checks.filter((c) => c.model === id);
      expect(mine.length, `${id} has no reproduce check`).toBeGreaterThan(0);
      expect(mine.some((c) => Object.hasOwn(expected, c.id)), `${id} has no hand-recomputed headline check`).toBe(true);
    }
  });

  it('PLRF Fig. 3 simulated: our eta and xi next to the paper, with the settings, differs with the measured explanation', () => {
    const eta = byId.get('plrf-fig3-eta-simulated')!, xi = byId.get('plrf-fig3-xi-simulated')!;
    expect(eta.paper.value).toBe(0.648);
    expect(xi.paper.value).toBe(0.508);
    expect(eta.status).toBe('differs');
    expect(eta.note).toMatch(/flops window used \d/);
    expect(eta.note).toContain('theory 0.642857');
    expect((eta as unknown as { how: string }).how).toContain('--d-grid 200,400,800,1600,3200,6400,12800 --approach 1 --method deterministic');
    // the same number as a `frontier` run at those settings (an independent process and path)
    const f = spawnSync('node', ['bin/scaling-theory.js', 'frontier', '--model', 'plrf', '--alpha', '0.7', '--beta', '0.7', '--d-grid', '200,400,800,1600,3200,6400,12800', '--approach', '1', '--json'], { encoding: 'utf8' });
    expect(f.status, f.stderr).toBe(0);
    const one = JSON.parse(f.stdout) as { measured: { xi: { value: number }; eta: { value: number } } };
    expect(eta.ours).toBe(one.measured.eta.value);
    expect(xi.ours).toBe(one.measured.xi.value);
    // finite-size: below the theory 1 - 1/(4 alpha) = 0.642857, within the reference's finite-size range (0.005-0.025, docs/plrf-numerics.md)
    expect(eta.ours!).toBeLessThan(1 - 1 / 2.8);
    expect(eta.ours!).toBeGreaterThan(1 - 1 / 2.8 - 0.03);
  }, 60_000);

  it('Muennighoff: the 4-epoch statement is computed and explained (repeated data alone cost 0.2%)', () => {
    const c = byId.get('muennighoff-4-epochs')!;
    expect(c.status).toBe('differs');
    expect(c.note).toMatch(/without the excess-parameter decay \(N' = N\) \+0\.\d+%/);
    expect(c.ours!).toBeGreaterThan(0);
    expect(c.ours!).toBeLessThan(0.02);
    expect(byId.get('muennighoff-R_Nstar')!.status).toBe('pass');
  });

  it('the paper values of the headline checks are the printed ones', () => {
    expect(byId.get('plrf-fig3-eta-theory')!.paper.value).toBe(0.643);
    expect(byId.get('plrf-fig3-eta-measured')!.paper.value).toBe(0.648);
    expect(byId.get('plrf-fig3-eta-measured')!.status).toBe('differs');
    expect(byId.get('epoch-refit-a')!.paper.value).toBe(0.513);
    expect(byId.get('kaplan-frontier-N-empirical')!.paper.value).toBe(0.73);
  });
});

describe('reproduce ID ..., --list, unknown ids', () => {
  it('selected ids run only those checks', () => {
    const r = cli(['epoch-refit-a', 'rfd-fig7-cifar', '--json']);
    expect(r.status, r.stderr).toBe(0);
    const out = JSON.parse(r.stdout) as Out;
    expect(out.checks.map((c) => c.id)).toEqual(['epoch-refit-a', 'rfd-fig7-cifar']);
    expect(out.summary).toEqual({ pass: 2, fail: 0, differs: 0 });
  });

  it('--list lists every id without running (no ours)', () => {
    const r = cli(['--list', '--json']);
    expect(r.status).toBe(0);
    const list = JSON.parse(r.stdout) as { checks: Array<Record<string, unknown>>; figures: Array<{ id: string; checks: string[] }> };
    expect(list.checks.map((c) => c.id)).toEqual(REPRODUCE_CHECKS.map((c) => c.id));
    const ids = new Set(REPRODUCE_CHECKS.map((c) => c.id));
    for (const f of list.figures) for (const id of f.checks) expect(ids.has(id), `${f.id}: ${id}`).toBe(true);
    for (const c of list.checks) expect(c).not.toHaveProperty('ours');
    const text = cli(['--list']);
    expect(text.status).toBe(0);
    expect(text.stdout).toContain('plrf-IVb-xi-at-jump');
  });

  it('an unknown id exits 2 naming it', () => {
    const r = cli(['plrf-fig3-eta-theory', 'no-such-check']);
    expect(r.status).toBe(2);
    expect(r.stderr).toContain("'no-such-check'");
    expect(r.stderr).toContain('--list');
    expect(r.stdout).toBe('');
  });

  it('--plot DIR writes the figures of the selected checks as SVG and PNG; an existing file needs --force', () => {
    const dir = join(mkdtempSync(join(tmpdir(), 'reproduce-plot-')), 'figures');
    const r = cli(['chin-approach3-a', 'plrf-pentuple-xi', '--plot', dir, '--json']);
    expect(r.status, r.stderr).toBe(0);
    const out = JSON.parse(r.stdout) as Out & { figures: Array<{ id: string; files: string[]; reproduces: string }> };
    expect(out.figures.map((f) => f.id).sort()).toEqual(['chinchilla-frontiers', 'plrf-phase-diagram']);
    for (const f of out.figures) expect(f.reproduces).toMatch(/arXiv \d{4}\.\d{4,5} Fig\. \d/);
    for (const name of ['chinchilla-frontiers', 'plrf-phase-diagram']) {
      expect(readFileSync(join(dir, `${name}.svg`), 'utf8')).toMatch(/^<svg/);
      expect(readFileSync(join(dir, `${name}.png`)).subarray(1, 4).toString()).toBe('PNG');
    }
    expect(existsSync(join(dir, 'plrf-fig3-frontier.svg'))).toBe(false); // not selected
    const again = cli(['chin-approach3-a', '--plot', dir]);
    expect(again.status).toBe(2);
    expect(again.stderr).toContain('--force');
  }, 60_000);
});

describe('the status rule', () => {
  const base: ReproduceCheck = { id: 'x', model: 'm', paper: { value: 1, where: 'w', kind: 'read' }, how: 'h', ours: () => 1.004, tolerance: 5e-3, note: 'n' };
  it('within the tolerance: pass, whatever knownDifference says', async () => {
    expect((await runCheck(base)).status).toBe('pass');
    expect((await runCheck({ ...base, knownDifference: true })).status).toBe('pass');
  });
  it('outside: differs only for a known difference, else fail', async () => {
    expect((await runCheck({ ...base, ours: () => 1.006 })).status).toBe('fail');
    expect((await runCheck({ ...base, ours: () => 1.006, knownDifference: true })).status).toBe('differs');
  });
  it('relative tolerance scales with the paper value', async () => {
    const big = { ...base, paper: { ...base.paper, value: 1e10 }, tolerance: 1e-5, relative: true };
    expect((await runCheck({ ...big, ours: () => 1e10 + 5e4 })).status).toBe('pass');
    expect((await runCheck({ ...big, ours: () => 1e10 + 2e5 })).status).toBe('fail');
  });
  it('an error or a non-finite value computing ours is a fail, never differs, with the message in the note', async () => {
    const r = await runCheck({ ...base, knownDifference: true, ours: () => { throw new Error('boom'); } });
    expect(r.status).toBe('fail');
    expect(r.ours).toBeNull();
    expect(r.note).toContain('boom');
    expect((await runCheck({ ...base, knownDifference: true, ours: () => NaN })).status).toBe('fail');
    expect((await runCheck({ ...base, knownDifference: true, ours: async () => { throw new Error('async boom'); } })).note).toContain('async boom');
  });
  it('a value with a detail: the detail leads the note', async () => {
    const r = await runCheck({ ...base, ours: () => ({ value: 1.001, detail: 'measured here: 1.001' }) });
    expect(r.status).toBe('pass');
    expect(r.ours).toBe(1.001);
    expect(r.note).toBe('measured here: 1.001; n');
  });
});
