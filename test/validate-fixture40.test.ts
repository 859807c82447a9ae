// An independent fixture of 61 claims (test/fixtures/claims40/claims.yaml), written from the papers'
// statements and docs/theory/*.md without reading the validator or the engine, each with its expected
// verdict (expected.json). The check runs through the command line for 20 seeds: 0 wrong verdicts.
// Every counterexample of a refuted PLRF exponent, relation or inequality claim is re-evaluated here with
// an oracle written from docs/theory/plrf.md §4 and §5.3 (phase table and exponent table), not engine code.
import { describe, it, expect } from 'vitest';
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { evaluate } from 'mathjs';
import { parse } from 'yaml';

const DIR = 'test/fixtures/claims40';
const FILE = `${DIR}/claims.yaml`;
const expected: Record<string, { verdict: string; firstWrongStep?: number | null; wrongSteps?: number[] }> =
  JSON.parse(readFileSync(`${DIR}/expected.json`, 'utf8'));
const SEEDS = Array.from({ length: 20 }, (_, i) => i);

/** docs/theory/plrf.md §4 (phase regions) and §5.3 (xi, eta), written out independently. */
function plrfTruth(alpha: number, beta: number): { phase: string; xi: number; eta: number } {
  const a = alpha, b = beta, sigma = 2 * a + 2 * b - 1;
  const edge = 1 - 1 / Math.SQRT2;
  if (2 * b < 1 && 2 * a > 1) return { phase: 'Ia', xi: 1 / (2 * a + 1), eta: sigma / (2 * a + 1) };
  if (2 * b < 1) return { phase: 'Ib', xi: 0.5, eta: sigma / 2 };
  if (a < 0.25) {
    const xi = sigma / (4 * a * a + 2 * (1 - a) * sigma);
    return { phase: 'Ic', xi, eta: 2 * a * xi };
  }
  if (2 * a > 1) return b < a ? { phase: 'II', xi: b / (a + b), eta: sigma / (2 * a + 2 * b) } : { phase: 'III', xi: 0.5, eta: 1 - 1 / (4 * a) };
  if (a > edge) return { phase: 'IVa', xi: 0.5, eta: a };
  const den = 2 * b * (1 - a) - a;
  return { phase: 'IVb', xi: (b - a) / den, eta: ((1 - 2 * a) * sigma) / (2 * den) };
}

interface ClaimSpec { id: string; model?: string; kind: string; formula?: string; quantity?: string; relation?: string; inequality?: string }
function run(seed: number): { code: number; json: { claims: Array<Record<string, unknown>> } } {
  const r = spawnSync(process.execPath, ['bin/scaling-theory.js', 'check', FILE, '--json', '--seed', String(seed)], { encoding: 'utf8', maxBuffer: 64 << 20 });
  return { code: r.status ?? -1, json: JSON.parse(r.stdout) };
}

describe('an independent fixture of claims: 0 wrong verdicts over 20 seeds', () => {
  // the fixture is plain YAML, read with the yaml package (not the validator's reader)
  const specs = new Map<string, ClaimSpec>((parse(readFileSync(FILE, 'utf8')) as { claims: ClaimSpec[] }).claims.map((c) => [c.id, c]));

  it('the fixture has at least 40 claims, each with an expected verdict', () => {
    expect(specs.size).toBeGreaterThanOrEqual(40);
    for (const id of specs.keys()) expect(expected[id], id).toBeDefined();
  });

  it.each(SEEDS)('seed %i: every verdict as expected, every counterexample real', (seed) => {
    const { code, json } = run(seed);
    expect(code).toBe(1); // some claims are refuted
    const got = new Map(json.claims.map((c) => [String(c.id), c]));
    const wrong: string[] = [];
    for (const [id, e] of Object.entries(expected)) {
      const c = got.get(id);
      if (!c) { wrong.push(`${id}: missing`); continue; }
      const verdict = String(c.verdict ?? c.status);
      if (verdict !== e.verdict) wrong.push(`${id}: ${verdict}, expected ${e.verdict}`);
      if ('firstWrongStep' in e && c.firstWrongStep !== e.firstWrongStep) wrong.push(`${id}: firstWrongStep ${String(c.firstWrongStep)}, expected ${String(e.firstWrongStep)}`);
      if (e.wrongSteps) {
        const steps = (c.steps ?? []) as Array<{ index: number; status: string }>;
        for (const k of e.wrongSteps) if (steps.find((s) => s.index === k)?.status !== 'wrong') wrong.push(`${id}: step ${k} not reported wrong`);
      }
      // re-evaluate PLRF counterexamples independently
      const spec = specs.get(id)!;
      const cx = c.counterexample as { point?: Record<string, number> } | undefined;
      if (e.verdict === 'refuted' && spec.model === 'plrf' && cx?.point && ['exponent', 'relation', 'inequality'].includes(spec.kind)) {
        const { alpha, beta } = cx.point;
        const t = plrfTruth(alpha, beta);
        const scope = { alpha, beta, xi: t.xi, eta: t.eta };
        if (spec.kind === 'exponent') {
          const claimed = Number(evaluate(spec.formula!, scope));
          const actual = spec.quantity === 'xi' ? t.xi : t.eta;
          if (!(Math.abs(claimed - actual) > 1e-9)) wrong.push(`${id}: counterexample (${alpha}, ${beta}) in ${t.phase} is not one (claimed ${claimed}, actual ${actual})`);
        } else if (spec.kind === 'relation') {
          const [l, r] = spec.relation!.split('=');
          const d = Number(evaluate(l, scope)) - Number(evaluate(r, scope));
          if (!(Math.abs(d) > 1e-9)) wrong.push(`${id}: counterexample (${alpha}, ${beta}) satisfies the relation`);
        } else {
          const [lhs, rhs] = spec.inequality!.split(' iff ');
          const holds = (s: string) => Boolean(evaluate(s, scope));
          const ok = rhs === undefined ? holds(lhs) : holds(lhs) === holds(rhs);
          if (ok) wrong.push(`${id}: counterexample (${alpha}, ${beta}) satisfies the inequality`);
        }
      }
    }
    expect(wrong, `seed ${seed}`).toEqual([]);
  });
});
