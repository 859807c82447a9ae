// The derivation at a point in its structured shape (definitions, and steps of items whose formulas are
// {text, latex} from the project's printer): the engine's own, src/engine/explain.ts. ./panel.ts renders it.
export { explain as explanation, type Explanation, type ExplainStep, type ExplainItem } from '../../src/engine/explain.js';
