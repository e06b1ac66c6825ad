import { describe, expect, it } from 'vitest';
import { argsortNumpyQuicksort } from '../../../shared/metrics/sort-numpy.ts';
import { argsortAscendingStable, argsortDescendingStable } from '../../../shared/metrics/sort.ts';

describe('index sorts', () => {
  it('stable sorts keep input order within ties', () => {
    const v = Float64Array.from([0.5, 0.9, 0.5, 0.1, 0.9]);
    expect(Array.from(argsortDescendingStable(v))).toEqual([1, 4, 0, 2, 3]);
    expect(Array.from(argsortAscendingStable(v))).toEqual([3, 0, 2, 1, 4]);
  });

  it('replays numpy 1.24 argsort(kind="quicksort") tie order', () => {
    // expected order produced by numpy's scalar introsort (SIMD dispatch disabled)
    const v = Float64Array.from([0, 0, 3, 2, 2, 3, 3, 0, 2, 0, 2, 4, 2, 0, 2, 0, 3, 4, 4, 3, 4, 1, 0, 2, 2, 3, 4, 1, 4, 0, 1, 3, 1, 3, 2, 2, 4, 4, 4, 2]);
    const expected = [0, 1, 29, 7, 9, 22, 13, 15, 32, 30, 27, 21, 35, 34, 24, 23, 39, 14, 12, 3, 10, 8, 4, 19, 2, 25, 33, 16, 6, 5, 31, 37, 36, 17, 11, 20, 38, 18, 26, 28];
    expect(Array.from(argsortNumpyQuicksort(v))).toEqual(expected);
  });

  it('numpy quicksort sorts large inputs, NaN last', () => {
    const n = 20000;
    const v = new Float64Array(n);
    let s = 12345;
    for (let i = 0; i < n; i++) {
      s = (s * 1103515245 + 12345) % 2147483648;
      v[i] = s % 97;
    }
    v[5] = NaN;
    const idx = argsortNumpyQuicksort(v);
    expect(new Set(idx).size).toBe(n);
    for (let i = 1; i < n - 1; i++) expect(v[idx[i - 1]!]! <= v[idx[i]!]!).toBe(true);
    expect(idx[n - 1]).toBe(5);
  });
});
