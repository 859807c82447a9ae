// Messages between the page and ./curves.worker.ts.
export interface CurveRequest {
  id: number;
  alpha: number;
  beta: number;
  dGrid: number[];
  /** the engine's exponents at the point (computed by the page: the worker runs no CAS) */
  theory: CurveData['theory'];
}

export interface CurveData {
  curves: Array<{ d: number; flops: number[]; loss: number[] }>;
  /** the lower envelope P*(f) = min_d P_d(f) where its argmin is interior */
  envelope: { flops: number[]; loss: number[] };
  /** straight-line fits of the envelope: P* ~ f^(-eta), d* ~ f^xi; log P* = logP - eta log f */
  fit: { xi: { value: number; ci: [number, number] }; eta: { value: number; ci: [number, number] }; logP: number; window: [number, number] | null };
  theory: { phase: string | null; xi: number | null; eta: number | null; provenance: { xi: string; eta: string } };
}

export type CurveReply = ({ ok: true } & CurveData & { id: number; ms: number }) | { id: number; ok: false; ms: number; error: string };
