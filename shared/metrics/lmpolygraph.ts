// LM-Polygraph's ue_metrics: the estimator is an uncertainty (higher = less
// confident), the target a quality (higher = better), min-max normalised.
import { binLayout, binStatistics } from './binning.ts';
import type { CalibrationData } from './calibration-data.ts';
import { eceFromBins } from './ece.ts';
import { argsortAscendingStable } from './sort.ts';
import { argsortNumpyQuicksort } from './sort-numpy.ts';
import { confidenceOrder, type TieOrder } from './selective.ts';

/** Min-max normalisation; a constant target maps to 0.5 as LM-Polygraph's (min-1, max+1) does. */
export function normalizeTarget(target: Float64Array): Float64Array {
  let lo = Infinity;
  let hi = -Infinity;
  for (let i = 0; i < target.length; i++) {
    const t = target[i]!;
    if (t < lo) lo = t;
    if (t > hi) hi = t;
  }
  if (lo === hi) {
    lo -= 1;
    hi += 1;
  }
  const out = new Float64Array(target.length);
  for (let i = 0; i < target.length; i++) out[i] = (target[i]! - lo) / (hi - lo);
  return out;
}

/**
 * PredictionRejectionArea: mean, over the last floor(maxRejection * n)
 * prefix lengths k, of the mean normalised target of the k least uncertain
 * items. Ties follow np.argsort(ue) unless 'stable' is asked for.
 */
export function prrArea(
  ue: Float64Array,
  target: Float64Array,
  options: { maxRejection?: number; ties?: TieOrder; /** ue's order under `ties`, when already known */ order?: Uint32Array } = {},
): number | null {
  const n = ue.length;
  const numRej = Math.trunc((options.maxRejection ?? 1) * n);
  if (n === 0 || numRej === 0) return null;
  const t = normalizeTarget(target);
  const order = options.order ?? ((options.ties ?? 'numpy') === 'numpy' ? argsortNumpyQuicksort(ue) : argsortAscendingStable(ue));
  let cum = 0;
  let s = 0;
  for (let k = 0; k < n; k++) {
    cum += t[order[k]!]!;
    if (k >= n - numRej) s += cum / (k + 1);
  }
  return s / numRej;
}

export interface PrrResult {
  raw: number | null;
  oracle: number | null;
  /** E[PRR] under a random ranking: the mean normalised target */
  randomAnalytic: number | null;
  /** (raw - random) / (oracle - random) with the analytic random baseline */
  normalized: number | null;
}

function uncertaintyAndTarget(data: CalibrationData): { ue: Float64Array; target: Float64Array } {
  const n = data.p.length;
  const ue = new Float64Array(n);
  const target = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    ue[i] = -data.p[i]!;
    target[i] = data.y[i]!;
  }
  return { ue, target };
}

/** PRR with confidence as negative uncertainty and correctness as the target. */
export function prr(data: CalibrationData, ties: TieOrder = 'numpy'): PrrResult {
  const n = data.p.length;
  if (n === 0) return { raw: null, oracle: null, randomAnalytic: null, normalized: null };
  // The target is correctness: min-max normalised it stays 0 and 1, or 0.5 everywhere when every
  // item is right or every item wrong (normalizeTarget). Read off y, no per-item arrays.
  let right = 0;
  for (let i = 0; i < n; i++) right += data.y[i]!;
  const constant = right === 0 || right === n;
  const tRight = constant ? 0.5 : 1;
  const tWrong = constant ? 0.5 : 0;
  // Rejection by uncertainty -p keeps the most confident items: p's confidence order (shared with HELM and AURC).
  const order = confidenceOrder(data.p, ties);
  let cum = 0;
  let area = 0;
  for (let k = 0; k < n; k++) {
    cum += data.y[order[k]!] ? tRight : tWrong;
    area += cum / (k + 1);
  }
  const raw = area / n;
  // The oracle rejects by -target, right items first. Tied items share their target, so no tie order
  // (numpy's or another) changes its cumulative sums: walk the counts.
  cum = 0;
  area = 0;
  for (let k = 0; k < n; k++) {
    cum += k < right ? tRight : tWrong;
    area += cum / (k + 1);
  }
  const oracle = area / n;
  const mean = (right * tRight + (n - right) * tWrong) / n;
  const denom = oracle - mean;
  return { raw, oracle, randomAnalytic: mean, normalized: denom === 0 ? null : (raw - mean) / denom };
}

/** rcc-auc: stable sort by uncertainty, mean over k of the cumulative mean risk (1 - normalised target). */
export function rccAuc(data: CalibrationData): number | null {
  const n = data.p.length;
  if (n === 0) return null;
  const { ue, target } = uncertaintyAndTarget(data);
  const t = normalizeTarget(target);
  const order = argsortAscendingStable(ue);
  let cum = 0;
  let s = 0;
  for (let k = 0; k < n; k++) {
    cum += 1 - t[order[k]!]!;
    s += cum / (k + 1);
  }
  return s / n;
}

/** LM-Polygraph's ECE: (lo, hi] bins, the first [0, hi], default 20 bins. */
export function lmpolygraphEce(data: CalibrationData, nBins = 20): number | null {
  return eceFromBins(binStatistics(data, binLayout(data.p, { nBins, convention: 'lmpolygraph' })));
}
