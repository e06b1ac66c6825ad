// Recalibration maps: fit, cross-fit, evaluate, apply, re-score (docs/recalibration.md).
export * from './types.ts';
export { applyMap, applyMapAll, checkFitInput, describeParams, endpointWarnings, fitMap, mapCurve, type FitResult } from './fit.ts';
export { crossFit, resolveFolds, stratifiedFolds, type CrossFit, type CrossFitOptions } from './crossfit.ts';
export {
  compareMetrics,
  comparisonDraws,
  diagramBins,
  METRIC_LABELS,
  METRIC_NAMES,
  ComparisonCancelled,
  type ComparisonDraws,
  type ComparisonInputs,
  type Estimate,
  type MetricComparison,
  type MetricName,
} from './evaluate.ts';
export { rescore, withRecalibratedConfidence, type RescoreRow, type Rescoring } from './rescore.ts';
export {
  applyReport,
  applyReportPoints,
  fitReport,
  fitReportPoints,
  resolveReportSettings,
  withMetricIntervals,
  type ApplyReport,
  type FitReport,
  type ItemCounts,
  type ReportPoints,
  type ReportSettings,
} from './report.ts';
export { fitLogisticNewton, type NewtonFit } from './logistic-newton.ts';
