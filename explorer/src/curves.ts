// The curve panel of the pinned point: the engine's compute-optimal frontier (d* ∝ f^ξ, P* ∝ f^(-η)),
// and, for PLRF, loss curves for a few d computed in a web worker (./curves.worker.ts: the deterministic-
// equivalent method of src/numeric/plrf/), with their lower envelope and its fitted power law. The
// worker answers the latest request only, so dragging a slider never queues up work.
import type { ExponentsResult, Model } from '../../src/engine/model.js';
import { fmt } from '../../src/format.js';
import { findModel, getTheory } from '../../src/models/registry.js';
import { theoryExponents } from '../../src/models/theory-entry.js';
import type { CurveData, CurveReply, CurveRequest } from './curves-protocol.js';
import { LUT } from './colour.js';
import { tex } from './panel.js';
import { svg, html } from './svg.js';

/** The d values drawn for a model with a simulated frontier (the `frontier` capability). */
const BROWSER_D_GRID = [25, 50, 100, 200];

export function renderFrontier(root: HTMLElement, model: Model, r: ExponentsResult | null): void {
  const t = model.theory;
  const items: Node[] = [];
  if (r) {
    for (const q of t.quantities) {
      const e = r.exponents[q.name];
      if (e.value === null) continue;
      const lhs = q.kind === 'variable' ? `${q.variable}^\\star` : 'P^\\star';
      const exp = q.sign < 0 ? `-${fmt(e.value)}` : fmt(e.value);
      items.push(html('div', { class: 'frontier', 'data-quantity': q.name }, tex(`${lhs} \\propto ${t.compute.budget}^{${exp}}`, true)));
    }
  }
  root.replaceChildren(...items);
}

export class CurvePanel {
  private worker: Worker | null = null;
  private next = 1;
  private inFlight: CurveRequest | null = null;
  private pending: CurveRequest | null = null;
  private sentAt = 0;
  /** the id of the request whose answer may be drawn (-1: none, the panel shows something else) */
  private wanted = -1;
  /** wall-clock milliseconds of the last answered request, and the worker's own figure */
  last: { wallMs: number; workerMs: number } | null = null;

  constructor(private readonly root: HTMLElement) {}

  /** Ask for the curves at a point of `model` (a no-op note for models without a curve method). */
  show(model: Model, point: Record<string, number>, inDomain: boolean): void {
    // a registered model only (a user's theory may reuse a built-in's id: it has no curve method here)
    const entry = getTheory(model.theory.id) === model.theory ? findModel(model.theory.id) : undefined;
    const spec = entry?.frontier ? { dGrid: BROWSER_D_GRID } : undefined;
    if (!spec) {
      this.wanted = -1;
      this.pending = null;
      this.root.replaceChildren(html('p', { class: 'note', id: 'curves-note' }, `No curve method for ${model.theory.id} in the browser yet: the panel above gives the engine's frontier.`));
      this.root.dataset.status = 'none';
      return;
    }
    if (!inDomain) {
      this.wanted = -1;
      this.root.replaceChildren(html('p', { class: 'note', id: 'curves-note' }, 'No curves outside the domain.'));
      this.root.dataset.status = 'none';
      this.pending = null;
      return;
    }
    const req: CurveRequest = { id: this.next++, alpha: point.alpha, beta: point.beta, dGrid: spec.dGrid, theory: theoryExponents(model, point) as unknown as CurveRequest['theory'] };
    this.wanted = req.id;
    this.root.dataset.status = 'computing';
    this.root.querySelector('.curve-status')?.replaceChildren(`computing curves for d = ${spec.dGrid.join(', ')} …`);
    if (!this.root.querySelector('svg')) this.root.replaceChildren(html('p', { class: 'note curve-status' }, `computing curves for d = ${spec.dGrid.join(', ')} …`));
    if (this.inFlight) this.pending = req;
    else this.send(req);
  }

  private send(req: CurveRequest): void {
    if (!this.worker) {
      this.worker = new Worker(new URL('./curves-worker.js', import.meta.url), { type: 'module' });
      this.worker.onmessage = (ev: MessageEvent<CurveReply>) => this.receive(ev.data);
      this.worker.onerror = (ev) => {
        this.inFlight = null;
        this.root.dataset.status = 'error';
        this.root.replaceChildren(html('p', { class: 'error' }, `curve worker failed: ${ev.message}`));
      };
    }
    this.inFlight = req;
    this.sentAt = performance.now();
    this.worker.postMessage(req);
  }

  private receive(reply: CurveReply): void {
    const wallMs = performance.now() - this.sentAt;
    const req = this.inFlight;
    this.inFlight = null;
    if (this.pending) {
      const p = this.pending;
      this.pending = null;
      this.send(p);
      return;
    }
    if (reply.id !== this.wanted) return;
    this.last = { wallMs, workerMs: reply.ms };
    if (!reply.ok) {
      this.root.dataset.status = 'error';
      this.root.replaceChildren(html('p', { class: 'error', id: 'curves-error' }, `curves: ${reply.error}`));
      return;
    }
    this.root.dataset.status = 'done';
    if (req) this.root.dataset.point = `${req.alpha},${req.beta}`;
    this.root.dataset.fitEta = String(reply.fit.eta.value);
    this.root.dataset.fitXi = String(reply.fit.xi.value);
    this.root.replaceChildren(plot(reply), caption(reply, wallMs));
  }
}

function caption(r: CurveData, ms: number): HTMLElement {
  const ci = (f: { value: number; ci: [number, number] }) => `${fmt(f.value)} [${fmt(f.ci[0])}, ${fmt(f.ci[1])}]`;
  const th = (v: number | null) => (v === null ? '—' : fmt(v));
  return html(
    'div',
    { class: 'curve-caption' },
    html('p', {}, `Envelope fit (lower envelope of the curves, 95% bootstrap interval): η = ${ci(r.fit.eta)}, ξ = ${ci(r.fit.xi)}; engine: η = ${th(r.theory.eta)} [${r.theory.provenance.eta}], ξ = ${th(r.theory.xi)} [${r.theory.provenance.xi}]. At these moderate d the fit is a finite-size estimate, not the asymptotic exponent.`),
    html('p', { class: 'note curve-status' }, `Deterministic equivalent (src/numeric/plrf/), d = ${r.curves.map((c) => c.d).join(', ')}; computed in a web worker in ${ms.toFixed(0)} ms.`),
  );
}

/** Log-log plot: one curve per d (viridis by d), the envelope (dots), its fit (dashed), the engine's slope (dotted). */
function plot(r: CurveData): SVGSVGElement {
  const W = 520, H = 300, m = { l: 58, r: 12, t: 10, b: 40 };
  const all = r.curves.flatMap((c) => c.flops.map((f, i) => [f, c.loss[i]] as const)).filter(([f, l]) => f > 0 && l > 0 && Number.isFinite(l));
  const lx = all.map(([f]) => Math.log10(f)), ly = all.map(([, l]) => Math.log10(l));
  const x0 = Math.min(...lx), x1 = Math.max(...lx), y0 = Math.min(...ly), y1 = Math.max(...ly);
  const X = (f: number) => m.l + ((Math.log10(f) - x0) / (x1 - x0)) * (W - m.l - m.r);
  const Y = (l: number) => m.t + (1 - (Math.log10(l) - y0) / (y1 - y0)) * (H - m.t - m.b);
  const s = svg('svg', { width: W, height: H, viewBox: `0 0 ${W} ${H}`, class: 'curve-plot', id: 'curve-plot' });
  s.append(svg('rect', { x: m.l, y: m.t, width: W - m.l - m.r, height: H - m.t - m.b, class: 'frame' }));
  for (let e = Math.ceil(x0); e <= Math.floor(x1); e++) {
    const x = X(10 ** e);
    s.append(svg('line', { x1: x, x2: x, y1: H - m.b, y2: H - m.b + 4, class: 'tick' }), svg('text', { x, y: H - m.b + 16, 'text-anchor': 'middle', class: 'tick-label' }, `1e${e}`));
  }
  for (let e = Math.ceil(y0 * 2) / 2; e <= y1; e += 0.5) {
    const y = Y(10 ** e);
    s.append(svg('line', { x1: m.l - 4, x2: m.l, y1: y, y2: y, class: 'tick' }), svg('text', { x: m.l - 6, y: y + 4, 'text-anchor': 'end', class: 'tick-label' }, Number((10 ** e).toPrecision(2)).toString()));
  }
  s.append(svg('text', { x: (W + m.l) / 2, y: H - 6, 'text-anchor': 'middle', class: 'axis-title' }, 'flops f = d B r'), svg('text', { x: 12, y: H / 2, 'text-anchor': 'middle', class: 'axis-title', transform: `rotate(-90 12 ${H / 2})` }, 'loss P'));
  r.curves.forEach((c, i) => {
    const k = Math.round((i / Math.max(1, r.curves.length - 1)) * 220) * 3;
    const colour = `rgb(${LUT[k]},${LUT[k + 1]},${LUT[k + 2]})`;
    const pts = c.flops.map((f, j) => (f > 0 && c.loss[j] > 0 ? `${X(f).toFixed(1)},${Y(c.loss[j]).toFixed(1)}` : '')).filter(Boolean).join(' ');
    s.append(svg('polyline', { points: pts, class: 'curve', stroke: colour, 'data-d': c.d }));
    const lastJ = c.flops.length - 1;
    s.append(svg('text', { x: X(c.flops[lastJ]) - 4, y: Y(c.loss[lastJ]) - 4, 'text-anchor': 'end', class: 'curve-label', fill: colour }, `d = ${c.d}`));
  });
  for (let j = 0; j < r.envelope.flops.length; j++) s.append(svg('circle', { cx: X(r.envelope.flops[j]), cy: Y(r.envelope.loss[j]), r: 2.2, class: 'envelope' }));
  const ef = r.envelope.flops;
  if (ef.length >= 2) {
    const [fa, fb] = [ef[0], ef[ef.length - 1]];
    const fitAt = (f: number) => Math.exp(r.fit.logP - r.fit.eta.value * Math.log(f));
    s.append(svg('line', { x1: X(fa), y1: Y(fitAt(fa)), x2: X(fb), y2: Y(fitAt(fb)), class: 'fit-line' }));
    if (r.theory.eta !== null) {
      // the engine's slope through the envelope's middle point
      const mid = Math.floor(ef.length / 2), fm = ef[mid], lm = r.envelope.loss[mid];
      const th = (f: number) => lm * Math.pow(f / fm, -r.theory.eta!);
      s.append(svg('line', { x1: X(fa), y1: Y(th(fa)), x2: X(fb), y2: Y(th(fb)), class: 'theory-line' }));
    }
  }
  s.append(
    svg('text', { x: W - m.r - 6, y: m.t + 14, 'text-anchor': 'end', class: 'legend-text' }, '● envelope   - - fit   ··· engine slope'),
  );
  return s;
}
