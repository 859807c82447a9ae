// What a command writes to: standard output and standard error (tests capture both); and the theory file
// given with `--theory FILE`, loaded before the program was built (./theory.ts).
import type { ScalingModel } from '../models/types.js';

export interface CommandContext {
  out: (s: string) => void;
  err: (s: string) => void;
  /** the user's theory file (`--theory FILE`), when one was given */
  theory?: { path: string; model: ScalingModel };
}
