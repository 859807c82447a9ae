// A progress bar on stderr for long numerics (cli-progress: prints nothing when stderr is not a TTY).
export interface Progress {
  update(fraction: number): void;
  stop(): void;
}

export async function progressBar(label: string, enabled: boolean): Promise<Progress> {
  if (!enabled || !process.stderr.isTTY) return { update() {}, stop() {} };
  const { default: cliProgress } = await import('cli-progress');
  const bar = new cliProgress.SingleBar({ format: `${label} [{bar}] {percentage}%`, stream: process.stderr, noTTYOutput: false, clearOnComplete: true }, cliProgress.Presets.shades_classic);
  bar.start(100, 0);
  let last = -1;
  return {
    update(f) {
      const v = Math.round(100 * Math.min(1, Math.max(0, f)));
      if (v !== last) {
        last = v;
        bar.update(v);
      }
    },
    stop() {
      bar.stop();
    },
  };
}
