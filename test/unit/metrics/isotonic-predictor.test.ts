// isotonicPredictor (many points through bucketed knots) gives exactly what
// isotonicPredict (a search over every knot) gives, at the knots, between
// them, on bucket edges and outside [0, 1].
import { describe, expect, it } from 'vitest';
import { isotonicFit, isotonicPredict, isotonicPredictor } from '../../../shared/metrics/decomposition.ts';
import { Xoshiro128 } from '../../../shared/metrics/prng.ts';

describe('isotonicPredictor', () => {
  for (const [n, levels] of [
    [1000, 0],
    [50_000, 10_001],
    [5000, 7],
  ] as const) {
    it(`${n} items, ${levels || 'continuous'} confidence levels`, () => {
      const rng = new Xoshiro128(n);
      const x = Float64Array.from({ length: n }, () => (levels ? Math.round(rng.nextFloat() * (levels - 1)) / (levels - 1) : rng.nextFloat()));
      const y = Uint8Array.from(x, (v) => (rng.nextFloat() < v ? 1 : 0));
      const fit = isotonicFit(x, y);
      const predict = isotonicPredictor(fit);
      const probes = [...x.subarray(0, 2000), ...Array.from({ length: 2000 }, () => rng.nextFloat()), ...Array.from({ length: 1025 }, (_, i) => i / 1024), -0.5, 0, 1, 1.5, NaN];
      for (const t of probes) expect(Object.is(predict(t), isotonicPredict(fit, t)), `at ${t}`).toBe(true);
    });
  }
});
