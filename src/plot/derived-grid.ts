// The derived phase diagram (src/engine/phases.ts, cached: src/engine/phase-cache.ts) over a grid, in the
// shape of a stated theory's grid (src/engine/grid.ts PhaseGrid), for `diagram` on a theory that states
// no phases (a user theory file). A cell belongs to the derived phase one of whose pieces (a conjunction
// of factor signs) holds at its centre; its exponents are that phase's exact rational functions
// [derived], evaluated there. No CAS runs: the conditions are compiled by the engine's condition reader.
import { BOUNDARY_TOL } from '../engine/condition.js';
import { rationalOf } from '../symbolic/print.js';
import type { Model } from '../engine/model.js';
import type { DerivedDiagram } from '../engine/phases.js';
import type { PhaseGrid } from '../engine/grid.js';

export function derivedPhaseGrid(model: Model, d: DerivedDiagram, rows: number, cols: number): PhaseGrid {
  const t = model.theory;
  const params = model.params;
  const [r0, r1] = t.parameters[0].range;
  const [c0, c1] = t.parameters[1].range;
  const domain = t.domain.map((c) => model.condition(c.condition).evaluate);
  const phases = d.phases.map((p) => ({
    pieces: p.pieces.map((piece) => piece.map((c) => model.condition(c).evaluate)),
    exponents: t.quantities.map((q) => rationalOf(p.exponents[q.name].expr, { params }).value),
  }));
  const n = rows * cols;
  const phase = new Int16Array(n).fill(-1);
  const vals = t.quantities.map(() => new Float64Array(n).fill(NaN));
  const holds = (f: (...x: number[]) => number, a: number, b: number) => f(a, b) > BOUNDARY_TOL;
  for (let i = 0; i < rows; i++) {
    const a = r0 + ((i + 0.5) * (r1 - r0)) / rows;
    for (let j = 0; j < cols; j++) {
      const b = c0 + ((j + 0.5) * (c1 - c0)) / cols;
      if (!domain.every((f) => holds(f, a, b))) continue;
      const k = i * cols + j;
      const ph = phases.findIndex((p) => p.pieces.some((piece) => piece.every((f) => holds(f, a, b))));
      if (ph < 0) continue; // on a boundary
      phase[k] = ph;
      phases[ph].exponents.forEach((r, q) => (vals[q][k] = r.evaluate([a, b])));
    }
  }
  const values: Record<string, Float64Array> = {};
  t.quantities.forEach((q, i) => (values[q.name] = vals[i]));
  return { rows, cols, phase, names: d.phases.map((p) => p.name), values };
}
