// The `subgroups` block of `candor analyze --json --by FIELD` (docs/cli-json.md),
// added within candor.analyze/v1: each group of the run with the numbers a run
// of its own gets (counts, metrics, calibration summary, rubric points, the
// full panel under the document's settings) and its rubric scores with intervals.
import type { SubgroupBreakdown, SubgroupResult } from '../api/subgroups.ts';
import { analysisJson, type SubgroupJson, type SubgroupsJson } from './analyze-json.ts';

function groupJson(group: SubgroupResult): SubgroupJson {
  const { counts, calibration } = group.metrics;
  const json: SubgroupJson = {
    label: group.label,
    kind: group.kind,
    values: group.values,
    items: group.items,
    counts: {
      total: counts.correct + counts.incorrect + counts.abstained + counts.unlabeled,
      correct: counts.correct,
      incorrect: counts.incorrect,
      abstained: counts.abstained,
      unlabeled: counts.unlabeled,
    },
    metrics: {
      accuracy: group.metrics.accuracy,
      error_rate: group.metrics.errorRate,
      abstention_rate: group.metrics.abstentionRate,
      accuracy_given_attempted: group.metrics.accuracyGivenAttempted,
      f_score: group.metrics.fScore,
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
    rubric: group.metrics.rubric.map(({ t, penalty, score }) => ({ t, penalty, score })),
    reliability_bins: calibration.bins.map((bin) => ({ lo: bin.lo, hi: bin.hi, count: bin.count, mean_confidence: bin.meanConfidence, accuracy: bin.accuracy })),
    rubric_scores: (group.rubrics ?? []).map((r) => ({ rubric: r.rubric, label: r.label, score: r.score, interval: r.lo === null || r.hi === null ? null : [r.lo, r.hi] })),
  };
  if (group.analysis) json.analysis = analysisJson(group.analysis);
  if (group.refused) json.analysis_refused = { code: 'not-defined-for-data', message: group.refused };
  return json;
}

export function subgroupsJson(breakdown: SubgroupBreakdown): SubgroupsJson {
  return { field: breakdown.field, distinct_values: breakdown.distinctValues, max_groups: breakdown.maxGroups, groups: breakdown.groups.map(groupJson) };
}
