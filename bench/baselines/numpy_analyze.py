#!/usr/bin/env python3
"""What `candor analyze` without intervals is timed against (bench/analyze.bench.ts): the project's
baseline_numpy_metrics.py without its bootstrap. Reads a run's JSONL (make_run.py's fields) with
json.loads, keeps attempted items, computes sklearn's calibration_curve, a 10-bin ECE, Brier and
AUROC, and prints one JSON line. The bench times the whole process, as it times `candor analyze`.
Usage: numpy_analyze.py RUN.jsonl. Needs numpy and scikit-learn (Debian: python3-sklearn)."""
import json, sys
import numpy as np
from sklearn.calibration import calibration_curve
from sklearn.metrics import brier_score_loss, roc_auc_score

conf, corr = [], []
for line in open(sys.argv[1]):
    r = json.loads(line)
    if r["grade"] != "abstained":
        conf.append(r["confidence"]); corr.append(r["grade"] == "correct")
p = np.array(conf, dtype=np.float64); y = np.array(corr, dtype=np.float64)
edges = np.linspace(0, 1, 11)
idx = np.searchsorted(edges[1:-1], p, side="left")
cnt = np.bincount(idx, minlength=10); acc = np.bincount(idx, weights=y, minlength=10); cf = np.bincount(idx, weights=p, minlength=10)
nz = cnt > 0
calibration_curve(y, p, n_bins=10)
print(json.dumps({"n": len(p), "ece": float(np.sum(np.abs(acc[nz] - cf[nz])) / len(p)), "brier": brier_score_loss(y, p),
                  "auroc": roc_auc_score(y, p), "python": sys.executable, "numpy": np.__version__}))
