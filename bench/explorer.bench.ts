// `npm run bench -- explorer`: the explorer's figures against the targets of issues 8 and 16.
//   first load (gzip, the page's own files + the KaTeX fonts it fetched) <= 400 kB | page ready cold <= 1 s
//   user theory with 6 terms read, derived and drawn <= 1.5 s
//   bundle size (bytes, gzip) | page interactive (navigation start -> 'explorer-ready' mark) <= 1 s
//   re-colour of the 400 x 400 diagram <= 50 ms (in Node on the same function, and in chromium)
//   curve panel (4 values of d) <= 500 ms in the worker | a slider move (panel re-render)
//   and, for the record, what deriving the phases with the CAS in the browser would cost (the page uses
//   the build's derivation cache instead).
// Builds the static site into a temporary directory (scripts/explorer.mjs --static) and serves it on 127.0.0.1.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir, cpus } from 'node:os';
import { join } from 'node:path';
import { chromium } from 'playwright-core';
import { Model } from '../src/engine/model.js';
import { phaseGrid } from '../src/engine/grid.js';
import { plrf } from '../src/models/builtin.js';
import { derivationCaches } from '../explorer/build/caches.js';
import { colourGrid, scaleOf } from '../explorer/src/colour.js';
import { domainMask } from '../explorer/src/boundaries.js';
import type {} from '../explorer/src/api.js';

const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const rows: Array<[string, string, string]> = [];

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)];
}
function report(name: string, value: string, target = ''): void {
  rows.push([name, value, target]);
  console.log(`${name.padEnd(48)} ${value.padEnd(26)} ${target}`);
}
const ms = (x: number) => `${x.toFixed(1)} ms`;
const verdict = (x: number, limit: number) => `target <= ${limit} ms: ${x <= limit ? 'met' : 'MISSED'}`;

console.log(`machine: ${cpus().length} x ${cpus()[0]?.model ?? '?'}, node ${process.version}; medians`);

// ---- Node: the engine's grid and the re-colouring function -------------------------------------------
const caches = derivationCaches('dist/derived', (s) => console.error(s));
const model = new Model(plrf, caches.plrf);
const t0 = performance.now();
const grid = phaseGrid(model, 400, 400);
report('node: phaseGrid 400x400 (once per model)', ms(performance.now() - t0));
const box: [[number, number], [number, number]] = [plrf.parameters[0].range, plrf.parameters[1].range];
const mask = domainMask(model, grid, box);
const out = new Uint8ClampedArray(400 * 400 * 4);
const times: number[] = [];
for (let i = 0; i < 30; i++) {
  const q = i % 2 ? 'xi' : 'eta';
  const t = performance.now();
  colourGrid(grid, grid.values[q], scaleOf(grid.values[q]), out, mask);
  times.push(performance.now() - t);
}
report('node: re-colour 400x400 (colourGrid)', ms(median(times)), verdict(median(times), 50));

// ---- the built page in chromium ------------------------------------------------------------------
const dir = mkdtempSync(join(tmpdir(), 'explorer-bench-'));
const built = spawnSync(process.execPath, ['scripts/explorer.mjs', '--static', dir], { encoding: 'utf8' });
if (built.status !== 0) throw new Error(`scripts/explorer.mjs --static failed:\n${built.stdout}${built.stderr}`);
// @ts-expect-error: a plain .mjs script without types
const { serve } = (await import('../scripts/explorer.mjs')) as { serve(dir: string, port: number): Promise<import('node:http').Server> };
const server = await serve(dir, 0);
try {
  const address = server.address();
  const url = `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}/`;
  const info = JSON.parse(readFileSync(join(dir, 'build.json'), 'utf8')) as { sizes: Record<string, { bytes: number; gzip: number }>; firstLoad: { bytes: number; gzip: number; files: string[] } };
  for (const [f, s] of Object.entries(info.sizes)) if (s.bytes > 20_000) report(`bundle ${f}`, `${(s.bytes / 1024).toFixed(0)} kB (${(s.gzip / 1024).toFixed(0)} kB gzip)`);

  const browser = await chromium.launch({ executablePath: CHROMIUM, args: ['--no-sandbox', '--disable-dev-shm-usage'] });
  // cold: a fresh browser context (empty HTTP cache) per load; the fonts KaTeX fetched count in the first load
  const coldReady: number[] = [];
  let fontBytes = 0;
  for (let i = 0; i < 5; i++) {
    const ctx = await browser.newContext({ viewport: { width: 1400, height: 1000 } });
    const p = await ctx.newPage();
    await p.goto(`${url}?model=plrf&alpha=0.7&beta=1.2&color=eta`);
    await p.waitForFunction(() => document.body.dataset.ready === '1');
    coldReady.push(await p.evaluate(() => performance.getEntriesByName('explorer-ready')[0].startTime));
    fontBytes = await p.evaluate(() => (performance.getEntriesByType('resource') as PerformanceResourceTiming[]).filter((e) => /\.woff2?$/.test(e.name)).reduce((s, e) => s + e.encodedBodySize, 0));
    await ctx.close();
  }
  const firstKb = (info.firstLoad.gzip + fontBytes) / 1024;
  report('first load (gzip; fonts as fetched)', `${firstKb.toFixed(0)} kB (${(info.firstLoad.gzip / 1024).toFixed(0)} + fonts ${(fontBytes / 1024).toFixed(0)})`, `target <= 400 kB: ${firstKb <= 400 ? 'met' : 'MISSED'}`);
  report('chromium: page ready, cold HTTP cache', ms(median(coldReady)), verdict(median(coldReady), 1000));
  const page = await browser.newPage({ viewport: { width: 1400, height: 1000 } });
  const ready: number[] = [];
  const parts: Array<Record<string, number>> = [];
  for (let i = 0; i < 7; i++) {
    await page.goto(`${url}?model=plrf&alpha=0.7&beta=1.2&color=eta`);
    await page.waitForFunction(() => document.body.dataset.ready === '1');
    if (i === 0) continue; // the first load fills the HTTP cache
    ready.push(await page.evaluate(() => performance.getEntriesByName('explorer-ready')[0].startTime));
    parts.push(await page.evaluate(() => window.explorer!.timings));
  }
  report('chromium: page interactive (warm HTTP cache)', ms(median(ready)), verdict(median(ready), 1000));
  const part = (k: string) => ms(median(parts.map((t) => t[k])));
  report('  bundle loaded and initialised at', part('scriptStartMs'));
  report('  engine phaseGrid 400x400', part('gridMs'));
  report('  labels (boundaries, phases)', part('labelsMs'));
  report('  first colouring', part('recolourMs'));
  report('  pinned panel (exponents, explain, KaTeX)', part('pinMs'));

  const recolour = await page.evaluate(() => {
    const xs: number[] = [];
    for (let i = 0; i < 30; i++) xs.push(window.explorer!.recolour(i % 2 ? 'xi' : 'eta'));
    return xs;
  });
  report('chromium: re-colour 400x400 (+ putImageData)', ms(median(recolour)), verdict(median(recolour), 50));

  // why the page bundles the derivation cache: deriving every PLRF region with the CAS, in the browser
  const derive = await page.evaluate(() => {
    const m = window.explorer!.model;
    const Ctor = m.constructor as new (t: typeof m.theory) => typeof m;
    const t = performance.now();
    const cache = new Ctor(m.theory).toCache();
    return { ms: performance.now() - t, regions: Object.keys(cache.regions).length };
  });
  report(`chromium: derive all ${derive.regions} PLRF regions (CAS; avoided)`, ms(derive.ms));

  const slider: number[] = [];
  for (const a of [0.3, 0.9, 1.3, 0.6, 0.45, 1.1]) {
    await page.locator('#slider-alpha').fill(String(a));
    slider.push(await page.evaluate(() => window.explorer!.timings.pinMs));
  }
  report('chromium: slider move (panel re-render)', ms(median(slider)));

  // the user's theory: the 6-term example file pasted, read, its phases derived, the diagram drawn
  const six = readFileSync('explorer/examples/six-terms.yaml', 'utf8');
  const userMs: number[] = [], readMs: number[] = [];
  for (let i = 0; i < 3; i++) {
    await page.goto(`${url}?model=plrf&alpha=0.7&beta=1.2&color=eta`);
    await page.waitForFunction(() => document.body.dataset.ready === '1');
    const ok = await page.evaluate((text) => window.explorer!.loadTheory(text), six);
    if (!ok) throw new Error(`the example theory was refused: ${await page.locator('#theory-result').textContent()}`);
    const t = await page.evaluate(() => window.explorer!.timings);
    userMs.push(t.userTheoryMs);
    readMs.push(t.userReadMs);
  }
  report('chromium: user theory, 6 terms, read+derived+drawn', ms(median(userMs)), verdict(median(userMs), 1500));
  report('  of which read, checked, phases derived', ms(median(readMs)));

  // curves: first request pays for the worker's start; then one point per phase-ish
  await page.goto(`${url}?model=plrf&alpha=0.7&beta=1.2&color=eta`);
  await page.waitForSelector('#curves[data-status="done"]', { timeout: 60_000 });
  const cold = await page.evaluate(() => window.explorer!.curves.last!);
  report('chromium: curve panel, first (worker start)', `${ms(cold.wallMs)} wall`, `worker ${ms(cold.workerMs)}`);
  const work: number[] = [], wall: number[] = [];
  for (const [a, b] of [[0.9, 0.3], [0.3, 1.2], [0.9, 0.6], [0.2, 0.8], [0.7, 1.2], [0.4, 0.4]]) {
    await page.locator('#input-alpha').fill(String(a));
    await page.locator('#input-beta').fill(String(b));
    await page.locator('#input-beta').press('Enter');
    await page.waitForFunction((p) => document.getElementById('curves')!.dataset.point === p, `${a},${b}`, { timeout: 60_000 });
    const last = await page.evaluate(() => window.explorer!.curves.last!);
    work.push(last.workerMs);
    wall.push(last.wallMs);
  }
  report('chromium: curve panel, 4 d (worker compute)', ms(median(work)), verdict(median(work), 500));
  report('chromium: curve panel, 4 d (request -> drawn)', ms(median(wall)));
  await browser.close();
} finally {
  server.close();
  rmSync(dir, { recursive: true, force: true });
}
