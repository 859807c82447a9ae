// Benchmark of the derived phase diagram (src/engine/phases.ts, docs/derived-phases.md), with its target:
//   a 2-parameter theory with 6 terms (SIX_TERMS below, a user theory file), its phase diagram derived
//   cold, <= 1 s (issue 12). Cold includes building the case signatures' log systems (nerdamer).
// Also: PLRF with its phases removed, cold and warm (systems built); rf-dynamics cold; and the cache by
// theory hash (src/engine/phase-cache.ts): in memory, and on the command line (`phases --theory FILE`
// twice in fresh processes: the first derives and stores dist/derived/phases/<key>.json, the second reads it).
// CPU time of this process (process.cpuUsage: all its threads), wall in brackets.
import { mkdtempSync, writeFileSync, rmSync, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { spawnSync } from 'node:child_process';
import { Model } from '../src/engine/model.js';
import { derivePhases } from '../src/engine/phases.js';
import { derivePhases as cachedDerivePhases, diagramKey } from '../src/engine/phase-cache.js';
import { parseTheoryText } from '../src/theory-file/index.js';
import { plrf, rfDynamics } from '../src/models/builtin.js';

/** Six terms in N and D, one of them present only for b < 1/2; compute C = N*D. */
const SIX_TERMS = `id: six-term
title: Six-term law in N and D (benchmark)
parameters:
  - { name: a, description: 'parameter exponent', range: [0.05, 2] }
  - { name: b, description: 'data exponent', range: [0.05, 2] }
domain: [a > 0, b > 0]
variables: { N: parameters, D: tokens, C: compute }
terms:
  - { name: params, form: 'N^(-a)' }
  - { name: data, form: 'D^(-b)' }
  - { name: optim, form: 'N^(-1)*D^(-1/2)' }
  - { name: capacity, form: 'N^(-1)*D^(-1)' }
  - { name: variance, form: 'N*D^(-2)' }
  - { name: noise, form: 'D^(-1)', when: [b < 1/2] }
compute:
  budget: C
  allocate: N
  constraint: C = N*D
quantities:
  - { name: xN, description: 'N* ~ C^xN', kind: variable, variable: N, sign: 1 }
  - { name: loss, description: 'L* ~ C^(-loss)', kind: loss, sign: -1 }
`;

function report(name: string, cpuMs: number, wallMs: number, target?: number) {
  const verdict = target === undefined ? '' : `   target <= ${target} ms   ${cpuMs <= target ? 'OK' : 'MISSED'}`;
  console.log(`${name.padEnd(60)} ${cpuMs.toFixed(0).padStart(7)} ms${verdict} [wall ${wallMs.toFixed(0)} ms]`);
}

function time(fn: () => void): { cpu: number; wall: number } {
  const c0 = process.cpuUsage();
  const t0 = performance.now();
  fn();
  const c = process.cpuUsage(c0);
  return { cpu: (c.user + c.system) / 1000, wall: performance.now() - t0 };
}

const six = parseTheoryText(SIX_TERMS, 'six-term');
let n = 0;
const sixCold = time(() => (n = derivePhases(new Model(six)).phases.length));
report(`6-term theory, cold (${n} phases)`, sixCold.cpu, sixCold.wall, 1000);

const stated = new Model(plrf);
const stripped = new Model({ ...plrf, phases: undefined });
const cold = time(() => (n = derivePhases(stripped, { stated }).phases.length));
report(`PLRF, phases removed, cold (${n} phases)`, cold.cpu, cold.wall, 1000);
const warm = time(() => derivePhases(stripped, { stated }));
report('PLRF, phases removed, warm (log systems built)', warm.cpu, warm.wall);
const rf = time(() => derivePhases(new Model(rfDynamics)));
report('rf-dynamics, cold', rf.cpu, rf.wall, 1000);

// the cache by theory hash, in memory
const m = new Model(six);
cachedDerivePhases(m);
const hit = time(() => cachedDerivePhases(m));
report('6-term theory, cached (in memory, by theory hash)', hit.cpu, hit.wall);

// the command line: a file with a fresh title (so a fresh hash), twice
const dir = mkdtempSync(join(tmpdir(), 'derived-phases-bench-'));
const file = join(dir, 'six.yaml');
const text = SIX_TERMS.replace('(benchmark)', `(benchmark ${Date.now()})`);
writeFileSync(file, text);
const key = diagramKey(new Model(parseTheoryText(text, file)));
const stored = join('dist/derived/phases', `${key}.json`);
// CPU of the child (user + sys, from /usr/bin/time when there is one), wall in brackets
const TIME = '/usr/bin/time';
for (const label of ['cold: derives, stores the diagram', 'warm: reads the stored diagram']) {
  const args = ['bin/scaling-theory.js', 'phases', '--theory', file, '--json'];
  const timed = existsSync(TIME);
  const t0 = performance.now();
  const r = timed ? spawnSync(TIME, ['-f', '%U %S', process.execPath, ...args], { encoding: 'utf8' }) : spawnSync(process.execPath, args, { encoding: 'utf8' });
  const wall = performance.now() - t0;
  if (r.status !== 0) throw new Error(`phases --theory exited ${r.status}: ${r.stderr}`);
  const cpu = timed ? r.stderr.trim().split('\n').pop()!.split(' ').reduce((x, v) => x + 1000 * Number(v), 0) : NaN;
  report(`phases --theory six.yaml, ${label} (process start included)`, cpu, wall);
}
console.log(`stored: ${existsSync(stored) ? stored : '(not stored: run npm run build first)'}`);
rmSync(stored, { force: true });
rmSync(dir, { recursive: true, force: true });
