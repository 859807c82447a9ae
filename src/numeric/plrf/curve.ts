// PLRF loss curves four ways (plrf.md §2, §3, §7), on a log-spaced grid of step counts 1..R:
//   asymptotic     the working estimate F0 + F_pp + F_ac + K_pp/(gamma B) with its constants (./asymptotic.ts)
//   deterministic  deterministic-equivalent spectrum (./deterministic.ts) fed to the per-mode recursion
//   volterra       exact expected loss given one seeded W: eigenpairs of W^T D W + per-mode recursion
//   sgd            Monte-Carlo one-pass SGD for the same seeded W, `runs` runs: mean and standard deviation
import { DomainError } from '../../errors.js';
import type { ProvenanceTag } from '../../engine/types.js';
import type { Model } from '../../engine/model.js';
import { resolveParams, dataSpectrum, type PlrfOptions, type PlrfParams } from './setup.js';
import { sampledSpectrum, kernelNorm, type SpectralInput } from './spectrum.js';
import { deterministicSpectrum } from './deterministic.js';
import { lossAtSteps, logStepGrid } from './recursion.js';
import { sgdEigenbasis } from './sgd.js';
import { asymptoticLoss, type AsymptoticTerm } from './asymptotic.js';

export const CURVE_METHODS = ['asymptotic', 'deterministic', 'volterra', 'sgd'] as const;
export type CurveMethod = (typeof CURVE_METHODS)[number];

export const PROVENANCE: Record<CurveMethod, { tag: ProvenanceTag; source: string }> = {
  asymptotic: {
    tag: 'derived',
    source: 'docs/theory/plrf.md §3 working estimate F0 + F_pp + F_ac + K_pp/(gamma B); term forms and coefficients from theory/plrf.yaml (each term carries its own tag: see terms)',
  },
  deterministic: {
    tag: 'derived',
    source: "deterministic equivalent m(z) [authors' code: github.com/LosVolterrosHermanos/Experimental theory_m_batched; docs/theory/plrf.md §8]; spectrum by the counting function of log det(Khat - z) [derived] and the per-mode recursion [derived: docs/theory/plrf.md §8]",
  },
  volterra: {
    tag: 'derived',
    source: 'exact discrete Volterra equation given W (arXiv:2405.15074 eq. (10); docs/theory/plrf.md §1, checked against Monte-Carlo SGD), solved by the per-mode recursion (docs/theory/plrf.md §8)',
  },
  sgd: {
    tag: 'derived',
    source: 'Monte-Carlo one-pass SGD, exact in law via the joint Gaussian of (phi, y) given W (docs/theory/plrf.md §8), run in the eigenbasis of W^T D W',
  },
};

export interface CurveRequest extends PlrfOptions {
  method: CurveMethod;
  /** the theory whose terms the asymptotic method evaluates (the engine's Model of PLRF) */
  model?: Model;
  /** R (steps) */
  steps: number;
  points?: number;
  runs?: number;
  seed?: number;
  onProgress?: (fraction: number) => void;
}

export interface CurveResult {
  t: number[];
  loss: number[];
  lossStd?: number[];
  method: CurveMethod;
  params: PlrfParams & { steps: number; points: number; seed?: number; runs?: number };
  kernelNorm: number;
  provenance: { tag: ProvenanceTag; source: string };
  /** asymptotic: the terms used; deterministic: numerical diagnostics */
  terms?: AsymptoticTerm[];
  notes: string[];
}

export class DivergentLossError extends DomainError {}

export function plrfCurve(req: CurveRequest): CurveResult {
  const p = resolveParams(req);
  if (!Number.isInteger(req.steps) || req.steps < 1) throw new DomainError(`steps = ${req.steps} must be an integer >= 1`, { parameter: 'steps', value: req.steps });
  const points = req.points ?? 100;
  if (!Number.isInteger(points) || points < 2) throw new DomainError(`points = ${points} must be an integer >= 2`, { parameter: 'points', value: points });
  const steps = logStepGrid(req.steps, points);
  const notes: string[] = [];
  const seed = req.seed ?? 0;
  const runs = req.runs ?? 10;
  if (req.method === 'sgd' && (!Number.isInteger(runs) || runs < 1)) throw new DomainError(`runs = ${runs} must be an integer >= 1`, { parameter: 'runs', value: runs });
  let spec: SpectralInput | null = null;
  if (req.method === 'deterministic') spec = deterministicSpectrum(p);
  else if (req.method === 'volterra' || req.method === 'sgd') spec = sampledSpectrum(p, seed);
  // for the asymptotic method, the kernel norm of the data spectrum (sum_k lambda_k = tr D, as for W^T D W on average)
  const kn = kernelNorm(spec ?? { lambda: dataSpectrum(p.alpha, p.v) }, p.lr, p.batch);
  if (!(kn < 1)) {
    throw new DivergentLossError(`kernel norm ||K|| = ${Number.isFinite(kn) ? kn.toPrecision(4) : 'infinite (a mode has gamma (B+1) lambda >= 2)'} >= 1 at --lr = ${p.lr}: the expected loss diverges (docs/theory/plrf.md §1); lower --lr (the trace rule gives ${resolveParams({ ...req, lr: undefined }).lr.toPrecision(4)})`);
  }
  const base = { t: steps, method: req.method, kernelNorm: kn, provenance: PROVENANCE[req.method], notes };
  const params = { ...p, steps: req.steps, points };
  if (req.method === 'asymptotic') {
    if (!req.model) throw new Error('the asymptotic method needs the theory (CurveRequest.model)');
    const est = asymptoticLoss(req.model, p, steps);
    notes.push('valid for t = gamma B r >~ 1 and above the high-dimensional line; F_ac is dropped beyond t = d^(2 alpha) (docs/theory/plrf.md §3)');
    req.onProgress?.(1);
    return { ...base, loss: Array.from(est.loss), params, terms: est.terms };
  }
  if (req.method === 'sgd') {
    const r = sgdEigenbasis(spec!, steps, { lr: p.lr, batch: p.batch, runs, seed, onProgress: req.onProgress });
    return { ...base, loss: Array.from(r.mean), lossStd: Array.from(r.std), params: { ...params, seed, runs } };
  }
  const L = lossAtSteps(spec!, steps, { lr: p.lr, batch: p.batch, onProgress: req.onProgress });
  if (req.method === 'deterministic') {
    const info = (spec as ReturnType<typeof deterministicSpectrum>).info;
    notes.push(`deterministic spectrum: ${info.gridPoints} grid points, smoothing eps = ${info.eps} (Richardson-combined), count before normalisation ${info.rawCount.toFixed(3)} of d = ${p.d}`);
    return { ...base, loss: Array.from(L), params };
  }
  return { ...base, loss: Array.from(L), params: { ...params, seed } };
}
