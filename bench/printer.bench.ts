// Benchmark of the formula printer (src/symbolic/print.ts, docs/printer.md), with its targets:
//   print one PLRF / rf-dynamics exponent as the engine derives it (mean, warm)  <= 1000 us
//   refuse (alpha + beta)^40                                                    <= 5 ms
//   a dense degree-6 quotient in three parameters (gcd with a common factor)    <= 500 ms
// and, for the choice of method, nerdamer's simplify (src/symbolic/cas.ts) on the same expressions:
// its time and how many of its outputs are already the reference form.
// Times are CPU time of this process (process.cpuUsage), robust to a loaded machine; wall time in brackets.
// Uses the build-time derivation cache, as the CLI does (run `npm run build` first).
import { existsSync, readFileSync } from 'node:fs';
import { Model, type ModelCache } from '../src/engine/model.js';
import { variantTheory } from '../src/engine/variant.js';
import type { TheoryFile } from '../src/engine/types.js';
import { plrf } from '../src/models/builtin.js';
import { rfDynamics } from '../src/models/builtin.js';
import { printExpression } from '../src/symbolic/print.js';
import { simplify } from '../src/symbolic/cas.js';

function report(name: string, value: number, unit: string, target: number, wall?: number) {
  const ok = value <= target;
  const w = wall === undefined ? '' : ` [wall ${wall.toFixed(unit === 'us' ? 0 : 2)} ${unit}]`;
  console.log(`${name.padEnd(58)} ${value.toFixed(unit === 'us' ? 1 : 3).padStart(10)} ${unit}   target <= ${target} ${unit}   ${ok ? 'OK' : 'MISSED'}${w}`);
}

/** Mean CPU and wall time of fn over n runs, in microseconds. */
function time(n: number, fn: () => void): { cpu: number; wall: number } {
  const c0 = process.cpuUsage();
  const t0 = performance.now();
  for (let i = 0; i < n; i++) fn();
  const c = process.cpuUsage(c0);
  return { cpu: (c.user + c.system) / n, wall: ((performance.now() - t0) * 1000) / n };
}

const cacheOf = (id: string) => (existsSync(`dist/derived/${id}.json`) ? (JSON.parse(readFileSync(`dist/derived/${id}.json`, 'utf8')) as ModelCache) : undefined);
const cases: Array<{ expr: string; params: string[]; at: Record<string, number>; label: string }> = [];
function collect(theory: TheoryFile, id: string, params: string[]) {
  const model = new Model(theory, cacheOf(id));
  for (const ph of theory.phases ?? []) {
    const ref = { phase: ph.name, piece: 0 };
    const x = model.interiorPoint(ref);
    const at = Object.fromEntries(params.map((p, i) => [p, x[i]]));
    for (const [q, v] of Object.entries(model.region(ref).derivation.balance.quantities)) cases.push({ expr: v.expr, params, at, label: `${id} ${ph.name} ${q}` });
  }
}
collect(plrf, 'plrf', ['alpha', 'beta']);
collect(rfDynamics, 'rf-dynamics', ['a', 'b']);
collect(variantTheory(rfDynamics, 'ensemble')!, 'rf-dynamics~ensemble', ['a', 'b']);

const printAll = () => {
  for (const c of cases) printExpression(c.expr, { params: c.params, at: c.at });
};
for (let i = 0; i < 30; i++) printAll(); // warm the JIT
const t = time(50, printAll);
report(`print an exponent, warm (mean over ${cases.length} exponents)`, t.cpu / cases.length, 'us', 1000, t.wall / cases.length);
let worst = { cpu: 0, label: '' };
for (const c of cases) {
  const r = time(50, () => printExpression(c.expr, { params: c.params, at: c.at }));
  if (r.cpu > worst.cpu) worst = { cpu: r.cpu, label: c.label };
}
console.log(`  slowest: ${worst.label}, ${worst.cpu.toFixed(0)} us`);

const refuse = time(20, () => {
  try {
    printExpression('(alpha+beta)^40', { params: ['alpha', 'beta'] });
  } catch {
    /* refused: expected */
  }
});
report('refuse (alpha + beta)^40', refuse.cpu / 1000, 'ms', 5, refuse.wall / 1000);

const mono = ['alpha^3', 'alpha^2*beta', 'alpha*beta*g', 'beta^3', 'g^3', 'alpha^2', 'beta^2', 'g^2', 'alpha*g', 'beta*g'];
const p1 = mono.map((m, i) => `(${((i * 7) % 11) - 5})*${m}`).join('+') + '+1';
const p2 = mono.map((m, i) => `(${((i * 5) % 9) - 4})*${m}`).join('+') + '+2';
const p3 = 'alpha*beta + g - 3';
const dense = time(3, () => printExpression(`((${p1})*(${p3}))/((${p2})*(${p3}))`, { params: ['alpha', 'beta', 'g'] }));
report('dense degree-6 quotient in 3 parameters, common factor', dense.cpu / 1000, 'ms', 500, dense.wall / 1000);

// the alternative: nerdamer's simplify (with its numeric guard), as the engine uses it today
const refForms = new Set(['1/(2*alpha+1)', '(2*alpha+2*beta-1)/(2*alpha+1)', '1/2', '(2*alpha+2*beta-1)/2', 'beta/(alpha+beta)', '1-1/(4*alpha)', 'alpha', '(beta-alpha)/(2*beta*(1-alpha)-alpha)', '(1-2*alpha)*(2*alpha+2*beta-1)/(2*(2*beta*(1-alpha)-alpha))', '1/(b+1)', '1/(1+b)', 'b/(1+b)', '(a-1)/(1+b)', '(a-b)/a', 'b/a', '(a-1)/a']);
let same = 0;
const n0 = process.cpuUsage();
const w0 = performance.now();
for (const c of cases) if (refForms.has(simplify(c.expr).replace(/\s+/g, ''))) same++;
const n1 = process.cpuUsage(n0);
console.log(
  `nerdamer simplify, same expressions: ${((n1.user + n1.system) / cases.length / 1000).toFixed(1)} ms each (CPU; wall ${((performance.now() - w0) / cases.length).toFixed(1)} ms); ${same} of ${cases.length} already in the reference form`,
);

// ---- end to end: `exponents` and `explain` with every formula printed ----------------------------
// cold: the built command line in a fresh process (wall time: process start, build-time cache, printing);
// in-process cold: the first query on a new Model from the cache; warm: the same query repeated.
import { spawnSync } from 'node:child_process';
import { explain } from '../src/engine/explain.js';

function cli(args: string[]): number {
  const t0 = performance.now();
  const r = spawnSync('node', ['bin/scaling-theory.js', ...args], { encoding: 'utf8' });
  if (r.status !== 0) throw new Error(`scaling-theory ${args.join(' ')} failed: ${r.stderr}`);
  return performance.now() - t0;
}
const P = ['--model', 'plrf', '--alpha', '0.27', '--beta', '1'];
for (const [cmd, target] of [['exponents', 1500], ['explain', 1500]] as const) {
  cli([cmd, ...P]); // file-system cache warm
  const runs = [0, 1, 2].map(() => cli([cmd, ...P])).sort((a, b) => a - b);
  report(`${cmd} --model plrf (IVb), CLI end to end, cold process (median of 3)`, runs[1], 'ms', target);
}
for (const [name, fn, coldTarget, warmTarget] of [
  ['exponents', (m: Model) => m.exponents({ alpha: 0.27, beta: 1 }), 200, 5],
  ['explain', (m: Model) => explain(m, { alpha: 0.27, beta: 1 }), 300, 20],
] as const) {
  const c0 = process.cpuUsage();
  const m = new Model(plrf, cacheOf('plrf'));
  fn(m);
  const c = process.cpuUsage(c0);
  report(`${name} (IVb) in process, cold (new Model from the cache)`, (c.user + c.system) / 1000, 'ms', coldTarget);
  for (let i = 0; i < 5; i++) fn(m);
  const w = time(20, () => fn(m));
  report(`${name} (IVb) in process, warm`, w.cpu / 1000, 'ms', warmTarget, w.wall / 1000);
}
