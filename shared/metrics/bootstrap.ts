// Seeded bootstrap: the same seed gives the same interval on every machine,
// because the generator is specified here bit for bit (xoshiro128**, seeded
// by splitmix32) rather than taken from Math.random.
import { binLayout, binOf, type BinningOptions } from './binning.ts';
import type { CalibrationData } from './calibration-data.ts';
import { numpyQuantileSorted } from './binning.ts';
import { eceFromBins } from './ece.ts';
import type { OutcomeColumns } from './types.ts';

/** splitmix32 step: turns a seed into well-mixed 32-bit words for the state. */
function splitmix32(state: number): [number, number] {
  const next = (state + 0x9e3779b9) | 0;
  let z = next;
  z = Math.imul(z ^ (z >>> 16), 0x21f0aaad);
  z = Math.imul(z ^ (z >>> 15), 0x735a2d97);
  z ^= z >>> 15;
  return [next, z >>> 0];
}

/** xoshiro128** (Blackman & Vigna), 32-bit operations only. */
export class Xoshiro128 {
  private s0: number;
  private s1: number;
  private s2: number;
  private s3: number;

  /** From a seed (any 32-bit integer), or from an explicit nonzero state. */
  constructor(seed: number | [number, number, number, number]) {
    if (Array.isArray(seed)) {
      [this.s0, this.s1, this.s2, this.s3] = seed.map((v) => v | 0) as [number, number, number, number];
    } else {
      let st = seed | 0;
      const words: number[] = [];
      for (let i = 0; i < 4; i++) {
        const [next, w] = splitmix32(st);
        st = next;
        words.push(w | 0);
      }
      [this.s0, this.s1, this.s2, this.s3] = words as [number, number, number, number];
    }
    if ((this.s0 | this.s1 | this.s2 | this.s3) === 0) this.s0 = 1;
  }

  nextUint32(): number {
    const s1 = this.s1;
    const m = Math.imul(s1, 5);
    const result = Math.imul((m << 7) | (m >>> 25), 9) >>> 0;
    const t = s1 << 9;
    this.s2 ^= this.s0;
    this.s3 ^= this.s1;
    this.s1 ^= this.s2;
    this.s0 ^= this.s3;
    this.s2 ^= t;
    this.s3 = (this.s3 << 11) | (this.s3 >>> 21);
    return result;
  }

  /** The current state words (signed 32-bit), to continue the sequence inline. */
  state(): [number, number, number, number] {
    return [this.s0, this.s1, this.s2, this.s3];
  }

  setState(s0: number, s1: number, s2: number, s3: number): void {
    this.s0 = s0;
    this.s1 = s1;
    this.s2 = s2;
    this.s3 = s3;
  }

  /** Uniform in [0, 1) with 53 random bits. */
  nextFloat(): number {
    const hi = this.nextUint32() >>> 5;
    const lo = this.nextUint32() >>> 6;
    return (hi * 67108864 + lo) / 9007199254740992;
  }

  /** Uniform integer in [0, n), n <= 2^21, unbiased (Lemire's multiply-and-reject, exact in doubles). */
  nextBelow(n: number): number {
    const threshold = (4294967296 - n) % n;
    for (;;) {
      const m = this.nextUint32() * n;
      const hi = Math.floor(m * 2.3283064365386963e-10);
      if (m - hi * 4294967296 >= threshold) return hi;
    }
  }
}

const MAX_DIRECT = 2097152; // 2^21: u32 * n stays below 2^53

function drawIndex(rng: Xoshiro128, n: number): number {
  if (n <= MAX_DIRECT) return rng.nextBelow(n);
  return Math.floor(rng.nextFloat() * n);
}

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
  /** resampled statistics that were not null, in draw order */
  values: Float64Array;
}

function percentileInterval(values: Float64Array, level: number): { lo: number | null; hi: number | null } {
  if (values.length === 0) return { lo: null, hi: null };
  const sorted = Float64Array.from(values).sort();
  const a = (1 - level) / 2;
  return { lo: numpyQuantileSorted(sorted, a), hi: numpyQuantileSorted(sorted, 1 - a) };
}

function resolve(options: BootstrapOptions): Required<BootstrapOptions> {
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
  const { resamples, level, seed } = resolve(options);
  const n = columns.outcome.length;
  const estimate = statFn(columns);
  const rng = new Xoshiro128(seed);
  const outcome = new Uint8Array(n);
  const confidence = new Float64Array(n);
  const resampled: OutcomeColumns = { outcome, confidence };
  const values = new Float64Array(resamples);
  let kept = 0;
  for (let r = 0; r < resamples; r++) {
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
 * n draws of Xoshiro128.nextBelow(n), counted per item, with the generator
 * inlined on local state: a method call per draw costs several times the
 * draw. Returns counts that wrapped past 65535 (never in practice).
 */
function drawCountsDirect(times: Uint16Array, n: number, state: Int32Array): Map<number, number> | null {
  let s0 = state[0]!;
  let s1 = state[1]!;
  let s2 = state[2]!;
  let s3 = state[3]!;
  const threshold = (4294967296 - n) % n;
  let overflow: Map<number, number> | null = null;
  for (let i = 0; i < n; i++) {
    let j = 0;
    for (;;) {
      const mm = Math.imul(s1, 5);
      const u = Math.imul((mm << 7) | (mm >>> 25), 9) >>> 0;
      const t = s1 << 9;
      s2 ^= s0;
      s3 ^= s1;
      s1 ^= s2;
      s0 ^= s3;
      s2 ^= t;
      s3 = (s3 << 11) | (s3 >>> 21);
      const m = u * n;
      // floor and a multiply instead of %: double fmod is a slow libm call
      const hi = Math.floor(m * 2.3283064365386963e-10);
      if (m - hi * 4294967296 >= threshold) {
        j = hi;
        break;
      }
    }
    const v = (times[j]! + 1) & 0xffff;
    times[j] = v;
    if (v === 0) {
      overflow ??= new Map();
      overflow.set(j, (overflow.get(j) ?? 0) + 65536);
    }
  }
  state[0] = s0;
  state[1] = s1;
  state[2] = s2;
  state[3] = s3;
  return overflow;
}

/**
 * The resamples of bootstrapInterval as per-item draw counts: the r-th call
 * of next() counts the r-th resample's draws (the same stream, so the same
 * resamples for the same seed). Any statistic that is a sum over items, or a
 * pass over a fixed sort order, can then be computed from the counts without
 * materialising the resample.
 */
export class ResampleCounter {
  /** draws per item of the latest resample, modulo 65536 (see next()) */
  readonly times: Uint16Array;
  private readonly n: number;
  private readonly rng: Xoshiro128;
  private readonly state: Int32Array;

  constructor(n: number, seed: number) {
    this.n = n;
    this.times = new Uint16Array(n);
    this.rng = new Xoshiro128(seed);
    this.state = Int32Array.from(this.rng.state());
  }

  /** Counts the next resample into times; returns the extra counts of items drawn 65536+ times (never in practice). */
  next(): Map<number, number> | null {
    const { times, n, state, rng } = this;
    times.fill(0);
    if (n === 0) return null;
    if (n <= MAX_DIRECT) return drawCountsDirect(times, n, state);
    let overflow: Map<number, number> | null = null;
    rng.setState(state[0]!, state[1]!, state[2]!, state[3]!);
    for (let i = 0; i < n; i++) {
      const j = Math.floor(rng.nextFloat() * n);
      const v = (times[j]! + 1) & 0xffff;
      times[j] = v;
      if (v === 0) {
        overflow ??= new Map();
        overflow.set(j, (overflow.get(j) ?? 0) + 65536);
      }
    }
    state.set(rng.state());
    return overflow;
  }

  /** Advances past one resample without counting it (for a worker that starts at a later resample). */
  skip(): void {
    const { n, state, rng } = this;
    if (n === 0) return;
    if (n <= MAX_DIRECT) {
      skipDirect(n, state);
      return;
    }
    rng.setState(state[0]!, state[1]!, state[2]!, state[3]!);
    for (let i = 0; i < n; i++) rng.nextFloat();
    state.set(rng.state());
  }
}

/** drawCountsDirect without the counting: the same generator steps and rejections. */
function skipDirect(n: number, state: Int32Array): void {
  let s0 = state[0]!;
  let s1 = state[1]!;
  let s2 = state[2]!;
  let s3 = state[3]!;
  const threshold = (4294967296 - n) % n;
  for (let i = 0; i < n; i++) {
    for (;;) {
      const mm = Math.imul(s1, 5);
      const u = Math.imul((mm << 7) | (mm >>> 25), 9) >>> 0;
      const t = s1 << 9;
      s2 ^= s0;
      s3 ^= s1;
      s1 ^= s2;
      s0 ^= s3;
      s2 ^= t;
      s3 = (s3 << 11) | (s3 >>> 21);
      const m = u * n;
      const hi = Math.floor(m * 2.3283064365386963e-10);
      if (m - hi * 4294967296 >= threshold) break;
    }
  }
  state[0] = s0;
  state[1] = s1;
  state[2] = s2;
  state[3] = s3;
}

/**
 * Fast bootstrap of binned ECE: bins are fixed on the full data, each item is
 * reduced to (bin, correct) once, and a resample only accumulates per-bin
 * sums from index draws into preallocated arrays.
 */
export function bootstrapEce(data: CalibrationData, options: BootstrapOptions & { binning?: BinningOptions } = {}): BootstrapResult {
  const { resamples, level, seed } = resolve(options);
  const { p, y } = data;
  const n = p.length;
  const layout = binLayout(p, options.binning ?? {});
  const k = layout.nBins;
  // One byte per item when the (bin, correct) codes fit: the fold below
  // streams this array once per resample.
  const code = 2 * k <= 256 ? new Uint8Array(n) : new Int32Array(n);
  const conf = new Float64Array(n);
  const eps = layout.clipEps;
  for (let i = 0; i < n; i++) {
    let x = p[i]!;
    if (eps > 0) x = x < eps ? eps : x > 1 - eps ? 1 - eps : x;
    conf[i] = x;
    code[i] = binOf(layout, x) * 2 + y[i]!;
  }
  const count = new Float64Array(k);
  const sumConfidence = new Float64Array(k);
  const sumCorrect = new Float64Array(k);
  const stats = { layout, n, count, sumConfidence, sumCorrect };
  const byCode = new Float64Array(2 * k);
  const finish = (): number | null => {
    for (let b = 0; b < k; b++) {
      count[b] = byCode[2 * b]! + byCode[2 * b + 1]!;
      sumCorrect[b] = byCode[2 * b + 1]!;
    }
    return eceFromBins(stats);
  };
  for (let i = 0; i < n; i++) {
    const c = code[i]!;
    byCode[c]! += 1;
    sumConfidence[c >> 1]! += conf[i]!;
  }
  const estimate = finish();
  const values = new Float64Array(n === 0 ? 0 : resamples);
  if (n > 0) {
    // Draw n indices, but only count how often each item is drawn (a 2-byte
    // counter per item stays in cache where the 12 bytes of item data would
    // not), then fold the counts into the bins in one sequential pass.
    const counter = new ResampleCounter(n, seed);
    const times = counter.times;
    for (let r = 0; r < resamples; r++) {
      const overflow = counter.next();
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
      values[r] = finish()!;
    }
  }
  return { estimate, ...percentileInterval(values, level), level, seed, values };
}
