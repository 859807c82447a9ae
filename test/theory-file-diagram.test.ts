// `diagram --theory FILE` for a theory that states no phases (issue 12): the phases derived by the engine
// (src/engine/phases.ts, cached by theory hash: src/engine/phase-cache.ts) are drawn, each labelled with
// its name and balance, and the boundary curves are listed under the title. Every example of
// examples/theories/ with its stated phases removed: a 2-parameter file gives an SVG and a PNG, a
// 3-parameter one exits 2 naming its parameters. The built dist/ command line runs in-process.
import { describe, expect, it, beforeAll } from 'vitest';
import { mkdtempSync, writeFileSync, readFileSync, readdirSync, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { parse, stringify } from 'yaml';
import { parseTheoryText } from '../src/theory-file/index.js';
import { Model } from '../src/engine/model.js';
import { derivePhases } from '../src/engine/phases.js';
import { derivePhases as cachedDerivePhases, diagramKey } from '../src/engine/phase-cache.js';

type Main = (argv: string[], ctx: { out: (s: string) => void; err: (s: string) => void }) => Promise<number>;
let main: Main;
const dir = mkdtempSync(join(tmpdir(), 'theory-file-diagram-'));
const EX = 'examples/theories';

async function run(args: string[]): Promise<{ code: number; out: string; err: string }> {
  let out = '', err = '';
  const code = await main(args, { out: (s) => (out += s), err: (s) => (err += s) });
  return { code, out, err };
}

beforeAll(async () => {
  main = ((await import(pathToFileURL(resolve('dist/src/cli/main.js')).href)) as { main: Main }).main;
});

/** An example file with its stated phases (and the closed forms that name them) removed. */
function unphased(file: string): { path: string; text: string } {
  const doc = parse(readFileSync(join(EX, file), 'utf8')) as Record<string, unknown>;
  delete doc.phases;
  delete doc.closedForms;
  const text = stringify(doc);
  const path = join(dir, file);
  writeFileSync(path, text);
  return { path, text };
}

/** XML text with its entities decoded (labels and subtitles as written). */
const decoded = (svg: string) => svg.replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&amp;/g, '&').replace(/&#39;|&apos;/g, "'").replace(/&quot;/g, '"');

describe('diagram of the derived phases (examples/theories/*.yaml, phases removed)', () => {
  const files = readdirSync(EX).filter((f) => f.endsWith('.yaml')).sort();
  it('there are examples to draw', () => expect(files.length).toBeGreaterThanOrEqual(3));

  for (const f of files) {
    it(`${f}: SVG and PNG with the derived phases labelled by balance, or exit 2 for more than two parameters`, async () => {
      const { path, text } = unphased(f);
      const theory = parseTheoryText(text, path);
      const svg = join(dir, `${f}.svg`);
      const png = join(dir, `${f}.png`);
      if (theory.parameters.length !== 2) {
        const r = await run(['diagram', '--theory', path, '--plot', svg]);
        expect(r.code).toBe(2);
        expect(r.err).toBe(`scaling-theory: diagram needs a model with two parameters (--theory ${path} has ${theory.parameters.length}: ${theory.parameters.map((p) => p.name).join(', ')})\n`);
        expect(existsSync(svg)).toBe(false);
        return;
      }
      const d = derivePhases(new Model(theory));
      expect(d.phases.length).toBeGreaterThan(0);
      const r = await run(['diagram', '--theory', path, '--plot', svg]);
      expect(r.code, r.err).toBe(0);
      const s = decoded(readFileSync(svg, 'utf8'));
      expect(s.startsWith('<svg')).toBe(true);
      for (const p of d.phases) expect(s).toContain(`>${p.name}: ${p.balance[0]} = ${p.balance[1]}</text>`);
      expect(s).toContain('phases derived from the terms (the theory states none)');
      for (const b of d.boundaries.filter((x) => x.between.every((n) => d.phases.some((p) => p.name === n)))) expect(s).toContain(b.equation);
      expect(s).not.toMatch(/NaN|Infinity/);
      const r2 = await run(['diagram', '--theory', path, '--plot', png]);
      expect(r2.code, r2.err).toBe(0);
      expect(readFileSync(png).subarray(0, 8)).toEqual(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]));
    }, 60_000);
  }
});

// two terms balance a third one only in part of the plane: three derived phases and their boundaries
const THREE_PHASES = `id: three-phase
title: Capacity, data and a variance term (test)
parameters:
  - { name: a, range: [0.05, 2] }
  - { name: b, range: [0.05, 2] }
domain: [a > 0, b > 0]
variables: { N: parameters, D: tokens, C: compute }
terms:
  - { name: params, form: 'N^(-a)' }
  - { name: data, form: 'D^(-b)' }
  - { name: optim, form: 'N^(-1)*D^(-1/2)' }
  - { name: variance, form: 'N*D^(-2)' }
compute: { budget: C, allocate: N, constraint: C = N*D }
quantities:
  - { name: xN, kind: variable, variable: N, sign: 1 }
  - { name: loss, kind: loss, sign: -1 }
`;

describe('a user theory with several derived phases', () => {
  it('labels every phase and lists the boundary curves in the SVG; the PNG is written', async () => {
    const path = join(dir, 'three-phase.yaml');
    writeFileSync(path, THREE_PHASES);
    const d = derivePhases(new Model(parseTheoryText(THREE_PHASES, path)));
    expect(d.phases.length).toBeGreaterThanOrEqual(3);
    const svg = join(dir, 'three-phase.svg');
    expect((await run(['diagram', '--theory', path, '--plot', svg, '--color', 'xN'])).code).toBe(0);
    const s = decoded(readFileSync(svg, 'utf8'));
    for (const p of d.phases) expect(s).toContain(`>${p.name}: ${p.balance.join(' = ')}</text>`);
    const inner = d.boundaries.filter((b) => b.between.every((n) => d.phases.some((p) => p.name === n)));
    expect(inner.length).toBeGreaterThan(0);
    for (const b of inner) expect(s).toContain(b.equation);
    expect((await run(['diagram', '--theory', path, '--plot', join(dir, 'three-phase.png')])).code).toBe(0);
  }, 60_000);

  it('the cached derivation equals a fresh one, and is keyed by the theory hash', () => {
    const t = parseTheoryText(THREE_PHASES, 'three-phase.yaml');
    const m = new Model(t);
    const fresh = derivePhases(m);
    expect(cachedDerivePhases(m)).toEqual(fresh);
    expect(cachedDerivePhases(m)).toEqual(fresh); // from memory
    const other = new Model({ ...t, title: 'another title' });
    expect(diagramKey(other)).not.toBe(diagramKey(m));
    expect(diagramKey(new Model(structuredClone(t)))).toBe(diagramKey(m));
  }, 60_000);
});
