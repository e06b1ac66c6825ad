// Selective prediction: answer the most confident items first, measure the
// risk (error rate) of what was answered at each coverage.
import type { CalibrationData } from './calibration-data.ts';
import { argsortDescendingStable } from './sort.ts';
import { argsortNumpyQuicksortOwned, argsortNumpyQuicksortRanks } from './sort-numpy.ts';

/**
 * How tied confidences are ordered: 'stable' keeps input order, 'numpy'
 * replays np.argsort(-p) (quicksort), which HELM and LM-Polygraph use.
 */
export type TieOrder = 'stable' | 'numpy';

/** The orders computed for one confidence array inside withSharedOrders. */
let shared: { p: Float64Array; stable: Uint32Array | null; numpy: Uint32Array | null } | null = null;

/**
 * Runs `work` with each confidence order of p sorted at most once: a panel
 * asks for the same orders a dozen times (AURC, selective accuracy, HELM,
 * PRR, ...). p must not change inside; the orders are read-only.
 */
export function withSharedOrders<T>(p: Float64Array, work: () => T): T {
  const outer = shared;
  shared = { p, stable: null, numpy: null };
  try {
    return work();
  } finally {
    shared = outer;
  }
}

/** p's stable descending order when p is the array of the withSharedOrders in force, else null (nothing sorted). */
export function sharedDescendingOrder(p: Float64Array): Uint32Array | null {
  return shared?.p === p ? confidenceOrder(p, 'stable') : null;
}

/**
 * q's values ascending, read through the shared descending order of p (the
 * array of the withSharedOrders in force) when q runs monotonically along it
 * (an increasing or decreasing function of p, such as Platt's recalibration
 * of it), checked value by value: a monotone sequence holding q's values is q
 * sorted, so the reader gives exactly what a sorted copy would, without the
 * copy (28 MB at 3.5M items) or its sort. null otherwise (not monotone, NaN,
 * a -0 whose place a sort would decide, no shared order yet).
 */
export function sharedAscendingReader(q: Float64Array): ((k: number) => number) | null {
  const order = shared?.stable;
  const n = q.length;
  if (!order || order.length !== n || n === 0) return null;
  let rising = true;
  let falling = true;
  let previous = q[order[0]!]!;
  if (previous === 0 && 1 / previous < 0) return null;
  for (let k = 1; k < n && (rising || falling); k++) {
    const x = q[order[k]!]!;
    if (x === 0 && 1 / x < 0) return null;
    // Read from the end, a sequence falling along the order rises; NaN fails both.
    if (!(x <= previous)) rising = false;
    if (!(x >= previous)) falling = false;
    previous = x;
  }
  const last = n - 1;
  if (rising) return (k) => q[order[last - k]!]!;
  if (falling) return (k) => q[order[k]!]!;
  return null;
}

/** Items by confidence, most confident first. */
export function confidenceOrder(p: Float64Array, ties: TieOrder = 'stable'): Uint32Array {
  const cache = shared?.p === p ? shared : null;
  if (ties === 'stable') return cache ? (cache.stable ??= argsortDescendingStable(p)) : argsortDescendingStable(p);
  if (cache?.numpy) return cache.numpy;
  // Inside withSharedOrders the stable order is wanted anyway: -p's ranks read off it (4 bytes an item)
  // replace a negated copy of p (8 bytes an item) as the keys numpy's introsort moves.
  const ranks = cache ? descendingRanks(p, (cache.stable ??= argsortDescendingStable(p))) : null;
  let order: Uint32Array;
  if (ranks) order = argsortNumpyQuicksortRanks(ranks);
  else {
    const neg = new Float64Array(p.length);
    for (let i = 0; i < p.length; i++) neg[i] = -p[i]!;
    order = argsortNumpyQuicksortOwned(neg);
  }
  if (cache) cache.numpy = order;
  return order;
}

/**
 * Each item's rank in -p (0 for the largest p; equal p, equal rank; -0 and 0
 * equal, as they compare), from p's descending order; null when p holds a NaN,
 * which numpy orders by a rule of its own (sort-numpy.ts).
 */
function descendingRanks(p: Float64Array, descending: Uint32Array): Uint32Array | null {
  const n = p.length;
  const ranks = new Uint32Array(n);
  let rank = 0;
  let previous = Number.NaN;
  for (let k = 0; k < n; k++) {
    const i = descending[k]!;
    const x = p[i]!;
    if (x !== x) return null;
    if (k > 0 && x !== previous) rank++;
    ranks[i] = rank;
    previous = x;
  }
  return ranks;
}

export interface RiskCoverageCurve {
  /** k/n for k = 1..n */
  coverage: Float64Array;
  /** error rate among the k most confident items */
  risk: Float64Array;
  /** confidence of the k-th item: answering iff confidence >= threshold gives this point (up to ties) */
  threshold: Float64Array;
}

export function riskCoverageCurve(data: CalibrationData, ties: TieOrder = 'stable'): RiskCoverageCurve {
  const n = data.p.length;
  const order = confidenceOrder(data.p, ties);
  const coverage = new Float64Array(n);
  const risk = new Float64Array(n);
  const threshold = new Float64Array(n);
  let errors = 0;
  for (let k = 0; k < n; k++) {
    const i = order[k]!;
    errors += 1 - data.y[i]!;
    coverage[k] = (k + 1) / n;
    risk[k] = errors / (k + 1);
    threshold[k] = data.p[i]!;
  }
  return { coverage, risk, threshold };
}

/** Area under the risk-coverage curve, mean_k risk_k, with the given tie order. */
export function aurc(data: CalibrationData, ties: TieOrder = 'stable'): number | null {
  const n = data.p.length;
  if (n === 0) return null;
  const order = confidenceOrder(data.p, ties);
  let errors = 0;
  let s = 0;
  for (let k = 0; k < n; k++) {
    errors += 1 - data.y[order[k]!]!;
    s += errors / (k + 1);
  }
  return s / n;
}

/**
 * AURC in expectation over a uniformly random order within each group of
 * tied confidences: inside a group of m items with w errors, the expected
 * errors among its first j items are j*w/m, exactly, so no sampling is needed.
 */
export function aurcTieExpected(data: CalibrationData): number | null {
  const n = data.p.length;
  if (n === 0) return null;
  const { p, y } = data;
  const order = confidenceOrder(p, 'stable');
  let before = 0;
  let s = 0;
  let g = 0;
  while (g < n) {
    let end = g + 1;
    const v = p[order[g]!]!;
    while (end < n && p[order[end]!] === v) end++;
    const m = end - g;
    let w = 0;
    for (let k = g; k < end; k++) w += 1 - y[order[k]!]!;
    for (let j = 1; j <= m; j++) s += (before + (j * w) / m) / (g + j);
    before += w;
    g = end;
  }
  return s / n;
}

/** The best achievable AURC for this accuracy: every correct item ranked before every error. */
export function oracleAurc(data: CalibrationData): number | null {
  const n = data.p.length;
  if (n === 0) return null;
  let correct = 0;
  for (let i = 0; i < n; i++) correct += data.y[i]!;
  let s = 0;
  for (let k = correct + 1; k <= n; k++) s += (k - correct) / k;
  return s / n;
}

/** Excess AURC: AURC minus the oracle's. */
export function eAurc(data: CalibrationData, ties: TieOrder | 'expected' = 'stable'): number | null {
  const a = ties === 'expected' ? aurcTieExpected(data) : aurc(data, ties);
  const o = oracleAurc(data);
  return a === null || o === null ? null : a - o;
}

/** Python's round(): half to even. */
export function roundHalfEven(x: number): number {
  const r = Math.round(x);
  return Math.abs(x % 1) === 0.5 && r % 2 !== 0 ? r - 1 : r;
}

/** Accuracy of the round(c*n) most confident items (stable ties); null when that is 0 items. */
export function selectiveAccuracy(data: CalibrationData, coverage: number, ties: TieOrder = 'stable'): number | null {
  if (!(coverage >= 0 && coverage <= 1)) throw new RangeError(`coverage must be in [0, 1], got ${coverage}`);
  const k = roundHalfEven(coverage * data.p.length);
  if (k === 0) return null;
  const order = confidenceOrder(data.p, ties);
  let c = 0;
  for (let j = 0; j < k; j++) c += data.y[order[j]!]!;
  return c / k;
}
