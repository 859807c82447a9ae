// Messages between the page and ./tools.worker.ts (allocation calculator and claim box).
import type { Verdict } from '../../src/validate/verdict.js';
import type { TheoryFile } from '../../src/engine/types.js';

export interface AllocateRequest {
  type: 'allocate';
  id: number;
  /** Chinchilla budget C = 6 N D, in FLOPs */
  flops: number;
  /** the information-theoretic bound: m, k and its budget C = p T */
  bound: { m: number; k: number; C: number };
}

export interface ClaimRequest {
  type: 'claim';
  id: number;
  text: string;
  /** the user's theory (with its derived phases), registered in the worker under its id if that id is free */
  theory?: TheoryFile;
}

export type ToolsRequest = AllocateRequest | ClaimRequest;

export interface ExponentShown {
  value: number | null;
  expr: string;
  latex: string;
  provenance: string;
}

export interface PresetRow {
  id: string;
  title: string;
  provenance: string;
  source: string;
  values: Record<string, number>;
  N: number;
  D: number;
  loss: number;
  method: string;
  /** engine: N* ~ C^a, D* ~ C^b, L* - E ~ C^(-loss) */
  exponents: { a: ExponentShown; b: ExponentShown; loss: ExponentShown } | null;
  error?: string;
}

export interface BoundResult {
  label: string;
  bound: string;
  constraint: string;
  provenance: string;
  at: { C: number; p: number; T: number; error: number; slope: number; slopeT: number } | null;
  /** the exact local slope of ln p* against ln C over a range of budgets, and the engine asymptote */
  slopes: Array<{ C: number; slope: number }>;
  asymptote: ExponentShown;
  note: string;
  error?: string;
}

export interface AllocateReply {
  type: 'allocate';
  id: number;
  ms: number;
  law: string;
  constraint: string;
  presets: PresetRow[];
  bound: BoundResult;
}

export interface ClaimReply {
  type: 'claim';
  id: number;
  ms: number;
  verdicts: Verdict[];
  error?: string;
}

export type ToolsReply = AllocateReply | ClaimReply;
