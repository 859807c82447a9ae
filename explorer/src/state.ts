// The page's state, carried by the URL so a view can be shared:
//   ?model=plrf&alpha=0.7&beta=1.2&color=eta
// Unknown or malformed values fall back to the model's defaults (the theory's example point and its loss
// exponent), so a hand-edited URL never breaks the page.
import type { TheoryFile } from '../../src/engine/types.js';

export interface ExplorerState {
  model: string;
  /** the pinned point, one value per model parameter */
  point: Record<string, number>;
  /** the quantity the diagram is coloured by */
  color: string;
}

export function defaultState(theory: TheoryFile): ExplorerState {
  const color = theory.quantities.find((q) => q.kind === 'loss')?.name ?? theory.quantities[0].name;
  return { model: theory.id, point: { ...theory.example }, color };
}

/**
 * Read the state from a query string. `theories` are the models the page can show; the first is the
 * default model.
 */
export function parseState(search: string, theories: TheoryFile[]): ExplorerState {
  const q = new URLSearchParams(search);
  const theory = theories.find((t) => t.id === q.get('model')) ?? theories[0];
  const s = defaultState(theory);
  for (const p of theory.parameters) {
    const raw = q.get(p.name);
    const v = raw === null || raw.trim() === '' ? NaN : Number(raw);
    if (Number.isFinite(v)) s.point[p.name] = v;
  }
  const color = q.get('color');
  if (color && theory.quantities.some((x) => x.name === color)) s.color = color;
  return s;
}

/** The query string for a state (parameters in the theory's order). */
export function formatState(s: ExplorerState, theory: TheoryFile): string {
  const q = new URLSearchParams();
  q.set('model', s.model);
  for (const p of theory.parameters) q.set(p.name, String(s.point[p.name]));
  q.set('color', s.color);
  return '?' + q.toString();
}
