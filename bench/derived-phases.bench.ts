// Benchmark of the derived phase diagram (src/engine/phases.ts, docs/derived-phases.md), with its target:
//   derive PLRF's phase diagram (phases removed) cold, in a fresh process: <= 1 s (issue: a 2-parameter
//   theory with up to 6 terms). Cold includes building the case signatures' log systems (nerdamer).
// Also: the same warm (systems built), and rf-dynamics cold. CPU time of this process (process.cpuUsage), wall in brackets.
import { Model } from '../src/engine/model.js';
import { derivePhases } from '../src/engine/phases.js';
import { plrf } from '../src/models/builtin.js';
import { rfDynamics } from '../src/models/builtin.js';

function report(name: string, cpuMs: number, wallMs: number, target?: number) {
  const verdict = target === undefined ? '' : `   target <= ${target} ms   ${cpuMs <= target ? 'OK' : 'MISSED'}`;
  console.log(`${name.padEnd(52)} ${cpuMs.toFixed(0).padStart(7)} ms${verdict} [wall ${wallMs.toFixed(0)} ms]`);
}

function time(fn: () => void): { cpu: number; wall: number } {
  const c0 = process.cpuUsage();
  const t0 = performance.now();
  fn();
  const c = process.cpuUsage(c0);
  return { cpu: (c.user + c.system) / 1000, wall: performance.now() - t0 };
}

const stated = new Model(plrf);
const stripped = new Model({ ...plrf, phases: undefined });
let phases = 0;
const cold = time(() => (phases = derivePhases(stripped, { stated }).phases.length));
report(`PLRF, phases removed, cold (${phases} phases)`, cold.cpu, cold.wall, 1000);
const warm = time(() => derivePhases(stripped, { stated }));
report('PLRF, phases removed, warm', warm.cpu, warm.wall);
const rf = time(() => derivePhases(new Model(rfDynamics)));
report('rf-dynamics, cold', rf.cpu, rf.wall, 1000);
