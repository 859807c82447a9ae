// Phase and exponents over a grid of a two-parameter model, with the compiled per-region functions (no CAS
// in the loop: `npm run bench` times a 1000 x 1000 grid). Row i is the first parameter, column j the second.
import type { Model } from './model.js';
import { BOUNDARY_TOL } from './condition.js';

export interface PhaseGrid {
  rows: number;
  cols: number;
  /** phase index into `names` per cell, -1 outside the domain or on a boundary */
  phase: Int16Array;
  names: string[];
  values: Record<string, Float64Array>;
}

export function phaseGrid(model: Model, rows: number, cols: number, box?: [[number, number], [number, number]]): PhaseGrid {
  const t = model.theory;
  const [r0, r1] = box?.[0] ?? t.parameters[0].range;
  const [c0, c1] = box?.[1] ?? t.parameters[1].range;
  const names = (t.phases ?? []).map((p) => p.name);
  // flatten region pieces: conditions compiled, quantity functions compiled per piece
  const pieces = (t.phases ?? []).flatMap((p, pi) =>
    p.regions.map((reg, k) => {
      const compiled = model.region({ phase: p.name, piece: k });
      return {
        phaseIndex: pi,
        conds: reg.conditions.map((c) => model.condition(c).evaluate),
        fns: t.quantities.map((q) => compiled.quantity[q.name]),
      };
    }),
  );
  const domain = t.domain.map((d) => model.condition(d.condition).evaluate);
  const n = rows * cols;
  const phase = new Int16Array(n).fill(-1);
  const vals = t.quantities.map(() => new Float64Array(n).fill(NaN));
  for (let i = 0; i < rows; i++) {
    const a = r0 + ((i + 0.5) * (r1 - r0)) / rows;
    for (let j = 0; j < cols; j++) {
      const b = c0 + ((j + 0.5) * (c1 - c0)) / cols;
      let ok = true;
      for (const d of domain) if (!(d(a, b) > BOUNDARY_TOL)) { ok = false; break; }
      if (!ok) continue;
      const k = i * cols + j;
      for (const p of pieces) {
        let inside = true;
        for (const c of p.conds) if (!(c(a, b) > BOUNDARY_TOL)) { inside = false; break; }
        if (!inside) continue;
        phase[k] = p.phaseIndex;
        for (let q = 0; q < p.fns.length; q++) vals[q][k] = p.fns[q](a, b);
        break;
      }
    }
  }
  const values: Record<string, Float64Array> = {};
  t.quantities.forEach((q, i) => (values[q.name] = vals[i]));
  return { rows, cols, phase, names, values };
}
