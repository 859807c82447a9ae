// `npm run bench -- validate-derivation`: a 6-step derivation claim (issue 14: <= 0.5 s), correct and with a
// slip carried forward, checked after the models are loaded (the first claim also pays for loading them).
// Derivations come from the build's cache (dist/derived, `npm run build`), as for the command line.
import { existsSync, readFileSync } from 'node:fs';
import { cpus } from 'node:os';
import { setCacheProvider } from '../src/models/registry.js';
import type { ModelCache } from '../src/engine/model.js';
import { validate } from '../src/validate/index.js';

setCacheProvider((id) => {
  const f = `dist/derived/${id}.json`;
  return existsSync(f) ? (JSON.parse(readFileSync(f, 'utf8')) as ModelCache) : undefined;
});
if (!existsSync('dist/derived/plrf.json')) console.error('warning: no dist/derived cache (run `npm run build`): the first claims pay for the derivations');
console.log(`machine: ${cpus().length} x ${cpus()[0]?.model ?? '?'}, node ${process.version}`);

const six = (relation: string, fpp: string, noise: string) => ({
  kind: 'derivation',
  model: 'plrf',
  region: 'IVb',
  steps: [
    { terms: ['F_pp', 'noise'] },
    { relation },
    { substitute: fpp },
    { substitute: noise },
    { balance: 'F_pp = noise' },
    { solve: 'd ~ f^((beta - alpha)/(2*beta*(1 - alpha) - alpha))' },
  ],
});
const right = six('t = f*d^(2*alpha - 2)', 'F_pp ~ d^(2*s*(1 - alpha)) * f^(-s)', 'noise ~ d^(2*alpha - 1 - q*(2*alpha - 2)) * f^(-q)');
// t = f/d below the high-dimensional line: the relation is wrong and carried (the log system is rebuilt)
const wrong = six('t = f/d', 'F_pp ~ d^(s) * f^(-s)', 'noise ~ d^(2*alpha - 1 + q) * f^(-q)');

let t0 = performance.now();
const first = await validate({ id: 'first', ...right });
const tFirst = (performance.now() - t0) / 1000;
console.log('first 6-step derivation (loads plrf)'.padEnd(44), `${tFirst.toFixed(3)} s (${first.status})`.padEnd(30), '(no target)');

let ok = first.status === 'verified';
for (const [name, claim, expect] of [['6-step derivation, correct', right, 'verified'], ['6-step derivation, wrong relation carried', wrong, 'refuted']] as const) {
  const n = 10;
  t0 = performance.now();
  for (let i = 0; i < n; i++) {
    const v = await validate({ id: `${name}-${i}`, ...claim }, { seed: i });
    if (v.status !== expect) ok = false;
  }
  const t = (performance.now() - t0) / 1000 / n;
  console.log(name.padEnd(44), `${t.toFixed(3)} s per claim (mean of ${n})`.padEnd(30), `target <= 0.5 s: ${t <= 0.5 ? 'met' : 'MISSED'}`);
}
if (!ok) {
  console.error('unexpected verdicts');
  process.exit(1);
}
