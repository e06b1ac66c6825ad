// The bootstrap's random numbers, specified here bit for bit (xoshiro128**
// seeded through splitmix32) rather than taken from Math.random, so the same
// seed gives the same resamples on every machine. Resample r's draws come
// from a generator of its own, computed from (seed, r) alone: resamples can
// be drawn in any order, by any number of threads, with the same result.

const GOLDEN = 0x9e3779b9;

/** splitmix32 step: turns a seed into well-mixed 32-bit words for the state. */
function splitmix32(state: number): [number, number] {
  const next = (state + GOLDEN) | 0;
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

  /**
   * The generator of bootstrap resample r under seed: its state is the r-th
   * block of four words of the splitmix32 sequence started at the first
   * splitmix32 word of seed. Blocks are disjoint for r < 2^30, and block r is
   * reached directly (splitmix32's state advances by a constant per word).
   */
  static forResample(seed: number, r: number): Xoshiro128 {
    if (!Number.isInteger(r) || r < 0) throw new RangeError(`resample index must be a non-negative integer, got ${r}`);
    let st = (splitmix32(seed | 0)[1] + Math.imul(4 * r, GOLDEN)) | 0;
    const words: [number, number, number, number] = [0, 0, 0, 0];
    for (let i = 0; i < 4; i++) {
      const [next, w] = splitmix32(st);
      st = next;
      words[i] = w | 0;
    }
    return new Xoshiro128(words);
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

/** 2^21: below it u32 * n stays below 2^53, so nextBelow is exact; above, floor(nextFloat() * n). */
export const MAX_DIRECT = 2097152;

/** One index of a resample of n items. */
export function drawIndex(rng: Xoshiro128, n: number): number {
  if (n <= MAX_DIRECT) return rng.nextBelow(n);
  return Math.floor(rng.nextFloat() * n);
}

/** Counts that wrapped past 255 in a one-byte counter: item -> extra draws (multiples of 256). */
export type CountOverflow = Map<number, number> | null;

function wrapped(overflow: CountOverflow, j: number): Map<number, number> {
  const map = overflow ?? new Map<number, number>();
  map.set(j, (map.get(j) ?? 0) + 256);
  return map;
}

/**
 * n draws of Xoshiro128.nextBelow(n), counted per item, with the generator
 * inlined on local state: a method call per draw costs several times the
 * draw. One byte per item keeps the counters in cache (a resample of 2^21
 * items touches 2 MB at random instead of 4); an item drawn 256 times or
 * more (never in practice: the chance is below 1e-500) is carried in the
 * returned map, so the counts stay exact.
 */
function drawCountsDirect(times: Uint8Array, n: number, rng: Xoshiro128): CountOverflow {
  let [s0, s1, s2, s3] = rng.state();
  const threshold = (4294967296 - n) % n;
  let overflow: CountOverflow = null;
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
    const v = (times[j]! + 1) & 0xff;
    times[j] = v;
    if (v === 0) overflow = wrapped(overflow, j);
  }
  return overflow;
}

/** n draws of floor(nextFloat() * n) (n > 2^21), counted per item, the generator inlined as above. */
function drawCountsFloat(times: Uint8Array, n: number, rng: Xoshiro128): CountOverflow {
  let [s0, s1, s2, s3] = rng.state();
  let overflow: CountOverflow = null;
  for (let i = 0; i < n; i++) {
    let mm = Math.imul(s1, 5);
    const a = Math.imul((mm << 7) | (mm >>> 25), 9) >>> 0;
    let t = s1 << 9;
    s2 ^= s0;
    s3 ^= s1;
    s1 ^= s2;
    s0 ^= s3;
    s2 ^= t;
    s3 = (s3 << 11) | (s3 >>> 21);
    mm = Math.imul(s1, 5);
    const b = Math.imul((mm << 7) | (mm >>> 25), 9) >>> 0;
    t = s1 << 9;
    s2 ^= s0;
    s3 ^= s1;
    s1 ^= s2;
    s0 ^= s3;
    s2 ^= t;
    s3 = (s3 << 11) | (s3 >>> 21);
    // nextFloat(): 53 random bits, exactly as the method computes them
    const j = Math.floor((((a >>> 5) * 67108864 + (b >>> 6)) / 9007199254740992) * n);
    const v = (times[j]! + 1) & 0xff;
    times[j] = v;
    if (v === 0) overflow = wrapped(overflow, j);
  }
  return overflow;
}

/**
 * The resamples of bootstrapInterval as per-item draw counts (the same
 * generator per resample, so the same resamples for the same seed). Any
 * statistic that is a sum over items, or a pass over a fixed sort order, can
 * then be computed from the counts without materialising the resample.
 */
export class ResampleCounter {
  /** draws per item of the latest resample, modulo 256 (see count()) */
  readonly times: Uint8Array;
  private readonly n: number;
  private readonly seed: number;
  private following = 0;

  constructor(n: number, seed: number) {
    this.n = n;
    this.seed = seed;
    this.times = new Uint8Array(n);
  }

  /** Counts resample r into times; returns the extra counts of items drawn 256+ times (never in practice). */
  count(r: number): CountOverflow {
    const { times, n } = this;
    this.following = r + 1;
    times.fill(0);
    if (n === 0) return null;
    const rng = Xoshiro128.forResample(this.seed, r);
    return n <= MAX_DIRECT ? drawCountsDirect(times, n, rng) : drawCountsFloat(times, n, rng);
  }

  /** Counts the resample after the last one counted (resample 0 first). */
  next(): CountOverflow {
    return this.count(this.following);
  }
}
