// What a command writes to: standard output and standard error (tests capture both); and the theory file
// given with `--theory FILE`, loaded before the program was built (./theory.ts).
import type { Model } from '../engine/model.js';

export interface CommandContext {
  out: (s: string) => void;
  err: (s: string) => void;
  /** the user's theory file (`--theory FILE`) and the engine's model of it, when one was given */
  theory?: { path: string; model: Model };
}
