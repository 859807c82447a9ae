// Render a Vega-Lite specification to SVG (vega's headless renderer) or PNG (resvg), by file extension.
import { writeFileSync } from 'node:fs';

export type VegaLiteSpec = Record<string, unknown>;

export async function renderToString(spec: VegaLiteSpec): Promise<string> {
  const vl = await import('vega-lite');
  const vega = await import('vega');
  const compiled = vl.compile(spec as never).spec;
  const view = new vega.View(vega.parse(compiled), { renderer: 'none' });
  const svg = await view.toSVG();
  view.finalize();
  return svg;
}

/** Write the plot to `file`: `.svg` or `.png`; returns the format written. */
export async function renderToFile(spec: VegaLiteSpec, file: string): Promise<'svg' | 'png'> {
  const svg = await renderToString(spec);
  if (file.toLowerCase().endsWith('.png')) {
    const { Resvg } = await import('@resvg/resvg-js');
    const png = new Resvg(svg, { background: 'white', fitTo: { mode: 'zoom', value: 2 } }).render().asPng();
    writeFileSync(file, png);
    return 'png';
  }
  writeFileSync(file, svg);
  return 'svg';
}
