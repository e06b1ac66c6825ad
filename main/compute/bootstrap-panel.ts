// Percentile bootstrap of the whole panel from one set of resamples: the
// resamples of shared/metrics' bootstrapInterval (resample r drawn from
// Xoshiro128.forResample(seed, r), docs/metrics.md), each reduced to per-item
// draw counts once, folded into confidence-cell counts once (shared/metrics
// cells.ts), and every statistic computed from those: binned errors, Brier,
// log loss, AUROC and the smooth curve over cells, AURC (stable ties, and ties
// in random order in expectation) in closed form. The binned ECE interval therefore equals
// bootstrapEce's for the same settings.
import type { CalibrationSettings } from '../../shared/api/calibration.ts';
import type { BinLayout } from '../../shared/metrics/binning.ts';
import { percentileInterval, ResampleCounter } from '../../shared/metrics/bootstrap.ts';
import type { CalibrationData } from '../../shared/metrics/calibration-data.ts';
import { aurcTable, cellAuroc, cellAurcTieExpected, CellBinning, CellScores, ConfidenceCells, oracleAurcOf, type Allocate, type CellsData } from '../../shared/metrics/cells.ts';
import { aceFromBins, eceFromBins, mceFromBins, rmsFromBins } from '../../shared/metrics/ece.ts';
import { unbiasedL2Ce } from '../../shared/metrics/kumar.ts';
import { smoothFromCells } from '../../shared/metrics/smece.ts';
import { AnalysisCancelled, type AnalysisHooks } from './hooks.ts';

type Interval = [number, number] | null;

export interface PanelIntervals {
  ece: Interval;
  mce: Interval;
  rms: Interval;
  ace: Interval;
  kumarDebiasedL2: Interval;
  brier: Interval;
  logLoss: Interval;
  auroc: Interval;
  aurc: Interval;
  eAurc: Interval;
  /** AURC and E-AURC with ties in random order, in expectation (shared/metrics/order-free.ts) */
  aurcOrderFree: Interval;
  eAurcOrderFree: Interval;
  smece: Interval;
  band: { lo: Float64Array; hi: Float64Array } | null;
  resamples: number;
  smoothResamples: number;
}

export const PANEL = ['ece', 'mce', 'rms', 'ace', 'kumarDebiasedL2', 'brier', 'logLoss', 'auroc', 'aurc', 'eAurc', 'aurcOrderFree', 'eAurcOrderFree'] as const;
export type PanelKey = (typeof PANEL)[number];

/** The full-data values each interval must contain (see percentileInterval). */
export type PanelEstimates = Partial<Record<PanelKey | 'smece', number | null>> & { curve?: ArrayLike<number> | null };

function interval(values: Float64Array, level: number, estimate: number | null | undefined): Interval {
  const { lo, hi } = percentileInterval(values, level, estimate ?? null);
  return lo === null || hi === null ? null : [lo, hi];
}

/** The statistics of resamples from..to-1: one thread's share of a panel bootstrap. */
export interface PanelDraws {
  from: number;
  to: number;
  values: Record<PanelKey, Float64Array>;
  /** smECE of the resamples in range below smoothResamples, and their curves */
  smece: Float64Array;
  curves: Float64Array[];
}

/**
 * What every thread drawing part of a run's panel bootstrap reads: the items
 * as confidence cells, the AURC table, the full data's bins and smooth
 * bandwidth. Built once; on SharedArrayBuffers the threads share it.
 */
export interface PanelInputs {
  cells: CellsData;
  table: Float64Array;
  layout: BinLayout;
  /** the full data's smECE bandwidth; null without the smooth statistics */
  sigma: number | null;
  meshSize: number;
}

export function panelInputs(data: CalibrationData, layout: BinLayout, sigma: number | null, meshSize: number, allocate?: Allocate): PanelInputs {
  const cells = ConfidenceCells.of(data, allocate);
  return { cells: cells.data(), table: aurcTable(data.p.length, allocate), layout, sigma, meshSize: sigma === null ? 0 : meshSize };
}

/**
 * The panel statistics of resamples from..to-1. Resample r depends only on
 * (seed, r), so ranges computed apart (on two worker threads) and put together
 * in order give exactly what one pass over all of them gives.
 */
export function panelDraws(inputs: PanelInputs, settings: CalibrationSettings, from: number, to: number, hooks: AnalysisHooks): PanelDraws {
  const cells = new ConfidenceCells(inputs.cells);
  const { sigma, meshSize, table } = inputs;
  const n = cells.n;
  const { seed } = settings.bootstrap;
  const smoothResamples = sigma === null ? 0 : settings.bootstrap.smoothResamples;
  const smoothTo = Math.min(to, smoothResamples);
  const total = to - from + Math.max(0, smoothTo - from);
  const binning = new CellBinning(cells, inputs.layout);
  const scores = new CellScores(cells);
  const counter = new ResampleCounter(n, seed);
  const w = new Float64Array(cells.count.length);
  const values = Object.fromEntries(PANEL.map((key) => [key, new Float64Array(to - from)])) as Record<PanelKey, Float64Array>;
  const smeceValues = new Float64Array(Math.max(0, smoothTo - from));
  const curves: Float64Array[] = [];
  let done = 0;
  // Often enough that a bar moves and a cancel lands quickly, rarely enough to cost nothing.
  const step = Math.max(1, Math.min(10, Math.floor(total / 100)));
  for (let r = from; r < to; r++) {
    if (hooks.cancelled?.()) throw new AnalysisCancelled();
    const aurc = cells.tally(counter.times, counter.count(r), w, table);
    const at = r - from;
    const stats = binning.fill(w);
    values.ece[at] = eceFromBins(stats) ?? NaN;
    values.mce[at] = mceFromBins(stats) ?? NaN;
    values.rms[at] = rmsFromBins(stats) ?? NaN;
    values.ace[at] = aceFromBins(stats) ?? NaN;
    values.kumarDebiasedL2[at] = unbiasedL2Ce(stats) ?? NaN;
    values.brier[at] = scores.brier(w, n);
    values.logLoss[at] = scores.logLoss(w, n);
    values.auroc[at] = cellAuroc(cells, w);
    let correct = 0;
    for (let c = 1; c < w.length; c += 2) correct += w[c]!;
    const oracle = oracleAurcOf(n, correct);
    values.aurc[at] = aurc;
    values.eAurc[at] = aurc - oracle;
    const aurcOrderFree = cellAurcTieExpected(cells, w);
    values.aurcOrderFree[at] = aurcOrderFree;
    values.eAurcOrderFree[at] = aurcOrderFree - oracle;
    // The smooth statistics reuse the first resamples of the same stream, at the full-data bandwidth.
    if (r < smoothResamples && sigma !== null) {
      const smooth = smoothFromCells(cells.p, w, sigma, meshSize);
      smeceValues[at] = smooth.smece ?? NaN;
      curves.push(smooth.mu);
      done++;
    }
    done++;
    if (done % step === 0 || r === to - 1) hooks.progress?.(done, total);
  }
  return { from, to, values, smece: smeceValues, curves };
}

/**
 * Percentile intervals from every resample's draws, put together in resample
 * order; each contains its full-data estimate (see percentileInterval).
 */
export function panelFromDraws(parts: PanelDraws[], settings: CalibrationSettings, meshSize: number, estimates: PanelEstimates): PanelIntervals {
  const ordered = [...parts].sort((a, b) => a.from - b.from);
  const { level } = settings.bootstrap;
  const resamples = ordered.reduce((sum, part) => sum + (part.to - part.from), 0);
  const joined = (pick: (part: PanelDraws) => Float64Array) => {
    const all = new Float64Array(ordered.reduce((sum, part) => sum + pick(part).length, 0));
    let at = 0;
    for (const part of ordered) {
      all.set(pick(part), at);
      at += pick(part).length;
    }
    return all;
  };
  const intervals = Object.fromEntries(PANEL.map((key) => [key, interval(joined((part) => part.values[key]), level, estimates[key])])) as Record<PanelKey, Interval>;
  const smeceValues = joined((part) => part.smece);
  const curves = ordered.flatMap((part) => part.curves);
  let band: PanelIntervals['band'] = null;
  if (curves.length > 0) {
    const lo = new Float64Array(meshSize);
    const hi = new Float64Array(meshSize);
    const column = new Float64Array(curves.length);
    for (let m = 0; m < meshSize; m++) {
      for (let r = 0; r < curves.length; r++) column[r] = curves[r]![m]!;
      const iv = interval(column, level, estimates.curve?.[m]);
      lo[m] = iv ? iv[0] : NaN;
      hi[m] = iv ? iv[1] : NaN;
    }
    band = { lo, hi };
  }
  return {
    ...intervals,
    smece: smeceValues.length > 0 ? interval(smeceValues, level, estimates.smece) : null,
    band,
    resamples,
    smoothResamples: smeceValues.length,
  };
}
