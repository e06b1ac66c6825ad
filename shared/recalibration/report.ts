// One call per question the view and the CLI ask: "fit this method on this
// run, judged out of sample" and "apply this saved map to that run".
import { extractCalibrationData } from '../metrics/calibration-data.ts';
import { brierScore, logLoss } from '../metrics/scores.ts';
import { ece } from '../metrics/ece.ts';
import type { OutcomeColumns, ReliabilityBin } from '../metrics/types.ts';
import { crossFit } from './crossfit.ts';
import type { Allocate } from '../metrics/cells.ts';
import { comparisonDraws, comparisonInputs, comparisonPoints, diagramBins, withComparisonIntervals, type BootstrapSettings, type ComparisonDraws, type ComparisonInputs, type MetricComparison } from './evaluate.ts';
import { applyMapAll, checkFitInput, fitMap, mapCurve } from './fit.ts';
import { rescore, type Rescoring } from './rescore.ts';
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

function counts(columns: OutcomeColumns): { data: ReturnType<typeof extractCalibrationData>; items: ItemCounts } {
  const data = extractCalibrationData(columns);
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

export function fitReportPoints(columns: OutcomeColumns, method: RecalibrationMethod, settings: ReportSettings = {}, allocate?: Allocate): ReportPoints<FitReport> {
  const { data, items } = counts(columns);
  const fitSettings = { nBins: settings.nBins ?? 10 };
  const full = fitMap(data, method, fitSettings);
  const cross = crossFit(data, method, fitSettings, { folds: settings.folds ?? 5, seed: settings.seed ?? 0 });
  const inSampleP = applyMapAll(full.params, data.p);
  const inSample = { p: inSampleP, y: data.y };
  const boot = resolveBootstrap(settings);
  const report: FitReport = {
    method,
    params: full.params,
    warnings: full.warnings,
    items,
    settings: { folds: cross.folds, seed: cross.seed, nBins: fitSettings.nBins, resamples: boot.resamples, level: boot.level },
    inSample: { ece: ece(inSample), brier: brierScore(inSample), logLoss: logLoss(inSample) },
    metrics: comparisonPoints(data.y, data.p, cross.predictions),
    curve: mapCurve(full.params),
    binsBefore: diagramBins(data.p, data.y),
    binsAfter: diagramBins(cross.predictions, data.y),
    rescoring: rescore(columns, cross.predictions, settings.targets ? { targets: settings.targets } : {}),
  };
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
