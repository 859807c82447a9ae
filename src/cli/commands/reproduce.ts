// `scaling-theory reproduce [ID ...] [--list] [--json]`: regenerate the published numbers of every theory
// (the checks are data: theory/reproduce.ts) and compare them with the paper's values: pass (within the
// stated tolerance), differs (outside it, a known difference the note explains), fail. Exit 0 without a
// fail, 1 with one, 2 for an unknown id. `--plot DIR` (the figures) is not implemented yet.
import { REPRODUCE_CHECKS, type ReproduceCheck, type ReproduceTools } from '../../../theory/reproduce.js';
import { findModel, getModel } from '../../models/registry.js';
import { lawExponents, lawOptimum } from '../../law/allocate.js';
import { toJson, UsageError } from '../errors.js';
import { fmt } from '../../format.js';
import type { CommandContext } from '../context.js';

export type Status = 'pass' | 'fail' | 'differs';

export interface CheckResult {
  id: string;
  model: string;
  paper: { value: number; where: string; kind: 'read' | 'derived' };
  ours: number | null;
  how: string;
  difference: number | null;
  tolerance: number;
  relative: boolean;
  status: Status;
  note: string;
}

function lawOf(id: string) {
  const m = findModel(id);
  if (!m?.law?.values) throw new Error(`reproduce: model ${id} is not a law with constants`);
  return { parsed: m.law.parsed(), values: m.law.values };
}

/** The registry as the checks see it. */
export const tools: ReproduceTools = {
  exponent(model, point, quantity) {
    const e = getModel(model).exponents(point).exponents[quantity];
    if (!e) throw new Error(`${model} has no quantity ${quantity}`);
    if (e.value === null) throw new Error(`${model} ${quantity} jumps at ${JSON.stringify(point)}`);
    return e.value;
  },
  lawExponent(model, quantity) {
    const { parsed, values } = lawOf(model);
    const v = lawExponents(parsed, values)[quantity].value;
    if (v === null) throw new Error(`${model} ${quantity} is not defined`);
    return v;
  },
  lawOptimum(model, budget) {
    const { parsed, values } = lawOf(model);
    const o = lawOptimum(parsed, values, budget);
    return { N: o.x[parsed.allocate], D: o.x[parsed.other], loss: o.loss };
  },
};

/** Run one check: ours, the difference and the status (an error computing ours is a fail, with the message). */
export function runCheck(c: ReproduceCheck): CheckResult {
  let ours: number | null = null;
  let note = c.note;
  try {
    ours = c.ours(tools);
    if (!Number.isFinite(ours)) throw new Error(`computed ${ours}`);
  } catch (e) {
    ours = null;
    note = `error: ${(e as Error).message}; ${c.note}`;
  }
  const difference = ours === null ? null : ours - c.paper.value;
  const scale = c.relative ? Math.abs(c.paper.value) : 1;
  const within = difference !== null && Math.abs(difference) <= c.tolerance * scale;
  const status: Status = within ? 'pass' : ours !== null && c.knownDifference ? 'differs' : 'fail';
  return { id: c.id, model: c.model, paper: c.paper, ours, how: c.how, difference, tolerance: c.tolerance, relative: !!c.relative, status, note };
}

export function summary(results: CheckResult[]): Record<Status, number> {
  const s: Record<Status, number> = { pass: 0, fail: 0, differs: 0 };
  for (const r of results) s[r.status]++;
  return s;
}

function selected(args: string[]): ReproduceCheck[] {
  if (args.length === 0) return REPRODUCE_CHECKS;
  const byId = new Map(REPRODUCE_CHECKS.map((c) => [c.id, c]));
  return args.map((id) => {
    const c = byId.get(id);
    if (!c) throw new UsageError(`reproduce: unknown check id '${id.slice(0, 80)}' (run \`scaling-theory reproduce --list\` for the ${REPRODUCE_CHECKS.length} ids)`);
    return c;
  });
}

export function run(opts: Record<string, unknown>, args: string[], ctx: CommandContext): number {
  if (opts.plot !== undefined) throw new UsageError('reproduce: --plot is not implemented yet (the checks are numbers only)');
  const checks = selected(args);
  if (opts.list) {
    const list = checks.map((c) => ({ id: c.id, model: c.model, paper: c.paper, how: c.how }));
    if (opts.json) ctx.out(toJson({ checks: list }) + '\n');
    else for (const c of list) ctx.out(`${c.id.padEnd(30)} ${c.model.padEnd(28)} ${c.paper.where}\n`);
    return 0;
  }
  const results = checks.map(runCheck);
  const s = summary(results);
  if (opts.json) {
    ctx.out(toJson({ checks: results, summary: s }) + '\n');
  } else {
    for (const r of results) {
      ctx.out(`${r.status.padEnd(8)}${r.id}  [${r.model}]\n`);
      ctx.out(`        paper ${fmt(r.paper.value)} (${r.paper.kind}; ${r.paper.where})\n`);
      ctx.out(`        ours  ${r.ours === null ? 'not computed' : fmt(r.ours)}  (${r.how}); difference ${r.difference === null ? '-' : fmt(r.difference)}, tolerance ${r.tolerance}${r.relative ? ' (relative)' : ''}\n`);
      ctx.out(`        note  ${r.note}\n`);
    }
    ctx.out(`\n${results.length} checks: ${s.pass} pass, ${s.differs} differs, ${s.fail} fail\n`);
  }
  return s.fail ? 1 : 0;
}
