// Render a Vega-Lite specification to SVG (vega's headless renderer) or PNG (resvg), by file extension.
// Titles and subtitles longer than TITLE_WIDTH characters are wrapped onto several lines, so a long
// subtitle never stretches the plot (vega sizes the view to fit its title).
import { writeFileSync } from 'node:fs';

export type VegaLiteSpec = Record<string, unknown>;

/** A file to write: a path, or a checked output of the command line (../cli/output.ts) with its writer. */
export interface PlotTarget {
  path: string;
  write?: (data: string | Uint8Array) => void;
}

/** Characters per title line (about 560 px at vega's default 11-12 px title fonts). */
export const TITLE_WIDTH = 90;

/** Break `text` at spaces (or '; ' first) into lines of at most `width` characters (a longer word is cut). */
export function wrapLine(text: string, width = TITLE_WIDTH): string[] {
  const out: string[] = [];
  let line = '';
  for (const word of text.split(/\s+/).filter(Boolean)) {
    let w = word;
    while (w.length > width) {
      if (line) out.push(line), (line = '');
      out.push(w.slice(0, width));
      w = w.slice(width);
    }
    if (!line) line = w;
    else if (line.length + 1 + w.length <= width) line += ' ' + w;
    else out.push(line), (line = w);
  }
  if (line) out.push(line);
  return out.length ? out : [''];
}

function wrapTitle(spec: VegaLiteSpec): VegaLiteSpec {
  const t = spec.title as { text?: unknown; subtitle?: unknown } | string | undefined;
  if (!t) return spec;
  const wrap = (v: unknown) => (typeof v === 'string' ? wrapLine(v) : Array.isArray(v) ? v.flatMap((x) => wrapLine(String(x))) : v);
  const title = typeof t === 'string' ? { text: wrap(t) } : { ...t, text: wrap(t.text), ...(t.subtitle !== undefined ? { subtitle: wrap(t.subtitle) } : {}) };
  return { ...spec, title };
}

export async function renderToString(spec: VegaLiteSpec): Promise<string> {
  const vl = await import('vega-lite');
  const vega = await import('vega');
  const compiled = vl.compile(wrapTitle(spec) as never).spec;
  const view = new vega.View(vega.parse(compiled), { renderer: 'none' });
  const svg = await view.toSVG();
  view.finalize();
  return svg;
}

/** Write the plot to `file`: `.svg` or `.png`; returns the format written. */
export async function renderToFile(spec: VegaLiteSpec, file: string | PlotTarget): Promise<'svg' | 'png'> {
  const target = typeof file === 'string' ? { path: file } : file;
  const write = target.write ?? ((data: string | Uint8Array) => writeFileSync(target.path, data));
  const svg = await renderToString(spec);
  if (target.path.toLowerCase().endsWith('.png')) {
    const { Resvg } = await import('@resvg/resvg-js');
    const png = new Resvg(svg, { background: 'white', fitTo: { mode: 'zoom', value: 2 } }).render().asPng();
    write(png);
    return 'png';
  }
  write(svg);
  return 'svg';
}
