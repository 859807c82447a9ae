// Labels for the phase diagram, found from the grid rather than written per theory: every pair of
// neighbouring cells in different phases lies across some condition's boundary line, namely the condition
// (of either phase, or of the domain) whose margin is closest to zero between them. Cells are grouped by
// that line; each group gets one label, with the quantities that jump across it (PLRF: xi at IVa|IVb).
import type { Model } from '../../src/engine/model.js';
import type { PhaseGrid } from '../../src/engine/grid.js';
import { BOUNDARY_TOL, type CompiledCondition } from '../../src/engine/condition.js';

export interface BoundaryLabel {
  /** the boundary as an equation in the parameters, e.g. `2*beta = 1` */
  equation: string;
  /** the same line as written by other conditions (`2*alpha = 1` for `alpha = 1/2`) */
  aliases: string[];
  /** the phases it separates ('' for the outside of the domain) */
  between: string[];
  /** where to write the label: a point on the line (vertical, horizontal parameter values) */
  at: [number, number];
  /** up to 40 points along the line's middle part, other places a label could go */
  along: Array<[number, number]>;
  /** quantities whose value changes across the line by more than rounding */
  jumps: string[];
  cells: number;
}

export interface PhaseLabel {
  phase: string;
  at: [number, number];
}

/** 1 where the centre of grid cell k satisfies every domain condition (cells in a phase are in the domain). */
export function domainMask(model: Model, grid: PhaseGrid, box: [[number, number], [number, number]]): Uint8Array {
  const { rows, cols, phase } = grid;
  const [[r0, r1], [c0, c1]] = box;
  const conds = model.theory.domain.map((d) => model.condition(d.condition).evaluate);
  const mask = new Uint8Array(rows * cols);
  for (let i = 0; i < rows; i++) {
    const a = r0 + ((i + 0.5) * (r1 - r0)) / rows;
    for (let j = 0; j < cols; j++) {
      const k = i * cols + j;
      if (phase[k] >= 0) {
        mask[k] = 1;
        continue;
      }
      const b = c0 + ((j + 0.5) * (c1 - c0)) / cols;
      let ok = 1;
      for (let c = 0; c < conds.length; c++) if (!(conds[c](a, b) > BOUNDARY_TOL)) ok = 0;
      mask[k] = ok;
    }
  }
  return mask;
}

/** 1 where a cell's centre lies in a conjectural piece of its phase (RegionPiece.conjectural: PLRF's Ib below alpha = 1/4). */
export function conjecturalMask(model: Model, grid: PhaseGrid, box: [[number, number], [number, number]]): Uint8Array {
  const { rows, cols, phase, names } = grid;
  const [[r0, r1], [c0, c1]] = box;
  const mask = new Uint8Array(rows * cols);
  const pieces = (model.theory.phases ?? []).map((p) => p.regions.filter((r) => r.conjectural).map((r) => r.conditions.map((c) => model.condition(c).evaluate)));
  if (!pieces.some((x) => x.length)) return mask;
  const byIndex = names.map((n) => pieces[(model.theory.phases ?? []).findIndex((p) => p.name === n)] ?? []);
  for (let i = 0; i < rows; i++) {
    const a = r0 + ((i + 0.5) * (r1 - r0)) / rows;
    for (let j = 0; j < cols; j++) {
      const k = i * cols + j;
      const ps = phase[k] >= 0 ? byIndex[phase[k]] : [];
      if (!ps.length) continue;
      const b = c0 + ((j + 0.5) * (c1 - c0)) / cols;
      if (ps.some((conds) => conds.every((m) => m(a, b) > BOUNDARY_TOL))) mask[k] = 1;
    }
  }
  return mask;
}

/**
 * The boundary lines crossing the grid. `inDomain` (./domainMask) tells the cells in no phase because
 * their centre lies exactly on a boundary from those outside the domain.
 */
export function boundaryLabels(model: Model, grid: PhaseGrid, box: [[number, number], [number, number]], inDomain: Uint8Array): BoundaryLabel[] {
  const t = model.theory;
  const { rows, cols, phase, names } = grid;
  const [[r0, r1], [c0, c1]] = box;
  const phaseConds = (t.phases ?? []).map((p) => [...new Set(p.regions.flatMap((r) => r.conditions))].map((c) => model.condition(c)));
  const domainConds = t.domain.map((d) => model.condition(d.condition));
  const groups = new Map<string, { cond: CompiledCondition; aliases: string[]; between: Set<string>; pts: Array<[number, number]>; jumps: Set<string> }>();
  // distance of (a, b) to a condition's boundary line, in cells: |margin| / |gradient per cell|
  const da = (r1 - r0) / rows, db = (c1 - c0) / cols;
  const cellDistance = (c: CompiledCondition, a: number, b: number): number => {
    const ga = (c.evaluate(a + da, b) - c.evaluate(a - da, b)) / 2, gb = (c.evaluate(a, b + db) - c.evaluate(a, b - db)) / 2;
    const g = Math.hypot(ga, gb);
    return g > 0 ? Math.abs(c.evaluate(a, b)) / g : Infinity;
  };
  const quantities = Object.entries(grid.values);
  const candidateCache = new Map<string, typeof domainConds>();

  const visit = (k: number, k2: number, i: number, j: number, di: number, dj: number) => {
    const p = phase[k], p2 = phase[k2];
    if (p === p2 || (p < 0 && p2 < 0)) return;
    // a cell on a boundary line: the line through its centre; else the line between the two centres
    const onLine = (p < 0 && inDomain[k]) || (p2 < 0 && inDomain[k2]);
    const shift = onLine ? (p < 0 ? 0 : 1) : 0.5;
    const a = r0 + ((i + 0.5 + di * shift) * (r1 - r0)) / rows;
    const b = c0 + ((j + 0.5 + dj * shift) * (c1 - c0)) / cols;
    const key = p >= 0 && p2 >= 0 ? `${p},${p2}` : onLine ? `${Math.max(p, p2)},d` : 'd';
    let candidates = candidateCache.get(key);
    if (!candidates) {
      candidates = p >= 0 && p2 >= 0 ? [...phaseConds[p], ...phaseConds[p2]] : onLine ? [...phaseConds[Math.max(p, p2)], ...domainConds] : domainConds;
      candidateCache.set(key, candidates);
    }
    let best = candidates[0], bestAbs = Infinity;
    for (const c of candidates) {
      const m = cellDistance(c, a, b);
      if (m < bestAbs) {
        bestAbs = m;
        best = c;
      }
    }
    if (!best) return;
    let g = groups.get(best.boundary);
    if (!g) groups.set(best.boundary, (g = { cond: best, aliases: [], between: new Set(), pts: [], jumps: new Set() }));
    if (p >= 0) g.between.add(names[p]);
    else if (!onLine) g.between.add('');
    if (p2 >= 0) g.between.add(names[p2]);
    else if (!onLine) g.between.add('');
    g.pts.push([a, b]);
    if (p >= 0 && p2 >= 0) {
      for (const [q, vals] of quantities) {
        const v = vals[k], v2 = vals[k2];
        // neighbouring cells differ by one cell width times the gradient; a jump is far larger
        if (Number.isFinite(v) && Number.isFinite(v2) && Math.abs(v - v2) > 0.02 * (1 + Math.abs(v))) g.jumps.add(q);
      }
    }
  };
  for (let i = 0; i < rows; i++) {
    for (let j = 0; j < cols; j++) {
      const k = i * cols + j;
      const p = phase[k];
      if (j + 1 < cols && phase[k + 1] !== p) visit(k, k + 1, i, j, 0, 1);
      if (i + 1 < rows && phase[k + cols] !== p) visit(k, k + cols, i, j, 1, 0);
    }
  }
  // one line written two ways ('2*alpha > 1' in one phase, 'alpha < 1/2' in another): merge groups whose
  // points all lie within 1.5 cells of the other's line; the label prefers the form 'parameter = ...'
  const merged = [...groups.entries()].sort((x, y) => y[1].pts.length - x[1].pts.length);
  const bare = (eq: string) => (/^[A-Za-z_]\w* = /.test(eq) ? 1 : 0);
  for (let x = 0; x < merged.length; x++) {
    for (let y = merged.length - 1; y > x; y--) {
      const [, gx] = merged[x], [, gy] = merged[y];
      const sample = (pts: Array<[number, number]>) => pts.filter((_, m) => m % Math.max(1, Math.floor(pts.length / 25)) === 0);
      const near = (g: typeof gx, pts: Array<[number, number]>) => sample(pts).every(([a, b]) => cellDistance(g.cond, a, b) <= 1.5);
      if (near(gx, gy.pts) && near(gy, gx.pts)) {
        gy.between.forEach((v) => gx.between.add(v));
        gy.jumps.forEach((v) => gx.jumps.add(v));
        gx.pts.push(...gy.pts);
        gx.aliases.push(merged[y][0], ...gy.aliases);
        merged.splice(y, 1);
      }
    }
  }
  for (const entry of merged) {
    const forms = [entry[0], ...entry[1].aliases];
    const pick = forms.reduce((p, q) => (bare(q) > bare(p) ? q : p));
    entry[1].aliases = forms.filter((f) => f !== pick);
    entry[0] = pick;
  }
  return merged
    .map(([equation, g]) => {
      const sorted = g.pts.sort((x, y) => x[0] - y[0] || x[1] - y[1]);
      const n = sorted.length;
      const along = Array.from({ length: Math.min(40, n) }, (_, m) => sorted[Math.floor(n * (0.1 + (0.8 * m) / Math.max(1, Math.min(40, n) - 1)))]).filter(Boolean);
      return { equation, aliases: g.aliases, between: [...g.between].sort(), at: sorted[Math.floor(n / 2)], along, jumps: [...g.jumps].sort(), cells: n };
    })
    .filter((l) => l.cells >= 3)
    .sort((x, y) => x.equation.localeCompare(y.equation));
}

/** One label per phase: at the phase's cell nearest to the centroid of all its cells (so inside it). */
export function phaseLabels(grid: PhaseGrid, box: [[number, number], [number, number]]): PhaseLabel[] {
  const { rows, cols, phase, names } = grid;
  const [[r0, r1], [c0, c1]] = box;
  const sum = names.map(() => ({ i: 0, j: 0, n: 0 }));
  for (let k = 0; k < phase.length; k++) {
    const p = phase[k];
    if (p < 0) continue;
    sum[p].i += Math.floor(k / cols);
    sum[p].j += k % cols;
    sum[p].n++;
  }
  const best = names.map(() => ({ k: -1, d: Infinity }));
  for (let k = 0; k < phase.length; k++) {
    const p = phase[k];
    if (p < 0) continue;
    const di = Math.floor(k / cols) - sum[p].i / sum[p].n, dj = (k % cols) - sum[p].j / sum[p].n;
    const d = di * di + dj * dj;
    if (d < best[p].d) best[p] = { k, d };
  }
  return names.flatMap((phaseName, p) => {
    const k = best[p].k;
    if (k < 0) return [];
    const i = Math.floor(k / cols), j = k % cols;
    return [{ phase: phaseName, at: [r0 + ((i + 0.5) * (r1 - r0)) / rows, c0 + ((j + 0.5) * (c1 - c0)) / cols] as [number, number] }];
  });
}

const GREEK: Record<string, string> = {
  alpha: 'α', beta: 'β', gamma: 'γ', delta: 'δ', eta: 'η', xi: 'ξ', sigma: 'σ', nu: 'ν', mu: 'μ', kappa: 'κ', tau: 'τ', phi: 'φ',
};

/** A name for display: its Greek letter when it is one. */
export function greek(name: string): string {
  return GREEK[name] ?? name;
}

/** A condition or equation for display: Greek letters for Greek names, implicit products, √ for sqrt. */
export function prettyEquation(text: string): string {
  const out = text.replace(/\b[a-z]+\b/g, (w) => GREEK[w] ?? w);
  const SUP: Record<string, string> = { '2': '²', '3': '³', '4': '⁴' };
  return out
    .replace(/sqrt\(([^()]+)\)/g, '√$1')
    .replace(/\^([234])/g, (_, d: string) => SUP[d])
    .replace(/(\d)\s*\*\s*(?=[^\d\s])/g, '$1')
    // a product of one-letter symbols is written without a sign (ab), longer names keep a middle dot
    .replace(/(?<=(?:^|[^\p{L}\d_])\p{L})\s*\*\s*(?=\p{L}(?![\p{L}\d_]))/gu, '')
    .replace(/\s*\*\s*/g, '·');
}
