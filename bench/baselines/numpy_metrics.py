#!/usr/bin/env python3
"""numpy + scikit-learn baseline for bench/engine.bench.ts, adapted from the project's
baseline_numpy_metrics.py: the same timed metrics (calibration_curve + ECE + brier_score_loss +
roc_auc_score), and an ECE bootstrap scaled to 1,000 resamples that, unlike the project's
script, bins once: each item's bin is computed a single time and a resample only gathers bin
indices, outcomes and confidences and counts them (what a fair numpy bootstrap does).
Usage: numpy_metrics.py P.f64 Y.u8 [BOOTSTRAP_RESAMPLES=100]   (raw little-endian float64 / uint8)
Prints one JSON line. Needs numpy and scikit-learn (Debian: apt-get install python3-sklearn)."""
import json, sys, time
import numpy as np
from sklearn.calibration import calibration_curve
from sklearn.metrics import brier_score_loss, roc_auc_score

p = np.fromfile(sys.argv[1], dtype="<f8")
y = np.fromfile(sys.argv[2], dtype=np.uint8).astype(np.float64)
n = len(p)
B = int(sys.argv[3]) if len(sys.argv) > 3 else 100
edges = np.linspace(0, 1, 11)

def bins(p):
    return np.searchsorted(edges[1:-1], p, side="left")

def ece_from(idx, p, y):
    cnt = np.bincount(idx, minlength=10); acc = np.bincount(idx, weights=y, minlength=10); cf = np.bincount(idx, weights=p, minlength=10)
    nz = cnt > 0
    return float(np.sum(np.abs(acc[nz] - cf[nz])) / len(p))

times = []
for _ in range(3):
    t0 = time.perf_counter()
    calibration_curve(y, p, n_bins=10); e = ece_from(bins(p), p, y); b = brier_score_loss(y, p); a = roc_auc_score(y, p)
    times.append(time.perf_counter() - t0)
first, best = times[0], min(times)
rng = np.random.default_rng(0)
t1 = time.perf_counter()
idx = bins(p)
for _ in range(B):
    s = rng.integers(0, n, n); ece_from(idx[s], p[s], y[s])
t2 = time.perf_counter()
print(json.dumps({"n": n, "ece": e, "brier": b, "auroc": a, "metrics_seconds": best, "metrics_first_seconds": first,
                  "bootstrap_seconds_per_1000": (t2 - t1) * 1000 / B, "numpy": np.__version__, "python": sys.executable}))
