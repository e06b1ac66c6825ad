// Seeded percentile bootstrap. Resample r draws its n indices from
// Xoshiro128.forResample(seed, r) (prng.ts): nextBelow(n) each, or
// floor(nextFloat() * n) above 2^21 items. Every path here (the generic
// bootstrapInterval, the fast ECE path, main/compute's panel and its worker
// threads) uses that one definition, so they draw the same resamples, and an
// interval does not depend on how many threads computed it.
import { binLayout, binOf, numpyQuantileSorted, type BinningOptions, type BinStats } from './binning.ts';
import type { CalibrationData } from './calibration-data.ts';
import { eceFromBins } from './ece.ts';
import { drawIndex, ResampleCounter, Xoshiro128 } from './prng.ts';
import type { OutcomeColumns } from './types.ts';

export { ResampleCounter, Xoshiro128 } from './prng.ts';

export interface BootstrapOptions {
  /** default 1000 */
  resamples?: number;
  /** default 0 */
  seed?: number;
  /** central interval mass, default 0.95 */
  level?: number;
}

export interface BootstrapResult {
  /** the statistic on the original data */
  estimate: number | null;
  /** percentile interval (numpy linear quantiles of the resampled values) */
  lo: number | null;
  hi: number | null;
  level: number;
  seed: number;
  /** resampled statistics that were not null, in resample order */
  values: Float64Array;
}

/** numpy-style percentile interval of the values. */
export function percentileInterval(values: Float64Array, level: number): { lo: number | null; hi: number | null } {
  if (values.length === 0) return { lo: null, hi: null };
  const sorted = Float64Array.from(values).sort();
  const a = (1 - level) / 2;
  return { lo: numpyQuantileSorted(sorted, a), hi: numpyQuantileSorted(sorted, 1 - a) };
}

export function resolveBootstrapOptions(options: BootstrapOptions): Required<BootstrapOptions> {
  const resamples = options.resamples ?? 1000;
  const level = options.level ?? 0.95;
  if (!Number.isInteger(resamples) || resamples < 1) throw new RangeError(`resamples must be a positive integer, got ${resamples}`);
  if (!(level > 0 && level < 1)) throw new RangeError(`level must be in (0, 1), got ${level}`);
  return { resamples, level, seed: options.seed ?? 0 };
}

/**
 * Percentile bootstrap of any statistic of a run: items are resampled with
 * replacement into one reused pair of columns (statFn must not keep them).
 */
export function bootstrapInterval(
  statFn: (columns: OutcomeColumns) => number | null,
  columns: OutcomeColumns,
  options: BootstrapOptions = {},
): BootstrapResult {
  const { resamples, level, seed } = resolveBootstrapOptions(options);
  const n = columns.outcome.length;
  const estimate = statFn(columns);
  const outcome = new Uint8Array(n);
  const confidence = new Float64Array(n);
  const resampled: OutcomeColumns = { outcome, confidence };
  const values = new Float64Array(resamples);
  let kept = 0;
  for (let r = 0; r < resamples; r++) {
    const rng = Xoshiro128.forResample(seed, r);
    for (let i = 0; i < n; i++) {
      const j = drawIndex(rng, n);
      outcome[i] = columns.outcome[j]!;
      confidence[i] = columns.confidence[j]!;
    }
    const v = statFn(resampled);
    if (v !== null && !Number.isNaN(v)) values[kept++] = v;
  }
  const vals = values.slice(0, kept);
  return { estimate, ...percentileInterval(vals, level), level, seed, values: vals };
}

/**
 * Binned ECE of resamples, fast: bins are fixed on the full data, each item
 * is reduced to (bin, correct) once, and a resample only counts draws per
 * item and folds the counts into per-bin sums. Any range of resamples can be
 * computed on its own (worker threads split them this way).
 */
export class EceResampler {
  readonly n: number;
  /** ECE of the full data */
  readonly estimate: number | null;
  // One byte per item when the (bin, correct) codes fit: the fold streams this array once per resample.
  private readonly code: Uint8Array | Int32Array;
  private readonly conf: Float64Array;
  private readonly byCode: Float64Array;
  private readonly count: Float64Array;
  private readonly sumConfidence: Float64Array;
  private readonly sumCorrect: Float64Array;
  private readonly stats: BinStats;

  constructor(data: CalibrationData, binning: BinningOptions = {}) {
    const { p, y } = data;
    const n = p.length;
    this.n = n;
    const layout = binLayout(p, binning);
    const k = layout.nBins;
    this.code = 2 * k <= 256 ? new Uint8Array(n) : new Int32Array(n);
    this.conf = new Float64Array(n);
    const eps = layout.clipEps;
    for (let i = 0; i < n; i++) {
      let x = p[i]!;
      if (eps > 0) x = x < eps ? eps : x > 1 - eps ? 1 - eps : x;
      this.conf[i] = x;
      this.code[i] = binOf(layout, x) * 2 + y[i]!;
    }
    this.count = new Float64Array(k);
    this.sumConfidence = new Float64Array(k);
    this.sumCorrect = new Float64Array(k);
    this.byCode = new Float64Array(2 * k);
    this.stats = { layout, n, count: this.count, sumConfidence: this.sumConfidence, sumCorrect: this.sumCorrect };
    for (let i = 0; i < n; i++) {
      const c = this.code[i]!;
      this.byCode[c]! += 1;
      this.sumConfidence[c >> 1]! += this.conf[i]!;
    }
    this.estimate = this.finish();
  }

  private finish(): number | null {
    const { byCode, count, sumCorrect } = this;
    for (let b = 0; b < count.length; b++) {
      count[b] = byCode[2 * b]! + byCode[2 * b + 1]!;
      sumCorrect[b] = byCode[2 * b + 1]!;
    }
    return eceFromBins(this.stats);
  }

  /** ECE of resamples from..to-1 under seed, in resample order (empty for no items). */
  values(seed: number, from: number, to: number): Float64Array {
    const { n, code, conf, byCode, sumConfidence } = this;
    const out = new Float64Array(n === 0 ? 0 : Math.max(0, to - from));
    if (n === 0) return out;
    const counter = new ResampleCounter(n, seed);
    const times = counter.times;
    for (let r = from; r < to; r++) {
      const overflow = counter.count(r);
      byCode.fill(0);
      sumConfidence.fill(0);
      // Branch-free: about a third of the counts are 0 at random, so a skip
      // mispredicts constantly; adding 0 and 0 * conf leaves every sum unchanged.
      for (let i = 0; i < n; i++) {
        const c = times[i]!;
        const cc = code[i]!;
        byCode[cc]! += c;
        sumConfidence[cc >> 1]! += c * conf[i]!;
      }
      if (overflow) {
        for (const [i, extra] of overflow) {
          const cc = code[i]!;
          byCode[cc]! += extra;
          sumConfidence[cc >> 1]! += extra * conf[i]!;
        }
      }
      out[r - from] = this.finish()!;
    }
    return out;
  }
}

/** Percentile bootstrap of binned ECE, with bins fixed at the full-data layout. */
export function bootstrapEce(data: CalibrationData, options: BootstrapOptions & { binning?: BinningOptions } = {}): BootstrapResult {
  const { resamples, level, seed } = resolveBootstrapOptions(options);
  const resampler = new EceResampler(data, options.binning ?? {});
  const values = resampler.values(seed, 0, resamples);
  return { estimate: resampler.estimate, ...percentileInterval(values, level), level, seed, values };
}
