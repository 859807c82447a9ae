// Phase and exponents over a grid of a two-parameter model. The classifier and the per-region exponent
// formulas (JavaScript compiled from the engine's derivations) are generated into one function, so the
// loop runs no CAS and calls no closures: `npm run bench` times a 1000 x 1000 grid.
// Row i is the first parameter, column j the second.
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

type Classifier = (a: number, b: number, out: Float64Array) => number;
const classifiers = new WeakMap<Model, Classifier>();

/** One generated function: returns the phase index at (a, b) (or -1) and writes the quantities to `out`. */
export function gridClassifier(model: Model): Classifier {
  const cached = classifiers.get(model);
  if (cached) return cached;
  const t = model.theory;
  if (t.parameters.length !== 2) throw new Error(`phaseGrid: ${t.id} has ${t.parameters.length} parameters, not 2`);
  const params = model.params;
  const lines: string[] = [];
  for (const d of t.domain) lines.push(`if (!((${model.condition(d.condition).js}) > ${BOUNDARY_TOL})) return -1;`);
  (t.phases ?? []).forEach((p, pi) =>
    p.regions.forEach((reg, k) => {
      const q = model.region({ phase: p.name, piece: k }).derivation.balance.quantities;
      const test = reg.conditions.map((c) => `(${model.condition(c).js}) > ${BOUNDARY_TOL}`).join(' && ') || 'true';
      const assign = t.quantities.map((qq, i) => `out[${i}] = ${q[qq.name].js};`).join(' ');
      lines.push(`if (${test}) { ${assign} return ${pi}; }`);
    }),
  );
  lines.push('return -1;');
  // eslint-disable-next-line @typescript-eslint/no-implied-eval
  const fn = new Function(params[0], params[1], 'out', lines.join('\n')) as Classifier;
  classifiers.set(model, fn);
  return fn;
}

export function phaseGrid(model: Model, rows: number, cols: number, box?: [[number, number], [number, number]]): PhaseGrid {
  const t = model.theory;
  const [r0, r1] = box?.[0] ?? t.parameters[0].range;
  const [c0, c1] = box?.[1] ?? t.parameters[1].range;
  const names = (t.phases ?? []).map((p) => p.name);
  const classify = gridClassifier(model);
  const nq = t.quantities.length;
  const n = rows * cols;
  const phase = new Int16Array(n);
  const vals = t.quantities.map(() => new Float64Array(n));
  const out = new Float64Array(nq);
  for (let i = 0; i < rows; i++) {
    const a = r0 + ((i + 0.5) * (r1 - r0)) / rows;
    for (let j = 0; j < cols; j++) {
      const b = c0 + ((j + 0.5) * (c1 - c0)) / cols;
      const k = i * cols + j;
      const ph = classify(a, b, out);
      phase[k] = ph;
      if (ph < 0) for (let q = 0; q < nq; q++) vals[q][k] = NaN;
      else for (let q = 0; q < nq; q++) vals[q][k] = out[q];
    }
  }
  const values: Record<string, Float64Array> = {};
  t.quantities.forEach((q, i) => (values[q.name] = vals[i]));
  return { rows, cols, phase, names, values };
}
