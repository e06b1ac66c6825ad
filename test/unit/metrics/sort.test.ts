import { describe, expect, it } from 'vitest';
import { helmCalibration, helmPlatt } from '../../../shared/metrics/helm.ts';
import { kumarEceEqualMass } from '../../../shared/metrics/kumar.ts';
import { confidenceOrder, sharedAscendingReader, withSharedOrders } from '../../../shared/metrics/selective.ts';
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

describe("numpy's tie order from ranks (confidenceOrder inside withSharedOrders)", () => {
  /** n values from `draw`, seeded. */
  function values(n: number, draw: (u: number) => number): Float64Array {
    const v = new Float64Array(n);
    let s = 987654321;
    for (let i = 0; i < n; i++) {
      // mulberry32
      s = (s + 0x6d2b79f5) >>> 0;
      let t = Math.imul(s ^ (s >>> 15), s | 1);
      t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
      v[i] = draw(((t ^ (t >>> 14)) >>> 0) / 4294967296);
    }
    return v;
  }
  const negated = (p: Float64Array) => Float64Array.from(p, (x) => -x);
  const cases: Array<[string, Float64Array]> = [
    ['three values, long ties', values(50_000, (u) => [0.2, 0.5, 0.9][Math.floor(u * 3)]!)],
    ['4 decimals (about 10,000 distinct values)', values(60_000, (u) => Math.round(u * 10_000) / 10_000)],
    ['every value distinct', values(40_000, (u) => u)],
    ['one value', new Float64Array(5_000).fill(0.7)],
    ['0 and -0 side by side (equal, as numpy compares them)', values(20_000, (u) => (u < 0.3 ? 0 : u < 0.6 ? -0 : Math.round(u * 4) / 4))],
    ['a few items', Float64Array.from([0.5, 0.9, 0.5, 0.1, 0.9, 0.5])],
  ];
  it('the cases hold what their names say', () => {
    expect(new Set(cases[1]![1]).size).toBeGreaterThan(9_000);
    expect(new Set(cases[2]![1]).size).toBe(40_000);
  });

  for (const [name, p] of cases) {
    it(`${name}: the very permutation np.argsort(-p) gives`, () => {
      const fromRanks = withSharedOrders(p, () => confidenceOrder(p, 'numpy'));
      expect(Array.from(fromRanks)).toEqual(Array.from(argsortNumpyQuicksort(negated(p))));
      // Outside withSharedOrders the negated copy is sorted: the same order.
      expect(Array.from(confidenceOrder(p, 'numpy'))).toEqual(Array.from(fromRanks));
    });
  }

  it('with a NaN, numpy order (NaN last) through the negated copy', () => {
    const p = Float64Array.from([0.3, NaN, 0.8, 0.3, 0.1]);
    const order = withSharedOrders(p, () => confidenceOrder(p, 'numpy'));
    expect(Array.from(order)).toEqual(Array.from(argsortNumpyQuicksort(negated(p))));
    expect(order[4]).toBe(1);
  });
});

describe('sorted values of a monotone function of the shared p (sharedAscendingReader)', () => {
  const p = Float64Array.from({ length: 20_000 }, (_, i) => Math.round(((i * 7919) % 10_007) / 10.007) / 1000);
  const sortedCopy = (q: Float64Array) => Array.from(Float64Array.from(q).sort());
  const read = (q: Float64Array) =>
    withSharedOrders(p, () => {
      confidenceOrder(p, 'stable');
      const at = sharedAscendingReader(q);
      return at && Array.from({ length: q.length }, (_, k) => at(k));
    });

  it('an increasing and a decreasing map of p: exactly the sorted copy', () => {
    const platt = Float64Array.from(p, (x) => 1 / (1 + Math.exp(-(3 * Math.log(Math.max(x, 1e-12) / (1 - Math.min(x, 1 - 1e-12))) + 0.2))));
    expect(read(platt)).toEqual(sortedCopy(platt));
    const reversed = Float64Array.from(p, (x) => 1 - x * x);
    expect(read(reversed)).toEqual(sortedCopy(reversed));
  });

  it('values not monotone in p, a NaN, a -0, or no shared order: no reader (the caller sorts a copy)', () => {
    expect(read(Float64Array.from(p, (x) => Math.abs(x - 0.5)))).toBeNull();
    expect(read(Float64Array.from(p, (x, i) => (i === 7 ? NaN : x / 2)))).toBeNull();
    expect(read(Float64Array.from(p, (x) => (x === 0 ? -0 : x)))).toBeNull();
    expect(sharedAscendingReader(p)).toBeNull();
  });

  it("HELM's equal-mass Platt ECE inside the analysis's shared orders: the one from a sorted copy of the recalibrated values", () => {
    const y = Uint8Array.from(p, (x, i) => (((i * 2654435761) >>> 0) / 4294967296 < x * 0.8 + 0.1 ? 1 : 0));
    const data = { p, y };
    const { helm, platt } = withSharedOrders(p, () => ({ helm: helmCalibration(data), platt: helmPlatt(data) }));
    expect(platt && 'calibrated' in platt).toBe(true);
    const calibrated = (platt as { calibrated: Float64Array }).calibrated;
    expect(helm.plattEce10Bin).not.toBeNull();
    // Outside withSharedOrders the edges come from a sorted copy.
    expect(helm.plattEce10Bin).toBe(kumarEceEqualMass({ p: calibrated, y }, 10));
  });
});
