// `frontier --map` (issue 13): every grid point equals a single `frontier` run at the same settings (the
// same numbers, bit for bit), whatever the worker count; points outside the domain are skipped with the
// reason; the per-phase summary is the mean/max of the points' differences; malformed grids exit 2
// naming the flag, the value and the valid form. Small d grids keep it a few seconds.
import { describe, it, expect } from 'vitest';
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const cli = (args: string[]) => spawnSync('node', ['bin/scaling-theory.js', 'frontier', ...args], { encoding: 'utf8' });
const D_GRID = '100,200,400,800';
const MAP = ['--map', '--model', 'plrf', '--alpha-grid', '0.2:0.8:2', '--beta-grid', '0.25:1.2:2', '--d-grid', D_GRID];

interface Point {
  alpha: number;
  beta: number;
  status: string;
  reason?: string;
  phase: string | null;
  measured?: { xi: number; eta: number };
  ci?: { xi: [number, number]; eta: [number, number] };
  theory: { xi: number | null; eta: number | null };
  difference?: { xi: number | null; eta: number | null };
}
interface MapOut {
  points: Point[];
  phases: Array<{ phase: string; points: number; xi: { meanAbs: number; maxAbs: number }; eta: { meanAbs: number; maxAbs: number } }>;
  summary: { points: number; ok: number; skipped: number; failed: number };
  settings: { workers: number; dGrid: number[]; approach: number; method: string };
}

describe('frontier --map', () => {
  const dir = mkdtempSync(join(tmpdir(), 'frontier-map-'));
  const plot = join(dir, 'map.svg');
  const r1 = cli([...MAP, '--workers', '1', '--json']);
  const r2 = cli([...MAP, '--workers', '2', '--json', '--plot', plot]);
  const m1 = JSON.parse(r1.stdout) as MapOut;
  const m2 = JSON.parse(r2.stdout) as MapOut;

  it('runs with 1 and 2 workers; the grid is alpha-major, every point reported', () => {
    expect(r1.status, r1.stderr).toBe(0);
    expect(r2.status, r2.stderr).toBe(0);
    expect(m1.points.map((p) => [p.alpha, p.beta])).toEqual([[0.2, 0.25], [0.2, 1.2], [0.8, 0.25], [0.8, 1.2]]);
    expect(m1.summary).toEqual({ points: 4, ok: 3, skipped: 1, failed: 0 });
    expect(m2.settings.workers).toBe(2);
    expect(m1.settings).toMatchObject({ method: 'deterministic', approach: 2, dGrid: [100, 200, 400, 800] });
  });

  it('per-point results do not depend on the worker count (identical JSON)', () => {
    expect(JSON.stringify(m2.points)).toBe(JSON.stringify(m1.points));
    expect(JSON.stringify(m2.phases)).toBe(JSON.stringify(m1.phases));
  });

  it('a point outside the domain (2 alpha + 2 beta <= 1) is skipped with the reason, not an error', () => {
    const p = m1.points[0];
    expect(p.status).toBe('skipped');
    expect(p.reason).toContain('2*alpha + 2*beta > 1');
    expect(p.measured).toBeUndefined();
  });

  it('every measured point equals a single frontier run at the same settings, bit for bit', () => {
    // two of the three measured points (each single run is a fresh process): one above, one below the high-dimensional line
    for (const p of m2.points.filter((q) => q.status === 'ok').slice(0, 2)) {
      const s = cli(['--model', 'plrf', '--alpha', String(p.alpha), '--beta', String(p.beta), '--d-grid', D_GRID, '--json']);
      expect(s.status, s.stderr).toBe(0);
      const one = JSON.parse(s.stdout) as { measured: { xi: { value: number; ci: number[] }; eta: { value: number; ci: number[] } }; theory: { xi: number; eta: number; phase: string } };
      expect(p.measured!.xi).toBe(one.measured.xi.value);
      expect(p.measured!.eta).toBe(one.measured.eta.value);
      expect(p.ci!.xi).toEqual(one.measured.xi.ci);
      expect(p.ci!.eta).toEqual(one.measured.eta.ci);
      expect(p.theory).toEqual({ xi: one.theory.xi, eta: one.theory.eta });
      expect(p.phase).toBe(one.theory.phase);
      expect(p.difference!.xi).toBe(one.measured.xi.value - one.theory.xi);
      expect(p.difference!.eta).toBe(one.measured.eta.value - one.theory.eta);
    }
  }, 60_000);

  it('the per-phase summary is the mean and max |measured - theory| of its points', () => {
    const ok = m1.points.filter((p) => p.status === 'ok');
    expect(m1.phases.reduce((s, ph) => s + ph.points, 0)).toBe(ok.length);
    for (const ph of m1.phases) {
      const mine = ok.filter((p) => (p.phase ?? 'boundary') === ph.phase);
      for (const q of ['xi', 'eta'] as const) {
        const d = mine.map((p) => Math.abs(p.difference![q]!));
        expect(ph[q].maxAbs).toBe(Math.max(...d));
        expect(ph[q].meanAbs).toBeCloseTo(d.reduce((a, b) => a + b, 0) / d.length, 14);
      }
    }
  });

  it('--plot writes the heat map; the text output has the per-phase table; no progress bar off a TTY', () => {
    expect(existsSync(plot)).toBe(true);
    expect(readFileSync(plot, 'utf8')).toMatch(/^<svg/);
    expect(r2.stderr).toContain('wrote');
    const t = cli(['--map', '--model', 'plrf', '--alpha-grid', '0.1:0.2:2', '--beta-grid', '0.1:0.2:2', '--d-grid', D_GRID]); // all skipped: quick
    expect(t.status, t.stderr).toBe(0);
    expect(t.stdout).toContain('4 points, 0 measured');
    expect(t.stdout).toContain('measured minus theory per phase');
    expect(t.stdout).toContain('skipped:');
    expect(t.stderr).toBe('');
  });
});

describe('frontier --map: bad input exits 2 naming the flag, the value and the valid form', () => {
  const base = ['--map', '--model', 'plrf', '--d-grid', D_GRID];
  const cases: Array<[string, string[], RegExp]> = [
    ['lo > hi', ['--alpha-grid', '1:0.5:3', '--beta-grid', '0.5:1:2'], /--alpha-grid = '1:0.5:3' has lo > hi: the valid form is 'lo:hi:n'/],
    ['not lo:hi:n', ['--alpha-grid', '0.5:1', '--beta-grid', '0.5:1:2'], /--alpha-grid = '0.5:1' is not lo:hi:n/],
    ['n not an integer', ['--alpha-grid', '0.5:1:2.5', '--beta-grid', '0.5:1:2'], /--alpha-grid = '0.5:1:2.5' has n = 2.5/],
    ['a bound not a number', ['--alpha-grid', 'a:1:3', '--beta-grid', '0.5:1:2'], /--alpha-grid = 'a:1:3' has a bound that is not a finite number/],
    ['missing --beta-grid', ['--alpha-grid', '0.5:1:2'], /frontier --map needs --beta-grid lo:hi:n/],
    ['--method volterra', ['--alpha-grid', '0.5:1:2', '--beta-grid', '0.5:1:2', '--method', 'volterra'], /deterministic method only/],
  ];
  for (const [name, args, msg] of cases) {
    it(name, () => {
      const r = cli([...base, ...args]);
      expect(r.status, r.stderr).toBe(2);
      expect(r.stderr).toMatch(msg);
      expect(r.stdout).toBe('');
    });
  }
  // the other grid rules (n = 0 or > 40, n = 1 with lo != hi, beyond |x| <= 20, --workers 0, --alpha with --map) share these messages' code
  it('--alpha-grid without --map is refused', () => {
    const r = cli(['--model', 'plrf', '--alpha', '0.7', '--beta', '0.7', '--alpha-grid', '0.5:1:2']);
    expect(r.status).toBe(2);
    expect(r.stderr).toContain('--alpha-grid is not an option of frontier without --map');
  });
});
