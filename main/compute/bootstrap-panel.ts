// Percentile bootstrap of the whole panel from one set of resamples: the
// resamples of shared/metrics' bootstrapInterval (resample r drawn from
// Xoshiro128.forResample(seed, r), docs/metrics.md), each
// reduced to per-item draw counts, so every statistic is a pass over fixed
// arrays instead of a fresh sort. The binned ECE interval therefore equals
// bootstrapEce's for the same settings.
import type { CalibrationSettings } from '../../shared/api/calibration.ts';
import { binOf, FLOAT64_EPS, numpyQuantileSorted, type BinLayout, type BinStats } from '../../shared/metrics/binning.ts';
import { ResampleCounter } from '../../shared/metrics/bootstrap.ts';
import type { CalibrationData } from '../../shared/metrics/calibration-data.ts';
import { aceFromBins, eceFromBins, mceFromBins, rmsFromBins } from '../../shared/metrics/ece.ts';
import { unbiasedL2Ce } from '../../shared/metrics/kumar.ts';
import { smoothEceAt, smoothReliabilityCurve } from '../../shared/metrics/smece.ts';
import { argsortAscendingStable } from '../../shared/metrics/sort.ts';
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

const PANEL = ['ece', 'mce', 'rms', 'ace', 'kumarDebiasedL2', 'brier', 'logLoss', 'auroc', 'aurc', 'eAurc', 'aurcOrderFree', 'eAurcOrderFree'] as const;
type PanelKey = (typeof PANEL)[number];

/** numpy-style percentile interval of the non-NaN values. */
export function percentile(values: Float64Array, count: number, level: number): Interval {
  const kept: number[] = [];
  for (let i = 0; i < count; i++) if (!Number.isNaN(values[i]!)) kept.push(values[i]!);
  if (kept.length === 0) return null;
  const sorted = Float64Array.from(kept).sort();
  const a = (1 - level) / 2;
  return [numpyQuantileSorted(sorted, a), numpyQuantileSorted(sorted, 1 - a)];
}

/** Fixed per-item arrays every resample reads. */
class Prepared {
  readonly slot: Int32Array;
  readonly conf: Float64Array;
  readonly sq: Float64Array;
  readonly ll: Float64Array;
  /** items ascending by confidence (stable), their labels, and tie-group ends */
  readonly asc: Uint32Array;
  readonly yAsc: Uint8Array;
  readonly groupEnd: Int32Array;
  readonly groups: number;
  /** harmonic numbers H_0..H_n for the resample's oracle AURC */
  readonly harmonic: Float64Array;

  constructor(data: CalibrationData, layout: BinLayout) {
    const { p, y } = data;
    const n = p.length;
    this.slot = new Int32Array(n);
    this.conf = new Float64Array(n);
    this.sq = new Float64Array(n);
    this.ll = new Float64Array(n);
    const eps = layout.clipEps;
    for (let i = 0; i < n; i++) {
      let x = p[i]!;
      if (eps > 0) x = x < eps ? eps : x > 1 - eps ? 1 - eps : x;
      this.conf[i] = x;
      this.slot[i] = binOf(layout, x);
      const d = p[i]! - y[i]!;
      this.sq[i] = d * d;
      // the clipping and renormalisation of shared/metrics logLoss
      const q = Math.min(Math.max(p[i]!, FLOAT64_EPS), 1 - FLOAT64_EPS);
      const a = 1 - q;
      this.ll[i] = -Math.log((y[i] ? q : a) / (a + q));
    }
    this.asc = argsortAscendingStable(p);
    this.yAsc = new Uint8Array(n);
    const ends: number[] = [];
    for (let k = 0; k < n; k++) {
      this.yAsc[k] = y[this.asc[k]!]!;
      if (k + 1 === n || p[this.asc[k + 1]!] !== p[this.asc[k]!]) ends.push(k + 1);
    }
    this.groupEnd = Int32Array.from(ends);
    this.groups = ends.length;
    this.harmonic = new Float64Array(n + 1);
    for (let k = 1; k <= n; k++) this.harmonic[k] = this.harmonic[k - 1]! + 1 / k;
  }
}

/** Statistics of one resample given draws per item (w). */
function resampleStats(prep: Prepared, w: ArrayLike<number>, wAsc: Float64Array, stats: BinStats, out: Record<PanelKey, number>): void {
  const n = prep.slot.length;
  const { count, sumConfidence, sumCorrect } = stats;
  count.fill(0);
  sumConfidence.fill(0);
  sumCorrect.fill(0);
  let sq = 0;
  let ll = 0;
  for (let i = 0; i < n; i++) {
    const c = w[i]!;
    const b = prep.slot[i]!;
    count[b]! += c;
    sumConfidence[b]! += c * prep.conf[i]!;
    sq += c * prep.sq[i]!;
    ll += c * prep.ll[i]!;
  }
  let correct = 0;
  for (let k = 0; k < n; k++) {
    const c = w[prep.asc[k]!]!;
    wAsc[k] = c;
    correct += c * prep.yAsc[k]!;
  }
  // sumCorrect per bin, from the sorted pass: bins are monotone in confidence only for some conventions, so index by slot
  for (let k = 0; k < n; k++) if (prep.yAsc[k]) sumCorrect[prep.slot[prep.asc[k]!]!]! += wAsc[k]!;
  out.ece = eceFromBins(stats) ?? NaN;
  out.mce = mceFromBins(stats) ?? NaN;
  out.rms = rmsFromBins(stats) ?? NaN;
  out.ace = aceFromBins(stats) ?? NaN;
  out.kumarDebiasedL2 = unbiasedL2Ce(stats) ?? NaN;
  out.brier = sq / n;
  out.logLoss = ll / n;
  // AUROC: ties count one half (Mann-Whitney over tie groups)
  const wrong = n - correct;
  let auc = 0;
  let negBelow = 0;
  let start = 0;
  for (let g = 0; g < prep.groups; g++) {
    const end = prep.groupEnd[g]!;
    let pos = 0;
    let neg = 0;
    for (let k = start; k < end; k++) {
      const c = wAsc[k]!;
      if (prep.yAsc[k]) pos += c;
      else neg += c;
    }
    auc += pos * (negBelow + neg / 2);
    negBelow += neg;
    start = end;
  }
  out.auroc = correct === 0 || wrong === 0 ? NaN : auc / (correct * wrong);
  // AURC: most confident first; tied items keep item order, each drawn item repeated where it stands
  let errors = 0;
  let answered = 0;
  let area = 0;
  let end = n;
  for (let g = prep.groups - 1; g >= 0; g--) {
    const first = g === 0 ? 0 : prep.groupEnd[g - 1]!;
    for (let k = first; k < end; k++) {
      const c = wAsc[k]!;
      const e = prep.yAsc[k] ? 0 : 1;
      for (let j = 0; j < c; j++) {
        errors += e;
        answered++;
        area += errors / answered;
      }
    }
    end = first;
  }
  out.aurc = area / n;
  // The same, ties in random order in expectation: inside a group of m draws with w errors, j*w/m among its first j.
  let errorsBefore = 0;
  let answeredBefore = 0;
  let areaFree = 0;
  end = n;
  for (let g = prep.groups - 1; g >= 0; g--) {
    const first = g === 0 ? 0 : prep.groupEnd[g - 1]!;
    let m = 0;
    let w = 0;
    for (let k = first; k < end; k++) {
      m += wAsc[k]!;
      if (!prep.yAsc[k]) w += wAsc[k]!;
    }
    for (let j = 1; j <= m; j++) areaFree += (errorsBefore + (j * w) / m) / (answeredBefore + j);
    errorsBefore += w;
    answeredBefore += m;
    end = first;
  }
  out.aurcOrderFree = areaFree / n;
  // oracle AURC of the resample: sum_{k>C} (k - C)/k = (n - C) - C (H_n - H_C)
  const oracle = (n - correct - correct * (prep.harmonic[n]! - prep.harmonic[correct]!)) / n;
  out.eAurc = out.aurc - oracle;
  out.eAurcOrderFree = out.aurcOrderFree - oracle;
}

/** Expands draw counts into a resample (item order), for the kernel-smoothed statistics. */
function materialize(data: CalibrationData, w: ArrayLike<number>, p: Float64Array, y: Uint8Array): void {
  let k = 0;
  for (let i = 0; i < w.length; i++) {
    for (let j = 0; j < w[i]!; j++) {
      p[k] = data.p[i]!;
      y[k] = data.y[i]!;
      k++;
    }
  }
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
 * The panel statistics of resamples from..to-1. Resample r depends only on
 * (seed, r), so ranges computed apart (on two worker threads) and put together
 * in order give exactly what one pass over all of them gives.
 */
export function panelDraws(
  data: CalibrationData,
  layout: BinLayout,
  settings: CalibrationSettings,
  sigma: number | null,
  meshSize: number,
  from: number,
  to: number,
  hooks: AnalysisHooks,
): PanelDraws {
  const n = data.p.length;
  const { seed } = settings.bootstrap;
  const smoothResamples = sigma === null ? 0 : settings.bootstrap.smoothResamples;
  const smoothTo = Math.min(to, smoothResamples);
  const total = to - from + Math.max(0, smoothTo - from);
  const prep = new Prepared(data, layout);
  const counter = new ResampleCounter(n, seed);
  const k = layout.nBins;
  const stats: BinStats = { layout, n, count: new Float64Array(k), sumConfidence: new Float64Array(k), sumCorrect: new Float64Array(k) };
  const values = Object.fromEntries(PANEL.map((key) => [key, new Float64Array(to - from)])) as Record<PanelKey, Float64Array>;
  const out = Object.fromEntries(PANEL.map((key) => [key, 0])) as Record<PanelKey, number>;
  const wAsc = new Float64Array(n);
  const smeceValues = new Float64Array(Math.max(0, smoothTo - from));
  const curves: Float64Array[] = [];
  const rp = new Float64Array(n);
  const ry = new Uint8Array(n);
  let wide: Float64Array | null = null;
  let done = 0;
  // Often enough that a bar moves and a cancel lands quickly, rarely enough to cost nothing.
  const step = Math.max(1, Math.min(10, Math.floor(total / 100)));
  for (let r = from; r < to; r++) {
    if (hooks.cancelled?.()) throw new AnalysisCancelled();
    const overflow = counter.count(r);
    let w: ArrayLike<number> = counter.times;
    if (overflow) {
      wide = Float64Array.from(counter.times);
      for (const [i, extra] of overflow) wide[i]! += extra;
      w = wide;
    }
    resampleStats(prep, w, wAsc, stats, out);
    for (const key of PANEL) values[key][r - from] = out[key];
    // The smooth statistics reuse the first resamples of the same stream, at the full-data bandwidth.
    if (r < smoothResamples && sigma !== null) {
      materialize(data, w, rp, ry);
      const resample = { p: rp, y: ry };
      smeceValues[r - from] = smoothEceAt(resample, sigma) ?? NaN;
      curves.push(smoothReliabilityCurve(resample, { sigma, meshSize })!.mu);
      done++;
    }
    done++;
    if (done % step === 0 || r === to - 1) hooks.progress?.(done, total);
  }
  return { from, to, values, smece: smeceValues, curves };
}

/** Percentile intervals from every resample's draws, put together in resample order. */
export function panelFromDraws(parts: PanelDraws[], settings: CalibrationSettings, meshSize: number): PanelIntervals {
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
  const intervals = Object.fromEntries(PANEL.map((key) => [key, percentile(joined((part) => part.values[key]), resamples, level)])) as Record<PanelKey, Interval>;
  const smeceValues = joined((part) => part.smece);
  const curves = ordered.flatMap((part) => part.curves);
  let band: PanelIntervals['band'] = null;
  if (curves.length > 0) {
    const lo = new Float64Array(meshSize);
    const hi = new Float64Array(meshSize);
    const column = new Float64Array(curves.length);
    for (let m = 0; m < meshSize; m++) {
      for (let r = 0; r < curves.length; r++) column[r] = curves[r]![m]!;
      const iv = percentile(column, curves.length, level);
      lo[m] = iv ? iv[0] : NaN;
      hi[m] = iv ? iv[1] : NaN;
    }
    band = { lo, hi };
  }
  return {
    ...intervals,
    smece: smeceValues.length > 0 ? percentile(smeceValues, smeceValues.length, level) : null,
    band,
    resamples,
    smoothResamples: smeceValues.length,
  };
}

export function bootstrapPanel(
  data: CalibrationData,
  layout: BinLayout,
  settings: CalibrationSettings,
  sigma: number | null,
  meshSize: number,
  hooks: AnalysisHooks,
): PanelIntervals {
  return panelFromDraws([panelDraws(data, layout, settings, sigma, meshSize, 0, settings.bootstrap.resamples, hooks)], settings, meshSize);
}
