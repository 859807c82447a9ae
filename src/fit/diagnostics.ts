// Diagnostics for a law fitted to measured losses (docs/fitting.md §Diagnostics) [derived: each test is
// a counting or interval argument stated beside it]. They say, with a named code, when the data cannot
// determine what the fit reports. Severity "error": the reported numbers are meaningless (the command
// line exits 2 unless --force); "warning": the numbers stand but need the caveat.
//   too-few-rows          distinct rows <= free parameters (error; no residual degree of freedom)
//                         or < MIN_ROWS_PER_PARAMETER per free parameter (warning)
//   duplicate-rows-only   every row is a copy of one row (error)
//   not-identifiable      fewer distinct N (or D) values than the N (D) term's free parameters + 1:
//                         with the offset E shared, k distinct values give k - 1 differences (error)
//   narrow-range          less than one decade between the smallest and largest N (or D) (warning)
//   degenerate-interval   a bootstrap interval of zero width (error: a "95%" interval that claims
//                         certainty the data cannot give)
//   starts-disagree       optimiser starts ending at objectives within STARTS_OBJECTIVE_TOL of the
//                         best but at parameters differing by more than STARTS_PARAMETER_TOL (warning)
//   extrapolation         the asked budget lies outside the data's compute range; `decades` says how
//                         far (warning; silent inside the range, see extrapolationDecades)

export type Severity = 'error' | 'warning';

export interface Diagnostic {
  code: string;
  severity: Severity;
  message: string;
  /** the law's parameters the diagnostic concerns (empty when none) */
  parameters: string[];
  /** extrapolation distance in decades (extrapolation only) */
  decades?: number;
  /** the budget (IsoFLOP diagnostics about one budget) */
  budget?: number;
}

export interface FitRow {
  N: number;
  D: number;
  loss: number;
  /** the law's variables when they are other than N, D (e.g. U, the unique tokens) */
  vars?: Record<string, number>;
  /** training compute when the file gives it (else 6 N D is used) */
  C?: number;
}

/** What a fit reports, in the law's own parameter names. */
export interface FitSummary {
  params: Record<string, { value: number; ci: [number, number] | null }>;
  /** the end point of every optimiser start: its objective and parameter values */
  starts?: { objective: number; params: Record<string, number> }[];
}

export interface DiagnosticOptions {
  /** rows per free parameter below which `too-few-rows` warns (default MIN_ROWS_PER_PARAMETER) */
  minRowsPerParameter?: number;
  /** which free parameters multiply or exponentiate each variable (default Chinchilla: N -> alpha, A; D -> beta, B) */
  terms?: Record<string, readonly string[]>;
  /** a budget asked for (FLOPs): report the extrapolation distance to it */
  budget?: number;
  /** FLOPs per parameter per token when the rows have no C (default 6, chinchilla.md §1) */
  flopsPerParamToken?: number;
}

/** Rows per free parameter below which `too-few-rows` warns (a convention, stated in docs/fitting.md). */
export const MIN_ROWS_PER_PARAMETER = 5;
/** starts whose objective is within this relative distance of the best count as "close" */
export const STARTS_OBJECTIVE_TOL = 1e-4;
/** ... and disagree when a parameter differs by more than this relative amount */
export const STARTS_PARAMETER_TOL = 1e-2;
/** an interval narrower than this (relative to max(1, |value|)) is degenerate */
export const DEGENERATE_WIDTH = 1e-12;

const CHINCHILLA_TERMS: Record<string, readonly string[]> = { N: ['alpha', 'A'], D: ['beta', 'B'] };

function distinct(values: readonly number[]): number[] {
  return [...new Set(values)].sort((a, b) => a - b);
}

function fmt(x: number): string {
  return Number.isInteger(x) && Math.abs(x) < 1e6 ? String(x) : x.toPrecision(4);
}

/** The compute of each row: its C column, else k N D. */
export function rowCompute(rows: readonly FitRow[], k = 6): number[] {
  return rows.map((r) => r.C ?? k * r.N * r.D);
}

/** Decades from the data's compute range to `budget` (0 inside the range). */
export function extrapolationDecades(rows: readonly FitRow[], budget: number, k = 6): number {
  if (!(budget > 0) || !Number.isFinite(budget)) throw new RangeError(`budget = ${budget} is outside the domain (a finite number of FLOPs > 0)`);
  const c = rowCompute(rows, k);
  const lo = Math.min(...c), hi = Math.max(...c);
  if (budget > hi) return Math.log10(budget / hi);
  if (budget < lo) return Math.log10(lo / budget);
  return 0;
}

/** True when a diagnostic makes the fit meaningless. */
export function hasErrors(diagnostics: readonly Diagnostic[]): boolean {
  return diagnostics.some((d) => d.severity === 'error');
}

/** Diagnostics of a fit of a law with free parameters `free` to `rows` (fit: its result, if any). */
export function fitDiagnostics(rows: readonly FitRow[], free: readonly string[], fit?: FitSummary, options: DiagnosticOptions = {}): Diagnostic[] {
  const out: Diagnostic[] = [];
  const k = free.length;
  const perParam = options.minRowsPerParameter ?? MIN_ROWS_PER_PARAMETER;
  const terms = options.terms ?? CHINCHILLA_TERMS;
  const isFree = new Set(free);

  // rows: all copies of one, or too few distinct ones
  const keys = new Set(rows.map((r) => `${r.N},${r.D},${r.loss}${r.vars ? `,${Object.values(r.vars).join(',')}` : ''}`));
  if (rows.length > 1 && keys.size === 1) {
    out.push({ code: 'duplicate-rows-only', severity: 'error', parameters: [...free], message: `all ${rows.length} rows are copies of one run (N = ${fmt(rows[0].N)}, D = ${fmt(rows[0].D)}, loss = ${fmt(rows[0].loss)}): one measurement cannot determine ${k} parameters, and resampling it gives zero-width intervals` });
  } else if (keys.size <= k) {
    out.push({ code: 'too-few-rows', severity: 'error', parameters: [...free], message: `${keys.size} distinct rows for ${k} free parameters: no residual degree of freedom (need more than ${k})` });
  } else if (keys.size < perParam * k) {
    out.push({ code: 'too-few-rows', severity: 'warning', parameters: [...free], message: `${keys.size} distinct rows for ${k} free parameters: fewer than the stated minimum of ${perParam} per free parameter (${perParam * k})` });
  }

  // identifiability and range of each variable
  const value = (r: FitRow, v: string): number => r.vars?.[v] ?? (v === 'N' ? r.N : v === 'D' ? r.D : NaN);
  for (const v of Object.keys(terms)) {
    const termFree = terms[v].filter((p) => isFree.has(p));
    if (termFree.length === 0) continue;
    const vals = distinct(rows.map((r) => value(r, v)));
    const need = termFree.length + 1;
    if (vals.length < need) {
      out.push({ code: 'not-identifiable', severity: 'error', parameters: termFree, message: `${vals.length} distinct ${v} value${vals.length === 1 ? '' : 's'} (${vals.slice(0, 3).map(fmt).join(', ')}${vals.length > 3 ? ', ...' : ''}): the ${v} term's ${termFree.join(', ')} ${termFree.length === 1 ? 'is' : 'are'} not identifiable (need at least ${need} distinct values: the rest of the law absorbs one, as the offset E does)` });
    } else {
      const dec = Math.log10(vals[vals.length - 1] / vals[0]);
      if (dec < 1) out.push({ code: 'narrow-range', severity: 'warning', parameters: termFree, message: `${v} spans ${dec.toFixed(2)} decades (${fmt(vals[0])} to ${fmt(vals[vals.length - 1])}), less than one: ${termFree[0]} is poorly determined and extrapolation in ${v} is long` });
    }
  }

  if (fit) {
    const degenerate = free.filter((p) => {
      const iv = fit.params[p];
      return iv?.ci != null && iv.ci[1] - iv.ci[0] <= DEGENERATE_WIDTH * Math.max(1, Math.abs(iv.value));
    });
    if (degenerate.length) out.push({ code: 'degenerate-interval', severity: 'error', parameters: degenerate, message: `bootstrap interval of zero width for ${degenerate.join(', ')}: every resample gave the same value, which says the resamples carry no information, not that the value is exact` });

    const starts = fit.starts ?? [];
    if (starts.length > 1) {
      const best = starts.reduce((m, s) => (s.objective < m.objective ? s : m), starts[0]);
      const scale = Math.max(Math.abs(best.objective), 1e-300);
      const close = starts.filter((s) => s !== best && (s.objective - best.objective) / scale <= STARTS_OBJECTIVE_TOL);
      const differing = free.filter((p) => close.some((s) => Math.abs(s.params[p] - best.params[p]) > STARTS_PARAMETER_TOL * Math.max(Math.abs(best.params[p]), 1e-12)));
      if (differing.length) {
        const spread = differing.map((p) => {
          const v = [best, ...close].map((s) => s.params[p]);
          return `${p} from ${fmt(Math.min(...v))} to ${fmt(Math.max(...v))}`;
        });
        out.push({ code: 'starts-disagree', severity: 'warning', parameters: differing, message: `${close.length + 1} of ${starts.length} optimiser starts end within ${STARTS_OBJECTIVE_TOL * 100}% of the best objective at different parameters (${spread.join('; ')}): the data do not single out one optimum` });
      }
    }
  }

  if (options.budget !== undefined) {
    const dec = extrapolationDecades(rows, options.budget, options.flopsPerParamToken ?? 6);
    if (dec > 0) {
      const c = rowCompute(rows, options.flopsPerParamToken ?? 6);
      const side = options.budget > Math.max(...c) ? `above the largest run's compute (${fmt(Math.max(...c))} FLOPs)` : `below the smallest run's compute (${fmt(Math.min(...c))} FLOPs)`;
      out.push({ code: 'extrapolation', severity: 'warning', parameters: [], decades: dec, message: `the budget ${fmt(options.budget)} FLOPs is ${dec.toFixed(2)} decades ${side}: an extrapolation` });
    }
  }
  return out;
}
