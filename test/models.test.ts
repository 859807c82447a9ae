// The model interface (src/models/): one registry of every theory, variant, bound, law and preset, with
// capabilities that match what each model can do, own-key lookups, and `models --json`.
import { describe, it, expect } from 'vitest';
import { main } from '../src/cli/main.js';
import { findModel, listModels, modelsWith } from '../src/models/registry.js';
import { getModel } from '../src/models/registry.js';
import { asymptoticLoss } from '../src/numeric/plrf/asymptotic.js';
import { resolveParams } from '../src/numeric/plrf/setup.js';

async function run(...argv: string[]) {
  let out = '', err = '';
  const code = await main(argv, { out: (s) => (out += s), err: (s) => (err += s) });
  return { code, out, err };
}

describe('the registry', () => {
  it('lists every model and variant with capabilities that match its parts', () => {
    const expected: Record<string, string[]> = {
      plrf: ['exponents', 'phases', 'curve', 'frontier', 'simulate'],
      'rf-dynamics': ['exponents', 'phases', 'curve', 'simulate'],
      'rf-dynamics~ensemble': ['exponents', 'phases'],
      'info-bound': ['optimum'],
      'negative-control': ['optimum'],
      chinchilla: ['exponents', 'fit'],
      'chinchilla:hoffmann': ['exponents', 'optimum'],
      'chinchilla:hoffmann-rounded': ['exponents', 'optimum'],
      'chinchilla:epoch': ['exponents', 'optimum'],
    };
    for (const [id, caps] of Object.entries(expected)) expect(findModel(id)?.capabilities, id).toEqual(caps);
    for (const m of listModels()) {
      expect(m.capabilities.includes('curve')).toBe(!!m.curve);
      expect(m.capabilities.includes('frontier')).toBe(!!m.frontier);
      expect(m.capabilities.includes('optimum')).toBe(!!(m.bound || m.law?.values));
      expect(m.title.length).toBeGreaterThan(5);
      expect(m.citation.length).toBeGreaterThan(5);
    }
  });

  it('looks names up as own keys only', () => {
    for (const name of ['constructor', '__proto__', 'toString', 'hasOwnProperty', 'plrf~constructor', 'rf-dynamics~__proto__', '', 42, null]) {
      expect(findModel(name), String(name)).toBeUndefined();
    }
  });

  it('a variant names its base, and the base names the variant', () => {
    const v = findModel('rf-dynamics~ensemble')!;
    expect(v.variantOf).toBe('rf-dynamics');
    expect(findModel('rf-dynamics')!.variants.ensemble).toBe('rf-dynamics~ensemble');
  });

  it('the bounds expose their constants and optimum; a law preset its constants', () => {
    for (const m of modelsWith('optimum')) {
      if (m.bound) {
        const o = m.bound.optimum(1, 1, 1e12);
        expect(o.p * o.T).toBeCloseTo(1e12, -3);
        expect(m.bound.constants).toHaveLength(2);
      } else expect(Object.keys(m.law!.values!).sort()).toEqual(['A', 'B', 'E', 'alpha', 'beta']);
    }
  });
});

describe('models --json', () => {
  it('prints every model with id, title, parameters and capabilities', async () => {
    const r = await run('models', '--json');
    expect(r.code).toBe(0);
    const { models } = JSON.parse(r.out) as { models: Array<{ id: string; title: string; parameters: unknown[]; capabilities: string[] }> };
    const ids = models.map((m) => m.id);
    for (const id of ['plrf', 'rf-dynamics', 'rf-dynamics~ensemble', 'info-bound', 'negative-control', 'chinchilla:hoffmann', 'chinchilla:hoffmann-rounded', 'chinchilla:epoch']) expect(ids).toContain(id);
    for (const m of models) {
      expect(typeof m.title).toBe('string');
      expect(Array.isArray(m.parameters)).toBe(true);
      expect(m.capabilities.length).toBeGreaterThan(0);
    }
    expect(r.out).not.toMatch(/\.\.\/shared/);
  });

  it('the text listing names every model and its capabilities', async () => {
    const r = await run('models');
    expect(r.code).toBe(0);
    for (const m of listModels()) expect(r.out).toContain(`${m.id}: `);
    expect(r.out).toMatch(/capabilities: exponents, phases, curve, frontier, simulate/);
  });
});

describe('asymptotic curve on a case line', () => {
  it('at 2*beta = 1 exactly the estimate refuses with the line named (c_beta diverges there), instead of silently dropping F_0', () => {
    const p = resolveParams({ alpha: 0.7, beta: 0.5, d: 200 });
    expect(() => asymptoticLoss(getModel('plrf'), p, [1, 10, 100])).toThrow(/lies on 2\*beta = 1.*F_0 is not finite/);
    // just off the line both sides give every term present there
    const below = asymptoticLoss(getModel('plrf'), resolveParams({ alpha: 0.7, beta: 0.49, d: 200 }), [1, 10]).terms.map((t) => t.name);
    const above = asymptoticLoss(getModel('plrf'), resolveParams({ alpha: 0.7, beta: 0.51, d: 200 }), [1, 10]).terms.map((t) => t.name);
    expect(below).toEqual(['F_pp', 'F_0', 'noise']);
    expect(above).toEqual(['F_pp', 'F_0', 'F_ac', 'noise']);
  });

  it('on the command line that is exit 2 with the reason', async () => {
    const r = await run('curve', '--model', 'plrf', '--alpha', '0.7', '--beta', '0.5', '--d', '200', '--steps', '100', '--method', 'asymptotic');
    expect(r.code).toBe(2);
    expect(r.out).toBe('');
    expect(r.err).toMatch(/2\*beta = 1/);
  });
});

describe('monomial forms', () => {
  it('an exponent is one number, name or parenthesised group: D^(-b) + 1 is refused, not read as D^((-b) + 1)', async () => {
    const { parseMonomial } = await import('../src/engine/monomial.js');
    expect(parseMonomial('d^(-1)*t^(-p)', ['d', 't']).exponents).toEqual({ d: '(-1)', t: '(-p)' });
    expect(parseMonomial('N^2', ['N']).exponents).toEqual({ N: '2' });
    expect(() => parseMonomial('D^(-b) + 1', ['D'])).toThrow(/exponent of D/);
    expect(() => parseMonomial('D^(a) + (b)', ['D'])).toThrow(/one parenthesised expression/);
  });
});
