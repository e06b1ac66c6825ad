// Proper scores and discrimination: Brier, log loss, AUROC.
import type { CalibrationData } from './calibration-data.ts';
import { FLOAT64_EPS } from './binning.ts';
import { sharedDescendingOrder } from './selective.ts';
import { argsortAscendingStable } from './sort.ts';

/** mean (p - y)^2 (sklearn brier_score_loss) */
export function brierScore(data: CalibrationData): number | null {
  const { p, y } = data;
  if (p.length === 0) return null;
  let s = 0;
  for (let i = 0; i < p.length; i++) {
    const d = p[i]! - y[i]!;
    s += d * d;
  }
  return s / p.length;
}

/**
 * sklearn 1.2.1 log_loss(eps='auto'): clip p to [eps, 1 - eps] with eps the
 * float64 machine epsilon, form [1 - p, p], renormalise rows, mean -log of
 * the true column. A confident wrong answer at p = 1 costs -log(eps) ~ 36.
 */
export function logLoss(data: CalibrationData, eps = FLOAT64_EPS): number | null {
  const { p, y } = data;
  if (p.length === 0) return null;
  let s = 0;
  for (let i = 0; i < p.length; i++) {
    const q = Math.min(Math.max(p[i]!, eps), 1 - eps);
    const a = 1 - q;
    const total = a + q;
    s -= Math.log((y[i] ? q : a) / total);
  }
  return s / p.length;
}

/**
 * Area under the ROC curve of confidence as a correctness classifier, ties
 * counted one half (Mann-Whitney with average ranks, equal to sklearn's
 * roc_auc_score). null when there are no correct or no incorrect items.
 */
export function auroc(data: CalibrationData): number | null {
  const { p, y } = data;
  const n = p.length;
  let pos = 0;
  for (let i = 0; i < n; i++) pos += y[i]!;
  const neg = n - pos;
  if (pos === 0 || neg === 0) return null;
  // Only groups of equal p matter, not the order inside one: the shared descending order read from its
  // end walks the same groups in the same (ascending) order, with no sort and no array of its own.
  const descending = sharedDescendingOrder(p);
  const order = descending ?? argsortAscendingStable(p);
  const last = n - 1;
  const at = descending ? (k: number) => order[last - k]! : (k: number) => order[k]!;
  let rankSumPos = 0;
  let g = 0;
  while (g < n) {
    let end = g + 1;
    const v = p[at(g)]!;
    while (end < n && p[at(end)] === v) end++;
    // ranks g+1..end share their average
    const avgRank = (g + 1 + end) / 2;
    let posInGroup = 0;
    for (let k = g; k < end; k++) posInGroup += y[at(k)]!;
    rankSumPos += posInGroup * avgRank;
    g = end;
  }
  return (rankSumPos - (pos * (pos + 1)) / 2) / (pos * neg);
}
