// Smooth ECE (Blasiok & Nakkiran, "Smooth ECE: principled reliability
// diagrams via kernel smoothing"), replayed step for step after relplot
// v1.0.3 so the numbers agree with the reference to roundoff.
import type { CalibrationData } from './calibration-data.ts';
import { roundHalfEven } from './selective.ts';

/** Grid size relplot uses for bandwidth sigma: floor(max(2000, round(20/sigma)) / 2) + 1. */
export function gridSize(sigma: number): number {
  return Math.floor(Math.max(2000, roundHalfEven(20 / sigma)) / 2) + 1;
}

/** np.linspace(0, 1, num) */
function linspace01(num: number): Float64Array {
  const out = new Float64Array(num);
  if (num === 1) return out;
  const step = 1 / (num - 1);
  for (let i = 0; i < num; i++) out[i] = i * step;
  out[num - 1] = 1;
  return out;
}

/**
 * Linear splat onto E grid points j/(E-1): weights v(i) into values, and a
 * constant weight w into mass, in one pass over the items.
 */
function splat2(f: Float64Array, v: (i: number) => number, w: number, E: number): { values: Float64Array; mass: Float64Array } {
  const values = new Float64Array(E);
  const mass = new Float64Array(E);
  for (let i = 0; i < f.length; i++) {
    const x = f[i]! * (E - 1);
    let b = Math.trunc(x);
    if (b < 0) b = 0;
    else if (b > E - 2) b = E - 2;
    const t = x - b;
    const val = v(i);
    values[b]! += (1 - t) * val;
    values[b + 1]! += t * val;
    mass[b]! += (1 - t) * w;
    mass[b + 1]! += t * w;
  }
  return { values, mass };
}

function gaussianKernel(E: number, sigma: number): Float64Array {
  const t = linspace01(E);
  const K = new Float64Array(E);
  const norm = Math.sqrt(2 * Math.PI) * sigma;
  for (let j = 0; j < E; j++) {
    const d = t[j]! - 0.5;
    K[j] = Math.exp(-(d * d) / (2 * sigma * sigma)) / norm;
  }
  return K;
}

/** V mirrored at both ends without repeating the endpoint: [V reversed, V, V reversed], 3E - 2 long. */
function reflect(V: Float64Array): Float64Array {
  const E = V.length;
  const ext = new Float64Array(3 * E - 2);
  for (let j = 0; j < E - 1; j++) ext[j] = V[E - 1 - j]!;
  for (let j = 0; j < E; j++) ext[E - 1 + j] = V[j]!;
  for (let j = 0; j < E - 1; j++) ext[2 * E - 1 + j] = V[E - 2 - j]!;
  return ext;
}

/**
 * Kernel smoothing of two splatted grids with reflection at 0 and 1:
 * np.convolve(..., 'valid') of each reflected grid, keeping the middle E.
 * Two grids and two outputs per step give four independent sums: one sum
 * alone waits on each addition's latency. Each sum still runs over j in
 * order, so every output is bit for bit the one-at-a-time result.
 */
function reflectConvolve2(A: Float64Array, B: Float64Array, K: Float64Array): [Float64Array, Float64Array] {
  const E = A.length;
  const extA = reflect(A);
  const extB = reflect(B);
  // Skip kernel entries that underflowed to exactly 0: they add nothing.
  let jlo = 0;
  while (jlo < E && K[jlo] === 0) jlo++;
  let jhi = E - 1;
  while (jhi > jlo && K[jhi] === 0) jhi--;
  const SA = new Float64Array(E);
  const SB = new Float64Array(E);
  const offset = (E >> 1) + E - 1;
  let m = 0;
  for (; m + 1 < E; m += 2) {
    let a0 = 0;
    let a1 = 0;
    let b0 = 0;
    let b1 = 0;
    const base = offset + m;
    for (let j = jlo; j <= jhi; j++) {
      const kj = K[j]!;
      const at = base - j;
      a0 += kj * extA[at]!;
      a1 += kj * extA[at + 1]!;
      b0 += kj * extB[at]!;
      b1 += kj * extB[at + 1]!;
    }
    SA[m] = a0;
    SA[m + 1] = a1;
    SB[m] = b0;
    SB[m + 1] = b1;
  }
  for (; m < E; m++) {
    let a = 0;
    let b = 0;
    const base = offset + m;
    for (let j = jlo; j <= jhi; j++) {
      a += K[j]! * extA[base - j]!;
      b += K[j]! * extB[base - j]!;
    }
    SA[m] = a;
    SB[m] = b;
  }
  return [SA, SB];
}

/** reflectConvolve2 for three grids at once (a resample's smECE and curve share one mass grid). */
function reflectConvolve3(A: Float64Array, B: Float64Array, C: Float64Array, K: Float64Array): [Float64Array, Float64Array, Float64Array] {
  const E = A.length;
  const extA = reflect(A);
  const extB = reflect(B);
  const extC = reflect(C);
  let jlo = 0;
  while (jlo < E && K[jlo] === 0) jlo++;
  let jhi = E - 1;
  while (jhi > jlo && K[jhi] === 0) jhi--;
  const SA = new Float64Array(E);
  const SB = new Float64Array(E);
  const SC = new Float64Array(E);
  const offset = (E >> 1) + E - 1;
  let m = 0;
  for (; m + 1 < E; m += 2) {
    let a0 = 0;
    let a1 = 0;
    let b0 = 0;
    let b1 = 0;
    let c0 = 0;
    let c1 = 0;
    const base = offset + m;
    for (let j = jlo; j <= jhi; j++) {
      const kj = K[j]!;
      const at = base - j;
      a0 += kj * extA[at]!;
      a1 += kj * extA[at + 1]!;
      b0 += kj * extB[at]!;
      b1 += kj * extB[at + 1]!;
      c0 += kj * extC[at]!;
      c1 += kj * extC[at + 1]!;
    }
    SA[m] = a0;
    SA[m + 1] = a1;
    SB[m] = b0;
    SB[m + 1] = b1;
    SC[m] = c0;
    SC[m + 1] = c1;
  }
  for (; m < E; m++) {
    let a = 0;
    let b = 0;
    let c = 0;
    const base = offset + m;
    for (let j = jlo; j <= jhi; j++) {
      a += K[j]! * extA[base - j]!;
      b += K[j]! * extB[base - j]!;
      c += K[j]! * extC[base - j]!;
    }
    SA[m] = a;
    SB[m] = b;
    SC[m] = c;
  }
  return [SA, SB, SC];
}

/** Linear interpolation of grid values S (at j/(E-1)) at t. */
function interpolate(S: Float64Array, t: number): number {
  const E = S.length;
  const x = t * (E - 1);
  let b = Math.trunc(x);
  if (b < 0) b = 0;
  else if (b > E - 2) b = E - 2;
  const w = x - b;
  return S[b]! * (1 - w) + S[b + 1]! * w;
}

interface Smoothed {
  /** smoothed sum of the values per grid point */
  values: Float64Array;
  /** smoothed mass per grid point */
  mass: Float64Array;
}

/** Splatted grids by grid size: the bandwidth search reuses them (every sigma >= 0.01 has the same grid). */
type SplatCache = Map<number, { values: Float64Array; mass: Float64Array }>;

function smoothGrids(f: Float64Array, v: (i: number) => number, w: number, sigma: number, cache?: SplatCache): Smoothed {
  const E = gridSize(sigma);
  const K = gaussianKernel(E, sigma);
  let grids = cache?.get(E);
  if (!grids) {
    grids = splat2(f, v, w, E);
    cache?.set(E, grids);
  }
  const [values, mass] = reflectConvolve2(grids.values, grids.mass, K);
  return { values, mass };
}

const DENSITY_EPS = 1e-4;

/** smoothECE at a fixed bandwidth (relplot smooth_ece_interpolated). */
export function smoothEceAt(data: CalibrationData, sigma: number): number | null {
  return smoothEceWith(data, sigma);
}

function smoothEceWith(data: CalibrationData, sigma: number, cache?: SplatCache): number | null {
  const { p, y } = data;
  const n = p.length;
  if (n === 0) return null;
  if (!(sigma > 0)) throw new RangeError(`bandwidth must be positive, got ${sigma}`);
  const s = smoothGrids(p, (i) => p[i]! - y[i]!, 1, sigma, cache);
  const T = Math.max(roundHalfEven(10 / sigma), 200);
  const t = linspace01(T);
  let num = 0;
  let den = 0;
  for (let k = 0; k < T; k++) {
    const dens = interpolate(s.mass, t[k]!) + DENSITY_EPS;
    const r = interpolate(s.values, t[k]!) / dens;
    num += Math.abs(r) * dens;
    den += dens;
  }
  return num / den;
}

export interface SmoothEce {
  smece: number;
  /** the fixed point sigma* found by 10 bisection steps, a multiple of 2^-10 */
  sigma: number;
}

/** smECE: bandwidth sigma* with sigma* = smoothECE(sigma*), by relplot's bisection. */
export function smECE(data: CalibrationData): SmoothEce | null {
  if (data.p.length === 0) return null;
  const cache: SplatCache = new Map();
  let atHi = smoothEceWith(data, 1, cache)!;
  if (1 < atHi) return { smece: atHi, sigma: 1 };
  let hi = 1;
  let lo = 0;
  // hi only ever moves to a bandwidth just evaluated: keep that value rather than smoothing a 12th time.
  for (let i = 0; i < 10; i++) {
    const mid = (hi + lo) / 2;
    if (mid < 0.001) {
      lo = mid;
      continue;
    }
    const atMid = smoothEceWith(data, mid, cache)!;
    if (mid < atMid) lo = mid;
    else {
      hi = mid;
      atHi = atMid;
    }
  }
  return { smece: atHi, sigma: hi };
}

export interface SmoothReliabilityCurve {
  sigma: number;
  mesh: Float64Array;
  /** smoothed accuracy at each mesh point, full data (no bootstrap) */
  mu: Float64Array;
  /** smoothed confidence density at each mesh point */
  density: Float64Array;
}

/**
 * The smooth reliability curve on the full data (relplot's diagram before its
 * unseeded bagging): yhat(t) = S_y / (S_1 + 1e-4) with 1/n weights.
 */
export function smoothReliabilityCurve(data: CalibrationData, options: { sigma?: number; meshSize?: number } = {}): SmoothReliabilityCurve | null {
  const { p, y } = data;
  const n = p.length;
  if (n === 0) return null;
  const sigma = options.sigma ?? smECE(data)!.sigma;
  const meshSize = options.meshSize ?? 200;
  const inv = 1 / n;
  const s = smoothGrids(p, (i) => y[i]!, 1, sigma);
  const mesh = linspace01(meshSize);
  const mu = new Float64Array(meshSize);
  const density = new Float64Array(meshSize);
  for (let k = 0; k < meshSize; k++) {
    const m = interpolate(s.mass, mesh[k]!);
    density[k] = m * inv;
    mu[k] = interpolate(s.values, mesh[k]!) / (m + DENSITY_EPS);
  }
  return { sigma, mesh, mu, density };
}

/**
 * smoothECE and the smooth curve of a resample given by its confidence-cell
 * counts (cells.ts: w[2g] wrong and w[2g + 1] right draws at confidence
 * p[g]): the same splat as smoothEceAt and smoothReliabilityCurve make of
 * the materialised resample, summed per cell instead of per item.
 */
export function smoothFromCells(p: Float64Array, w: Float64Array, sigma: number, meshSize: number): { smece: number | null; mu: Float64Array } {
  const E = gridSize(sigma);
  const gap = new Float64Array(E);
  const right = new Float64Array(E);
  const mass = new Float64Array(E);
  let n = 0;
  for (let g = 0; g < p.length; g++) {
    const r = w[2 * g + 1]!;
    const c = w[2 * g]! + r;
    if (c === 0) continue;
    n += c;
    const x = p[g]! * (E - 1);
    let b = Math.trunc(x);
    if (b < 0) b = 0;
    else if (b > E - 2) b = E - 2;
    const t = x - b;
    const d = c * p[g]! - r;
    gap[b]! += (1 - t) * d;
    gap[b + 1]! += t * d;
    right[b]! += (1 - t) * r;
    right[b + 1]! += t * r;
    mass[b]! += (1 - t) * c;
    mass[b + 1]! += t * c;
  }
  const mu = new Float64Array(meshSize);
  if (n === 0) return { smece: null, mu };
  const K = gaussianKernel(E, sigma);
  const [values, smoothMass, accuracy] = reflectConvolve3(gap, mass, right, K);
  const T = Math.max(roundHalfEven(10 / sigma), 200);
  const t = linspace01(T);
  let num = 0;
  let den = 0;
  for (let k = 0; k < T; k++) {
    const dens = interpolate(smoothMass, t[k]!) + DENSITY_EPS;
    num += Math.abs(interpolate(values, t[k]!) / dens) * dens;
    den += dens;
  }
  const mesh = linspace01(meshSize);
  for (let k = 0; k < meshSize; k++) mu[k] = interpolate(accuracy, mesh[k]!) / (interpolate(smoothMass, mesh[k]!) + DENSITY_EPS);
  return { smece: num / den, mu };
}
