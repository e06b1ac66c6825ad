import { describe, expect, it } from 'vitest';
import { hashKeyInto, KeySet } from '../../../main/import/key-set.ts';

/** One id added as the readers add them (a list of one): the line it was first seen on, or 0 when it is new. */
function firstLineOrAdd(set: KeySet, key: string, line: number): number {
  const pair = new Uint32Array(2);
  hashKeyInto(key, pair, 0);
  return set.addHashed(pair, [line], 1)?.firstLine ?? 0;
}

describe('KeySet', () => {
  it('returns the first line of a repeated id and 0 for a new one, across growth', () => {
    const set = new KeySet(16);
    for (let i = 0; i < 100_000; i++) expect(firstLineOrAdd(set, `id-${i}`, i + 2)).toBe(0);
    expect(set.size).toBe(100_000);
    expect(firstLineOrAdd(set, 'id-0', 999_999)).toBe(2);
    expect(firstLineOrAdd(set, 'id-99999', 999_999)).toBe(100_001);
    expect(firstLineOrAdd(set, 'id-100000', 5)).toBe(0);
  });

  it('tells apart ids that differ only in order, case or Unicode', () => {
    const set = new KeySet();
    const ids = ['ab', 'ba', 'AB', 'é', 'e\u0301', '😀', '', ' ', '0', '00'];
    ids.forEach((id, i) => expect(firstLineOrAdd(set, id, i + 1)).toBe(0));
    ids.forEach((id, i) => expect(firstLineOrAdd(set, id, 100)).toBe(i + 1));
  });

  it('keeps every id and its line when room is reserved part way, and ignores a reserve smaller than the table', () => {
    const set = new KeySet(16);
    for (let i = 0; i < 1000; i++) expect(firstLineOrAdd(set, `k${i}`, i + 1)).toBe(0);
    set.reserve(50_000);
    set.reserve(10);
    for (let i = 1000; i < 60_000; i++) expect(firstLineOrAdd(set, `k${i}`, i + 1)).toBe(0);
    expect(set.size).toBe(60_000);
    for (const i of [0, 999, 1000, 59_999]) expect(firstLineOrAdd(set, `k${i}`, 1)).toBe(i + 1);
  });

  it('adds a list of hashed ids as one by one would, growing on the way, and stops at the first repeat (within the list too)', () => {
    const ids = Array.from({ length: 30_000 }, (_, i) => `id-${i % 20_000 === 0 && i > 0 ? 'x' : i}`);
    ids[25_000] = 'id-17';
    const pairs = new Uint32Array(ids.length * 2);
    const lines = new Uint32Array(ids.length);
    ids.forEach((id, i) => {
      hashKeyInto(id, pairs, i);
      lines[i] = i + 3;
    });
    const oneByOne = new KeySet(16);
    const expected = ids.findIndex((id, i) => firstLineOrAdd(oneByOne, id, i + 3) !== 0);
    expect(expected).toBe(25_000);

    const listed = new KeySet(16);
    expect(listed.addHashed(pairs, lines, 20_000)).toBeNull();
    expect(listed.size).toBe(20_000);
    // 'id-x' (index 20,000) is new; 'id-17' at index 25,000 repeats line 20 (index 17) and ends the list there.
    expect(listed.addHashed(pairs.subarray(40_000), lines.subarray(20_000), 10_000)).toEqual({ index: 5_000, firstLine: 20 });
    expect(listed.size).toBe(25_000);
    // The same set answers firstLineOrAdd as the one filled id by id.
    for (const i of [0, 19_999, 20_000, 24_999]) expect(firstLineOrAdd(listed, ids[i]!, 1)).toBe(firstLineOrAdd(oneByOne, ids[i]!, 1));
    expect(firstLineOrAdd(listed, 'id-25001', 7)).toBe(0);
  });
});
