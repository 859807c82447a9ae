#!/usr/bin/env python3
"""numpy reference for `curve --method volterra` (bench/volterra-numpy.bench.ts runs it and compares).

The same computation as src/numeric/plrf/{setup,spectrum,eigen,recursion}.ts, done the numpy way:
  W in R^(v x d) iid N(0, 1/d) (numpy's generator: same law, not the same draw), v = 4d,
  Sigma = W^T D W (A^T A with A = D^(1/2) W: numpy hands this to BLAS syrk), c = W^T D b,
  LAPACK's eigh (syevd, eigenvectors included), rho_k = (Q^T c)_k^2 / lambda_k, F0 = P(0) - sum rho,
  gamma by the trace rule, and the per-mode recursion of recursion.ts (exact steps to r = 1000, then
  power-of-two blocks with the linear-P block weights) on logStepGrid(R, points), vectorised over modes.
Prints one JSON line: the phase timings (seconds, wall), the BLAS kernel in use, the last loss.
Usage: python3 bench/volterra_numpy.py [--d 1000] [--steps 1e7] [--points 100] [--alpha 0.7] [--beta 1.2] [--seed 1]
"""
import argparse
import json
import math
import time

T_START = time.perf_counter()
import numpy as np  # noqa: E402

T_IMPORT = time.perf_counter()


def blas_info():
    """Which BLAS kernel runs (threadpoolctl when installed, else numpy's build config)."""
    try:
        from threadpoolctl import threadpool_info  # type: ignore

        return [{k: i.get(k) for k in ("internal_api", "version", "architecture", "num_threads")} for i in threadpool_info()]
    except ImportError:
        pass
    try:
        cfg = np.show_config(mode="dicts")
        blas = cfg.get("Build Dependencies", {}).get("blas", {})
        out = {"name": blas.get("name"), "version": blas.get("version"), "threadpoolctl": "not installed"}
        try:  # numpy's wheels bundle scipy-openblas: ask it which core it picked and how many threads
            import ctypes
            import glob
            import os

            for lib in glob.glob(os.path.join(os.path.dirname(np.__file__), "..", "numpy.libs", "*openblas*.so*")):
                dll = ctypes.CDLL(lib)
                for name in ("corename", "config", "num_threads"):
                    for sym in (f"scipy_openblas_get_{name}64_", f"scipy_openblas_get_{name}", f"openblas_get_{name}64_", f"openblas_get_{name}"):
                        f = getattr(dll, sym, None)
                        if f is not None:
                            if name != "num_threads":
                                f.restype = ctypes.c_char_p
                            r = f()
                            out[name] = r.decode().strip() if isinstance(r, bytes) else r
                            break
        except Exception as e:  # pragma: no cover - diagnostics only
            out["corename_error"] = str(e)
        return [out]
    except Exception as e:  # pragma: no cover
        return [{"error": str(e)}]


def log_step_grid(R, K):
    """recursion.ts logStepGrid: log-spaced integer steps 1..R, duplicates removed, R appended."""
    out = []
    top = math.log(R)
    for i in range(K):
        # JS Math.round rounds halves up
        r = math.floor(math.exp(top if K == 1 else (top * i) / (K - 1)) + 0.5)
        if not out or r > out[-1]:
            out.append(min(r, math.floor(R)))
    if out[-1] != math.floor(R):
        out.append(math.floor(R))
    return out


def block_weights(h, gm1, logg):
    """recursion.ts blockWeights, vectorised over modes: (a, c1, c2)."""
    x = -gm1
    em1 = np.expm1(h * logg)
    a = 1 + em1
    small = h * x < 1e-4
    with np.errstate(divide="ignore", invalid="ignore"):
        S0 = np.where(small, h - (x * h * (h - 1)) / 2, -em1 / x)
        g = 1 - x
        gh1 = np.exp((h - 1) * logg)
        S1big = (h - 1) * S0 - (g * (1 - h * gh1 + (h - 1) * a)) / (x * x)
    S1 = np.where(small, (h * (h - 1)) / 2 - (x * (h - 1) * h * (h - 2)) / 6, S1big)
    c2 = S1 / h
    return a, S0 - c2, c2


def loss_at_steps(lam, rho, F0, P0, steps, lr, batch, exact_steps=1000, frac=0.01):
    """recursion.ts lossAtSteps."""
    m = rho.copy()
    gm1 = lr * batch * lam * (lr * (batch + 1) * lam - 2)
    logg = np.log1p(gm1)
    kc = lr * lr * batch * lam * lam
    cache = {}
    out = np.empty(len(steps))
    r = 0
    P = P0
    for i, target in enumerate(steps):
        while r < target:
            if r < exact_steps:
                m += gm1 * m + kc * P
                P = F0 + m.sum()
                r += 1
            else:
                hpow = 2.0 ** math.floor(math.log2(max(1.0, frac * r)))
                h = min(hpow, target - r)
                if h not in cache:
                    if len(cache) > 2:
                        cache.clear()
                    a, c1, c2 = block_weights(h, gm1, logg)
                    C1, C2 = kc * c1, kc * c2
                    cache[h] = (a, C1, C2, C1.sum(), C2.sum())
                A, C1, C2, s1, s2 = cache[h]
                Pold = P
                m *= A
                P = (F0 + s1 * Pold + m.sum()) / (1 - s2)
                m += C1 * Pold + C2 * P
                r += h
        out[i] = P
    return out


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--d", type=int, default=1000)
    ap.add_argument("--steps", type=float, default=1e7)
    ap.add_argument("--points", type=int, default=100)
    ap.add_argument("--alpha", type=float, default=0.7)
    ap.add_argument("--beta", type=float, default=1.2)
    ap.add_argument("--seed", type=int, default=1)
    o = ap.parse_args()
    d, alpha, beta = o.d, o.alpha, o.beta
    v = 4 * d
    batch = 1
    j = np.arange(1, v + 1, dtype=np.float64)
    t0 = time.perf_counter()
    # setup.ts: trace rule, P(0)
    trD = np.sum(j[::-1] ** (-2 * alpha))
    lr = 0.5 * min(1 / trD, 1 / (batch + 1))
    P0 = np.sum(j[::-1] ** (-2 * alpha - 2 * beta))
    # spectrum.ts sampleCovariance: W ~ N(0, 1/d); Sigma = W^T D W, c = W^T D b
    rng = np.random.default_rng(o.seed)
    W = rng.standard_normal((v, d)) / math.sqrt(d)
    t1 = time.perf_counter()
    A = W * (j ** (-alpha))[:, None]
    sigma = A.T @ A
    c = W.T @ (j ** (-2 * alpha - beta))
    t2 = time.perf_counter()
    # eigen.ts: eigenvalues and projections Q^T c (here through the full eigenvectors, as eigh gives them)
    vals, Q = np.linalg.eigh(sigma)
    vals, Q = vals[::-1], Q[:, ::-1]
    proj = Q.T @ c
    rho = np.where(vals > 0, proj * proj / np.where(vals > 0, vals, 1), 0.0)
    F0 = max(0.0, P0 - rho.sum())
    t3 = time.perf_counter()
    steps = log_step_grid(int(o.steps), o.points)
    L = loss_at_steps(vals, rho, F0, P0, steps, lr, batch)
    t4 = time.perf_counter()
    print(json.dumps({
        "d": d, "v": v, "steps": int(o.steps), "points": len(steps),
        "seconds": {"import": T_IMPORT - T_START, "draw": t1 - t0, "covariance": t2 - t1, "eigh": t3 - t2,
                    "recursion": t4 - t3, "compute": t4 - t0, "total": t4 - T_START},
        "blas": blas_info(), "numpy": np.__version__,
        "loss": {"first": float(L[0]), "last": float(L[-1])}, "F0": F0, "lambda_max": float(vals[0]),
    }))


if __name__ == "__main__":
    main()
