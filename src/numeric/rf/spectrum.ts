// The power-law spectrum of the random-feature model as quadrature data: λ_k = k^-b and λ_k w_k² = k^-a
// [paper eq.13; equalities as in the authors' later code] (random-features.md §1).
//
// Every mode sum of the theory, Σ_k f(λ_k) g_k, is evaluated as Σ_j weight_j f(λ_j) g_j over nodes j:
// - truncated (`modes: M`): exactly the modes k = 1..M, weight 1 (to reproduce a truncated setting);
// - untruncated (default): the leading modes k = 1..K exactly, and the tail k > K by the midpoint rule
//   Σ_{k>K} f(k) ≈ ∫_{K+1/2}^∞ f(x) dx + f'(K+1/2)/24 (Euler-Maclaurin; next term ~ f'''(K)), the integral by Gauss-Legendre in y = ln x
//   up to x = e^700 (random-features.md §8.2: the truncation error falls only like M^-(b-1), so a fixed M
//   is wrong by tens of per cent at b ~ 1.2) [derived: checked numerically against exact sums, test/rf-dmft].
// Weights are folded into the stored products (wLam = weight·λ, wTar = weight·λw²) so nothing overflows.

export interface Spectrum {
  a: number;
  b: number;
  /** eigenvalue λ_j at each node (used in denominators s + λR) */
  lam: Float64Array;
  /** weight_j · λ_j */
  wLam: Float64Array;
  /** weight_j · λ_j w_j² */
  wTar: Float64Array;
  /** how the modes were summed, for every output */
  description: SpectrumDescription;
}

export interface SpectrumDescription {
  kind: 'truncated' | 'untruncated';
  /** modes summed exactly */
  exactModes: number;
  /** quadrature nodes for the tail (0 when truncated) */
  tailNodes: number;
  /** ln of the largest mode index represented (tail cut) */
  lnCutoff: number;
  /** estimated relative size of the part of Σ λ_k beyond the cutoff */
  cutoffRemainder: number;
  text: string;
}

/** Gauss-Legendre nodes and weights on [-1, 1] (Newton on P_n). */
export function gaussLegendre(n: number): { x: Float64Array; w: Float64Array } {
  const x = new Float64Array(n), w = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    let z = Math.cos((Math.PI * (i + 0.75)) / (n + 0.5));
    let dp = 1;
    for (let it = 0; it < 100; it++) {
      let p0 = 1, p1 = z;
      for (let k = 2; k <= n; k++) {
        const p2 = ((2 * k - 1) * z * p1 - (k - 1) * p0) / k;
        p0 = p1;
        p1 = p2;
      }
      dp = (n * (z * p1 - p0)) / (z * z - 1);
      const dz = p1 / dp;
      z -= dz;
      if (Math.abs(dz) < 1e-15) break;
    }
    x[i] = z;
    w[i] = 2 / ((1 - z * z) * dp * dp);
  }
  return { x, w };
}

export interface SpectrumOptions {
  /** use exactly these many modes (truncated spectrum); omit for the untruncated spectrum */
  modes?: number;
  /** leading modes summed exactly before the tail quadrature (untruncated only) */
  exact?: number;
}

const Y_MAX = 700; // x = e^700: λ = x^-b is far below double precision of any O(1) sum for b > 1.05
const GL = gaussLegendre(8);

export function powerLawSpectrum(a: number, b: number, opts: SpectrumOptions = {}): Spectrum {
  if (!(a > 1) || !(b > 1)) throw new Error(`power-law spectrum needs a > 1 and b > 1 (got a = ${a}, b = ${b})`);
  const lam: number[] = [], wLam: number[] = [], wTar: number[] = [];
  const exact = opts.modes ?? opts.exact ?? 400;
  for (let k = 1; k <= exact; k++) {
    const l = Math.pow(k, -b);
    lam.push(l);
    wLam.push(l);
    wTar.push(Math.pow(k, -a));
  }
  if (opts.modes !== undefined) {
    const rem = Math.pow(exact + 0.5, 1 - b) / (b - 1);
    return {
      a, b,
      lam: Float64Array.from(lam), wLam: Float64Array.from(wLam), wTar: Float64Array.from(wTar),
      description: {
        kind: 'truncated', exactModes: exact, tailNodes: 0, lnCutoff: Math.log(exact), cutoffRemainder: rem,
        text: `truncated spectrum: exactly M = ${exact} modes (the untruncated loss differs by O(M^-(b-1)) = O(${rem.toPrecision(2)}) in the kernel trace)`,
      },
    };
  }
  // Euler-Maclaurin correction of the midpoint rule, +f'(K+1/2)/24 ≈ [f(K+1) - f(K)]/24: two nodes
  for (const [k, w] of [[exact, -1 / 24], [exact + 1, 1 / 24]]) {
    lam.push(Math.pow(k, -b));
    wLam.push(w * Math.pow(k, -b));
    wTar.push(w * Math.pow(k, -a));
  }
  // tail: panels in y = ln x, width 1 up to y = 40, then growing by 1.3 up to Y_MAX
  const y0 = Math.log(exact + 0.5);
  let y = y0, width = 1, tail = 2;
  while (y < Y_MAX - 1e-12) {
    const w = Math.min(width, Y_MAX - y);
    for (let g = 0; g < GL.x.length; g++) {
      const yy = y + (w * (GL.x[g] + 1)) / 2;
      const lnWeight = yy + Math.log((w * GL.w[g]) / 2); // dx = x dy
      lam.push(Math.exp(-b * yy));
      wLam.push(Math.exp(lnWeight - b * yy));
      wTar.push(Math.exp(lnWeight - a * yy));
      tail++;
    }
    y += w;
    if (y >= 40) width *= 1.3;
  }
  const trace = wLam.reduce((s, v) => s + v, 0);
  const rem = Math.exp((1 - b) * Y_MAX) / (b - 1) / trace;
  return {
    a, b,
    lam: Float64Array.from(lam), wLam: Float64Array.from(wLam), wTar: Float64Array.from(wTar),
    description: {
      kind: 'untruncated', exactModes: exact, tailNodes: tail, lnCutoff: Y_MAX, cutoffRemainder: rem,
      text: `untruncated spectrum: modes k <= ${exact} summed exactly, the tail k > ${exact} by Gauss-Legendre quadrature in ln k up to k = e^${Y_MAX} (${tail} nodes; neglected trace fraction ${rem.toPrecision(2)})`,
    },
  };
}
