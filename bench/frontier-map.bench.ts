// The simulated exponent map (issue 13): a 10 x 10 (alpha, beta) map at d up to 12800 with 2 workers,
// through the command line (dist/, as a user runs it). Target: <= 180 s wall on the shared 2-core machine.
//   npm run bench -- frontier-map
import { spawnSync } from 'node:child_process';
import { loadavg } from 'node:os';

const D_GRID = '200,400,800,1600,3200,6400,12800'; // the paper's Figure 3 sizes (docs/plrf-numerics.md)
const args = ['bin/scaling-theory.js', 'frontier', '--map', '--model', 'plrf', '--alpha-grid', '0.25:1.5:10', '--beta-grid', '0.25:1.5:10', '--d-grid', D_GRID, '--workers', '2', '--json'];
const load = loadavg()[0];
const t0 = performance.now();
// bash's `time` reports the process's CPU seconds (all its threads): the fairer figure on a shared machine
const quoted = args.map((a) => `'${a}'`).join(' ');
const r = spawnSync('bash', ['-c', `TIMEFORMAT='cpu %U %S'; time node ${quoted}`], { encoding: 'utf8', maxBuffer: 1 << 26 });
const wall = (performance.now() - t0) / 1000;
if (r.status !== 0) {
  console.error(r.stderr);
  process.exit(1);
}
const cpuMatch = /cpu ([\d.]+) ([\d.]+)/.exec(r.stderr);
const cpu = cpuMatch ? Number(cpuMatch[1]) + Number(cpuMatch[2]) : NaN;
const out = JSON.parse(r.stdout) as { summary: Record<string, number>; seconds: number; phases: Array<{ phase: string; points: number; xi: { meanAbs: number | null; maxAbs: number | null }; eta: { meanAbs: number | null; maxAbs: number | null } }> };
const target = 180;
console.log(`frontier --map 10 x 10, d = ${D_GRID}, 2 workers: wall ${wall.toFixed(1)} s (map ${out.seconds.toFixed(1)} s), target <= ${target} s  ${wall <= target ? 'ok' : 'OVER'}  (load average ${load.toFixed(1)} at start)`);
console.log(`cpu ${cpu.toFixed(1)} s (user + sys, both workers): ${(cpu / 2).toFixed(1)} s of wall on 2 otherwise idle cores; load average ${loadavg()[0].toFixed(1)} at the end`);
console.log(`points ${JSON.stringify(out.summary)}`);
const f = (x: number | null) => (x === null ? '  n/a ' : x.toFixed(4));
for (const p of out.phases) console.log(`  ${p.phase.padEnd(9)} ${String(p.points).padStart(3)} points  xi mean|d| ${f(p.xi.meanAbs)} max ${f(p.xi.maxAbs)}   eta mean|d| ${f(p.eta.meanAbs)} max ${f(p.eta.maxAbs)}`);
