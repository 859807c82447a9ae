// `infer --plot FILE`: the consistent set on the derived phase diagram (Vega-Lite, src/plot/render.ts),
// laid out as `diagram` draws phases: first parameter up, second across, one embedded raster
// (src/plot/raster.ts). Phases in pale colours with their names, boundaries in grey, the consistent set in
// red, plus its sample points (a set thinner than a raster cell stays visible); the measured values in the title.
import { createRaster, setPixel, pngDataUri } from '../plot/raster.js';
import type { VegaLiteSpec } from '../plot/render.js';
import type { InferResult } from './infer.js';

const PALE: Array<[number, number, number]> = [
  [179, 205, 227], [204, 235, 197], [222, 203, 228], [254, 217, 166], [255, 255, 204], [229, 216, 189], [253, 218, 236], [242, 242, 242], [204, 236, 255], [230, 245, 201],
];
const RED: [number, number, number] = [214, 39, 40];
const GREY: [number, number, number] = [120, 120, 120];

export function inferPlotSpec(r: InferResult, title: string, n = 240): VegaLiteSpec {
  if (!r.plane) throw new Error('inferPlotSpec: a two-parameter result is needed');
  const [vert, horiz] = r.params;
  const [vlo, vhi] = r.searchBox[vert];
  const [hlo, hhi] = r.searchBox[horiz];
  const phase = new Int16Array(n * n);
  const region = new Int16Array(n * n);
  for (let i = 0; i < n; i++) {
    for (let j = 0; j < n; j++) {
      const a = vlo + ((vhi - vlo) * (i + 0.5)) / n;
      const b = hlo + ((hhi - hlo) * (j + 0.5)) / n;
      phase[i * n + j] = r.plane.phaseAt(a, b);
      region[i * n + j] = r.plane.regionAt(a, b);
    }
  }
  const raster = createRaster(n, n);
  const sums = r.plane.phases.map(() => ({ x: 0, y: 0, n: 0 }));
  for (let i = 0; i < n; i++) {
    for (let j = 0; j < n; j++) {
      const k = i * n + j;
      const ph = phase[k];
      if (ph < 0) continue;
      const row = n - 1 - i;
      const right = j + 1 < n ? phase[k + 1] : ph;
      const up = i + 1 < n ? phase[k + n] : ph;
      if (region[k] >= 0) setPixel(raster, j, row, RED);
      else if ((right >= 0 && right !== ph) || (up >= 0 && up !== ph)) setPixel(raster, j, row, GREY);
      else setPixel(raster, j, row, PALE[ph % PALE.length]);
      const s = sums[ph];
      s.x += hlo + ((hhi - hlo) * (j + 0.5)) / n;
      s.y += vlo + ((vhi - vlo) * (i + 0.5)) / n;
      s.n++;
    }
  }
  const labels = r.plane.phases.flatMap((label, i) => (sums[i].n ? [{ x: sums[i].x / sums[i].n, y: sums[i].y / sums[i].n, label }] : []));
  const points = r.regions.flatMap((g) => g.samples.map((x) => ({ x: x[1], y: x[0] })));
  const x = { field: 'x', type: 'quantitative', title: horiz, scale: { domain: [hlo, hhi], nice: false } };
  const y = { field: 'y', type: 'quantitative', title: vert, scale: { domain: [vlo, vhi], nice: false } };
  const found = r.empty ? 'no point of the theory gives these exponents' : `consistent set in red: ${r.regions.map((g) => `${g.phase} (area ${g.area.toPrecision(3)})`).join(', ')}`;
  return {
    $schema: 'https://vega.github.io/schema/vega-lite/v6.json',
    width: 560,
    height: 480,
    title: { text: title, subtitle: `${found}; phases of the derived diagram (docs/derived-phases.md), boundaries in grey; docs/infer.md` },
    layer: [
      {
        data: { values: [{ x: hlo, x2: hhi, y: vhi, y2: vlo, url: pngDataUri(raster) }] },
        mark: { type: 'image', aspect: false, smooth: false },
        encoding: { x, x2: { field: 'x2' }, y, y2: { field: 'y2' }, url: { field: 'url', type: 'nominal' } },
      },
      {
        data: { values: points },
        mark: { type: 'point', filled: true, size: 6, color: '#d62728', opacity: 0.8 },
        encoding: { x: { field: 'x', type: 'quantitative' }, y: { field: 'y', type: 'quantitative' } },
      },
      {
        data: { values: labels },
        mark: { type: 'text', fontSize: 15, fontWeight: 'bold', color: 'black' },
        encoding: { x: { field: 'x', type: 'quantitative' }, y: { field: 'y', type: 'quantitative' }, text: { field: 'label' } },
      },
    ],
  };
}
