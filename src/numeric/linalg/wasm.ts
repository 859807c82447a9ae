// The WebAssembly SIMD kernels of kernels.c (symmetric rank-K update, Householder tridiagonalisation, QL),
// instantiated once, synchronously (Node: any module size). One linear memory, laid out per call by
// `reserve`; it only grows (to ~8 d^2 bytes for the largest d used). `wasmKernels()` is null where
// WebAssembly SIMD is unavailable: callers then use their JavaScript versions.
import { KERNELS_WASM_BASE64 } from './kernels-wasm.js';

interface Exports {
  memory: WebAssembly.Memory;
  heap_base(): number;
  syrk_panel(S: number, ld: number, P: number, Ks: number, K: number): void;
  syrk_rows(S: number, ld: number, R: number, P: number, K: number): void;
  tridiagonalize(a: number, ld: number, n: number, y: number, diag: number, off: number, work: number): void;
  tridiagonal_ql(d: number, e: number, y: number, n: number): number;
}

export interface WasmKernels {
  exports: Exports;
  /**
   * Byte offsets of consecutive Float64 blocks of the given lengths (16-byte aligned), the memory grown to
   * hold them. Earlier offsets and views are invalidated by the next call.
   */
  reserve(lengths: readonly number[]): number[];
  /** a Float64Array view of `length` doubles at byte offset `ptr` (valid until the next `reserve`) */
  f64(ptr: number, length: number): Float64Array;
}

let cached: WasmKernels | null | undefined;
let enabled = true;

/** Switch the WebAssembly kernels off (the JavaScript versions run) or back on: for tests and benchmarks. */
export function useWasmKernels(on: boolean): void {
  enabled = on;
}

/** The kernels, or null (WebAssembly unavailable, SCALING_THEORY_NO_WASM=1, or switched off). */
export function wasmKernels(): WasmKernels | null {
  if (!enabled) return null;
  if (cached !== undefined) return cached;
  cached = null;
  if (process.env.SCALING_THEORY_NO_WASM === '1' || typeof WebAssembly === 'undefined') return cached;
  try {
    const bytes = Buffer.from(KERNELS_WASM_BASE64, 'base64');
    const exports = new WebAssembly.Instance(new WebAssembly.Module(bytes), {}).exports as unknown as Exports;
    const base = (exports.heap_base() + 15) & ~15;
    cached = {
      exports,
      reserve(lengths) {
        const ptrs: number[] = [];
        let at = base;
        for (const n of lengths) {
          ptrs.push(at);
          at += (8 * n + 15) & ~15;
        }
        const have = exports.memory.buffer.byteLength;
        if (at > have) exports.memory.grow(Math.ceil((at - have) / 65536));
        return ptrs;
      },
      f64: (ptr, length) => new Float64Array(exports.memory.buffer, ptr, length),
    };
  } catch {
    cached = null; // no WebAssembly SIMD (or memory): the JavaScript kernels are used
  }
  return cached;
}
