// `curve --method volterra` at d = 1000 against the numpy reference bench/volterra_numpy.py (issue 13,
// Speed: target ours / numpy <= 1.5). End to end, as a user runs them: the CLI (dist/, so `npm run build`
// first) and `python3 bench/volterra_numpy.py`, same d, v = 4d, W law, time grid and recursion. The machine
// is shared: the commands run back to back in rounds (order rotated), the ratio is taken within each
// round, and medians are printed.
//   npm run bench -- volterra          VOLTERRA_BENCH_ROUNDS=7 (default 5), VOLTERRA_BENCH_D=1000
// numpy runs with OPENBLAS_CORETYPE / OPENBLAS_L2_SIZE removed (OpenBLAS picks its own kernel, printed)
// and OPENBLAS_NUM_THREADS = 1 (our JavaScript is single-threaded) and 2. Without python3 + numpy the
// numpy runs are skipped with a message. `ours, JS only` is the same CLI with SCALING_THEORY_NO_WASM=1
// (the JavaScript kernels, bit-identical to the code before the WebAssembly kernels).
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const rounds = Number(process.env.VOLTERRA_BENCH_ROUNDS ?? 5);
const d = Number(process.env.VOLTERRA_BENCH_D ?? 1000);
const TARGET = 1.5;
const cliArgs = ['bin/scaling-theory.js', 'curve', '--model', 'plrf', '--alpha', '0.7', '--beta', '1.2', '--d', String(d), '--steps', '1e7', '--method', 'volterra', '--seed', '1'];
const pyArgs = ['bench/volterra_numpy.py', '--d', String(d), '--steps', '1e7', '--alpha', '0.7', '--beta', '1.2', '--seed', '1'];

function numpyEnv(threads: number): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = { ...process.env, OPENBLAS_NUM_THREADS: String(threads) };
  delete env.OPENBLAS_CORETYPE;
  delete env.OPENBLAS_L2_SIZE;
  return env;
}

interface Run {
  name: string;
  cmd: string;
  args: string[];
  env: NodeJS.ProcessEnv;
}

// CPU seconds (user + system) of a child come from GNU time where it is installed
const TIME = existsSync('/usr/bin/time') ? '/usr/bin/time' : null;
const timeFile = join(mkdtempSync(join(tmpdir(), 'volterra-bench-')), 'time');

/** wall and CPU seconds of one run (null: failed or unknown), and its stdout */
function run(r: Run): { wall: number | null; cpu: number | null; out: string } {
  const t0 = performance.now();
  const [cmd, args] = TIME ? [TIME, ['-f', '%U %S', '-o', timeFile, r.cmd, ...r.args]] : [r.cmd, r.args];
  const p = spawnSync(cmd, args, { env: r.env, encoding: 'utf8', maxBuffer: 1 << 24 });
  const wall = (performance.now() - t0) / 1000;
  if (p.status !== 0) {
    console.log(`   ${r.name} failed (${p.error?.message ?? `exit ${p.status}`}): ${(p.stderr ?? '').trim().split('\n').slice(-2).join(' | ')}`);
    return { wall: null, cpu: null, out: '' };
  }
  let cpu: number | null = null;
  if (TIME) {
    const [u, sys] = readFileSync(timeFile, 'utf8').trim().split('\n').pop()!.split(' ').map(Number);
    if (Number.isFinite(u) && Number.isFinite(sys)) cpu = u + sys;
  }
  return { wall, cpu, out: p.stdout };
}

const median = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
};

if (!existsSync('dist/src/cli/main.js')) {
  console.log('volterra vs numpy: dist/ is missing (run `npm run build`): skipped');
  process.exit(0);
}
const stamp = existsSync('dist/.build-stamp') ? readFileSync('dist/.build-stamp', 'utf8').trim() : 'unknown';
const probe = spawnSync('python3', ['-c', 'import numpy; print(numpy.__version__)'], { encoding: 'utf8' });
const haveNumpy = probe.status === 0;
if (!haveNumpy) console.log(`volterra vs numpy: python3 with numpy not found (${(probe.stderr || probe.error?.message || '').trim().split('\n').pop()}): the numpy reference is skipped, only our timings are printed`);

const runs: Run[] = [
  { name: 'ours (CLI, WebAssembly kernels)', cmd: process.execPath, args: cliArgs, env: process.env },
  { name: 'ours, JS only (SCALING_THEORY_NO_WASM=1)', cmd: process.execPath, args: cliArgs, env: { ...process.env, SCALING_THEORY_NO_WASM: '1' } },
  ...(haveNumpy
    ? [
        { name: 'numpy, 1 thread', cmd: 'python3', args: pyArgs, env: numpyEnv(1) },
        { name: 'numpy, 2 threads', cmd: 'python3', args: pyArgs, env: numpyEnv(2) },
      ]
    : []),
];
const walls: (number | null)[][] = runs.map(() => []);
const cpus: (number | null)[][] = runs.map(() => []);
const phases: Record<string, number[]>[] = runs.map(() => ({}));
const blas: string[] = runs.map(() => '');
for (let k = 0; k < rounds; k++) {
  for (let q = 0; q < runs.length; q++) {
    const i = (q + k) % runs.length; // rotate the order so no command always runs first
    const { wall, cpu, out } = run(runs[i]);
    walls[i][k] = wall;
    cpus[i][k] = cpu;
    if (runs[i].cmd === 'python3' && wall !== null) {
      const j = JSON.parse(out.trim().split('\n').pop()!);
      for (const [key, s] of Object.entries(j.seconds as Record<string, number>)) (phases[i][key] ??= []).push(s);
      const b = j.blas?.[0] ?? {};
      blas[i] = `numpy ${j.numpy}, ${b.name ?? '?'} ${b.version ?? ''}, kernel ${b.corename ?? b.architecture ?? '?'}, threads ${b.num_threads ?? '?'}`;
    }
  }
}
const load = readFileSync('/proc/loadavg', { encoding: 'utf8', flag: 'r' }).split(' ').slice(0, 3).join(' ');
console.log(`volterra vs numpy, d = ${d}, v = 4d, 1e7 steps, ${rounds} rounds (dist built ${stamp}; load average now ${load}); seconds, median [min, max]`);
for (let i = 0; i < runs.length; i++) {
  const w = walls[i].filter((x): x is number => x !== null);
  if (!w.length) continue;
  const c = cpus[i].filter((x): x is number => x !== null);
  const cpuText = c.length ? `   cpu ${median(c).toFixed(2)} s [${Math.min(...c).toFixed(2)}, ${Math.max(...c).toFixed(2)}]` : '';
  console.log(`   ${runs[i].name.padEnd(44)} wall ${median(w).toFixed(2)} s [${Math.min(...w).toFixed(2)}, ${Math.max(...w).toFixed(2)}]${cpuText}`);
  if (blas[i]) {
    const ph = Object.entries(phases[i]).map(([key, s]) => `${key} ${median(s).toFixed(3)}`).join(', ');
    console.log(`      ${blas[i]}; phases (median s): ${ph}`);
  }
}
const ratio = (t: (number | null)[][], a: number, b: number) => {
  const r: number[] = [];
  for (let k = 0; k < rounds; k++) if (t[a][k] != null && t[b][k] != null) r.push(t[a][k]! / t[b][k]!);
  return r;
};
if (haveNumpy) {
  // wall ratios are the target's measure; CPU ratios are less sensitive to the load (not for 2 threads,
  // whose CPU time counts both threads)
  for (const [a, b, label] of [[0, 2, 'ours / numpy (1 thread)'], [0, 3, 'ours / numpy (2 threads)'], [1, 2, 'JS only / numpy (1 thread)']] as const) {
    const r = ratio(walls, a, b);
    if (!r.length) continue;
    const m = median(r);
    const target = a === 0 ? `   target <= ${TARGET}  ${m <= TARGET ? 'ok' : 'OVER'}` : '';
    const rc = b === 2 ? ratio(cpus, a, b) : [];
    const cpuText = rc.length ? `; cpu ratio ${median(rc).toFixed(2)}` : '';
    console.log(`   ${label.padEnd(44)} wall ratio ${m.toFixed(2)} (per round: ${r.map((x) => x.toFixed(2)).join(', ')})${cpuText}${target}`);
  }
}
