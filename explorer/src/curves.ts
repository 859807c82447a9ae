// The curve panel of the pinned point. Loss curves for a few d need the PLRF deterministic-equivalent
// method (src/numeric/plrf/), which has not landed: until it does the panel states the engine's compute-
// optimal frontier, d* ~ f^xi and P* ~ f^(-eta), at the pinned point.
import type { ExponentsResult, Model } from '../../src/engine/model.js';
import { fmt } from '../../src/engine/model.js';
import { tex } from './panel.js';
import { html } from './svg.js';

export function renderCurves(root: HTMLElement, model: Model, r: ExponentsResult | null): void {
  const t = model.theory;
  const items: Node[] = [];
  if (r) {
    for (const q of t.quantities) {
      const e = r.exponents[q.name];
      if (e.value === null) continue;
      const lhs = q.kind === 'variable' ? `${q.variable}^\\star` : 'P^\\star';
      const exp = q.sign < 0 ? `-${fmt(e.value)}` : fmt(e.value);
      items.push(html('div', { class: 'frontier', 'data-quantity': q.name }, tex(`${lhs} \\propto ${t.compute.budget}^{${exp}}`, true)));
    }
  }
  root.replaceChildren(
    ...items,
    html('p', { class: 'note', id: 'curves-note' }, 'Loss curves for several d at this point need the deterministic-equivalent method (src/numeric/plrf/), not yet in the engine: the panel shows the compute-optimal frontier the engine derives.'),
  );
}
