// fast-check defaults for the whole suite: a pinned seed (override with FC_SEED=...) so CI runs are
// reproducible; fast-check prints the seed and the counterexample path of any failure.
import fc from 'fast-check';

const seed = process.env.FC_SEED ? Number(process.env.FC_SEED) : 20261123;
fc.configureGlobal({ seed, numRuns: Number(process.env.FC_RUNS ?? 100) });
