// Provenance a user can follow (issue 11): every source the theories state, and every source the command
// line prints, cites the paper (arXiv id), the authors' code (github.com/...) or a section of the project's
// own docs/; none points at ../shared/reference or names a reference file the user does not have
// (`plrf.md §5.3`); and every `docs/<file>.md §N` cited is a numbered heading of that file.
import { describe, expect, test } from 'vitest';
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { THEORIES, getTheory } from '../src/models/registry.js';
import { infoBound, negativeControl, INFO_BOUND_LABEL } from '../theory/info-bound.js';
import { CHINCHILLA_PRESETS, CHINCHILLA_CLOSED_FORM, CHINCHILLA_CLAIMS } from '../theory/chinchilla.js';
import { parseLaw } from '../src/law/parse.js';

function cli(...args: string[]) {
  const r = spawnSync('node', ['bin/scaling-theory.js', ...args], { encoding: 'utf8' });
  return { code: r.status, out: r.stdout, err: r.stderr };
}

/** Every string in a value, with the key path it sits under. */
function strings(v: unknown, path = '', out: Array<{ path: string; key: string; text: string }> = []) {
  if (typeof v === 'string') out.push({ path, key: path.split('.').pop() ?? '', text: v });
  else if (Array.isArray(v)) v.forEach((x, i) => strings(x, `${path}[${i}]`, out));
  else if (v && typeof v === 'object') for (const [k, x] of Object.entries(v)) strings(x, path ? `${path}.${k}` : k, out);
  return out;
}
const key = (p: string) => p.replace(/\[\d+\]/g, '').split('.').pop() ?? '';

const CITES = /arXiv:\d{4}\.\d{4,5}|docs\/[\w/.-]+\.md|github\.com\//;

/** Problems with one string: a path outside the package, a bare reference file, a docs section that does not exist. */
function problems(text: string): string[] {
  const bad: string[] = [];
  if (text.includes('../shared') || text.includes('shared/reference')) bad.push('points outside the package');
  for (const m of text.matchAll(/[\w./-]*[\w-]+\.md\b/g)) {
    if (!m[0].startsWith('docs/')) bad.push(`names ${m[0]}, not a file of docs/`);
    else if (!existsSync(m[0])) bad.push(`${m[0]} does not exist`);
  }
  for (const m of text.matchAll(/(docs\/[\w/.-]+\.md) (§[\d.]+(?:(?:, §|-)[\d.]+)*)/g)) {
    if (!existsSync(m[1])) continue;
    const headings = new Set(
      readFileSync(m[1], 'utf8')
        .split('\n')
        .map((l) => /^#{1,6}\s+(\d+(?:\.\d+)*)\.?\s/.exec(l)?.[1])
        .filter((x): x is string => !!x),
    );
    for (const n of m[2].match(/\d+(?:\.\d+)*/g) ?? []) if (!headings.has(n)) bad.push(`${m[1]} has no section ${n}`);
  }
  return bad;
}

/** `source` fields must cite; every string (notes, reasons, descriptions too) must have no bad reference. */
function check(label: string, value: unknown): string[] {
  const out: string[] = [];
  for (const s of strings(value)) {
    const k = key(s.path);
    if (k === 'source' && !CITES.test(s.text)) out.push(`${label}.${s.path}: cites neither arXiv, github.com nor docs/: ${s.text}`);
    for (const p of problems(s.text)) out.push(`${label}.${s.path}: ${p}: ${s.text}`);
  }
  return out;
}

describe('the checker itself', () => {
  test('flags the old style and accepts the new', () => {
    expect(problems('plrf.md §5.3')).not.toEqual([]);
    expect(problems('../shared/reference/plrf.md')).not.toEqual([]);
    expect(problems('docs/theory/plrf.md §99')).not.toEqual([]);
    expect(problems('docs/theory/plrf.md §5; docs/theory/rf-dynamics.md §2-3, docs/allocation.md §1')).toEqual([]);
    expect(CITES.test('random-features.md §4.1 [paper eq.17]')).toBe(false);
    expect(CITES.test('arXiv:2402.01092 eq.17')).toBe(true);
  });
});

describe('theory files', () => {
  test('every engine theory and variant: sources cite, no reference outside docs/', () => {
    const ids = Object.keys(THEORIES).flatMap((id) => [id, ...Object.keys(THEORIES[id]!.variants ?? {}).map((v) => `${id}~${v}`)]);
    expect(ids.length).toBeGreaterThanOrEqual(3);
    const bad: string[] = [];
    for (const id of ids) {
      const t = getTheory(id)!;
      expect(t, id).toBeDefined();
      expect(t.reference, id).toMatch(/^docs\/theory\/[\w-]+\.md$/);
      expect(existsSync(t.reference), t.reference).toBe(true);
      // every kind of source is there to be checked
      const keys = new Set(strings(t).filter((s) => key(s.path) === 'source').map((s) => s.path.replace(/\[\d+\]/g, '')));
      for (const k of ['terms.cases.source', 'compute.constraint.source', 'domain.source', 'phases.regions.source', 'closedForms.source']) expect([...keys], `${id}: ${k}`).toContain(k);
      bad.push(...check(id, t));
    }
    expect(bad).toEqual([]);
  });

  test('information bound, negative control, Chinchilla presets and closed form', () => {
    expect(infoBound.reference).toBe('docs/theory/info-bound.md');
    const bad = [
      ...check('info-bound', infoBound),
      ...check('negative-control', negativeControl),
      ...check('label', { source: INFO_BOUND_LABEL }),
      ...check('chinchilla', { presets: CHINCHILLA_PRESETS, closedForm: CHINCHILLA_CLOSED_FORM, claims: CHINCHILLA_CLAIMS }),
    ];
    expect(bad).toEqual([]);
    for (const p of CHINCHILLA_PRESETS) expect(p.source, p.id).toMatch(/arXiv:(2203\.15556|2404\.10102)/);
  });

  test('a user law points to the allocation docs', () => {
    const law = parseLaw('E + A/N^alpha + B/D^beta', 'C = 6*N*D');
    const ref = (law as unknown as { theory?: { reference: string }; reference?: string }).theory?.reference ?? (law as unknown as { reference?: string }).reference;
    expect(ref).toBeDefined();
    expect(problems(ref!)).toEqual([]);
    expect(ref).toMatch(/^docs\//);
  });
});

describe('what the command line prints', () => {
  const ids = Object.keys(THEORIES);
  for (const id of ids) {
    const t = THEORIES[id]!;
    const point = Object.entries(t.example).flatMap(([k, v]) => [`--${k}`, String(v)]);
    const runs: Array<{ label: string; args: string[] }> = [{ label: id, args: ['exponents', '--model', id, ...point, '--json'] }];
    if (t.variants?.ensemble) runs.push({ label: `${id} --ensemble`, args: ['exponents', '--model', id, ...point, '--ensemble', '--json'] });
    for (const r of runs)
      test(`exponents --json at the example point of ${r.label}`, () => {
        const o = cli(...r.args);
        expect(o.code, o.err).toBe(0);
        const j = JSON.parse(o.out);
        const sources = strings(j).filter((s) => key(s.path) === 'source');
        expect(sources.length).toBeGreaterThan(0);
        expect(check(r.label, j)).toEqual([]);
      });
  }

  test('models --json: the reference is a docs file', () => {
    const o = cli('models', '--json');
    expect(o.code, o.err).toBe(0);
    expect(check('models', JSON.parse(o.out))).toEqual([]);
  });

  test('allocate --json for the information bound and a Chinchilla preset', () => {
    for (const args of [
      ['allocate', '--model', 'info-bound', '--m', '1', '--k', '1', '--compute', '1e8', '--json'],
      ['allocate', '--model', 'negative-control', '--m', '1', '--compute', '1e8', '--json'],
      ['allocate', '--law', 'chinchilla:epoch', '--flops', '1e21', '--json'],
    ]) {
      const o = cli(...args);
      expect(o.code, `${args.join(' ')}: ${o.err}`).toBe(0);
      expect(check(args.join(' '), JSON.parse(o.out))).toEqual([]);
    }
  });
});
