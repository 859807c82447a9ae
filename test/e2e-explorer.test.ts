// End-to-end: the explorer built by `node scripts/explorer.mjs`, served on 127.0.0.1, driven in Debian's
// chromium through playwright-core. These tests never skip: without a browser they fail and say how to
// install one (.ci/run installs it). Screenshots go to docs/screenshots/.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
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

let server: ChildProcess | undefined;
let browser: Browser | undefined;
let url = '';
let outDir = '';
const consoleErrors: string[] = [];

function startServer(out: string): Promise<string> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['scripts/explorer.mjs', '--out', out, '--port', '0'], { stdio: ['ignore', 'pipe', 'pipe'] });
    server = child;
    let log = '';
    const onData = (b: Buffer) => {
      log += b.toString();
      const m = log.match(/serving at (http:\/\/127\.0\.0\.1:\d+\/)/);
      if (m) resolve(m[1]);
    };
    child.stdout.on('data', onData);
    child.stderr.on('data', onData);
    child.on('exit', (code) => reject(new Error(`scripts/explorer.mjs exited with ${code} before serving:\n${log}`)));
  });
}

async function openPage(query = ''): Promise<Page> {
  const page = await browser!.newPage({ viewport: { width: 1400, height: 1000 } });
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
  url = await startServer(outDir);
  browser = await chromium.launch({ executablePath: CHROMIUM, args: ['--no-sandbox', '--disable-dev-shm-usage'] });
}, 180_000);

afterAll(async () => {
  await browser?.close();
  server?.kill();
  if (outDir) rmSync(outDir, { recursive: true, force: true });
});

describe('explorer modules (Node)', () => {
  const model = plrfModel();
  const box: [[number, number], [number, number]] = [plrf.parameters[0].range, plrf.parameters[1].range];
  const grid = phaseGrid(model, 200, 200, box);

  it('URL state: round trip, and bad values fall back to the example point', () => {
    const s = { model: 'plrf', point: { alpha: 0.31, beta: -0.1 }, color: 'xi' };
    expect(parseState(formatState(s, plrf), [plrf])).toEqual(s);
    expect(parseState('?model=nope&alpha=abc&beta=&color=zeta', [plrf])).toEqual(defaultState(plrf));
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
    expect(text).toMatch(/ξ = 0\.(39|40)\d*/);
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

  it('logged no console errors', () => {
    expect(consoleErrors).toEqual([]);
  });
});
