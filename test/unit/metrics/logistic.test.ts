// Platt's logistic fit on grouped feature values (few distinct confidences,
// many items) reaches the optimum the item-by-item fit reaches.
import { describe, expect, it } from 'vitest';
import { fitLogistic1d } from '../../../shared/metrics/logistic.ts';
import { Xoshiro128 } from '../../../shared/metrics/prng.ts';
import { fitLogisticNewton } from '../../../shared/recalibration/logistic-newton.ts';

describe('fitLogistic1d', () => {
  it('fits a feature with few distinct values on its groups, to the items\' optimum', () => {
    const n = 20_000;
    const rng = new Xoshiro128(2);
    const x = new Float64Array(n);
    const y = new Uint8Array(n);
    for (let i = 0; i < n; i++) {
      const p = Math.round(rng.nextFloat() * 100) / 100;
      x[i] = Math.log(Math.max(p, 1e-12) / Math.max(1 - p, 1e-12));
      y[i] = rng.nextFloat() < p ** 1.3 ? 1 : 0;
    }
    const grouped = fitLogistic1d(x, y, { C: 1e10 });
    expect(grouped.converged).toBe(true);
    // Against the item-by-item Newton of the recalibration engine on the same 20,000 items (unpenalised).
    const reference = fitLogisticNewton([x], y, { intercept: true });
    expect(Math.abs(grouped.coef - reference.w[0]!)).toBeLessThan(1e-8);
    expect(Math.abs(grouped.intercept - reference.w[1]!)).toBeLessThan(1e-8);
  });
});
