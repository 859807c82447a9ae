// Roots of a continuous function of one variable on [lo, hi]: sign changes on a grid of `steps` equal
// steps, each refined by bisection to floating-point precision (60 halvings). A grid point where g is
// exactly 0 is a root too. Non-finite values bracket nothing. Used by the phase derivation
// (src/engine/phases.ts), the validator's diagram probes (src/validate/cells.ts) and `infer`.
export function signChangeRoots(g: (t: number) => number, lo: number, hi: number, steps: number): number[] {
  const out: number[] = [];
  let t0 = lo;
  let g0 = g(t0);
  for (let i = 1; i <= steps; i++) {
    const t1 = lo + ((hi - lo) * i) / steps;
    const g1 = g(t1);
    if (g0 === 0) out.push(t0);
    else if (Number.isFinite(g0) && Number.isFinite(g1) && g0 * g1 < 0) {
      let a = t0, b = t1, ga = g0;
      for (let it = 0; it < 60; it++) {
        const c = (a + b) / 2;
        const gc = g(c);
        if (ga * gc <= 0) b = c;
        else {
          a = c;
          ga = gc;
        }
      }
      out.push((a + b) / 2);
    }
    t0 = t1;
    g0 = g1;
  }
  return out;
}
