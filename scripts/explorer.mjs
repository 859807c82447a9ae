// `npm run explorer`: build the explorer (a static page: explorer/ bundled with esbuild, the engine's
// derivation caches and KaTeX included) into explorer/dist/, then serve it on 127.0.0.1 and print the URL.
//   node scripts/explorer.mjs [--static DIR] [--out DIR] [--port N] [--build-only] [--no-build]
// --static DIR writes a self-contained static site into DIR (relative URLs only, fonts included, no
// server-side code) and exits: any plain static file server can host it.
// --port 0 picks a free port. The page runs the engine's own code (src/); nothing is computed server-side.
import { build } from 'esbuild';
import { createServer } from 'node:http';
import { cpSync, mkdirSync, readFileSync, rmSync, statSync, writeFileSync, existsSync } from 'node:fs';
import { extname, join, normalize, relative, resolve } from 'node:path';
import { gzipSync } from 'node:zlib';
import { pathToFileURL } from 'node:url';

const root = resolve(new URL('..', import.meta.url).pathname);

function args(argv) {
  const o = { out: join(root, 'explorer/dist'), port: 5173, build: true, serve: true };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    if (a === '--out') o.out = resolve(argv[++i]);
    else if (a === '--port') o.port = Number(argv[++i]);
    else if (a === '--build-only') o.serve = false;
    else if (a === '--static') {
      // a self-contained static site: build into DIR and stop (any plain file server hosts it)
      o.out = resolve(argv[++i] ?? '');
      o.serve = false;
      if (!argv[i]) {
        console.error('explorer: --static needs a directory (npm run explorer -- --static DIR)');
        process.exit(2);
      }
    }
    else if (a === '--no-build') o.build = false;
    else {
      console.error(`explorer: unknown argument ${a} (use --static DIR, --out DIR, --port N, --build-only, --no-build)`);
      process.exit(2);
    }
  }
  if (!Number.isInteger(o.port) || o.port < 0 || o.port > 65535) {
    console.error(`explorer: --port ${o.port} is not a port number (0-65535)`);
    process.exit(2);
  }
  return o;
}

// The built-in theory files theory/*.yaml (explorer/build/builtin-source.ts): the page imports each through
// this .yaml loader, which gives the file's text and its parse by the theory-file loader made here in Node
// (explorer/build/caches.ts builtinParses), so the page needs neither fs nor the YAML parser.
function builtinTheories(parses) {
  return {
    name: 'builtin-theory-files',
    setup: (b) => {
      b.onResolve({ filter: /builtin-source\.js$/ }, (a) => (resolve(a.resolveDir, a.path) === join(root, 'src/theory-file/builtin-source.js') ? { path: join(root, 'explorer/build/builtin-source.ts') } : undefined));
      b.onLoad({ filter: /\.yaml$/ }, (a) => {
        const name = relative(join(root, 'theory'), a.path).replace(/\.yaml$/, '');
        const parsed = Object.hasOwn(parses, name) ? parses[name] : null;
        return { contents: `export const text = ${JSON.stringify(readFileSync(a.path, 'utf8'))};\nexport const parsed = ${JSON.stringify(parsed)};\n`, loader: 'js' };
      });
    },
  };
}

/** The derivation caches, computed by the engine (explorer/build/caches.ts, bundled for Node on the fly). */
async function caches() {
  const dir = join(root, 'node_modules/.cache/scaling-theory-explorer');
  mkdirSync(dir, { recursive: true });
  const file = join(dir, `caches-${process.pid}.mjs`);
  await build({ entryPoints: [join(root, 'explorer/build/caches.ts')], bundle: true, platform: 'node', format: 'esm', packages: 'external', outfile: file, logLevel: 'warning' });
  try {
    const mod = await import(pathToFileURL(file).href);
    const lib = await mod.library();
    return { derived: mod.derivationCaches(join(root, 'dist/derived'), (s) => console.error(`explorer: ${s}`), dir), library: lib, parses: mod.builtinParses };
  } finally {
    rmSync(file, { force: true });
  }
}

export async function buildExplorer(out) {
  const t0 = Date.now();
  const { derived, library, parses } = await caches();
  rmSync(out, { recursive: true, force: true });
  mkdirSync(out, { recursive: true });
  const result = await build({
    entryPoints: {
      explorer: join(root, 'explorer/src/main.ts'),
      'curves-worker': join(root, 'explorer/src/curves.worker.ts'),
      'tools-worker': join(root, 'explorer/src/tools.worker.ts'),
    },
    // the validator reads claims files with node:fs on the command line; the page passes text instead
    // the models' curve handlers (src/cli/curve/*.ts, see src/models/) belong to the command line: stubbed
    plugins: [
      { name: 'node-fs-stub', setup: (b) => b.onResolve({ filter: /^(node:)?fs$/ }, () => ({ path: join(root, 'explorer/src/node-fs-stub.ts') })) },
      { name: 'cli-handler-stub', setup: (b) => b.onResolve({ filter: /\/cli\/curve\/[^/]+\.js$/ }, () => ({ path: join(root, 'explorer/src/cli-stub.ts') })) },
      builtinTheories(parses),
    ],
    bundle: true,
    format: 'esm',
    platform: 'browser',
    target: 'es2022',
    minify: true,
    sourcemap: true,
    outdir: out,
    define: { __DERIVED_CACHES__: JSON.stringify(derived), __LIBRARY__: JSON.stringify(library) },
    // the theory-file loader (yaml, zod) and the phase derivation load only when a user's theory is read
    splitting: true,
    chunkNames: 'chunks/[name]-[hash]',
    metafile: true,
    logLevel: 'warning',
  });
  for (const f of ['index.html', 'style.css']) cpSync(join(root, 'explorer', f), join(out, f));
  const katex = join(root, 'node_modules/katex/dist');
  mkdirSync(join(out, 'katex'), { recursive: true });
  cpSync(join(katex, 'katex.min.css'), join(out, 'katex/katex.min.css'));
  cpSync(join(katex, 'fonts'), join(out, 'katex/fonts'), { recursive: true });
  const sizes = {};
  for (const f of Object.keys(result.metafile.outputs).filter((f) => f.endsWith('.js'))) {
    const buf = readFileSync(resolve(f));
    sizes[relative(out, resolve(f))] = { bytes: buf.length, gzip: gzipSync(buf).length };
  }
  // what the page loads before it is ready: explorer.js and the chunks it imports statically (transitively);
  // the workers and the user-theory chunk load later, on use
  const outputs = result.metafile.outputs;
  const entry = Object.keys(outputs).find((f) => outputs[f].entryPoint?.endsWith('explorer/src/main.ts'));
  const first = new Set();
  const visit = (f) => {
    if (first.has(f)) return;
    first.add(f);
    for (const i of outputs[f].imports) if (i.kind === 'import-statement' && outputs[i.path]) visit(i.path);
  };
  visit(entry);
  const firstFiles = [...first].map((f) => relative(out, resolve(f)));
  const css = ['style.css', 'katex/katex.min.css', 'index.html'];
  const firstLoad = { files: [...firstFiles, ...css], bytes: 0, gzip: 0 };
  for (const f of firstLoad.files) {
    const buf = readFileSync(join(out, f));
    firstLoad.bytes += buf.length;
    firstLoad.gzip += gzipSync(buf).length;
  }
  const info = { builtAt: new Date().toISOString(), ms: Date.now() - t0, models: Object.keys(derived), sizes, firstLoad };
  writeFileSync(join(out, 'build.json'), JSON.stringify(info, null, 2));
  return info;
}

const TYPES = { '.html': 'text/html; charset=utf-8', '.js': 'text/javascript', '.css': 'text/css', '.json': 'application/json', '.map': 'application/json', '.woff2': 'font/woff2', '.woff': 'font/woff', '.ttf': 'font/ttf', '.png': 'image/png', '.svg': 'image/svg+xml' };

/** A static file server for DIR on 127.0.0.1; resolves to the server once listening. */
export function serve(dir, port) {
  const server = createServer((req, res) => {
    const path = decodeURIComponent(new URL(req.url ?? '/', 'http://x').pathname);
    let file = normalize(join(dir, path));
    if (!file.startsWith(dir)) {
      res.writeHead(403).end();
      return;
    }
    if (existsSync(file) && statSync(file).isDirectory()) file = join(file, 'index.html');
    if (!existsSync(file)) {
      res.writeHead(404, { 'content-type': 'text/plain' }).end('not found');
      return;
    }
    res.writeHead(200, { 'content-type': TYPES[extname(file)] ?? 'application/octet-stream', 'cache-control': 'no-cache' });
    res.end(readFileSync(file));
  });
  return new Promise((ok, fail) => {
    server.once('error', fail);
    server.listen(port, '127.0.0.1', () => ok(server));
  });
}

if (import.meta.url === pathToFileURL(process.argv[1]).href) {
  const o = args(process.argv.slice(2));
  if (o.build) {
    const info = await buildExplorer(o.out);
    const kb = (n) => `${(n / 1024).toFixed(0)} kB`;
    for (const [f, s] of Object.entries(info.sizes)) if (s.bytes > 2048) console.log(`explorer: built ${f} ${kb(s.bytes)} (${kb(s.gzip)} gzip)`);
    console.log(`explorer: first load ${kb(info.firstLoad.bytes)} (${kb(info.firstLoad.gzip)} gzip, ${info.firstLoad.files.length} files); built in ${info.ms} ms -> ${o.out}`);
  } else if (!existsSync(join(o.out, 'index.html'))) {
    console.error(`explorer: ${o.out} has no built page (run without --no-build)`);
    process.exit(2);
  }
  if (o.serve) {
    const server = await serve(o.out, o.port);
    console.log(`explorer: serving at http://127.0.0.1:${server.address().port}/`);
  }
}
