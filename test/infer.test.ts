// `infer`: which theory parameters explain measured exponents (src/infer, docs/infer.md).
// The synthetic measurements come from the reference's closed forms (docs/theory/plrf.md §4-§5,
// arXiv:2405.15074 Fig. 2), written out here, not from the engine; the returned conditions are evaluated
// by this file's own evaluator (JavaScript of the printed inequality), not by the project's formula reader.
import { describe, it, expect, beforeAll } from 'vitest';
import fc from 'fast-check';
import { mkdtempSync, readFileSync, writeFileSync, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { main } from '../src/cli/main.js';
import { getModel } from '../src/models/registry.js';
import { infer, type InferRegion } from '../src/infer/infer.js';
import { parseMeasurement } from '../src/infer/measurement.js';

async function run(...argv: string[]) {
  let out = '', err = '';
  const code = await main(argv, { out: (s) => (out += s), err: (s) => (err += s) });
  return { code, out, err };
}

// ---- the reference: docs/theory/plrf.md §4 (regions) and §5 (exponents) ----------------------------------
const S2 = 1 - 1 / Math.SQRT2;
function refPhase(a: number, b: number): string {
  if (2 * b < 1) return 2 * a > 1 ? 'Ia' : 'Ib';
  if (a < 0.25) return 'Ic';
  if (2 * a > 1) return b < a ? 'II' : 'III';
  return a > S2 ? 'IVa' : 'IVb';
}
function refExponents(a: number, b: number): { xi: number; eta: number } {
  const sg = 2 * a + 2 * b - 1;
  switch (refPhase(a, b)) {
    case 'Ia':
      return { xi: 1 / (2 * a + 1), eta: sg / (2 * a + 1) };
    case 'Ib':
      return { xi: 0.5, eta: sg / 2 };
    case 'Ic': {
      const xi = sg / (4 * a * a + 2 * (1 - a) * sg);
      return { xi, eta: 2 * a * xi };
    }
    case 'II':
      return { xi: b / (a + b), eta: sg / (2 * a + 2 * b) };
    case 'III':
      return { xi: 0.5, eta: 1 - 1 / (4 * a) };
    case 'IVa':
      return { xi: 0.5, eta: a };
    default:
      return { xi: (b - a) / (2 * b * (1 - a) - a), eta: ((1 - 2 * a) * sg) / (2 * (2 * b * (1 - a) - a)) };
  }
}
/** distance to the nearest phase boundary or domain edge (docs/theory/plrf.md §4) */
function clearance(a: number, b: number): number {
  return Math.min(Math.abs(2 * b - 1) / 2, Math.abs(2 * a - 1) / 2, Math.abs(4 * a - 1) / 4, Math.abs(a - b) / Math.SQRT2, Math.abs(a - S2), (2 * a + 2 * b - 1) / (2 * Math.SQRT2), a);
}

/** A printed condition (`alpha >= (25 - 21*beta)/21`) evaluated as JavaScript. */
function holds(cond: string, point: Record<string, number>): boolean {
  const names = Object.keys(point);
  const js = cond.replace(/\^/g, '**');
  return (new Function(...names, `return (${js});`) as (...x: number[]) => boolean)(...names.map((n) => point[n]));
}
const inBox = (g: InferRegion, point: Record<string, number>) => Object.entries(g.bbox).every(([p, [lo, hi]]) => lo <= point[p] && point[p] <= hi);

describe('infer: the true point of synthetic PLRF measurements is in a returned region', () => {
  const model = getModel('plrf');
  it('property: measurements from the reference closed forms at a random point (+- a small error)', () => {
    fc.assert(
      fc.property(
        fc.double({ min: 0.01, max: 1.59, noNaN: true }),
        fc.double({ min: -0.39, max: 1.59, noNaN: true }),
        fc.double({ min: 0.005, max: 0.03, noNaN: true }),
        fc.constantFrom(['xi', 'eta'], ['xi'], ['eta']),
        (alpha, beta, err, which) => {
          fc.pre(clearance(alpha, beta) > 0.01);
          const truth = refExponents(alpha, beta);
          const measured = Object.fromEntries(which.map((q) => [q, parseMeasurement(`${truth[q as 'xi' | 'eta'].toFixed(7)}+-${err.toFixed(4)}`)]));
          const r = infer(model, measured);
          expect(r.empty).toBe(false);
          const point = { alpha, beta };
          const hit = r.regions.filter((g) => g.phase === refPhase(alpha, beta) && g.conditions.every((c) => holds(c, point)) && inBox(g, point));
          expect(hit.length, `no region of ${refPhase(alpha, beta)} holds at (${alpha}, ${beta}): ${JSON.stringify(r.regions.map((g) => [g.phase, g.conditions, g.bbox]))}`).toBe(1);
          // and every region's sample point really has exponents inside the intervals (reference formulas)
          for (const g of r.regions) {
            const e = refExponents(g.point.alpha, g.point.beta);
            expect(refPhase(g.point.alpha, g.point.beta)).toBe(g.phase);
            for (const q of which) {
              const m = measured[q];
              expect(e[q as 'xi' | 'eta']).toBeGreaterThanOrEqual(m.lo);
              expect(e[q as 'xi' | 'eta']).toBeLessThanOrEqual(m.hi);
            }
          }
        },
      ),
      { numRuns: 30 },
    );
  }, 180_000);

  it('the conditions are printed solved where the exponent is linear in a parameter (phase III: eta = 1 - 1/(4 alpha))', () => {
    const r = infer(model, { eta: parseMeasurement('0.6+-0.02') });
    const iii = r.regions.find((g) => g.phase === 'III')!;
    // 1 - 1/(4 alpha) in [0.58, 0.62] <=> 25/42 <= alpha <= 25/38 (solved by hand)
    expect(iii.conditions).toContain('alpha >= 25/42');
    expect(iii.conditions).toContain('alpha <= 25/38');
    expect(iii.kind).toBe('conditions');
  });
});

describe('infer: a measurement no phase can produce is a finding, not an error', () => {
  it('PLRF xi = 0.9 +- 0.01: the reference xi never exceeds 0.71 on the domain, and infer says empty', async () => {
    // the reference: xi = 1/2 (Ib, III, IVa), < 1/2 (Ia, II), Ic and IVb tend to 1/(2(1 - alpha)) < 1/(2(1 - (1 - 1/sqrt 2))) = 0.7071
    let max = -Infinity;
    for (let i = 1; i < 800; i++) for (let j = 1; j < 800; j++) {
      const a = (1.6 * i) / 800, b = -0.4 + (2 * j) / 800;
      if (2 * a + 2 * b <= 1) continue;
      max = Math.max(max, refExponents(a, b).xi);
    }
    expect(max).toBeLessThan(1 / Math.SQRT2);
    const r = await run('infer', '--model', 'plrf', '--xi', '0.9+-0.01', '--json');
    expect(r.code, r.err).toBe(0);
    const j = JSON.parse(r.out);
    expect(j.empty).toBe(true);
    expect(j.regions).toEqual([]);
    expect(j.finding).toMatch(/^No point of plrf gives these exponents/);
    const t = await run('infer', '--model', 'plrf', '--xi', '0.9±0.01');
    expect(t.code).toBe(0);
    expect(t.out).toMatch(/No point of plrf gives these exponents/);
  });
});

describe('infer: the JSON contract', () => {
  it('model, measured, regions [{phase, conditions, bbox, area}], empty', async () => {
    const r = await run('infer', '--model', 'plrf', '--xi', '0.5+-0.02', '--eta', '0.6:0.58:0.62', '--json');
    expect(r.code, r.err).toBe(0);
    const j = JSON.parse(r.out);
    expect(j.model).toBe('plrf');
    expect(j.measured.xi.interval).toEqual([0.48, 0.52]);
    expect(j.measured.eta.interval).toEqual([0.58, 0.62]);
    expect(j.empty).toBe(false);
    expect(j.regions.map((g: { phase: string }) => g.phase).sort()).toEqual(['II', 'III']);
    for (const g of j.regions) {
      expect(Array.isArray(g.conditions)).toBe(true);
      expect(Object.keys(g.bbox)).toEqual(['alpha', 'beta']);
      expect(g.area).toBeGreaterThan(0);
      expect(g.areaFraction).toBeCloseTo(g.area / (1.6 * 2), 12);
    }
    // phase II: beta/(alpha+beta) in [0.48, 0.52] and 1 - 1/(2(alpha+beta)) in [0.58, 0.62] with beta < alpha; its area by hand:
    // the quadrilateral beta <= alpha <= 13 beta/12, 25/21 <= alpha + beta <= 25/19, i.e. in (s = alpha + beta, xi) coordinates
    // alpha = s(1 - xi), beta = s xi, |Jacobian| = s: area = int_{25/21}^{25/19} s ds * (0.5 - 0.48)
    const ii = j.regions.find((g: { phase: string }) => g.phase === 'II');
    const exact = ((25 / 19) ** 2 - (25 / 21) ** 2) / 2 * 0.02;
    expect(Math.abs(ii.area - exact) / exact).toBeLessThan(0.02);
  });
});

describe('infer: bad input exits 2 naming the flag, the value and the valid form', () => {
  it('--xi abc', async () => {
    const r = await run('infer', '--model', 'plrf', '--xi', 'abc');
    expect(r.code).toBe(2);
    expect(r.out).toBe('');
    expect(r.err).toMatch(/--xi = 'abc' is not a measurement/);
    expect(r.err).toMatch(/V\+-E/);
  });
  it('a negative error', async () => {
    const r = await run('infer', '--model', 'plrf', '--xi=0.5+--0.01');
    expect(r.code).toBe(2);
    expect(r.err).toMatch(/--xi = '0\.5\+--0\.01'.*E = -0\.01 must be > 0/);
  });
  it('V:lo:hi with the value outside [lo, hi]', async () => {
    const r = await run('infer', '--model', 'plrf', '--eta', '0.7:0.5:0.6');
    expect(r.code).toBe(2);
    expect(r.err).toMatch(/--eta = '0\.7:0\.5:0\.6'.*must lie in \[lo, hi\]/);
  });
  it('a quantity of another theory, and an unknown flag', async () => {
    const r = await run('infer', '--model', 'plrf', '--N', '0.5+-0.1');
    expect(r.code).toBe(2);
    expect(r.err).toMatch(/--N is not a quantity of --model plrf \(its quantities: --xi, --eta\)/);
    const u = await run('infer', '--model', 'plrf', '--foo', '0.5+-0.1');
    expect(u.code).toBe(2);
    expect(u.err).toMatch(/unknown option '--foo'/);
  });
  it('no measurement, and an unknown model', async () => {
    const r = await run('infer', '--model', 'plrf');
    expect(r.code).toBe(2);
    expect(r.err).toMatch(/infer needs a measurement: --xi, --eta/);
    const m = await run('infer', '--model', 'constructor', '--xi', '0.5+-0.1');
    expect(m.code).toBe(2);
  });
});

describe('infer --from-fit', () => {
  const dir = mkdtempSync(join(tmpdir(), 'infer-'));
  const fitFile = join(dir, 'fit.json');
  let fit: { params: Record<string, { value: number; ci: [number, number] }>; exponents: Record<string, { value: number; ci: [number, number] }> };
  beforeAll(async () => {
    const r = await run('fit', 'data/kyo-takano-chinchilla/df.csv', '--json', '--bootstrap', '40');
    expect(r.code, r.err).toBe(0);
    writeFileSync(fitFile, r.out);
    fit = JSON.parse(r.out);
  }, 120_000);

  it('a real fit output (kyo-takano/chinchilla df.csv) as PLRF measurements: xi <- a, eta <- alpha*beta/(alpha+beta)', async () => {
    const r = await run('infer', '--from-fit', fitFile, '--model', 'plrf', '--json');
    expect(r.code, r.err).toBe(0);
    const j = JSON.parse(r.out);
    const a = fit.exponents.a.ci;
    const [xlo, xhi] = j.measured.xi.interval;
    expect(xlo).toBeLessThanOrEqual(a[0]);
    expect(xhi).toBeGreaterThanOrEqual(a[1]);
    expect(a[0] - xlo).toBeLessThan(1e-3 * a[0]);
    expect(xhi - a[1]).toBeLessThan(1e-3 * a[1]);
    // the loss exponent of the Chinchilla law: L* - E ~ C^(-alpha beta/(alpha+beta)) (docs/theory/chinchilla.md §3)
    const f = (x: number, y: number) => (x * y) / (x + y);
    const [al, be] = [fit.params.alpha.ci, fit.params.beta.ci];
    const [elo, ehi] = j.measured.eta.interval;
    expect(elo).toBeLessThanOrEqual(f(al[0], be[0]));
    expect(ehi).toBeGreaterThanOrEqual(f(al[1], be[1]));
    expect(j.correspondence.map((c: { quantity: string; from: string; provenance: string }) => [c.quantity, c.from, c.provenance])).toEqual([
      ['xi', 'a', 'derived'],
      ['eta', 'c', 'derived'],
    ]);
    expect(j.empty).toBe(false);
    for (const g of j.regions) {
      const e = refExponents(g.point.alpha, g.point.beta);
      expect(e.xi).toBeGreaterThanOrEqual(xlo);
      expect(e.xi).toBeLessThanOrEqual(xhi);
      expect(e.eta).toBeGreaterThanOrEqual(elo);
      expect(e.eta).toBeLessThanOrEqual(ehi);
    }
  });

  it('a file that is not a fit output exits 2 naming --from-fit', async () => {
    const bad = join(dir, 'bad.json');
    writeFileSync(bad, '{"rows": 3}');
    const r = await run('infer', '--from-fit', bad, '--model', 'plrf');
    expect(r.code).toBe(2);
    expect(r.err).toMatch(/--from-fit = '.*bad\.json': it has no "exponents" object/);
    writeFileSync(bad, 'not json');
    expect((await run('infer', '--from-fit', bad, '--model', 'plrf')).code).toBe(2);
  });

  it('a quantity both measured and read from the fit is refused', async () => {
    const r = await run('infer', '--from-fit', fitFile, '--model', 'plrf', '--xi', '0.5+-0.1');
    expect(r.code).toBe(2);
    expect(r.err).toMatch(/--xi and --from-fit both give xi/);
  });
});

describe('infer on other theories', () => {
  it('a one-parameter library theory (sampled): loss = alpha/2 of maloney2022 (its closed form) gives 0.76 <= alpha <= 0.84', async () => {
    const r = await run('infer', '--model', 'maloney2022', '--loss', '0.4+-0.02', '--json');
    expect(r.code, r.err).toBe(0);
    const j = JSON.parse(r.out);
    expect(j.empty).toBe(false);
    const g = j.regions[0];
    expect(g.conditions).toEqual(expect.arrayContaining(['alpha >= 19/25', 'alpha <= 21/25']));
    expect(g.bbox.alpha[0]).toBeLessThanOrEqual(0.76 + 1e-3);
    expect(g.bbox.alpha[1]).toBeGreaterThanOrEqual(0.84 - 1e-3);
  });

  it('--theory FILE: the file\'s quantities are flags; a quantity named like a flag of infer is refused', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'infer-theory-'));
    const base = readFileSync('examples/theories/chinchilla-two-term.yaml', 'utf8');
    const file = join(dir, 'two-term.yaml');
    writeFileSync(file, base.replace(/name: xN/, 'name: zq').replace(/quantity: xN/, 'quantity: zq'));
    // zq = b/(a + b) (the file's closed form) = 0.45 at a = 0.44, b = 0.36
    const r = await run('infer', '--theory', file, '--zq', '0.45+-0.01', '--json');
    expect(r.code, r.err).toBe(0);
    const j = JSON.parse(r.out);
    expect(j.regions.some((g: InferRegion) => g.conditions.every((c) => holds(c, { a: 0.44, b: 0.36 })) && inBox(g, { a: 0.44, b: 0.36 }))).toBe(true);
    const clash = join(dir, 'clash.yaml');
    writeFileSync(clash, base.replace(/name: xN/, 'name: plot').replace(/quantity: xN/, 'quantity: plot'));
    const c = await run('infer', '--theory', clash, '--xD', '0.5+-0.1');
    expect(c.code).toBe(2);
    expect(c.err).toMatch(/quantity 'plot' clashes with the flag --plot of infer/);
  });

  it('--plot writes the consistent set on the phase diagram, with the measured values in the title', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'infer-plot-'));
    const file = join(dir, 'set.svg');
    const r = await run('infer', '--model', 'plrf', '--xi', '0.5+-0.02', '--eta', '0.6+-0.02', '--plot', file);
    expect(r.code, r.err).toBe(0);
    expect(existsSync(file)).toBe(true);
    const svg = readFileSync(file, 'utf8');
    expect(svg).toContain('xi in [0.48, 0.52], eta in [0.58, 0.62]');
    const one = await run('infer', '--model', 'maloney2022', '--loss', '0.4+-0.02', '--plot', join(dir, 'x.svg'));
    expect(one.code).toBe(2);
    expect(one.err).toMatch(/--plot needs a theory with two parameters/);
  });
});
