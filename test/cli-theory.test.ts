// `--theory FILE` on the command line (docs/theory-files.md, "Using a theory file on the command line").
// Each example of examples/theories/ gives, on the command line, the exponents of an independent numeric
// minimisation of the sum of its terms, written out here by hand (no engine code): the log-loss
// log L(u) = log sum_i exp(e_i(u, phi)) with u = log N, phi = log C is convex in u, so a golden-section
// search finds its minimum; the exponents are slopes between two very large budgets. Bad files, a
// clashing parameter name and `--model` with `--theory` exit 2. The built dist/ command line runs in-process.
import { describe, expect, test, beforeAll } from 'vitest';
import fc from 'fast-check';
import { mkdtempSync, writeFileSync, readFileSync, mkdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';

type Main = (argv: string[], ctx: { out: (s: string) => void; err: (s: string) => void }) => Promise<number>;
let main: Main;
const dir = mkdtempSync(join(tmpdir(), 'cli-theory-'));
const EX = 'examples/theories';

async function run(args: string[]): Promise<{ code: number; out: string; err: string }> {
  let out = '', err = '';
  const code = await main(args, { out: (s) => (out += s), err: (s) => (err += s) });
  return { code, out, err };
}

beforeAll(async () => {
  main = ((await import(pathToFileURL(resolve('dist/src/cli/main.js')).href)) as { main: Main }).main;
});

// ---- the independent minimisation -------------------------------------------------------------------

/** log sum exp of the terms' logarithms. */
function logSum(logs: number[]): number {
  const m = Math.max(...logs);
  return m + Math.log(logs.reduce((s, x) => s + Math.exp(x - m), 0));
}

/** Golden-section minimum of a convex function on [lo, hi]. */
function argmin(f: (u: number) => number, lo: number, hi: number): number {
  const g = (Math.sqrt(5) - 1) / 2;
  let a = lo, b = hi;
  let c = b - g * (b - a), d = a + g * (b - a);
  let fc_ = f(c), fd = f(d);
  for (let i = 0; i < 200 && b - a > 1e-12 * Math.max(1, Math.abs(a)); i++) {
    if (fc_ < fd) (b = d), (d = c), (fd = fc_), (c = b - g * (b - a)), (fc_ = f(c));
    else (a = c), (c = d), (fc_ = fd), (d = a + g * (b - a)), (fd = f(d));
  }
  return (a + b) / 2;
}

/** The logs of the terms at u = log N, phi = log C (each example's algebra written out by hand). */
type Terms = (p: Record<string, number>, u: number, phi: number) => number[];

/** N*, L* slopes in log C between two budgets e^PHI and e^(2 PHI); also how far the third-largest term is below the top at the optimum. */
function numericExponents(terms: Terms, p: Record<string, number>) {
  const PHI = 1000;
  const opt = (phi: number) => {
    const u = argmin((x) => logSum(terms(p, x, phi)), -3 * phi, 4 * phi);
    return { u, logL: logSum(terms(p, u, phi)), logs: terms(p, u, phi) };
  };
  const o1 = opt(PHI), o2 = opt(2 * PHI);
  const sorted = [...o2.logs].sort((x, y) => y - x);
  return { xN: (o2.u - o1.u) / PHI, loss: -(o2.logL - o1.logL) / PHI, gap: sorted.length > 2 ? (sorted[0] - sorted[2]) / (2 * PHI) : Infinity };
}

const EXAMPLES: Array<{ file: string; params: string[]; terms: Terms; extra: (xN: number) => Record<string, number> }> = [
  {
    // L = N^(-a) + D^(-b), D = C/N
    file: 'chinchilla-two-term.yaml',
    params: ['a', 'b'],
    terms: (p, u, phi) => [-p.a * u, -p.b * (phi - u)],
    extra: (xN) => ({ xD: 1 - xN }),
  },
  {
    // L = N^(-a) + D^(-b) + [c < b] N^(-c) D^(-2c), D = C/N
    file: 'three-term-threshold.yaml',
    params: ['a', 'b', 'c'],
    terms: (p, u, phi) => [-p.a * u, -p.b * (phi - u), ...(p.c < p.b ? [-p.c * u - 2 * p.c * (phi - u)] : [])],
    extra: () => ({}),
  },
  {
    // L = N^(-a) + t^(-b), t = eta S, eta = N^(-g), S = C/N
    file: 'size-and-time.yaml',
    params: ['a', 'b', 'g'],
    terms: (p, u, phi) => [-p.a * u, -p.b * (-p.g * u + phi - u)],
    extra: (xN) => ({ xS: 1 - xN }),
  },
];

/** A parameter value in [0.06, 0.99], three decimals (printed exactly on the command line). */
const param = fc.integer({ min: 60, max: 990 }).map((k) => k / 1000);

describe('each example file gives the exponents of a numeric minimisation of its terms', () => {
  for (const ex of EXAMPLES) {
    test(ex.file, async () => {
      await fc.assert(
        fc.asyncProperty(fc.tuple(...ex.params.map(() => param)), async (values) => {
          const p = Object.fromEntries(ex.params.map((n, i) => [n, values[i]]));
          const num = numericExponents(ex.terms, p);
          fc.pre(num.gap > 0.02); // not at a switch of the dominant balance
          const r = await run(['exponents', '--theory', join(EX, ex.file), ...ex.params.flatMap((n) => [`--${n}`, String(p[n])]), '--json']);
          expect(r.err).toBe('');
          expect(r.code).toBe(0);
          const out = JSON.parse(r.out) as { exponents: Record<string, { value: number }> };
          expect(out.exponents.xN.value).toBeCloseTo(num.xN, 6);
          expect(out.exponents.loss.value).toBeCloseTo(num.loss, 6);
          for (const [q, v] of Object.entries(ex.extra(num.xN))) expect(out.exponents[q].value).toBeCloseTo(v, 6);
        }),
        { numRuns: 12 },
      );
    }, 60_000);
  }

  test('the interaction term of three-term-threshold matters where it is present (c < b) and not elsewhere', async () => {
    const f = join(EX, 'three-term-threshold.yaml');
    const xN = async (c: string) => (JSON.parse((await run(['exponents', '--theory', f, '--a', '0.8', '--b', '0.9', '--c', c, '--json'])).out) as { exponents: { xN: { value: number } } }).exponents.xN.value;
    expect(await xN('0.2')).toBeCloseTo((2 * 0.2) / (0.8 + 0.2), 12); // params = cross: -a u = c u - 2 c phi
    expect(await xN('0.95')).toBeCloseTo(0.9 / (0.8 + 0.9), 12); // absent: params = data
  });

  test('the JSON has the shape of `exponents --model`', async () => {
    const builtIn = JSON.parse((await run(['exponents', '--model', 'plrf', '--alpha', '0.7', '--beta', '1.2', '--json'])).out) as Record<string, unknown>;
    const user = JSON.parse((await run(['exponents', '--theory', join(EX, 'chinchilla-two-term.yaml'), '--a', '0.34', '--b', '0.28', '--json'])).out) as Record<string, unknown>;
    expect(Object.keys(user).sort()).toEqual(Object.keys(builtIn).sort());
    const first = (o: Record<string, unknown>) => Object.values(o.exponents as Record<string, Record<string, unknown>>)[0];
    expect(Object.keys(first(user)).sort()).toEqual(Object.keys(first(builtIn)).sort());
    expect(user.model).toBe('chinchilla-two-term');
    expect(user.phase).toBe('P1');
  });
});

describe('the other commands take --theory', () => {
  const f = join(EX, 'size-and-time.yaml');
  test('phase and explain', async () => {
    const ph = await run(['phase', '--theory', f, '--a', '0.5', '--b', '0.4', '--g', '0.25', '--json']);
    expect(ph.code).toBe(0);
    expect(JSON.parse(ph.out).model).toBe('size-and-time');
    const ex = await run(['explain', '--theory', f, '--a', '0.5', '--b', '0.4', '--g', '0.25']);
    expect(ex.code).toBe(0);
    expect(ex.out).toContain('t^(-b)');
  });

  test('diagram of a file with phases; a 3-parameter file without phases has none (derived diagrams: test/theory-file-diagram.test.ts)', async () => {
    const plot = join(dir, 'd.svg');
    const d = await run(['diagram', '--theory', join(EX, 'chinchilla-two-term.yaml'), '--plot', plot, '--resolution', '20']);
    expect(d.code).toBe(0);
    expect(readFileSync(plot, 'utf8')).toContain('<svg');
    const none = await run(['diagram', '--theory', f, '--plot', join(dir, 'e.svg')]);
    expect(none.code).toBe(2);
    expect(none.err).toContain(`diagram needs a model with two parameters (--theory ${f} has 3: a, b, g)`);
  });

  test('models --theory FILE --json shows what the file defines', async () => {
    const r = await run(['models', '--theory', f, '--json']);
    expect(r.code).toBe(0);
    const m = JSON.parse(r.out) as { models: Array<Record<string, unknown>> };
    expect(m.models).toHaveLength(1);
    const [entry] = m.models;
    expect(entry).toMatchObject({ id: 'size-and-time', kind: 'theory', capabilities: ['exponents'], file: f });
    expect((entry.parameters as Array<{ name: string }>).map((p) => p.name)).toEqual(['a', 'b', 'g']);
    expect(entry.compute).toMatchObject({ budget: 'C', allocate: 'N', relations: [{ equation: 't = eta*S' }, { equation: 'eta = N^(-g)' }] });
    expect((entry.terms as Array<{ name: string }>).map((t) => t.name)).toEqual(['params', 'optimisation']);
    const withPhases = JSON.parse((await run(['models', '--theory', join(EX, 'chinchilla-two-term.yaml'), '--json'])).out) as { models: Array<{ capabilities: string[]; phases: string[] }> };
    expect(withPhases.models[0]).toMatchObject({ capabilities: ['exponents', 'phases'], phases: ['P1'] });
  });
});

describe('bad input exits 2 with a message', () => {
  const write = (name: string, text: string) => {
    const p = join(dir, name);
    writeFileSync(p, text);
    return p;
  };
  const base = readFileSync(join(EX, 'chinchilla-two-term.yaml'), 'utf8');

  test('a bad file: its path, line, found and expected', async () => {
    const p = write('bad.yaml', base.replace("form: 'D^(-b)'", "form: 'D^(-b*q)'"));
    const line = base.split('\n').findIndex((l) => l.includes("form: 'D^(-b)'")) + 1;
    const r = await run(['exponents', '--theory', p, '--a', '0.3', '--b', '0.3']);
    expect(r.code).toBe(2);
    expect(r.out).toBe('');
    expect(r.err).toContain(`${p} line ${line}: terms[1].form: found 'D^(-b*q)'; expected`);
    expect(r.err).not.toMatch(/\n\s+at /); // no stack trace
  });

  test.each([
    ['missing file', () => join(dir, 'nope.yaml'), 'no such file'],
    ['a directory', () => (mkdirSync(join(dir, 'adir.yaml'), { recursive: true }), join(dir, 'adir.yaml')), 'is a directory'],
    ['not YAML', () => write('notyaml.yaml', 'id: [x\n'), 'notyaml.yaml line 2: (document): found text that is not YAML or JSON'],
  ])('%s', async (_name, path, message) => {
    for (const command of ['exponents', 'models']) {
      const r = await run([command, '--theory', path()]);
      expect(r.code).toBe(2);
      expect(r.err).toContain(message);
    }
  });

  test('--model and --theory together', async () => {
    const r = await run(['exponents', '--model', 'plrf', '--theory', join(EX, 'chinchilla-two-term.yaml'), '--a', '0.3', '--b', '0.3']);
    expect(r.code).toBe(2);
    expect(r.err).toContain('--model and --theory are given together');
  });

  test.each(['json', 'model', 'phases'])('a parameter named like a flag of the command (%s)', async (name) => {
    const p = write(`clash-${name}.yaml`, base.replace(/\ba\b/g, name));
    const r = await run(['exponents', '--theory', p, `--${name}`, '0.3', '--b', '0.3']);
    expect(r.code).toBe(2);
    expect(r.err).toContain(`parameter '${name}' clashes with the flag --${name} of exponents`);
  });

  test('a name may be a flag of another command (plot: a flag of diagram, which takes no parameters)', async () => {
    const p = write('clash-plot.yaml', base.replace(/\ba\b/g, 'plot'));
    expect((await run(['exponents', '--theory', p, '--plot', '0.3', '--b', '0.3'])).code).toBe(0);
  });

  test('a missing, repeated, non-numeric or foreign parameter flag', async () => {
    const f = join(EX, 'chinchilla-two-term.yaml');
    const cases: Array<[string[], string]> = [
      [['--a', '0.3'], `--b is required for --theory ${f}`],
      [['--a', '0.3', '--a', '0.4', '--b', '0.3'], '--a is given twice'],
      [['--a', 'x', '--b', '0.3'], "--a = 'x' is not a finite number"],
      [['--a', '0.3', '--b', '0.3', '--alpha', '1'], `--alpha is not a parameter of --theory ${f} (it takes --a, --b)`],
      [['--a', '0', '--b', '0.3'], 'domain'],
    ];
    for (const [flags, message] of cases) {
      const r = await run(['exponents', '--theory', f, ...flags]);
      expect(r.code, flags.join(' ')).toBe(2);
      expect(r.err).toContain(message);
    }
    const twice = await run(['exponents', '--theory', f, '--theory', f, '--a', '0.3', '--b', '0.3']);
    expect(twice.code).toBe(2);
    expect(twice.err).toContain('--theory is given twice');
  });
});
