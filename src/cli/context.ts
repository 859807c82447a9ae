// What a command writes to: standard output and standard error (tests capture both).
export interface CommandContext {
  out: (s: string) => void;
  err: (s: string) => void;
}
