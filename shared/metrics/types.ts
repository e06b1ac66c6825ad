import type { OutcomeCounts } from '../domain.ts';

/** Outcome codes in the columnar form the engine works on. */
export const OUTCOME_CODE = { unlabeled: 0, correct: 1, incorrect: 2, abstained: 3 } as const;

/**
 * A run as the engine sees it: one entry per item, columnar for speed.
 * confidence is NaN where the item states none.
 */
export interface OutcomeColumns {
  outcome: Uint8Array;
  confidence: Float64Array;
  /**
   * 1 where the outcome counted is a partial imported grade (Inspect's "P"),
   * which is always incorrect in `outcome`; absent when the run has none.
   * Only rubrics that say how to score partial answers read it
   * (shared/rubrics/partial.ts); every other metric counts them as incorrect.
   */
  partial?: Uint8Array;
}

export interface ReliabilityBin {
  lo: number;
  hi: number;
  count: number;
  /** null for an empty bin */
  meanConfidence: number | null;
  accuracy: number | null;
}

export interface RubricScore {
  /** confidence target */
  t: number;
  /** points lost for a wrong answer: t / (1 - t) */
  penalty: number;
  /** mean score over graded items; null when nothing is graded */
  score: number | null;
}

export interface CalibrationSummary {
  /** attempted items with a confidence: what the calibration metrics use */
  n: number;
  excludedAbstained: number;
  excludedNoConfidence: number;
  nBins: number;
  binning: 'equal-width';
  convention: 'sklearn';
  ece: number | null;
  mce: number | null;
  brier: number | null;
  bins: ReliabilityBin[];
}

export interface RunMetrics {
  counts: OutcomeCounts;
  /** correct + incorrect + abstained: the denominator of the rates */
  graded: number;
  accuracy: number | null;
  errorRate: number | null;
  abstentionRate: number | null;
  accuracyGivenAttempted: number | null;
  fScore: number | null;
  rubric: RubricScore[];
  calibration: CalibrationSummary;
}
