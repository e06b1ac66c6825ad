// Confidence as an "is it valid?" classifier: the workbench analogue of the
// paper's Is-It-Valid reduction (Corollary 1, err >= 2 err_iiv - |V|/|E| - delta).
import { extractCalibrationData } from '../metrics/calibration-data.ts';
import type { OutcomeColumns } from '../metrics/types.ts';

/** Shown by the UI beside the 2 x err_iiv figure. */
export const IIV_ASSUMPTIONS = [
  'What this is: stated confidence used as a classifier of "is this answer correct?", scored on the attempted items that carry a confidence (abstained and no-confidence items are left out and counted).',
  'err_iiv here is the misclassification rate of the best single threshold, chosen on these same items, so it is optimistic (an in-sample minimum), and it is measured on this eval\'s mix of correct and incorrect answers.',
  'The paper\'s Corollary 1 is about a base model\'s own probabilities on a balanced IIV problem (half valid outputs, half uniformly random errors), with the classifier thresholding at 1/|E|; it bounds the generative error rate by 2 err_iiv - |V|/|E| - delta.',
  'So 2 x err_iiv is a reading, not a guarantee: if answering correctly were no easier than recognising correct answers, the model\'s error rate would be about this large. The terms |V|/|E| (valid vs. possible wrong answers; ~0 for open-ended facts) and delta (base-model calibration error) are inputs, 0 by default.',
].join('\n');

export interface RocPoint {
  /** predict "valid" iff confidence >= threshold; +Infinity = predict nothing valid */
  threshold: number;
  fpr: number;
  tpr: number;
  /** (false positives + false negatives) / n at this threshold */
  error: number;
}

export interface IivResult {
  /** attempted items with a confidence in [0, 1] */
  n: number;
  positives: number;
  negatives: number;
  excludedAbstained: number;
  excludedNoConfidence: number;
  /** from (0, 0) at threshold +Infinity to (1, 1) at the lowest confidence, one point per distinct confidence */
  roc: RocPoint[];
  /** trapezoidal area; ties count one half; null without both classes */
  auroc: number | null;
  /** minimum misclassification rate over thresholds (including "nothing valid"); null when n = 0 */
  errIiv: number | null;
  /** the highest threshold attaining errIiv */
  bestThreshold: number | null;
  twiceErrIiv: number | null;
  /** 2 err_iiv - |V|/|E| - delta */
  bound: number | null;
  validToErrorRatio: number;
  delta: number;
  assumptions: string;
}

export function iivAnalysis(columns: OutcomeColumns, options: { validToErrorRatio?: number; delta?: number } = {}): IivResult {
  const data = extractCalibrationData(columns);
  const { p, y } = data;
  const n = p.length;
  const ratio = options.validToErrorRatio ?? 0;
  const delta = options.delta ?? 0;
  let pos = 0;
  for (let i = 0; i < n; i++) pos += y[i]!;
  const neg = n - pos;
  const order = Array.from({ length: n }, (_, i) => i).sort((a, b) => p[b]! - p[a]!);
  const rate = (x: number, d: number): number => (d === 0 ? 0 : x / d);
  const roc: RocPoint[] = [{ threshold: Infinity, fpr: 0, tpr: 0, error: n === 0 ? 0 : pos / n }];
  let tp = 0;
  let fp = 0;
  let auc = 0;
  for (let g = 0; g < n; ) {
    const v = p[order[g]!]!;
    const prevF = fp;
    const prevT = tp;
    while (g < n && p[order[g]!] === v) {
      if (y[order[g]!]) tp++;
      else fp++;
      g++;
    }
    // trapezoid over a tie block = counting tied (positive, negative) pairs one half
    auc += (fp - prevF) * (tp + prevT) / 2;
    roc.push({ threshold: v, fpr: rate(fp, neg), tpr: rate(tp, pos), error: (fp + pos - tp) / n });
  }
  let best: RocPoint | null = null;
  if (n > 0) for (const pt of roc) if (best === null || pt.error < best.error) best = pt;
  const errIiv = best === null ? null : best.error;
  return {
    n,
    positives: pos,
    negatives: neg,
    excludedAbstained: data.excludedAbstained,
    excludedNoConfidence: data.excludedNoConfidence,
    roc,
    auroc: pos === 0 || neg === 0 ? null : auc / (pos * neg),
    errIiv,
    bestThreshold: best === null ? null : best.threshold,
    twiceErrIiv: errIiv === null ? null : 2 * errIiv,
    bound: errIiv === null ? null : 2 * errIiv - ratio - delta,
    validToErrorRatio: ratio,
    delta,
    assumptions: IIV_ASSUMPTIONS,
  };
}
