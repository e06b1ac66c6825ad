import { emptyOutcomeCounts } from '../domain.ts';
import { binLayout, binOf, type BinStats } from './binning.ts';
import { eceFromBins, mceFromBins, reliabilityBins } from './ece.ts';
import { OUTCOME_CODE, type OutcomeColumns, type RubricScore, type RunMetrics } from './types.ts';

export const DEFAULT_TARGETS: readonly number[] = [0, 0.5, 0.75, 0.9];

export interface RunMetricsOptions {
  /** confidence targets t for the rubric scores (default 0, 0.5, 0.75, 0.9) */
  targets?: number[];
  /** equal-width bins for the calibration summary (default 10) */
  nBins?: number;
}

/** t / (1 - t); t = 1 would make a wrong answer infinitely costly, so it is refused. */
export function penaltyForTarget(t: number): number {
  if (!(t >= 0 && t < 1)) throw new RangeError(`confidence target must be in [0, 1), got ${t}`);
  return t / (1 - t);
}

/** The break-even confidence of a rubric that takes `penalty` points for a wrong answer: L / (1 + L). */
export function targetForPenalty(penalty: number): number {
  if (!(penalty >= 0) || !Number.isFinite(penalty)) throw new RangeError(`penalty must be finite and >= 0, got ${penalty}`);
  return penalty / (1 + penalty);
}

function ratio(num: number, den: number): number | null {
  return den === 0 ? null : num / den;
}

export function computeRunMetrics(columns: OutcomeColumns, options: RunMetricsOptions = {}): RunMetrics {
  const { outcome } = columns;
  const counts = emptyOutcomeCounts();
  let c = 0;
  let w = 0;
  let a = 0;
  let u = 0;
  for (let i = 0; i < outcome.length; i++) {
    const o = outcome[i]!;
    if (o === OUTCOME_CODE.correct) c++;
    else if (o === OUTCOME_CODE.incorrect) w++;
    else if (o === OUTCOME_CODE.abstained) a++;
    else u++;
  }
  counts.correct = c;
  counts.incorrect = w;
  counts.abstained = a;
  counts.unlabeled = u;
  const graded = c + w + a;
  const accuracy = ratio(c, graded);
  const accuracyGivenAttempted = ratio(c, c + w);
  let fScore: number | null = null;
  if (accuracy !== null && accuracyGivenAttempted !== null) {
    const s = accuracy + accuracyGivenAttempted;
    fScore = s === 0 ? 0 : (2 * accuracy * accuracyGivenAttempted) / s;
  }

  const rubric: RubricScore[] = (options.targets ?? DEFAULT_TARGETS).map((t) => {
    const penalty = penaltyForTarget(t);
    return { t, penalty, score: graded === 0 ? null : (c - penalty * w) / graded };
  });

  const nBins = options.nBins ?? 10;
  const summary = calibrationSummary(columns, nBins);
  const { stats, brier } = summary;

  return {
    counts,
    graded,
    accuracy,
    errorRate: ratio(w, graded),
    abstentionRate: ratio(a, graded),
    accuracyGivenAttempted,
    fScore,
    rubric,
    calibration: {
      n: stats.n,
      excludedAbstained: summary.excludedAbstained,
      excludedNoConfidence: summary.excludedNoConfidence,
      nBins,
      binning: 'equal-width',
      convention: 'sklearn',
      ece: eceFromBins(stats),
      mce: mceFromBins(stats),
      brier,
      bins: reliabilityBins(stats),
    },
  };
}

/**
 * The equal-width (sklearn) bins and Brier score over the items
 * extractCalibrationData keeps, read off the columns in one pass: the same
 * sums in the same order as binStatistics and a Brier loop over the extracted
 * arrays, so the same numbers, without the packed copy of the items (36 MB at
 * 4M items, made while the compute worker holds its own for the panel).
 */
function calibrationSummary(columns: OutcomeColumns, nBins: number): { stats: BinStats; brier: number | null; excludedAbstained: number; excludedNoConfidence: number } {
  const { outcome, confidence } = columns;
  if (outcome.length !== confidence.length) throw new RangeError(`outcome (${outcome.length}) and confidence (${confidence.length}) lengths differ`);
  // Equal-width edges do not depend on the items, only on the bin count.
  const layout = binLayout(null, { nBins, strategy: 'equal-width', convention: 'sklearn' });
  const k = layout.nBins;
  const count = new Float64Array(k);
  const sumConfidence = new Float64Array(k);
  const sumCorrect = new Float64Array(k);
  let kept = 0;
  let abstained = 0;
  let noConfidence = 0;
  let squares = 0;
  for (let i = 0; i < outcome.length; i++) {
    const o = outcome[i]!;
    if (o === OUTCOME_CODE.abstained) {
      abstained++;
      continue;
    }
    if (o !== OUTCOME_CODE.correct && o !== OUTCOME_CODE.incorrect) continue;
    const x = confidence[i]!;
    // NaN fails both comparisons (extractCalibrationData's test).
    if (!(x >= 0 && x <= 1)) {
      noConfidence++;
      continue;
    }
    const y = o === OUTCOME_CODE.correct ? 1 : 0;
    kept++;
    // sklearn's layout has no clipping (clipEps 0), so x is binned as it is.
    const b = binOf(layout, x);
    count[b]! += 1;
    sumConfidence[b]! += x;
    sumCorrect[b]! += y;
    const d = x - y;
    squares += d * d;
  }
  return {
    stats: { layout, n: kept, count, sumConfidence, sumCorrect },
    brier: kept > 0 ? squares / kept : null,
    excludedAbstained: abstained,
    excludedNoConfidence: noConfidence,
  };
}
