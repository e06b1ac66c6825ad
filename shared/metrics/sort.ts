// Index sorts over typed arrays: no per-item objects, so 1,000,000 items sort
// without garbage.

/** Below this many keys the comparator sort wins over the radix passes' fixed cost. */
const RADIX_MIN = 512;
const DIGIT_BITS = 11;
const BUCKETS = 1 << DIGIT_BITS;
const LITTLE_ENDIAN = new Uint8Array(Float64Array.of(1).buffer)[7] === 0x3f;

/**
 * Stable LSD radix argsort of doubles: each key becomes an unsigned 64-bit
 * pattern that orders as the numbers do (sign flipped for positives, all bits
 * for negatives, -0 as +0), sorted 11 bits at a time; passes where every key
 * shares the digit are skipped. A stable sort keeps tied keys in input order,
 * exactly like the comparator sort it replaces. null when a key is NaN (the
 * comparator's NaN order is kept for those inputs).
 */
function radixArgsort(key: Float64Array, descending: boolean): Uint32Array | null {
  const n = key.length;
  const words = new Uint32Array(key.buffer, key.byteOffset, 2 * n);
  let hi = new Uint32Array(n);
  let lo = new Uint32Array(n);
  const flip = descending ? 0xffffffff : 0;
  for (let i = 0; i < n; i++) {
    const x = key[i]!;
    if (x !== x) return null;
    let h = 0;
    let l = 0;
    if (x !== 0) {
      h = words[2 * i + 1]!;
      l = words[2 * i]!;
      if (h & 0x80000000) {
        h = ~h;
        l = ~l;
      } else h |= 0x80000000;
    } else h = 0x80000000;
    hi[i] = (h ^ flip) >>> 0;
    lo[i] = (l ^ flip) >>> 0;
  }
  let idx = new Uint32Array(n);
  for (let i = 0; i < n; i++) idx[i] = i;
  let idx2 = new Uint32Array(n);
  let hi2 = new Uint32Array(n);
  let lo2 = new Uint32Array(n);
  const count = new Int32Array(BUCKETS);
  // (word, shift) of each digit, least significant first: 32 bits = 11 + 11 + 10
  const digits: Array<[0 | 1, number]> = [
    [0, 0],
    [0, 11],
    [0, 22],
    [1, 0],
    [1, 11],
    [1, 22],
  ];
  for (const [word, shift] of digits) {
    const src = word === 0 ? lo : hi;
    count.fill(0);
    for (let i = 0; i < n; i++) count[(src[i]! >>> shift) & (BUCKETS - 1)]!++;
    if (count[(src[0]! >>> shift) & (BUCKETS - 1)] === n) continue;
    let sum = 0;
    for (let b = 0; b < BUCKETS; b++) {
      const c = count[b]!;
      count[b] = sum;
      sum += c;
    }
    const moveLo = word === 0;
    for (let i = 0; i < n; i++) {
      const d = (src[i]! >>> shift) & (BUCKETS - 1);
      const to = count[d]!++;
      idx2[to] = idx[i]!;
      hi2[to] = hi[i]!;
      if (moveLo) lo2[to] = lo[i]!;
    }
    [idx, idx2] = [idx2, idx];
    [hi, hi2] = [hi2, hi];
    if (moveLo) [lo, lo2] = [lo2, lo];
  }
  return idx;
}

function comparatorArgsort(key: Float64Array, descending: boolean): Uint32Array {
  const idx = new Uint32Array(key.length);
  for (let i = 0; i < idx.length; i++) idx[i] = i;
  if (descending) idx.sort((a, b) => key[b]! - key[a]! || a - b);
  else idx.sort((a, b) => key[a]! - key[b]! || a - b);
  return idx;
}

function stableArgsort(key: Float64Array, descending: boolean): Uint32Array {
  if (key.length >= RADIX_MIN && LITTLE_ENDIAN) {
    // The word view needs 8-byte alignment, which a Float64Array always has.
    const radix = radixArgsort(key, descending);
    if (radix) return radix;
  }
  return comparatorArgsort(key, descending);
}

/** Indices ordering `key` descending; ties keep input order (stable). */
export function argsortDescendingStable(key: Float64Array): Uint32Array {
  if (key.length >= RADIX_MIN) {
    const unit = unitArgsort(key, true);
    if (unit) return unit;
  }
  return stableArgsort(key, true);
}

/**
 * The stable argsort of keys in [0, 1] (confidences), in a third of the radix
 * sort's memory: two stable counting passes on the 22-bit prefix
 * floor(p * 2^22) (computed from p each time, no key arrays), then each run
 * sharing a prefix ordered by full value (none for decimals coarser than
 * 2.4e-7). null when a key is outside [0, 1] or NaN. The same permutation.
 */
function unitArgsort(p: Float64Array, descending: boolean): Uint32Array | null {
  const n = p.length;
  const lowCount = new Int32Array(UNIT_LOW_MASK + 1);
  const highCount = new Int32Array(2050);
  // Descending counts on 2^22 - k, so the largest p comes first; either way ties stay in index order.
  const digit = (x: number) => (descending ? UNIT_KEY_SCALE - Math.floor(x * UNIT_KEY_SCALE) : Math.floor(x * UNIT_KEY_SCALE));
  for (let i = 0; i < n; i++) {
    const x = p[i]!;
    if (!(x >= 0 && x <= 1)) return null;
    const d = digit(x);
    lowCount[d & UNIT_LOW_MASK]!++;
    highCount[d >>> UNIT_DIGIT_BITS]!++;
  }
  prefixSums(lowCount);
  prefixSums(highCount);
  const first = new Uint32Array(n);
  for (let i = 0; i < n; i++) first[lowCount[digit(p[i]!) & UNIT_LOW_MASK]!++] = i;
  const order = new Uint32Array(n);
  for (let j = 0; j < n; j++) {
    const i = first[j]!;
    order[highCount[digit(p[i]!) >>> UNIT_DIGIT_BITS]!++] = i;
  }
  const sign = descending ? -1 : 1;
  let start = 0;
  while (start < n) {
    const k = Math.floor(p[order[start]!]! * UNIT_KEY_SCALE);
    let end = start + 1;
    let sorted = true;
    while (end < n && Math.floor(p[order[end]!]! * UNIT_KEY_SCALE) === k) {
      if (sign * (p[order[end]!]! - p[order[end - 1]!]!) < 0) sorted = false;
      end++;
    }
    if (!sorted) {
      // By value, equal values in index order (the run is in index order now).
      const run = Array.from(order.subarray(start, end));
      run.sort((a, b) => sign * (p[a]! - p[b]!) || a - b);
      order.set(run, start);
    }
    start = end;
  }
  return order;
}

/** Indices ordering `key` ascending; ties keep input order (stable). */
export function argsortAscendingStable(key: Float64Array): Uint32Array {
  if (key.length >= RADIX_MIN) {
    const unit = unitArgsort(key, false);
    if (unit) return unit;
  }
  return stableArgsort(key, false);
}

/** Confidences ascending with their labels alongside (see sortWithLabels). */
export interface SortedLabels {
  p: Float64Array;
  y: Uint8Array;
}

const UNIT_KEY_SCALE = 4194304; // 2^22: an exact scaling, so floor(p * 2^22) orders as p does
const UNIT_DIGIT_BITS = 11;
const UNIT_LOW_MASK = (1 << UNIT_DIGIT_BITS) - 1;
/** above this many items a run of equal 22-bit keys is sorted by comparator rather than by insertion */
const RUN_INSERTION_MAX = 32;

/**
 * p ascending with y carried along, ties in input order (the order
 * argsortAscendingStable gives), for confidences in [0, 1]. Moving the 9
 * bytes of (p, y) instead of an index lets AUROC and AURC read the result
 * sequentially, where an index order costs a cache miss per item. Two counting
 * passes on floor(p * 2^22) leave only items sharing that 22-bit prefix to
 * order by full value: none for decimals coarser than 2.4e-7, short runs for
 * arbitrary doubles. null when some p is outside [0, 1] or NaN.
 */
export function sortWithLabels(p: Float64Array, y: Uint8Array): SortedLabels | null {
  const n = p.length;
  const lowCount = new Int32Array(UNIT_LOW_MASK + 1);
  // digit 1 is k >> 11 in 0..2048 (p = 1 gives 2^22)
  const highCount = new Int32Array(2050);
  for (let i = 0; i < n; i++) {
    const x = p[i]!;
    if (!(x >= 0 && x <= 1)) return null;
    const k = Math.floor(x * UNIT_KEY_SCALE);
    lowCount[k & UNIT_LOW_MASK]!++;
    highCount[k >>> UNIT_DIGIT_BITS]!++;
  }
  prefixSums(lowCount);
  prefixSums(highCount);
  const p1 = new Float64Array(n);
  const y1 = new Uint8Array(n);
  for (let i = 0; i < n; i++) {
    const x = p[i]!;
    const to = lowCount[Math.floor(x * UNIT_KEY_SCALE) & UNIT_LOW_MASK]!++;
    p1[to] = x;
    y1[to] = y[i]!;
  }
  const p2 = new Float64Array(n);
  const y2 = new Uint8Array(n);
  for (let i = 0; i < n; i++) {
    const x = p1[i]!;
    const to = highCount[Math.floor(x * UNIT_KEY_SCALE) >>> UNIT_DIGIT_BITS]!++;
    p2[to] = x;
    y2[to] = y1[i]!;
  }
  let start = 0;
  while (start < n) {
    const k = Math.floor(p2[start]! * UNIT_KEY_SCALE);
    let end = start + 1;
    let sorted = true;
    while (end < n && Math.floor(p2[end]! * UNIT_KEY_SCALE) === k) {
      if (p2[end]! < p2[end - 1]!) sorted = false;
      end++;
    }
    if (!sorted) sortRun(p2, y2, start, end);
    start = end;
  }
  return { p: p2, y: y2 };
}

function prefixSums(count: Int32Array): void {
  let sum = 0;
  for (let b = 0; b < count.length; b++) {
    const c = count[b]!;
    count[b] = sum;
    sum += c;
  }
}

/** Stable sort of p[start, end) by value, y alongside; the run is in input order. */
function sortRun(p: Float64Array, y: Uint8Array, start: number, end: number): void {
  if (end - start <= RUN_INSERTION_MAX) {
    for (let i = start + 1; i < end; i++) {
      const x = p[i]!;
      const label = y[i]!;
      let j = i - 1;
      // strict: an equal value stays after, as in input order
      while (j >= start && p[j]! > x) {
        p[j + 1] = p[j]!;
        y[j + 1] = y[j]!;
        j--;
      }
      p[j + 1] = x;
      y[j + 1] = label;
    }
    return;
  }
  const runP = p.slice(start, end);
  const runY = y.slice(start, end);
  const order = argsortAscendingStable(runP);
  for (let k = 0; k < order.length; k++) {
    p[start + k] = runP[order[k]!]!;
    y[start + k] = runY[order[k]!]!;
  }
}
