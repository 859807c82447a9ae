// The pinned point: phase, each exponent with its formula (KaTeX, from the engine's LaTeX), provenance and
// how the engine's result was checked, then the derivation step by step (src/engine/explain.ts).
import katex from 'katex';
import { type ExponentsResult, type Model, type Point } from '../../src/engine/model.js';
import { fmt } from '../../src/format.js';
import { explain, stepLines, type ExplainStep } from '../../src/engine/explain.js';
import { toLatex } from '../../src/symbolic/cas.js';
import { greek } from './boundaries.js';
import { html } from './svg.js';

export function tex(latex: string, display = false): HTMLElement {
  const span = html('span', { class: display ? 'math display' : 'math' });
  katex.render(latex, span, { throwOnError: false, displayMode: display });
  return span;
}

/** LaTeX of an engine expression or equation (`lhs = rhs`), through the engine's printer. */
export function latexOf(expr: string): string {
  return expr
    .split('=')
    .map((side) => {
      try {
        return toLatex(side.trim());
      } catch {
        return `\\text{${side.trim()}}`;
      }
    })
    .join(' = ');
}

const VERIFIED: Record<string, string> = {
  symbolic: 'the engine’s derivation equals this closed form symbolically',
  numeric: 'the engine’s derivation agrees with this closed form at sampled points',
  mismatch: 'DIFFERS from the reference closed form (shown: the engine’s own)',
  none: 'no reference closed form: the engine’s derivation',
};

export function provenanceBadge(tag: string): HTMLElement {
  return html('span', { class: `tag tag-${tag.replace(/[^a-z]/g, '')}`, title: 'provenance' }, tag);
}

/** The pinned-point panel; returns the exponents shown (or null when the point is outside every phase). */
export function renderPinned(root: HTMLElement, model: Model, point: Point): ExponentsResult | null {
  const t = model.theory;
  let r: ExponentsResult;
  let steps: ExplainStep[];
  try {
    r = model.exponents(point);
    steps = explain(model, point).steps;
  } catch (e) {
    root.replaceChildren(
      html('p', { class: 'coords' }, model.fmtPoint(point)),
      html('p', { id: 'pinned-phase', class: 'phase-name outside', 'data-phase': '' }, 'outside'),
      html('p', { class: 'error', id: 'pinned-error' }, e instanceof Error ? e.message : String(e)),
    );
    return null;
  }
  const ph = (t.phases ?? []).find((p) => p.name === r.phase);
  const header = html(
    'div',
    { class: 'phase-head' },
    html('span', { id: 'pinned-phase', class: 'phase-name', 'data-phase': r.phase ?? '' }, r.phase ?? '—'),
    html('span', { class: 'phase-desc' }, ph ? `${ph.description}${ph.bottleneck ? `; bottleneck: ${ph.bottleneck}` : ''}` : `on the boundary ${r.region.filter((c) => c.includes('=') && !/[<>]/.test(c)).join(', ')}`),
  );
  const quantities = t.quantities.map((q) => {
    const e = r.exponents[q.name];
    const value = e.value === null ? 'jumps' : fmt(e.value);
    const box = html(
      'div',
      { class: 'quantity', 'data-quantity': q.name },
      html('div', { class: 'q-head' }, tex(q.latex), ' = ', html('span', { class: 'value', id: `value-${q.name}`, 'data-value': e.value === null ? '' : String(e.value) }, value), html('span', { class: 'q-desc' }, q.description)),
    );
    if (e.sides && Object.keys(e.sides).length > 1) {
      for (const [side, s] of Object.entries(e.sides)) {
        box.append(html('div', { class: 'formula side' }, html('span', { class: 'side-name' }, side), tex(`${q.latex} = ${latexOf(s.expr)} = ${fmt(s.value)}`, true)));
      }
    } else {
      box.append(html('div', { class: 'formula' }, tex(`${q.latex} = ${e.latex}`, true)));
    }
    box.append(html('div', { class: 'prov' }, provenanceBadge(e.provenance), ` ${e.source ?? ''}; ${VERIFIED[e.verified] ?? e.verified}`));
    return box;
  });
  const balance = html(
    'div',
    { class: 'balance' },
    html('p', {}, `Dominant balance ${r.balance.terms.join(' = ')} (u = log ${t.compute.allocate}, φ = log ${t.compute.budget}):`),
    ...(r.balance.equation ? [tex(latexOf(r.balance.equation), true)] : []),
    ...(r.balance.solution ? [tex(latexOf(r.balance.solution), true)] : []),
    ...definitionsUsed(t.definitions, `${r.balance.equation ?? ''} ${r.balance.solution ?? ''}`),
  );
  const stepList = html('ol', { class: 'steps', id: 'steps' }, ...steps.map((s) => html('li', {}, html('strong', {}, s.title), html('pre', {}, stepLines(s).join('\n')))));
  const warnings = r.warnings.map((w) => html('p', { class: 'warning' }, `⚠ ${w}`));
  root.replaceChildren(
    html('p', { class: 'coords', id: 'pinned-coords' }, t.parameters.map((p) => `${greek(p.name)} = ${fmt(point[p.name])}`).join(', ')),
    header,
    ...warnings,
    ...quantities,
    balance,
    html('details', { open: '' }, html('summary', {}, 'Derivation, step by step'), stepList),
  );
  return r;
}

/** The theory's abbreviations (s, q, sigma...) that appear in a text, as 'where s = ...' in KaTeX. */
function definitionsUsed(definitions: Record<string, string>, text: string): HTMLElement[] {
  const used = Object.entries(definitions).filter(([name]) => new RegExp(`\\b${name}\\b`).test(text));
  if (used.length === 0) return [];
  return [html('p', { class: 'definitions' }, 'where ', ...used.flatMap(([name, expr], i) => [...(i ? [', '] : []), tex(`${latexOf(name)} = ${latexOf(expr)}`)]))];
}
