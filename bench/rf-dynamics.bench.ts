// `npm run bench -- rf-dynamics`: the random-feature model's numerics against the targets of issue 5.
//   theory curve, 200 time points, N = P = 1000 (spectrum summed as the reference says: leading modes
//   exactly, tail by quadrature; and with --modes 1000)                          target <= 2 s
//   simulate, N = 256, P = 1024, 10^4 GD steps (M = 2000 modes, 4 runs, 40 points) target <= 20 s
import { cpus, loadavg } from 'node:os';
import { powerLawSpectrum } from '../src/numeric/rf/spectrum.js';
import { dmftCurve } from '../src/numeric/rf/dmft.js';
import { simulate } from '../src/numeric/rf/simulate.js';

const log = (name: string, value: string, target: string) => console.log(`${name.padEnd(62)} ${value.padEnd(12)} ${target}`);
console.log(`machine: ${cpus().length} x ${cpus()[0]?.model ?? '?'}, node ${process.version}, load average ${loadavg()[0].toFixed(1)} (wall times; CPU seconds in brackets)`);
const cpu = () => process.cpuUsage().user / 1e6;

const times = Array.from({ length: 200 }, (_, i) => Math.pow(10, (5 * i) / 199));
for (const [label, opts] of [
  ['untruncated (400 exact + tail quadrature)', {}],
  ['--modes 1000 (exact truncation)', { modes: 1000 }],
] as const) {
  const sp = powerLawSpectrum(1.5, 1.25, opts);
  dmftCurve(sp, { N: 1000, P: 1000 }, times.slice(0, 5)); // warm-up
  const t0 = performance.now(), c0 = cpu();
  dmftCurve(sp, { N: 1000, P: 1000 }, times);
  const s = (performance.now() - t0) / 1000;
  log(`theory curve, 200 t, N = P = 1000, ${label}`, `${s.toFixed(2)} s [${(cpu() - c0).toFixed(2)}]`, `target <= 2 s: ${s <= 2 ? 'met' : 'MISSED'}`);
}

const steps = Array.from({ length: 40 }, (_, i) => Math.round(Math.pow(10, (4 * i) / 39)));
const t1 = performance.now(), c1 = cpu();
const r = simulate({ a: 1.5, b: 1.25, N: 256, P: 1024, modes: 2000, times: steps, lr: 0.2, seed: 1, runs: 4 });
const s1 = (performance.now() - t1) / 1000;
log('simulate, N = 256, P = 1024, 1e4 GD steps, M = 2000, 4 runs', `${s1.toFixed(2)} s [${(cpu() - c1).toFixed(2)}]`, `target <= 20 s: ${s1 <= 20 ? 'met' : 'MISSED'}`);
console.log(`  (final test loss ${r.loss[r.loss.length - 1].toPrecision(4)}, g_max ${r.gMax.toPrecision(3)}, seed ${r.seed})`);
