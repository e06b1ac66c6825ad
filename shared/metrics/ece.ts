import { binData, binLayout, binStatistics, type BinningOptions, type BinStats } from './binning.ts';
import type { CalibrationData } from './calibration-data.ts';
import type { ReliabilityBin } from './types.ts';

/** sum_b (n_b/n) |conf_b - acc_b|: ECE (L1), as sklearn-curve / netcal / torchmetrics / relplot binnedECE compute it. */
export function eceFromBins(stats: BinStats): number | null {
  if (stats.n === 0) return null;
  const { count, sumConfidence, sumCorrect } = stats;
  let s = 0;
  for (let b = 0; b < count.length; b++) {
    const c = count[b]!;
    if (c === 0) continue;
    s += (c / stats.n) * Math.abs(sumConfidence[b]! / c - sumCorrect[b]! / c);
  }
  return s;
}

/** sqrt(sum_b (n_b/n) (conf_b - acc_b)^2): RMS calibration error (torchmetrics 'l2', Kumar plug-in L2). */
export function rmsFromBins(stats: BinStats): number | null {
  if (stats.n === 0) return null;
  const { count, sumConfidence, sumCorrect } = stats;
  let s = 0;
  for (let b = 0; b < count.length; b++) {
    const c = count[b]!;
    if (c === 0) continue;
    const d = sumConfidence[b]! / c - sumCorrect[b]! / c;
    s += (c / stats.n) * d * d;
  }
  return Math.sqrt(s);
}

/** Largest |conf_b - acc_b| over non-empty bins. */
export function mceFromBins(stats: BinStats): number | null {
  if (stats.n === 0) return null;
  let m = 0;
  const { count, sumConfidence, sumCorrect } = stats;
  for (let b = 0; b < count.length; b++) {
    const c = count[b]!;
    if (c === 0) continue;
    const d = Math.abs(sumConfidence[b]! / c - sumCorrect[b]! / c);
    if (d > m) m = d;
  }
  return m;
}

/** netcal's ACE: unweighted mean of |conf_b - acc_b| over non-empty bins. */
export function aceFromBins(stats: BinStats): number | null {
  const { count, sumConfidence, sumCorrect } = stats;
  let s = 0;
  let k = 0;
  for (let b = 0; b < count.length; b++) {
    const c = count[b]!;
    if (c === 0) continue;
    s += Math.abs(sumConfidence[b]! / c - sumCorrect[b]! / c);
    k++;
  }
  return k === 0 ? null : s / k;
}

/** Reliability-diagram bins for every slot, empty ones with nulls. */
export function reliabilityBins(stats: BinStats): ReliabilityBin[] {
  const { layout, count, sumConfidence, sumCorrect } = stats;
  const out: ReliabilityBin[] = [];
  for (let b = 0; b < layout.nBins; b++) {
    const c = count[b]!;
    out.push({
      lo: layout.lo[b]!,
      hi: layout.hi[b]!,
      count: c,
      meanConfidence: c === 0 ? null : sumConfidence[b]! / c,
      accuracy: c === 0 ? null : sumCorrect[b]! / c,
    });
  }
  return out;
}

export interface BinnedCalibration {
  ece: number | null;
  mce: number | null;
  rms: number | null;
  ace: number | null;
  stats: BinStats;
}

export function binnedCalibration(data: CalibrationData, options: BinningOptions = {}): BinnedCalibration {
  const stats = binData(data, options);
  return { ece: eceFromBins(stats), mce: mceFromBins(stats), rms: rmsFromBins(stats), ace: aceFromBins(stats), stats };
}

/** ECE with the given binning (default: sklearn 10 equal-width). */
export function ece(data: CalibrationData, options: BinningOptions = {}): number | null {
  return eceFromBins(binStatistics(data, binLayout(data.p, options)));
}
