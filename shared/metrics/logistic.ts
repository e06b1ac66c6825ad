// One-feature logistic regression fitted by Newton's method (IRLS), used for
// Platt scaling. sklearn's LogisticRegression(C) minimises
// C * sum(log loss) + w^2 / 2 (intercept unpenalised); dividing by C gives the
// objective below, so C = 1e10 (HELM) is the unregularised MLE to ~1e-10.
import { argsortAscendingStable } from './sort.ts';

export interface LogisticFit {
  coef: number;
  intercept: number;
  iterations: number;
  converged: boolean;
}

export function sigmoid(z: number): number {
  return z >= 0 ? 1 / (1 + Math.exp(-z)) : Math.exp(z) / (1 + Math.exp(z));
}

/**
 * Items sharing a feature value enter the likelihood only through how many
 * there are and how many are positive, so a feature with few distinct values
 * (rounded or verbalized confidences: a few thousand among a million items)
 * is fitted on those groups: the same optimum, each Newton step over groups
 * instead of items.
 */
export function fitLogistic1d(
  x: Float64Array,
  y: Uint8Array,
  options: { C?: number; maxIter?: number; /** an order of the items with equal x side by side, when one is at hand (else x is sorted) */ order?: Uint32Array } = {},
): LogisticFit {
  const n = x.length;
  if (fitsOnGroups(n, 0)) {
    const order = options.order ?? argsortAscendingStable(x);
    let groups = 0;
    for (let k = 0; k < n; k++) if (k === 0 || x[order[k]!] !== x[order[k - 1]!]) groups++;
    if (fitsOnGroups(n, groups)) {
      const value = new Float64Array(groups);
      const total = new Float64Array(groups);
      const positives = new Float64Array(groups);
      let g = -1;
      for (let k = 0; k < n; k++) {
        const i = order[k]!;
        if (k === 0 || x[i] !== x[order[k - 1]!]) value[++g] = x[i]!;
        total[g]! += 1;
        positives[g]! += y[i]!;
      }
      return newton(value, total, positives, options);
    }
  }
  return newton(x, null, y, options);
}

/**
 * The fit from groups of items sharing a feature value (value ascending, how
 * many items, how many positive): what fitLogistic1d does with its groups,
 * for a caller that has them already.
 */
export function fitLogistic1dGroups(value: Float64Array, total: Float64Array, positives: Float64Array, options: { C?: number; maxIter?: number } = {}): LogisticFit {
  return newton(value, total, positives, options);
}

/** Whether fitLogistic1d fits n items in this many groups of equal feature value on its grouped path. */
export function fitsOnGroups(n: number, groups: number): boolean {
  return n >= 4096 && groups <= n / 4;
}

/** Newton on sum over points of weight * log loss (weight 1 without totals; positives then the 0/1 labels). */
function newton(x: Float64Array, total: Float64Array | null, positives: ArrayLike<number>, options: { C?: number; maxIter?: number }): LogisticFit {
  const n = x.length;
  const lambda = 1 / (options.C ?? 1e10);
  const maxIter = options.maxIter ?? 100;
  let w = 0;
  let b = 0;
  for (let it = 1; it <= maxIter; it++) {
    // gradient and Hessian of sum(log loss) + lambda * w^2 / 2
    let gw = lambda * w;
    let gb = 0;
    let hww = lambda;
    let hwb = 0;
    let hbb = 0;
    for (let i = 0; i < n; i++) {
      const xi = x[i]!;
      const m = total === null ? 1 : total[i]!;
      const mu = sigmoid(w * xi + b);
      const r = m * mu - positives[i]!;
      const v = m * mu * (1 - mu);
      gw += r * xi;
      gb += r;
      hww += v * xi * xi;
      hwb += v * xi;
      hbb += v;
    }
    const det = hww * hbb - hwb * hwb;
    if (!(det > 0) || !Number.isFinite(det)) return { coef: w, intercept: b, iterations: it, converged: false };
    const dw = (hbb * gw - hwb * gb) / det;
    const db = (hww * gb - hwb * gw) / det;
    w -= dw;
    b -= db;
    // Newton converges quadratically; stop once the step is at roundoff level.
    if (Math.abs(dw) <= 1e-15 * (1 + Math.abs(w)) && Math.abs(db) <= 1e-15 * (1 + Math.abs(b))) {
      return { coef: w, intercept: b, iterations: it, converged: true };
    }
  }
  return { coef: w, intercept: b, iterations: maxIter, converged: true };
}

/**
 * Whether a threshold on x separates y = 1 from y = 0, completely (strictly)
 * or quasi-completely (the two classes meet only at the threshold). Then the
 * logistic likelihood has no finite maximum: the fit runs off to an infinite
 * slope, and any finite coefficient reported is where an optimiser stopped.
 * x constant is not separation (the slope is simply not identified).
 */
export function separatedByThreshold(x: Float64Array, y: Uint8Array): boolean {
  let minRight = Infinity;
  let maxRight = -Infinity;
  let minWrong = Infinity;
  let maxWrong = -Infinity;
  for (let i = 0; i < x.length; i++) {
    const v = x[i]!;
    if (y[i]) {
      if (v < minRight) minRight = v;
      if (v > maxRight) maxRight = v;
    } else {
      if (v < minWrong) minWrong = v;
      if (v > maxWrong) maxWrong = v;
    }
  }
  if (minRight === Infinity || minWrong === Infinity) return false;
  const constant = minRight === maxRight && minWrong === maxWrong && minRight === minWrong;
  return !constant && (maxWrong <= minRight || maxRight <= minWrong);
}
