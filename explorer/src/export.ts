// Export of a figure: the SVG as drawn (vectors; the diagram's cells as an embedded image) and a PNG at
// twice the size, rendered from that SVG in a canvas. Buttons download a file named after the model.
import { html } from './svg.js';

export interface Figure {
  svg: string;
  width: number;
  height: number;
}

function download(name: string, blob: Blob): void {
  const a = html('a', { href: URL.createObjectURL(blob), download: name });
  document.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(a.href), 1000);
}

/** A PNG of an SVG document at `scale` times its size. */
export function svgToPng(fig: Figure, scale = 2): Promise<Blob> {
  return new Promise((resolve, reject) => {
    const img = new Image();
    img.onload = () => {
      const c = html('canvas', { width: String(fig.width * scale), height: String(fig.height * scale) });
      const ctx = c.getContext('2d')!;
      ctx.fillStyle = '#fff';
      ctx.fillRect(0, 0, c.width, c.height);
      ctx.imageSmoothingEnabled = false;
      ctx.drawImage(img, 0, 0, c.width, c.height);
      c.toBlob((b) => (b ? resolve(b) : reject(new Error('PNG export failed'))), 'image/png');
    };
    img.onerror = () => reject(new Error('PNG export: the SVG did not render'));
    img.src = 'data:image/svg+xml;charset=utf-8,' + encodeURIComponent(fig.svg);
  });
}

/** An inline SVG element of the page as a standalone document, with the given stylesheet inside. */
export function figureOf(el: SVGSVGElement, css: string): Figure {
  const clone = el.cloneNode(true) as SVGSVGElement;
  const width = Number(el.getAttribute('width')) || el.viewBox.baseVal.width || el.getBoundingClientRect().width;
  const height = Number(el.getAttribute('height')) || el.viewBox.baseVal.height || el.getBoundingClientRect().height;
  clone.setAttribute('xmlns', 'http://www.w3.org/2000/svg');
  clone.setAttribute('width', String(width));
  clone.setAttribute('height', String(height));
  const style = document.createElementNS('http://www.w3.org/2000/svg', 'style');
  style.textContent = css;
  clone.insertBefore(style, clone.firstChild);
  return { svg: new XMLSerializer().serializeToString(clone), width, height };
}

/** The look of the curve plots inside an exported SVG. */
export const PLOT_CSS = `text { font-family: system-ui, sans-serif; } .frame { fill: none; stroke: #333; } .tick { stroke: #333; } .tick-label, .legend-text { font-size: 11px; fill: #333; }
.axis-title { font-size: 12px; fill: #333; font-style: italic; } .curve { fill: none; stroke-width: 1.6; } .curve-label { font-size: 11px; } .envelope { fill: #111; }
.fit-line { stroke: #c2185b; stroke-width: 1.5; stroke-dasharray: 6 4; } .theory-line { stroke: #111; stroke-width: 1.5; stroke-dasharray: 1.5 3; }`;

/** "PNG" and "SVG" buttons for a figure (`get` is called at the click: the figure as it is then). */
export function exportButtons(what: string, get: () => Figure | null, name: string): HTMLElement[] {
  const png = html('button', { type: 'button', class: 'export', 'data-export': `${what}-png`, 'aria-label': `download the ${what} as PNG` }, 'PNG');
  const svgB = html('button', { type: 'button', class: 'export', 'data-export': `${what}-svg`, 'aria-label': `download the ${what} as SVG` }, 'SVG');
  png.addEventListener('click', async () => {
    const f = get();
    if (f) download(`${name}.png`, await svgToPng(f));
  });
  svgB.addEventListener('click', () => {
    const f = get();
    if (f) download(`${name}.svg`, new Blob([f.svg], { type: 'image/svg+xml' }));
  });
  return [html('span', { class: 'export-label' }, `export ${what}:`), png, svgB];
}
