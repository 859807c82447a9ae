// Colouring the phase grid: a quantity's values -> RGBA pixels (one pixel per cell), viridis scale,
// boundaries dark, the outside of the domain light grey. This is the work redone on every re-colour, so it
// is a single pass over typed arrays (bench/explorer.bench.ts times it at 400 x 400).
import type { PhaseGrid } from '../../src/engine/grid.js';

/** matplotlib's viridis at ten evenly spaced stops (the scale is perceptually uniform). */
const VIRIDIS = ['#440154', '#482878', '#3e4989', '#31688e', '#26828e', '#1f9e89', '#35b779', '#6ece58', '#b5de2b', '#fde725'];

function hex(c: string): [number, number, number] {
  return [parseInt(c.slice(1, 3), 16), parseInt(c.slice(3, 5), 16), parseInt(c.slice(5, 7), 16)];
}

/** 256 RGB entries interpolated between the stops. */
export const LUT: Uint8ClampedArray = (() => {
  const stops = VIRIDIS.map(hex);
  const out = new Uint8ClampedArray(256 * 3);
  for (let i = 0; i < 256; i++) {
    const x = (i / 255) * (stops.length - 1);
    const k = Math.min(stops.length - 2, Math.floor(x));
    const f = x - k;
    for (let c = 0; c < 3; c++) out[i * 3 + c] = stops[k][c] + f * (stops[k + 1][c] - stops[k][c]);
  }
  return out;
})();

/** CSS linear-gradient of the scale (for the legend). */
export function gradientCss(direction = 'to right'): string {
  return `linear-gradient(${direction}, ${VIRIDIS.join(', ')})`;
}

export interface Scale {
  lo: number;
  hi: number;
}

/** The range of the finite values of a quantity (a degenerate range is widened so it can be drawn). */
export function scaleOf(values: Float64Array): Scale {
  let lo = Infinity, hi = -Infinity;
  for (let k = 0; k < values.length; k++) {
    const v = values[k];
    if (v < lo) lo = v;
    if (v > hi) hi = v;
  }
  if (!(lo <= hi)) return { lo: 0, hi: 1 };
  if (hi - lo < 1e-12) return { lo: lo - 0.5, hi: hi + 0.5 };
  return { lo, hi };
}

const OUTSIDE = [236, 236, 236];
const BOUNDARY = [20, 20, 20];

/**
 * Fill `out` (RGBA, rows top to bottom: canvas order) with the grid coloured by `values`. Cells whose right
 * or upper neighbour lies in another phase, and cells in no phase but inside the domain (`inDomain`, when
 * given: their centre lies exactly on a boundary line), are drawn as boundary; cells outside the domain are
 * grey. Cells with `hatch[k]` set (conjectural pieces) get dark diagonal stripes.
 */
export function colourGrid(grid: PhaseGrid, values: Float64Array, scale: Scale, out: Uint8ClampedArray, inDomain?: Uint8Array, hatch?: Uint8Array): void {
  const { rows, cols, phase } = grid;
  if (out.length !== rows * cols * 4) throw new RangeError(`colourGrid: output has ${out.length} bytes, expected ${rows * cols * 4}`);
  const inv = 255 / (scale.hi - scale.lo);
  for (let i = 0; i < rows; i++) {
    const y = rows - 1 - i;
    for (let j = 0; j < cols; j++) {
      const k = i * cols + j;
      const o = (y * cols + j) * 4;
      const ph = phase[k];
      let r: number, g: number, b: number;
      if (ph < 0) {
        [r, g, b] = inDomain && inDomain[k] ? BOUNDARY : OUTSIDE;
      } else {
        const right = j + 1 < cols ? phase[k + 1] : ph;
        const up = i + 1 < rows ? phase[k + cols] : ph;
        const v = values[k];
        if ((right !== ph && right >= 0) || (up !== ph && up >= 0)) {
          [r, g, b] = BOUNDARY;
        } else if (v === v) {
          let t = Math.round((v - scale.lo) * inv);
          t = t < 0 ? 0 : t > 255 ? 255 : t;
          r = LUT[t * 3];
          g = LUT[t * 3 + 1];
          b = LUT[t * 3 + 2];
          // a conjectural piece of a phase (the paper believes, does not prove, it): diagonal hatching
          if (hatch && hatch[k] && (i + j) % 8 < 2) {
            r = r * 0.45;
            g = g * 0.45;
            b = b * 0.45;
          }
        } else {
          [r, g, b] = OUTSIDE;
        }
      }
      out[o] = r;
      out[o + 1] = g;
      out[o + 2] = b;
      out[o + 3] = 255;
    }
  }
}
