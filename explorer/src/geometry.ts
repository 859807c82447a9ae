// The diagram's coordinate system: parameter values <-> cell and pixel positions. The first parameter
// runs up the vertical axis and the second across (alpha up, beta across for PLRF, as in the paper and the
// CLI `diagram` command); grid row i (from ../../src/engine/grid.ts) is the i-th value of the first
// parameter from the bottom.

export interface Axes {
  /** parameter on the vertical axis, and its range */
  vertical: { name: string; range: [number, number] };
  /** parameter on the horizontal axis, and its range */
  horizontal: { name: string; range: [number, number] };
}

/** A position inside the plot as fractions of its width and height, (0, 0) at the top left. */
export interface Fraction {
  fx: number;
  fy: number;
}

/** Point -> fractions of the plot (top left origin); outside the box the fractions leave [0, 1]. */
export function toFraction(axes: Axes, v: number, h: number): Fraction {
  const [h0, h1] = axes.horizontal.range;
  const [v0, v1] = axes.vertical.range;
  return { fx: (h - h0) / (h1 - h0), fy: 1 - (v - v0) / (v1 - v0) };
}

/** Fractions of the plot -> parameter values (vertical, horizontal). */
export function fromFraction(axes: Axes, f: Fraction): { v: number; h: number } {
  const [h0, h1] = axes.horizontal.range;
  const [v0, v1] = axes.vertical.range;
  return { h: h0 + f.fx * (h1 - h0), v: v0 + (1 - f.fy) * (v1 - v0) };
}

/** Index of the grid cell containing fractions f, or -1 outside (grid row 0 at the bottom). */
export function cellAt(rows: number, cols: number, f: Fraction): number {
  const j = Math.floor(f.fx * cols);
  const i = Math.floor((1 - f.fy) * rows);
  if (i < 0 || i >= rows || j < 0 || j >= cols) return -1;
  return i * cols + j;
}

/** Round a parameter value to the precision a pixel can resolve (so URLs stay short). */
export function roundTo(x: number, digits = 3): number {
  const k = 10 ** digits;
  return Math.round(x * k) / k;
}

/** Evenly spaced tick values covering [lo, hi] with a step of 1, 2 or 5 times a power of ten. */
export function ticks(lo: number, hi: number, target = 6): number[] {
  const raw = (hi - lo) / target;
  const p = 10 ** Math.floor(Math.log10(raw));
  const step = [1, 2, 5, 10].map((m) => m * p).find((s) => s >= raw) ?? 10 * p;
  const out: number[] = [];
  for (let x = Math.ceil(lo / step - 1e-9) * step; x <= hi + 1e-9; x += step) out.push(roundTo(x, 6));
  return out;
}
