// Logistic regression on a few features by damped Newton steps, for the maps
// that fitLogistic1d (one feature plus intercept) does not cover: beta
// calibration (two features plus intercept) and temperature scaling (one
// feature, no intercept). The objective is scikit-learn's with C = 1e10:
// sum of log losses + |w|^2 / (2C), intercept unpenalised. Newton reaches the
// exact optimum, where lbfgs (the reference) stops at its tolerance.

export interface NewtonFit {
  /** feature weights, then the intercept when fitted */
  w: number[];
  converged: boolean;
  iterations: number;
}

/** log(1 + exp(z)) without overflow */
function softplus(z: number): number {
  return z > 0 ? z + Math.log1p(Math.exp(-z)) : Math.log1p(Math.exp(z));
}

function sigmoid(z: number): number {
  return z >= 0 ? 1 / (1 + Math.exp(-z)) : Math.exp(z) / (1 + Math.exp(z));
}

/** Solves A x = b (A symmetric positive definite, small) by Gaussian elimination with partial pivoting. */
function solve(a: number[][], b: number[]): number[] | null {
  const n = b.length;
  const m = a.map((row, i) => [...row, b[i]!]);
  for (let col = 0; col < n; col++) {
    let pivot = col;
    for (let r = col + 1; r < n; r++) if (Math.abs(m[r]![col]!) > Math.abs(m[pivot]![col]!)) pivot = r;
    if (!(Math.abs(m[pivot]![col]!) > 1e-300)) return null;
    [m[col], m[pivot]] = [m[pivot]!, m[col]!];
    for (let r = col + 1; r < n; r++) {
      const f = m[r]![col]! / m[col]![col]!;
      for (let c = col; c <= n; c++) m[r]![c]! -= f * m[col]![c]!;
    }
  }
  const x = new Array<number>(n).fill(0);
  for (let r = n - 1; r >= 0; r--) {
    let s = m[r]![n]!;
    for (let c = r + 1; c < n; c++) s -= m[r]![c]! * x[c]!;
    x[r] = s / m[r]![r]!;
  }
  return x;
}

export function fitLogisticNewton(
  features: Float64Array[],
  y: Uint8Array,
  options: { intercept: boolean; start?: number[]; C?: number; maxIter?: number },
): NewtonFit {
  const n = y.length;
  const d = features.length;
  const k = d + (options.intercept ? 1 : 0);
  const lambda = 1 / (options.C ?? 1e10);
  const maxIter = options.maxIter ?? 100;
  const w = options.start ? [...options.start] : new Array<number>(k).fill(0);
  const eta = (weights: number[], i: number): number => {
    let z = options.intercept ? weights[d]! : 0;
    for (let j = 0; j < d; j++) z += weights[j]! * features[j]![i]!;
    return z;
  };
  const objective = (weights: number[]): number => {
    let s = 0;
    for (let i = 0; i < n; i++) {
      const z = eta(weights, i);
      s += y[i] ? softplus(-z) : softplus(z);
    }
    for (let j = 0; j < d; j++) s += (lambda * weights[j]! * weights[j]!) / 2;
    return s;
  };
  let f = objective(w);
  for (let it = 1; it <= maxIter; it++) {
    const g = new Array<number>(k).fill(0);
    const h = Array.from({ length: k }, () => new Array<number>(k).fill(0));
    const row = new Array<number>(k).fill(1);
    for (let i = 0; i < n; i++) {
      for (let j = 0; j < d; j++) row[j] = features[j]![i]!;
      const mu = sigmoid(eta(w, i));
      const r = mu - y[i]!;
      const v = mu * (1 - mu);
      for (let a = 0; a < k; a++) {
        g[a]! += r * row[a]!;
        for (let b = a; b < k; b++) h[a]![b]! += v * row[a]! * row[b]!;
      }
    }
    for (let a = 0; a < k; a++) for (let b = 0; b < a; b++) h[a]![b] = h[b]![a]!;
    for (let j = 0; j < d; j++) {
      g[j]! += lambda * w[j]!;
      h[j]![j]! += lambda;
    }
    const step = solve(h, g);
    if (!step || step.some((s) => !Number.isFinite(s))) return { w, converged: false, iterations: it };
    // Backtracking keeps each step a descent step; near the optimum the full step is taken.
    let scale = 1;
    let next = w.map((v, j) => v - step[j]!);
    let fNext = objective(next);
    while (!(fNext <= f) && scale > 1e-10) {
      scale /= 2;
      next = w.map((v, j) => v - scale * step[j]!);
      fNext = objective(next);
    }
    const small = step.every((s, j) => Math.abs(scale * s) <= 1e-13 * (1 + Math.abs(next[j]!)));
    w.splice(0, k, ...next);
    f = Math.min(f, fNext);
    if (small) return { w, converged: true, iterations: it };
  }
  return { w, converged: false, iterations: maxIter };
}
