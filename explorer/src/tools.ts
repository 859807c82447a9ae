// The allocation calculator and the claim box: forms on the page, the work in ./tools.worker.ts.
import type { Verdict } from '../../src/validate/verdict.js';
import type { TheoryFile } from '../../src/engine/types.js';
import type { AllocateReply, ClaimReply, ExponentShown, ToolsReply, ToolsRequest } from './tools-protocol.js';
import { provenanceBadge, tex } from './panel.js';
import { asciiToLatex } from './formula.js';
import { byId, html, svg } from './svg.js';

type Pending = { resolve: (r: ToolsReply) => void; reject: (e: Error) => void };

/** One worker for both tools; each request gets its own answer. */
class ToolsClient {
  private worker: Worker | null = null;
  private next = 1;
  private readonly pending = new Map<number, Pending>();

  request<T extends ToolsReply>(req: Omit<Extract<ToolsRequest, { type: T['type'] }>, 'id'>): Promise<T> {
    if (!this.worker) {
      this.worker = new Worker(new URL('./tools-worker.js', import.meta.url), { type: 'module' });
      this.worker.onmessage = (ev: MessageEvent<ToolsReply>) => {
        const p = this.pending.get(ev.data.id);
        this.pending.delete(ev.data.id);
        p?.resolve(ev.data);
      };
      this.worker.onerror = (ev) => {
        for (const p of this.pending.values()) p.reject(new Error(`tools worker failed: ${ev.message}`));
        this.pending.clear();
      };
    }
    const id = this.next++;
    return new Promise<T>((resolve, reject) => {
      this.pending.set(id, { resolve: resolve as (r: ToolsReply) => void, reject });
      this.worker!.postMessage({ ...req, id });
    });
  }
}

const fmt = (v: number, digits = 4) => (Number.isFinite(v) ? (Math.abs(v) >= 1e5 || Math.abs(v) < 1e-3 ? v.toExponential(digits - 1) : Number(v.toPrecision(digits)).toString()) : String(v));
const expo = (e: ExponentShown | undefined) => (e && e.value !== null ? fmt(e.value) : '—');

export interface ToolsHandlers {
  /** pin a point of the current model (a counterexample), when the page shows that model */
  pin(model: string, point: Record<string, number>): boolean;
  /** the user's theory on show, if any: the claim box checks claims about it too (by its id) */
  userTheory(): TheoryFile | undefined;
}

export function setupTools(handlers: ToolsHandlers): { allocate(): Promise<void>; check(): Promise<void> } {
  const client = new ToolsClient();
  const num = (id: string) => Number(byId<HTMLInputElement>(id).value);

  async function allocate(): Promise<void> {
    const out = byId('alloc-result');
    out.dataset.status = 'computing';
    out.replaceChildren(html('p', { class: 'note' }, 'computing (the engine derives each law’s exponents on first use) …'));
    try {
      const r = await client.request<AllocateReply>({ type: 'allocate', flops: num('alloc-flops'), bound: { m: num('bound-m'), k: num('bound-k'), C: num('bound-C') } });
      out.replaceChildren(...allocation(r));
      out.dataset.status = 'done';
    } catch (e) {
      out.dataset.status = 'error';
      out.replaceChildren(html('p', { class: 'error' }, String(e)));
    }
  }

  async function check(): Promise<void> {
    const out = byId('claim-result');
    out.dataset.status = 'computing';
    out.replaceChildren(html('p', { class: 'note' }, 'checking …'));
    try {
      const r = await client.request<ClaimReply>({ type: 'claim', text: byId<HTMLTextAreaElement>('claim-text').value, ...(handlers.userTheory() ? { theory: handlers.userTheory() } : {}) });
      out.replaceChildren(...verdicts(r, handlers));
      out.dataset.status = r.error ? 'error' : 'done';
    } catch (e) {
      out.dataset.status = 'error';
      out.replaceChildren(html('p', { class: 'error' }, String(e)));
    }
  }

  byId('alloc-run').addEventListener('click', () => void allocate());
  byId('claim-run').addEventListener('click', () => void check());
  return { allocate, check };
}

function allocation(r: AllocateReply): Node[] {
  const head = html('tr', {}, html('th', {}, 'constants'), ...['N^\\star', 'D^\\star', 'D^\\star/N^\\star', 'L^\\star', 'N^\\star \\propto C^{a}', 'D^\\star \\propto C^{b}', 'L^\\star - E \\propto C^{-c}'].map((h) => html('th', {}, tex(h))), html('th', {}, 'provenance'));
  const rows = r.presets.map((p) =>
    html(
      'tr',
      { 'data-preset': p.id },
      html('td', { title: p.source }, p.title),
      ...(p.error
        ? [html('td', { colspan: '7', class: 'error' }, p.error)]
        : [fmt(p.N), fmt(p.D), fmt(p.D / p.N, 3), fmt(p.loss, 5), expo(p.exponents?.a), expo(p.exponents?.b), expo(p.exponents?.loss)].map((v, i) => html('td', { class: 'num', 'data-col': ['N', 'D', 'ratio', 'loss', 'a', 'b', 'c'][i] }, v))),
      html('td', {}, provenanceBadge(p.provenance)),
    ),
  );
  const a = r.presets.find((p) => p.exponents)?.exponents;
  const b = r.bound;
  const boundPart: Node[] = [
    html('h3', {}, 'Information-theoretic bound'),
    html('p', { class: 'note' }, b.label),
    html('p', {}, tex(`E(p,T) = ${b.bound.replace(/\*/g, '\\,').replace(/ln/g, '\\ln')}`), ', ', b.constraint, ' ', provenanceBadge(b.provenance)),
  ];
  if (b.at) {
    boundPart.push(
      html(
        'p',
        { id: 'bound-at' },
        'At ',
        tex(`C = ${fmt(b.at.C)}`),
        ': ',
        tex(`p^\\star = ${fmt(b.at.p)},\\ T^\\star = ${fmt(b.at.T)},\\ E^\\star = ${fmt(b.at.error)}`),
        '; local slope ',
        tex('\\mathrm{d}\\ln p^\\star / \\mathrm{d}\\ln C = '),
        html('strong', { id: 'bound-slope' }, fmt(b.at.slope)),
        ' (',
        tex(`\\mathrm{d}\\ln T^\\star / \\mathrm{d}\\ln C = ${fmt(b.at.slopeT)}`),
        '); engine asymptote ',
        tex(`p^\\star \\propto C^{${expo(b.asymptote)}}`),
        ' ',
        provenanceBadge(b.asymptote.provenance),
        '.',
      ),
    );
  }
  if (b.error) boundPart.push(html('p', { class: 'error', id: 'bound-error' }, b.error));
  if (b.slopes.length > 1) boundPart.push(slopePlot(b.slopes, b.asymptote.value ?? NaN));
  boundPart.push(html('p', { class: 'note' }, b.note));
  return [
    html('p', {}, 'Chinchilla law ', tex(`L(N, D) = ${asciiToLatex(r.law)}`), ', ', tex(asciiToLatex(r.constraint)), ': exact minimum along the budget (src/law/allocate.ts), exponents by the engine’s dominant balance.'),
    html('div', { class: 'scroll' }, html('table', { class: 'alloc', id: 'alloc-table' }, head, ...rows)),
    ...(a ? [html('p', { class: 'note' }, 'Engine formulas: ', tex(`a = ${a.a.latex},\\quad b = ${a.b.latex},\\quad c = ${a.loss.latex}`))] : []),
    ...boundPart,
    html('p', { class: 'note' }, `computed in the worker in ${r.ms.toFixed(0)} ms`),
  ];
}

/** The exact local slope of p* against log C, approaching the engine's asymptote (dashed). */
function slopePlot(points: Array<{ C: number; slope: number }>, asymptote: number): SVGSVGElement {
  const W = 420, H = 170, m = { l: 46, r: 10, t: 8, b: 32 };
  const lx = points.map((p) => Math.log10(p.C));
  const ys = points.map((p) => p.slope).concat(Number.isFinite(asymptote) ? [asymptote] : []);
  const x0 = Math.min(...lx), x1 = Math.max(...lx), y0 = Math.min(...ys) - 0.02, y1 = Math.max(...ys) + 0.02;
  const X = (c: number) => m.l + ((Math.log10(c) - x0) / (x1 - x0)) * (W - m.l - m.r);
  const Y = (s: number) => m.t + (1 - (s - y0) / (y1 - y0)) * (H - m.t - m.b);
  const s = svg('svg', { width: W, height: H, viewBox: `0 0 ${W} ${H}`, class: 'curve-plot', id: 'slope-plot' });
  s.append(svg('rect', { x: m.l, y: m.t, width: W - m.l - m.r, height: H - m.t - m.b, class: 'frame' }));
  s.append(svg('polyline', { points: points.map((p) => `${X(p.C).toFixed(1)},${Y(p.slope).toFixed(1)}`).join(' '), class: 'curve', stroke: '#31688e' }));
  if (Number.isFinite(asymptote)) s.append(svg('line', { x1: m.l, x2: W - m.r, y1: Y(asymptote), y2: Y(asymptote), class: 'theory-line' }), svg('text', { x: W - m.r - 4, y: Y(asymptote) - 4, 'text-anchor': 'end', class: 'legend-text' }, `engine asymptote ${fmt(asymptote)}`));
  for (let e = Math.ceil(x0); e <= x1; e += 2) s.append(svg('text', { x: X(10 ** e), y: H - m.b + 14, 'text-anchor': 'middle', class: 'tick-label' }, `1e${e}`));
  for (const v of [y0 + 0.02, y1 - 0.02]) s.append(svg('text', { x: m.l - 4, y: Y(v) + 4, 'text-anchor': 'end', class: 'tick-label' }, fmt(v, 3)));
  s.append(svg('text', { x: (W + m.l) / 2, y: H - 4, 'text-anchor': 'middle', class: 'axis-title' }, 'budget C = p T;  curve: d ln p*/d ln C'));
  return s;
}

function verdicts(r: ClaimReply, handlers: ToolsHandlers): Node[] {
  if (r.error) return [html('p', { class: 'error', id: 'claim-error' }, r.error)];
  return r.verdicts.map((v) => verdictBox(v, handlers));
}

function verdictBox(v: Verdict, handlers: ToolsHandlers): HTMLElement {
  const box = html('div', { class: `verdict verdict-${v.status}`, 'data-claim': v.id, 'data-status': v.status });
  box.append(html('p', {}, html('span', { class: `status status-${v.status}` }, v.status), ` ${v.id}: ${v.method}`));
  if (v.reason) box.append(html('p', { class: 'note' }, v.reason));
  const c = v.counterexample;
  if (c) {
    const pt = Object.entries(c.point).map(([k, x]) => `${k} = ${fmt(x, 6)}`).join(', ');
    const show = (x: number | string | null) => (x === null ? '—' : typeof x === 'number' ? fmt(x, 6) : x);
    box.append(
      html(
        'table',
        { class: 'counterexample' },
        html('tr', {}, html('th', {}, 'counterexample'), html('td', { class: 'ce-point' }, pt)),
        html('tr', {}, html('th', {}, 'claimed'), html('td', { class: 'ce-claimed' }, show(c.claimed))),
        html('tr', {}, html('th', {}, 'theory'), html('td', { class: 'ce-actual' }, show(c.actual))),
        html('tr', {}, html('th', {}, 'difference'), html('td', {}, show(c.difference))),
      ),
    );
    if (c.note) box.append(html('p', { class: 'note' }, c.note));
    if (v.model) {
      const button = html('button', { type: 'button', class: 'pin-ce' }, 'pin this point on the diagram');
      button.addEventListener('click', () => {
        if (!handlers.pin(v.model!, c.point)) button.replaceWith(html('span', { class: 'note' }, `(the diagram shows another model than ${v.model})`));
      });
      box.append(button);
    }
  }
  for (const t of v.theory ?? []) box.append(html('p', { class: 'prov' }, provenanceBadge(t.provenance), ` theory${t.region ? ` on ${t.region}` : ''}: ${t.expr ?? ''} ${t.source ?? ''}`));
  for (const w of v.warnings ?? []) box.append(html('p', { class: 'warning' }, `⚠ ${w}`));
  return box;
}
