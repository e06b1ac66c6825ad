// HELM's calibration block (basic_metrics.py compute_calibration_metrics),
// which calls Kumar's calibration utilities.
import type { CalibrationData } from './calibration-data.ts';
import { kumarEce, kumarEceEqualMass } from './kumar.ts';
import { fitLogistic1d, separatedByThreshold, sigmoid } from './logistic.ts';
import { confidenceOrder, sharedDescendingOrder, type TieOrder } from './selective.ts';

export interface HelmCalibration {
  /** equal-mass (Kumar get_equal_bins), 10 bins, L1 plug-in */
  ece10Bin: number | null;
  /** |mean confidence - accuracy| */
  ece1Bin: number | null;
  /** accuracy of the top floor(0.1 n) + 1 items */
  selectiveAcc10: number | null;
  /** mean over k of the accuracy of the top k items */
  selectiveCovAccArea: number | null;
  /**
   * null when every item is correct or every item is wrong (HELM then reports
   * 0 for the Platt ECEs), and when confidence separates right from wrong
   * answers (see plattUndefined).
   */
  plattCoef: number | null;
  plattIntercept: number | null;
  /** null where the Platt fit is undefined (separable data), and for no items */
  plattEce10Bin: number | null;
  plattEce1Bin: number | null;
  /**
   * Why the Platt fit has no value, when it has none although both outcomes
   * occur: on separable data the logistic likelihood has no finite maximum,
   * and the coefficient HELM prints is wherever sklearn's lbfgs stopped.
   */
  plattUndefined: string | null;
}

export const PLATT_SEPARABLE =
  'confidence separates correct from incorrect answers (a threshold puts every wrong answer at or below every right one, or the reverse), so the Platt fit has no finite optimum; HELM prints wherever its optimiser stopped';

/** HELM's get_selective_stats; ties follow np.argsort(-p) by default, as HELM's do. */
export function helmSelectiveStats(data: CalibrationData, ties: TieOrder = 'numpy'): { area: number | null; accAt10: number | null } {
  const n = data.p.length;
  if (n === 0) return { area: null, accAt10: null };
  const order = confidenceOrder(data.p, ties);
  const at = Math.floor(0.1 * n);
  let c = 0;
  let area = 0;
  let accAt10 = 0;
  for (let k = 0; k < n; k++) {
    c += data.y[order[k]!]!;
    const acc = c / (k + 1);
    area += acc;
    if (k === at) accAt10 = acc;
  }
  return { area: area / n, accAt10 };
}

const PLATT_CLIP = 1e-12;

/**
 * HELM's Platt scaling: logistic regression (C = 1e10) on logit(clip(p, 1e-12, 1 - 1e-12)).
 * null when every item has one outcome (HELM skips the fit) or when the data
 * are separable (the fit is undefined: `separable` says so).
 */
export function helmPlatt(
  data: CalibrationData,
): { coef: number; intercept: number; calibrated: Float64Array } | { separable: true } | null {
  const n = data.p.length;
  let c = 0;
  for (let i = 0; i < n; i++) c += data.y[i]!;
  if (c === 0 || c === n) return null;
  const x = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    const p = Math.min(Math.max(data.p[i]!, PLATT_CLIP), 1 - PLATT_CLIP);
    x[i] = Math.log(p / (1 - p));
  }
  if (separatedByThreshold(x, data.y)) return { separable: true };
  // logit is monotone in p: the shared confidence order (if any) keeps equal logits side by side.
  const order = sharedDescendingOrder(data.p);
  const fit = fitLogistic1d(x, data.y, order ? { C: 1e10, order } : { C: 1e10 });
  // In place: the logits are not needed past the fit, and a second array of n would be 28 MB more at 3.5M items.
  const calibrated = x;
  for (let i = 0; i < n; i++) calibrated[i] = sigmoid(fit.coef * x[i]! + fit.intercept);
  return { coef: fit.coef, intercept: fit.intercept, calibrated };
}

export function helmCalibration(data: CalibrationData, ties: TieOrder = 'numpy'): HelmCalibration {
  const sel = helmSelectiveStats(data, ties);
  const empty = data.p.length === 0;
  const platt = empty ? null : helmPlatt(data);
  const separable = platt !== null && 'separable' in platt;
  const fitted = platt !== null && !separable ? platt : null;
  const recal = fitted ? { p: fitted.calibrated, y: data.y } : null;
  // HELM's own convention for one outcome: the Platt ECEs are 0.
  const plattEce = (ece: (d: CalibrationData) => number | null) => (recal ? ece(recal) : empty || separable ? null : 0);
  return {
    ece10Bin: kumarEceEqualMass(data, 10),
    ece1Bin: kumarEce(data, 1),
    selectiveAcc10: sel.accAt10,
    selectiveCovAccArea: sel.area,
    plattCoef: fitted?.coef ?? null,
    plattIntercept: fitted?.intercept ?? null,
    plattEce10Bin: plattEce((d) => kumarEceEqualMass(d, 10)),
    plattEce1Bin: plattEce((d) => kumarEce(d, 1)),
    plattUndefined: separable ? PLATT_SEPARABLE : null,
  };
}
