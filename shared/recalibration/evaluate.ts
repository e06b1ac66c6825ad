// Metrics before and after recalibration on the same items, with paired
// bootstrap intervals: before, after and their difference come from the same
// resamples (same seed, same n), so the change has an interval of its own.
import { numpyQuantileSorted } from '../metrics/binning.ts';
import { bootstrapEce, bootstrapInterval } from '../metrics/bootstrap.ts';
import type { CalibrationData } from '../metrics/calibration-data.ts';
import { binData } from '../metrics/binning.ts';
import { reliabilityBins } from '../metrics/ece.ts';
import { brierScore, logLoss } from '../metrics/scores.ts';
import { OUTCOME_CODE, type OutcomeColumns, type ReliabilityBin } from '../metrics/types.ts';

export const METRIC_NAMES = ['ece', 'brier', 'logLoss'] as const;
export type MetricName = (typeof METRIC_NAMES)[number];

export const METRIC_LABELS: Record<MetricName, string> = {
  ece: 'ECE (10 equal-width bins, sklearn)',
  brier: 'Brier score',
  logLoss: 'log loss',
};

export interface Estimate {
  value: number | null;
  lo: number | null;
  hi: number | null;
}

export interface MetricComparison {
  metric: MetricName;
  before: Estimate;
  after: Estimate;
  /** after - before (negative = recalibration helped) */
  change: Estimate;
}

export interface BootstrapSettings {
  /** default 1000 */
  resamples?: number;
  /** default 0 */
  seed?: number;
  /** default 0.95 */
  level?: number;
}

function columnsOf(p: Float64Array, y: Uint8Array): OutcomeColumns {
  return { outcome: Uint8Array.from(y, (v) => (v ? OUTCOME_CODE.correct : OUTCOME_CODE.incorrect)), confidence: p };
}

function scoreOf(fn: (data: CalibrationData) => number | null): (columns: OutcomeColumns) => number | null {
  let y = new Uint8Array(0);
  return (columns) => {
    if (y.length !== columns.outcome.length) y = new Uint8Array(columns.outcome.length);
    for (let i = 0; i < y.length; i++) y[i] = columns.outcome[i] === OUTCOME_CODE.correct ? 1 : 0;
    return fn({ p: columns.confidence, y });
  };
}

function differenceInterval(a: Float64Array, b: Float64Array, level: number): { lo: number | null; hi: number | null } {
  if (a.length === 0 || a.length !== b.length) return { lo: null, hi: null };
  const d = Float64Array.from(a, (v, i) => b[i]! - v).sort();
  const tail = (1 - level) / 2;
  return { lo: numpyQuantileSorted(d, tail), hi: numpyQuantileSorted(d, 1 - tail) };
}

/** ECE, Brier and log loss of `before` and `after` confidences for the same outcomes y. */
export function compareMetrics(y: Uint8Array, before: Float64Array, after: Float64Array, settings: BootstrapSettings = {}): MetricComparison[] {
  const options = { resamples: settings.resamples ?? 1000, seed: settings.seed ?? 0, level: settings.level ?? 0.95 };
  const out: MetricComparison[] = [];
  for (const metric of METRIC_NAMES) {
    const run = (p: Float64Array) =>
      metric === 'ece'
        ? bootstrapEce({ p, y }, options)
        : bootstrapInterval(scoreOf(metric === 'brier' ? brierScore : logLoss), columnsOf(p, y), options);
    const b = run(before);
    const a = run(after);
    const change = differenceInterval(b.values, a.values, options.level);
    out.push({
      metric,
      before: { value: b.estimate, lo: b.lo, hi: b.hi },
      after: { value: a.estimate, lo: a.lo, hi: a.hi },
      change: { value: a.estimate === null || b.estimate === null ? null : a.estimate - b.estimate, ...change },
    });
  }
  return out;
}

/** Reliability bins (sklearn 10 equal-width) of confidences p for outcomes y. */
export function diagramBins(p: Float64Array, y: Uint8Array, nBins = 10): ReliabilityBin[] {
  return reliabilityBins(binData({ p, y }, { nBins }));
}
