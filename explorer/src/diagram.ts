// The phase diagram: a canvas with one pixel per grid cell (coloured by ./colour.ts) under an SVG overlay
// carrying the axes, the phase and boundary labels, the hover ring and the pinned point. The grid is
// computed once per model by the engine's phaseGrid; changing the colouring only re-colours it.
import { phaseGrid, type PhaseGrid } from '../../src/engine/grid.js';
import type { Model } from '../../src/engine/model.js';
import { colourGrid, gradientCss, scaleOf, type Scale } from './colour.js';
import { boundaryLabels, domainMask, phaseLabels, prettyEquation, greek, type BoundaryLabel, type PhaseLabel } from './boundaries.js';
import { fromFraction, toFraction, ticks, type Axes } from './geometry.js';
import { svg, html } from './svg.js';

export interface DiagramHandlers {
  hover(point: Record<string, number> | null, clientX: number, clientY: number): void;
  click(point: Record<string, number>): void;
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

    container.replaceChildren();
    const W = size + M.left + M.right, H = size + M.top + M.bottom;
    const box = html('div', { class: 'plot', style: `width:${W}px;height:${H}px` });
    this.canvas = html('canvas', {
      id: 'diagram',
      width: String(cells),
      height: String(cells),
      style: `left:${M.left}px;top:${M.top}px;width:${size}px;height:${size}px`,
      'data-vertical': vert.name,
      'data-vertical-range': vert.range.join(','),
      'data-horizontal': horiz.name,
      'data-horizontal-range': horiz.range.join(','),
      'aria-label': `phase diagram of ${t.id}: ${horiz.name} across, ${vert.name} up; arrow keys move the pinned point`,
      tabindex: '0',
    });
    this.ctx = this.canvas.getContext('2d')!;
    this.image = this.ctx.createImageData(cells, cells);
    this.overlay = svg('svg', { width: W, height: H, class: 'overlay' });
    box.append(this.canvas, this.overlay);
    this.legend = html('div', { class: 'legend' });
    container.append(box, this.legend);

    this.drawAxes();
    this.drawLabels();
    this.ring = svg('circle', { r: 7, class: 'hover-ring', visibility: 'hidden' });
    this.pin = svg('g', { id: 'pin', class: 'pin' });
    this.pin.append(svg('circle', { r: 9, class: 'pin-halo' }), svg('circle', { r: 4.5, class: 'pin-dot' }));
    this.overlay.append(this.ring, this.pin);

    const pointAt = (ev: MouseEvent): Record<string, number> | null => {
      const r = this.canvas.getBoundingClientRect();
      const fx = (ev.clientX - r.left) / r.width, fy = (ev.clientY - r.top) / r.height;
      if (fx < 0 || fx > 1 || fy < 0 || fy > 1) return null;
      const { v, h } = fromFraction(this.axes, { fx, fy });
      return { [vert.name]: v, [horiz.name]: h };
    };
    this.canvas.addEventListener('mousemove', (ev) => {
      const p = pointAt(ev);
      if (p) this.placeAt(this.ring, p);
      this.ring.setAttribute('visibility', p ? 'visible' : 'hidden');
      handlers.hover(p, ev.clientX, ev.clientY);
    });
    this.canvas.addEventListener('mouseleave', (ev) => {
      this.ring.setAttribute('visibility', 'hidden');
      handlers.hover(null, ev.clientX, ev.clientY);
    });
    this.canvas.addEventListener('click', (ev) => {
      const p = pointAt(ev);
      if (p) handlers.click(p);
    });
  }

  /** Colour the diagram by a quantity; returns the milliseconds spent (colouring and drawing). */
  setColour(quantity: string): number {
    const t0 = performance.now();
    const values = this.grid.values[quantity];
    if (!values) throw new Error(`explorer: ${this.model.theory.id} has no quantity ${quantity}`);
    const scale = scaleOf(values);
    colourGrid(this.grid, values, scale, this.image.data, this.inDomain);
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
      g.append(svg('line', { x1: x, x2: x, y1: y0, y2: y0 + 5 }), svg('text', { x, y: y0 + 18, 'text-anchor': 'middle' }, String(h)));
    }
    for (const v of ticks(V.range[0], V.range[1])) {
      const { y } = this.toSvg(v, Hz.range[0]);
      g.append(svg('line', { x1: x0 - 5, x2: x0, y1: y, y2: y }), svg('text', { x: x0 - 8, y: y + 4, 'text-anchor': 'end' }, String(v)));
    }
    g.append(svg('text', { x: x0 + this.size / 2, y: y0 + 38, 'text-anchor': 'middle', class: 'axis-title' }, greek(Hz.name)));
    g.append(svg('text', { x: 16, y: M.top + this.size / 2, 'text-anchor': 'middle', class: 'axis-title' }, greek(V.name)));
    this.overlay.append(g);
  }

  private drawLabels(): void {
    const g = svg('g', { class: 'labels' });
    // phase labels first; each boundary label then goes where, along its line, it is farthest from the others
    const placed = this.phases.map((p) => this.toSvg(p.at[0], p.at[1]));
    for (const b of this.boundaries) {
      // score: distance to the labels already placed (enough at 70 px), then closeness to the line's middle
      let best = this.toSvg(b.at[0], b.at[1]), bestScore = -Infinity;
      b.along.forEach((pt, m) => {
        const c = this.toSvg(pt[0], pt[1]);
        const gap = Math.min(70, ...placed.map((q) => Math.hypot((q.x - c.x) / 2.5, q.y - c.y)));
        const score = gap - 0.5 * Math.abs(m - (b.along.length - 1) / 2);
        if (score > bestScore) {
          bestScore = score;
          best = c;
        }
      });
      placed.push(best);
      const { x, y } = best;
      const outside = b.between.includes('');
      const text = prettyEquation(b.equation) + (b.jumps.length ? `: ${b.jumps.map(greek).join(', ')} jumps` : '') + (outside ? ' (domain)' : '');
      // labels that would run past the plot's right edge end at their point instead (6.5 px per character)
      const fits = x + 4 + 6.5 * text.length <= M.left + this.size;
      g.append(svg('text', { x: fits ? x + 4 : x - 4, y: y - 4, 'text-anchor': fits ? 'start' : 'end', class: 'boundary-label', 'data-equation': b.equation, 'data-between': b.between.join('|') }, text));
    }
    for (const p of this.phases) {
      const { x, y } = this.toSvg(p.at[0], p.at[1]);
      g.append(svg('text', { x, y: y + 5, 'text-anchor': 'middle', class: 'phase-label', 'data-phase': p.phase }, p.phase));
    }
    this.overlay.append(g);
  }

  private drawLegend(quantity: string, scale: Scale): void {
    const q = this.model.theory.quantities.find((x) => x.name === quantity)!;
    const f = (v: number) => Number(v.toPrecision(3)).toString();
    this.legend.replaceChildren(
      html('span', { class: 'legend-name' }, `${greek(q.name)}: ${q.description}`),
      html('span', { class: 'legend-lo' }, f(scale.lo)),
      html('span', { class: 'legend-bar', style: `background:${gradientCss()}` }),
      html('span', { class: 'legend-hi' }, f(scale.hi)),
    );
  }
}
