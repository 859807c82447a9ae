// Build: transpile src/ and theory/ to dist/ with esbuild (no bundling, no type-check: `npm run typecheck`
// does that), then let the engine precompute its symbolic derivations into dist/derived/ so a cold CLI
// start does not pay for nerdamer's solver (the cache is keyed by a hash of each theory file).
import { build } from 'esbuild';
import { readdirSync, statSync, rmSync, existsSync } from 'node:fs';
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
rmSync(join(root, 'dist'), { recursive: true, force: true });
await build({
  entryPoints,
  outdir: join(root, 'dist'),
  outbase: root,
  format: 'esm',
  platform: 'node',
  target: 'node20',
  sourcemap: false,
  logLevel: 'warning',
});
const precompute = join(root, 'dist/src/engine/precompute.js');
if (existsSync(precompute)) {
  const { precomputeAll } = await import(pathToFileURL(precompute).href);
  await precomputeAll(join(root, 'dist/derived'));
}
