// The explorer page: wires the engine (./models.ts), the diagram, the controls, the pinned-point panel and
// the URL state together. Everything computed here comes from src/ (no formula is restated).
import { type Model, type Point } from '../../src/engine/model.js';
import { fmt } from '../../src/format.js';
import { diagramTheories, model as getModel } from './models.js';
import { PhaseDiagram } from './diagram.js';
import { renderPinned } from './panel.js';
import { CurvePanel, renderFrontier } from './curves.js';
import { defaultState, formatState, parseState } from './state.js';
import { greek, prettyEquation } from './boundaries.js';
import { roundTo } from './geometry.js';
import { byId, html } from './svg.js';
import type {} from './api.js';
import { setupTools } from './tools.js';

const CELLS = 400;
/** when this module's code starts: after the bundle (engine, nerdamer, KaTeX) has loaded and initialised */
const scriptStartMs = performance.now();

const theories = diagramTheories();
let state = parseState(location.search, theories);
const timings: Record<string, number> = { scriptStartMs };
let curves: CurvePanel | undefined;
/** pins a point of the model on show (set by setup) */
let pinCurrent: ((point: Point) => void) | null = null;

function setup(): void {
  const t0 = performance.now();
  const model = getModel(state.model);
  const t = model.theory;
  document.title = `scaling-theory explorer: ${t.title}`;
  byId('model-title').textContent = t.title;
  const cite = byId<HTMLAnchorElement>('model-cite');
  cite.textContent = t.citation;
  cite.href = t.url ?? '#';

  // model and colour selectors
  const modelSel = byId<HTMLSelectElement>('model');
  modelSel.replaceChildren(...theories.map((x) => html('option', { value: x.id, ...(x.id === t.id ? { selected: '' } : {}) }, `${x.id}: ${x.title}`)));
  modelSel.onchange = () => {
    const next = theories.find((x) => x.id === modelSel.value);
    if (next) {
      state = defaultState(next);
      setup();
    }
  };
  const colourSel = byId<HTMLSelectElement>('color');
  colourSel.replaceChildren(...t.quantities.map((q) => html('option', { value: q.name, ...(q.name === state.color ? { selected: '' } : {}) }, greek(q.name) === q.name ? q.name : `${greek(q.name)} (${q.name})`)));
  colourSel.onchange = () => {
    state.color = colourSel.value;
    timings.recolourMs = diagram.setColour(state.color);
    syncUrl();
  };

  const tooltip = byId('tooltip');
  const diagram = new PhaseDiagram(byId('diagram-box'), model, CELLS, {
    hover(p, cx, cy) {
      if (!p) {
        tooltip.hidden = true;
        return;
      }
      tooltip.hidden = false;
      tooltip.style.left = `${cx + 14 + window.scrollX}px`;
      tooltip.style.top = `${cy + 14 + window.scrollY}px`;
      tooltip.replaceChildren(...hoverText(model, p));
    },
    click(p) {
      pin(Object.fromEntries(Object.entries(p).map(([k, v]) => [k, roundTo(v)])));
    },
  });
  timings.gridMs = diagram.gridMs;
  timings.labelsMs = diagram.labelsMs;
  timings.recolourMs = diagram.setColour(state.color);

  // one slider and one number input per parameter, kept in sync with the pinned point
  const controls = byId('controls');
  controls.replaceChildren();
  const inputs: Record<string, { range: HTMLInputElement; number: HTMLInputElement }> = {};
  for (const p of t.parameters) {
    const common = { min: String(p.range[0]), max: String(p.range[1]), step: '0.001', 'data-param': p.name };
    const range = html('input', { type: 'range', id: `slider-${p.name}`, ...common });
    const number = html('input', { type: 'number', id: `input-${p.name}`, ...common });
    const onInput = (el: HTMLInputElement) => () => {
      const v = Number(el.value);
      if (el.value.trim() !== '' && Number.isFinite(v)) pin({ ...state.point, [p.name]: v });
    };
    range.addEventListener('input', onInput(range));
    number.addEventListener('change', onInput(number));
    inputs[p.name] = { range, number };
    controls.append(html('label', { class: 'control', title: p.description }, html('span', { class: 'param' }, greek(p.name)), range, number, html('span', { class: 'param-desc' }, p.description)));
  }

  const domain = byId('domain');
  domain.textContent = `Domain: ${t.domain.map((d) => prettyEquation(d.condition)).join(', ')}. Boundaries are labelled with their equations; grey: outside the domain.`;

  const pinnedRoot = byId('pinned');
  const frontierRoot = byId('frontier');
  curves ??= new CurvePanel(byId('curves'));
  const curvePanel = curves;
  function pin(point: Point): void {
    state.point = { ...point };
    for (const p of t.parameters) {
      const v = String(point[p.name]);
      if (inputs[p.name].range.value !== v) inputs[p.name].range.value = v;
      if (document.activeElement !== inputs[p.name].number) inputs[p.name].number.value = v;
    }
    diagram.setPin(point);
    const t1 = performance.now();
    const r = renderPinned(pinnedRoot, model, point);
    renderFrontier(frontierRoot, model, r);
    curvePanel.show(model, point, r !== null);
    timings.pinMs = performance.now() - t1;
    syncUrl();
  }
  pin(state.point);
  pinCurrent = pin;
  // keyboard: arrows move the pinned point by 0.01 (shift: 0.1), up/down the vertical parameter
  const [vert, horiz] = t.parameters;
  byId('diagram').addEventListener('keydown', (ev) => {
    const step = ev.shiftKey ? 0.1 : 0.01;
    const move: Record<string, [string, number]> = { ArrowUp: [vert.name, step], ArrowDown: [vert.name, -step], ArrowRight: [horiz.name, step], ArrowLeft: [horiz.name, -step] };
    const m = move[ev.key];
    if (!m) return;
    ev.preventDefault();
    pin({ ...state.point, [m[0]]: roundTo(state.point[m[0]] + m[1]) });
  });

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
  };
}

function hoverText(model: Model, p: Point): Node[] {
  const head = model.params.map((n) => `${greek(n)} = ${fmt(roundTo(p[n]))}`).join(', ');
  try {
    const r = model.exponents(p);
    const vals = model.theory.quantities.map((q) => {
      const e = r.exponents[q.name];
      return `${greek(q.name)} = ${e.value === null ? 'jumps' : fmt(e.value)}`;
    });
    return [html('div', { class: 'tt-phase' }, `phase ${r.phase}`), html('div', {}, vals.join(', ')), html('div', { class: 'tt-point' }, head)];
  } catch (e) {
    return [html('div', { class: 'tt-phase' }, 'outside'), html('div', { class: 'tt-point' }, head)];
  }
}

function syncUrl(): void {
  const theory = theories.find((x) => x.id === state.model)!;
  const q = formatState(state, theory);
  if (q !== location.search) history.replaceState(null, '', q);
  byId<HTMLAnchorElement>('share').href = q;
}

try {
  setup();
  const tools = setupTools({
    pin(modelId, point) {
      if (modelId !== state.model || !pinCurrent) return false;
      pinCurrent(point);
      byId('diagram-box').scrollIntoView({ behavior: 'smooth' });
      return true;
    },
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
} catch (e) {
  byId('fatal').textContent = `The explorer failed to start: ${e instanceof Error ? e.message : String(e)}`;
  throw e;
}
