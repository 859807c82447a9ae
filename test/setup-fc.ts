// fast-check defaults for the whole suite: a pinned seed (override with FC_SEED=...) so CI runs are
// reproducible; fast-check prints the seed and the counterexample path of any failure.
import fc from 'fast-check';

const seed = process.env.FC_SEED ? Number(process.env.FC_SEED) : 20261123;
// numRuns is left to fast-check's default (100 per property) unless FC_RUNS is set: @fast-check/vitest
// runs a plain `test(...)` (no `.prop`) configureGlobal's numRuns times, so a global 100 made every
// ordinary test imported from it run 100 times (a CLI test 100 x 2 spawns: 90 s instead of 1).
fc.configureGlobal({ seed, ...(process.env.FC_RUNS ? { numRuns: Number(process.env.FC_RUNS) } : {}) });
