// Metrics before and after recalibration on the same items, with paired
// bootstrap intervals: before, after and their difference come from the same
// resamples (the engine's stream, shared/metrics bootstrap.ts), each drawn
// once as per-item counts and tallied into the before and the after
// confidence cells, so the change has an interval of its own.
import { binLayout, binStatistics, type BinLayout } from '../metrics/binning.ts';
import { percentileInterval, ResampleCounter } from '../metrics/bootstrap.ts';
import { CellBinning, CellScores, ConfidenceCells, type Allocate, type CellsData } from '../metrics/cells.ts';
import { binData } from '../metrics/binning.ts';
import { eceFromBins, reliabilityBins } from '../metrics/ece.ts';
import { brierScore, logLoss } from '../metrics/scores.ts';
import type { ReliabilityBin } from '../metrics/types.ts';

export const METRIC_NAMES = ['ece', 'brier', 'logLoss'] as const;
export type MetricName = (typeof METRIC_NAMES)[number];

export const METRIC_LABELS: Record<MetricName, string> = {
  ece: 'ECE (10 equal-width bins, sklearn)',
  brier: 'Brier score',
  logLoss: 'log loss',
};

export interface Estimate {
  value: number | null;
  lo: number | null;
  hi: number | null;
}

export interface MetricComparison {
  metric: MetricName;
  before: Estimate;
  after: Estimate;
  /** after - before (negative = recalibration helped) */
  change: Estimate;
}

export interface BootstrapSettings {
  /** default 1000 */
  resamples?: number;
  /** default 0 */
  seed?: number;
  /** default 0.95 */
  level?: number;
}

const SIDES = ['before', 'after'] as const;
type Side = (typeof SIDES)[number];

/** One side's confidences as cells, with its bins fixed on the full data (sklearn, 10 equal-width). */
export interface SideInputs {
  cells: CellsData;
  layout: BinLayout;
}

/** What every thread drawing part of a comparison's bootstrap reads (shared memory when built on SharedArrayBuffers). */
export interface ComparisonInputs {
  n: number;
  before: SideInputs;
  after: SideInputs;
}

/** Each metric of each side for resamples from..to-1. */
export interface ComparisonDraws {
  from: number;
  to: number;
  values: Record<Side, Record<MetricName, Float64Array>>;
}

export function comparisonInputs(y: Uint8Array, before: Float64Array, after: Float64Array, allocate?: Allocate): ComparisonInputs {
  const side = (p: Float64Array): SideInputs => ({ cells: ConfidenceCells.of({ p, y }, allocate).data(), layout: binLayout(p, {}) });
  return { n: y.length, before: side(before), after: side(after) };
}

/** The metrics of resamples from..to-1 on both sides, from one set of per-item draws per resample. */
export function comparisonDraws(inputs: ComparisonInputs, seed: number, from: number, to: number, hooks: { cancelled?: () => boolean; progress?: (done: number, total: number) => void } = {}): ComparisonDraws {
  const sides = SIDES.map((name) => {
    const cells = new ConfidenceCells(inputs[name].cells);
    return { name, cells, binning: new CellBinning(cells, inputs[name].layout), scores: new CellScores(cells), w: new Float64Array(cells.count.length) };
  });
  const count = Math.max(0, to - from);
  const values = Object.fromEntries(SIDES.map((name) => [name, Object.fromEntries(METRIC_NAMES.map((m) => [m, new Float64Array(count)]))])) as ComparisonDraws['values'];
  const counter = new ResampleCounter(inputs.n, seed);
  const step = Math.max(1, Math.min(10, Math.floor(count / 100)));
  for (let r = from; r < to; r++) {
    if (hooks.cancelled?.()) throw new ComparisonCancelled();
    const overflow = counter.count(r);
    for (const side of sides) {
      side.cells.tally(counter.times, overflow, side.w, null);
      const at = r - from;
      values[side.name].ece[at] = eceFromBins(side.binning.fill(side.w)) ?? NaN;
      values[side.name].brier[at] = side.scores.brier(side.w, inputs.n);
      values[side.name].logLoss[at] = side.scores.logLoss(side.w, inputs.n);
    }
    if ((r - from + 1) % step === 0 || r === to - 1) hooks.progress?.(r - from + 1, count);
  }
  return { from, to, values };
}

export class ComparisonCancelled extends Error {
  constructor() {
    super('comparison cancelled');
    this.name = 'ComparisonCancelled';
  }
}

/** One side's numbers on the full data: ECE, Brier and log loss (the reference functions' sums, in item order) and its diagram's bins. */
export interface SidePoints {
  ece: number | null;
  brier: number | null;
  logLoss: number | null;
  /** reliability bins, sklearn's 10 equal-width: the bins the ECE is of */
  bins: ReliabilityBin[];
}

export function sidePoints(p: Float64Array, y: Uint8Array): SidePoints {
  const data = { p, y };
  // One binning for the ECE and the diagram (the same layout: diagramBins's).
  const stats = binStatistics(data, binLayout(p, {}));
  return { ece: eceFromBins(stats), brier: brierScore(data), logLoss: logLoss(data), bins: reliabilityBins(stats) };
}

/** Before vs after without intervals; after null: not computed yet (its values and the change are null). */
export function comparisonOfSides(before: SidePoints, after: SidePoints | null): MetricComparison[] {
  return METRIC_NAMES.map((metric) => {
    const b = before[metric];
    const a = after === null ? null : after[metric];
    return {
      metric,
      before: { value: b, lo: null, hi: null },
      after: { value: a, lo: null, hi: null },
      change: { value: a === null || b === null ? null : a - b, lo: null, hi: null },
    };
  });
}

/** ECE, Brier and log loss of each side on the full data, in item order (the reference functions' sums). */
export function comparisonPoints(y: Uint8Array, before: Float64Array, after: Float64Array): MetricComparison[] {
  return comparisonOfSides(sidePoints(before, y), sidePoints(after, y));
}

/** The points with their paired percentile intervals, from every resample's draws (any split); each interval contains its estimate. */
export function withComparisonIntervals(points: MetricComparison[], draws: ComparisonDraws[], level: number): MetricComparison[] {
  const ordered = [...draws].sort((a, b) => a.from - b.from);
  const total = ordered.reduce((sum, part) => sum + (part.to - part.from), 0);
  if (total === 0) return points;
  const joined = (side: Side, metric: MetricName) => {
    const all = new Float64Array(total);
    let at = 0;
    for (const part of ordered) {
      all.set(part.values[side][metric], at);
      at += part.to - part.from;
    }
    return all;
  };
  return points.map((row) => {
    const b = joined('before', row.metric);
    const a = joined('after', row.metric);
    const change = Float64Array.from(a, (v, i) => v - b[i]!);
    return {
      metric: row.metric,
      before: { value: row.before.value, ...percentileInterval(b, level, row.before.value) },
      after: { value: row.after.value, ...percentileInterval(a, level, row.after.value) },
      change: { value: row.change.value, ...percentileInterval(change, level, row.change.value) },
    };
  });
}

/** ECE, Brier and log loss of `before` and `after` confidences for the same outcomes y, with paired intervals (one thread). */
export function compareMetrics(y: Uint8Array, before: Float64Array, after: Float64Array, settings: BootstrapSettings = {}): MetricComparison[] {
  const resamples = settings.resamples ?? 1000;
  const points = comparisonPoints(y, before, after);
  if (y.length === 0 || resamples === 0) return points;
  const draws = comparisonDraws(comparisonInputs(y, before, after), settings.seed ?? 0, 0, resamples);
  return withComparisonIntervals(points, [draws], settings.level ?? 0.95);
}

/** Reliability bins (sklearn 10 equal-width) of confidences p for outcomes y. */
export function diagramBins(p: Float64Array, y: Uint8Array, nBins = 10): ReliabilityBin[] {
  return reliabilityBins(binData({ p, y }, { nBins }));
}
