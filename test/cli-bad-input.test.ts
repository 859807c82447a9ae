// Bad input over every command (docs/cli.md): exit code 2, a message on stderr naming the parameter, nothing
// on stdout, no stack trace. The command line runs in-process (the built dist/src/cli/main.js, so the
// derivation caches of the build are used; test/setup-build.ts builds it), cases in small batches.
import { describe, expect, test, beforeAll, afterAll } from 'vitest';
import { mkdtempSync, writeFileSync, mkdirSync, existsSync, readFileSync, rmSync, openSync, ftruncateSync, closeSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';

type Main = (argv: string[], ctx: { out: (s: string) => void; err: (s: string) => void }) => Promise<number>;
let main: Main;
const dir = mkdtempSync(join(tmpdir(), 'cli-bad-'));
const f = (name: string) => join(dir, name);

export async function run(args: string[]): Promise<{ code: number; out: string; err: string }> {
  let out = '', err = '';
  const code = await main(args, { out: (s) => (out += s), err: (s) => (err += s) });
  return { code, out, err };
}

beforeAll(async () => {
  main = ((await import(pathToFileURL(resolve('dist/src/cli/main.js')).href)) as { main: Main }).main;
  writeFileSync(f('existing.svg'), 'keep me');
  writeFileSync(f('binary.csv'), Buffer.concat([Buffer.from('N,D,loss\n'), Buffer.alloc(100_000, 0x00), Buffer.from([0xff, 0xfe, 0x01])]));
  writeFileSync(f('latin1.csv'), Buffer.from([0x4e, 0x2c, 0x44, 0x2c, 0x6c, 0x6f, 0x73, 0x73, 0x0a, 0xe9, 0xe8, 0x0a]));
  writeFileSync(f('empty.csv'), '');
  writeFileSync(f('header-only.csv'), 'N,D,loss\n');
  writeFileSync(f('long-cell.csv'), `N,D,loss\n${'9'.repeat(5)}x${'y'.repeat(100_000)},1,1\n`);
  writeFileSync(f('negative.csv'), 'N,D,loss\n1,1,1\n-1,1,1\n');
  writeFileSync(f('missing-col.csv'), 'N,D\n1,1\n');
  mkdirSync(f('adir.csv'));
  mkdirSync(f('adir.yaml'));
  // a sparse 17 MiB file: over the CSV limit without writing 17 MiB
  const fd = openSync(f('huge.csv'), 'w');
  ftruncateSync(fd, 17 * 2 ** 20);
  closeSync(fd);
  const fd2 = openSync(f('huge.yaml'), 'w');
  ftruncateSync(fd2, 2 * 2 ** 20);
  closeSync(fd2);
  const claim = (fields: Record<string, unknown>) => JSON.stringify({ claims: [{ id: 'c1', kind: 'exponent', model: 'plrf', quantity: 'eta', region: 'III', formula: '1 - 1/(4*alpha)', ...fields }] });
  writeFileSync(f('proto-model.json'), claim({ model: 'constructor' }));
  writeFileSync(f('proto-model2.json'), claim({ model: '__proto__' }));
  writeFileSync(f('tostring-model.json'), claim({ model: 'toString' }));
  writeFileSync(f('bad-quantity.json'), claim({ quantity: 'constructor' }));
  writeFileSync(f('bad-region.json'), claim({ region: '__proto__' }));
  writeFileSync(f('bad-kind.json'), claim({ kind: 'hasOwnProperty' }));
  writeFileSync(f('not-claims.yaml'), 'foo: [1, 2\n');
  writeFileSync(f('binary.yaml'), Buffer.concat([Buffer.from('claims:\n'), Buffer.alloc(1000, 0)]));
  writeFileSync(f('empty-claims.yaml'), 'claims: []\n');
  writeFileSync(f('good.csv'), readFileSync('examples/chinchilla-synthetic.csv'));
}, 60_000);

afterAll(() => rmSync(dir, { recursive: true, force: true }));

const P = ['--model', 'plrf', '--alpha', '0.7', '--beta', '1.2'];
const RF = ['--model', 'rf-dynamics', '--a', '1.5', '--b', '1.25'];
const PC = ['curve', ...P, '--d', '50', '--steps', '100'];
const RC = ['curve', ...RF, '--N', '10', '--P', '10'];
const FR = ['frontier', ...P, '--d-grid', '25,50,100'];
const IB = ['allocate', '--model', 'info-bound', '--m', '1', '--k', '1'];
const LAW = ['allocate', '--law', 'E + A/N^alpha + B/D^beta', '--constraint', 'C = 6*N*D', '--flops', '1e21'];
const SET = 'A=406.4,B=410.7,alpha=0.34,beta=0.28';

/** [arguments, what the message must name] */
const cases: Array<[string[], RegExp]> = [
  // ---- 1. prototype names, every command that looks a name up
  ...['constructor', '__proto__', 'toString', 'hasOwnProperty', 'valueOf', 'prototype', 'plrf~__proto__', 'rf-dynamics~constructor', ''].flatMap((m): Array<[string[], RegExp]> => [
    [['exponents', `--model=${m}`, '--alpha', '0.7', '--beta', '1.2'], /--model/],
    [['phase', `--model=${m}`, '--alpha', '0.7', '--beta', '1.2'], /--model/],
    [['explain', `--model=${m}`, '--alpha', '0.7', '--beta', '1.2'], /--model/],
    [['diagram', `--model=${m}`, '--plot', f('d.svg')], /--model/],
    [['curve', `--model=${m}`, '--alpha', '0.7', '--beta', '1.2'], /--model/],
    [['frontier', `--model=${m}`, '--alpha', '0.7', '--beta', '1.2'], /--model/],
  ]),
  [['allocate', '--model', 'constructor', '--m', '1', '--k', '1', '--compute', '1e10'], /--model/],
  [['sweep', '--model', '__proto__', '--m', '1', '--k', '1', '--compute', '1e4:1e10'], /--model/],
  [['allocate', '--preset', 'constructor', '--compute', '1e10'], /--preset/],
  [['allocate', '--preset', 'foo', '--compute', '1e10'], /--preset/],
  [['sweep', '--preset', 'toString', '--compute', '1e4:1e10'], /--preset/],
  [['allocate', '--law', 'chinchilla:constructor', '--flops', '1e21'], /--law/],
  [['allocate', '--law', 'chinchilla:__proto__', '--flops', '1e21'], /--law/],
  [[...LAW, '--set', `__proto__=1,E=1.69,${SET}`], /--set __proto__/],
  [[...LAW, '--set', `constructor=1,E=1.69,${SET}`], /--set constructor/],
  [[...IB, '--d', '10', '--mapping', 'constructor', '--compute', '1e16'].filter((x, i, a) => !(x === '--m' || a[i - 1] === '--m')), /--mapping/],
  [['diagram', ...P.slice(0, 2), '--plot', f('d.svg'), '--color', 'constructor'], /--color/],
  [['check', f('proto-model.json')], /model/],
  [['check', f('proto-model2.json')], /model/],
  [['check', f('tostring-model.json')], /model/],
  [['check', f('bad-quantity.json')], /quantity/],
  [['check', f('bad-region.json')], /region/],
  [['check', f('bad-kind.json')], /kind/],
  // ---- 2. output paths, checked before the work
  [[...PC, '--method', 'deterministic', '--plot', '/nonexistent/x.png'], /--plot/],
  [[...PC, '--method', 'deterministic', '--plot', dir], /--plot/],
  [[...PC, '--method', 'deterministic', '--plot', f('adir.csv') + '/x.svg.txt'], /--plot/],
  [[...RC, '--time', '10', '--plot', '/proc/x.svg'], /--plot/],
  [[...FR, '--plot', '/nonexistent/f.svg'], /--plot/],
  [['sweep', '--model', 'info-bound', '--m', '1', '--k', '1', '--compute', '1e4:1e10', '--plot', '/nonexistent/s.svg'], /--plot/],
  [['sweep', '--law', 'chinchilla:epoch', '--flops', '1e18:1e20', '--plot', '/proc/s.svg'], /--plot/],
  [['fit', f('good.csv'), '--bootstrap', '0', '--plot', '/nonexistent/fit.png'], /--plot/],
  [['diagram', ...P.slice(0, 2), '--plot', '/proc/x.svg'], /--plot/],
  [['diagram', ...P.slice(0, 2), '--plot', '/nonexistent/x.svg'], /--plot/],
  [['diagram', ...P.slice(0, 2), '--out', '/nonexistent/x.svg'], /--plot/],
  [['diagram', ...P.slice(0, 2), '--plot', 'x.txt'], /--plot/],
  [['diagram', ...P.slice(0, 2)], /--plot/],
  [['diagram', ...P.slice(0, 2), '--plot', f('x.svg'), '--out', f('y.svg')], /--out and --plot/],
  // ---- 3. existing output files
  [['diagram', ...P.slice(0, 2), '--plot', f('existing.svg')], /--plot.*--force/],
  [[...PC, '--method', 'deterministic', '--plot', f('existing.svg')], /--plot.*--force/],
  [[...RC, '--time', '10', '--plot', f('existing.svg')], /--plot.*--force/],
  [['sweep', '--model', 'info-bound', '--m', '1', '--k', '1', '--compute', '1e4:1e10', '--plot', f('existing.svg')], /--plot.*--force/],
  [['fit', f('good.csv'), '--bootstrap', '0', '--plot', f('existing.svg')], /--plot.*--force/],
  [[...FR, '--plot', f('existing.svg')], /--plot.*--force/],
  // ---- 4. sizes
  [['diagram', ...P.slice(0, 2), '--plot', f('d.svg'), '--resolution', '3000'], /--resolution/],
  [['diagram', ...P.slice(0, 2), '--plot', f('d.svg'), '--resolution', '1e6'], /--resolution/],
  [['diagram', ...P.slice(0, 2), '--plot', f('d.svg'), '--resolution', '600'], /--resolution.*--allow-slow/],
  [['diagram', ...P.slice(0, 2), '--plot', f('d.svg'), '--resolution', '5'], /--resolution/],
  [['curve', ...P, '--d', '1e9', '--steps', '100', '--method', 'deterministic'], /--d/],
  [['curve', ...P, '--d', '1e7', '--steps', '100', '--method', 'asymptotic'], /--d/],
  [['curve', ...P, '--d', '5000', '--steps', '100', '--method', 'sgd'], /--d/],
  [[...PC, '--method', 'deterministic', '--points', '1e7'], /--points/],
  [[...PC, '--method', 'deterministic', '--points', '2001'], /--points/],
  [[...RC, '--time', '10', '--points', '1e5'], /--points/],
  [[...PC, '--method', 'sgd', '--runs', '1e6'], /--runs/],
  [['curve', ...P, '--d', '4000', '--steps', '1e6', '--method', 'sgd'], /--method sgd.*--allow-slow/],
  [['curve', ...P, '--d', '1000', '--v', '1e6', '--steps', '100', '--method', 'volterra'], /--v.*--allow-slow/],
  [[...PC, '--method', 'deterministic', '--v', '1e9'], /--v/],
  [[...PC, '--method', 'deterministic', '--batch', '1e9'], /--batch/],
  [[...RC, '--time', '10', '--method', 'simulate', '--runs', '1e6'], /--runs/],
  [['curve', ...RF, '--N', '1000', '--P', '1000', '--time', '10', '--method', 'simulate', '--modes', '100000'], /--modes|--allow-slow/],
  [[...RC, '--time', '10', '--modes', '1e9'], /--modes/],
  [[...RC.slice(0, -2), '--P', '1e20', '--time', '10'], /--P/],
  [['frontier', ...P, '--method', 'sgd', '--runs', '1e6', '--d-grid', '100,200,400'], /--runs/],
  [['frontier', ...P, '--method', 'sgd', '--runs', '100', '--d-grid', '100,200,400'], /--allow-slow/],
  [['frontier', ...P, '--method', 'volterra', '--d-grid', '1000,2000,5000'], /--d-grid/],
  [['frontier', ...P, '--d-grid', Array.from({ length: 70 }, (_, i) => 10 + i).join(',')], /--d-grid/],
  [['frontier', ...P, '--d-grid', '100,200,1e8'], /--d-grid/],
  [['check', 'examples/claims/plrf.yaml', '--samples', '1e9'], /--samples/],
  [['check', 'examples/claims/plrf.yaml', '--samples', '100000'], /--samples.*--allow-slow/],
  [['fit', f('good.csv'), '--bootstrap', '1e6'], /--bootstrap/],
  [['fit', f('good.csv'), '--bootstrap', '100000'], /--bootstrap.*--allow-slow/],
  [['fit', '/dev/zero'], /\/dev\/zero.*regular file/],
  [['check', '/dev/zero'], /\/dev\/zero.*regular file/],
  [['fit', f('huge.csv')], /huge\.csv.*limit/],
  [['check', f('huge.yaml')], /huge\.yaml.*limit/],
  [['fit', f('binary.csv')], /binary\.csv.*binary/],
  [['fit', f('latin1.csv')], /latin1\.csv.*(UTF-8|binary)/],
  [['check', f('binary.yaml')], /binary\.yaml.*binary/],
  [['fit', f('adir.csv')], /adir\.csv.*directory/],
  [['check', f('adir.yaml')], /adir\.yaml.*directory/],
  [['fit', f('nope.csv')], /nope\.csv/],
  [['check', f('nope.yaml')], /nope\.yaml/],
  [['fit', f('empty.csv')], /empty\.csv/],
  [['fit', f('header-only.csv')], /header-only\.csv/],
  [['fit', f('long-cell.csv')], /long-cell\.csv.*column N/],
  [['fit', f('negative.csv')], /column N/],
  [['fit', f('missing-col.csv')], /loss/],
  [['check', f('not-claims.yaml')], /not-claims\.yaml/],
  [['check', f('empty-claims.yaml')], /claims/],
  [['sweep', '--model', 'info-bound', '--m', '1', '--k', '1', '--compute', '1e4:1e300', '--per-decade', '100'], /--compute/],
  [['sweep', '--model', 'info-bound', '--d', '1:1e300', '--compute', '1e16', '--per-decade', '100'], /--d/],
  [['sweep', '--model', 'info-bound', '--m', '1', '--k', '1', '--compute', '1e4:1e10', '--per-decade', '1000'], /--per-decade/],
  [['sweep', '--law', 'chinchilla:epoch', '--flops', '1e18:1e300', '--per-decade', '100'], /--flops/],
  // ---- 5. extreme values
  [[...PC, '--method', 'deterministic', '--steps', '1e308'], /--steps/],
  [[...PC.slice(0, -2), '--method', 'deterministic', '--steps', '1e16'], /--steps/],
  [[...PC.slice(0, -2), '--method', 'deterministic', '--flops', '1e300'], /--flops/],
  [[...RC, '--time', '1e308'], /--time/],
  [[...RC, '--time', '1e16'], /--time/],
  [[...RC, '--steps', '1e16', '--method', 'simulate'], /--steps/],
  [['exponents', '--model', 'plrf', '--alpha', '1e308', '--beta', '1'], /--alpha/],
  [['exponents', '--model', 'plrf', '--alpha', '0.7', '--beta', '-1e6'], /--beta/],
  [['exponents', '--model', 'rf-dynamics', '--a', '1e4', '--b', '1.25'], /--a/],
  [['phase', '--model', 'plrf', '--alpha', '1e-10', '--beta', '1'], /--alpha/],
  [['phase', '--model', 'rf-dynamics', '--a', '1.0000000001', '--b', '1.25'], /--a/],
  [['explain', '--model', 'plrf', '--alpha', '0.7', '--beta', '1e999'], /--beta/],
  [['curve', ...P.slice(0, 2), '--alpha', '1e-9', '--beta', '1.2', '--d', '50', '--steps', '100', '--method', 'deterministic'], /--alpha/],
  [['frontier', '--model', 'plrf', '--alpha', '5000', '--beta', '1'], /--alpha/],
  [[...LAW, '--set', `E=1.69,A=406.4,B=410.7,alpha=1e308,beta=0.28`], /--set alpha/],
  [[...LAW, '--set', `E=1.69,A=406.4,B=410.7,alpha=1e-400x,beta=0.28`], /--set alpha/],
  [['allocate', '--model', 'info-bound', '--m', '1e400', '--k', '1', '--compute', '1e10'], /--m/],
  [['allocate', '--model', 'info-bound', '--m', '1', '--k', '1', '--compute', 'Infinity'], /--compute/],
  [['allocate', '--model', 'negative-control', '--m', '1', '--b', '-3', '--compute', '1e10'], /--b/],
  [['fit', f('good.csv'), '--delta', '1e9'], /--delta/],
  [['fit', f('good.csv'), '--seed', '1e20'], /--seed/],
  [[...PC, '--method', 'sgd', '--seed', '-1'], /--seed/],
  [[...PC, '--method', 'sgd', '--seed', '1e12'], /--seed/],
  [['check', 'examples/claims/plrf.yaml', '--seed', '1.5'], /--seed/],
  [[...RC, '--time', '10', '--sigma', '1e9'], /--sigma/],
  [['curve', '--model', 'plrf', '--alpha', '0.7', '--beta', '100', '--d', '50', '--steps', '100', '--method', 'asymptotic'], /--beta = 100 .*curve/],
  [['curve', '--model', 'plrf', '--alpha', '999', '--beta', '1', '--d', '50', '--steps', '100', '--method', 'deterministic'], /--alpha/],
  [['curve', '--model', 'rf-dynamics', '--a', '1.5', '--b', '200', '--N', '10', '--P', '10', '--time', '10'], /--b = 200/],
  [['frontier', '--model', 'plrf', '--alpha', '25', '--beta', '1'], /--alpha = 25 .*frontier/],
  [[...RC, '--steps', '1e12', '--lr', '1e6'], /--lr/],
  [[...RC, '--time', '10', '--modes', '1e6'], /--modes/],
  // ---- 6. repeated, conflicting and inapplicable flags
  [['exponents', ...P, '--alpha', '0.1'], /--alpha is given twice/],
  [['exponents', ...P, '--json', '--json'], /--json is given twice/],
  [['phase', ...P, '--model', 'plrf'], /--model is given twice/],
  [[...PC, '--method', 'deterministic', '--d', '60'], /--d is given twice/],
  [[...RC, '--time', '10', '--N', '20'], /--N is given twice/],
  [['diagram', ...P.slice(0, 2), '--plot', f('a.svg'), '--plot', f('b.svg')], /--plot is given twice/],
  [['allocate', '--law', 'chinchilla:epoch', '--flops', '1e21', '--flops', '1e22'], /--flops is given twice/],
  [['allocate', '--law', 'chinchilla:epoch', '--flops', '1e21', '--compute', '1e22'], /--compute and --flops/],
  [[...IB, '--compute', '1e10', '--flops', '1e10'], /--flops and --compute/],
  [[...LAW, '--set', `E=1,E=5,${SET}`], /--set E is given twice/],
  [['allocate', '--model', 'info-bound', '--preset', 'negative-control', '--m', '1', '--compute', '1e10'], /--preset/],
  [['allocate', '--law', 'chinchilla:epoch', '--flops', '1e21', '--m', '3'], /--m is not an option of allocate --law/],
  [['allocate', '--law', 'chinchilla:epoch', '--flops', '1e21', '--set', 'E=1'], /--set/],
  [[...IB, '--compute', '1e10', '--set', 'E=1'], /--set is not an option of allocate --model info-bound/],
  [[...IB, '--compute', '1e10', '--b', '2'], /--b is not an option of allocate --model info-bound/],
  [['allocate', '--model', 'negative-control', '--k', '1', '--compute', '1e10'], /--k is not an option of allocate --model negative-control/],
  [['allocate', '--model', 'negative-control', '--mapping', 'latent', '--compute', '1e10'], /--mapping is not an option/],
  [['sweep', '--law', 'chinchilla:epoch', '--flops', '1e18:1e20', '--m', '1'], /--m is not an option of sweep --law/],
  [['sweep', '--model', 'negative-control', '--compute', '1e4:1e10', '--constraint', 'C = 6*N*D'], /--constraint is not an option of sweep --model negative-control/],
  [[...PC, '--method', 'deterministic', '--runs', '3'], /--runs is not an option of curve --model plrf --method deterministic/],
  [[...PC, '--method', 'deterministic', '--seed', '3'], /--seed is not an option of curve --model plrf --method deterministic/],
  [[...PC, '--method', 'asymptotic', '--seed', '3'], /--seed is not an option of curve/],
  [[...RC, '--time', '10', '--runs', '3'], /--runs is not an option of curve --model rf-dynamics --method theory/],
  [[...RC, '--time', '10', '--seed', '3'], /--seed is not an option of curve --model rf-dynamics --method theory/],
  [[...RC, '--time', '10', '--lr', '0.3'], /--lr is not an option of curve --model rf-dynamics --method theory --time/],
  [[...RC, '--time', '10', '--d', '30'], /--d is not an option of curve --model rf-dynamics/],
  [[...PC, '--method', 'deterministic', '--N', '30'], /--N is not an option of curve --model plrf/],
  [[...FR, '--runs', '3'], /--runs is not an option of frontier --method deterministic/],
  [[...FR, '--a', '1.5'], /--a/],
  [['exponents', ...P, '--a', '1.5'], /--a is not a parameter of --model plrf/],
  [['phase', ...P, '--ensemble'], /--ensemble/],
  [['exponents', ...P, '--ensemble'], /--ensemble/],
  [[...PC, '--method', 'deterministic', '--json', '--csv'], /--json.*--csv/],
  [[...PC, '--method', 'deterministic', '--flops', '1e5'], /--steps.*--flops/],
  [[...RC, '--time', '10', '--steps', '10'], /--time.*--steps/],
  [['exponents', ...P, '--bogus', '1'], /--bogus/],
  // ---- plain bad values, one per flag
  [['exponents', '--model', 'plrf', '--alpha', 'abc', '--beta', '1'], /--alpha = 'abc'/],
  [['exponents', '--model', 'plrf', '--alpha', '0x10', '--beta', '1'], /--alpha/],
  [['exponents', '--model', 'plrf', '--alpha', 'NaN', '--beta', '1'], /--alpha/],
  [['exponents', '--model', 'plrf', '--alpha', '0.7'], /--beta/],
  [['exponents', '--alpha', '0.7', '--beta', '1'], /--model/],
  [['exponents', '--model', 'plrf', '--alpha', '-0.5', '--beta', '2'], /alpha/],
  [['phase', '--model', 'plrf', '--alpha', '0.1', '--beta', '0.2'], /alpha = 0.1, beta = 0.2/],
  [['explain', '--model', 'rf-dynamics', '--a', '0.5', '--b', '1.5'], /a = 0.5/],
  [['diagram', ...P.slice(0, 2), '--plot', f('d.svg'), '--resolution', 'many'], /--resolution/],
  [['diagram', ...P.slice(0, 2), '--plot', f('d.svg'), '--resolution', '20.5'], /--resolution/],
  [[...PC, '--method', 'magic'], /--method = 'magic'/],
  [['curve', ...P, '--steps', '100', '--method', 'deterministic'], /--d/],
  [['curve', ...P, '--d', '50', '--steps', '100'], /--method/],
  [[...PC, '--method', 'deterministic', '--lr', '-1'], /--lr/],
  [[...PC, '--method', 'deterministic', '--lr', '1.5'], /kernel norm/],
  [[...PC, '--method', 'deterministic', '--v', '10'], /--v/],
  [[...RC, '--time', '-1'], /--time/],
  [[...RC, '--time', '10', '--method', 'magic'], /--method/],
  [[...RC, '--time', '10', '--sigma', '-1'], /--sigma/],
  [[...RC.slice(0, -2), '--P', '0.5', '--time', '10'], /--P/],
  [['frontier', ...P, '--approach', '3'], /--approach/],
  [['frontier', ...P, '--method', 'magic'], /--method/],
  [['frontier', ...P, '--flops', '1e8:1e3'], /--flops/],
  [['frontier', ...P, '--flops', '0:1e3'], /--flops/],
  [['frontier', ...P, '--d-grid', '100,200'], /--d-grid/],
  [['frontier', ...P, '--batch', '0'], /--batch/],
  [['allocate', '--model', 'info-bound', '--m', '1', '--compute', '1e10'], /--k/],
  [['allocate', '--model', 'info-bound', '--m', '1', '--k', '1'], /--compute/],
  [['allocate', '--model', 'info-bound', '--m', '1', '--k', '1', '--compute', '-5'], /--compute/],
  [['allocate', '--model', 'info-bound', '--d', '10', '--m', '1', '--compute', '1e16'], /--m/],
  [['allocate', '--model', 'info-bound', '--d', '-10', '--compute', '1e16'], /--d/],
  [['allocate', '--model', 'info-bound', '--d', '10', '--S', '0', '--compute', '1e16'], /--S/],
  [['allocate', '--model', 'info-bound', '--d', '10', '--mapping', 'nope', '--compute', '1e16'], /--mapping/],
  [['allocate', '--law', 'chinchilla:nope', '--flops', '1e21'], /--law/],
  [['allocate', '--law', 'E + log(N) + B/D^beta', '--set', 'E=1,B=1,beta=0.3', '--constraint', 'C = 6*N*D', '--flops', '1e21'], /--law/],
  [['allocate', '--law', 'E + A/N^alpha', '--constraint', 'C = 6*N*D', '--flops', '1e21'], /--set|--law/],
  [[...LAW, '--set', 'E'], /--set/],
  [[...LAW, '--set', `E=1.69,${SET}`, '--constraint', 'C = 6*N*D'], /--constraint is given twice/],
  [['allocate', '--law', 'E + A/N^alpha + B/D^beta', '--set', `E=1.69,${SET}`, '--flops', '1e21'], /--constraint/],
  [['allocate', '--law', 'chinchilla:epoch'], /--flops/],
  [['allocate'], /--model|--law/],
  [['sweep', '--model', 'info-bound', '--m', '1', '--k', '1'], /--compute/],
  [['sweep', '--model', 'info-bound', '--m', '1', '--k', '1', '--compute', '1e10:1e4'], /--compute/],
  [['sweep', '--model', 'info-bound', '--m', '1', '--k', '1', '--compute', '1e4'], /--compute/],
  [['sweep', '--model', 'info-bound', '--m', '1', '--k', '1', '--compute', '1e4:1e10', '--per-decade', '0'], /--per-decade/],
  [['sweep', '--model', 'negative-control', '--d', '1:100', '--compute', '1e10'], /--d/],
  [['sweep', '--model', 'info-bound', '--d', '1:100', '--compute', '-1e10'], /--compute/],
  [['sweep', '--law', 'chinchilla:epoch'], /--flops/],
  [['fit'], /file|CSV/],
  [['fit', f('good.csv'), '--law', 'kaplan'], /--law/],
  [['fit', f('good.csv'), '--bootstrap', '-1'], /--bootstrap/],
  [['fit', f('good.csv'), '--delta', '0'], /--delta/],
  [['check'], /FILE|file/],
  [['check', 'examples/claims/plrf.yaml', '--samples', '0'], /--samples/],
  [['check', 'examples/claims/plrf.yaml', '--seed', 'x'], /--seed/],
  [['models', '--bogus'], /--bogus/],
  [['nosuchcommand'], /nosuchcommand/],
];

const STACK = /\n\s+at .+[:(]\d+|internal error|TypeError|ReferenceError/;

describe('bad input over every command: exit 2, the parameter named, nothing on stdout, no stack trace', () => {
  test('at least 150 cases', () => expect(cases.length).toBeGreaterThanOrEqual(150));
  // batches of 10 cases per test: a failure names its case
  for (let b = 0; b < cases.length; b += 10) {
    const batch = cases.slice(b, b + 10);
    test(`cases ${b + 1}-${b + batch.length}`, async () => {
      for (const [args, names] of batch) {
        if (process.env.CLI_TRACE) process.stderr.write(`CASE ${args.join(" ")}\n`);
        const r = await run(args);
        const label = `${args.join(' ').slice(0, 200)}\n  -> exit ${r.code}, stderr: ${r.err.slice(0, 400)}`;
        expect(r.code, label).toBe(2);
        expect(r.out, label).toBe('');
        expect(r.err, label).toMatch(names);
        expect(r.err, label).not.toMatch(STACK);
        expect(r.err.length, label).toBeLessThan(2600);
        expect(r.err, label).not.toMatch(/(?<!')(NaN|Infinity)(?!')/);
      }
      // nothing the failing commands named was written
      expect(existsSync(f('d.svg'))).toBe(false);
      expect(readFileSync(f('existing.svg'), 'utf8')).toBe('keep me');
    }, 60_000);
  }
});
