// Exact binomial and multinomial draws on the engine's Xoshiro128** stream.
// A bootstrap resample of n items, seen only through which of K groups each
// draw lands in (an outcome pattern, a confidence cell), is a multinomial of
// n over the groups' shares: K - 1 binomial draws instead of n index draws,
// with exactly the same distribution. The binomial sampler is Kachitvichyanukul
// and Schmeiser's BTPE (1988), as numpy's legacy generator implements it, with
// inversion for small means; both are exact (rejection, no approximation).
import type { Xoshiro128 } from './prng.ts';

/** Inversion (BINV): for n * p <= 30, walks the pmf from 0. */
function binomialInversion(rng: Xoshiro128, n: number, p: number): number {
  const q = 1 - p;
  const qn = Math.exp(n * Math.log(q));
  const np = n * p;
  const bound = Math.min(n, Math.floor(np + 10 * Math.sqrt(np * q + 1)));
  let x = 0;
  let px = qn;
  let u = rng.nextFloat();
  while (u > px) {
    x++;
    if (x > bound) {
      x = 0;
      px = qn;
      u = rng.nextFloat();
    } else {
      u -= px;
      px = ((n - x + 1) * p * px) / (x * q);
    }
  }
  return x;
}

/** Stirling-series correction used by BTPE's final acceptance test. */
function stirlingTail(z: number): number {
  const z2 = z * z;
  return (13680 - (462 - (132 - (99 - 140 / z2) / z2) / z2) / z2) / z / 166320;
}

/** BTPE for n * p > 30, p <= 0.5. */
function binomialBtpe(rng: Xoshiro128, n: number, p: number): number {
  const r = p;
  const q = 1 - r;
  const fm = n * r + r;
  const m = Math.floor(fm);
  const p1 = Math.floor(2.195 * Math.sqrt(n * r * q) - 4.6 * q) + 0.5;
  const xm = m + 0.5;
  const xl = xm - p1;
  const xr = xm + p1;
  const c = 0.134 + 20.5 / (15.3 + m);
  let a = (fm - xl) / (fm - xl * r);
  const laml = a * (1 + a / 2);
  a = (xr - fm) / (xr * q);
  const lamr = a * (1 + a / 2);
  const p2 = p1 * (1 + 2 * c);
  const p3 = p2 + c / laml;
  const p4 = p3 + c / lamr;
  const nrq = n * r * q;
  for (;;) {
    const u = rng.nextFloat() * p4;
    let v = rng.nextFloat();
    let y: number;
    if (u <= p1) {
      // the triangular centre: accepted outright
      return Math.floor(xm - p1 * v + u);
    }
    if (u <= p2) {
      const x = xl + (u - p1) / c;
      v = v * c + 1 - Math.abs(m - x + 0.5) / p1;
      if (v > 1) continue;
      y = Math.floor(x);
    } else if (u <= p3) {
      y = Math.floor(xl + Math.log(v) / laml);
      if (y < 0 || v === 0) continue;
      v = v * (u - p2) * laml;
    } else {
      y = Math.floor(xr - Math.log(v) / lamr);
      if (y > n || v === 0) continue;
      v = v * (u - p3) * lamr;
    }
    const k = Math.abs(y - m);
    if (k <= 20 || k >= nrq / 2 - 1) {
      // explicit evaluation of f(y) / f(m) by the recurrence
      const s = r / q;
      const aa = s * (n + 1);
      let f = 1;
      if (m < y) for (let i = m + 1; i <= y; i++) f *= aa / i - s;
      else if (m > y) for (let i = y + 1; i <= m; i++) f /= aa / i - s;
      if (v > f) continue;
      return y;
    }
    // squeeze, then the exact test on log f(y) / f(m) with Stirling's series
    const rho = (k / nrq) * ((k * (k / 3 + 0.625) + 0.16666666666666666) / nrq + 0.5);
    const t = (-k * k) / (2 * nrq);
    const logV = Math.log(v);
    if (logV < t - rho) return y;
    if (logV > t + rho) continue;
    const x1 = y + 1;
    const f1 = m + 1;
    const z = n + 1 - m;
    const w = n - y + 1;
    const bound =
      xm * Math.log(f1 / x1) +
      (n - m + 0.5) * Math.log(z / w) +
      (y - m) * Math.log((w * r) / (x1 * q)) +
      stirlingTail(f1) +
      stirlingTail(z) +
      stirlingTail(x1) +
      stirlingTail(w);
    if (logV > bound) continue;
    return y;
  }
}

/** One draw of Binomial(n, p): n a non-negative integer (exact below 2^53), p in [0, 1]. */
export function binomial(rng: Xoshiro128, n: number, p: number): number {
  if (!(n >= 0 && Number.isInteger(n))) throw new RangeError(`binomial n must be a non-negative integer, got ${n}`);
  if (!(p >= 0 && p <= 1)) throw new RangeError(`binomial p must be in [0, 1], got ${p}`);
  if (n === 0 || p === 0) return 0;
  if (p === 1) return n;
  if (p <= 0.5) return n * p <= 30 ? binomialInversion(rng, n, p) : binomialBtpe(rng, n, p);
  const q = 1 - p;
  return n - (n * q <= 30 ? binomialInversion(rng, n, q) : binomialBtpe(rng, n, q));
}

/**
 * One bootstrap resample of `total` items seen through groups of the given
 * sizes (sizes sum to total): how many of the `total` draws land in each
 * group, as conditional binomials in group order, into `out`.
 */
export function multinomialResample(rng: Xoshiro128, sizes: ArrayLike<number>, total: number, out: Float64Array): void {
  let left = total;
  let rest = total;
  const k = sizes.length;
  for (let g = 0; g < k; g++) {
    const size = sizes[g]!;
    if (g === k - 1 || left === 0) {
      out[g] = g === k - 1 ? left : 0;
      continue;
    }
    const x = size === 0 ? 0 : size >= rest ? left : binomial(rng, left, size / rest);
    out[g] = x;
    left -= x;
    rest -= size;
  }
}
