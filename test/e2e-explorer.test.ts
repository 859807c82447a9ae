// End-to-end: the explorer built as a static site by `node scripts/explorer.mjs --static DIR`, served by a
// plain static file server (below: node:http, nothing of the project), driven in Debian's chromium through
// playwright-core, at 1400x1000 and at the phone (390x844) and desktop (1440x900) sizes. These tests never
// skip: without a browser they fail and say how to install one (.ci/run installs it). Screenshots go to
// docs/screenshots/.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { spawnSync } from 'node:child_process';
import { createServer, type Server } from 'node:http';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { extname, join, normalize } from 'node:path';
import { chromium, type Browser, type Page } from 'playwright-core';
import { Model, type ModelCache } from '../src/engine/model.js';
import { plrf } from '../src/models/builtin.js';
import { rfDynamics } from '../src/models/builtin.js';
import { CHINCHILLA_CONSTRAINT, CHINCHILLA_LAW, CHINCHILLA_PRESETS } from '../theory/chinchilla.js';
import { parseLaw } from '../src/law/parse.js';
import { lawOptimum } from '../src/law/allocate.js';
import { infoBoundOptimum } from '../src/law/info-bound.js';
import { phaseGrid } from '../src/engine/grid.js';
import { parseState, formatState, defaultState } from '../explorer/src/state.js';
import { colourGrid, scaleOf, LUT } from '../explorer/src/colour.js';
import { boundaryLabels, domainMask, phaseLabels, prettyEquation } from '../explorer/src/boundaries.js';
import { cellAt, fromFraction, toFraction } from '../explorer/src/geometry.js';
import { packTheory, unpackTheory } from '../explorer/src/theory-link.js';
import { readUserTheory } from '../explorer/src/user-theory.js';
import { asciiToLatex } from '../explorer/src/formula.js';
import { libraryTheories } from '../explorer/build/library.js';

const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const SHOTS = 'docs/screenshots';

// The engine in Node, with the build's derivation cache (test/setup-build.ts wrote dist/derived/): the
// page must show what this computes at the same point.
function builtModel(theory: typeof plrf): Model {
  const file = `dist/derived/${theory.id}.json`;
  const cache = existsSync(file) ? (JSON.parse(readFileSync(file, 'utf8')) as ModelCache) : undefined;
  return new Model(theory, cache);
}
const plrfModel = () => builtModel(plrf);

let server: Server | undefined;
let browser: Browser | undefined;
let url = '';
let outDir = '';
const consoleErrors: string[] = [];

/** Any plain static file server will do: this one maps a path to a file under `dir`, nothing else. */
function staticServer(dir: string): Promise<string> {
  const types: Record<string, string> = { '.html': 'text/html', '.js': 'text/javascript', '.css': 'text/css', '.woff2': 'font/woff2', '.json': 'application/json' };
  return new Promise((resolve) => {
    server = createServer((req, res) => {
      let file = normalize(join(dir, decodeURIComponent(new URL(req.url ?? '/', 'http://x').pathname)));
      if (!file.startsWith(dir)) return void res.writeHead(403).end();
      if (existsSync(file) && statSync(file).isDirectory()) file = join(file, 'index.html');
      if (!existsSync(file)) return void res.writeHead(404).end();
      res.writeHead(200, { 'content-type': types[extname(file)] ?? 'application/octet-stream' }).end(readFileSync(file));
    });
    server.listen(0, '127.0.0.1', () => {
      const a = server!.address();
      resolve(`http://127.0.0.1:${typeof a === 'object' && a ? a.port : 0}/`);
    });
  });
}

async function openPage(query = '', viewport = { width: 1400, height: 1000 }, touch = false): Promise<Page> {
  const page = await browser!.newPage({ viewport, hasTouch: touch, isMobile: touch, acceptDownloads: true });
  page.on('console', (m) => {
    if (m.type() === 'error') consoleErrors.push(`${page.url()}: ${m.text()}`);
  });
  page.on('pageerror', (e) => consoleErrors.push(`${page.url()}: uncaught ${e.message}`));
  await page.goto(url + query);
  await page.waitForFunction(() => document.body.dataset.ready === '1', undefined, { timeout: 15_000 });
  return page;
}

/** Page coordinates of a parameter point on the diagram's canvas (alpha up, beta across). */
async function pixelOf(page: Page, alpha: number, beta: number): Promise<{ x: number; y: number }> {
  const canvas = page.locator('#diagram');
  const box = (await canvas.boundingBox())!;
  const [a0, a1] = (await canvas.getAttribute('data-vertical-range'))!.split(',').map(Number);
  const [b0, b1] = (await canvas.getAttribute('data-horizontal-range'))!.split(',').map(Number);
  return { x: box.x + ((beta - b0) / (b1 - b0)) * box.width, y: box.y + (1 - (alpha - a0) / (a1 - a0)) * box.height };
}

async function pinnedPoint(page: Page): Promise<{ alpha: number; beta: number }> {
  return { alpha: Number(await page.inputValue('#input-alpha')), beta: Number(await page.inputValue('#input-beta')) };
}

async function pinPosition(page: Page): Promise<{ x: number; y: number }> {
  const pin = page.locator('#pin');
  return { x: Number(await pin.getAttribute('data-x')), y: Number(await pin.getAttribute('data-y')) };
}

beforeAll(async () => {
  if (!existsSync(CHROMIUM)) {
    throw new Error(`no browser at ${CHROMIUM}: install Debian's chromium (apt-get install -y chromium) or set CHROMIUM_PATH`);
  }
  mkdirSync(SHOTS, { recursive: true });
  outDir = mkdtempSync(join(tmpdir(), 'explorer-e2e-'));
  const built = spawnSync(process.execPath, ['scripts/explorer.mjs', '--static', outDir], { encoding: 'utf8' });
  if (built.status !== 0) throw new Error(`scripts/explorer.mjs --static failed:\n${built.stdout}${built.stderr}`);
  url = await staticServer(outDir);
  browser = await chromium.launch({ executablePath: CHROMIUM, args: ['--no-sandbox', '--disable-dev-shm-usage'] });
}, 180_000);

afterAll(async () => {
  await browser?.close();
  await new Promise((r) => (server ? server.close(r) : r(null)));
  if (outDir) rmSync(outDir, { recursive: true, force: true });
});

describe('explorer modules (Node)', () => {
  const model = plrfModel();
  const box: [[number, number], [number, number]] = [plrf.parameters[0].range, plrf.parameters[1].range];
  const grid = phaseGrid(model, 200, 200, box);

  it('URL state: round trip, and bad values fall back to the example point', () => {
    const s = { model: 'plrf', point: { alpha: 0.31, beta: -0.1 }, color: 'xi' };
    expect(parseState(formatState(s, plrf), [plrf])).toEqual({ state: s, errors: [] });
    const bad = parseState('?model=nope&alpha=abc&beta=9&color=zeta', [plrf]);
    expect(bad.state).toEqual(defaultState(plrf));
    // nothing is clamped silently: each refused value is named with its valid range
    expect(bad.errors.join('\n')).toContain("unknown model 'nope'");
    expect(bad.errors.join('\n')).toContain("alpha = 'abc' is not a number (valid: a number in [0, 1.6])");
    expect(bad.errors.join('\n')).toContain('beta = 9 is outside its range [-0.4, 1.6]');
    expect(bad.errors.join('\n')).toContain("color = 'zeta' is not a quantity of plrf");
    // the comparison point B and a user's theory travel too
    const withB = { ...s, compare: { alpha: 0.9, beta: 0.3 } };
    expect(parseState(formatState(withB, plrf), [plrf]).state).toEqual(withB);
    expect(defaultState(plrf)).toEqual({ model: 'plrf', point: { alpha: 0.7, beta: 1.2 }, color: 'eta' });
  });

  it('geometry: fractions and cells invert each other (alpha up, beta across)', () => {
    const axes = { vertical: { name: 'alpha', range: box[0] }, horizontal: { name: 'beta', range: box[1] } };
    const f = toFraction(axes, 0.7, 1.2);
    expect(fromFraction(axes, f).v).toBeCloseTo(0.7, 12);
    expect(fromFraction(axes, f).h).toBeCloseTo(1.2, 12);
    expect(toFraction(axes, 1.6, -0.4)).toEqual({ fx: 0, fy: 0 });
    const k = cellAt(200, 200, f);
    expect(grid.names[grid.phase[k]]).toBe('III');
    expect(cellAt(200, 200, { fx: 1.2, fy: 0.5 })).toBe(-1);
  });

  it('colourGrid: extremes of the scale map to the ends of viridis, outside is grey, wrong buffer size throws', () => {
    const eta = grid.values.eta;
    const scale = scaleOf(eta);
    const out = new Uint8ClampedArray(200 * 200 * 4);
    colourGrid(grid, eta, scale, out, domainMask(model, grid, box));
    let kMax = 0;
    for (let k = 0; k < eta.length; k++) if (eta[k] > eta[kMax] || !(eta[kMax] === eta[kMax])) kMax = eta[k] === eta[k] ? k : kMax;
    const i = Math.floor(kMax / 200), j = kMax % 200;
    const o = ((199 - i) * 200 + j) * 4; // canvas rows run top to bottom
    expect([out[o], out[o + 1], out[o + 2]]).toEqual([LUT[765], LUT[766], LUT[767]]);
    // bottom-left corner (alpha ~ 0, beta ~ -0.4) is outside the domain
    const c = (199 * 200 + 0) * 4;
    expect([out[c], out[c + 1], out[c + 2], out[c + 3]]).toEqual([236, 236, 236, 255]);
    expect(() => colourGrid(grid, eta, scale, new Uint8ClampedArray(10))).toThrow(RangeError);
  });

  it('boundary labels: every PLRF boundary found from the grid; xi jumps only at alpha = 1 - 1/sqrt(2), eta nowhere', () => {
    const labels = boundaryLabels(model, grid, box, domainMask(model, grid, box));
    const byEq = new Map(labels.map((l) => [l.equation, l]));
    expect([...byEq.keys()].sort()).toEqual(['2*alpha + 2*beta = 1', '2*beta = 1', 'alpha = 1 - 1/sqrt(2)', 'alpha = 1/2', 'alpha = 1/4', 'beta = alpha'].sort());
    expect(byEq.get('alpha = 1/2')!.aliases).toEqual(['2*alpha = 1']);
    expect(byEq.get('alpha = 1/2')!.between).toEqual(['II', 'III', 'IVa', 'Ia', 'Ib']);
    expect(byEq.get('beta = alpha')!.between).toEqual(['II', 'III']);
    expect(byEq.get('alpha = 1 - 1/sqrt(2)')!.between).toEqual(['IVa', 'IVb']);
    expect(byEq.get('2*alpha + 2*beta = 1')!.between).toContain('');
    for (const l of labels) expect(l.jumps, l.equation).toEqual(l.equation === 'alpha = 1 - 1/sqrt(2)' ? ['xi'] : []);
    expect(prettyEquation('alpha = 1 - 1/sqrt(2)')).toBe('α = 1 - 1/√2');
    expect(prettyEquation('2*alpha + 2*beta = 1')).toBe('2α + 2β = 1');
  });

  it('phase labels sit inside their phases', () => {
    const labels = phaseLabels(grid, box);
    expect(labels.map((l) => l.phase).sort()).toEqual([...(plrf.phases ?? []).map((p) => p.name)].sort());
    for (const l of labels) expect(model.classify({ alpha: l.at[0], beta: l.at[1] }).phase).toBe(l.phase);
  });

  it('theory link: a file survives the compressed round trip; a damaged link says so', () => {
    const text = readFileSync('explorer/examples/six-terms.yaml', 'utf8');
    const packed = packTheory(text);
    expect(packed).toMatch(/^[A-Za-z0-9_-]+$/);
    expect(packed.length).toBeLessThan(0.6 * text.length);
    expect(unpackTheory(packed)).toBe(text);
    expect(() => unpackTheory('not-a-theory')).toThrow(/URL parameter theory.*damaged/);
  });

  it('a user theory file: read, phases derived from its terms; a bad one names the field path and line', () => {
    const r = readUserTheory(readFileSync('explorer/examples/six-terms.yaml', 'utf8'));
    if ('message' in r) throw new Error(r.message);
    expect(r.theory.phases!.length).toBeGreaterThanOrEqual(2);
    expect(r.model.exponents(r.theory.example).phase).toBe(r.theory.phases![0].name);
    const bad = readUserTheory(readFileSync('explorer/examples/six-terms.yaml', 'utf8').replace("form: 'N^(-1/2)'", "form: 'N^(-1/2'"));
    expect(bad).toMatchObject({ path: 'terms[4].cases[0].form', line: 46 });
    expect((bad as { message: string }).message).toMatch(/line 46: terms\[4\]\.cases\[0\]\.form: found 'N\^\(-1\/2'/);
    const three = readUserTheory(readFileSync('theory/library/pearce-song2024.yaml', 'utf8'));
    expect(three).toMatchObject({ path: 'parameters' });
  });

  it('prose maths: the theory files\' ASCII relations become LaTeX', () => {
    expect(asciiToLatex('d* ~ f^xi')).toBe('d^\\star \\sim f^{\\xi}');
    expect(asciiToLatex('P* ~ f^(-eta)')).toBe('P^\\star \\sim f^{-\\eta}');
    expect(asciiToLatex('j^(-2 alpha)')).toBe('j^{-2\\alpha}');
    expect(asciiToLatex('L - L_inf ~ N^(-alpha_N)')).toBe('L - L_{\\infty} \\sim N^{-\\alpha_{N}}');
  });
});

describe('explorer sources', () => {
  // the root tsconfig sees only the modules tests and benchmarks import; this checks the page and worker too
  it('type-check (tsc -p explorer/tsconfig.json, DOM and worker code included)', () => {
    const r = spawnSync(process.execPath, ['node_modules/typescript/bin/tsc', '--noEmit', '-p', 'explorer/tsconfig.json'], { encoding: 'utf8' });
    expect(r.stdout + r.stderr).toBe('');
    expect(r.status).toBe(0);
  }, 120_000);
});

describe('explorer in chromium', () => {
  const model = plrfModel();
  const phases = (plrf.phases ?? []).map((p) => p.name);

  it('clicking a point of each PLRF phase shows that phase and the engine’s exponents, formulas and provenance', async () => {
    const page = await openPage();
    for (const phase of phases) {
      const [alpha, beta] = model.interiorPoint({ phase, piece: 0 }, 81);
      const { x, y } = await pixelOf(page, alpha, beta);
      await page.mouse.click(x, y);
      await expect.poll(() => page.locator('#pinned-phase').textContent()).toBe(phase);
      const p = await pinnedPoint(page);
      // the pinned point is the clicked one, to a pixel (the diagram is 480 px over ranges of 1.6 and 2)
      expect(Math.abs(p.alpha - alpha)).toBeLessThan(0.01);
      expect(Math.abs(p.beta - beta)).toBeLessThan(0.01);
      const expected = model.exponents(p);
      expect(expected.phase).toBe(phase);
      for (const q of plrf.quantities) {
        const shown = Number(await page.locator(`#value-${q.name}`).getAttribute('data-value'));
        const want = expected.exponents[q.name].value!;
        expect(Math.abs(shown - want), `${q.name} in ${phase} at ${JSON.stringify(p)}: shown ${shown}, engine ${want}`).toBeLessThan(1e-12);
        const box = page.locator(`.quantity[data-quantity="${q.name}"]`);
        expect(await box.locator('.tag').first().textContent()).toBe(expected.exponents[q.name].provenance);
        expect(await box.locator('.katex').count()).toBeGreaterThan(0);
      }
      expect(await page.locator('#steps > li').count()).toBeGreaterThanOrEqual(6);
      expect(await page.locator('.katex-error').count()).toBe(0);
      expect(page.url()).toContain(`alpha=${p.alpha}`);
      expect(page.url()).toContain(`beta=${p.beta}`);
      if (phase === 'III') await page.screenshot({ path: join(SHOTS, 'explorer-plrf-eta.png') });
    }
    await page.close();
  }, 60_000);

  it('moving the alpha slider moves the pinned point and updates the phase', async () => {
    const page = await openPage('?model=plrf&alpha=0.7&beta=1.2&color=eta');
    expect(await page.locator('#pinned-phase').textContent()).toBe('III');
    const before = await pinPosition(page);
    await page.locator('#slider-alpha').fill('1.4');
    await expect.poll(() => page.inputValue('#input-alpha')).toBe('1.4');
    const after = await pinPosition(page);
    expect(after.x).toBeCloseTo(before.x, 1);
    // alpha up: the marker goes up by (1.4 - 0.7) / 1.6 of the 480 px plot
    expect(before.y - after.y).toBeCloseTo((0.7 / 1.6) * 480, 0);
    expect(await page.locator('#pinned-phase').textContent()).toBe('II');
    expect(page.url()).toContain('alpha=1.4');
    // and the number input drives it too
    await page.locator('#input-beta').fill('0.3');
    await page.locator('#input-beta').press('Enter');
    await expect.poll(() => page.locator('#pinned-phase').textContent()).toBe('Ia');
    // and the keyboard: arrows on the focused diagram
    await page.locator('#diagram').focus();
    await page.keyboard.press('ArrowDown');
    await page.keyboard.press('Shift+ArrowRight');
    expect(await pinnedPoint(page)).toEqual({ alpha: 1.39, beta: 0.4 });
    await page.close();
  }, 30_000);

  it('the URL carries the state; colouring by xi shows the IVa|IVb jump; hovering shows phase and exponents', async () => {
    const page = await openPage('?model=plrf&alpha=0.27&beta=1.2&color=xi');
    expect(await page.inputValue('#color')).toBe('xi');
    expect(await pinnedPoint(page)).toEqual({ alpha: 0.27, beta: 1.2 });
    expect(await page.locator('#pinned-phase').textContent()).toBe('IVb');
    const labels = await page.locator('.boundary-label').allTextContents();
    expect(labels.some((l) => /1 - 1\/√2: ξ jumps/.test(l)), labels.join(' | ')).toBe(true);
    for (const eq of ['2β = 1', 'β = α', 'α = 1/2', 'α = 1/4']) expect(labels.some((l) => l.startsWith(eq)), `${eq} in ${labels.join(' | ')}`).toBe(true);
    // the canvas really changes with the colouring
    const pixels = () => page.evaluate(() => {
      const c = document.getElementById('diagram') as HTMLCanvasElement;
      return Array.from(c.getContext('2d')!.getImageData(300, 100, 1, 1).data).join(',');
    });
    const xiPixel = await pixels();
    await page.selectOption('#color', 'eta');
    expect(await pixels()).not.toBe(xiPixel);
    expect(page.url()).toContain('color=eta');
    await page.selectOption('#color', 'xi');

    const { x, y } = await pixelOf(page, 0.9, 0.6);
    await page.mouse.move(x, y);
    const tip = page.locator('#tooltip');
    await expect.poll(() => tip.isVisible()).toBe(true);
    const text = (await tip.textContent()) ?? '';
    expect(text).toMatch(/phase II\b/);
    // phase II: xi = beta/(alpha + beta) = 0.4 at (0.9, 0.6), within a pixel's change
    expect(model.exponents({ alpha: 0.9, beta: 0.6 }).exponents.xi.value).toBeCloseTo(0.4, 12);
    // the tooltip computes at the rounded point a click would pin (within a pixel of (0.9, 0.6))
    expect(text).toMatch(/ξ = 0\.(39\d*|4\b|40\d*)/);
    await page.screenshot({ path: join(SHOTS, 'explorer-plrf-xi-hover.png') });
    await page.close();
  }, 30_000);

  it('a point on the IVa|IVb line shows both sides of the jump; a point outside the domain says why', async () => {
    const page = await openPage(`?model=plrf&alpha=${1 - Math.SQRT1_2}&beta=1.2&color=xi`);
    expect(await page.locator('#pinned-phase').textContent()).toBe('IVa|IVb');
    expect(await page.locator('#value-xi').textContent()).toBe('jumps');
    expect(await page.locator('.quantity[data-quantity="xi"] .side-name').allTextContents()).toEqual(['IVa', 'IVb']);
    await page.locator('#input-alpha').fill('0.1');
    await page.locator('#input-beta').fill('0.2');
    await page.locator('#input-beta').press('Enter');
    await expect.poll(() => page.locator('#pinned-phase').textContent()).toBe('outside');
    expect(await page.locator('#pinned-error').textContent()).toContain('2*alpha + 2*beta > 1');
    await page.close();
  }, 30_000);

  it('draws loss curves for four d in the worker, with an envelope and a fitted frontier near the engine’s', async () => {
    const page = await openPage('?model=plrf&alpha=0.7&beta=1.2&color=eta');
    await page.waitForSelector('#curves[data-status="done"], #curves[data-status="error"]', { timeout: 30_000 });
    expect(await page.locator('#curves').getAttribute('data-status'), (await page.locator('#curves').textContent()) ?? '').toBe('done');
    expect(await page.locator('#curve-plot polyline.curve').count()).toBe(4);
    expect(await page.locator('#curve-plot circle.envelope').count()).toBeGreaterThan(5);
    const fitEta = Number(await page.locator('#curves').getAttribute('data-fit-eta'));
    // d <= 200 is far from asymptotic; the envelope's slope still lies near the engine's 1 - 1/(4 alpha) = 0.643
    expect(Math.abs(fitEta - 0.642857), `fitted eta ${fitEta}`).toBeLessThan(0.1);
    // moving the point asks again, and the latest answer wins
    await page.locator('#slider-beta').fill('0.8');
    await page.locator('#slider-beta').fill('0.3');
    await expect.poll(() => page.locator('#curves').getAttribute('data-point'), { timeout: 30_000 }).toBe('0.7,0.3');
    // phase Ia: eta = (2 alpha + 2 beta - 1)/(2 alpha + 1) = 1/2.4
    expect(await page.locator('#curves').textContent()).toContain('engine: η = 0.416667');
    await page.screenshot({ path: join(SHOTS, 'explorer-plrf-curves.png'), fullPage: true });
    await page.close();
  }, 60_000);

  it('the rf-dynamics (a, b) regime map has the same interactions: model switch, click per regime, URL', async () => {
    const rf = builtModel(rfDynamics);
    const page = await openPage();
    await page.selectOption('#model', 'rf-dynamics');
    await expect.poll(() => page.url()).toContain('model=rf-dynamics');
    expect(await page.locator('#diagram').getAttribute('data-vertical')).toBe('a');
    for (const phase of (rfDynamics.phases ?? []).map((p) => p.name)) {
      const [a, b] = rf.interiorPoint({ phase, piece: 0 }, 81);
      const canvas = page.locator('#diagram');
      const box = (await canvas.boundingBox())!;
      const [a0, a1] = rfDynamics.parameters[0].range, [b0, b1] = rfDynamics.parameters[1].range;
      await page.mouse.click(box.x + ((b - b0) / (b1 - b0)) * box.width, box.y + (1 - (a - a0) / (a1 - a0)) * box.height);
      await expect.poll(() => page.locator('#pinned-phase').textContent()).toBe(phase);
      const p = { a: Number(await page.inputValue('#input-a')), b: Number(await page.inputValue('#input-b')) };
      const r = rf.exponents(p);
      for (const q of rfDynamics.quantities) {
        const shown = Number(await page.locator(`#value-${q.name}`).getAttribute('data-value'));
        expect(Math.abs(shown - r.exponents[q.name].value!), `${q.name} in ${phase}`).toBeLessThan(1e-12);
      }
      expect(page.url()).toContain(`a=${p.a}`);
    }
    expect(await page.locator('#curves-note').textContent()).toContain('No curve method');
    await page.close();
  }, 60_000);

  it('the allocation calculator shows the Chinchilla presets side by side and the info bound with its slope', async () => {
    const page = await openPage();
    expect(await page.locator('#alloc-result').getAttribute('data-status')).toBeNull(); // computed only once in view
    await page.locator('#alloc-result').scrollIntoViewIfNeeded();
    await page.waitForSelector('#alloc-result[data-status="done"], #alloc-result[data-status="error"]', { timeout: 60_000 });
    expect(await page.locator('#alloc-result').getAttribute('data-status')).toBe('done');
    expect(await page.locator('#alloc-table tr[data-preset]').count()).toBe(CHINCHILLA_PRESETS.length);
    for (const p of CHINCHILLA_PRESETS) {
      const row = page.locator(`#alloc-table tr[data-preset="${p.id}"]`);
      const o = lawOptimum(parseLaw(CHINCHILLA_LAW, CHINCHILLA_CONSTRAINT), p.values, 1e24);
      const N = Number(await row.locator('td[data-col="N"]').textContent());
      expect(Math.abs(N / o.x.N - 1), `${p.id}: N* shown ${N}, library ${o.x.N}`).toBeLessThan(1e-3);
      // the engine's a = beta/(alpha + beta) (chinchilla.md §3), to the 4 digits shown
      const a = Number(await row.locator('td[data-col="a"]').textContent());
      expect(a).toBeCloseTo(p.values.beta / (p.values.alpha + p.values.beta), 3);
    }
    const slope = Number(await page.locator('#bound-slope').textContent());
    expect(slope).toBeCloseTo(infoBoundOptimum(1, 10, 1e6).slope, 3);
    // a budget below the data-starved threshold 2 e m k is refused with the reason
    await page.locator('#bound-C').fill('20');
    await page.click('#alloc-run');
    await page.waitForSelector('#alloc-result[data-status="done"]');
    expect(await page.locator('#bound-error').textContent()).toMatch(/data-starved|2\*e\*m\*k|2 e m k/i);
    await page.locator('#alloc-result').screenshot({ path: join(SHOTS, 'explorer-allocation.png') });
    await page.close();
  }, 90_000);

  it('the claim box refutes a wrong claim with a counterexample that can be pinned, and verifies a right one', async () => {
    const page = await openPage();
    await page.click('#claim-run');
    await page.waitForSelector('#claim-result[data-status="done"], #claim-result[data-status="error"]', { timeout: 60_000 });
    const verdict = page.locator('.verdict[data-claim="phase-III-eta-sign-slip"]');
    expect(await verdict.getAttribute('data-status')).toBe('refuted');
    expect((await verdict.locator('.status').textContent())?.toLowerCase()).toBe('refuted');
    const point = (await verdict.locator('.ce-point').textContent()) ?? '';
    const m = point.match(/alpha = ([\d.e+-]+), beta = ([\d.e+-]+)/);
    expect(m, point).not.toBeNull();
    const ce = { alpha: Number(m![1]), beta: Number(m![2]) };
    // the counterexample really refutes: claimed 1 + 1/(4 alpha) against the engine's eta in phase III
    const r = model.exponents(ce);
    expect(r.phase).toBe('III');
    expect(Math.abs(1 + 1 / (4 * ce.alpha) - r.exponents.eta.value!)).toBeGreaterThan(0.1);
    expect(Number(await verdict.locator('.ce-actual').textContent())).toBeCloseTo(r.exponents.eta.value!, 5);
    await page.locator('#claim-result').screenshot({ path: join(SHOTS, 'explorer-claim-refuted.png') });
    await verdict.locator('.pin-ce').click();
    await expect.poll(() => pinnedPoint(page)).toEqual(ce);
    expect(await page.locator('#pinned-phase').textContent()).toBe('III');

    await page.locator('#claim-text').fill('id: eta-III\nmodel: plrf\nkind: exponent\nquantity: eta\nregion: III\nformula: 1 - 1/(4*alpha)\n');
    await page.click('#claim-run');
    await expect.poll(() => page.locator('.verdict[data-claim="eta-III"]').getAttribute('data-status'), { timeout: 60_000 }).toBe('verified');
    await page.locator('#claim-text').fill('this: [is not a claim');
    await page.click('#claim-run');
    await expect.poll(() => page.locator('#claim-error').count(), { timeout: 60_000 }).toBe(1);
    await page.close();
  }, 90_000);

  it('fits the phone (390x844) and the desktop (1440x900): no horizontal overflow, the diagram scales, tap pins', async () => {
    for (const [width, height, touch, shot] of [[390, 844, true, 'explorer-phone.png'], [1440, 900, false, 'explorer-desktop.png']] as const) {
      const page = await openPage('?model=plrf&alpha=0.27&beta=1.2&color=xi', { width, height }, touch);
      const fit = () => page.evaluate(() => ({ sw: document.documentElement.scrollWidth, iw: innerWidth, d: document.getElementById('diagram')!.getBoundingClientRect().toJSON() as DOMRect }));
      let f = await fit();
      expect(f.sw, `document ${f.sw} px wide at ${width}`).toBeLessThanOrEqual(f.iw);
      expect(f.d.left).toBeGreaterThanOrEqual(0);
      expect(f.d.right).toBeLessThanOrEqual(f.iw);
      if (width === 390) expect(f.d.width).toBeGreaterThan(0.7 * 390 * (480 / 550)); // scaled to the width, not cut
      else expect(f.d.width).toBeCloseTo(480, 0);
      await page.screenshot({ path: join(SHOTS, shot) });
      if (touch) {
        // a tap pins the point and leaves no tooltip
        const { x, y } = await pixelOf(page, 0.9, 0.6);
        await page.touchscreen.tap(x, y);
        await expect.poll(() => page.locator('#pinned-phase').textContent()).toBe('II');
        expect(await page.locator('#tooltip').isVisible()).toBe(false);
        // the comparison table and the panel scroll in their own boxes: the page still fits
        await page.click('#pin-b');
        await page.evaluate(() => document.getElementById('alloc-result')!.scrollIntoView());
        f = await fit();
        expect(f.sw).toBeLessThanOrEqual(f.iw);
        await page.screenshot({ path: join(SHOTS, 'explorer-phone-full.png'), fullPage: true });
      }
      await page.close();
    }
  }, 60_000);

  it('state: out-of-range values are refused with the range, typed values are rounded, Back undoes a pin, the link is copied', async () => {
    const page = await openPage('?model=plrf&alpha=0.7&beta=9&color=eta');
    expect(await page.locator('#state-error').textContent()).toContain('beta = 9 is outside its range [-0.4, 1.6]');
    expect(await pinnedPoint(page)).toEqual({ alpha: 0.7, beta: 1.2 });
    await page.locator('#input-beta').fill('5');
    await page.locator('#input-beta').press('Enter');
    await expect.poll(() => page.locator('#error-beta').textContent()).toContain('beta = 5 is outside its range [-0.4, 1.6]');
    expect(await page.locator('#input-beta').getAttribute('aria-invalid')).toBe('true');
    expect(page.url()).toContain('beta=1.2');
    await page.locator('#input-beta').fill('0.812345678');
    await page.locator('#input-beta').press('Enter');
    await expect.poll(() => page.url()).toContain('beta=0.8123&');
    // Back undoes a pin
    const first = await pinnedPoint(page);
    const { x, y } = await pixelOf(page, 1.3, 0.3);
    await page.mouse.click(x, y);
    await expect.poll(() => page.locator('#pinned-phase').textContent()).toBe('Ia');
    await page.goBack();
    await expect.poll(() => pinnedPoint(page)).toEqual(first);
    expect(await page.locator('#pinned-phase').textContent()).toBe('III');
    await page.goForward();
    await expect.poll(() => page.locator('#pinned-phase').textContent()).toBe('Ia');
    // the tooltip computes at the point a click pins: it and the panel agree to the digit
    const p = await pixelOf(page, 0.9, 0.6);
    await page.mouse.move(p.x, p.y);
    await expect.poll(() => page.locator('#tooltip').isVisible()).toBe(true);
    const tip = (await page.locator('#tooltip').textContent()) ?? '';
    await page.mouse.click(p.x, p.y);
    await expect.poll(() => page.locator('#pinned-phase').textContent()).toBe('II');
    expect(tip).toContain(`ξ = ${await page.locator('#value-xi').textContent()}`);
    expect(tip).toContain(`η = ${await page.locator('#value-eta').textContent()}`);
    // switching model leaves no tooltip of the previous one
    await page.mouse.move(p.x, p.y + 3);
    await expect.poll(() => page.locator('#tooltip').isVisible()).toBe(true);
    await page.selectOption('#model', 'rf-dynamics');
    await expect.poll(() => page.locator('#diagram').getAttribute('data-vertical')).toBe('a');
    expect(await page.locator('#tooltip').isVisible()).toBe(false);
    await page.goBack();
    await expect.poll(() => page.locator('#diagram').getAttribute('data-vertical')).toBe('alpha');
    // copy link: the clipboard gets this view's URL
    await page.context().grantPermissions(['clipboard-read', 'clipboard-write'], { origin: url });
    await page.click('#copy-link');
    await expect.poll(() => page.locator('#copy-status').textContent()).toBe('link copied');
    expect(await page.evaluate(() => navigator.clipboard.readText())).toBe(page.url());
    await page.close();
  }, 60_000);

  it('formulas are the printer\'s, in KaTeX; the derivation is mathematics with its abbreviations defined; no ASCII maths in prose', async () => {
    const page = await openPage('?model=plrf&alpha=0.27&beta=1.2&color=xi');
    // IVb's xi as the paper writes it (docs/printer.md rule 4: factors positive in the phase)
    expect(await page.locator('.quantity[data-quantity="xi"] .formula').getAttribute('data-text')).toBe('(beta - alpha)/(2*beta*(1 - alpha) - alpha)');
    const steps = page.locator('#steps > li');
    expect(await steps.count()).toBeGreaterThanOrEqual(6);
    for (let i = 0; i < (await steps.count()); i++) expect(await steps.nth(i).locator('.katex').count(), `step ${i + 1}`).toBeGreaterThan(0);
    expect(await page.locator('.katex-error').count()).toBe(0);
    // the balance uses s and q: both defined
    const defs = (await page.locator('#definitions .katex-mathml annotation').allTextContents()).join(' | ');
    expect(defs).toMatch(/^s = /);
    expect(defs).toContain('q = ');
    // prose (KaTeX removed) carries no ASCII maths: no ^, ~, *, sqrt, sum_
    const prose = await page.evaluate(() => {
      const root = document.body.cloneNode(true) as HTMLElement;
      root.querySelectorAll('.katex, script, textarea, svg, #tools, #your-theory, .item-source, .prov, code').forEach((e) => e.remove());
      return root.textContent ?? '';
    });
    expect(prose).not.toMatch(/\w\^|\s~\s|\w\*\w|sqrt|sum_/);
    // the what-am-I-looking-at panel: alpha, beta, xi, eta with the paper
    await page.click('#what summary');
    expect(await page.locator('#what-paper').getAttribute('href')).toContain('arxiv.org');
    expect(await page.locator('#what-model dt').count()).toBe(4);
    await page.close();
  }, 30_000);

  it('your theory: a pasted file is checked, derived and drawn as a built-in, and its link reproduces it', async () => {
    const text = readFileSync('explorer/examples/six-terms.yaml', 'utf8');
    const node = readUserTheory(text);
    if ('message' in node) throw new Error(node.message);
    const page = await openPage();
    // a broken file: the error names the field path and the line
    await page.locator('#theory-text').fill(text.replace("form: 'N^(-1/2)'", "form: 'N^(-1/2'"));
    await page.click('#theory-load');
    await page.waitForSelector('#theory-result[data-status="error"]', { timeout: 30_000 });
    expect(await page.locator('#theory-error').getAttribute('data-path')).toBe('terms[4].cases[0].form');
    expect(await page.locator('#theory-error').getAttribute('data-line')).toBe('46');
    await page.locator('#theory-text').fill(text);
    await page.click('#theory-load');
    await page.waitForSelector('#theory-result[data-status="done"]', { timeout: 30_000 });
    expect(await page.inputValue('#model')).toBe('user');
    expect(await page.locator('.phase-label').count()).toBe(node.theory.phases!.length);
    const check = async (pg: Page) => {
      const p = { a: Number(await pg.inputValue('#input-a')), b: Number(await pg.inputValue('#input-b')) };
      const r = node.model.exponents(p);
      expect(await pg.locator('#pinned-phase').textContent()).toBe(r.phase);
      for (const q of node.theory.quantities) expect(Number(await pg.locator(`#value-${q.name}`).getAttribute('data-value'))).toBeCloseTo(r.exponents[q.name].value!, 12);
      expect(await pg.locator('#steps > li').count()).toBeGreaterThanOrEqual(6);
    };
    await check(page);
    // click another phase of it
    const other = node.theory.phases!.find((ph) => ph.name !== node.model.exponents(node.theory.example).phase)!;
    const [a, b] = node.model.interiorPoint({ phase: other.name, piece: 0 }, 41);
    const canvas = (await page.locator('#diagram').boundingBox())!;
    const [[a0, a1], [b0, b1]] = [node.theory.parameters[0].range, node.theory.parameters[1].range];
    await page.mouse.click(canvas.x + ((b - b0) / (b1 - b0)) * canvas.width, canvas.y + (1 - (a - a0) / (a1 - a0)) * canvas.height);
    await expect.poll(() => page.locator('#pinned-phase').textContent()).toBe(other.name);
    await check(page);
    expect(page.url()).toContain('theory=');
    await page.screenshot({ path: join(SHOTS, 'explorer-your-theory.png') });
    // the claim box knows it by its id
    await page.locator('#claim-text').fill(`id: mine\nmodel: six-terms\nkind: exponent\nquantity: risk\nregion: ${other.name}\nformula: 'a + b'\n`);
    await page.click('#claim-run');
    await expect.poll(() => page.locator('.verdict[data-claim="mine"]').getAttribute('data-status'), { timeout: 60_000 }).toMatch(/refuted|verified/);
    // the link reproduces it in a fresh page
    const link = page.url();
    const again = await openPage(link.slice(url.length));
    expect(await again.inputValue('#model')).toBe('user');
    await check(again);
    await again.close();
    await page.close();
  }, 90_000);

  it('compare two points (A/B table), overlay measured exponents, export PNG and SVG', async () => {
    const page = await openPage('?model=plrf&alpha=0.7&beta=1.2&color=eta');
    const { x, y } = await pixelOf(page, 1.3, 0.3);
    await page.keyboard.down('Shift');
    await page.mouse.click(x, y);
    await page.keyboard.up('Shift');
    await expect.poll(() => page.locator('#compare-table tr[data-row="phase"] td[data-col="B"]').textContent()).toBe('Ia');
    expect(await page.locator('#compare-table tr[data-row="phase"] td[data-col="A"]').textContent()).toBe('III');
    const bPoint = parseState(new URL(page.url()).search, [plrf]).state.compare!;
    expect(Number(await page.locator('#compare-table tr[data-row="eta"] td[data-col="B"]').textContent())).toBeCloseTo(model.exponents(bPoint).exponents.eta.value!, 5);
    expect(await page.locator('#compare-table tr[data-row="balance"] td[data-col="B"]').textContent()).toBe(model.exponents(bPoint).balance.terms.join(' = '));
    // the overlay: the cells where eta is within 0.5 +- 0.02 (and xi within 0.5 +- 0.1), from the grid the page coloured
    await page.fill('#measured-eta', '0.5');
    await page.fill('#measured-xi', '0.5');
    await page.fill('#measured-xi-pm', '0.1');
    await page.click('#overlay-draw');
    const cells = Number(await page.locator('#overlay-result').getAttribute('data-cells'));
    const grid = phaseGrid(model, 400, 400);
    let want = 0;
    for (let k = 0; k < grid.phase.length; k++) if (grid.phase[k] >= 0 && Math.abs(grid.values.eta[k] - 0.5) <= 0.02 && Math.abs(grid.values.xi[k] - 0.5) <= 0.1) want++;
    expect(cells).toBe(want);
    expect(cells).toBeGreaterThan(0);
    expect(await page.locator('#measured-overlay path.measured-region').count()).toBe(1);
    await page.screenshot({ path: join(SHOTS, 'explorer-compare-overlay.png') });
    // export: the diagram as SVG (vectors + the cells as an image) and as PNG
    const [svgDl] = await Promise.all([page.waitForEvent('download'), page.click('[data-export="diagram-svg"]')]);
    const svgText = readFileSync((await svgDl.path())!, 'utf8');
    expect(svgDl.suggestedFilename()).toBe('plrf-diagram.svg');
    expect(svgText).toMatch(/^<svg[^>]*xmlns="http:\/\/www.w3.org\/2000\/svg"/);
    expect(svgText).toContain('data:image/png;base64');
    expect(svgText).toContain('ξ jumps');
    const [pngDl] = await Promise.all([page.waitForEvent('download'), page.click('[data-export="diagram-png"]')]);
    const png = readFileSync((await pngDl.path())!);
    expect([...png.subarray(0, 4)]).toEqual([0x89, 0x50, 0x4e, 0x47]);
    await page.waitForSelector('#curves[data-status="done"]', { timeout: 30_000 });
    const [curveDl] = await Promise.all([page.waitForEvent('download'), page.click('[data-export="loss curves-svg"]')]);
    expect(readFileSync((await curveDl.path())!, 'utf8')).toContain('polyline');
    await page.close();
  }, 60_000);

  it('the model select lists every model grouped by paper, library theories included and drawable', async () => {
    const lib = await libraryTheories();
    const page = await openPage();
    const options = await page.locator('#model option').evaluateAll((os) => os.map((o) => ({ value: (o as HTMLOptionElement).value, disabled: (o as HTMLOptionElement).disabled })));
    for (const t of lib) expect(options.some((o) => o.value === t.id), t.id).toBe(true);
    expect(await page.locator('#model optgroup').count()).toBeGreaterThanOrEqual(6);
    // a library theory with derived phases (lin2024: no stated phases) is drawn and answers as in Node
    const lin = lib.find((t) => t.id === 'lin2024')!;
    expect(options.find((o) => o.value === 'lin2024')!.disabled).toBe(false);
    expect(options.find((o) => o.value === 'pearce-song2024')!.disabled).toBe(true); // three parameters
    await page.selectOption('#model', 'lin2024');
    await expect.poll(() => page.locator('#diagram').getAttribute('data-vertical')).toBe('a');
    const r = new Model(lin).exponents(lin.example);
    expect(await page.locator('#pinned-phase').textContent()).toBe(r.phase);
    expect(Number(await page.locator('#value-risk').getAttribute('data-value'))).toBeCloseTo(r.exponents.risk.value!, 12);
    await page.close();
  }, 60_000);

  it('accessibility: labelled controls, canvas role and label, a visible focus ring, an aria-live announcement, keyboard B', async () => {
    const page = await openPage('?model=plrf&alpha=0.7&beta=1.2&color=eta');
    const unlabelled = await page.evaluate(() =>
      Array.from(document.querySelectorAll('input, select, textarea, button'))
        .filter((e) => !(e as HTMLInputElement).labels?.length && !e.getAttribute('aria-label') && !(e.textContent ?? '').trim())
        .map((e) => e.outerHTML.slice(0, 80)),
    );
    expect(unlabelled).toEqual([]);
    expect(await page.locator('#diagram').getAttribute('role')).toBe('img');
    expect(await page.locator('#diagram').getAttribute('aria-label')).toContain('arrow keys');
    await page.locator('#diagram').focus();
    expect(await page.evaluate(() => getComputedStyle(document.getElementById('diagram')!).outlineStyle)).not.toBe('none');
    await page.keyboard.press('ArrowUp');
    await expect.poll(() => page.locator('#announce').textContent()).toMatch(/^Pinned alpha = 0\.71, beta = 1\.2: phase III; xi = [\d.]+, eta = [\d.]+$/);
    expect(await page.locator('#announce').getAttribute('aria-live')).toBe('polite');
    await page.keyboard.press('b');
    await expect.poll(() => page.locator('#compare-table tr[data-row="phase"] td[data-col="B"]').textContent()).toBe('III');
    await page.close();
  }, 30_000);

  it('logged no console errors', () => {
    expect(consoleErrors).toEqual([]);
  });
});
