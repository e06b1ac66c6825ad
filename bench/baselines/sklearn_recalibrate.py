#!/usr/bin/env python3
"""What `candor recalibrate fit` is timed against (bench/recalibrate.bench.ts): scikit-learn fitting
the same map on a run's JSONL (make_run.py's fields) and judging it out of sample by 5-fold
stratified cross-fitting, with the metrics before and after (ECE, Brier, log loss) and a
1,000-resample bootstrap of the ECE change that, like Candor's, draws each resample once.
Isotonic: IsotonicRegression(out_of_bounds='clip'); Platt: LogisticRegression(C=1e10) on
logit(clip(p, 1e-12)). Prints one JSON line; the bench times the whole process.
Usage: sklearn_recalibrate.py RUN.jsonl isotonic|platt [RESAMPLES=0] (0: no interval, the fit alone)"""
import json, sys, time
import numpy as np
from sklearn.isotonic import IsotonicRegression
from sklearn.linear_model import LogisticRegression
from sklearn.metrics import brier_score_loss, log_loss
from sklearn.model_selection import StratifiedKFold

conf, corr = [], []
for line in open(sys.argv[1]):
    r = json.loads(line)
    if r["grade"] != "abstained":
        conf.append(r["confidence"]); corr.append(r["grade"] == "correct")
p = np.array(conf, dtype=np.float64); y = np.array(corr, dtype=np.int64)
method = sys.argv[2]
B = int(sys.argv[3]) if len(sys.argv) > 3 else 0

def fit_predict(ptrain, ytrain, ptest):
    if method == "isotonic":
        return IsotonicRegression(out_of_bounds="clip", y_min=0, y_max=1).fit(ptrain, ytrain).predict(ptest)
    q = lambda v: np.log(np.clip(v, 1e-12, 1 - 1e-12) / (1 - np.clip(v, 1e-12, 1 - 1e-12)))
    model = LogisticRegression(C=1e10).fit(q(ptrain).reshape(-1, 1), ytrain)
    return model.predict_proba(q(ptest).reshape(-1, 1))[:, 1]

after = np.empty_like(p)
for train, test in StratifiedKFold(n_splits=5, shuffle=True, random_state=0).split(p, y):
    after[test] = fit_predict(p[train], y[train], p[test])
full = fit_predict(p, y, p)

edges = np.linspace(0, 1, 11)
def ece(q, idx, yy):
    cnt = np.bincount(idx, minlength=10); acc = np.bincount(idx, weights=yy, minlength=10); cf = np.bincount(idx, weights=q, minlength=10)
    nz = cnt > 0
    return float(np.sum(np.abs(acc[nz] - cf[nz])) / len(q))
bi = np.searchsorted(edges[1:-1], p, side="left"); ai = np.searchsorted(edges[1:-1], after, side="left")
metrics = {"ece_before": ece(p, bi, y), "ece_after": ece(after, ai, y), "brier_before": brier_score_loss(y, p),
           "brier_after": brier_score_loss(y, after), "log_loss_before": log_loss(y, np.clip(p, 1e-15, 1 - 1e-15)), "log_loss_after": log_loss(y, np.clip(after, 1e-15, 1 - 1e-15))}
rng = np.random.default_rng(0)
n = len(p)
changes = []
for _ in range(B):
    s = rng.integers(0, n, n)
    changes.append(ece(after[s], ai[s], y[s]) - ece(p[s], bi[s], y[s]))
interval = [float(np.quantile(changes, 0.025)), float(np.quantile(changes, 0.975))] if B > 0 else None
print(json.dumps({"n": n, "method": method, **metrics, "ece_change_interval": interval,
                  "python": sys.executable, "numpy": np.__version__}))
