// The full calibration panel of one run, on the engine in shared/metrics.
// Pure computation: runs inside the compute worker (and in-process in tests).
import type { CalibrationBin, CalibrationRunAnalysis, CalibrationSettings, Estimate } from '../../shared/api/calibration.ts';
import { SELECTIVE_COVERAGES } from '../../shared/api/calibration.ts';
import { binLayout, type BinLayout, type BinningOptions } from '../../shared/metrics/binning.ts';
import { scorePass } from '../../shared/metrics/panel.ts';
import { extractCalibrationData, type ExtractedCalibrationData } from '../../shared/metrics/calibration-data.ts';
import type { Allocate } from '../../shared/metrics/cells.ts';
import { corpDecomposition, murphyDecomposition } from '../../shared/metrics/decomposition.ts';
import { aceFromBins, eceFromBins, mceFromBins, rmsFromBins } from '../../shared/metrics/ece.ts';
import { helmCalibration } from '../../shared/metrics/helm.ts';
import { binAccuracyIntervals } from '../../shared/metrics/intervals.ts';
import { unbiasedL2Ce } from '../../shared/metrics/kumar.ts';
import { prr } from '../../shared/metrics/lmpolygraph.ts';
import { orderFreeRanking } from '../../shared/metrics/order-free.ts';
import { auroc } from '../../shared/metrics/scores.ts';
import { aurc, aurcTieExpected, eAurc, selectiveAccuracy, withSharedOrders } from '../../shared/metrics/selective.ts';
import { smECE, smoothReliabilityCurve } from '../../shared/metrics/smece.ts';
import { OUTCOME_CODE, type OutcomeColumns } from '../../shared/metrics/types.ts';
import { panelDraws, panelFromDraws, panelInputs, type PanelDraws, type PanelEstimates, type PanelInputs } from './bootstrap-panel.ts';
import type { AnalysisHooks } from './hooks.ts';

export { AnalysisCancelled, type AnalysisHooks } from './hooks.ts';

export function binningOf(settings: CalibrationSettings): BinningOptions {
  return { nBins: settings.bins, strategy: settings.binning, convention: settings.convention };
}

function meanOf(values: ArrayLike<number>): number | null {
  if (values.length === 0) return null;
  let s = 0;
  for (let i = 0; i < values.length; i++) s += values[i]!;
  return s / values.length;
}

/** Resamples a run's analysis needs: the main bootstrap, plus kernel smoothings for the smooth ones. */
export function analysisWork(n: number, settings: CalibrationSettings): number {
  if (n === 0) return 0;
  return settings.bootstrap.resamples + (settings.smooth ? settings.bootstrap.smoothResamples : 0);
}

/** Mesh points of the smooth curve (relplot's default), shared by the analysis and its bootstrap. */
const MESH_SIZE = 200;

/**
 * Every number of a run's calibration panel except the bootstrap intervals
 * (null, resamples 0): what a view paints at once, before the resamples.
 */
export function analyzePoints(runId: number, columns: OutcomeColumns, settings: CalibrationSettings): CalibrationRunAnalysis {
  return prepareAnalysis(runId, { outcome: columns.outcome, confidence: columns.confidence }, { ...settings, bootstrap: { ...settings.bootstrap, resamples: 0 } }).points;
}

/**
 * The points, and what the threads that draw the run's bootstrap read
 * (null when there is nothing to resample), built once: on
 * SharedArrayBuffers (`allocate`) both threads read the same memory.
 */
export function prepareAnalysis(
  runId: number,
  columns: OutcomeColumns,
  settings: CalibrationSettings,
  allocate?: Allocate,
): { points: CalibrationRunAnalysis; inputs: PanelInputs | null } {
  const quick = quickPoints(runId, columns, settings);
  return completeAnalysis(quick, settings, allocate);
}

/** A run's quick points and what completing them needs (see quickPoints). */
export interface QuickPoints {
  points: CalibrationRunAnalysis;
  data: ExtractedCalibrationData;
  layout: BinLayout;
}

/**
 * The numbers that need no sort of the items: the diagram (bins, smooth
 * curve), the binned errors, Brier, log loss, Murphy's terms. The ones that
 * walk the items in confidence order (CORP, AUROC, AURC, selective accuracy,
 * HELM, PRR) are left null for completeAnalysis: on a million items the
 * first set is a fraction of the second's time, and is what a view paints
 * first. (Equal-mass bins sort to find their edges; so be it.)
 */
export function quickPoints(runId: number, columns: OutcomeColumns, settings: CalibrationSettings, extracted?: ExtractedCalibrationData): QuickPoints {
  const data = extracted ?? extractCalibrationData(columns);
  return { ...quickPointsOf(runId, columns, data, settings), data };
}

/** The quick points completed, and what the threads that draw the bootstrap read (null: nothing to resample). */
export function completeAnalysis(quick: QuickPoints, settings: CalibrationSettings, allocate?: Allocate): { points: CalibrationRunAnalysis; inputs: PanelInputs | null } {
  const { data, layout } = quick;
  // One sort of each confidence order for every metric that walks one, and for the cells.
  return withSharedOrders(data.p, () => {
    const corp = corpDecomposition(data);
    const points: CalibrationRunAnalysis = {
      ...quick.points,
      corp: corp && { MCB: corp.MCB, DSC: corp.DSC, UNC: corp.UNC },
      auroc: { value: auroc(data), interval: null },
      aurc: { value: aurc(data), interval: null },
      eAurc: { value: eAurc(data), interval: null },
      aurcTieExpected: aurcTieExpected(data),
      selective: SELECTIVE_COVERAGES.map((coverage) => ({ coverage, accuracy: selectiveAccuracy(data, coverage) })),
      helm: helmCalibration(data),
      prr: prr(data),
      orderFree: orderFreeAnalysis(data),
    };
    if (points.n === 0 || settings.bootstrap.resamples === 0) return { points, inputs: null };
    const sigma = points.smooth?.sigma ?? null;
    return { points, inputs: panelInputs(data, layout, sigma, sigma === null ? 0 : MESH_SIZE, allocate) };
  });
}

function orderFreeAnalysis(data: ExtractedCalibrationData): CalibrationRunAnalysis['orderFree'] {
  const free = orderFreeRanking(data, SELECTIVE_COVERAGES);
  return { ...free, aurc: { value: free.aurc, interval: null }, eAurc: { value: free.eAurc, interval: null } };
}

function quickPointsOf(
  runId: number,
  columns: OutcomeColumns,
  data: ExtractedCalibrationData,
  settings: CalibrationSettings,
): { points: CalibrationRunAnalysis; layout: BinLayout } {
  let unlabeled = 0;
  for (let i = 0; i < columns.outcome.length; i++) if (columns.outcome[i] === OUTCOME_CODE.unlabeled) unlabeled++;
  const n = data.p.length;
  const binning = binningOf(settings);
  const layout = binLayout(data.p, binning);
  // The bins' sums, Brier and log loss in one pass; Murphy's terms reuse them.
  const scores = scorePass(data, layout);
  const { stats } = scores;
  const perBin = binAccuracyIntervals(stats, settings.interval, settings.bootstrap.level);
  const bins: CalibrationBin[] = [];
  for (let b = 0; b < layout.nBins; b++) {
    const c = stats.count[b]!;
    const iv = perBin[b];
    bins.push({
      lo: layout.lo[b]!,
      hi: layout.hi[b]!,
      count: c,
      meanConfidence: c === 0 ? null : stats.sumConfidence[b]! / c,
      accuracy: c === 0 ? null : stats.sumCorrect[b]! / c,
      interval: iv ? [iv.lo, iv.hi] : null,
    });
  }

  const smooth = settings.smooth && n > 0 ? smECE(data) : null;
  const curve = smooth ? smoothReliabilityCurve(data, { sigma: smooth.sigma, meshSize: MESH_SIZE }) : null;
  const murphy = murphyDecomposition(data, binning, scores);
  const none = (value: number | null): Estimate => ({ value, interval: null });
  const points: CalibrationRunAnalysis = {
    runId,
    n,
    excluded: {
      abstained: data.excludedAbstained,
      noConfidence: data.excludedNoConfidence,
      outOfRange: data.excludedOutOfRange,
      unlabeled,
    },
    accuracy: meanOf(data.y),
    meanConfidence: meanOf(data.p),
    binned: {
      nBins: layout.nBins,
      edges: Array.from(layout.edges),
      ece: none(eceFromBins(stats)),
      mce: none(mceFromBins(stats)),
      rms: none(rmsFromBins(stats)),
      ace: none(aceFromBins(stats)),
      kumarDebiasedL2: none(unbiasedL2Ce(stats)),
    },
    bins,
    smooth: settings.smooth
      ? {
          smece: none(smooth?.smece ?? null),
          sigma: smooth?.sigma ?? null,
          curve: curve
            ? {
                sigma: curve.sigma,
                mesh: Array.from(curve.mesh),
                mu: Array.from(curve.mu),
                lo: null,
                hi: null,
                density: Array.from(curve.density),
              }
            : null,
        }
      : null,
    brier: none(scores.brier),
    murphy: murphy && {
      reliability: murphy.reliability,
      resolution: murphy.resolution,
      uncertainty: murphy.uncertainty,
      withinBinVariance: murphy.withinBinVariance,
      withinBinCovariance: murphy.withinBinCovariance,
    },
    corp: null,
    logLoss: none(scores.logLoss),
    auroc: none(null),
    aurc: none(null),
    eAurc: none(null),
    aurcTieExpected: null,
    selective: SELECTIVE_COVERAGES.map((coverage) => ({ coverage, accuracy: null })),
    helm: {
      ece10Bin: null,
      ece1Bin: null,
      selectiveAcc10: null,
      selectiveCovAccArea: null,
      plattCoef: null,
      plattIntercept: null,
      plattEce10Bin: null,
      plattEce1Bin: null,
      plattUndefined: null,
    },
    prr: { raw: null, oracle: null, randomAnalytic: null, normalized: null },
    orderFree: {
      aurc: none(null),
      eAurc: none(null),
      selective: SELECTIVE_COVERAGES.map((coverage) => ({ coverage, accuracy: null })),
      helmSelectiveCovAccArea: null,
      helmSelectiveAcc10: null,
      prrNormalized: null,
    },
    resamples: { main: 0, smooth: 0 },
  };
  return { points, layout };
}

/** The point analysis with its bootstrap intervals, from every resample's draws (any split, in any order). */
export function withIntervals(points: CalibrationRunAnalysis, draws: PanelDraws[], settings: CalibrationSettings): CalibrationRunAnalysis {
  if (points.n === 0 || draws.length === 0) return points;
  const curve = points.smooth?.curve ?? null;
  const estimates: PanelEstimates = {
    ece: points.binned.ece.value,
    mce: points.binned.mce.value,
    rms: points.binned.rms.value,
    ace: points.binned.ace.value,
    kumarDebiasedL2: points.binned.kumarDebiasedL2.value,
    brier: points.brier.value,
    logLoss: points.logLoss.value,
    auroc: points.auroc.value,
    aurc: points.aurc.value,
    eAurc: points.eAurc.value,
    aurcOrderFree: points.orderFree.aurc.value,
    eAurcOrderFree: points.orderFree.eAurc.value,
    smece: points.smooth?.smece.value ?? null,
    curve: curve?.mu ?? null,
  };
  const iv = panelFromDraws(draws, settings, curve?.mesh.length ?? 0, estimates);
  const at = (estimate: Estimate, interval: [number, number] | null): Estimate => ({ value: estimate.value, interval: estimate.value === null ? null : interval });
  const { binned } = points;
  return {
    ...points,
    binned: {
      ...binned,
      ece: at(binned.ece, iv.ece),
      mce: at(binned.mce, iv.mce),
      rms: at(binned.rms, iv.rms),
      ace: at(binned.ace, iv.ace),
      kumarDebiasedL2: at(binned.kumarDebiasedL2, iv.kumarDebiasedL2),
    },
    smooth: points.smooth && {
      ...points.smooth,
      smece: at(points.smooth.smece, iv.smece),
      curve: curve && { ...curve, lo: iv.band ? Array.from(iv.band.lo) : null, hi: iv.band ? Array.from(iv.band.hi) : null },
    },
    brier: at(points.brier, iv.brier),
    logLoss: at(points.logLoss, iv.logLoss),
    auroc: at(points.auroc, iv.auroc),
    aurc: at(points.aurc, iv.aurc),
    eAurc: at(points.eAurc, iv.eAurc),
    orderFree: { ...points.orderFree, aurc: at(points.orderFree.aurc, iv.aurcOrderFree), eAurc: at(points.orderFree.eAurc, iv.eAurcOrderFree) },
    resamples: { main: iv.resamples, smooth: iv.smoothResamples },
  };
}

/** The whole analysis of one run on this thread: points, then every resample (tests, small runs). */
export function analyzeRun(runId: number, columns: OutcomeColumns, settings: CalibrationSettings, hooks: AnalysisHooks = {}): CalibrationRunAnalysis {
  const { points, inputs } = prepareAnalysis(runId, columns, settings);
  if (!inputs) return points;
  return withIntervals(points, [panelDraws(inputs, settings, 0, settings.bootstrap.resamples, hooks)], settings);
}
