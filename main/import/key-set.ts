/**
 * The ids seen so far in a file, to refuse a duplicate with the line that
 * first used it, in memory that stays small whatever the file size: each id is
 * kept as two independent 32-bit hashes and its line (12 bytes a slot) rather
 * than as a string in a Map (70-odd bytes an entry). Two distinct ids would be
 * taken for one only if both hashes collided: about n^2 / 2^65, one in 10^7
 * for a file of ten million ids.
 */
export class KeySet {
  private h1: Uint32Array;
  private h2: Uint32Array;
  /** First line of the id in each slot; 0 marks an empty slot. */
  private lines: Int32Array;
  private mask: number;
  private count = 0;

  constructor(capacity = 1 << 16) {
    const size = 1 << Math.ceil(Math.log2(Math.max(16, capacity)));
    this.h1 = new Uint32Array(size);
    this.h2 = new Uint32Array(size);
    this.lines = new Int32Array(size);
    this.mask = size - 1;
  }

  get size(): number {
    return this.count;
  }

  /** Records `key` first seen on `line`; if it was seen before, returns that first line instead (else 0). */
  firstLineOrAdd(key: string, line: number): number {
    // FNV-1a and a multiply-xorshift mix over the UTF-16 code units, in one pass.
    let a = 0x811c9dc5;
    let b = 0x9e3779b9 ^ key.length;
    for (let i = 0; i < key.length; i++) {
      const c = key.charCodeAt(i);
      a = Math.imul(a ^ c, 0x01000193);
      b = Math.imul(b ^ c, 0x5bd1e995);
      b ^= b >>> 15;
    }
    a >>>= 0;
    b = (b ^ (b >>> 13)) >>> 0;
    let slot = (a ^ Math.imul(b, 0x27d4eb2d)) & this.mask;
    for (;;) {
      const seen = this.lines[slot]!;
      if (seen === 0) break;
      if (this.h1[slot] === a && this.h2[slot] === b) return seen;
      slot = (slot + 1) & this.mask;
    }
    this.h1[slot] = a;
    this.h2[slot] = b;
    this.lines[slot] = Math.max(1, line);
    this.count++;
    if (this.count * 2 > this.mask) this.grow();
    return 0;
  }

  private grow(): void {
    const { h1, h2, lines } = this;
    const size = (this.mask + 1) * 2;
    this.h1 = new Uint32Array(size);
    this.h2 = new Uint32Array(size);
    this.lines = new Int32Array(size);
    this.mask = size - 1;
    for (let i = 0; i < lines.length; i++) {
      if (lines[i] === 0) continue;
      let slot = (h1[i]! ^ Math.imul(h2[i]!, 0x27d4eb2d)) & this.mask;
      while (this.lines[slot] !== 0) slot = (slot + 1) & this.mask;
      this.h1[slot] = h1[i]!;
      this.h2[slot] = h2[i]!;
      this.lines[slot] = lines[i]!;
    }
  }
}
