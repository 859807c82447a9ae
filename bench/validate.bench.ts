// `npm run bench -- validate`: the derivation validator against the target of issue 7.
//   checking 100 true claims <= 2 s (issue 14; was <= 5 s in issue 7) (distinct, true exponent claims: each needs the seeded sampling
//   and one nerdamer identity check), plus 100 refuted claims (search, shrinking, simplest point).
// Derivations come from the build's cache (dist/derived, `npm run build`), as for the command line.
import { existsSync, readFileSync } from 'node:fs';
import { cpus } from 'node:os';
import { setCacheProvider, THEORIES } from '../src/models/registry.js';
import type { ModelCache } from '../src/engine/model.js';
import { validate } from '../src/validate/index.js';

setCacheProvider((id) => {
  const f = `dist/derived/${id}.json`;
  return existsSync(f) ? (JSON.parse(readFileSync(f, 'utf8')) as ModelCache) : undefined;
});
if (!existsSync('dist/derived/plrf.json')) console.error('warning: no dist/derived cache (run `npm run build`): the first claims pay for the derivations');

console.log(`machine: ${cpus().length} x ${cpus()[0]?.model ?? '?'}, node ${process.version}`);

// 100 distinct true claims: every closed form of every theory, written in five equivalent ways
const forms = Object.values(THEORIES).flatMap((t) => (t.closedForms ?? []).map((cf) => ({ model: t.id, ...cf, p: t.parameters[0].name })));
const rewrite = [
  (e: string) => e,
  (e: string) => `2*(${e})/2`,
  (e: string) => `(${e}) + 1 - 1`,
  (e: string, p: string) => `(${e})*(${p} + 1)/(${p} + 1)`,
  (e: string, p: string) => `(${e}) + ${p}/3 - ${p}/3`,
];
const claims = forms.flatMap((cf, i) => rewrite.map((r, j) => ({ id: `c${i}-${j}`, model: cf.model, kind: 'exponent', quantity: cf.quantity, region: cf.phase, formula: r(cf.expr, cf.p) }))).slice(0, 100);

// warm-up: load the models and their compiled regions (not part of the figure)
for (const cf of forms) await validate({ id: 'w', model: cf.model, kind: 'value', quantity: cf.quantity, at: Object.fromEntries(THEORIES[cf.model].parameters.map((p) => [p.name, THEORIES[cf.model].example[p.name]])), value: 0, tolerance: 1e9 });

// CPU time of this process (the machine is shared: wall time in brackets)
const cpu = () => { const c = process.cpuUsage(); return (c.user + c.system) / 1e6; };
let t0 = performance.now();
let c0 = cpu();
let symbolic = 0, verified = 0;
for (const c of claims) {
  const v = await validate(c);
  if (v.status === 'verified') verified++;
  if (v.method.startsWith('symbolic')) symbolic++;
}
const wSym = (performance.now() - t0) / 1000;
const tSym = cpu() - c0;
console.log(`${claims.length} true exponent claims`.padEnd(40), `${tSym.toFixed(2)} s CPU [wall ${wSym.toFixed(2)} s] (${verified} verified, ${symbolic} per phase)`.padEnd(60), `target <= 2 s: ${tSym <= 2 ? 'met' : 'MISSED'}`);

t0 = performance.now();
c0 = cpu();
let refuted = 0;
for (const [i, c] of claims.entries()) {
  const v = await validate({ ...c, id: `r${i}`, formula: `(${c.formula})*${1.1 + (i % 7) / 10}` });
  if (v.status === 'refuted') refuted++;
}
const tRef = cpu() - c0;
console.log(`${claims.length} perturbed exponent claims`.padEnd(40), `${tRef.toFixed(2)} s CPU [wall ${((performance.now() - t0) / 1000).toFixed(2)} s] (${refuted} refuted)`.padEnd(60), '(no target)');
if (verified !== claims.length || refuted !== claims.length) {
  console.error('unexpected verdicts');
  process.exit(1);
}
