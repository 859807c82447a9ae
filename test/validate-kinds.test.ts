// The claim kinds of issue 14 (relation, inequality, monotone, continuity, balance, tolerance on
// exponents, values of laws and presets, where on a user law, unions and groups of phases, theory files):
// a true and a false claim of each, and malformed ones with their exact messages. Expected values come
// from the reference (test/fixtures/plrf-closed-forms.ts; Chinchilla's closed form chinchilla.md §3,
// written out here), never from the validator.
import { describe, expect, it } from 'vitest';
import { existsSync, readFileSync, mkdtempSync, writeFileSync, copyFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setCacheProvider } from '../src/models/registry.js';
import type { ModelCache } from '../src/engine/model.js';
import { validate, parseClaimsText, ClaimsFileError } from '../src/validate/index.js';
import '../src/validate/theory-files.js';
import { CLOSED_FORMS, phaseOf } from './fixtures/plrf-closed-forms.js';

setCacheProvider((id) => {
  const f = `dist/derived/${id}.json`;
  return existsSync(f) ? (JSON.parse(readFileSync(f, 'utf8')) as ModelCache) : undefined;
});

const plrf = { model: 'plrf' };
type P = { alpha: number; beta: number };

describe('relation', () => {
  it('eta = 2*alpha*xi holds in Ic (plrf.md §5: eta = 2 alpha xi), not in II', async () => {
    const ok = await validate({ id: 'r1', ...plrf, kind: 'relation', region: 'Ic', relation: 'eta = 2*alpha*xi' });
    expect(ok.status).toBe('verified');
    expect(ok.verdict).toBe('verified');
    expect(ok.method).toBe("symbolic per phase (the claim's phases)");
    const bad = await validate({ id: 'r2', ...plrf, kind: 'relation', region: 'II', relation: 'eta = 2*alpha*xi' });
    expect(bad.status).toBe('refuted');
    const p = bad.counterexample!.point as P;
    expect(phaseOf(p)).toBe('II');
    expect(bad.counterexample!.claimed as number).toBeCloseTo(CLOSED_FORMS.II.eta(p), 9);
    expect(bad.counterexample!.actual as number).toBeCloseTo(2 * p.alpha * CLOSED_FORMS.II.xi(p), 9);
  });

  it('a + b = 1 for the Chinchilla law (N ~ C^a, D ~ C^b with C = 6ND)', async () => {
    const v = await validate({ id: 'ab', law: 'E + A/N^alpha + B/D^beta', constraint: 'C = 6*N*D', kind: 'relation', relation: 'a + b = 1' });
    expect(v.status).toBe('verified');
    const w = await validate({ id: 'ab2', law: 'E + A/N^alpha + B/D^beta', constraint: 'C = 6*N*D', kind: 'relation', relation: 'a = b' });
    expect(w.status).toBe('refuted');
    const { alpha, beta } = w.counterexample!.point;
    expect(w.counterexample!.claimed as number).toBeCloseTo(beta / (alpha + beta), 9);
    expect(w.counterexample!.actual as number).toBeCloseTo(alpha / (alpha + beta), 9);
  });
});

describe('inequality', () => {
  it('eta_II < eta_III iff beta < alpha is refuted ... and the true ordering verified (sampled)', async () => {
    // eta_III - eta_II = (alpha - beta)/(4 alpha (alpha + beta)) [derived from plrf.md §5]: eta_II < eta_III iff beta < alpha
    const ok = await validate({ id: 'i1', ...plrf, kind: 'inequality', region: ['2*beta > 1', '2*alpha > 1'], inequality: 'eta_II < eta_III iff beta < alpha' });
    expect(ok.status).toBe('verified');
    expect(ok.method).toBe('sampled');
    const bad = await validate({ id: 'i2', ...plrf, kind: 'inequality', region: ['2*beta > 1', '2*alpha > 1'], inequality: 'eta_II < eta_III iff beta > alpha' });
    expect(bad.status).toBe('refuted');
    const p = bad.counterexample!.point as P;
    const etaII = (2 * p.alpha + 2 * p.beta - 1) / (2 * p.alpha + 2 * p.beta);
    const etaIII = 1 - 1 / (4 * p.alpha);
    expect(etaII < etaIII).not.toBe(p.beta > p.alpha);
  });

  it('xi < 1 everywhere (verified); eta > 1/2 in IVa (refuted below alpha = 1/2: eta = alpha)', async () => {
    expect((await validate({ id: 'i3', ...plrf, kind: 'inequality', inequality: 'xi < 1' })).status).toBe('verified');
    const v = await validate({ id: 'i4', ...plrf, kind: 'inequality', region: 'IVa', inequality: 'eta > 1/2' });
    expect(v.status).toBe('refuted');
    expect(CLOSED_FORMS.IVa.eta(v.counterexample!.point as P)).toBeLessThan(0.5);
  });
});

describe('monotone', () => {
  it('eta increases with beta in II; xi is constant (not increasing) in alpha in III', async () => {
    expect((await validate({ id: 'm1', ...plrf, kind: 'monotone', region: 'II', quantity: 'eta', in: 'beta', direction: 'increasing' })).status).toBe('verified');
    const v = await validate({ id: 'm2', ...plrf, kind: 'monotone', region: 'III', quantity: 'xi', in: 'alpha', direction: 'increasing' });
    expect(v.status).toBe('refuted');
    expect(v.counterexample!.actual).toBe('constant');
    expect(phaseOf(v.counterexample!.point as P)).toBe('III');
    const d = await validate({ id: 'm3', ...plrf, kind: 'monotone', region: 'IVa', quantity: 'eta', in: 'alpha', direction: 'decreasing' });
    expect(d.status).toBe('refuted');
  });
});

describe('continuity', () => {
  it('eta is continuous across II|III; xi jumps across IVa|IVb (plrf.md §6)', async () => {
    const c = await validate({ id: 'c1', ...plrf, kind: 'continuity', quantity: 'eta', between: ['II', 'III'], expect: 'continuous' });
    expect(c.status).toBe('verified');
    expect(c.method).toBe('exact (a boundary of the derived diagram)');
    expect((await validate({ id: 'c2', ...plrf, kind: 'continuity', quantity: 'xi', between: ['IVa', 'IVb'], expect: 'jump' })).status).toBe('verified');
    const f = await validate({ id: 'c3', ...plrf, kind: 'continuity', quantity: 'xi', between: ['IVa', 'IVb'], expect: 'continuous' });
    expect(f.status).toBe('refuted');
    const p = f.counterexample!.point as P;
    expect(p.alpha).toBeCloseTo(1 - 1 / Math.SQRT2, 9);
    expect(f.counterexample!.difference as number).toBeCloseTo(0.5 - CLOSED_FORMS.IVb.xi(p), 4);
  });

  it('two phases that never meet: refuted, naming the phases they do meet', async () => {
    const v = await validate({ id: 'c4', ...plrf, kind: 'continuity', quantity: 'xi', between: ['Ia', 'IVb'], expect: 'continuous' });
    expect(v.status).toBe('refuted');
    expect(v.counterexample!.note).toMatch(/never meet: Ia meets .*II.*; IVb meets .*IVa/);
  });
});

describe('balance', () => {
  it('F_ac = noise in III (plrf.md §5); refuted over 2 alpha > 1, 2 beta > 1 (II balances F_pp = F_ac)', async () => {
    const ok = await validate({ id: 'b1', ...plrf, kind: 'balance', region: 'III', terms: ['noise', 'F_ac'] });
    expect(ok.status).toBe('verified');
    expect(ok.method).toBe("exact per phase (the claim's phases)");
    const bad = await validate({ id: 'b2', ...plrf, kind: 'balance', region: ['2*beta > 1', '2*alpha > 1'], terms: ['F_ac', 'noise'] });
    expect(bad.status).toBe('refuted');
    expect(phaseOf(bad.counterexample!.point as P)).toBe('II');
    expect(bad.counterexample!.balance).toBe('F_ac = F_pp');
  });
});

describe('exponent tolerance, unions and groups', () => {
  it('N_opt ~ C^0.5 within 0.02 of the Chinchilla law where 0.3 < alpha, beta < 0.32: verified (sampled); wider: refuted at the largest discrepancy', async () => {
    const law = { law: 'E + A/N^alpha + B/D^beta', constraint: 'C = 6*N*D' };
    const ok = await validate({ id: 't1', ...law, kind: 'exponent', quantity: 'N_opt', formula: '0.5', tolerance: 0.02, where: ['alpha > 0.3', 'alpha < 0.32', 'beta > 0.3', 'beta < 0.32'] });
    expect(ok.status).toBe('verified');
    expect(ok.method).toBe('sampled');
    const bad = await validate({ id: 't2', ...law, kind: 'exponent', quantity: 'N_opt', formula: '0.5', tolerance: 0.02, where: ['alpha > 0.3', 'alpha < 0.4', 'beta > 0.3', 'beta < 0.4'] });
    expect(bad.status).toBe('refuted');
    const { alpha, beta } = bad.counterexample!.point;
    // a = beta/(alpha + beta) (chinchilla.md §3); the largest |a - 1/2| on the square is at a corner: 1/2 - 0.3/0.7
    expect(Math.abs(0.5 - beta / (alpha + beta))).toBeCloseTo(0.5 - 0.3 / 0.7, 4);
  });

  it('region IV (a group of PLRF: IVa, IVb) and IVa|IVb: xi = 1/2 refuted in IVb; eta = alpha holds on IVa only', async () => {
    for (const region of ['IV', 'IVa|IVb']) {
      const v = await validate({ id: 'g', ...plrf, kind: 'exponent', quantity: 'xi', region, formula: '1/2' });
      expect(v.status).toBe('refuted');
      expect(phaseOf(v.counterexample!.point as P)).toBe('IVb');
    }
    expect((await validate({ id: 'g2', ...plrf, kind: 'exponent', quantity: 'eta', region: 'IVa', formula: 'alpha' })).status).toBe('verified');
  });
});

describe('values of laws and presets', () => {
  // chinchilla.md §3: N* = G (C/6)^a, D* = (C/6)^b / G, G = (alpha A/(beta B))^(1/(alpha + beta)), a = beta/(alpha+beta)
  const k = { E: 1.69, A: 406.4, B: 410.7, alpha: 0.34, beta: 0.28 };
  const C = 5.88e23;
  const G = ((k.alpha * k.A) / (k.beta * k.B)) ** (1 / (k.alpha + k.beta));
  const N = G * (C / 6) ** (k.beta / (k.alpha + k.beta));
  const D = (C / 6) / N;
  const loss = k.E + k.A / N ** k.alpha + k.B / D ** k.beta;

  it('preset N_opt, D_opt, tokens_per_parameter and loss at C = 5.88e23 (Hoffmann rounded constants)', async () => {
    const m = { model: 'chinchilla:hoffmann-rounded', kind: 'value', at: { C } };
    for (const [q, v] of [['N_opt', N], ['D_opt', D], ['tokens_per_parameter', D / N], ['loss', loss]] as const) {
      const ok = await validate({ id: q, ...m, quantity: q, value: v, tolerance: 1e-6 * v });
      expect(ok.status, `${q}: ${ok.how}`).toBe('verified');
      const bad = await validate({ id: q, ...m, quantity: q, value: v * 1.1, tolerance: 1e-6 * v });
      expect(bad.status).toBe('refuted');
      expect(bad.counterexample!.actual as number).toBeCloseTo(v, -Math.floor(Math.log10(v)) + 5);
    }
    // the often-quoted 20 tokens per parameter is not what these constants give
    expect((await validate({ id: 'tpp', ...m, quantity: 'tokens_per_parameter', value: 20, tolerance: 2 })).status).toBe('refuted');
  });

  it('a law with its constants in at; the exponent of a preset', async () => {
    const v = await validate({ id: 'lv', law: 'E + A/N^alpha + B/D^beta', constraint: 'C = 6*N*D', kind: 'value', quantity: 'N_opt', at: { ...k, C }, value: N, tolerance: 1e-6 * N });
    expect(v.status).toBe('verified');
    const e = await validate({ id: 'pe', model: 'chinchilla:hoffmann-rounded', kind: 'exponent', quantity: 'N_opt', formula: '0.46', tolerance: 0.01 });
    expect(e.status).toBe('verified'); // 0.28/0.62 = 0.4516
    const e2 = await validate({ id: 'pe2', model: 'chinchilla:hoffmann-rounded', kind: 'exponent', quantity: 'N_opt', formula: '0.5', tolerance: 0.01 });
    expect(e2.status).toBe('refuted');
    expect(e2.counterexample!.actual as number).toBeCloseTo(0.28 / 0.62, 9);
  });
});

describe('theory files in claims', () => {
  it('theory: path.yaml, relative to the claims file', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'claims-theory-'));
    copyFileSync('theory/library/bordelon2025-lazy.yaml', join(dir, 'lazy.yaml'));
    const file = join(dir, 'c.yaml');
    writeFileSync(file, 'claims:\n  - {id: t, theory: lazy.yaml, kind: exponent, quantity: loss, formula: "0"}\n');
    const claims = parseClaimsText(readFileSync(file, 'utf8'), file);
    expect(claims[0].theory).toBe(join(dir, 'lazy.yaml'));
    const v = await validate(claims[0]);
    expect(['verified', 'refuted', 'inconclusive']).toContain(v.status);
    expect(v.model).toBe('bordelon2025-lazy');
  });
});

describe('malformed claims of the new kinds: exact messages', () => {
  const cases: Array<[string, string]> = [
    ['{id: a, model: plrf, kind: relation, relation: "eta < xi"}', "claim 'a' (claims[0]), field relation: 'eta < xi' is not a relation 'lhs = rhs'"],
    ['{id: b, model: plrf, kind: inequality, inequality: "eta = xi"}', "claim 'b' (claims[0]), field inequality: 'eta = xi' is not an inequality 'lhs < rhs' or 'lhs > rhs'"],
    ['{id: c, model: plrf, kind: monotone, quantity: eta, in: gamma, direction: increasing}', "claim 'c' (claims[0]), field in: 'gamma' is not a parameter of plrf (it takes alpha, beta)"],
    ['{id: d, model: plrf, kind: continuity, quantity: eta, between: [II, V], expect: continuous}', "claim 'd' (claims[0]), field between[1]: unknown phase 'V' of plrf (phases: Ia, Ib, Ic, II, III, IVa, IVb)"],
    ['{id: e, model: plrf, kind: balance, terms: [F_pp, F_1]}', "claim 'e' (claims[0]), field terms[1]: unknown term 'F_1' of plrf (terms: F_pp, F_0, F_ac, noise)"],
    ['{id: f, model: plrf, kind: exponent, quantity: xi, region: V, formula: "1/2"}', "claim 'f' (claims[0]), field region: 'V' is neither a phase of plrf (Ia, Ib, Ic, II, III, IVa, IVb; groups IV) nor an inequality such as \"2*beta > 1\""],
    ['{id: g, model: plrf, theory: x.yaml, kind: exponent, quantity: xi, formula: "1/2"}', "claim 'g' (claims[0]), field theory: give one of 'model', 'theory' or 'law', not 'model' and 'theory'"],
    ['{id: h, model: "chinchilla:hoffmann", kind: value, quantity: N_opt, at: {N: 1}, value: 1}', "claim 'h' (claims[0]), field at.N: 'N' is not a constant or the budget of chinchilla:hoffmann (it takes C)"],
    ['{id: i, model: plrf, kind: monotone, quantity: eta, in: alpha, direction: up}', "claim 'i' (claims[0]), field direction: Invalid option: expected one of \"increasing\"|\"decreasing\""],
    ['{id: j, model: plrf, kind: continuity, quantity: eta, between: [II, III], expect: smooth}', "claim 'j' (claims[0]), field expect: Invalid option: expected one of \"continuous\"|\"jump\""],
  ];
  for (const [claim, message] of cases) {
    it(message.slice(0, 60), () => {
      let err: unknown;
      try {
        parseClaimsText(`claims:\n  - ${claim}\n`, 'x.yaml');
      } catch (e) {
        err = e;
      }
      expect(err).toBeInstanceOf(ClaimsFileError);
      expect((err as Error).message).toBe(message);
    });
  }
});
