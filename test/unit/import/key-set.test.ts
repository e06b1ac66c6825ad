import { describe, expect, it } from 'vitest';
import { KeySet } from '../../../main/import/key-set.ts';

describe('KeySet', () => {
  it('returns the first line of a repeated id and 0 for a new one, across growth', () => {
    const set = new KeySet(16);
    for (let i = 0; i < 100_000; i++) expect(set.firstLineOrAdd(`id-${i}`, i + 2)).toBe(0);
    expect(set.size).toBe(100_000);
    expect(set.firstLineOrAdd('id-0', 999_999)).toBe(2);
    expect(set.firstLineOrAdd('id-99999', 999_999)).toBe(100_001);
    expect(set.firstLineOrAdd('id-100000', 5)).toBe(0);
  });

  it('tells apart ids that differ only in order, case or Unicode', () => {
    const set = new KeySet();
    const ids = ['ab', 'ba', 'AB', 'é', 'e\u0301', '😀', '', ' ', '0', '00'];
    ids.forEach((id, i) => expect(set.firstLineOrAdd(id, i + 1)).toBe(0));
    ids.forEach((id, i) => expect(set.firstLineOrAdd(id, 100)).toBe(i + 1));
  });

  it('keeps every id and its line when room is reserved part way, and ignores a reserve smaller than the table', () => {
    const set = new KeySet(16);
    for (let i = 0; i < 1000; i++) expect(set.firstLineOrAdd(`k${i}`, i + 1)).toBe(0);
    set.reserve(50_000);
    set.reserve(10);
    for (let i = 1000; i < 60_000; i++) expect(set.firstLineOrAdd(`k${i}`, i + 1)).toBe(0);
    expect(set.size).toBe(60_000);
    for (const i of [0, 999, 1000, 59_999]) expect(set.firstLineOrAdd(`k${i}`, 1)).toBe(i + 1);
  });
});
