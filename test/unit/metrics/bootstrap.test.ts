import { describe, expect, it } from 'vitest';
import { bootstrapEce, bootstrapInterval, EceResampler, Xoshiro128 } from '../../../shared/metrics/bootstrap.ts';
import { extractCalibrationData } from '../../../shared/metrics/calibration-data.ts';
import { ece } from '../../../shared/metrics/ece.ts';
import { computeRunMetrics } from '../../../shared/metrics/run-metrics.ts';
import { expectClose, loadCalibrationData, loadDataset } from './reference.ts';

describe('Xoshiro128 (xoshiro128**)', () => {
  it('produces the reference sequence from state [1, 2, 3, 4]', () => {
    const rng = new Xoshiro128([1, 2, 3, 4]);
    expect([rng.nextUint32(), rng.nextUint32(), rng.nextUint32()]).toEqual([11520, 0, 5927040]);
  });

  it('same seed, same stream; different seeds differ', () => {
    const a = new Xoshiro128(42);
    const b = new Xoshiro128(42);
    const c = new Xoshiro128(43);
    const sa = Array.from({ length: 8 }, () => a.nextUint32());
    expect(Array.from({ length: 8 }, () => b.nextUint32())).toEqual(sa);
    expect(Array.from({ length: 8 }, () => c.nextUint32())).not.toEqual(sa);
  });

  it('bounded draws are in range and roughly uniform; floats in [0, 1)', () => {
    const rng = new Xoshiro128(7);
    const hist = new Float64Array(10);
    let bad = 0;
    for (let i = 0; i < 100000; i++) {
      const v = rng.nextBelow(10);
      if (!(v >= 0 && v < 10 && Number.isInteger(v))) bad++;
      else hist[v]! += 1;
    }
    expect(bad).toBe(0);
    for (const h of hist) expect(Math.abs(h - 10000)).toBeLessThan(500);
    for (let i = 0; i < 1000; i++) {
      const f = rng.nextFloat();
      expect(f >= 0 && f < 1).toBe(true);
    }
  });
});

describe('per-resample generators (docs/metrics.md: the bootstrap stream)', () => {
  // Pinned: these words define every seeded interval, on every machine.
  it('resample r of a seed starts at a fixed place', () => {
    const words = (seed: number, r: number) => {
      const g = Xoshiro128.forResample(seed, r);
      return [g.nextUint32(), g.nextUint32(), g.nextUint32(), g.nextBelow(1000)];
    };
    expect(words(0, 0)).toEqual([4040328573, 766560300, 3233569545, 716]);
    expect(words(0, 1)).toEqual([807143444, 1241526030, 4219281299, 943]);
    expect(words(7, 999)).toEqual([1393500289, 1261821384, 2011518120, 273]);
    expect(() => Xoshiro128.forResample(0, -1)).toThrow(RangeError);
  });

  it('any split of the resamples gives the same values, so threads cannot change an interval', () => {
    const resampler = new EceResampler(loadCalibrationData('beta'));
    const whole = Array.from(resampler.values(5, 0, 30));
    const split = [...resampler.values(5, 0, 13), ...resampler.values(5, 13, 14), ...resampler.values(5, 14, 30)];
    expect(split).toEqual(whole);
    expect(Array.from(bootstrapEce(loadCalibrationData('beta'), { resamples: 30, seed: 5 }).values)).toEqual(whole);
  });
});

describe('bootstrap intervals', () => {
  const columns = loadDataset('beta');
  const data = loadCalibrationData('beta');
  const eceOf = (c: typeof columns) => computeRunMetrics(c).calibration.ece;

  it('generic bootstrap: deterministic per seed, interval around the estimate', () => {
    const a = bootstrapInterval(eceOf, columns, { resamples: 200, seed: 3 });
    const b = bootstrapInterval(eceOf, columns, { resamples: 200, seed: 3 });
    const c = bootstrapInterval(eceOf, columns, { resamples: 200, seed: 4 });
    expect(a.lo).toBe(b.lo);
    expect(a.hi).toBe(b.hi);
    expect(Array.from(a.values)).toEqual(Array.from(b.values));
    expect(a.lo).not.toBe(c.lo);
    expectClose(a.estimate, ece(data)!, 1e-15, 'estimate');
    expect(a.lo!).toBeLessThan(a.estimate!);
    expect(a.hi!).toBeGreaterThan(a.estimate!);
    expect(a.values).toHaveLength(200);
  });

  it('fast ECE bootstrap draws the same resamples as the generic one', () => {
    const slow = bootstrapInterval(eceOf, columns, { resamples: 100, seed: 11 });
    const fast = bootstrapEce(data, { resamples: 100, seed: 11 });
    expectClose(fast.estimate, slow.estimate!, 1e-15, 'estimate');
    for (let r = 0; r < 100; r++) expectClose(fast.values[r], slow.values[r]!, 1e-12, `resample ${r}`);
    expectClose(fast.lo, slow.lo!, 1e-12, 'lo');
    expectClose(fast.hi, slow.hi!, 1e-12, 'hi');
  });

  it('percentile interval narrows with a lower level', () => {
    const wide = bootstrapEce(data, { resamples: 300, seed: 1, level: 0.95 });
    const narrow = bootstrapEce(data, { resamples: 300, seed: 1, level: 0.5 });
    expect(narrow.lo!).toBeGreaterThan(wide.lo!);
    expect(narrow.hi!).toBeLessThan(wide.hi!);
  });

  it('rejects bad options and handles empty data', () => {
    expect(() => bootstrapEce(data, { resamples: 0 })).toThrow(RangeError);
    expect(() => bootstrapEce(data, { level: 1 })).toThrow(RangeError);
    const empty = bootstrapEce(extractCalibrationData({ outcome: new Uint8Array(0), confidence: new Float64Array(0) }));
    expect(empty.estimate).toBeNull();
    expect(empty.lo).toBeNull();
  });

  // Speed is shown by `npm run bench`, not asserted here: this checks the large-n path works.
  it('a large, well-calibrated run: resamples are tight around a small ECE', () => {
    const n = 200_000;
    const p = new Float64Array(n);
    const y = new Uint8Array(n);
    const rng = new Xoshiro128(5);
    for (let i = 0; i < n; i++) {
      p[i] = rng.nextFloat();
      y[i] = rng.nextFloat() < p[i]! ? 1 : 0;
    }
    const r = bootstrapEce({ p, y }, { resamples: 100, seed: 9 });
    expect(r.values).toHaveLength(100);
    expect(r.hi! - r.lo!).toBeGreaterThan(0);
    expect(r.hi!).toBeLessThan(0.02);
  });
});
