// Kumar, Liang & Ma (2019), "Verified Uncertainty Calibration": the estimators
// of p-lambda/verified_calibration calibration/utils.py, which HELM also calls.
import { binLayout, binStatistics, layoutFromEdges, type BinStats, type BinStrategy } from './binning.ts';
import type { CalibrationData } from './calibration-data.ts';

/** (sum_b (n_b/n) |mean p_b - mean y_b|^power)^(1/power); empty bins contribute 0. */
export function pluginCe(stats: BinStats, power = 2): number | null {
  if (stats.n === 0) return null;
  const { count, sumConfidence, sumCorrect } = stats;
  let s = 0;
  for (let b = 0; b < count.length; b++) {
    const c = count[b]!;
    if (c === 0) continue;
    s += (c / stats.n) * Math.abs(sumConfidence[b]! / c - sumCorrect[b]! / c) ** power;
  }
  return s ** (1 / power);
}

/**
 * Debiased squared-L2 estimate: per bin (mean p - mean y)^2 minus the label
 * variance of the bin mean ybar(1-ybar)/(n_b-1); bins with fewer than 2 items
 * contribute 0; square root of the clipped-at-0 weighted sum.
 */
export function unbiasedL2Ce(stats: BinStats): number | null {
  if (stats.n === 0) return null;
  const { count, sumConfidence, sumCorrect } = stats;
  let s = 0;
  for (let b = 0; b < count.length; b++) {
    const c = count[b]!;
    if (c < 2) continue;
    const ybar = sumCorrect[b]! / c;
    const d = sumConfidence[b]! / c - ybar;
    s += (c / stats.n) * (d * d - (ybar * (1 - ybar)) / (c - 1));
  }
  return Math.sqrt(Math.max(s, 0));
}

/** get_discrete_bins: midpoints between consecutive distinct values, then 1.0 (with a leading 0 here). */
export function discreteBinEdges(p: Float64Array): Float64Array {
  const sorted = Float64Array.from(p).sort();
  const uniq: number[] = [];
  for (let i = 0; i < sorted.length; i++) if (i === 0 || sorted[i] !== sorted[i - 1]) uniq.push(sorted[i]!);
  const edges = [0];
  for (let i = 0; i + 1 < uniq.length; i++) edges.push((uniq[i]! + uniq[i + 1]!) / 2.0);
  edges.push(1.0);
  return Float64Array.from(edges);
}

/** Kumar's is_discrete heuristic: fewer distinct values than n/4. */
export function isDiscrete(p: Float64Array): boolean {
  return discreteBinEdges(p).length - 1 < p.length / 4.0;
}

export interface KumarOptions {
  power?: number;
  debias?: boolean;
  nBins?: number;
  strategy?: BinStrategy | 'discrete';
}

function kumarStats(data: CalibrationData, strategy: BinStrategy | 'discrete', nBins: number): BinStats {
  const layout =
    strategy === 'discrete'
      ? layoutFromEdges(discreteBinEdges(data.p), 'kumar', 'equal-mass')
      : binLayout(data.p, { nBins, strategy, convention: 'kumar' });
  return binStatistics(data, layout);
}

/**
 * lower_bound_scaling_ce with an explicit scheme. debias with power 2 is
 * unbiased_l2_ce; debias with another power needs Kumar's seeded Gaussian
 * resampling, which this engine does not reproduce, so it is refused.
 */
export function kumarCalibrationError(data: CalibrationData, options: KumarOptions = {}): number | null {
  const power = options.power ?? 2;
  const debias = options.debias ?? true;
  const stats = kumarStats(data, options.strategy ?? 'equal-mass', options.nBins ?? 15);
  if (!debias) return pluginCe(stats, power);
  if (power !== 2) throw new RangeError('only the L2 debiased estimator is supported');
  return unbiasedL2Ce(stats);
}

/** get_calibration_error defaults: p=2, debiased; discrete bins when is_discrete, else 15 equal-mass bins. */
export function kumarDefaultCalibrationError(data: CalibrationData): number | null {
  return kumarCalibrationError(data, { power: 2, debias: true, strategy: isDiscrete(data.p) ? 'discrete' : 'equal-mass', nBins: 15 });
}

/** get_ece: L1 plug-in over Kumar's equal-width bins (default 15). */
export function kumarEce(data: CalibrationData, nBins = 15): number | null {
  return kumarCalibrationError(data, { power: 1, debias: false, strategy: 'equal-width', nBins });
}

/** get_ece_em: L1 plug-in over Kumar's equal-mass bins (default 15). */
export function kumarEceEqualMass(data: CalibrationData, nBins = 15): number | null {
  return kumarCalibrationError(data, { power: 1, debias: false, strategy: 'equal-mass', nBins });
}
