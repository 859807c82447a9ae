// The page's state, carried by the URL so a view can be shared:
//   ?model=plrf&alpha=0.7&beta=1.2&color=eta[&b.alpha=..&b.beta=..][&theory=<compressed file>]
// A value that is not a number or lies outside the parameter's range is not clamped: the state keeps the
// model's example value for it and `errors` names the parameter, the value and the valid range (the page
// shows them). A user's theory file travels compressed in `theory` (./theory-link.ts); its model id is
// USER_MODEL.
import type { TheoryFile } from '../../src/engine/types.js';

export const USER_MODEL = 'user';

export interface ExplorerState {
  model: string;
  /** the pinned point, one value per model parameter */
  point: Record<string, number>;
  /** the quantity the diagram is coloured by */
  color: string;
  /** the comparison point B, when one is pinned */
  compare?: Record<string, number>;
  /** the user's theory file, compressed (./theory-link.ts), when model is USER_MODEL */
  theory?: string;
}

export function defaultState(theory: TheoryFile): ExplorerState {
  const color = theory.quantities.find((q) => q.kind === 'loss')?.name ?? theory.quantities[0].name;
  return { model: theory.id, point: { ...theory.example }, color };
}

/** Why a parameter value is refused: not a number, or outside [lo, hi]; null when it is fine. */
export function valueProblem(theory: TheoryFile, name: string, raw: string): string | null {
  const p = theory.parameters.find((x) => x.name === name);
  if (!p) return `unknown parameter ${name} (the parameters are ${theory.parameters.map((x) => x.name).join(', ')})`;
  const v = raw.trim() === '' ? NaN : Number(raw);
  if (!Number.isFinite(v)) return `${name} = '${raw}' is not a number (valid: a number in [${p.range[0]}, ${p.range[1]}])`;
  if (v < p.range[0] || v > p.range[1]) return `${name} = ${raw} is outside its range [${p.range[0]}, ${p.range[1]}] (the diagram's box, from the theory file)`;
  return null;
}

/**
 * Read the state from a query string. `theories` are the models the page can show; the first is the
 * default model. `user`: the user's theory, when the query carries one and it has been read.
 */
export function parseState(search: string, theories: TheoryFile[], user?: TheoryFile): { state: ExplorerState; errors: string[] } {
  const q = new URLSearchParams(search);
  const errors: string[] = [];
  const wanted = q.get('model');
  const theory = wanted === USER_MODEL && user ? user : theories.find((t) => t.id === wanted) ?? theories[0];
  if (wanted !== null && wanted !== USER_MODEL && !theories.some((t) => t.id === wanted)) errors.push(`unknown model '${wanted}' (shown: ${theory.id})`);
  const s = defaultState(theory);
  if (theory === user) {
    s.model = USER_MODEL;
    s.theory = q.get('theory') ?? undefined;
  }
  const read = (prefix: string, into: Record<string, number>) => {
    let any = false;
    for (const p of theory.parameters) {
      const raw = q.get(prefix + p.name);
      if (raw === null) continue;
      const problem = valueProblem(theory, p.name, raw);
      if (problem) errors.push(`URL: ${problem}; using ${into[p.name]}`);
      else {
        into[p.name] = Number(raw);
        any = true;
      }
    }
    return any;
  };
  read('', s.point);
  const b = { ...s.point };
  if (read('b.', b)) s.compare = b;
  const color = q.get('color');
  if (color && theory.quantities.some((x) => x.name === color)) s.color = color;
  else if (color) errors.push(`URL: color = '${color}' is not a quantity of ${theory.id} (valid: ${theory.quantities.map((x) => x.name).join(', ')})`);
  return { state: s, errors };
}

/** The query string for a state (parameters in the theory's order). */
export function formatState(s: ExplorerState, theory: TheoryFile): string {
  const q = new URLSearchParams();
  q.set('model', s.model);
  for (const p of theory.parameters) q.set(p.name, String(s.point[p.name]));
  q.set('color', s.color);
  if (s.compare) for (const p of theory.parameters) q.set(`b.${p.name}`, String(s.compare[p.name]));
  if (s.theory) q.set('theory', s.theory);
  return '?' + q.toString();
}
