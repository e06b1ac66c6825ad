// Brier score decompositions: binned Murphy (with the within-bin terms that
// make it an identity) and CORP (isotonic recalibration, exact).
import { binLayout, binOf, type BinningOptions, type BinStats } from './binning.ts';
import type { CalibrationData } from './calibration-data.ts';
import { brierScore } from './scores.ts';
import { confidenceOrder } from './selective.ts';
import { argsortAscendingStable } from './sort.ts';

export interface MurphyDecomposition {
  nBins: number;
  reliability: number;
  resolution: number;
  uncertainty: number;
  /** (1/N) sum (p_i - pbar_k)^2 */
  withinBinVariance: number;
  /** (2/N) sum (o_i - obar_k)(p_i - pbar_k) */
  withinBinCovariance: number;
  brier: number;
}

/**
 * BS = REL - RES + UNC + WBV - WBC exactly, over the given binning (default
 * sklearn 10 equal-width). `known`: the same items' bin sums on that binning
 * and their Brier score, already computed (the Calibration tab's first
 * numbers): used as they are when unclipped (the sums here are of the raw
 * confidences), which spares a pass and an index per item.
 */
export function murphyDecomposition(data: CalibrationData, options: BinningOptions = {}, known?: { stats: BinStats; brier: number | null }): MurphyDecomposition | null {
  const { p, y } = data;
  const n = p.length;
  if (n === 0) return null;
  const reuse = known !== undefined && known.stats.n === n && known.stats.layout.clipEps === 0;
  const layout = reuse ? known.stats.layout : binLayout(p, options);
  const k = layout.nBins;
  let count: Float64Array;
  let sp: Float64Array;
  let so: Float64Array;
  let oTotal = 0;
  if (reuse) {
    count = Float64Array.from(known.stats.count);
    sp = Float64Array.from(known.stats.sumConfidence);
    so = Float64Array.from(known.stats.sumCorrect);
    // A count of right answers: exact in any order.
    for (let b = 0; b < k; b++) oTotal += so[b]!;
  } else {
    count = new Float64Array(k);
    sp = new Float64Array(k);
    so = new Float64Array(k);
    for (let i = 0; i < n; i++) {
      const b = binOf(layout, p[i]!);
      count[b]! += 1;
      sp[b]! += p[i]!;
      so[b]! += y[i]!;
      oTotal += y[i]!;
    }
  }
  const obar = oTotal / n;
  let rel = 0;
  let res = 0;
  for (let b = 0; b < k; b++) {
    const c = count[b]!;
    if (c === 0) continue;
    sp[b] = sp[b]! / c;
    so[b] = so[b]! / c;
    rel += (c / n) * (sp[b]! - so[b]!) ** 2;
    res += (c / n) * (so[b]! - obar) ** 2;
  }
  let wbv = 0;
  let wbc = 0;
  for (let i = 0; i < n; i++) {
    // The bin again rather than kept from the first pass: cheaper than 4 bytes an item of fresh memory.
    const b = binOf(layout, p[i]!);
    const dp = p[i]! - sp[b]!;
    wbv += dp * dp;
    wbc += (y[i]! - so[b]!) * dp;
  }
  return {
    nBins: k,
    reliability: rel,
    resolution: res,
    uncertainty: obar * (1 - obar),
    withinBinVariance: wbv / n,
    withinBinCovariance: (2 * wbc) / n,
    brier: reuse && known.brier !== null ? known.brier : brierScore(data)!,
  };
}

export interface IsotonicFit {
  /** distinct x, ascending */
  x: Float64Array;
  /** fitted non-decreasing values at x */
  y: Float64Array;
}

/**
 * sklearn IsotonicRegression (increasing): sort by x, pool tied x into their
 * weighted mean y, then pool adjacent violators.
 */
export function isotonicFit(x: Float64Array, y: ArrayLike<number>, weight?: Float64Array): IsotonicFit {
  const n = x.length;
  const order = argsortAscendingStable(x);
  const ux = new Float64Array(n);
  const uy = new Float64Array(n);
  const uw = new Float64Array(n);
  let m = 0;
  for (let k = 0; k < n; k++) {
    const i = order[k]!;
    const w = weight ? weight[i]! : 1;
    if (m > 0 && ux[m - 1] === x[i]) {
      uy[m - 1]! += w * y[i]!;
      uw[m - 1]! += w;
    } else {
      ux[m] = x[i]!;
      uy[m] = w * y[i]!;
      uw[m] = w;
      m++;
    }
  }
  return isotonicFitGrouped(ux, uy, uw, m);
}

/**
 * PAV over m distinct ascending x (ux) whose items carry total weight uw and
 * weighted outcome sum ySum: the fit isotonicFit makes of the items
 * themselves, from their groups (the same arithmetic, so the same bits).
 * ySum is overwritten.
 */
export function isotonicFitGrouped(ux: Float64Array, ySum: Float64Array, uw: Float64Array, m: number): IsotonicFit {
  const uy = ySum;
  for (let j = 0; j < m; j++) uy[j] = uy[j]! / uw[j]!;
  // PAV over blocks kept on a stack: value, weight, first index
  const bv = new Float64Array(m);
  const bw = new Float64Array(m);
  const bs = new Int32Array(m);
  let top = 0;
  for (let j = 0; j < m; j++) {
    let v = uy[j]!;
    let w = uw[j]!;
    let start = j;
    while (top > 0 && bv[top - 1]! >= v) {
      top--;
      v = (bv[top]! * bw[top]! + v * w) / (bw[top]! + w);
      w += bw[top]!;
      start = bs[top]!;
    }
    bv[top] = v;
    bw[top] = w;
    bs[top] = start;
    top++;
  }
  const fitted = new Float64Array(m);
  for (let b = 0; b < top; b++) {
    const end = b + 1 < top ? bs[b + 1]! : m;
    for (let j = bs[b]!; j < end; j++) fitted[j] = bv[b]!;
  }
  return { x: ux.slice(0, m), y: fitted };
}

/** Linear interpolation of the fit, clipped to the end values outside the fitted range. */
export function isotonicPredict(fit: IsotonicFit, t: number): number {
  const { x, y } = fit;
  const m = x.length;
  if (m === 0) return NaN;
  if (t <= x[0]!) return y[0]!;
  if (t >= x[m - 1]!) return y[m - 1]!;
  let lo = 0;
  let hi = m - 1;
  while (hi - lo > 1) {
    const mid = (lo + hi) >>> 1;
    if (x[mid]! <= t) lo = mid;
    else hi = mid;
  }
  const x0 = x[lo]!;
  const x1 = x[hi]!;
  return y[lo]! + ((t - x0) * (y[hi]! - y[lo]!)) / (x1 - x0);
}

/**
 * isotonicPredict for many points: the knots are indexed by 1,024 buckets of
 * [0, 1] first, so each point searches the few knots in its bucket instead of
 * all of them. The same knots are found, so the same values come out.
 */
export function isotonicPredictor(fit: IsotonicFit): (t: number) => number {
  const { x, y } = fit;
  const m = x.length;
  if (m === 0) return () => NaN;
  const B = 1024;
  // first[b]: the number of knots below b / B (so a point in [b/B, (b+1)/B) has its lower knot at or after first[b] - 1)
  const first = new Int32Array(B + 2);
  for (let b = 0, k = 0; b <= B + 1; b++) {
    while (k < m && x[k]! < b / B) k++;
    first[b] = k;
  }
  return (t) => {
    if (!(t > x[0]! && t < x[m - 1]! && t <= 1)) return isotonicPredict(fit, t);
    const b = Math.floor(t * B);
    // The last knot <= t, searched among the bucket's knots, then checked against its neighbours
    // (so a rounding at a bucket's edge cannot pick another knot than isotonicPredict's search).
    let lo = Math.min(Math.max(first[b]! - 1, 0), m - 2);
    let hi = Math.min(Math.max(first[b + 1]!, lo + 1), m - 1);
    while (hi - lo > 1) {
      const mid = (lo + hi) >>> 1;
      if (x[mid]! <= t) lo = mid;
      else hi = mid;
    }
    while (lo > 0 && x[lo]! > t) lo--;
    while (lo + 2 < m && x[lo + 1]! <= t) lo++;
    const x0 = x[lo]!;
    const x1 = x[lo + 1]!;
    return y[lo]! + ((t - x0) * (y[lo + 1]! - y[lo]!)) / (x1 - x0);
  };
}

export interface CorpDecomposition {
  /** Brier score of the forecast */
  S: number;
  /** miscalibration: S minus the Brier score of the isotonically recalibrated forecast */
  MCB: number;
  /** discrimination: UNC minus the recalibrated Brier score */
  DSC: number;
  /** Brier score of the climatological forecast obar */
  UNC: number;
}

/** CORP (Dimitriadis, Gneiting & Jordan 2021): S = MCB - DSC + UNC. */
export function corpDecomposition(data: CalibrationData): CorpDecomposition | null {
  const { p, y } = data;
  const n = p.length;
  if (n === 0) return null;
  // Items sharing a confidence are pooled by the fit anyway: fit their groups (one pass over the
  // shared confidence order, no sort of the items), then score each group's items at once.
  const descending = confidenceOrder(p, 'stable');
  const values: number[] = [];
  const total: number[] = [];
  const right: number[] = [];
  for (let k = n - 1; k >= 0; k--) {
    const i = descending[k]!;
    if (values.length === 0 || values[values.length - 1] !== p[i]) {
      values.push(p[i]!);
      total.push(0);
      right.push(0);
    }
    total[total.length - 1]! += 1;
    right[right.length - 1]! += y[i]!;
  }
  const weight = Float64Array.from(total);
  const fit = isotonicFit(Float64Array.from(values), Float64Array.from(right, (r, g) => r / weight[g]!), weight);
  let obar = 0;
  for (let i = 0; i < n; i++) obar += y[i]!;
  obar /= n;
  let sIso = 0;
  let unc = 0;
  for (let g = 0; g < values.length; g++) {
    const f = fit.y[g]!;
    sIso += (total[g]! - right[g]!) * f * f + right[g]! * (f - 1) * (f - 1);
    unc += (total[g]! - right[g]!) * obar * obar + right[g]! * (obar - 1) * (obar - 1);
  }
  sIso /= n;
  unc /= n;
  const S = brierScore(data)!;
  return { S, MCB: S - sIso, DSC: unc - sIso, UNC: unc };
}
