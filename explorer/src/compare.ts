// Comparing two points (A: the pinned point, B: shift-click or "pin as B"): phase, each exponent and the
// dominant balance side by side; and the overlay of measured exponents: the cells of the diagram where
// every entered exponent lies within its interval, drawn from the per-cell values the diagram already has
// (the grid of src/engine/grid.ts), with no other computation.
import type { ExponentsResult, Model, Point } from '../../src/engine/model.js';
import { fmt } from '../../src/format.js';
import type { PhaseDiagram } from './diagram.js';
import { tex } from './formula.js';
import { greek } from './boundaries.js';
import { html } from './svg.js';

function at(model: Model, p: Point): ExponentsResult | string {
  try {
    return model.exponents(p);
  } catch (e) {
    return e instanceof Error ? e.message : String(e);
  }
}

export function renderCompare(root: HTMLElement, model: Model, a: Point, b: Point | null): void {
  if (!b) {
    root.replaceChildren(html('p', { class: 'note', id: 'compare-empty' }, 'No point B: shift-click the diagram, press b on it, or use “pin as B” to compare it with the pinned point A.'));
    return;
  }
  const t = model.theory;
  const ra = at(model, a), rb = at(model, b);
  const cell = (r: ExponentsResult | string, f: (x: ExponentsResult) => string, col: string) => html('td', { 'data-col': col }, typeof r === 'string' ? 'outside' : f(r));
  const value = (r: ExponentsResult, q: string) => {
    const v = r.exponents[q].value;
    return v === null ? 'jumps' : fmt(v);
  };
  const rows = [
    html('tr', { 'data-row': 'point' }, html('th', {}, 'point'), html('td', { 'data-col': 'A' }, model.fmtPoint(a)), html('td', { 'data-col': 'B' }, model.fmtPoint(b)), html('td', {}, '')),
    html('tr', { 'data-row': 'phase' }, html('th', {}, 'phase'), cell(ra, (r) => r.phase ?? '—', 'A'), cell(rb, (r) => r.phase ?? '—', 'B'), html('td', {}, typeof ra !== 'string' && typeof rb !== 'string' && ra.phase === rb.phase ? 'same' : 'differs')),
    ...t.quantities.map((q) =>
      html(
        'tr',
        { 'data-row': q.name },
        html('th', {}, tex(q.latex)),
        cell(ra, (r) => value(r, q.name), 'A'),
        cell(rb, (r) => value(r, q.name), 'B'),
        html('td', { 'data-col': 'diff' }, typeof ra !== 'string' && typeof rb !== 'string' && ra.exponents[q.name].value !== null && rb.exponents[q.name].value !== null ? fmt(rb.exponents[q.name].value! - ra.exponents[q.name].value!) : '—'),
      ),
    ),
    html('tr', { 'data-row': 'balance' }, html('th', {}, 'balance'), cell(ra, (r) => r.balance.terms.join(' = '), 'A'), cell(rb, (r) => r.balance.terms.join(' = '), 'B'), html('td', {}, '')),
  ];
  root.replaceChildren(
    html('div', { class: 'scroll' }, html('table', { class: 'compare', id: 'compare-table' }, html('tr', {}, html('th', {}, ''), html('th', {}, 'A (pinned)'), html('th', {}, 'B'), html('th', {}, 'B − A')), ...rows)),
  );
}

/** The form of measured exponents (value ± half-width per quantity) and the consistent region it draws. */
export function renderOverlayForm(root: HTMLElement, model: Model, diagram: PhaseDiagram): void {
  const t = model.theory;
  const fields = t.quantities.map((q) => {
    const v = html('input', { type: 'number', step: 'any', id: `measured-${q.name}`, 'aria-label': `measured ${q.name}` });
    const w = html('input', { type: 'number', step: 'any', min: '0', id: `measured-${q.name}-pm`, 'aria-label': `half-width of the interval of ${q.name}`, value: '0.02' });
    return { q, v, w, row: html('div', { class: 'measured-row' }, tex(q.latex), ' = ', v, ' ± ', w) };
  });
  const result = html('p', { id: 'overlay-result', class: 'note', 'aria-live': 'polite' });
  const draw = html('button', { type: 'button', id: 'overlay-draw' }, 'draw the consistent region');
  const clear = html('button', { type: 'button', id: 'overlay-clear' }, 'clear');
  draw.addEventListener('click', () => {
    const given = fields.filter((f) => f.v.value.trim() !== '');
    const problems: string[] = [];
    const bounds = given.map((f) => {
      const v = Number(f.v.value), w = Number(f.w.value);
      if (!Number.isFinite(v)) problems.push(`measured ${f.q.name} = '${f.v.value}' is not a number`);
      if (!Number.isFinite(w) || w < 0) problems.push(`the half-width of ${f.q.name} = '${f.w.value}' must be a number >= 0`);
      return { values: diagram.grid.values[f.q.name], lo: v - w, hi: v + w };
    });
    if (!given.length) problems.push(`enter at least one measured exponent (${t.quantities.map((q) => greek(q.name)).join(', ')})`);
    if (problems.length) {
      diagram.setOverlay(null);
      result.className = 'error';
      result.textContent = problems.join('; ');
      result.dataset.cells = '';
      return;
    }
    const phase = diagram.grid.phase;
    const inside = (k: number) => phase[k] >= 0 && bounds.every((b) => b.values[k] >= b.lo && b.values[k] <= b.hi);
    const n = diagram.setOverlay(inside);
    let inPhases = 0;
    for (let k = 0; k < phase.length; k++) if (phase[k] >= 0) inPhases++;
    result.className = 'note';
    result.dataset.cells = String(n);
    result.textContent = n
      ? `consistent region (outlined in white): ${n} of ${inPhases} cells (${((100 * n) / inPhases).toFixed(1)} %), every entered exponent within its interval`
      : 'no point of the diagram is consistent with these measurements';
  });
  clear.addEventListener('click', () => {
    diagram.setOverlay(null);
    result.textContent = '';
    result.dataset.cells = '';
  });
  root.replaceChildren(...fields.map((f) => f.row), html('div', { class: 'buttons' }, draw, clear), result);
}
