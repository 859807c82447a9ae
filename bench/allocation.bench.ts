// `npm run bench -- allocation`: the allocation and fitting figures against the targets of issue 6.
//   allocate (info bound, closed form) in-process          <= 20 us
//   allocate (Chinchilla preset, exact optimum) in-process  <= 20 us
//   fit: 500 rows, 200 bootstrap resamples                  <= 10 s
// and, for the record: the numeric check of the info bound, the engine's first derivation of a law.
import { cpus } from 'node:os';
import { infoBoundOptimum, infoBoundNumeric } from '../src/law/info-bound.js';
import { parseLaw } from '../src/law/parse.js';
import { lawOptimum, lawExponents } from '../src/law/allocate.js';
import { fitChinchilla, synthesize } from '../src/fit/chinchilla.js';
import { CHINCHILLA_LAW, CHINCHILLA_CONSTRAINT, chinchillaPreset } from '../theory/chinchilla.js';

function report(name: string, value: number, unit: string, target?: number): void {
  const verdict = target === undefined ? '' : `target <= ${target} ${unit}   ${value <= target ? 'met' : 'MISSED'}`;
  console.log(`${name.padEnd(52)} ${value.toFixed(unit === 's' ? 2 : 2).padStart(10)} ${unit.padEnd(3)} ${verdict}`);
}

function perCall(fn: (i: number) => number, n: number): number {
  let sink = 0;
  for (let i = 0; i < Math.min(1000, n); i++) sink += fn(i); // warm-up
  const t = performance.now();
  for (let i = 0; i < n; i++) sink += fn(i);
  const us = ((performance.now() - t) * 1000) / n;
  if (sink === 42) console.log('');
  return us;
}

console.log(`machine: ${cpus().length} x ${cpus()[0]?.model ?? '?'}, node ${process.version}`);

report('allocate info-bound (closed form, Lambert W)', perCall((i) => infoBoundOptimum(1 + (i % 7), 2, 1e10 * (1 + i)).p, 200_000), 'us', 20);
report('  numeric check (scan + Brent), for the record', perCall((i) => infoBoundNumeric(1 + (i % 7), 2, 1e10 * (1 + i)).p, 200), 'us');

const law = parseLaw(CHINCHILLA_LAW, CHINCHILLA_CONSTRAINT);
const v = chinchillaPreset('chinchilla:epoch')!.values;
report('allocate chinchilla:epoch (exact optimum)', perCall((i) => lawOptimum(law, v, 1e21 * (1 + i)).x.N, 200_000), 'us', 20);
let t = performance.now();
lawExponents(law, v);
report('  engine exponents, first derivation (CAS), once', (performance.now() - t) / 1000, 's');
report('  engine exponents, warm', perCall((i) => lawExponents(law, { ...v, alpha: 0.3 + 1e-6 * i }).a.value!, 2000), 'us');

const obs = synthesize(v, 500, 1, 0.01);
t = performance.now();
const r = fitChinchilla(obs, { bootstrap: 200, seed: 1 });
report('fit: 500 rows, 200 bootstrap resamples', (performance.now() - t) / 1000, 's', 10);
console.log(`  (optimiser ${r.optimizer.status}, ${r.optimizer.iterations} iterations; ${r.bootstrap.notConverged} resamples without the convergence test met)`);
