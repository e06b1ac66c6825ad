// The exact binomial and multinomial draws of the rubric bootstrap: the
// samples follow the binomial pmf (chi-square against the exact
// probabilities), in both of the sampler's regimes and both tails.
import { describe, expect, it } from 'vitest';
import { binomial, multinomialResample } from '../../../shared/metrics/binomial.ts';
import { Xoshiro128 } from '../../../shared/metrics/prng.ts';
import { logGamma } from '../../../shared/metrics/special.ts';

function logPmf(n: number, p: number, k: number): number {
  return logGamma(n + 1) - logGamma(k + 1) - logGamma(n - k + 1) + k * Math.log(p) + (n - k) * Math.log(1 - p);
}

/** Pearson's statistic over cells merged until each expects >= 20 draws, and its degrees of freedom. */
function chiSquare(n: number, p: number, draws: number, seed: number): { chi: number; dof: number } {
  const rng = new Xoshiro128(seed);
  const hist = new Map<number, number>();
  for (let i = 0; i < draws; i++) {
    const x = binomial(rng, n, p);
    expect(Number.isInteger(x) && x >= 0 && x <= n).toBe(true);
    hist.set(x, (hist.get(x) ?? 0) + 1);
  }
  const sd = Math.sqrt(n * p * (1 - p));
  const lo = Math.max(0, Math.floor(n * p - 8 * sd - 5));
  const hi = Math.min(n, Math.ceil(n * p + 8 * sd + 5));
  let seen = 0;
  for (const [x, c] of hist) if (x >= lo && x <= hi) seen += c;
  expect(seen).toBe(draws);
  let chi = 0;
  let cells = 0;
  let expected = 0;
  let observed = 0;
  for (let k = lo; k <= hi; k++) {
    expected += draws * Math.exp(logPmf(n, p, k));
    observed += hist.get(k) ?? 0;
    if (expected >= 20 || k === hi) {
      chi += (observed - expected) ** 2 / expected;
      cells++;
      expected = 0;
      observed = 0;
    }
  }
  return { chi, dof: cells - 1 };
}

describe('binomial', () => {
  // inversion (n p <= 30), BTPE (n p > 30), p above 1/2 (drawn as n - Binomial(n, 1 - p)).
  for (const [n, p] of [
    [12, 0.3],
    [1000, 0.02],
    [40, 0.9],
    [200, 0.35],
    [5000, 0.5],
    [900_000, 0.7],
  ] as const) {
    it(`Binomial(${n}, ${p}) follows its pmf`, () => {
      const { chi, dof } = chiSquare(n, p, 40_000, n);
      // the 0.9999 quantile of chi-square(dof) is below dof + 5.5 sqrt(2 dof) + 10 for these dof
      expect(chi).toBeLessThan(dof + 5.5 * Math.sqrt(2 * dof) + 10);
    });
  }

  it('is deterministic per generator and handles the edges', () => {
    const a = new Xoshiro128(9);
    const b = new Xoshiro128(9);
    expect(Array.from({ length: 20 }, () => binomial(a, 1e6, 0.4))).toEqual(Array.from({ length: 20 }, () => binomial(b, 1e6, 0.4)));
    expect(binomial(a, 0, 0.5)).toBe(0);
    expect(binomial(a, 17, 0)).toBe(0);
    expect(binomial(a, 17, 1)).toBe(17);
    expect(() => binomial(a, -1, 0.5)).toThrow(RangeError);
    expect(() => binomial(a, 2.5, 0.5)).toThrow(RangeError);
    expect(() => binomial(a, 10, 1.5)).toThrow(RangeError);
  });
});

describe('multinomialResample', () => {
  it('puts every draw in some group, none in an empty one', () => {
    const rng = new Xoshiro128(4);
    const sizes = Float64Array.of(5, 0, 12, 3, 0);
    const out = new Float64Array(5);
    for (let r = 0; r < 200; r++) {
      multinomialResample(rng, sizes, 20, out);
      expect(out.reduce((s, v) => s + v, 0)).toBe(20);
      expect(out[1]).toBe(0);
      expect(out[4]).toBe(0);
    }
  });
});
