// `scaling-theory phases`: the derived phase diagram on the command line (JSON contract of issue 12).
import { describe, it, expect } from 'vitest';
import { main } from '../src/cli/main.js';

async function run(...argv: string[]) {
  let out = '', err = '';
  const code = await main(argv, { out: (s) => (out += s), err: (s) => (err += s) });
  return { code, out, err };
}

describe('phases', () => {
  it('plrf --json: seven derived phases named after the stated ones, the IVa|IVb jump in xi, no mismatch', async () => {
    const r = await run('phases', '--model', 'plrf', '--json');
    expect(r.code, r.err).toBe(0);
    const d = JSON.parse(r.out);
    expect(d.phases.map((p: { name: string }) => p.name).sort()).toEqual(['IVa', 'IVb', 'Ia', 'Ib', 'Ic', 'II', 'III'].sort());
    for (const p of d.phases) {
      expect(p.balance).toHaveLength(2);
      expect(p.region.length).toBeGreaterThan(0);
      expect(p.stated).toBe(p.name);
      expect(typeof p.exponents.xi.expr).toBe('string');
    }
    expect(d.agreement).toEqual({ stated: 7, derived: 7, mismatches: [] });
    const jump = d.boundaries.find((b: { between: string[] }) => b.between.includes('IVa') && b.between.includes('IVb'));
    expect(jump.continuous).toEqual({ xi: false, eta: true });
  });

  it('text output names every phase, the boundaries and the agreement', async () => {
    const r = await run('phases', '--model', 'rf-dynamics');
    expect(r.code).toBe(0);
    expect(r.out).toMatch(/^hard: balance/m);
    expect(r.out).toMatch(/^easy: balance/m);
    expect(r.out).toMatch(/agreement with the stated phases: 2 derived, 2 stated, 0 mismatches/);
  });

  it('an unknown model exits 2', async () => {
    const r = await run('phases', '--model', 'constructor');
    expect(r.code).toBe(2);
    expect(r.out).toBe('');
  });
});
