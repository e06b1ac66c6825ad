/**
 * The ids seen so far in a file, to refuse a duplicate with the line that
 * first used it, in memory that stays small whatever the file size: each id is
 * kept as two independent 32-bit hashes and its line (12 bytes a slot) rather
 * than as a string in a Map (70-odd bytes an entry). Two distinct ids would be
 * taken for one only if both hashes collided: about n^2 / 2^65, one in 10^7
 * for a file of ten million ids.
 */
/** reserve() goes no further than this (a 384 MB table); past it the table grows as ids arrive. */
const MAX_SLOTS = 1 << 25;
/**
 * The table holds at most this share of its slots. Linear probing stays short
 * (about 2 probes to add an id, 6 to miss, each in the same cache line or the
 * next), and a table sized for its ids takes 17 bytes an id, not the 24 to 48
 * of one half full and rounded to a power of two (96 MB at 4M ids).
 */
const MAX_LOAD = 0.7;

/** A table's slot for a hash pair: the pair's mix scaled to the table (any size, not a power of two). */
function home(a: number, b: number, scale: number): number {
  return Math.floor(((a ^ Math.imul(b, 0x27d4eb2d)) >>> 0) * scale);
}

/**
 * The two 32-bit hashes of an id, written to pairs[2i] and pairs[2i + 1]:
 * FNV-1a and a multiply-xorshift mix over the UTF-16 code units, in one pass.
 */
export function hashKeyInto(key: string, pairs: Uint32Array, i: number): void {
  let a = 0x811c9dc5;
  let b = 0x9e3779b9 ^ key.length;
  for (let k = 0; k < key.length; k++) {
    const c = key.charCodeAt(k);
    a = Math.imul(a ^ c, 0x01000193);
    b = Math.imul(b ^ c, 0x5bd1e995);
    b ^= b >>> 15;
  }
  pairs[2 * i] = a >>> 0;
  pairs[2 * i + 1] = (b ^ (b >>> 13)) >>> 0;
}

export class KeySet {
  /** Three words a slot, side by side (one cache line read per probe): the two hashes and the first line; line 0 marks an empty slot. */
  private slots: Uint32Array;
  private capacity: number;
  /** capacity / 2^32: a 32-bit mix times this is a slot. */
  private scale: number;
  private count = 0;

  constructor(capacity = 1 << 16) {
    this.capacity = Math.max(16, Math.ceil(capacity));
    this.slots = new Uint32Array(this.capacity * 3);
    this.scale = this.capacity / 4294967296;
  }

  get size(): number {
    return this.count;
  }

  /**
   * Adds `count` ids hashed by hashKeyInto (pair i at pairs[2i], pairs[2i + 1],
   * first seen on lines[i]), in order. Returns the first of them seen before
   * (earlier in the file or earlier in the list) with the line that first used
   * it, or null; the ids after that one are not added.
   *
   * Why in a list: probing a table far larger than the cache misses it nearly
   * every time. Probed one id between two records' parsing, each miss waits
   * alone (in the import worker, some 0.3-0.45 s of a million-line file); in
   * one tight loop the processor overlaps them, for about a third of that.
   */
  addHashed(pairs: Uint32Array, lines: ArrayLike<number>, count: number): { index: number; firstLine: number } | null {
    for (let i = 0; i < count; i++) {
      const firstLine = this.addPair(pairs[2 * i]!, pairs[2 * i + 1]!, lines[i]!);
      if (firstLine !== 0) return { index: i, firstLine };
    }
    return null;
  }

  private addPair(a: number, b: number, line: number): number {
    const { slots, capacity } = this;
    let slot = home(a, b, this.scale);
    for (;;) {
      const at = slot * 3;
      const seen = slots[at + 2]!;
      if (seen === 0) break;
      if (slots[at] === a && slots[at + 1] === b) return seen;
      slot = slot + 1 === capacity ? 0 : slot + 1;
    }
    const at = slot * 3;
    slots[at] = a;
    slots[at + 1] = b;
    slots[at + 2] = Math.max(1, line);
    this.count++;
    if (this.count > capacity * MAX_LOAD) this.grow(capacity * 2);
    return 0;
  }

  /** The table as it can cross to another thread (transfer `slots.buffer`), and back with fromTable. */
  table(): { slots: Uint32Array; count: number } {
    return { slots: this.slots, count: this.count };
  }

  static fromTable(table: { slots: Uint32Array; count: number }): KeySet {
    const set = new KeySet(16);
    set.slots = table.slots;
    set.capacity = table.slots.length / 3;
    set.scale = set.capacity / 4294967296;
    set.count = table.count;
    return set;
  }

  /**
   * The earliest id of `later` (the ids of a later part of the same file) that
   * this set holds too: its line in that part, and the line it was first used
   * on here. Only lines before `before` count (that part stopped there).
   */
  firstShared(later: KeySet, before = Infinity): { line: number; firstLine: number } | null {
    const theirs = later.slots;
    const { slots, capacity, scale } = this;
    let found: { line: number; firstLine: number } | null = null;
    for (let at = 0; at < theirs.length; at += 3) {
      const line = theirs[at + 2]!;
      if (line === 0 || line >= before || (found !== null && line >= found.line)) continue;
      const a = theirs[at]!;
      const b = theirs[at + 1]!;
      for (let slot = home(a, b, scale); ; slot = slot + 1 === capacity ? 0 : slot + 1) {
        const first = slots[slot * 3 + 2]!;
        if (first === 0) break;
        if (slots[slot * 3] === a && slots[slot * 3 + 1] === b) {
          found = { line, firstLine: first };
          break;
        }
      }
    }
    return found;
  }

  /**
   * Makes room for `count` ids at once. Growing as ids arrive holds the old
   * table and one twice its size at the same time (for four million ids,
   * some 70 and 140 MB); a reader that can estimate the file's ids early sizes the
   * table once, while the old one is still small.
   */
  reserve(count: number): void {
    const capacity = Math.ceil(Math.max(16, count + 1) / MAX_LOAD);
    if (capacity > this.capacity && capacity <= MAX_SLOTS) this.grow(capacity);
  }

  private grow(capacity: number): void {
    const old = this.slots;
    const slots = new Uint32Array(capacity * 3);
    const scale = capacity / 4294967296;
    for (let at = 0; at < old.length; at += 3) {
      const line = old[at + 2]!;
      if (line === 0) continue;
      const a = old[at]!;
      const b = old[at + 1]!;
      let slot = home(a, b, scale);
      while (slots[slot * 3 + 2] !== 0) slot = slot + 1 === capacity ? 0 : slot + 1;
      slots[slot * 3] = a;
      slots[slot * 3 + 1] = b;
      slots[slot * 3 + 2] = line;
    }
    this.slots = slots;
    this.capacity = capacity;
    this.scale = scale;
  }
}
