// The explorer page: wires the engine (./models.ts), the diagram, the controls, the pinned-point and
// comparison panels, the user's theory, the measured-exponent overlay, export and the URL state together.
// Everything computed here comes from src/ (no formula is restated).
import { type Model, type Point } from '../../src/engine/model.js';
import type { TheoryFile } from '../../src/engine/types.js';
import { fmt } from '../../src/format.js';
import { diagramTheories, drawable, everyTheory, model as getModel } from './models.js';
import { PhaseDiagram } from './diagram.js';
import { panelTimings, renderPinned } from './panel.js';
import { CurvePanel, renderFrontier } from './curves.js';
import { defaultState, formatState, parseState, valueProblem, USER_MODEL, type ExplorerState } from './state.js';
import { greek } from './boundaries.js';
import { roundTo } from './geometry.js';
import { byId, html } from './svg.js';
import { printerFor, prose, tex } from './formula.js';
import { renderCompare, renderOverlayForm } from './compare.js';
import { exportButtons, figureOf, PLOT_CSS } from './export.js';
import { packTheory, unpackTheory } from './theory-link.js';
import type {} from './api.js';
import { setupTools } from './tools.js';

const CELLS = 400;
/** when this module's code starts: after the bundle (engine, nerdamer, KaTeX) has loaded and initialised */
const scriptStartMs = performance.now();

const theories = diagramTheories();
const timings: Record<string, number> = { scriptStartMs };
let curves: CurvePanel | undefined;
let state: ExplorerState;
/** the user's theory, once read (./user-theory.ts) */
let user: { theory: TheoryFile; model: Model; text: string; packed: string } | null = null;
/** pins a point of the model on show (set by setup) */
let pinCurrent: ((point: Point, history: 'push' | 'replace' | 'none') => void) | null = null;
let compareCurrent: ((point: Point | null, history: 'push' | 'replace' | 'none') => void) | null = null;
let shownModel = '';

const currentTheory = (): TheoryFile => (state.model === USER_MODEL && user ? user.theory : theories.find((x) => x.id === state.model)!);
const currentModel = (): Model => (state.model === USER_MODEL && user ? user.model : getModel(state.model));

function showErrors(errors: string[]): void {
  const box = byId('state-error');
  box.replaceChildren(...errors.map((e) => html('p', { class: 'error' }, e)));
  box.hidden = errors.length === 0;
}

/** Group label of a theory: its paper (the arXiv id or the URL), so the library's variants sit together. */
function paperOf(t: TheoryFile): string {
  const arxiv = (t.citation + ' ' + (t.url ?? '')).match(/(\d{4}\.\d{4,5})/);
  const who = t.citation.split(/[,"“]/)[0].trim();
  return arxiv ? `${who.slice(0, 48)} (arXiv ${arxiv[1]})` : who.slice(0, 60);
}

function modelOptions(selected: string): Node[] {
  const groups = new Map<string, TheoryFile[]>();
  for (const t of everyTheory()) {
    const k = paperOf(t);
    groups.set(k, [...(groups.get(k) ?? []), t]);
  }
  const out: Node[] = [];
  if (user) out.push(html('optgroup', { label: 'Your theory' }, html('option', { value: USER_MODEL, ...(selected === USER_MODEL ? { selected: '' } : {}) }, `your file: ${user.theory.id} (${user.theory.title})`)));
  for (const [paper, ts] of groups) {
    out.push(
      html(
        'optgroup',
        { label: paper },
        ...ts.map((x) =>
          drawable(x)
            ? html('option', { value: x.id, ...(x.id === selected ? { selected: '' } : {}) }, `${x.id}: ${x.title}`)
            : html('option', { value: x.id, disabled: '' }, `${x.id} (${x.parameters.length} parameter${x.parameters.length === 1 ? '' : 's'}: no 2-D diagram)`),
        ),
      ),
    );
  }
  return out;
}

function setup(): void {
  const t0 = performance.now();
  const model = currentModel();
  const t = model.theory;
  shownModel = state.model + (state.theory ?? '');
  document.title = `scaling-theory explorer: ${t.title}`;
  byId('model-title').textContent = t.title;
  const cite = byId<HTMLAnchorElement>('model-cite');
  cite.textContent = t.citation;
  cite.href = t.url ?? '#';
  renderWhat(model);

  const modelSel = byId<HTMLSelectElement>('model');
  modelSel.replaceChildren(...modelOptions(state.model));
  modelSel.value = state.model;
  modelSel.onchange = () => {
    if (modelSel.value === USER_MODEL && user) {
      state = { ...defaultState(user.theory), model: USER_MODEL, theory: user.packed };
    } else {
      const next = theories.find((x) => x.id === modelSel.value);
      if (!next) return;
      state = defaultState(next);
    }
    showErrors([]);
    setup();
    syncUrl('push');
  };
  const colourSel = byId<HTMLSelectElement>('color');
  colourSel.replaceChildren(...t.quantities.map((q) => html('option', { value: q.name, ...(q.name === state.color ? { selected: '' } : {}) }, greek(q.name) === q.name ? q.name : `${greek(q.name)} (${q.name})`)));
  colourSel.onchange = () => {
    state.color = colourSel.value;
    timings.recolourMs = diagram.setColour(state.color);
    syncUrl('replace');
  };

  const tooltip = byId('tooltip');
  tooltip.hidden = true; // never a tooltip of the previous model
  const diagram = new PhaseDiagram(byId('diagram-box'), model, CELLS, {
    hover(p, cx, cy) {
      if (!p) {
        tooltip.hidden = true;
        return;
      }
      tooltip.hidden = false;
      tooltip.replaceChildren(...hoverText(model, roundPoint(p)));
      // inside the viewport: to the right and below the cursor, else to its left / above
      const w = tooltip.offsetWidth, h = tooltip.offsetHeight;
      const x = cx + 14 + w > innerWidth - 4 ? Math.max(4, cx - 14 - w) : cx + 14;
      const y = cy + 14 + h > innerHeight - 4 ? Math.max(4, cy - 14 - h) : cy + 14;
      tooltip.style.left = `${x + window.scrollX}px`;
      tooltip.style.top = `${y + window.scrollY}px`;
    },
    click(p, second) {
      tooltip.hidden = true;
      if (second) compare(roundPoint(p), 'push');
      else pin(roundPoint(p), 'push');
    },
  });
  timings.gridMs = diagram.gridMs;
  timings.labelsMs = diagram.labelsMs;
  timings.recolourMs = diagram.setColour(state.color);

  // one slider and one number input per parameter, kept in sync with the pinned point
  const controls = byId('controls');
  controls.replaceChildren();
  const inputs: Record<string, { range: HTMLInputElement; number: HTMLInputElement; error: HTMLElement }> = {};
  for (const p of t.parameters) {
    const common = { min: String(p.range[0]), max: String(p.range[1]), step: '0.001', 'data-param': p.name };
    const range = html('input', { type: 'range', id: `slider-${p.name}`, 'aria-label': `${p.name} (slider, ${p.range[0]} to ${p.range[1]})`, ...common });
    const number = html('input', { type: 'number', id: `input-${p.name}`, 'aria-label': `${p.name} (value, ${p.range[0]} to ${p.range[1]})`, 'aria-describedby': `error-${p.name}`, ...common, step: 'any' });
    const error = html('span', { class: 'input-error error', id: `error-${p.name}`, role: 'alert' });
    range.addEventListener('input', () => pin({ ...state.point, [p.name]: roundTo(Number(range.value)) }, 'replace'));
    number.addEventListener('change', () => {
      const problem = valueProblem(t, p.name, number.value);
      error.textContent = problem ? `${problem}; the pinned point is unchanged` : '';
      number.setAttribute('aria-invalid', problem ? 'true' : 'false');
      if (problem) return;
      // typed values are rounded to 4 decimals (the URL and the field show what is pinned)
      const v = roundTo(Number(number.value), 4);
      number.value = String(v);
      pin({ ...state.point, [p.name]: v }, 'push');
    });
    inputs[p.name] = { range, number, error };
    controls.append(
      html('div', { class: 'control' }, html('span', { class: 'param', title: p.description }, tex(p.latex)), range, number, html('span', { class: 'param-desc' }, ...prose(p.description)), error),
    );
  }
  byId('domain').replaceChildren('Domain: ', ...t.domain.flatMap((d, i) => [...(i ? [', '] : []), tex(printerFor(model).condition(d.condition).latex)]), '. Boundaries are labelled with their equations; grey: outside the domain; shift-click (or the B button) pins a second point to compare.');

  const pinnedRoot = byId('pinned');
  const frontierRoot = byId('frontier');
  const announce = byId('announce');
  curves ??= new CurvePanel(byId('curves'));
  const curvePanel = curves;
  function pin(point: Point, mode: 'push' | 'replace' | 'none'): void {
    state.point = { ...point };
    for (const p of t.parameters) {
      const v = String(point[p.name]);
      if (inputs[p.name].range.value !== v) inputs[p.name].range.value = v;
      if (document.activeElement !== inputs[p.name].number || mode === 'none') inputs[p.name].number.value = v;
      inputs[p.name].error.textContent = '';
      inputs[p.name].number.setAttribute('aria-invalid', 'false');
    }
    diagram.setPin(point);
    const t1 = performance.now();
    const r = renderPinned(pinnedRoot, model, point);
    renderFrontier(frontierRoot, model, r);
    curvePanel.show(model, point, r !== null && state.model !== USER_MODEL);
    renderCompare(byId('compare'), model, state.point, state.compare ?? null);
    timings.pinMs = performance.now() - t1;
    timings.pinComputeMs = panelTimings.computeMs;
    timings.pinRenderMs = panelTimings.renderMs;
    announce.textContent = r
      ? `Pinned ${model.fmtPoint(point)}: phase ${r.phase}; ${t.quantities.map((q) => `${q.name} = ${r.exponents[q.name].value === null ? 'jumps' : fmt(r.exponents[q.name].value!)}`).join(', ')}`
      : `Pinned ${model.fmtPoint(point)}: outside every phase`;
    if (mode !== 'none') syncUrl(mode);
  }
  function compare(point: Point | null, mode: 'push' | 'replace' | 'none'): void {
    state.compare = point ? { ...point } : undefined;
    diagram.setCompare(point);
    renderCompare(byId('compare'), model, state.point, state.compare ?? null);
    if (mode !== 'none') syncUrl(mode);
  }
  pin(state.point, 'none');
  compare(state.compare ?? null, 'none');
  pinCurrent = pin;
  compareCurrent = compare;
  byId('pin-b').onclick = () => compare({ ...state.point }, 'push');
  byId('clear-b').onclick = () => compare(null, 'push');
  // keyboard: arrows move the pinned point by 0.01 (shift: 0.1), up/down the vertical parameter; b pins B
  const [vert, horiz] = t.parameters;
  byId('diagram').addEventListener('keydown', (ev) => {
    if (ev.key === 'b' || ev.key === 'B') {
      compare({ ...state.point }, 'push');
      return;
    }
    const step = ev.shiftKey ? 0.1 : 0.01;
    const move: Record<string, [string, number]> = { ArrowUp: [vert.name, step], ArrowDown: [vert.name, -step], ArrowRight: [horiz.name, step], ArrowLeft: [horiz.name, -step] };
    const m = move[ev.key];
    if (!m) return;
    ev.preventDefault();
    const p = t.parameters.find((x) => x.name === m[0])!;
    const v = Math.min(p.range[1], Math.max(p.range[0], roundTo(state.point[m[0]] + m[1])));
    pin({ ...state.point, [m[0]]: v }, 'replace');
  });
  renderOverlayForm(byId('overlay'), model, diagram);
  byId('diagram-export').replaceChildren(...exportButtons('diagram', () => ({ svg: diagram.toSvgText(), width: diagram.W, height: diagram.H }), `${t.id}-diagram`));

  timings.setupMs = performance.now() - t0;
  window.explorer = {
    state,
    model,
    diagram,
    curves: curvePanel,
    timings,
    recolour(quantity?: string) {
      return diagram.setColour(quantity ?? state.color);
    },
    loadTheory: (text: string) => loadUserTheory(text),
  };
}

function roundPoint(p: Point): Point {
  return Object.fromEntries(Object.entries(p).map(([k, v]) => [k, roundTo(v)]));
}

/** The tooltip: at the rounded point a click would pin, so it and the panel agree to the digit. */
function hoverText(model: Model, p: Point): Node[] {
  const head = model.params.map((n) => `${greek(n)} = ${fmt(p[n])}`).join(', ');
  try {
    const r = model.exponents(p);
    const vals = model.theory.quantities.map((q) => {
      const e = r.exponents[q.name];
      return `${greek(q.name)} = ${e.value === null ? 'jumps' : fmt(e.value)}`;
    });
    return [html('div', { class: 'tt-phase' }, `phase ${r.phase}`), html('div', {}, vals.join(', ')), html('div', { class: 'tt-point' }, head)];
  } catch {
    return [html('div', { class: 'tt-phase' }, 'outside'), html('div', { class: 'tt-point' }, head)];
  }
}

function syncUrl(mode: 'push' | 'replace'): void {
  const q = formatState(state, currentTheory());
  if (q !== location.search) {
    if (mode === 'push') history.pushState(null, '', q);
    else history.replaceState(null, '', q);
  }
  byId<HTMLAnchorElement>('share').href = q;
}

/** "What am I looking at": the parameters and quantities of the model on show, and its paper. */
function renderWhat(model: Model): void {
  const t = model.theory;
  const P = printerFor(model);
  byId('what-model').replaceChildren(
    html('p', {}, `${t.title}. `, html('a', { href: t.url ?? '#', id: 'what-paper' }, t.url ? `the paper (${t.url.replace(/^https?:\/\//, '')})` : t.citation)),
    html(
      'dl',
      {},
      ...t.parameters.flatMap((p) => [html('dt', {}, tex(p.latex)), html('dd', {}, ...prose(p.description), ` (the diagram's ${p === t.parameters[0] ? 'vertical' : 'horizontal'} axis)`)]),
      ...t.quantities.flatMap((q) => [
        html('dt', {}, tex(q.latex)),
        html('dd', {}, ...prose(q.description), ': ', tex(q.kind === 'variable' && q.variable ? `${P.name(q.variable)}^\\star \\propto ${P.name(t.compute.budget)}^{${q.sign < 0 ? '-' : ''}${q.latex}}` : `L^\\star \\propto ${P.name(t.compute.budget)}^{${q.sign < 0 ? '-' : ''}${q.latex}}`)),
      ]),
    ),
  );
}

async function loadUserTheory(text: string, history: 'push' | 'none' = 'push'): Promise<boolean> {
  const result = byId('theory-result');
  result.dataset.status = 'working';
  result.replaceChildren(html('p', { class: 'note' }, 'reading and deriving the phases…'));
  const t0 = performance.now();
  const { readUserTheory } = await import('./user-theory.js');
  const r = readUserTheory(text);
  if ('message' in r) {
    result.dataset.status = 'error';
    result.replaceChildren(
      html('p', { class: 'error', id: 'theory-error', 'data-path': r.path ?? '', 'data-line': String(r.line ?? '') }, r.message),
      ...(r.line !== undefined ? [html('pre', { class: 'theory-context' }, text.split('\n').slice(Math.max(0, r.line - 3), r.line + 1).map((l, i) => `${Math.max(1, r.line! - 2) + i}${Math.max(1, r.line! - 2) + i === r.line ? ' >' : '  '} ${l}`).join('\n'))] : []),
    );
    return false;
  }
  user = { theory: r.theory, model: r.model, text, packed: packTheory(text) };
  state = { ...defaultState(r.theory), model: USER_MODEL, theory: user.packed };
  showErrors([]);
  setup();
  timings.userTheoryMs = performance.now() - t0;
  timings.userReadMs = r.ms;
  result.dataset.status = 'done';
  result.replaceChildren(
    html('p', { id: 'theory-ok' }, `${r.theory.id}: ${r.theory.phases!.length} phase${r.theory.phases!.length === 1 ? '' : 's'} (${r.theory.phases!.map((p) => p.name).join(', ')}), read, derived and drawn in ${(timings.userTheoryMs).toFixed(0)} ms; the link carries the file (${user.packed.length} characters compressed).`),
  );
  if (history === 'push') syncUrl('push');
  byId('diagram-box').scrollIntoView({ block: 'nearest' });
  return true;
}

function setupTheoryBox(): void {
  const area = byId<HTMLTextAreaElement>('theory-text');
  const file = byId<HTMLInputElement>('theory-file');
  byId('theory-load').addEventListener('click', () => void loadUserTheory(area.value));
  file.addEventListener('change', async () => {
    const f = file.files?.[0];
    if (f) {
      area.value = await f.text();
      void loadUserTheory(area.value);
    }
  });
  area.addEventListener('dragover', (ev) => {
    ev.preventDefault();
    area.classList.add('drop');
  });
  area.addEventListener('dragleave', () => area.classList.remove('drop'));
  area.addEventListener('drop', async (ev) => {
    ev.preventDefault();
    area.classList.remove('drop');
    const f = ev.dataTransfer?.files[0];
    if (f) {
      area.value = await f.text();
      void loadUserTheory(area.value);
    }
  });
}

function setupCopyLink(): void {
  const button = byId<HTMLButtonElement>('copy-link');
  const status = byId('copy-status');
  button.addEventListener('click', async () => {
    const link = location.href;
    try {
      await navigator.clipboard.writeText(link);
      status.textContent = 'link copied';
    } catch {
      // no clipboard permission: select the link in a field for a manual copy
      const field = html('input', { type: 'text', readonly: '', value: link, 'aria-label': 'link to this view', class: 'link-field' });
      status.replaceChildren(field);
      field.select();
    }
    status.dataset.link = link;
  });
}

async function start(): Promise<void> {
  const errors: string[] = [];
  const q = new URLSearchParams(location.search);
  if (q.get('model') === USER_MODEL && q.get('theory')) {
    try {
      const text = unpackTheory(q.get('theory')!);
      byId<HTMLTextAreaElement>('theory-text').value = text;
      const { readUserTheory } = await import('./user-theory.js');
      const r = readUserTheory(text);
      if ('message' in r) errors.push(`the link's theory: ${r.message}`);
      else user = { theory: r.theory, model: r.model, text, packed: q.get('theory')! };
    } catch (e) {
      errors.push(e instanceof Error ? e.message : String(e));
    }
  }
  const parsed = parseState(location.search, theories, user?.theory);
  state = parsed.state;
  if (state.model === USER_MODEL && user) state.theory = user.packed;
  for (const el of document.querySelectorAll<HTMLElement>('.m[data-tex]')) el.replaceChildren(tex(el.dataset.tex!));
  setup();
  showErrors([...errors, ...parsed.errors]);
  const plot = (sel: string) => () => {
    const el = document.querySelector<SVGSVGElement>(sel);
    return el ? figureOf(el, PLOT_CSS) : null;
  };
  byId('curves-export').replaceChildren(...exportButtons('loss curves', plot('#curve-plot'), 'loss-curves'));
  byId('slope-export').replaceChildren(...exportButtons('slope plot', plot('#slope-plot'), 'bound-slope'));
  syncUrl('replace'); // the URL shows the state on show (a refused value is not left in it)
  setupTheoryBox();
  setupCopyLink();
  // Back and Forward: the state of that entry (a pin, a comparison point, a model)
  window.addEventListener('popstate', () => {
    const p = parseState(location.search, theories, user?.theory);
    const prevModel = shownModel;
    state = p.state;
    if (state.model === USER_MODEL && user) state.theory = user.packed;
    showErrors(p.errors);
    if (state.model + (state.theory ?? '') !== prevModel || !pinCurrent) setup();
    else {
      pinCurrent(state.point, 'none');
      compareCurrent?.(state.compare ?? null, 'none');
      byId<HTMLSelectElement>('color').value = state.color;
      window.explorer?.recolour(state.color);
    }
  });
  const tools = setupTools({
    pin(modelId, point) {
      if ((modelId !== state.model && !(state.model === USER_MODEL && user?.theory.id === modelId)) || !pinCurrent) return false;
      pinCurrent(point, 'push');
      byId('diagram-box').scrollIntoView({ behavior: 'smooth' });
      return true;
    },
    userTheory: () => (state.model === USER_MODEL && user ? user.theory : undefined),
  });
  performance.mark('explorer-ready');
  document.body.dataset.ready = '1';
  // the calculator's first answer when it comes into view (its worker runs the CAS for the laws' exponents)
  const seen = new IntersectionObserver((entries) => {
    if (entries.some((e) => e.isIntersecting)) {
      seen.disconnect();
      void tools.allocate();
    }
  });
  seen.observe(byId('alloc-result'));
}

start().catch((e) => {
  byId('fatal').textContent = `The explorer failed to start: ${e instanceof Error ? e.message : String(e)}`;
  throw e;
});
