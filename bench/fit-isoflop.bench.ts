// `npm run bench -- isoflop`: the IsoFLOP figure of issue 15, with its target:
//   IsoFLOP fit of 300 rows (10 budgets x 30 points), 200 bootstrap resamples   <= 0.5 s
// and, for the record: the same without the bias-corrected estimate, and the shipped real data.
import { cpus } from 'node:os';
import { readFileSync } from 'node:fs';
import { fitIsoflop, synthesizeIsoflop } from '../src/fit/isoflop.js';
import { fitDiagnostics } from '../src/fit/diagnostics.js';
import { parseObservations } from '../src/fit/csv.js';

function report(name: string, value: number, unit: string, target?: number): void {
  const verdict = target === undefined ? '' : `target <= ${target} ${unit}   ${value <= target ? 'met' : 'MISSED'}`;
  console.log(`${name.padEnd(60)} ${value.toFixed(3).padStart(10)} ${unit.padEnd(3)} ${verdict}`);
}

function best(fn: () => void, reps = 3): number {
  let t = Infinity;
  for (let i = 0; i < reps; i++) {
    const t0 = performance.now();
    fn();
    t = Math.min(t, (performance.now() - t0) / 1000);
  }
  return t;
}

console.log(`machine: ${cpus().length} x ${cpus()[0]?.model ?? '?'}, node ${process.version}`);
const law = { E: 1.69, A: 406.4, B: 410.7, alpha: 0.34, beta: 0.28 }; // hoffmann2022-rounded
const rows = synthesizeIsoflop(law, { budgets: [1e18, 2e18, 5e18, 1e19, 2e19, 5e19, 1e20, 2e20, 5e20, 1e21], points: 30, halfWidth: 0.8, noise: 0.005, seed: 3 });
let r = fitIsoflop(rows, { bootstrap: 200, seed: 1 }); // warm-up
report(`isoflop: ${rows.length} rows, 200 bootstrap resamples (with correction)`, best(() => (r = fitIsoflop(rows, { bootstrap: 200, seed: 1 }))), 's', 0.5);
console.log(`  a = ${r.exponents.a.value!.toFixed(4)} [${r.exponents.a.ci!.map((x) => x.toFixed(4)).join(', ')}], corrected ${r.corrected!.exponents.a.value!.toFixed(4)} [${r.corrected!.exponents.a.ci!.map((x) => x.toFixed(4)).join(", ")}]; true beta/(alpha+beta) = ${(0.28 / 0.62).toFixed(4)}`);
report('  without the bias-corrected estimate, for the record', best(() => fitIsoflop(rows, { bootstrap: 200, seed: 1, correction: false })), 's');

const real = parseObservations(readFileSync('data/kyo-takano-chinchilla/df.csv', 'utf8'));
const text = readFileSync('data/kyo-takano-chinchilla/df.csv', 'utf8').trim().split('\n').slice(1).map((l) => l.split(',').map(Number));
const isoRows = text.map(([C, N, D, loss]) => ({ C, N, D, loss }));
const hoffmannBudgets = [6e18, 1e19, 3e19, 6e19, 1e20, 3e20, 6e20, 1e21, 3e21];
let rr = fitIsoflop(isoRows, { budgets: hoffmannBudgets, budgetTolerance: Math.log10(1.1), bootstrap: 200, seed: 1 });
report(`isoflop: kyo-takano df.csv (${rr.rows} rows on 9 budgets), 200 resamples`, best(() => (rr = fitIsoflop(isoRows, { budgets: hoffmannBudgets, budgetTolerance: Math.log10(1.1), bootstrap: 200, seed: 1 }))), 's');
console.log(`  a = ${rr.exponents.a.value!.toFixed(4)} [${rr.exponents.a.ci!.map((x) => x.toFixed(4)).join(', ')}], corrected ${rr.corrected!.exponents.a.value!.toFixed(4)} [${rr.corrected!.exponents.a.ci!.map((x) => x.toFixed(4)).join(', ')}]`);
report(`fit diagnostics on ${real.length} rows`, best(() => fitDiagnostics(real, ['E', 'A', 'B', 'alpha', 'beta'], undefined, { budget: 1e24 }), 5), 's');
