// The stable, versioned JSON that `candor analyze --json` prints (docs/cli-json.md).
// A field is never renamed or removed within a schema version; additions are allowed.
import type { RunSummary } from '../domain.ts';
import type { RunMetrics } from '../metrics/types.ts';

export const ANALYZE_SCHEMA = 'candor.analyze/v1';

export interface AnalyzeRunJson {
  name: string;
  model: string | null;
  task: string | null;
  format: string;
  source: { path: string; sha256: string; size: number };
  counts: { total: number; correct: number; incorrect: number; abstained: number; unlabeled: number };
  metrics: {
    accuracy: number | null;
    error_rate: number | null;
    abstention_rate: number | null;
    accuracy_given_attempted: number | null;
    f_score: number | null;
    ece: number | null;
    mce: number | null;
    brier: number | null;
  };
  calibration: { n: number; excluded_abstained: number; excluded_no_confidence: number; bins: number; binning: string; convention: string };
  rubric: Array<{ t: number; penalty: number; score: number | null }>;
  reliability_bins: Array<{ lo: number; hi: number; count: number; mean_confidence: number | null; accuracy: number | null }>;
}

export interface AnalyzeJson {
  schema: typeof ANALYZE_SCHEMA;
  candor_version: string;
  runs: AnalyzeRunJson[];
}

export function analyzeRunJson(run: RunSummary, metrics: RunMetrics): AnalyzeRunJson {
  const { counts, calibration } = metrics;
  return {
    name: run.name,
    model: run.model,
    task: run.task,
    format: run.format,
    source: { path: run.sourcePath, sha256: run.sourceSha256, size: run.sourceSize },
    counts: {
      total: counts.correct + counts.incorrect + counts.abstained + counts.unlabeled,
      correct: counts.correct,
      incorrect: counts.incorrect,
      abstained: counts.abstained,
      unlabeled: counts.unlabeled,
    },
    metrics: {
      accuracy: metrics.accuracy,
      error_rate: metrics.errorRate,
      abstention_rate: metrics.abstentionRate,
      accuracy_given_attempted: metrics.accuracyGivenAttempted,
      f_score: metrics.fScore,
      ece: calibration.ece,
      mce: calibration.mce,
      brier: calibration.brier,
    },
    calibration: {
      n: calibration.n,
      excluded_abstained: calibration.excludedAbstained,
      excluded_no_confidence: calibration.excludedNoConfidence,
      bins: calibration.nBins,
      binning: calibration.binning,
      convention: calibration.convention,
    },
    rubric: metrics.rubric.map(({ t, penalty, score }) => ({ t, penalty, score })),
    reliability_bins: calibration.bins.map((bin) => ({
      lo: bin.lo,
      hi: bin.hi,
      count: bin.count,
      mean_confidence: bin.meanConfidence,
      accuracy: bin.accuracy,
    })),
  };
}
