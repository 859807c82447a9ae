// `scaling-theory check FILE [--simulate] [--json] [--seed S] [--samples N]`: the derivation validator.
// Exit 0 when every claim is verified, 1 when any is refuted or inconclusive, 2 for a bad file.
import { UsageError, parseInteger, toJson } from '../errors.js';
import { fmt } from '../../format.js';
import '../../validate/theory-files.js'; // theory: files in claims are read from disk
import { ClaimsFileError, parseClaimsText, validateAll, exitCode, statusWord, DEFAULT_SAMPLES, type Verdict } from '../../validate/index.js';
import { excerpt, readTextInput } from '../input.js';
import { derivationStepLines } from '../../validate/derivation.js';
import { ALLOW_SLOW, BUDGETS, DEFAULTS, LIMITS } from '../limits.js';
import { listModels } from '../../models/registry.js';
import { parse as parseYaml } from 'yaml';
import type { CommandContext } from '../context.js';

/** Models a claim may name: the registry's theories and bounds (validate/schema.ts resolves them). */
const claimable = () => listModels().filter((m) => m.engine || m.bound || m.law);

/**
 * Before the validator resolves anything: every claim's `model` is a known id by own keys (a claim naming
 * `constructor` or `__proto__` crashed the lookup). Shape errors are left to the validator's own messages.
 */
function checkModelNames(text: string, file: string): void {
  let doc: unknown;
  try {
    doc = file.toLowerCase().endsWith('.json') ? JSON.parse(text) : parseYaml(text, { maxAliasCount: 50 });
  } catch (e) {
    if (!(e instanceof Error)) throw e;
    return; // parseClaimsText reports the syntax error
  }
  const list = doc && typeof doc === 'object' ? (doc as { claims?: unknown }).claims : undefined;
  if (!Array.isArray(list)) return;
  list.forEach((c, i) => {
    if (!c || typeof c !== 'object' || !Object.prototype.hasOwnProperty.call(c, 'model')) return;
    const m = (c as { model?: unknown }).model;
    if (typeof m === 'string' && !claimable().some((x) => x.id === m)) {
      const id = typeof (c as { id?: unknown }).id === 'string' ? `claim '${excerpt((c as { id: string }).id)}' ` : '';
      throw new UsageError(`${id}(claims[${i}]), field model: unknown model '${excerpt(m)}' (known: ${claimable().map((x) => x.id).join(', ')})`);
    }
  });
}

export async function run(opts: Record<string, unknown>, args: string[], ctx: CommandContext): Promise<number> {
  const file = args[0];
  if (!file) throw new UsageError('check needs a claims FILE (YAML or JSON)');
  const seed = opts.seed === undefined ? DEFAULTS.seed : parseInteger('seed', opts.seed, 0, LIMITS.seed);
  const samples = opts.samples === undefined ? DEFAULT_SAMPLES : parseInteger('samples', opts.samples, 1, LIMITS.samples);
  const text = readTextInput('claims file', file, LIMITS.claimsBytes);
  checkModelNames(text, file);
  let claims;
  try {
    claims = parseClaimsText(text, file);
  } catch (e) {
    if (e instanceof ClaimsFileError) throw new UsageError(e.message);
    throw e;
  }
  if (samples * claims.length > BUDGETS.checkWork && opts.allowSlow !== true) {
    throw new UsageError(`--samples ${samples} x ${claims.length} claims = ${(samples * claims.length).toExponential(2)} points exceeds the work budget ${BUDGETS.checkWork.toExponential(0)}: lower --samples, or give ${ALLOW_SLOW}`);
  }
  const verdicts = await validateAll(claims, { seed, samples, simulate: !!opts.simulate });
  if (opts.json) ctx.out(toJson({ file, seed, samples, simulate: !!opts.simulate, claims: verdicts, summary: summary(verdicts) }) + '\n');
  else ctx.out(formatVerdicts(file, seed, verdicts));
  return exitCode(verdicts);
}

function summary(vs: Verdict[]) {
  return {
    verified: vs.filter((v) => v.status === 'verified').length,
    refuted: vs.filter((v) => v.status === 'refuted').length,
    inconclusive: vs.filter((v) => v.status === 'inconclusive').length,
  };
}

function fmtValue(v: number | string | null): string {
  return v === null ? 'not finite' : typeof v === 'number' ? fmt(v) : v;
}

export function formatVerdicts(file: string, seed: number, vs: Verdict[]): string {
  const lines = [`check ${file} (${vs.length} claim${vs.length === 1 ? '' : 's'}, seed ${seed})`, ''];
  for (const v of vs) {
    const status = statusWord(v);
    const what = [v.kind, v.model, v.quantity].filter(Boolean).join(' ');
    lines.push(`${status.padEnd(21)} ${v.id}  (${what})`);
    if (v.status === 'inconclusive') lines.push(`  reason: ${v.reason}`);
    else lines.push(`  how: ${v.how ?? v.method}`);
    lines.push(...derivationStepLines(v));
    const c = v.counterexample;
    if (c) {
      const pt = (p: Record<string, number>) => Object.entries(p).map(([k, x]) => `${k} = ${fmt(x)}`).join(', ');
      const largest = ['exponent', 'relation', 'inequality', 'monotone', 'balance'].includes(v.kind) ? ' (largest discrepancy found)' : '';
      lines.push(`  counterexample${largest}: ${pt(c.point) || '(none: the claim does not depend on the parameters)'}`);
      lines.push(`    claimed ${fmtValue(c.claimed)}, ${v.kind === 'scaling' ? 'measured' : 'theory'} ${fmtValue(c.actual)}, difference ${c.difference === null ? 'n/a' : fmt(c.difference)}`);
      if (c.note) lines.push(`    ${c.note}`);
      if (c.phase || c.balance) lines.push(`    phase ${c.phase ?? '(none)'}${c.balance ? `, active balance ${c.balance}` : ''}`);
      if (c.formula) lines.push(`    correct: ${c.formula}${c.provenance ? ` [${c.provenance}${c.source ? `: ${c.source}` : ''}]` : ''}`);
      if (c.simplest) lines.push(`  simplest point near it: ${pt(c.simplest.point)}: claimed ${fmtValue(c.simplest.claimed)}, theory ${fmtValue(c.simplest.actual)}, difference ${c.simplest.difference === null ? 'n/a' : fmt(c.simplest.difference)}`);
    }
    for (const t of v.theory ?? []) lines.push(`  theory${t.region ? ` (${t.region})` : ''}: ${t.expr ?? ''} [${t.provenance}${t.source ? `: ${t.source}` : ''}]`);
    for (const w of v.warnings ?? []) lines.push(`  warning: ${w}`);
    lines.push('');
  }
  const s = summary(vs);
  lines.push(`${s.verified} verified, ${s.refuted} refuted, ${s.inconclusive} inconclusive`);
  return lines.join('\n') + '\n';
}
