// A hand-made RunMetrics for renderer tests: the numbers need not be consistent
// with each other, only recognisable.
import type { RunMetrics } from '../../../shared/metrics/types.ts';

export function sampleMetrics(overrides: Partial<RunMetrics> = {}): RunMetrics {
  const bins = Array.from({ length: 10 }, (_, i) => {
    const lo = i / 10;
    const hi = (i + 1) / 10;
    const count = i === 3 ? 0 : (i + 1) * 10;
    return {
      lo,
      hi,
      count,
      meanConfidence: count ? lo + 0.05 : null,
      accuracy: count ? Math.min(1, lo + 0.1) : null,
    };
  });
  return {
    counts: { correct: 1200, incorrect: 300, abstained: 40, unlabeled: 5 },
    graded: 1540,
    accuracy: 0.7792207792,
    errorRate: 0.1948051948,
    abstentionRate: 0.025974026,
    accuracyGivenAttempted: 0.8,
    fScore: 0.789,
    rubric: [
      { t: 0, penalty: 0, score: 0.7792 },
      { t: 0.5, penalty: 1, score: 0.5844 },
      { t: 0.75, penalty: 3, score: 0.1948 },
      { t: 0.9, penalty: 9, score: -0.974 },
    ],
    calibration: {
      n: bins.reduce((sum, bin) => sum + bin.count, 0),
      excludedAbstained: 40,
      excludedNoConfidence: 12,
      nBins: 10,
      binning: 'equal-width',
      convention: 'sklearn',
      ece: 0.0512,
      mce: 0.1234,
      brier: 0.1876,
      bins,
    },
    ...overrides,
  };
}
