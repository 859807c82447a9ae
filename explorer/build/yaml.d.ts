// A theory/*.yaml file imported by the explorer bundle (the .yaml loader of scripts/explorer.mjs): its
// text, and its parse by the theory-file loader made when the page was built (null if none).
declare module '*.yaml' {
  import type { TheoryTextCache } from '../../src/engine/cache.js';
  export const text: string;
  export const parsed: TheoryTextCache | null;
}
