// Special functions for the interval estimates: log-gamma, regularised
// incomplete gamma and beta, their inverses where needed, and the normal
// quantile. Double precision throughout; accuracy is checked in the tests
// against scipy values.

const LANCZOS = [
  0.99999999999980993, 676.5203681218851, -1259.1392167224028, 771.32342877765313, -176.61502916214059, 12.507343278686905,
  -0.13857109526572012, 9.9843695780195716e-6, 1.5056327351493116e-7,
];
const LOG_SQRT_2PI = 0.9189385332046728;

/** log Gamma(x) for x > 0 (Lanczos, g = 7). */
export function logGamma(x: number): number {
  if (x < 0.5) return Math.log(Math.PI / Math.abs(Math.sin(Math.PI * x))) - logGamma(1 - x);
  x -= 1;
  let a = LANCZOS[0]!;
  const t = x + 7.5;
  for (let i = 1; i < 9; i++) a += LANCZOS[i]! / (x + i);
  return LOG_SQRT_2PI + (x + 0.5) * Math.log(t) - t + Math.log(a);
}

/** lgamma(x) minus its Stirling approximation, for x >= 10 (series to x^-9). */
function stirlingCorrection(x: number): number {
  const x2 = 1 / (x * x);
  return (1 / 12 - x2 * (1 / 360 - x2 * (1 / 1260 - x2 * (1 / 1680 - x2 / 1188)))) / x;
}

/**
 * log B(a, b). With large arguments lgamma(a) + lgamma(b) - lgamma(a+b)
 * cancels catastrophically (lgamma(1e6) ~ 1.3e7), so the Stirling parts are
 * combined analytically first.
 */
export function logBeta(a: number, b: number): number {
  const small = Math.min(a, b);
  const big = Math.max(a, b);
  const s = a + b;
  if (small >= 10) {
    return (
      0.5 * Math.log(2 * Math.PI) - 0.5 * Math.log(small) - 0.5 * Math.log(big) + 0.5 * Math.log(s) +
      small * Math.log(small / s) + big * Math.log(big / s) +
      stirlingCorrection(small) + stirlingCorrection(big) - stirlingCorrection(s)
    );
  }
  if (big >= 10) {
    const diff = -(big - 0.5) * Math.log1p(small / big) - small * Math.log(s) + small + stirlingCorrection(big) - stirlingCorrection(s);
    return logGamma(small) + diff;
  }
  return logGamma(a) + logGamma(b) - logGamma(s);
}

/** log(x^a (1-x)^b / B(a, b)), keeping precision when a and b are both large. */
function logBetaFront(x: number, a: number, b: number): number {
  if (a >= 10 && b >= 10) {
    const s = a + b;
    // a log(x s / a) + b log((1-x) s / b) via log1p of the small relative deviations
    const t1 = a * Math.log1p((x * b - (1 - x) * a) / a);
    const t2 = b * Math.log1p(((1 - x) * a - x * b) / b);
    return t1 + t2 + 0.5 * Math.log((a * b) / s) - 0.5 * Math.log(2 * Math.PI) - (stirlingCorrection(a) + stirlingCorrection(b) - stirlingCorrection(s));
  }
  return a * Math.log(x) + b * Math.log1p(-x) - logBeta(a, b);
}

const TINY = 1e-300;
const EPS = 1e-16;

/** Continued fraction for the incomplete beta (modified Lentz). */
function betaContinuedFraction(x: number, a: number, b: number): number {
  const qab = a + b;
  const qap = a + 1;
  const qam = a - 1;
  let c = 1;
  let d = 1 - (qab * x) / qap;
  if (Math.abs(d) < TINY) d = TINY;
  d = 1 / d;
  let h = d;
  for (let m = 1; m <= 10000; m++) {
    const m2 = 2 * m;
    let aa = (m * (b - m) * x) / ((qam + m2) * (a + m2));
    d = 1 + aa * d;
    if (Math.abs(d) < TINY) d = TINY;
    c = 1 + aa / c;
    if (Math.abs(c) < TINY) c = TINY;
    d = 1 / d;
    h *= d * c;
    aa = (-(a + m) * (qab + m) * x) / ((a + m2) * (qap + m2));
    d = 1 + aa * d;
    if (Math.abs(d) < TINY) d = TINY;
    c = 1 + aa / c;
    if (Math.abs(c) < TINY) c = TINY;
    d = 1 / d;
    const del = d * c;
    h *= del;
    if (Math.abs(del - 1) < EPS) break;
  }
  return h;
}

/** Regularised incomplete beta I_x(a, b), a, b > 0. */
export function incompleteBeta(x: number, a: number, b: number): number {
  if (!(a > 0 && b > 0)) throw new RangeError('incompleteBeta needs a, b > 0');
  if (x <= 0) return 0;
  if (x >= 1) return 1;
  const front = Math.exp(logBetaFront(x, a, b));
  // The continued fraction converges fast for x < (a+1)/(a+b+2); use the symmetry otherwise.
  if (x < (a + 1) / (a + b + 2)) return (front * betaContinuedFraction(x, a, b)) / a;
  return 1 - (front * betaContinuedFraction(1 - x, b, a)) / b;
}

/** x with I_x(a, b) = p: Newton steps on the density, safeguarded by bisection. */
export function inverseIncompleteBeta(p: number, a: number, b: number): number {
  if (!(p >= 0 && p <= 1)) throw new RangeError(`probability must be in [0, 1], got ${p}`);
  if (p === 0) return 0;
  if (p === 1) return 1;
  let lo = 0;
  let hi = 1;
  let x = a / (a + b);
  for (let it = 0; it < 200; it++) {
    const f = incompleteBeta(x, a, b) - p;
    if (f === 0) return x;
    if (f < 0) lo = x;
    else hi = x;
    const dens = Math.exp(logBetaFront(x, a, b)) / (x * (1 - x));
    let next = x - f / dens;
    if (!(next > lo && next < hi) || !Number.isFinite(next)) next = (lo + hi) / 2;
    if (Math.abs(next - x) <= 1e-15 * Math.max(x, 1e-300) || hi - lo <= 1e-15 * hi) return next;
    x = next;
  }
  return x;
}

/** Regularised lower incomplete gamma P(a, x) by its series (x < a + 1). */
function gammaSeries(a: number, x: number): number {
  let ap = a;
  let sum = 1 / a;
  let del = sum;
  for (let n = 0; n < 10000; n++) {
    ap += 1;
    del *= x / ap;
    sum += del;
    if (Math.abs(del) < Math.abs(sum) * EPS) break;
  }
  return sum * Math.exp(-x + a * Math.log(x) - logGamma(a));
}

/** Regularised upper incomplete gamma Q(a, x) by its continued fraction (x >= a + 1). */
function gammaContinuedFraction(a: number, x: number): number {
  let b = x + 1 - a;
  let c = 1 / TINY;
  let d = 1 / b;
  let h = d;
  for (let i = 1; i < 10000; i++) {
    const an = -i * (i - a);
    b += 2;
    d = an * d + b;
    if (Math.abs(d) < TINY) d = TINY;
    c = b + an / c;
    if (Math.abs(c) < TINY) c = TINY;
    d = 1 / d;
    const del = d * c;
    h *= del;
    if (Math.abs(del - 1) < EPS) break;
  }
  return Math.exp(-x + a * Math.log(x) - logGamma(a)) * h;
}

/** erfc(x), through Q(1/2, x^2), accurate in both tails. */
export function erfc(x: number): number {
  if (x < 0) return 2 - erfc(-x);
  const x2 = x * x;
  if (x2 < 1.5) return 1 - gammaSeries(0.5, x2);
  return gammaContinuedFraction(0.5, x2);
}

/** Upper tail of the standard normal, 1 - Phi(z). */
export function normalSf(z: number): number {
  return 0.5 * erfc(z / Math.SQRT2);
}

export function normalCdf(z: number): number {
  return 0.5 * erfc(-z / Math.SQRT2);
}

/** Phi^-1(p): a rational first guess refined by Halley steps on the tail that keeps precision. */
export function normalQuantile(p: number): number {
  if (!(p >= 0 && p <= 1)) throw new RangeError(`probability must be in [0, 1], got ${p}`);
  if (p === 0) return -Infinity;
  if (p === 1) return Infinity;
  if (p === 0.5) return 0;
  const upper = p > 0.5;
  const q = upper ? 1 - p : p; // lower-tail probability of -|z|
  // Abramowitz & Stegun 26.2.23 (|error| < 4.5e-4) as the starting point.
  const t = Math.sqrt(-2 * Math.log(q));
  let z = -(t - (2.515517 + 0.802853 * t + 0.010328 * t * t) / (1 + 1.432788 * t + 0.189269 * t * t + 0.001308 * t * t * t));
  for (let i = 0; i < 6; i++) {
    const e = normalCdf(z) - q;
    const u = e * Math.sqrt(2 * Math.PI) * Math.exp((z * z) / 2);
    const step = u / (1 + (z * u) / 2);
    z -= step;
    if (Math.abs(step) < 1e-15 * Math.abs(z)) break;
  }
  return upper ? -z : z;
}
