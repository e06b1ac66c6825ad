// The stable, versioned JSON that `candor analyze --json` prints (docs/cli-json.md).
// A field is never renamed or removed within a schema version; additions are allowed.
import type { CalibrationRunAnalysis, CalibrationSettings, Estimate } from '../api/calibration.ts';
import type { RunSummary } from '../domain.ts';
import type { RunMetrics } from '../metrics/types.ts';

export const ANALYZE_SCHEMA = 'candor.analyze/v1';

export interface AnalyzeRunJson {
  name: string;
  model: string | null;
  task: string | null;
  format: string;
  source: { path: string; sha256: string; size: number };
  /** Added within v1: how the file's confidences were read; percent ones are stored divided by 100. */
  confidence_scale?: { scale: 'unit' | 'percent'; reason: string | null };
  counts: { total: number; correct: number; incorrect: number; abstained: number; unlabeled: number };
  /** Added within v1: of the incorrect items, the partial grades (Inspect's "P", or a score between 0 and 1), counted as incorrect. */
  partial_grades?: number;
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
  /** Added within v1: the full calibration panel under the document's `settings`. */
  analysis?: AnalysisJson;
  /** Added within v1: why `analysis` is absent for this run when the settings suit the others (a refusal that depends on its data). */
  analysis_refused?: { code: string; message: string };
}

/** A number and its percentile bootstrap interval [lo, hi] (null when not bootstrapped). */
export interface EstimateJson {
  value: number | null;
  interval: [number, number] | null;
}

export interface SettingsJson {
  bins: number | 'sqrt' | 'cbrt';
  binning: string;
  convention: string;
  interval: string;
  smooth: boolean;
  bootstrap: { resamples: number; seed: number; level: number; smooth_resamples: number };
}

export interface AnalysisJson {
  n: number;
  excluded: { abstained: number; no_confidence: number; out_of_range: number; unlabeled: number };
  accuracy: number | null;
  mean_confidence: number | null;
  binned: {
    bins: number;
    edges: number[];
    ece: EstimateJson;
    mce: EstimateJson;
    rms: EstimateJson;
    ace: EstimateJson;
    kumar_debiased_l2: EstimateJson;
  };
  bins: Array<{ lo: number; hi: number; count: number; mean_confidence: number | null; accuracy: number | null; interval: [number, number] | null }>;
  smooth: {
    smece: EstimateJson;
    sigma: number | null;
    curve: { mesh: number[]; accuracy: number[]; band_lo: number[] | null; band_hi: number[] | null; density: number[] } | null;
  } | null;
  brier: EstimateJson;
  murphy: { reliability: number; resolution: number; uncertainty: number; within_bin_variance: number; within_bin_covariance: number } | null;
  corp: { mcb: number; dsc: number; unc: number } | null;
  log_loss: EstimateJson;
  auroc: EstimateJson;
  aurc: EstimateJson;
  e_aurc: EstimateJson;
  aurc_tie_expected: number | null;
  selective_accuracy: Array<{ coverage: number; accuracy: number | null }>;
  helm: {
    ece_10_bin: number | null;
    ece_1_bin: number | null;
    selective_acc_10: number | null;
    selective_cov_acc_area: number | null;
    platt_coef: number | null;
    platt_intercept: number | null;
    platt_ece_10_bin: number | null;
    platt_ece_1_bin: number | null;
    /** Added within v1: why the Platt values are null although both outcomes occur (separable data); else null. */
    platt_undefined?: string | null;
  };
  prr: { raw: number | null; oracle: number | null; random_analytic: number | null; normalized: number | null };
  /**
   * Added within v1: the ranking metrics with tied confidences in random order, in expectation
   * (independent of the order items are listed in). aurc, e_aurc, selective_accuracy (stable
   * ties), helm.selective_* and prr (numpy's tie order) above match the reference libraries.
   */
  order_free?: {
    aurc: EstimateJson;
    e_aurc: EstimateJson;
    selective_accuracy: Array<{ coverage: number; accuracy: number | null }>;
    helm_selective_cov_acc_area: number | null;
    helm_selective_acc_10: number | null;
    prr_normalized: number | null;
  };
  resamples: { main: number; smooth: number };
}

export interface AnalyzeJson {
  schema: typeof ANALYZE_SCHEMA;
  candor_version: string;
  /** Added within v1: the settings every number under runs[].analysis was computed with. */
  settings?: SettingsJson;
  runs: AnalyzeRunJson[];
}

export function settingsJson(settings: CalibrationSettings): SettingsJson {
  const { resamples, seed, level, smoothResamples } = settings.bootstrap;
  return {
    bins: settings.bins,
    binning: settings.binning,
    convention: settings.convention,
    interval: settings.interval,
    smooth: settings.smooth,
    bootstrap: { resamples, seed, level, smooth_resamples: smoothResamples },
  };
}

const est = ({ value, interval }: Estimate): EstimateJson => ({ value, interval });

export function analysisJson(a: CalibrationRunAnalysis): AnalysisJson {
  const curve = a.smooth?.curve ?? null;
  return {
    n: a.n,
    excluded: { abstained: a.excluded.abstained, no_confidence: a.excluded.noConfidence, out_of_range: a.excluded.outOfRange, unlabeled: a.excluded.unlabeled },
    accuracy: a.accuracy,
    mean_confidence: a.meanConfidence,
    binned: {
      bins: a.binned.nBins,
      edges: a.binned.edges,
      ece: est(a.binned.ece),
      mce: est(a.binned.mce),
      rms: est(a.binned.rms),
      ace: est(a.binned.ace),
      kumar_debiased_l2: est(a.binned.kumarDebiasedL2),
    },
    bins: a.bins.map((b) => ({ lo: b.lo, hi: b.hi, count: b.count, mean_confidence: b.meanConfidence, accuracy: b.accuracy, interval: b.interval })),
    smooth: a.smooth && {
      smece: est(a.smooth.smece),
      sigma: a.smooth.sigma,
      curve: curve && { mesh: curve.mesh, accuracy: curve.mu, band_lo: curve.lo, band_hi: curve.hi, density: curve.density },
    },
    brier: est(a.brier),
    murphy: a.murphy && {
      reliability: a.murphy.reliability,
      resolution: a.murphy.resolution,
      uncertainty: a.murphy.uncertainty,
      within_bin_variance: a.murphy.withinBinVariance,
      within_bin_covariance: a.murphy.withinBinCovariance,
    },
    corp: a.corp && { mcb: a.corp.MCB, dsc: a.corp.DSC, unc: a.corp.UNC },
    log_loss: est(a.logLoss),
    auroc: est(a.auroc),
    aurc: est(a.aurc),
    e_aurc: est(a.eAurc),
    aurc_tie_expected: a.aurcTieExpected,
    selective_accuracy: a.selective.map(({ coverage, accuracy }) => ({ coverage, accuracy })),
    helm: {
      ece_10_bin: a.helm.ece10Bin,
      ece_1_bin: a.helm.ece1Bin,
      selective_acc_10: a.helm.selectiveAcc10,
      selective_cov_acc_area: a.helm.selectiveCovAccArea,
      platt_coef: a.helm.plattCoef,
      platt_intercept: a.helm.plattIntercept,
      platt_ece_10_bin: a.helm.plattEce10Bin,
      platt_ece_1_bin: a.helm.plattEce1Bin,
      platt_undefined: a.helm.plattUndefined,
    },
    prr: { raw: a.prr.raw, oracle: a.prr.oracle, random_analytic: a.prr.randomAnalytic, normalized: a.prr.normalized },
    order_free: {
      aurc: est(a.orderFree.aurc),
      e_aurc: est(a.orderFree.eAurc),
      selective_accuracy: a.orderFree.selective.map(({ coverage, accuracy }) => ({ coverage, accuracy })),
      helm_selective_cov_acc_area: a.orderFree.helmSelectiveCovAccArea,
      helm_selective_acc_10: a.orderFree.helmSelectiveAcc10,
      prr_normalized: a.orderFree.prrNormalized,
    },
    resamples: a.resamples,
  };
}

function confidenceScaleJson(run: RunSummary): Pick<AnalyzeRunJson, 'confidence_scale'> {
  const scale = run.metadata.confidenceScale;
  if (scale !== 'unit' && scale !== 'percent') return {};
  const reason = run.metadata.confidenceScaleReason;
  return { confidence_scale: { scale, reason: typeof reason === 'string' ? reason : null } };
}

export function analyzeRunJson(run: RunSummary, metrics: RunMetrics, analysis?: CalibrationRunAnalysis): AnalyzeRunJson {
  const { counts, calibration } = metrics;
  const json: AnalyzeRunJson = {
    name: run.name,
    model: run.model,
    task: run.task,
    format: run.format,
    source: { path: run.sourcePath, sha256: run.sourceSha256, size: run.sourceSize },
    ...confidenceScaleJson(run),
    counts: {
      total: counts.correct + counts.incorrect + counts.abstained + counts.unlabeled,
      correct: counts.correct,
      incorrect: counts.incorrect,
      abstained: counts.abstained,
      unlabeled: counts.unlabeled,
    },
    partial_grades: run.partialCount,
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
  if (analysis) json.analysis = analysisJson(analysis);
  return json;
}
