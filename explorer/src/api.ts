// What the page exposes as `window.explorer`: its state, the engine's Model and the components, and
// timings (benchmarks and end-to-end tests read them).
import type { Model } from '../../src/engine/model.js';
import type { PhaseDiagram } from './diagram.js';
import type { CurvePanel } from './curves.js';
import type { ExplorerState } from './state.js';

export interface Explorer {
  state: ExplorerState;
  model: Model;
  diagram: PhaseDiagram;
  curves: CurvePanel;
  /** milliseconds: scriptStartMs (bundle loaded), gridMs, labelsMs, recolourMs, pinMs, setupMs, userTheoryMs (read + derive + draw), userReadMs */
  timings: Record<string, number>;
  /** re-colour the diagram and return the milliseconds it took */
  recolour(quantity?: string): number;
  /** read, derive and draw a theory file's text as "your theory" (false: it has a problem, shown on the page) */
  loadTheory(text: string): Promise<boolean>;
}

declare global {
  interface Window {
    explorer?: Explorer;
  }
}
