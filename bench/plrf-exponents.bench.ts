// Benchmarks of the foundation (issue 3), with their targets:
//   one warm `exponents` query in-process          <= 20 us
//   1000 x 1000 (alpha, beta) grid, phase + xi, eta <= 0.5 s
//   CLI cold start of `scaling-theory exponents`   <= 0.4 s
// Uses the build-time derivation cache, as the CLI does (run `npm run build` first; `npm run bench` does not build).
import { readFileSync, existsSync } from 'node:fs';
import { spawnSync } from 'node:child_process';
import { Model, type ModelCache } from '../src/engine/model.js';
import { plrf } from '../src/models/builtin.js';
import { phaseGrid } from '../src/engine/grid.js';

function report(name: string, value: number, unit: string, target: number) {
  const ok = value <= target;
  console.log(`${name.padEnd(46)} ${value.toFixed(unit === 'us' ? 2 : 3).padStart(10)} ${unit}   target <= ${target} ${unit}   ${ok ? 'OK' : 'MISSED'}`);
}

const cachePath = 'dist/derived/plrf.json';
const cache = existsSync(cachePath) ? (JSON.parse(readFileSync(cachePath, 'utf8')) as ModelCache) : undefined;
let t0 = performance.now();
const model = new Model(plrf, cache);
model.exponents({ alpha: 0.7, beta: 1.2 });
console.log(`first query (${cache ? 'from the build cache' : 'deriving with the CAS'}): ${(performance.now() - t0).toFixed(1)} ms`);

// warm queries over points spread across the phases
const pts: Array<{ alpha: number; beta: number }> = [];
for (let i = 0; i < 64; i++) pts.push({ alpha: 0.31 + (i % 8) * 0.15, beta: 0.23 + Math.floor(i / 8) * 0.17 });
for (let i = 0; i < 20000; i++) model.exponents(pts[i % pts.length]); // warm every region and the JIT
const n = 100000;
t0 = performance.now();
for (let i = 0; i < n; i++) model.exponents(pts[i % pts.length]);
report('exponents query, warm (mean)', ((performance.now() - t0) / n) * 1000, 'us', 20);

phaseGrid(model, 50, 50);
t0 = performance.now();
const g = phaseGrid(model, 1000, 1000);
report('1000 x 1000 grid: phase + xi + eta', (performance.now() - t0) / 1000, 's', 0.5);
let inPhase = 0;
for (let k = 0; k < g.phase.length; k++) if (g.phase[k] >= 0) inPhase++;
console.log(`  (${inPhase} of ${g.phase.length} cells inside a phase; the rest outside the domain or within 1e-9 of a boundary)`);

if (existsSync('dist/src/cli/main.js')) {
  const times: number[] = [];
  for (let i = 0; i < 7; i++) {
    const s = performance.now();
    const r = spawnSync('node', ['bin/scaling-theory.js', 'exponents', '--model', 'plrf', '--alpha', '0.7', '--beta', '1.2', '--json']);
    times.push((performance.now() - s) / 1000);
    if (r.status !== 0) throw new Error(`CLI failed: ${r.stderr}`);
  }
  times.sort((a, b) => a - b);
  report('CLI cold start, exponents (median of 7)', times[3], 's', 0.4);
} else {
  console.log('CLI cold start: skipped (no dist/: run `npm run build`)');
}
