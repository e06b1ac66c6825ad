// Public surface of the calibration metrics engine (pure TypeScript).
export * from './types.ts';
export { computeRunMetrics, DEFAULT_TARGETS, penaltyForTarget, targetForPenalty, type RunMetricsOptions } from './run-metrics.ts';
export { extractCalibrationData, calibrationData, type CalibrationData, type ExtractedCalibrationData } from './calibration-data.ts';
export {
  BIN_CONVENTIONS,
  FLOAT64_EPS,
  assignBins,
  binData,
  binLayout,
  binOf,
  binStatistics,
  kumarEqualMassEdges,
  layoutFromEdges,
  linspaceEdges,
  numpyQuantileSorted,
  resolveBinCount,
  sklearnQuantileEdges,
  type BinConvention,
  type BinCountRule,
  type BinLayout,
  type BinningOptions,
  type BinStats,
  type BinStrategy,
} from './binning.ts';
export { aceFromBins, binnedCalibration, ece, eceFromBins, mceFromBins, reliabilityBins, rmsFromBins, type BinnedCalibration } from './ece.ts';
export {
  discreteBinEdges,
  isDiscrete,
  kumarCalibrationError,
  kumarDefaultCalibrationError,
  kumarEce,
  kumarEceEqualMass,
  pluginCe,
  unbiasedL2Ce,
  type KumarOptions,
} from './kumar.ts';
export { helmCalibration, helmPlatt, helmSelectiveStats, PLATT_SEPARABLE, type HelmCalibration } from './helm.ts';
export { lmpolygraphEce, normalizeTarget, prr, prrArea, rccAuc, type PrrResult } from './lmpolygraph.ts';
export {
  aurc,
  aurcTieExpected,
  confidenceOrder,
  eAurc,
  oracleAurc,
  riskCoverageCurve,
  roundHalfEven,
  selectiveAccuracy,
  type RiskCoverageCurve,
  type TieOrder,
} from './selective.ts';
export { expectedPrefixSums, orderFreeRanking, type OrderFreeRanking } from './order-free.ts';
export { auroc, brierScore, logLoss } from './scores.ts';
export {
  corpDecomposition,
  isotonicFit,
  isotonicPredict,
  murphyDecomposition,
  type CorpDecomposition,
  type IsotonicFit,
  type MurphyDecomposition,
} from './decomposition.ts';
export { gridSize, smECE, smoothEceAt, smoothReliabilityCurve, type SmoothEce, type SmoothReliabilityCurve } from './smece.ts';
export {
  binAccuracyIntervals,
  clopperPearsonInterval,
  proportionInterval,
  wilsonInterval,
  type Interval,
  type IntervalMethod,
} from './intervals.ts';
export { erfc, incompleteBeta, inverseIncompleteBeta, logBeta, logGamma, normalCdf, normalQuantile, normalSf } from './special.ts';
export { fitLogistic1d, separatedByThreshold, sigmoid, type LogisticFit } from './logistic.ts';
export { bootstrapEce, bootstrapInterval, EceResampler, percentileInterval, ResampleCounter, Xoshiro128, type BootstrapOptions, type BootstrapResult } from './bootstrap.ts';
export { metricPanel, type MetricPanel } from './panel.ts';
export { argsortAscendingStable, argsortDescendingStable } from './sort.ts';
export { argsortNumpyQuicksort } from './sort-numpy.ts';
