// Seeded percentile bootstrap. Resample r draws its n indices from
// Xoshiro128.forResample(seed, r) (prng.ts): nextBelow(n) each, or
// floor(nextFloat() * n) above 2^21 items. Every path here (the generic
// bootstrapInterval, the ECE resampler, main/compute's panel and its worker
// threads, the before/after comparison of recalibration) uses that one
// definition, so they draw the same resamples, and an interval does not
// depend on how many threads computed it.
import { binLayout, binStatistics, numpyQuantileSorted, type BinningOptions } from './binning.ts';
import type { CalibrationData } from './calibration-data.ts';
import { CellBinning, ConfidenceCells } from './cells.ts';
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

/**
 * The bootstrap interval, the one every interval in Candor comes from: numpy's
 * linear percentiles at (1 - level)/2 and (1 + level)/2 of the resampled
 * values (NaN dropped), widened to the point estimate when the values lie
 * wholly to one side of it. A statistic with a bias of its own (ECE near 0:
 * every resample adds sampling noise to the gaps, so resampled ECEs sit above
 * a well-calibrated estimate) would otherwise print an estimate outside its
 * own interval; the widened interval is never narrower than the percentile one.
 */
export function percentileInterval(values: ArrayLike<number>, level: number, estimate: number | null = null): { lo: number | null; hi: number | null } {
  let kept = 0;
  for (let i = 0; i < values.length; i++) if (!Number.isNaN(values[i]!)) kept++;
  if (kept === 0) return { lo: null, hi: null };
  const sorted = new Float64Array(kept);
  kept = 0;
  for (let i = 0; i < values.length; i++) if (!Number.isNaN(values[i]!)) sorted[kept++] = values[i]!;
  sorted.sort();
  const a = (1 - level) / 2;
  let lo = numpyQuantileSorted(sorted, a);
  let hi = numpyQuantileSorted(sorted, 1 - a);
  if (estimate !== null && Number.isFinite(estimate)) {
    if (estimate < lo) lo = estimate;
    if (estimate > hi) hi = estimate;
  }
  return { lo, hi };
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
  return { estimate, ...percentileInterval(vals, level, estimate), level, seed, values: vals };
}

/**
 * Binned ECE of resamples, fast: bins are fixed on the full data, items are
 * reduced to confidence cells once (cells.ts), and a resample only counts
 * draws per item, folds them into cell counts and the cells into bins. Any
 * range of resamples can be computed on its own.
 */
export class EceResampler {
  readonly n: number;
  /** ECE of the full data */
  readonly estimate: number | null;
  private readonly cells: ConfidenceCells;
  private readonly binning: CellBinning;

  constructor(data: CalibrationData, binning: BinningOptions = {}) {
    this.n = data.p.length;
    const layout = binLayout(data.p, binning);
    this.cells = ConfidenceCells.of(data);
    this.binning = new CellBinning(this.cells, layout);
    // The estimate in item order, as ece() sums it (the cells group the same sums differently).
    this.estimate = eceFromBins(binStatistics(data, layout));
  }

  /** ECE of resamples from..to-1 under seed, in resample order (empty for no items). */
  values(seed: number, from: number, to: number): Float64Array {
    const out = new Float64Array(this.n === 0 ? 0 : Math.max(0, to - from));
    if (this.n === 0) return out;
    const counter = new ResampleCounter(this.n, seed);
    const w = new Float64Array(this.cells.count.length);
    for (let r = from; r < to; r++) {
      this.cells.tally(counter.times, counter.count(r), w, null);
      out[r - from] = eceFromBins(this.binning.fill(w))!;
    }
    return out;
  }
}

/** Percentile bootstrap of binned ECE, with bins fixed at the full-data layout. */
export function bootstrapEce(data: CalibrationData, options: BootstrapOptions & { binning?: BinningOptions } = {}): BootstrapResult {
  const { resamples, level, seed } = resolveBootstrapOptions(options);
  const resampler = new EceResampler(data, options.binning ?? {});
  const values = resampler.values(seed, 0, resamples);
  return { estimate: resampler.estimate, ...percentileInterval(values, level, resampler.estimate), level, seed, values };
}
