// Reference values from scipy 1.17.1 (special.gammaln, special.betainc,
// stats.beta.ppf, stats.norm.ppf, stats.binomtest(...).proportion_ci).
import { describe, expect, it } from 'vitest';
import { binData } from '../../../shared/metrics/binning.ts';
import { calibrationData } from '../../../shared/metrics/calibration-data.ts';
import { binAccuracyIntervals, clopperPearsonInterval, wilsonInterval } from '../../../shared/metrics/intervals.ts';
import { incompleteBeta, inverseIncompleteBeta, logBeta, logGamma, normalQuantile } from '../../../shared/metrics/special.ts';
import { expectClose } from './reference.ts';

const rel = (got: number, want: number, tol: number, what: string) => expectClose(got, want, tol * Math.max(1, Math.abs(want)), what);

describe('special functions', () => {
  it('log gamma', () => {
    rel(logGamma(0.3), 1.0957979948180756, 1e-14, 'lgamma 0.3');
    rel(logGamma(12.5), 18.73434751193645, 1e-14, 'lgamma 12.5');
    rel(logGamma(1e6), 12815504.569147611, 1e-14, 'lgamma 1e6');
    expectClose(logGamma(1), 0, 1e-15, 'lgamma 1');
    expectClose(logGamma(6), Math.log(120), 1e-13, 'lgamma 6');
  });

  it('log beta keeps precision with huge arguments (exact closed forms)', () => {
    // B(3, n) = 2 / (n (n+1) (n+2))
    const n = 1e6;
    expectClose(logBeta(3, n), Math.log(2) - Math.log(n) - Math.log(n + 1) - Math.log(n + 2), 1e-11, 'B(3, 1e6)');
    // B(1, n) = 1/n; B(n, n) symmetric value from lgamma at moderate n
    expectClose(logBeta(1, 5e5), -Math.log(5e5), 1e-11, 'B(1, 5e5)');
    expectClose(logBeta(12, 13), logGamma(12) + logGamma(13) - logGamma(25), 1e-12, 'B(12, 13)');
  });

  it('regularised incomplete beta', () => {
    const cases: [number, number, number, number][] = [
      [0.3, 2, 5, 0.5798250000000003],
      [0.9, 0.5, 0.5, 0.7951672353008665],
      [0.01, 3, 1000, 0.9973643953455793],
      [0.999, 50, 1.5, 0.9917715604195979],
      [0.5, 1e4, 1e4, 0.4999999999999989],
      [0.2, 1e5, 4e5, 0.500282094883455],
      [0.2001, 1e5, 4e5, 0.5704270883279978],
    ];
    for (const [x, a, b, want] of cases) expectClose(incompleteBeta(x, a, b), want, 1e-10, `I_${x}(${a},${b})`);
    expect(incompleteBeta(0, 2, 3)).toBe(0);
    expect(incompleteBeta(1, 2, 3)).toBe(1);
  });

  it('incomplete beta equals the binomial upper tail: I_p(k, n-k+1) = P(X >= k)', () => {
    const n = 20;
    for (const p of [0.05, 0.3, 0.5, 0.77]) {
      for (let k = 1; k <= n; k++) {
        let tail = 0;
        let coef = 1;
        for (let j = 0; j <= n; j++) {
          if (j > 0) coef = (coef * (n - j + 1)) / j;
          if (j >= k) tail += coef * p ** j * (1 - p) ** (n - j);
        }
        expectClose(incompleteBeta(p, k, n - k + 1), tail, 1e-13, `n=${n} k=${k} p=${p}`);
      }
    }
  });

  it('inverse incomplete beta (beta quantiles)', () => {
    const cases: [number, number, number, number][] = [
      [0.025, 5, 6, 0.18708602844739855],
      [0.975, 6, 5, 0.8129139715526015],
      [0.025, 1, 300, 8.438913231780044e-5],
      [0.975, 999, 2, 0.9997576988831227],
      [0.05, 0.5, 0.5, 0.0061558297024311365],
      [0.025, 5000, 5001, 0.4901513805899805],
    ];
    for (const [p, a, b, want] of cases) rel(inverseIncompleteBeta(p, a, b), want, 1e-10, `ppf(${p}; ${a}, ${b})`);
    for (const [p, a, b] of cases) expectClose(incompleteBeta(inverseIncompleteBeta(p, a, b), a, b), p, 1e-12, 'round trip');
  });

  it('normal quantile', () => {
    rel(normalQuantile(0.975), 1.959963984540054, 1e-14, 'z 0.975');
    rel(normalQuantile(0.995), 2.5758293035489004, 1e-14, 'z 0.995');
    rel(normalQuantile(0.8), 0.8416212335729143, 1e-14, 'z 0.8');
    rel(normalQuantile(1e-10), -6.361340902404056, 1e-13, 'z 1e-10');
    rel(normalQuantile(0.5 + 1e-9), 2.5066282037387115e-9, 1e-6, 'z near 0.5');
    expect(normalQuantile(0.5)).toBe(0);
    expect(normalQuantile(0)).toBe(-Infinity);
    expect(() => normalQuantile(1.5)).toThrow(RangeError);
  });
});

describe('binomial intervals', () => {
  it('Clopper-Pearson matches scipy exact intervals', () => {
    const a = clopperPearsonInterval(5, 10);
    expectClose(a.lo, 0.1870860284474045, 1e-12, 'lo 5/10');
    expectClose(a.hi, 0.8129139715525955, 1e-12, 'hi 5/10');
    const b = clopperPearsonInterval(0, 10);
    expect(b.lo).toBe(0);
    expectClose(b.hi, 0.30849710781876294, 1e-12, 'hi 0/10');
    expectClose(b.hi, 1 - 0.025 ** (1 / 10), 1e-14, 'closed form 0/n');
    const c = clopperPearsonInterval(37, 50, 0.9);
    expectClose(c.lo, 0.6187364440267683, 1e-12, 'lo 37/50 90%');
    expectClose(c.hi, 0.8388254034692193, 1e-12, 'hi 37/50 90%');
    expect(clopperPearsonInterval(10, 10).hi).toBe(1);
  });

  it('Wilson matches scipy', () => {
    const a = wilsonInterval(37, 50);
    expectClose(a.lo, 0.6044684273515115, 1e-13, 'lo');
    expectClose(a.hi, 0.8412847250644762, 1e-13, 'hi');
    const b = wilsonInterval(0, 7);
    expect(b.lo).toBe(0);
    expectClose(b.hi, 0.35433043506668743, 1e-13, 'hi 0/7');
  });

  it('rejects bad arguments', () => {
    expect(() => wilsonInterval(3, 2)).toThrow(RangeError);
    expect(() => clopperPearsonInterval(1, 0)).toThrow(RangeError);
    expect(() => wilsonInterval(1, 2, 1)).toThrow(RangeError);
  });

  it('per-bin intervals contain the bin accuracy, null for empty bins', () => {
    const stats = binData(calibrationData([0.05, 0.05, 0.06, 0.95, 0.91], [0, 1, 0, 1, 1]));
    for (const method of ['wilson', 'clopper-pearson'] as const) {
      const iv = binAccuracyIntervals(stats, method);
      expect(iv).toHaveLength(10);
      expect(iv[1]).toBeNull();
      expect(iv[0]!.lo).toBeLessThan(1 / 3);
      expect(iv[0]!.hi).toBeGreaterThan(1 / 3);
      expect(iv[9]!.hi).toBe(1);
    }
  });
});
