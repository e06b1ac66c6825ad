// One call per question the view and the CLI ask: "fit this method on this
// run, judged out of sample" and "apply this saved map to that run".
import { extractCalibrationData, type ExtractedCalibrationData } from '../metrics/calibration-data.ts';
import { brierScore, logLoss } from '../metrics/scores.ts';
import { ece } from '../metrics/ece.ts';
import type { OutcomeColumns, ReliabilityBin } from '../metrics/types.ts';
import { resolveFolds } from './crossfit.ts';
import { confidenceGroups, crossFitOnGroups, sidePointsOfGroups, fitMapOnGroups, mappedByGroup, recalibratedPolicy, statedPolicy } from './grouped.ts';
import type { Allocate } from '../metrics/cells.ts';
import { comparisonDraws, comparisonInputs, comparisonOfSides, comparisonPoints, diagramBins, sidePoints, withComparisonIntervals, type BootstrapSettings, type ComparisonDraws, type ComparisonInputs, type MetricComparison } from './evaluate.ts';
import { applyMapAll, checkFitInput, mapCurve } from './fit.ts';
import { gradedTally, pendingCurve, rescore, rescoreWith, type Rescoring } from './rescore.ts';
import type { FitSettings, MapParams, RecalibrationMethod } from './types.ts';

export interface ItemCounts {
  /** attempted items with a confidence in [0, 1]: what maps are fitted on and applied to */
  n: number;
  correct: number;
  excludedAbstained: number;
  excludedNoConfidence: number;
}

export interface ReportSettings extends FitSettings, BootstrapSettings {
  /** cross-fitting folds, default 5 */
  folds?: number;
  /** seed of the folds and of the bootstrap, default 0 */
  seed?: number;
  targets?: readonly number[];
}

export interface FitReport {
  method: RecalibrationMethod;
  /** the map fitted on every item: what is saved and applied to other runs */
  params: MapParams;
  warnings: string[];
  items: ItemCounts;
  settings: { folds: number; seed: number; nBins: number; resamples: number; level: number };
  /** the full-data map on its own items: optimistic, shown for reference */
  inSample: { ece: number | null; brier: number | null; logLoss: number | null };
  /** before vs cross-fitted after, with paired bootstrap intervals */
  metrics: MetricComparison[];
  curve: { x: number[]; y: number[] };
  binsBefore: ReliabilityBin[];
  /** reliability of the cross-fitted confidences */
  binsAfter: ReliabilityBin[];
  /** "answer iff recalibrated confidence > t" uses the cross-fitted confidences */
  rescoring: Rescoring;
  /**
   * Only while a fit is being computed: the map and the stated side are in,
   * the cross-fitted side (metrics after, binsAfter, in-sample numbers, the
   * recalibrated policy) is not yet (null, empty).
   */
  afterPending?: boolean;
}

export interface ApplyReport {
  params: MapParams;
  warnings: string[];
  items: ItemCounts;
  /** before vs the map's confidences on this run (out of sample when the map came from another run) */
  metrics: MetricComparison[];
  curve: { x: number[]; y: number[] };
  binsBefore: ReliabilityBin[];
  binsAfter: ReliabilityBin[];
  rescoring: Rescoring;
}

function counts(columns: OutcomeColumns, extracted?: ExtractedCalibrationData): { data: ExtractedCalibrationData; items: ItemCounts } {
  const data = extracted ?? extractCalibrationData(columns);
  let correct = 0;
  for (let i = 0; i < data.y.length; i++) correct += data.y[i]!;
  return { data, items: { n: data.p.length, correct, excludedAbstained: data.excludedAbstained, excludedNoConfidence: data.excludedNoConfidence } };
}

function resolveBootstrap(settings: ReportSettings): Required<BootstrapSettings> {
  return { resamples: settings.resamples ?? 1000, seed: settings.seed ?? 0, level: settings.level ?? 0.95 };
}

/** Every setting of a fit or an application, defaults filled in (targets null: the default ones): all its numbers depend on. */
export function resolveReportSettings(settings: ReportSettings = {}): Required<Omit<ReportSettings, 'targets'>> & { targets: readonly number[] | null } {
  return { folds: settings.folds ?? 5, nBins: settings.nBins ?? 10, ...resolveBootstrap(settings), targets: settings.targets ?? null };
}

/** A report with every number but the metrics' bootstrap intervals, and what that bootstrap draws from (null: nothing to draw). */
export interface ReportPoints<R> {
  report: R;
  inputs: ComparisonInputs | null;
  bootstrap: Required<BootstrapSettings>;
}

/**
 * Every number of a fit but its intervals, in two steps for a view to paint
 * as they come (`publish`): first the map fitted on every item with the
 * stated side (diagram bins, metrics before, the stated policy), marked
 * afterPending; then the cross-fitted side too. Then what the bootstrap
 * draws from. Isotonic and Platt fit every map on the counts of the
 * distinct confidences (grouped.ts: the same bits, one sort).
 */
export function fitReportPoints(
  columns: OutcomeColumns,
  method: RecalibrationMethod,
  settings: ReportSettings = {},
  allocate?: Allocate,
  publish?: (report: FitReport) => void,
  /** extractCalibrationData(columns), when the caller has it already */
  extracted?: ExtractedCalibrationData,
): ReportPoints<FitReport> {
  const { data, items } = counts(columns, extracted);
  const fitSettings = { nBins: settings.nBins ?? 10 };
  const { folds, seed } = resolveFolds({ folds: settings.folds ?? 5, seed: settings.seed ?? 0 });
  const boot = resolveBootstrap(settings);
  const rescoring = settings.targets ? { targets: settings.targets } : {};
  const groups = confidenceGroups(data);
  const full = fitMapOnGroups(data, groups, method, fitSettings);
  const before = sidePointsOfGroups(data, groups);
  const tally = gradedTally(columns);
  const stated = statedPolicy(groups, tally);
  const base = {
    method,
    params: full.params,
    warnings: full.warnings,
    items,
    settings: { folds, seed, nBins: fitSettings.nBins, resamples: boot.resamples, level: boot.level },
    curve: mapCurve(full.params),
    binsBefore: before.bins,
  };
  publish?.({
    ...base,
    afterPending: true,
    inSample: { ece: null, brier: null, logLoss: null },
    metrics: comparisonOfSides(before, null),
    binsAfter: [],
    rescoring: rescoreWith(tally, rescoring, { stated, recalibrated: pendingCurve(stated) }),
  });

  const cross = crossFitOnGroups(data, groups, method, fitSettings, { folds, seed });
  const after = sidePoints(cross.predictions, data.y);
  const inSample = { p: mappedByGroup(full.params, groups), y: data.y };
  const report: FitReport = {
    ...base,
    inSample: { ece: ece(inSample), brier: brierScore(inSample), logLoss: logLoss(inSample) },
    metrics: comparisonOfSides(before, after),
    binsAfter: after.bins,
    rescoring: rescoreWith(tally, rescoring, { stated, recalibrated: recalibratedPolicy(columns, cross, tally) }),
  };
  publish?.(report);
  return { report, inputs: boot.resamples > 0 ? comparisonInputs(data.y, data.p, cross.predictions, allocate) : null, bootstrap: boot };
}

export function applyReportPoints(columns: OutcomeColumns, params: MapParams, settings: ReportSettings = {}, allocate?: Allocate): ReportPoints<ApplyReport> {
  const { data, items } = counts(columns);
  // The map needs no outcomes to apply, but the before/after comparison does.
  checkFitInput(data);
  const after = applyMapAll(params, data.p);
  const warnings = items.excludedNoConfidence > 0 ? [`${items.excludedNoConfidence} answered items without a usable confidence were left as they are.`] : [];
  const boot = resolveBootstrap(settings);
  const report: ApplyReport = {
    params,
    warnings,
    items,
    metrics: comparisonPoints(data.y, data.p, after),
    curve: mapCurve(params),
    binsBefore: diagramBins(data.p, data.y),
    binsAfter: diagramBins(after, data.y),
    rescoring: rescore(columns, after, settings.targets ? { targets: settings.targets } : {}),
  };
  return { report, inputs: boot.resamples > 0 ? comparisonInputs(data.y, data.p, after, allocate) : null, bootstrap: boot };
}

/** The report with its metrics' paired intervals, from every resample's draws (any split). */
export function withMetricIntervals<R extends { metrics: MetricComparison[] }>(points: ReportPoints<R>, draws: ComparisonDraws[]): R {
  return { ...points.report, metrics: withComparisonIntervals(points.report.metrics, draws, points.bootstrap.level) };
}

/** Every number of a fit on this thread: points, then every resample (tests, the CLI's small runs). */
export function fitReport(columns: OutcomeColumns, method: RecalibrationMethod, settings: ReportSettings = {}): FitReport {
  return complete(fitReportPoints(columns, method, settings));
}

export function applyReport(columns: OutcomeColumns, params: MapParams, settings: ReportSettings = {}): ApplyReport {
  return complete(applyReportPoints(columns, params, settings));
}

function complete<R extends { metrics: MetricComparison[] }>(points: ReportPoints<R>): R {
  if (!points.inputs) return points.report;
  return withMetricIntervals(points, [comparisonDraws(points.inputs, points.bootstrap.seed, 0, points.bootstrap.resamples)]);
}
