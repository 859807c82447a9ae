// The pinned point: phase, each exponent with its formula (KaTeX from the project's printer, ./formula.ts),
// provenance and how the engine's result was checked, the dominant balance, then the derivation step by
// step (./explanation.ts: the structured Explanation, every symbol defined).
import { type ExponentsResult, type Model, type Point } from '../../src/engine/model.js';
import { fmt } from '../../src/format.js';
import { explanation, type Explanation } from './explanation.js';
import { printerFor, prose, tex } from './formula.js';
import { greek } from './boundaries.js';
import { html } from './svg.js';

export { tex };

const VERIFIED: Record<string, string> = {
  symbolic: 'the engine’s derivation equals this closed form symbolically',
  numeric: 'the engine’s derivation agrees with this closed form at sampled points',
  mismatch: 'DIFFERS from the reference closed form (shown: the engine’s own)',
  none: 'no reference closed form: the engine’s derivation',
};

export function provenanceBadge(tag: string): HTMLElement {
  return html('span', { class: `tag tag-${tag.replace(/[^a-z]/g, '')}`, title: 'provenance' }, tag);
}

/** milliseconds of the last panel: the engine's exponents and the explanation, and the rendering (KaTeX) */
export const panelTimings = { computeMs: 0, renderMs: 0 };

/** The pinned-point panel; returns the exponents shown (or null when the point is outside every phase). */
export function renderPinned(root: HTMLElement, model: Model, point: Point): ExponentsResult | null {
  const t = model.theory;
  let r: ExponentsResult;
  let ex: Explanation;
  const t0 = performance.now();
  try {
    r = model.exponents(point);
    ex = explanation(model, point);
  } catch (e) {
    root.replaceChildren(
      html('p', { class: 'coords' }, model.fmtPoint(point)),
      html('p', { id: 'pinned-phase', class: 'phase-name outside', 'data-phase': '' }, 'outside'),
      html('p', { class: 'error', id: 'pinned-error' }, e instanceof Error ? e.message : String(e)),
    );
    return null;
  }
  const P = printerFor(model, point, `${r.phase}|${r.region.join('&')}`);
  const t1 = performance.now();
  panelTimings.computeMs = t1 - t0;
  const ph = (t.phases ?? []).find((p) => p.name === r.phase);
  const piece = r.conjectural ? ' (conjectural: believed, not proved, in the paper)' : '';
  const header = html(
    'div',
    { class: 'phase-head' },
    html('span', { id: 'pinned-phase', class: 'phase-name', 'data-phase': r.phase ?? '' }, r.phase ?? '—'),
    html('span', { class: 'phase-desc' }, ...(ph ? prose(`${ph.description}${ph.bottleneck ? `; bottleneck: ${ph.bottleneck}` : ''}${piece}`) : ['on the boundary '])),
    ...(ph ? [] : r.region.filter((c) => c.includes('=') && !/[<>]/.test(c)).map((c) => tex(P.condition(c).latex))),
  );
  const quantities = t.quantities.map((q) => {
    const e = r.exponents[q.name];
    const value = e.value === null ? 'jumps' : fmt(e.value);
    const box = html(
      'div',
      { class: 'quantity', 'data-quantity': q.name },
      html('div', { class: 'q-head' }, tex(q.latex), ' = ', html('span', { class: 'value', id: `value-${q.name}`, 'data-value': e.value === null ? '' : String(e.value) }, value), html('span', { class: 'q-desc' }, ...prose(q.description))),
    );
    if (e.sides && Object.keys(e.sides).length > 1) {
      for (const [side, s] of Object.entries(e.sides)) {
        box.append(html('div', { class: 'formula side' }, html('span', { class: 'side-name' }, side), tex(`${q.latex} = ${printerFor(model).expr(s.expr).latex} = ${fmt(s.value)}`, true)));
      }
    } else {
      const f = P.expr(e.expr);
      box.append(html('div', { class: 'formula', 'data-text': f.text }, tex(`${q.latex} = ${f.latex}`, true)));
    }
    box.append(html('div', { class: 'prov' }, provenanceBadge(e.provenance), ` ${e.source ?? ''}; ${VERIFIED[e.verified] ?? e.verified}`));
    return box;
  });
  const balance = html(
    'div',
    { class: 'balance' },
    html('p', {}, 'Dominant balance ', tex(r.balance.terms.map(P.name).join(' = ')), ', with ', tex(`u = \\log ${P.name(t.compute.allocate)}`), ' and ', tex(`\\varphi = \\log ${P.name(t.compute.budget)}`), ':'),
    ...(r.balance.equation ? [tex(P.equation(r.balance.equation).latex, true)] : []),
    ...(r.balance.solution ? [tex(P.equation(r.balance.solution).latex, true)] : []),
  );
  const warnings = r.warnings.map((w) => html('p', { class: 'warning' }, '⚠ ', ...prose(w)));
  root.replaceChildren(
    html('p', { class: 'coords', id: 'pinned-coords' }, t.parameters.map((p) => `${greek(p.name)} = ${fmt(point[p.name])}`).join(', ')),
    header,
    ...warnings,
    ...quantities,
    balance,
    renderDefinitions(ex, P.name),
    html('details', { open: '' }, html('summary', {}, 'Derivation, step by step'), renderSteps(ex)),
  );
  panelTimings.renderMs = performance.now() - t1;
  return r;
}

/** The abbreviations the formulas use, as 'where s = ..., q = ...'. */
function renderDefinitions(ex: Explanation, name: (s: string) => string): HTMLElement {
  if (!ex.definitions.length) return html('span');
  return html('p', { class: 'definitions', id: 'definitions' }, 'where ', ...ex.definitions.flatMap((d, i) => [...(i ? [', '] : []), tex(`${name(d.name)} = ${d.formula.latex}`)]));
}

/** The steps as mathematics: each item a label, its formula in KaTeX, its value, a note and its provenance. */
export function renderSteps(ex: Explanation): HTMLElement {
  return html(
    'ol',
    { class: 'steps', id: 'steps' },
    ...ex.steps.map((s) =>
      html(
        'li',
        { 'data-kind': s.kind },
        html('strong', {}, s.title),
        html(
          'ul',
          { class: 'items' },
          ...s.items.map((it) =>
            html(
              'li',
              { class: 'item' },
              ...(it.formula ? [tex(it.formula.latex)] : it.label ? [html('span', { class: 'item-label' }, it.label)] : []),
              ...(it.value !== undefined && it.formula && !it.formula.text.includes(String(it.value)) && s.kind === 'exponents' ? [' ', html('span', { class: 'item-value' }, `= ${fmt(it.value)}`)] : []),
              ...(it.note ? [html('span', { class: 'item-note' }, ' ', ...prose(it.note))] : []),
              ...(it.provenance ? [' ', provenanceBadge(it.provenance.split(':')[0]), html('span', { class: 'item-source' }, it.provenance.includes(':') ? ` ${it.provenance.slice(it.provenance.indexOf(':') + 1)}` : '')] : []),
            ),
          ),
        ),
      ),
    ),
  );
}
