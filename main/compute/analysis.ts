// The full calibration panel of one run, on the engine in shared/metrics.
// Pure computation: runs inside the compute worker (and in-process in tests).
import type { CalibrationBin, CalibrationRunAnalysis, CalibrationSettings, Estimate } from '../../shared/api/calibration.ts';
import { SELECTIVE_COVERAGES } from '../../shared/api/calibration.ts';
import { binLayout, binStatistics, type BinningOptions } from '../../shared/metrics/binning.ts';
import { extractCalibrationData } from '../../shared/metrics/calibration-data.ts';
import { corpDecomposition, murphyDecomposition } from '../../shared/metrics/decomposition.ts';
import { aceFromBins, eceFromBins, mceFromBins, rmsFromBins } from '../../shared/metrics/ece.ts';
import { helmCalibration } from '../../shared/metrics/helm.ts';
import { binAccuracyIntervals } from '../../shared/metrics/intervals.ts';
import { unbiasedL2Ce } from '../../shared/metrics/kumar.ts';
import { prr } from '../../shared/metrics/lmpolygraph.ts';
import { auroc, brierScore, logLoss } from '../../shared/metrics/scores.ts';
import { aurc, aurcTieExpected, eAurc, selectiveAccuracy } from '../../shared/metrics/selective.ts';
import { orderFreeRanking } from '../../shared/metrics/order-free.ts';
import { smECE, smoothReliabilityCurve } from '../../shared/metrics/smece.ts';
import { OUTCOME_CODE, type OutcomeColumns } from '../../shared/metrics/types.ts';
import { bootstrapPanel, type PanelIntervals } from './bootstrap-panel.ts';
import type { AnalysisHooks } from './hooks.ts';

export { AnalysisCancelled, type AnalysisHooks } from './hooks.ts';

export function binningOf(settings: CalibrationSettings): BinningOptions {
  return { nBins: settings.bins, strategy: settings.binning, convention: settings.convention };
}

function estimate(value: number | null, interval: [number, number] | null | undefined): Estimate {
  return { value, interval: value === null ? null : (interval ?? null) };
}

function meanOf(values: ArrayLike<number>): number | null {
  if (values.length === 0) return null;
  let s = 0;
  for (let i = 0; i < values.length; i++) s += values[i]!;
  return s / values.length;
}

function orderFreeAnalysis(data: ReturnType<typeof extractCalibrationData>, iv: PanelIntervals | null): CalibrationRunAnalysis['orderFree'] {
  const free = orderFreeRanking(data, SELECTIVE_COVERAGES);
  return { ...free, aurc: estimate(free.aurc, iv?.aurcOrderFree), eAurc: estimate(free.eAurc, iv?.eAurcOrderFree) };
}

/** Resamples a run's analysis needs: the main bootstrap, plus kernel smoothings for the smooth ones. */
export function analysisWork(n: number, settings: CalibrationSettings): number {
  if (n === 0) return 0;
  return settings.bootstrap.resamples + (settings.smooth ? settings.bootstrap.smoothResamples : 0);
}

/** Mesh points of the smooth curve (relplot's default), shared by the analysis and its bootstrap. */
const MESH_SIZE = 200;

/** What a panel bootstrap of a run starts from; the same for every thread that draws part of it. */
export function panelInputs(columns: OutcomeColumns, settings: CalibrationSettings) {
  const data = extractCalibrationData(columns);
  const layout = binLayout(data.p, binningOf(settings));
  const sigma = settings.smooth && data.p.length > 0 ? (smECE(data)?.sigma ?? null) : null;
  return { data, layout, sigma, meshSize: sigma === null ? 0 : MESH_SIZE };
}

/**
 * `panel`: the bootstrap intervals when computed elsewhere (two worker threads
 * each drawing half the resamples); otherwise they are drawn here.
 */
export function analyzeRun(
  runId: number,
  columns: OutcomeColumns,
  settings: CalibrationSettings,
  hooks: AnalysisHooks = {},
  panel?: PanelIntervals | null,
): CalibrationRunAnalysis {
  const data = extractCalibrationData(columns);
  let unlabeled = 0;
  for (let i = 0; i < columns.outcome.length; i++) if (columns.outcome[i] === OUTCOME_CODE.unlabeled) unlabeled++;
  const n = data.p.length;
  const binning = binningOf(settings);
  const layout = binLayout(data.p, binning);
  const stats = binStatistics(data, layout);
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
  const iv: PanelIntervals | null =
    panel !== undefined ? panel : n > 0 ? bootstrapPanel(data, layout, settings, smooth?.sigma ?? null, curve?.mesh.length ?? 0, hooks) : null;

  const murphy = murphyDecomposition(data, binning);
  const corp = corpDecomposition(data);
  return {
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
      ece: estimate(eceFromBins(stats), iv?.ece),
      mce: estimate(mceFromBins(stats), iv?.mce),
      rms: estimate(rmsFromBins(stats), iv?.rms),
      ace: estimate(aceFromBins(stats), iv?.ace),
      kumarDebiasedL2: estimate(unbiasedL2Ce(stats), iv?.kumarDebiasedL2),
    },
    bins,
    smooth: settings.smooth
      ? {
          smece: estimate(smooth?.smece ?? null, iv?.smece),
          sigma: smooth?.sigma ?? null,
          curve: curve
            ? {
                sigma: curve.sigma,
                mesh: Array.from(curve.mesh),
                mu: Array.from(curve.mu),
                lo: iv?.band ? Array.from(iv.band.lo) : null,
                hi: iv?.band ? Array.from(iv.band.hi) : null,
                density: Array.from(curve.density),
              }
            : null,
        }
      : null,
    brier: estimate(brierScore(data), iv?.brier),
    murphy: murphy && {
      reliability: murphy.reliability,
      resolution: murphy.resolution,
      uncertainty: murphy.uncertainty,
      withinBinVariance: murphy.withinBinVariance,
      withinBinCovariance: murphy.withinBinCovariance,
    },
    corp: corp && { MCB: corp.MCB, DSC: corp.DSC, UNC: corp.UNC },
    logLoss: estimate(logLoss(data), iv?.logLoss),
    auroc: estimate(auroc(data), iv?.auroc),
    aurc: estimate(aurc(data), iv?.aurc),
    eAurc: estimate(eAurc(data), iv?.eAurc),
    aurcTieExpected: aurcTieExpected(data),
    selective: SELECTIVE_COVERAGES.map((coverage) => ({ coverage, accuracy: selectiveAccuracy(data, coverage) })),
    helm: helmCalibration(data),
    prr: prr(data),
    orderFree: orderFreeAnalysis(data, iv),
    resamples: { main: iv?.resamples ?? 0, smooth: iv?.smoothResamples ?? 0 },
  };
}
