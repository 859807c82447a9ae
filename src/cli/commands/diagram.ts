// `scaling-theory diagram --model plrf --out FILE.svg|.png [--color eta|xi] [--resolution N]`
// Phase diagram: first parameter on the vertical axis, second horizontal (alpha up, beta across, as in
// the paper); cells coloured by the chosen exponent; boundaries are the cells whose neighbours lie in
// another phase; labels at each phase's most interior point.
import { requireModel } from '../point.js';
import { UsageError, parseInteger, requirePlotFile } from '../errors.js';
import { renderToFile } from '../../plot/render.js';
import { phaseGrid } from '../../engine/grid.js';
import type { CommandContext } from '../context.js';

export async function run(opts: Record<string, unknown>, _args: string[], ctx: CommandContext): Promise<number> {
  const model = requireModel(opts);
  const t = model.theory;
  if (!t.phases?.length) throw new UsageError(`--model ${t.id} has no phase diagram`);
  if (t.parameters.length !== 2) throw new UsageError(`diagram needs a model with two parameters (${t.id} has ${t.parameters.length})`);
  const out = requirePlotFile('out', opts.out);
  const color = (opts.color as string | undefined) ?? t.quantities.find((q) => q.kind === 'loss')?.name ?? t.quantities[0].name;
  if (!t.quantities.some((q) => q.name === color)) throw new UsageError(`--color = '${color}' is not an exponent of ${t.id} (one of: ${t.quantities.map((q) => q.name).join(', ')})`);
  const n = parseInteger('resolution', opts.resolution ?? '200', 10);
  const [vert, horiz] = t.parameters;
  const grid = phaseGrid(model, n, n);
  const cells: Array<Record<string, number | string>> = [];
  const edges: Array<Record<string, number>> = [];
  const dx = (horiz.range[1] - horiz.range[0]) / n;
  const dy = (vert.range[1] - vert.range[0]) / n;
  for (let i = 0; i < n; i++) {
    for (let j = 0; j < n; j++) {
      const k = i * n + j;
      const ph = grid.phase[k];
      if (ph < 0) continue;
      const v = grid.values[color][k];
      const x0 = horiz.range[0] + j * dx, y0 = vert.range[0] + i * dy;
      if (Number.isFinite(v)) cells.push({ x: x0, x2: x0 + dx, y: y0, y2: y0 + dy, v, phase: grid.names[ph] });
      const right = j + 1 < n ? grid.phase[k + 1] : ph;
      const up = i + 1 < n ? grid.phase[k + n] : ph;
      if ((right !== ph && right >= 0) || (up !== ph && up >= 0)) edges.push({ x: x0, x2: x0 + dx, y: y0, y2: y0 + dy });
    }
  }
  // labels at the centroid of each phase's cells (the phases here are convex, so it lies inside)
  const sums = grid.names.map(() => ({ x: 0, y: 0, n: 0 }));
  for (const c of cells) {
    const s = sums[grid.names.indexOf(c.phase as string)];
    s.x += ((c.x as number) + (c.x2 as number)) / 2;
    s.y += ((c.y as number) + (c.y2 as number)) / 2;
    s.n++;
  }
  const labels = grid.names.flatMap((label, i) => (sums[i].n ? [{ x: sums[i].x / sums[i].n, y: sums[i].y / sums[i].n, label }] : []));
  const spec = {
    $schema: 'https://vega.github.io/schema/vega-lite/v6.json',
    width: 560,
    height: 480,
    title: { text: `${t.title}: ${color}`, subtitle: `${t.quantities.find((q) => q.name === color)!.description}; engine-derived exponents, boundaries in black` },
    layer: [
      {
        data: { values: cells },
        mark: { type: 'rect' },
        encoding: {
          x: { field: 'x', type: 'quantitative', title: horiz.name, scale: { domain: horiz.range, nice: false } },
          x2: { field: 'x2' },
          y: { field: 'y', type: 'quantitative', title: vert.name, scale: { domain: vert.range, nice: false } },
          y2: { field: 'y2' },
          color: { field: 'v', type: 'quantitative', title: color, scale: { scheme: 'viridis' } },
        },
      },
      { data: { values: edges }, mark: { type: 'rect', color: 'black' }, encoding: { x: { field: 'x', type: 'quantitative' }, x2: { field: 'x2' }, y: { field: 'y', type: 'quantitative' }, y2: { field: 'y2' } } },
      {
        data: { values: labels },
        mark: { type: 'text', fontSize: 15, fontWeight: 'bold', color: 'white', stroke: 'black', strokeWidth: 0.6 },
        encoding: { x: { field: 'x', type: 'quantitative' }, y: { field: 'y', type: 'quantitative' }, text: { field: 'label' } },
      },
    ],
  };
  const fmt = await renderToFile(spec, out);
  ctx.err(`wrote ${out} (${fmt}, ${n}x${n} cells, coloured by ${color})\n`);
  return 0;
}
