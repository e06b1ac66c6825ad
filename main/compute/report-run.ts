// The computed part of a report's run section (shared/report/model.ts
// ReportRun): the same engines as the app, run by the compute worker so a
// report of a million items holds neither the main loop nor a second copy.
import type { Band, ReportSettings, SmoothCurve } from '../../shared/report/model.ts';
import { binAccuracyIntervals, binLayout, binStatistics, computeRunMetrics, extractCalibrationData, type OutcomeColumns, type RunMetrics } from '../../shared/metrics/index.ts';
import { percentileInterval, ResampleCounter } from '../../shared/metrics/bootstrap.ts';
import { ConfidenceCells } from '../../shared/metrics/cells.ts';
import { smECE, smoothFromCells, smoothReliabilityCurve } from '../../shared/metrics/smece.ts';
import { singletonPanel, type SingletonPanel } from '../../shared/rubrics/index.ts';
import { AnalysisCancelled, type AnalysisHooks } from './hooks.ts';

const MESH = 101;

export interface ReportRunInput {
  columns: OutcomeColumns;
  /** training frequency per item, when the run has a frequency field */
  frequency: Float64Array | null;
  settings: ReportSettings;
}

export interface ReportRunFigures {
  metrics: RunMetrics;
  binIntervals: Array<Band | null>;
  smooth: SmoothCurve | null;
  singleton: SingletonPanel | null;
}

/**
 * The smooth reliability curve with a seeded bootstrap band. relplot bags its
 * diagram without a seed; here resample r is the engine's (docs/metrics.md:
 * the bootstrap stream), tallied into confidence cells, so the same data and
 * seed give the same band on every machine, which `candor report --check`
 * relies on. The band at each mesh point contains the curve.
 */
export function smoothCurveWithBand(columns: OutcomeColumns, options: { seed: number; resamples: number; level: number }, hooks: AnalysisHooks = {}): SmoothCurve | null {
  const data = extractCalibrationData(columns);
  const fitted = smECE(data);
  if (!fitted) return null;
  const curve = smoothReliabilityCurve(data, { sigma: fitted.sigma, meshSize: MESH })!;
  const cells = ConfidenceCells.of(data);
  const counter = new ResampleCounter(data.p.length, options.seed);
  const w = new Float64Array(cells.count.length);
  const draws: Float64Array[] = Array.from({ length: MESH }, () => new Float64Array(options.resamples));
  for (let r = 0; r < options.resamples; r++) {
    if (hooks.cancelled?.()) throw new AnalysisCancelled();
    cells.tally(counter.times, counter.count(r), w, null);
    // The bandwidth stays the full data's, as relplot's bagging does.
    const { mu } = smoothFromCells(cells.p, w, fitted.sigma, MESH);
    for (let k = 0; k < MESH; k++) draws[k]![r] = mu[k]!;
    hooks.progress?.(r + 1, options.resamples);
  }
  const band = draws.map((values, k) => percentileInterval(values, options.level, curve.mu[k]!));
  return {
    smece: fitted.smece,
    sigma: fitted.sigma,
    mesh: Array.from(curve.mesh),
    mu: Array.from(curve.mu),
    lo: band.map((b) => b.lo),
    hi: band.map((b) => b.hi),
    resamples: options.resamples,
  };
}

export function reportRunFigures(input: ReportRunInput, hooks: AnalysisHooks = {}): ReportRunFigures {
  const { columns, settings } = input;
  const metrics = computeRunMetrics(columns, { targets: settings.targets, nBins: settings.nBins });
  const data = extractCalibrationData(columns);
  const stats = binStatistics(data, binLayout(data.p, { nBins: settings.nBins, strategy: 'equal-width', convention: 'sklearn' }));
  return {
    metrics,
    binIntervals: binAccuracyIntervals(stats, settings.intervalMethod, settings.level),
    smooth: smoothCurveWithBand(columns, { seed: settings.seed, resamples: settings.smoothResamples, level: settings.level }, hooks),
    singleton: input.frequency ? singletonPanel(columns, input.frequency) : null,
  };
}
