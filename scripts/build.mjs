// Build: transpile src/ and theory/ to dist/ with esbuild (no bundling, no type-check: `npm run typecheck`
// does that), then let the engine precompute its symbolic derivations into dist/derived/ so a cold CLI
// start does not pay for nerdamer's solver (the cache is keyed by a hash of each theory file), and store
// the parse of each built-in theory file theory/*.yaml in dist/derived/theories/<name>.json (keyed by a
// hash of its text) so a cold start loads neither the YAML parser nor the schema.
import { build } from 'esbuild';
import { readdirSync, statSync, rmSync, existsSync, renameSync, writeFileSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';

const root = new URL('..', import.meta.url).pathname;
function walk(dir) {
  const out = [];
  for (const name of readdirSync(dir)) {
    const p = join(dir, name);
    if (statSync(p).isDirectory()) out.push(...walk(p));
    else if (p.endsWith('.ts') && !p.endsWith('.d.ts')) out.push(p);
  }
  return out;
}
const entryPoints = ['src', 'theory'].flatMap((d) => (existsSync(join(root, d)) ? walk(join(root, d)) : []));
// Build into a fresh folder and swap it in at the end, so a concurrently running CLI never sees a
// half-built dist/.
const out = join(root, `dist.tmp-${process.pid}`);
rmSync(out, { recursive: true, force: true });
await build({
  entryPoints,
  outdir: out,
  outbase: root,
  format: 'esm',
  platform: 'node',
  target: 'node20',
  sourcemap: false,
  logLevel: 'warning',
});
const builtin = join(out, 'src/theory-file/builtin.js');
if (existsSync(builtin)) {
  const { BUILTINS } = await import(pathToFileURL(builtin).href);
  mkdirSync(join(out, 'derived/theories'), { recursive: true });
  for (const [name, entry] of Object.entries(BUILTINS)) writeFileSync(join(out, 'derived/theories', `${name}.json`), JSON.stringify(entry));
}
const precompute = join(out, 'src/engine/precompute.js');
if (existsSync(precompute)) {
  const { precomputeAll } = await import(pathToFileURL(precompute).href);
  await precomputeAll(join(out, 'derived'));
}
// the derived phase diagrams of the built-in theories (and their variants), by theory hash (src/engine/phase-cache.ts)
const phaseCache = join(out, 'src/engine/phase-cache.js');
if (existsSync(phaseCache) && existsSync(builtin)) {
  const { derivePhases } = await import(pathToFileURL(join(out, 'src/engine/phases.js')).href);
  const { writeDiagram, diagramKey } = await import(pathToFileURL(phaseCache).href);
  const { getTheory, getModel } = await import(pathToFileURL(join(out, 'src/models/registry.js')).href);
  const { BUILTINS } = await import(pathToFileURL(builtin).href);
  const dir = pathToFileURL(join(out, 'derived/phases/'));
  for (const { theory } of Object.values(BUILTINS)) {
    if (!getTheory(theory.id) || theory.parameters.length !== 2) continue; // registered 2-parameter theories only
    for (const id of [theory.id, ...Object.keys(theory.variants ?? {}).map((v) => `${theory.id}~${v}`)]) {
      const t0 = Date.now();
      const model = getModel(id);
      const d = derivePhases(model);
      writeDiagram(diagramKey(model), d, dir);
      process.stderr.write(`derived the phase diagram of ${id}: ${d.phases.length} phases in ${Date.now() - t0} ms\n`);
    }
  }
}
writeFileSync(join(out, '.build-stamp'), new Date().toISOString() + '\n');
const old = join(root, `dist.old-${process.pid}`);
if (existsSync(join(root, 'dist'))) renameSync(join(root, 'dist'), old);
renameSync(out, join(root, 'dist'));
rmSync(old, { recursive: true, force: true });
