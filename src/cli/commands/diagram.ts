// `scaling-theory diagram --model plrf --plot FILE.svg|.png [--color eta|xi] [--resolution N] [--force]`
// (`--out FILE` is the deprecated spelling of `--plot`). Phase diagram: first parameter on the vertical
// axis, second horizontal (alpha up, beta across, as in the paper); cells coloured by the chosen exponent,
// drawn as one embedded PNG image (src/plot/raster.ts) so the SVG stays small; boundaries in black are the
// cells whose neighbours lie in another phase, and the cells the classifier puts on a boundary (a grid row
// exactly on alpha = 1/2 was a white gap); labels at each phase's centroid. A theory that states no phases
// (a user theory file) is drawn with the phases the engine derives from its terms (src/engine/phases.ts,
// cached by theory hash: src/engine/phase-cache.ts), each labelled with its name and balance, and the
// boundary curves listed under the title.
import { requireModel, modelFlag } from '../point.js';
import { UsageError, parseInteger } from '../errors.js';
import { checkOutputFile } from '../output.js';
import { excerpt } from '../input.js';
import { ALLOW_SLOW, LIMITS } from '../limits.js';
import { renderToFile } from '../../plot/render.js';
import { createRaster, setPixel, pngDataUri, parseColor } from '../../plot/raster.js';
import { phaseGrid } from '../../engine/grid.js';
import { derivePhases } from '../../engine/phase-cache.js';
import { derivedPhaseGrid } from '../../plot/derived-grid.js';
import { DomainError } from '../../errors.js';
import type { CommandContext } from '../context.js';

export async function run(opts: Record<string, unknown>, _args: string[], ctx: CommandContext): Promise<number> {
  const model = requireModel(opts, ctx);
  const t = model.theory;
  if (t.parameters.length !== 2) throw new UsageError(`diagram needs a model with two parameters (${modelFlag(model)} has ${t.parameters.length}: ${t.parameters.map((p) => p.name).join(', ')})`);
  if (opts.plot === undefined) throw new UsageError('--plot FILE is required (.svg or .png)');
  const color = (opts.color as string | undefined) ?? t.quantities.find((q) => q.kind === 'loss')?.name ?? t.quantities[0].name;
  if (!t.quantities.some((q) => q.name === color)) throw new UsageError(`--color = '${excerpt(color)}' is not an exponent of ${t.id} (one of: ${t.quantities.map((q) => q.name).join(', ')})`);
  const n = parseInteger('resolution', opts.resolution ?? '200', LIMITS.resolution.min, LIMITS.resolution.max);
  if (n > LIMITS.resolution.budget && opts.allowSlow !== true) throw new UsageError(`--resolution = ${n} is above the work budget of ${LIMITS.resolution.budget} cells per axis (${n * n} cells): give ${ALLOW_SLOW} to draw it`);
  const out = checkOutputFile('plot', opts.plot, opts.force === true);
  const [vert, horiz] = t.parameters;
  // the stated phases, or (none stated) the derived ones
  const derived = t.phases?.length ? null : derivePhases(model);
  const grid = derived ? derivedPhaseGrid(model, derived, n, n) : phaseGrid(model, n, n);
  const dx = (horiz.range[1] - horiz.range[0]) / n;
  const dy = (vert.range[1] - vert.range[0]) / n;
  const inDomain = (i: number, j: number) => {
    try {
      model.checkDomain({ [vert.name]: vert.range[0] + (i + 0.5) * dy, [horiz.name]: horiz.range[0] + (j + 0.5) * dx });
      return true;
    } catch (e) {
      if (e instanceof DomainError) return false;
      throw e;
    }
  };
  // per cell: phase index, -1 outside the domain, -2 on a boundary (inside the domain, no phase)
  const phase = Int16Array.from(grid.phase);
  for (let k = 0; k < n * n; k++) if (phase[k] < 0 && inDomain(Math.floor(k / n), k % n)) phase[k] = -2;
  const values = grid.values[color];
  let vmin = Infinity, vmax = -Infinity;
  for (let k = 0; k < n * n; k++) if (phase[k] >= 0 && Number.isFinite(values[k])) (vmin = Math.min(vmin, values[k])), (vmax = Math.max(vmax, values[k]));
  if (!(vmin <= vmax)) throw new UsageError(`--color ${color}: no finite value on the grid of ${t.id}`);
  const vega = await import('vega');
  const viridis = vega.scheme('viridis') as (x: number) => string;
  const raster = createRaster(n, n);
  const black: [number, number, number] = [0, 0, 0];
  for (let i = 0; i < n; i++) {
    for (let j = 0; j < n; j++) {
      const k = i * n + j;
      const ph = phase[k];
      if (ph === -1) continue;
      const row = n - 1 - i; // image row 0 is the top (largest first parameter)
      const right = j + 1 < n ? phase[k + 1] : ph;
      const up = i + 1 < n ? phase[k + n] : ph;
      const edge = ph === -2 || (right !== ph && right >= 0) || (up !== ph && up >= 0);
      if (edge) setPixel(raster, j, row, black);
      else if (Number.isFinite(values[k])) setPixel(raster, j, row, parseColor(viridis(vmax > vmin ? (values[k] - vmin) / (vmax - vmin) : 0.5)));
    }
  }
  // labels at the centroid of each phase's cells (the phases here are convex, so it lies inside)
  const sums = grid.names.map(() => ({ x: 0, y: 0, n: 0 }));
  for (let k = 0; k < n * n; k++) {
    if (phase[k] < 0) continue;
    const s = sums[phase[k]];
    s.x += horiz.range[0] + ((k % n) + 0.5) * dx;
    s.y += vert.range[0] + (Math.floor(k / n) + 0.5) * dy;
    s.n++;
  }
  const named = (i: number) => (derived ? `${grid.names[i]}: ${derived.phases[i].balance.join(' = ')}` : grid.names[i]);
  const labels = grid.names.flatMap((_, i) => (sums[i].n ? [{ ...(derived ? inside(i, sums[i].x / sums[i].n, sums[i].y / sums[i].n) : { x: sums[i].x / sums[i].n, y: sums[i].y / sums[i].n }), label: named(i) }] : []));
  // a derived phase need not be convex: its label goes to its own cell nearest the centroid
  function inside(ph: number, cx: number, cy: number): { x: number; y: number } {
    let best = { x: cx, y: cy }, dist = Infinity;
    for (let k = 0; k < n * n; k++) {
      if (phase[k] !== ph) continue;
      const px = horiz.range[0] + ((k % n) + 0.5) * dx;
      const py = vert.range[0] + (Math.floor(k / n) + 0.5) * dy;
      const e = ((px - cx) / (horiz.range[1] - horiz.range[0])) ** 2 + ((py - cy) / (vert.range[1] - vert.range[0])) ** 2;
      if (e < dist) (dist = e), (best = { x: px, y: py });
    }
    return best;
  }
  const boundaryLines = derived ? [...new Set(derived.boundaries.filter((b) => b.between.every((x) => derived.phases.some((p) => p.name === x))).map((b) => b.equation))] : [];
  const subtitle = derived
    ? [`${t.quantities.find((q) => q.name === color)!.description || color}; phases derived from the terms (the theory states none), boundaries in black:`, boundaryLines.join(',  ') || '(none inside the domain)']
    : `${t.quantities.find((q) => q.name === color)!.description}; engine-derived exponents, boundaries in black`;
  const x = { field: 'x', type: 'quantitative', title: horiz.name, scale: { domain: horiz.range, nice: false } };
  const y = { field: 'y', type: 'quantitative', title: vert.name, scale: { domain: vert.range, nice: false } };
  const spec = {
    $schema: 'https://vega.github.io/schema/vega-lite/v6.json',
    width: 560,
    height: 480,
    title: { text: `${t.title}: ${color}`, subtitle },
    layer: [
      {
        data: { values: [{ x: horiz.range[0], x2: horiz.range[1], y: vert.range[1], y2: vert.range[0], url: pngDataUri(raster) }] },
        mark: { type: 'image', aspect: false, smooth: false },
        encoding: { x, x2: { field: 'x2' }, y, y2: { field: 'y2' }, url: { field: 'url', type: 'nominal' } },
      },
      // the colour legend: two invisible points carrying the value range
      {
        data: { values: [{ x: horiz.range[0], y: vert.range[0], v: vmin }, { x: horiz.range[0], y: vert.range[0], v: vmax }] },
        mark: { type: 'point', opacity: 0 },
        encoding: { x, y, color: { field: 'v', type: 'quantitative', title: color, scale: { scheme: 'viridis', domain: [vmin, vmax], nice: false, zero: false } } },
      },
      {
        data: { values: labels },
        mark: { type: 'text', fontSize: 15, fontWeight: 'bold', color: 'white', stroke: 'black', strokeWidth: 0.6 },
        encoding: { x: { field: 'x', type: 'quantitative' }, y: { field: 'y', type: 'quantitative' }, text: { field: 'label' } },
      },
    ],
  };
  const fmt = await renderToFile(spec, out);
  ctx.err(`wrote ${out.path} (${fmt}, ${n}x${n} cells, coloured by ${color})\n`);
  return 0;
}
