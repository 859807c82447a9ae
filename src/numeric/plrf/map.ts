// The simulated exponent map of PLRF (issue 13): the deterministic-equivalent compute frontier
// (./frontier.ts, plrf.md §7 recipe [derived]) at every point of an (alpha, beta) grid, measured xi and eta
// next to the engine's, in worker threads (tinypool). Each point is exactly one `plrfFrontier` call with
// the options a single `frontier` run would use, so a point's result does not depend on the worker count
// or on the order the pool finishes in (the bootstrap is seeded per call). The theory at each point comes
// from the caller (the registry, in src/cli/commands/frontier.ts): numeric code never asks the registry.
import { fileURLToPath } from 'node:url';
import type { Approach } from '../frontier.js';
import type { FrontierTheory } from './frontier.js';

/** What one grid point needs (structured-cloneable: it crosses to a worker). */
export interface MapTask {
  alpha: number;
  beta: number;
  theory: FrontierTheory;
  dGrid: number[];
  flops?: [number, number];
  approach: Approach;
  batch: number;
  seed: number;
}

/** What a worker sends back: the fit only (the curves stay in the worker). */
export type MapTaskResult =
  | { ok: true; xi: { value: number; ci: [number, number] }; eta: { value: number; ci: [number, number] }; window: [number, number] | null }
  | { ok: false; error: string; frontierError: boolean };

/** measured minus theory; null where the theory jumps (no single value) */
export interface MapDifference {
  xi: number | null;
  eta: number | null;
}

export interface MapPoint {
  alpha: number;
  beta: number;
  /** `ok`; `skipped` (outside the domain, with the reason); `failed` (no frontier in the window, with the reason) */
  status: 'ok' | 'skipped' | 'failed';
  reason?: string;
  phase: string | null;
  measured?: { xi: number; eta: number };
  ci?: { xi: [number, number]; eta: [number, number] };
  theory: { xi: number | null; eta: number | null };
  difference?: MapDifference;
  window?: [number, number] | null;
}

export interface PhaseSummary {
  phase: string;
  points: number;
  xi: { meanAbs: number | null; maxAbs: number | null; mean: number | null };
  eta: { meanAbs: number | null; maxAbs: number | null; mean: number | null };
}

/** One grid point as a single `frontier` run computes it (the worker's body, also run in-process). */
export async function runMapTask(t: MapTask): Promise<MapTaskResult> {
  const { plrfFrontier } = await import('./frontier.js');
  const { FrontierError } = await import('../frontier.js');
  try {
    const r = plrfFrontier({ alpha: t.alpha, beta: t.beta, theory: t.theory, dGrid: t.dGrid, flops: t.flops, method: 'deterministic', approach: t.approach, batch: t.batch, seed: t.seed });
    return { ok: true, xi: { value: r.fit.xi.value, ci: r.fit.xi.ci }, eta: { value: r.fit.eta.value, ci: r.fit.eta.ci }, window: r.fit.window };
  } catch (e) {
    return { ok: false, error: (e as Error).message, frontierError: e instanceof FrontierError };
  }
}

/** The worker module next to this one: the .js file in dist/, or the .ts source under tsx (then run with tsx's loader). */
function workerFile(): { filename: string; execArgv: string[] } {
  const here = fileURLToPath(import.meta.url);
  const ts = here.endsWith('.ts');
  return { filename: here.replace(/map\.(ts|js)$/, `map-worker.${ts ? 'ts' : 'js'}`), execArgv: ts ? ['--import', 'tsx'] : [] };
}

/**
 * Run the tasks with `workers` threads (1: in this thread, no pool). Results come back in task order;
 * `onDone(k, n)` after each finished task (k finished of n).
 */
export async function runMapTasks(tasks: MapTask[], workers: number, onDone?: (k: number, n: number) => void): Promise<MapTaskResult[]> {
  const out: MapTaskResult[] = new Array(tasks.length);
  let done = 0;
  const finish = (i: number, r: MapTaskResult) => {
    out[i] = r;
    onDone?.(++done, tasks.length);
  };
  if (workers <= 1 || tasks.length <= 1) {
    for (let i = 0; i < tasks.length; i++) finish(i, await runMapTask(tasks[i]));
    return out;
  }
  const { default: Tinypool } = await import('tinypool');
  const { filename, execArgv } = workerFile();
  const threads = Math.min(workers, tasks.length);
  const pool = new Tinypool({ filename, minThreads: threads, maxThreads: threads, execArgv, isolateWorkers: false });
  try {
    await Promise.all(tasks.map((t, i) => (pool.run(t) as Promise<MapTaskResult>).then((r) => finish(i, r))));
  } finally {
    await pool.destroy();
  }
  return out;
}

/** A point of the map from its task's result: measured, theory, measured minus theory. */
export function mapPoint(t: MapTask, r: MapTaskResult): MapPoint {
  const theory = { xi: t.theory.xi, eta: t.theory.eta };
  const base = { alpha: t.alpha, beta: t.beta, phase: t.theory.phase, theory };
  if (!r.ok) return { ...base, status: 'failed', reason: r.error };
  const diff = (m: number, th: number | null) => (th === null ? null : m - th);
  return {
    ...base,
    status: 'ok',
    measured: { xi: r.xi.value, eta: r.eta.value },
    ci: { xi: r.xi.ci, eta: r.eta.ci },
    difference: { xi: diff(r.xi.value, theory.xi), eta: diff(r.eta.value, theory.eta) },
    window: r.window,
  };
}

/** Per phase (the engine's label; `boundary` where it has none): count, mean and max |measured - theory|, mean signed difference. */
export function phaseSummary(points: MapPoint[]): PhaseSummary[] {
  const groups = new Map<string, MapPoint[]>();
  for (const p of points) {
    if (p.status !== 'ok') continue;
    const k = p.phase ?? 'boundary';
    groups.set(k, [...(groups.get(k) ?? []), p]);
  }
  const stats = (xs: number[]) =>
    xs.length === 0
      ? { meanAbs: null, maxAbs: null, mean: null }
      : { meanAbs: xs.reduce((s, x) => s + Math.abs(x), 0) / xs.length, maxAbs: Math.max(...xs.map(Math.abs)), mean: xs.reduce((s, x) => s + x, 0) / xs.length };
  const num = (x: number | null | undefined): x is number => typeof x === 'number';
  return [...groups.entries()]
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([phase, ps]) => ({
      phase,
      points: ps.length,
      xi: stats(ps.map((p) => p.difference?.xi).filter(num)),
      eta: stats(ps.map((p) => p.difference?.eta).filter(num)),
    }));
}

/** `lo:hi:n`: n >= 1 equally spaced values from lo to hi (n = 1 needs lo = hi). Returns null when malformed. */
export function gridValues(lo: number, hi: number, n: number): number[] {
  if (n === 1) return [lo];
  return Array.from({ length: n }, (_, i) => (i === n - 1 ? hi : lo + ((hi - lo) * i) / (n - 1)));
}
