// `npm test`: type-check, then the vitest suite; ends with the plain summary line `N passed, N failed`
// (`, N skipped` when any) that CI reads. Extra arguments are passed to vitest (e.g. a file filter).
import { spawnSync } from 'node:child_process';
import { readFileSync, mkdirSync, existsSync, rmSync } from 'node:fs';

const out = '.test-results/vitest.json';
mkdirSync('.test-results', { recursive: true });
if (existsSync(out)) rmSync(out);

const tsc = spawnSync('npx', ['tsc', '--noEmit', '-p', 'tsconfig.json'], { stdio: 'inherit' });
const typeOk = tsc.status === 0;
if (!typeOk) console.error('type-check failed (tsc --noEmit): counted as one failed test');

const args = ['vitest', 'run', '--reporter=default', '--reporter=json', `--outputFile.json=${out}`, ...process.argv.slice(2)];
const vt = spawnSync('npx', args, { stdio: 'inherit' });

let passed = 0, failed = typeOk ? 0 : 1, skipped = 0;
if (existsSync(out)) {
  const r = JSON.parse(readFileSync(out, 'utf8'));
  passed += r.numPassedTests ?? 0;
  failed += (r.numFailedTests ?? 0);
  skipped += (r.numPendingTests ?? 0) + (r.numTodoTests ?? 0);
  // a suite that failed to load has no tests in the counts: count it as a failure
  for (const s of r.testResults ?? []) if (s.status === 'failed' && (s.assertionResults ?? []).length === 0) failed += 1;
} else {
  failed += 1;
  console.error('vitest produced no report');
}
const line = `${passed} passed, ${failed} failed` + (skipped ? `, ${skipped} skipped` : '');
console.log(line);
process.exit(failed === 0 && vt.status === 0 && passed > 0 ? 0 : 1);
