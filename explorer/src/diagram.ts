// The phase diagram: a canvas with one pixel per grid cell (coloured by ./colour.ts) under an SVG overlay
// carrying the axes, the phase and boundary labels, the hover ring and the pinned point. The grid is
// computed once per model by the engine's phaseGrid; changing the colouring only re-colours it.
import { phaseGrid, type PhaseGrid } from '../../src/engine/grid.js';
import type { Model } from '../../src/engine/model.js';
import { colourGrid, gradientCss, scaleOf, type Scale } from './colour.js';
import { boundaryLabels, conjecturalMask, domainMask, phaseLabels, prettyEquation, greek, type BoundaryLabel, type PhaseLabel } from './boundaries.js';
import { fromFraction, toFraction, ticks, type Axes } from './geometry.js';
import { svg, html } from './svg.js';
import { prose, tex } from './formula.js';

/** The overlay's look inside an exported SVG (the page's stylesheet does not travel with it). */
const EXPORT_CSS = `text { font-family: system-ui, sans-serif; } .axes line, .axes .frame { stroke: #333; fill: none; } .axes text { font-size: 12px; fill: #333; }
.axes .axis-title { font-size: 16px; font-style: italic; } .phase-label { font: bold 15px system-ui, sans-serif; fill: #fff; stroke: #000; stroke-width: 0.7px; paint-order: stroke; }
.boundary-label { font: italic 11px system-ui, sans-serif; fill: #111; stroke: #fff; stroke-width: 3px; paint-order: stroke; } .pin-halo { fill: none; stroke: #fff; stroke-width: 3; }
.pin-dot, .pin-dot-b { fill: #c2185b; stroke: #fff; stroke-width: 1.5; } .pin-dot-b { fill: #1565c0; } .pin-label { font: bold 12px system-ui; fill: #1565c0; stroke: #fff; stroke-width: 3px; paint-order: stroke; }
.hover-ring { display: none; } .measured-region { fill: rgba(255, 255, 255, 0.35); stroke: #fff; stroke-width: 0.6; }`;

export interface DiagramHandlers {
  hover(point: Record<string, number> | null, clientX: number, clientY: number): void;
  /** `second`: shift-click, the comparison point B */
  click(point: Record<string, number>, second: boolean): void;
}

const M = { left: 56, right: 14, top: 14, bottom: 46 };

export class PhaseDiagram {
  readonly grid: PhaseGrid;
  readonly axes: Axes;
  readonly boundaries: BoundaryLabel[];
  readonly phases: PhaseLabel[];
  /** milliseconds spent in the engine's phaseGrid */
  readonly gridMs: number;
  /** milliseconds spent finding the labels */
  readonly labelsMs: number;
  /** 1 where a cell's centre lies inside the model's domain */
  readonly inDomain: Uint8Array;
  private readonly canvas: HTMLCanvasElement;
  private readonly ctx: CanvasRenderingContext2D;
  private readonly image: ImageData;
  private readonly overlay: SVGSVGElement;
  private readonly pin: SVGGElement;
  private readonly ring: SVGCircleElement;
  private readonly legend: HTMLElement;
  private readonly size: number;
  /** 1 in the cells of a conjectural piece of a phase (hatched) */
  readonly hatch: Uint8Array;
  /** the overlay's coordinate box (viewBox units; the page scales it to the width) */
  readonly W: number;
  readonly H: number;
  private readonly compare: SVGGElement;
  /** text enlargement for a narrow screen: the plot is drawn smaller than its 480 px, its labels are not */
  private readonly k: number;
  private readonly overlayLayer: SVGGElement;
  colour = '';

  constructor(
    container: HTMLElement,
    private readonly model: Model,
    cells: number,
    handlers: DiagramHandlers,
    size = 480,
  ) {
    const t = model.theory;
    const [vert, horiz] = t.parameters;
    this.size = size;
    this.axes = { vertical: { name: vert.name, range: vert.range }, horizontal: { name: horiz.name, range: horiz.range } };
    const t0 = performance.now();
    this.grid = phaseGrid(model, cells, cells);
    this.gridMs = performance.now() - t0;
    const t1 = performance.now();
    this.inDomain = domainMask(model, this.grid, [vert.range, horiz.range]);
    this.boundaries = boundaryLabels(model, this.grid, [vert.range, horiz.range], this.inDomain);
    this.phases = phaseLabels(this.grid, [vert.range, horiz.range]);
    this.labelsMs = performance.now() - t1;

    const W = size + M.left + M.right, H = size + M.top + M.bottom;
    this.k = Math.min(1.6, Math.max(1, W / Math.max(200, container.clientWidth || W)));
    container.replaceChildren();
    this.W = W;
    this.H = H;
    // the plot scales with its container (phones): the SVG by its viewBox, the canvas by percentages
    const pct = (x: number, of: number) => `${((100 * x) / of).toFixed(4)}%`;
    const box = html('div', { class: 'plot', style: `max-width:${W}px;aspect-ratio:${W}/${H}` });
    this.canvas = html('canvas', {
      id: 'diagram',
      width: String(cells),
      height: String(cells),
      style: `left:${pct(M.left, W)};top:${pct(M.top, H)};width:${pct(size, W)};height:${pct(size, H)}`,
      'data-vertical': vert.name,
      'data-vertical-range': vert.range.join(','),
      'data-horizontal': horiz.name,
      'data-horizontal-range': horiz.range.join(','),
      role: 'img',
      'aria-label': `phase diagram of ${t.id}: ${horiz.name} across, ${vert.name} up. arrow keys move the pinned point by 0.01, with shift by 0.1, and b pins it as the comparison point B; the pinned phase is announced.`,
      tabindex: '0',
    });
    this.ctx = this.canvas.getContext('2d')!;
    this.image = this.ctx.createImageData(cells, cells);
    this.overlay = svg('svg', { viewBox: `0 0 ${W} ${H}`, class: 'overlay', 'aria-hidden': 'true' });
    box.append(this.canvas, this.overlay);
    this.legend = html('div', { class: 'legend' });
    container.append(box, this.legend);
    this.hatch = conjecturalMask(model, this.grid, [vert.range, horiz.range]);

    this.drawAxes();
    this.drawLabels();
    this.ring = svg('circle', { r: 7, class: 'hover-ring', visibility: 'hidden' });
    this.pin = svg('g', { id: 'pin', class: 'pin' });
    this.pin.append(svg('circle', { r: 9, class: 'pin-halo' }), svg('circle', { r: 4.5, class: 'pin-dot' }));
    this.overlay.append(this.ring, this.pin);

    const pointAt = (ev: MouseEvent | PointerEvent): Record<string, number> | null => {
      const r = this.canvas.getBoundingClientRect();
      const fx = (ev.clientX - r.left) / r.width, fy = (ev.clientY - r.top) / r.height;
      if (fx < 0 || fx > 1 || fy < 0 || fy > 1) return null;
      const { v, h } = fromFraction(this.axes, { fx, fy });
      return { [vert.name]: v, [horiz.name]: h };
    };
    // a mouse hovers (ring + tooltip); a touch or pen tap pins and never leaves a tooltip behind
    this.canvas.addEventListener('pointermove', (ev) => {
      if (ev.pointerType !== 'mouse') return;
      const p = pointAt(ev);
      if (p) this.placeAt(this.ring, p);
      this.ring.setAttribute('visibility', p ? 'visible' : 'hidden');
      handlers.hover(p, ev.clientX, ev.clientY);
    });
    const leave = (ev: PointerEvent) => {
      this.ring.setAttribute('visibility', 'hidden');
      handlers.hover(null, ev.clientX, ev.clientY);
    };
    this.canvas.addEventListener('pointerleave', leave);
    this.canvas.addEventListener('pointercancel', leave);
    this.canvas.addEventListener('pointerdown', (ev) => {
      if (ev.pointerType !== 'mouse') leave(ev);
    });
    // pin on pointerup, not click: a click's coordinates are whole pixels while pointermove's are not, and
    // the tooltip must show exactly the point a click pins
    this.canvas.addEventListener('pointerup', (ev) => {
      if (!ev.isPrimary || ev.button !== 0) return;
      const p = pointAt(ev);
      if (p) handlers.click(p, ev.shiftKey);
    });
    this.compare = svg('g', { id: 'pin-b-marker', class: 'pin pin-b', visibility: 'hidden' });
    this.compare.append(svg('circle', { r: 9, class: 'pin-halo' }), svg('rect', { x: -4.5, y: -4.5, width: 9, height: 9, class: 'pin-dot-b' }), svg('text', { x: 10, y: -8, class: 'pin-label' }, 'B'));
    this.overlayLayer = svg('g', { id: 'measured-overlay' });
    this.overlay.insertBefore(this.overlayLayer, this.overlay.firstChild);
    this.overlay.append(this.compare);
  }

  /** The second (comparison) point B, or null to hide it. */
  setCompare(point: Record<string, number> | null): void {
    this.compare.setAttribute('visibility', point ? 'visible' : 'hidden');
    if (point) this.placeAt(this.compare, point);
  }

  /**
   * Outline the cells where `inside(k)` holds (the region consistent with measured exponents) as an SVG
   * path over the plot; returns the number of cells, 0 clears it.
   */
  setOverlay(inside: ((k: number) => boolean) | null): number {
    this.overlayLayer.replaceChildren();
    if (!inside) return 0;
    const { rows, cols } = this.grid;
    const cw = this.size / cols, ch = this.size / rows;
    let d = '', n = 0;
    // one rectangle per horizontal run of consistent cells (row i from the bottom)
    for (let i = 0; i < rows; i++) {
      let j = 0;
      while (j < cols) {
        if (!inside(i * cols + j)) {
          j++;
          continue;
        }
        const j0 = j;
        while (j < cols && inside(i * cols + j)) j++;
        n += j - j0;
        const x = M.left + j0 * cw, y = M.top + (rows - 1 - i) * ch;
        d += `M${x.toFixed(1)} ${y.toFixed(1)}h${((j - j0) * cw).toFixed(1)}v${ch.toFixed(2)}h${(-(j - j0) * cw).toFixed(1)}z`;
      }
    }
    if (n) this.overlayLayer.append(svg('path', { d, class: 'measured-region' }));
    return n;
  }

  /** The diagram as a standalone SVG document (the canvas embedded as a PNG image, the overlay as vectors). */
  toSvgText(): string {
    const clone = this.overlay.cloneNode(true) as SVGSVGElement;
    clone.setAttribute('xmlns', 'http://www.w3.org/2000/svg');
    clone.setAttribute('width', String(this.W));
    clone.setAttribute('height', String(this.H));
    clone.removeAttribute('class');
    const img = svg('image', { x: M.left, y: M.top, width: this.size, height: this.size, href: this.canvas.toDataURL('image/png'), preserveAspectRatio: 'none', style: 'image-rendering:pixelated' });
    clone.insertBefore(img, clone.firstChild);
    const style = svg('style', {}, EXPORT_CSS);
    clone.insertBefore(style, clone.firstChild);
    clone.insertBefore(svg('rect', { width: this.W, height: this.H, fill: '#fff' }), clone.firstChild);
    return new XMLSerializer().serializeToString(clone);
  }

  /** Colour the diagram by a quantity; returns the milliseconds spent (colouring and drawing). */
  setColour(quantity: string): number {
    const t0 = performance.now();
    const values = this.grid.values[quantity];
    if (!values) throw new Error(`explorer: ${this.model.theory.id} has no quantity ${quantity}`);
    const scale = scaleOf(values);
    colourGrid(this.grid, values, scale, this.image.data, this.inDomain, this.hatch);
    this.ctx.putImageData(this.image, 0, 0);
    this.colour = quantity;
    this.drawLegend(quantity, scale);
    return performance.now() - t0;
  }

  /** Move the pinned marker (values outside the box are clamped to its edge). */
  setPin(point: Record<string, number>): void {
    this.placeAt(this.pin, point);
  }

  private placeAt(el: SVGElement, point: Record<string, number>): void {
    const { x, y } = this.toSvg(point[this.axes.vertical.name], point[this.axes.horizontal.name]);
    if (el instanceof SVGCircleElement) {
      el.setAttribute('cx', x.toFixed(2));
      el.setAttribute('cy', y.toFixed(2));
    } else {
      el.setAttribute('transform', `translate(${x.toFixed(2)},${y.toFixed(2)})`);
      el.dataset.x = x.toFixed(2);
      el.dataset.y = y.toFixed(2);
    }
  }

  /** The phase name of the cell under an overlay position ('' outside the domain or on a line, null off the plot). */
  private phaseAtSvg(x: number, y: number): string | null {
    const { rows, cols, phase, names } = this.grid;
    const j = Math.floor(((x - M.left) / this.size) * cols), i = rows - 1 - Math.floor(((y - M.top) / this.size) * rows);
    if (i < 0 || i >= rows || j < 0 || j >= cols) return null;
    const p = phase[i * cols + j];
    return p >= 0 ? names[p] : '';
  }

  private toSvg(v: number, h: number): { x: number; y: number } {
    const f = toFraction(this.axes, v, h);
    const clamp = (z: number) => Math.min(1, Math.max(0, z));
    return { x: M.left + clamp(f.fx) * this.size, y: M.top + clamp(f.fy) * this.size };
  }

  private drawAxes(): void {
    const g = svg('g', { class: 'axes' });
    const { vertical: V, horizontal: Hz } = this.axes;
    const y0 = M.top + this.size, x0 = M.left;
    g.append(svg('rect', { x: x0, y: M.top, width: this.size, height: this.size, class: 'frame' }));
    for (const h of ticks(Hz.range[0], Hz.range[1])) {
      const { x } = this.toSvg(V.range[0], h);
      g.append(svg('line', { x1: x, x2: x, y1: y0, y2: y0 + 5 }), svg('text', { x, y: y0 + 6 + 12 * this.k, 'text-anchor': 'middle', style: `font-size:${12 * this.k}px` }, String(h)));
    }
    for (const v of ticks(V.range[0], V.range[1])) {
      const { y } = this.toSvg(v, Hz.range[0]);
      g.append(svg('line', { x1: x0 - 5, x2: x0, y1: y, y2: y }), svg('text', { x: x0 - 8, y: y + 4 * this.k, 'text-anchor': 'end', style: `font-size:${12 * this.k}px` }, String(v)));
    }
    g.append(svg('text', { x: x0 + this.size / 2, y: Math.min(y0 + 44, y0 + 22 + 16 * this.k), 'text-anchor': 'middle', class: 'axis-title', style: `font-size:${16 * this.k}px` }, greek(Hz.name)));
    g.append(svg('text', { x: 12, y: M.top + this.size / 2, 'text-anchor': 'middle', class: 'axis-title', style: `font-size:${16 * this.k}px` }, greek(V.name)));
    this.overlay.append(g);
  }

  private drawLabels(): void {
    const g = svg('g', { class: 'labels' });
    type Rect = { x0: number; y0: number; x1: number; y1: number };
    const hit = (r: Rect, q: Rect) => r.x0 < q.x1 && q.x0 < r.x1 && r.y0 < q.y1 && q.y0 < r.y1;
    // phase labels first (bold 15 px, about 10 px a character), then each boundary label at the place, along
    // its line, on either side, that overlaps no label, no other line and leaves the plot least
    const placed: Rect[] = this.phases.map((p) => {
      const { x, y } = this.toSvg(p.at[0], p.at[1]);
      const w = 10 * this.k * p.phase.length + 4;
      // the text's baseline is y + 5; capitals rise about 11 px (15 px bold)
      return { x0: x - w / 2, y0: y + 5 - 11 * this.k, x1: x + w / 2, y1: y + 6 };
    });
    const linePoints = this.boundaries.map((b) => b.along.map((pt) => this.toSvg(pt[0], pt[1])));
    const inner: Rect = { x0: M.left + 2, y0: M.top + 2, x1: M.left + this.size - 2, y1: M.top + this.size - 2 };
    this.boundaries.forEach((b, bi) => {
      const outside = b.between.includes('');
      const text = prettyEquation(b.equation) + (b.jumps.length ? `: ${b.jumps.map(greek).join(', ')} jumps` : '') + (outside ? ' (domain edge)' : '');
      const k = this.k;
      const w = 6.2 * k * text.length;
      let best = { x: 0, y: 0, anchor: 'start', score: Infinity, rect: inner };
      const mid = (b.along.length - 1) / 2;
      b.along.forEach((pt, m) => {
        const c = this.toSvg(pt[0], pt[1]);
        // beside the line (above or below, starting or ending at the point), or one line of text farther off
        const offsets = [[4, -4, 'start', 0], [-4, -4, 'end', 0], [4, 2 + 11 * k, 'start', 0], [-4, 2 + 11 * k, 'end', 0], [4, -4 - 12 * k, 'start', 8], [-4, -4 - 12 * k, 'end', 8], [4, 2 + 23 * k, 'start', 8], [-4, 2 + 23 * k, 'end', 8]] as const;
        for (const [dx, dy, anchor, far] of offsets) {
          const x = c.x + dx, y = c.y + dy;
          const rect = anchor === 'start' ? { x0: x, y0: y - 10 * k, x1: x + w, y1: y + 2 } : { x0: x - w, y0: y - 10 * k, x1: x, y1: y + 2 };
          let score = 0.2 * Math.abs(m - mid) + far;
          // over a phase the line does not bound, the label would name the wrong place
          const centre = this.phaseAtSvg((rect.x0 + rect.x1) / 2, (rect.y0 + rect.y1) / 2);
          if (centre !== null && !b.between.includes(centre)) score += 150;
          if (rect.x0 < inner.x0 || rect.x1 > inner.x1 || rect.y0 < inner.y0 || rect.y1 > inner.y1) score += 1000;
          for (const q of placed) if (hit(rect, q)) score += 100;
          linePoints.forEach((pts, li) => {
            // another line under the label (with a 2 px margin) hides it; its own line may touch the label's edge
            const e = li === bi ? -1 : 2;
            for (const q of pts) if (q.x > rect.x0 - e && q.x < rect.x1 + e && q.y > rect.y0 - e && q.y < rect.y1 + e) score += li === bi ? 3 : 40;
          });
          if (score < best.score) best = { x, y, anchor, score, rect };
        }
      });
      placed.push(best.rect);
      g.append(svg('text', { x: best.x.toFixed(1), y: best.y.toFixed(1), 'text-anchor': best.anchor, class: 'boundary-label', style: `font-size:${11 * k}px`, 'data-equation': b.equation, 'data-between': b.between.join('|') }, text));
    });
    for (const p of this.phases) {
      const { x, y } = this.toSvg(p.at[0], p.at[1]);
      g.append(svg('text', { x, y: y + 5, 'text-anchor': 'middle', class: 'phase-label', style: `font-size:${15 * this.k}px`, 'data-phase': p.phase }, p.phase));
    }
    this.overlay.append(g);
  }

  private drawLegend(quantity: string, scale: Scale): void {
    const q = this.model.theory.quantities.find((x) => x.name === quantity)!;
    const f = (v: number) => Number(v.toPrecision(3)).toString();
    this.legend.replaceChildren(
      html('span', { class: 'legend-name' }, tex(q.latex), ': ', ...prose(q.description)),
      html('span', { class: 'legend-lo' }, f(scale.lo)),
      html('span', { class: 'legend-bar', style: `background:${gradientCss()}` }),
      html('span', { class: 'legend-hi' }, f(scale.hi)),
      ...(this.hatch.some((x) => x) ? [html('span', { class: 'legend-hatch', id: 'legend-conjectural' }, `hatched: conjectural (${this.conjecturalNames().join(', ')}; the paper believes, does not prove, this part)`)] : []),
    );
  }

  /** The phases with a conjectural piece. */
  private conjecturalNames(): string[] {
    return (this.model.theory.phases ?? []).filter((p) => p.regions.some((r) => r.conjectural)).map((p) => p.name);
  }
}
