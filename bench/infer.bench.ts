// Benchmark of `infer` (src/infer, docs/infer.md), with its target (issue 15):
//   infer over PLRF (xi and eta measured), cold: the derived phase diagram included      <= 1 s
// and, for information: the same warm (diagram cached per model), single measurements, a real fit's
// measurements, and the command line end to end (a fresh process, wall time).
// Times are CPU time of this process (process.cpuUsage), robust to a loaded machine; wall time in brackets.
// Uses the build-time derivation cache, as the command line does (run `npm run build` first).
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { getModel, setCacheProvider } from '../src/models/registry.js';
import type { ModelCache } from '../src/engine/model.js';
import { infer } from '../src/infer/infer.js';
import { parseMeasurement, type Interval } from '../src/infer/measurement.js';

function report(name: string, cpuMs: number, wallMs: number, target?: number) {
  const verdict = target === undefined ? '' : `   target <= ${target} ms   ${cpuMs <= target ? 'OK' : 'MISSED'}`;
  console.log(`${name.padEnd(60)} ${cpuMs.toFixed(0).padStart(7)} ms${verdict} [wall ${wallMs.toFixed(0)} ms]`);
}

function time(fn: () => void, n = 1): { cpu: number; wall: number } {
  const c0 = process.cpuUsage();
  const t0 = performance.now();
  for (let i = 0; i < n; i++) fn();
  const c = process.cpuUsage(c0);
  return { cpu: (c.user + c.system) / 1000 / n, wall: (performance.now() - t0) / n };
}

setCacheProvider((id) => (existsSync(`dist/derived/${id}.json`) ? (JSON.parse(readFileSync(`dist/derived/${id}.json`, 'utf8')) as ModelCache) : undefined));
const m = (s: string) => parseMeasurement(s);
const model = getModel('plrf');
const both: Record<string, Interval> = { xi: m('0.5+-0.02'), eta: m('0.6+-0.02') };
let regions = 0;
const cold = time(() => (regions = infer(model, both).regions.length));
report(`PLRF xi, eta, cold (derived diagram included; ${regions} regions)`, cold.cpu, cold.wall, 1000);
const warm = time(() => infer(model, both), 5);
report('PLRF xi, eta, warm (mean of 5)', warm.cpu, warm.wall);
const one = time(() => infer(model, { eta: m('0.3+-0.01') }), 5);
report('PLRF eta only, warm (mean of 5)', one.cpu, one.wall);
const empty = time(() => infer(model, { xi: m('0.9+-0.01') }), 5);
report('PLRF xi = 0.9 +- 0.01 (empty), warm (mean of 5)', empty.cpu, empty.wall);
// alpha = 0.7, beta = 0.2 (phase Ia): xi = 1/(2 alpha + 1) = 5/12, eta = (2 alpha + 2 beta - 1)/(2 alpha + 1) = 1/3
const thin = time(() => infer(model, { xi: m('0.4166667+-0.0003'), eta: m('0.3333333+-0.0003') }), 5);
report('PLRF xi, eta +- 0.0003 (a tiny set in Ia), warm (mean of 5)', thin.cpu, thin.wall);

const t0 = performance.now();
const r = spawnSync('node', ['bin/scaling-theory.js', 'infer', '--model', 'plrf', '--xi', '0.5+-0.02', '--eta', '0.6+-0.02', '--json'], { encoding: 'utf8' });
const wall = performance.now() - t0;
if (r.status !== 0) throw new Error(`infer exited ${r.status}: ${r.stderr}`);
console.log(`${'command line, fresh process (node start, library load, JSON)'.padEnd(60)} wall ${wall.toFixed(0)} ms`);
