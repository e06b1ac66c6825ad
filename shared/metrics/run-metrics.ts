import { emptyOutcomeCounts } from '../domain.ts';
import { binLayout, binStatistics } from './binning.ts';
import { extractCalibrationData } from './calibration-data.ts';
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
  const data = extractCalibrationData(columns);
  const layout = binLayout(data.p, { nBins, strategy: 'equal-width', convention: 'sklearn' });
  const stats = binStatistics(data, layout);
  let brier: number | null = null;
  if (data.p.length > 0) {
    let s = 0;
    for (let i = 0; i < data.p.length; i++) {
      const d = data.p[i]! - data.y[i]!;
      s += d * d;
    }
    brier = s / data.p.length;
  }

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
      n: data.p.length,
      excludedAbstained: data.excludedAbstained,
      excludedNoConfidence: data.excludedNoConfidence,
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
