// `kind: derivation` claims (docs/validator-tutorial.md, "Checking a derivation"). Every derivation below
// was worked out by hand from the terms of docs/theory/plrf.md §2-§5 and docs/theory/rf-dynamics.md §2-§5
// (t = f/d above the high-dimensional line, t = f d^(2 alpha - 2) below it; s = sigma/(2 alpha),
// p = 1 - 1/(2 alpha), q = 2 - 1/(2 alpha)), not taken from the validator or the engine. Wrong versions
// carry a single slip whose consequences the later steps state consistently, so exactly that step is
// wrong and every later one is still checked (as if the slip had been right).
import { describe, expect, it } from 'vitest';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync, rmSync, copyFileSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parse as parseYaml } from 'yaml';
import { validate, parseClaimsText, ClaimsFileError } from '../src/validate/index.js';
import type { DerivationVerdict } from '../src/validate/derivation.js';

type Steps = Array<Record<string, string | string[]>>;
const claim = (id: string, model: string, region: string | string[] | undefined, steps: Steps) => ({ id, model, kind: 'derivation', ...(region ? { region } : {}), steps });
const run = async (c: object, seed = 1) => (await validate(c, { seed })) as DerivationVerdict;

// ---- correct derivations, one per phase family --------------------------------------------------------

const IA: Steps = [
  { terms: ['F_pp', 'F_0', 'noise'] },
  { relation: 't = f/d' },
  { substitute: 'F_pp ~ d^(s) * f^(-s)' },
  { substitute: 'noise ~ d^(q) * f^(-q)' },
  { balance: 'F_pp = F_0' },
  { solve: 'd ~ f^(1/(2*alpha + 1))' },
  { loss: 'P ~ f^(-(2*alpha + 2*beta - 1)/(2*alpha + 1))' },
];

const CORRECT: Array<[string, string, string | string[] | undefined, Steps]> = [
  ['Ia', 'plrf', 'Ia', IA],
  [
    'II',
    'plrf',
    'II',
    [
      { terms: ['t^(-s)', 'd^(-1)*t^(-p)'] },
      { relation: 't = f/d' },
      { substitute: 'F_pp ~ d^(s) * f^(-s)' },
      { substitute: 'F_ac ~ d^(p - 1) * f^(-p)' },
      { balance: 'F_ac = F_pp' },
      { solve: 'd ~ f^(beta/(alpha + beta))' },
      { solve: 't ~ f^(alpha/(alpha + beta))' },
      { loss: 'P ~ f^(-(2*alpha + 2*beta - 1)/(2*alpha + 2*beta))' },
    ],
  ],
  [
    'III',
    'plrf',
    ['2*beta > 1', '2*alpha > 1', 'beta > alpha'],
    [
      { terms: 'F_ac, noise' },
      { relation: 'f = d*t' },
      { substitute: 'F_ac ~ d^(p - 1) * f^(-p)' },
      { substitute: 'noise ~ (f/d)^(-q)' },
      { balance: 'noise = F_ac' },
      { solve: 'd ~ f^(1/2)' },
      { loss: 'P ~ f^(1/(4*alpha) - 1)' },
    ],
  ],
  [
    'IVb',
    'plrf',
    'IVb',
    [
      { terms: ['F_pp', 'noise'] },
      { relation: 'gamma = d^(2*alpha - 1)' },
      { relation: 't = f*d^(2*alpha - 2)' },
      { substitute: 'F_pp ~ d^(2*s*(1 - alpha)) * f^(-s)' },
      { substitute: 'noise ~ d^(2*alpha - 1 - q*(2*alpha - 2)) * f^(-q)' },
      { balance: 'F_pp = noise' },
      { solve: 'd ~ f^((beta - alpha)/(2*beta*(1 - alpha) - alpha))' },
      { loss: 'P ~ f^(-(1 - 2*alpha)*(2*alpha + 2*beta - 1)/(2*(2*beta*(1 - alpha) - alpha)))' },
    ],
  ],
  [
    'rf-hard',
    'rf-dynamics',
    'hard',
    [
      { terms: ['time', 'N^(-(a - 1))'] },
      { relation: 't = C/N' },
      { substitute: 'time ~ N^((a - 1)/b) * C^(-(a - 1)/b)' },
      { balance: 'time = width' },
      { solve: 'N ~ C^(1/(1 + b))' },
      { loss: 'L ~ C^(-(a - 1)/(1 + b))' },
    ],
  ],
  [
    'rf-easy',
    'rf-dynamics',
    ['a - 1 > b'],
    [
      { terms: ['time', 'transient'] },
      { substitute: 'transient ~ N^(-1/b) * C^(1/b - 1)' },
      { balance: 'time = transient' },
      { solve: 'N ~ C^((a - b)/a)' },
      { solve: 't ~ C^(b/a)' },
      { loss: 'L ~ C^(-(a - 1)/a)' },
    ],
  ],
];

describe('derivation: a correct derivation of each phase family is verified', () => {
  for (const [id, model, region, steps] of CORRECT) {
    it(`${id} (${model})`, async () => {
      const v = await run(claim(id, model, region, steps));
      expect(v.steps.map((s) => `${s.index}:${s.status}`)).toEqual(steps.map((_, i) => `${i + 1}:ok`));
      expect(v.status).toBe('verified');
      expect(v.verdict).toBe('verified');
      expect(v.firstWrongStep).toBeNull();
      expect(v.how).toContain('exact rational identity');
      expect(v.method).not.toMatch(/symbolic|sampled/);
    }, 30_000);
  }
});

// ---- a slip at each step kind of the Ia derivation ---------------------------------------------------

/** IA with step k (1-based) replaced, and later steps replaced as given (the slip's consequences). */
const variant = (changes: Record<number, Record<string, string | string[]>>): Steps => IA.map((s, i) => changes[i + 1] ?? s);

const SLIPS: Array<[string, number, Steps, RegExp]> = [
  // F_0 is dropped: it takes part in the active balance of Ia
  ['terms', 1, variant({ 1: { terms: ['F_pp', 'noise'] } }), /F_0 is dropped but takes part in the active balance/],
  // t = f/d^2 carried forward: F_pp ~ d^(2s) f^(-s), noise ~ d^(2q) f^(-q), then xi = 1/(2 alpha + 2), eta = sigma/(2 alpha + 2)
  [
    'relation',
    2,
    variant({ 2: { relation: 't = f/d^2' }, 3: { substitute: 'F_pp ~ d^(2*s) * f^(-s)' }, 4: { substitute: 'noise ~ d^(2*q) * f^(-q)' }, 6: { solve: 'd ~ f^(1/(2*alpha + 2))' }, 7: { loss: 'P ~ f^(-sigma/(2*alpha + 2))' } }),
    /does not follow in phase Ia/,
  ],
  // the noise term's budget exponent doubled: it stays below the active crossing
  ['substitute', 4, variant({ 4: { substitute: 'noise ~ d^(q) * f^(-2*q)' } }), /wrong exponent of f in phase Ia/],
  // the other crossing noise = F_0: xi = q/(q + sigma), eta = sigma*q/(q + sigma)
  ['balance', 5, variant({ 5: { balance: 'noise = F_0' }, 6: { solve: 'd ~ f^(q/(q + sigma))' }, 7: { loss: 'P ~ f^(-sigma*q/(q + sigma))' } }), /not the active balance in phase Ia: there F_pp = F_0/],
  // d ~ f^(1/(2 alpha)): at that allocation F_pp ~ f^(s/(2 alpha) - s) is the larger term
  ['solve', 6, variant({ 6: { solve: 'd ~ f^(1/(2*alpha))' }, 7: { loss: 'P ~ f^(sigma*(1 - 2*alpha)/(4*alpha^2))' } }), /gives d ~ f\^\(1\/\(2\*alpha \+ 1\)\)/],
  ['loss', 7, variant({ 7: { loss: 'P ~ f^(-(2*alpha + 2*beta - 1)/(2*alpha + 2))' } }), /gives P ~ f\^\(\(1 - 2\*alpha - 2\*beta\)\/\(2\*alpha \+ 1\)\)/],
];

describe('derivation: a slip at each step kind is refuted at exactly that step, the later steps still checked', () => {
  for (const [kind, at, steps, reason] of SLIPS) {
    it(`${kind} (step ${at})`, async () => {
      const v = await run(claim(`slip-${kind}`, 'plrf', 'Ia', steps));
      expect(v.status).toBe('refuted');
      expect(v.firstWrongStep).toBe(at);
      expect(v.steps[at - 1].kind).toBe(kind);
      expect(v.steps[at - 1].reason).toMatch(reason);
      expect(v.steps.map((s) => s.status)).toEqual(steps.map((_, i) => (i + 1 === at ? 'wrong' : 'ok')));
      // a counterexample for the step (where it has a size), re-evaluated here by hand
      const ce = v.steps[at - 1].counterexample;
      if (kind !== 'terms') {
        expect(ce).toBeDefined();
        expect(v.counterexample?.point).toEqual(ce!.point);
        expect(v.steps[at - 1].roundPoint).toBeDefined();
      }
    }, 30_000);
  }

  it('the solve counterexample is real: recomputed from the closed forms', async () => {
    const v = await run(claim('slip-solve', 'plrf', 'Ia', SLIPS[4][2]));
    for (const c of [v.steps[5].counterexample!, v.steps[5].roundPoint!]) {
      const { alpha, beta } = c.point;
      expect(2 * beta < 1 && 2 * alpha > 1 && 2 * alpha + 2 * beta > 1).toBe(true); // inside Ia
      expect(c.claimed as number).toBeCloseTo(1 / (2 * alpha), 12);
      expect(c.actual as number).toBeCloseTo(1 / (2 * alpha + 1), 12);
    }
    // the largest discrepancy: 1/(2a) - 1/(2a + 1) is largest at the smallest alpha of Ia (alpha -> 1/2)
    expect(v.steps[5].counterexample!.point.alpha).toBeLessThan(0.52);
  }, 30_000);

  it('every slip counterexample is real: its difference recomputed by hand at both points, inside Ia', async () => {
    // exponents of Ia (docs/theory/plrf.md §5): sigma = 2a + 2b - 1, s = sigma/(2a), q = 2 - 1/(2a)
    const expected: Record<string, (a: number, b: number) => number> = {
      relation: () => 1, // t = f/d^2 against t = f/d: the exponent of d differs by 1, that of f by 0
      substitute: (a) => 2 - 1 / (2 * a), // f^(-2q) against f^(-q)
      balance: (a, b) => {
        const sg = 2 * a + 2 * b - 1, q = 2 - 1 / (2 * a);
        return -sg / (2 * a + 1) + (sg * q) / (q + sg); // height of F_pp = F_0 minus that of noise = F_0
      },
      solve: (a) => 1 / (2 * a) - 1 / (2 * a + 1),
      loss: (a, b) => (2 * a + 2 * b - 1) * (1 / (2 * a + 1) - 1 / (2 * a + 2)),
    };
    for (const [kind, at, steps] of SLIPS) {
      if (kind === 'terms') continue;
      const v = await run(claim(`slip-${kind}`, 'plrf', 'Ia', steps));
      for (const c of [v.steps[at - 1].counterexample!, v.steps[at - 1].roundPoint!]) {
        const { alpha, beta } = c.point;
        expect(2 * beta < 1 && 2 * alpha > 1 && 2 * alpha + 2 * beta > 1, kind).toBe(true);
        expect(c.difference!, `${kind} at ${alpha}, ${beta}`).toBeCloseTo(expected[kind](alpha, beta), 9);
      }
    }
  }, 60_000);

  it('two independent slips are both reported', async () => {
    const steps = variant({ 4: { substitute: 'noise ~ d^(q) * f^(-2*q)' }, 7: { loss: 'P ~ f^(-sigma/(2*alpha + 2))' } });
    const v = await run(claim('two-slips', 'plrf', 'Ia', steps));
    expect(v.firstWrongStep).toBe(4);
    expect(v.steps.map((s) => s.status)).toEqual(['ok', 'ok', 'ok', 'wrong', 'ok', 'ok', 'wrong']);
  }, 30_000);
});

describe('derivation: regions are met geometrically, whatever the seed', () => {
  // the strip 0.2928 < alpha < 1 - 1/sqrt(2) of IVb (xi ~ 0.66 there) inside a region that is mostly IVa (xi = 1/2)
  const strip = claim('strip', 'plrf', ['2*beta > 1', 'alpha > 0.2928', 'alpha < 1/2'], [{ solve: 'd ~ f^(1/2)' }]);
  it('the thin IVb strip refutes d ~ f^(1/2) for seeds 0..19, with a counterexample inside the strip', async () => {
    for (let seed = 0; seed < 20; seed++) {
      const v = await run(strip, seed);
      expect(v.status, `seed ${seed}`).toBe('refuted');
      const { alpha, beta } = v.counterexample!.point;
      expect(alpha > 0.2928 && alpha < 1 - 1 / Math.sqrt(2) && 2 * beta > 1, `seed ${seed}`).toBe(true);
      const xi = (beta - alpha) / (2 * beta * (1 - alpha) - alpha); // IVb, docs/theory/plrf.md §5
      expect(v.counterexample!.difference!).toBeCloseTo(Math.abs(0.5 - xi), 9);
      expect(v.steps[0].roundPoint!.difference!).toBeGreaterThanOrEqual(0.5 * v.counterexample!.difference!);
    }
  }, 60_000);

  it('verdicts and wrong steps agree over seeds 0..19', async () => {
    const cases = [claim('Ia', 'plrf', 'Ia', IA), ...SLIPS.map(([k, , steps]) => claim(k, 'plrf', 'Ia', steps))];
    const at = async (seed: number) => Promise.all(cases.map(async (c) => {
      const v = await run(c, seed);
      return `${v.status}:${v.firstWrongStep}:${v.steps.map((s) => s.status).join(',')}`;
    }));
    const first = await at(0);
    for (let seed = 1; seed < 20; seed++) expect(await at(seed), `seed ${seed}`).toEqual(first);
  }, 120_000);
});

// ---- malformed files: exit 2 with an exact message ------------------------------------------------------

function cli(...args: string[]) {
  const r = spawnSync(process.execPath, ['bin/scaling-theory.js', ...args], { encoding: 'utf8', timeout: 60_000 });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

const fileOf = (steps: string) => `claims:\n  - id: d\n    model: plrf\n    kind: derivation\n    region: Ia\n    steps:\n${steps}`;

describe('derivation: malformed steps', () => {
  const bad: Array<[string, string, string]> = [
    ['unknown key', '      - subst: "F_pp ~ d^s"\n', "claim 'd' (claims[0]), field steps[0]: unknown step 'subst' (one of terms, relation, substitute, balance, solve, loss)"],
    ['two keys', '      - balance: "F_pp = F_0"\n        solve: "d ~ f^(1/2)"\n', "claim 'd' (claims[0]), field steps[0]: a step has exactly one key (got 2: balance, solve; one of terms, relation, substitute, balance, solve, loss)"],
    ['bad formula', '      - terms: [F_pp, F_0]\n      - substitute: "F_pp ~ d^(s) * $f"\n', "claim 'd' (claims[0]), field steps[1].substitute: unexpected character '$' at position 9 in 'd^(s) * $f' (allowed: numbers, names, + - * / ^, parentheses and sqrt, exp, log, ln, abs, min, max)"],
    ['not a term', '      - balance: "F_pp = F_1"\n', "claim 'd' (claims[0]), field steps[0].balance: 'F_1' is not a term of plrf (terms: F_pp, F_0, F_ac, noise)"],
    ['a sum', '      - substitute: "F_pp ~ d + f"\n', "claim 'd' (claims[0]), field steps[0].substitute: 'd + f' is not a monomial (a product of powers of d, t, gamma, B, r, f): 'd + f' is a sum"],
  ];
  let dir = '';
  it.each(bad)('%s: exit 2, the exact message on stderr, nothing on stdout', (_, steps, message) => {
    dir ||= mkdtempSync(join(tmpdir(), 'derivation-'));
    const p = join(dir, 'bad.yaml');
    writeFileSync(p, fileOf(steps));
    const r = cli('check', p);
    expect(r.code).toBe(2);
    expect(r.stdout).toBe('');
    expect(r.stderr).toContain(message);
    expect(() => parseClaimsText(fileOf(steps), 'bad.yaml')).toThrow(ClaimsFileError);
  }, 60_000);

  it('a theory file is read relative to the claims file', () => {
    dir ||= mkdtempSync(join(tmpdir(), 'derivation-'));
    copyFileSync('theory/library/kaplan2020-nd.yaml', join(dir, 'kaplan.yaml'));
    const p = join(dir, 'rel.yaml');
    writeFileSync(p, 'claims:\n  - id: k\n    theory: kaplan.yaml\n    kind: derivation\n    steps:\n      - balance: "X = Y"\n');
    const r = cli('check', p);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/field steps\[0\]\.balance: 'X' is not a term of /);
    writeFileSync(p, 'claims:\n  - id: k\n    theory: missing.yaml\n    kind: derivation\n    steps:\n      - balance: "X = Y"\n');
    expect(cli('check', p).stderr).toContain("field theory: cannot read theory file");
    rmSync(dir, { recursive: true, force: true });
  }, 60_000);
});

describe('derivation: the check command', () => {
  it('the tutorial files: the wrong one names steps 2 and 7, the fixed one is verified (text and JSON)', () => {
    const wrong = cli('check', 'examples/claims/derivation-ivb.yaml', '--json');
    expect(wrong.code).toBe(1);
    const out = JSON.parse(wrong.stdout).claims[0];
    expect(out.verdict).toBe('refuted');
    expect(out.firstWrongStep).toBe(2);
    expect(out.steps.map((s: { status: string }) => s.status)).toEqual(['ok', 'wrong', 'ok', 'ok', 'ok', 'ok', 'wrong']);
    expect(Object.keys(out.steps[1]).slice(0, 5)).toEqual(['index', 'kind', 'text', 'status', 'reason']);
    const fixed = cli('check', 'examples/claims/derivation-ivb-fixed.yaml');
    expect(fixed.code).toBe(0);
    expect(fixed.stdout).toMatch(/step 2 relation +ok/);
    expect(fixed.stdout).toContain('first wrong step: none');
    const doc = parseYaml(readFileSync('examples/claims/derivation-ivb-fixed.yaml', 'utf8'));
    expect(doc.claims[0].kind).toBe('derivation');
  }, 60_000);
});
