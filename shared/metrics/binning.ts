import type { CalibrationData } from './calibration-data.ts';
import { sharedAscendingReader, sharedDescendingOrder } from './selective.ts';

/**
 * Which reference library's edge convention to reproduce. They disagree on
 * exact decimals such as 0.3 or 1.0, which verbalized confidences hit all
 * the time; see docs/metrics.md and test/fixtures/calibration/boundary_table.md.
 */
export type BinConvention =
  | 'sklearn'
  | 'netcal'
  | 'torchmetrics'
  | 'relplot'
  | 'relplot-binning'
  | 'kumar'
  | 'lmpolygraph'
  | 'helm';

export const BIN_CONVENTIONS: readonly BinConvention[] = [
  'sklearn',
  'netcal',
  'torchmetrics',
  'relplot',
  'relplot-binning',
  'kumar',
  'lmpolygraph',
  'helm',
];

export type BinStrategy = 'equal-width' | 'equal-mass';

/** A fixed count, or a rule on the number of items: 'sqrt' = ceil(sqrt n), 'cbrt' = ceil(cbrt n), 'rice' = ceil(2 cbrt n). */
export type BinCountRule = number | 'sqrt' | 'cbrt' | 'rice';

export interface BinningOptions {
  nBins?: BinCountRule;
  strategy?: BinStrategy;
  convention?: BinConvention;
}

type Rule =
  /** bin = number of inner edges strictly below p: (e_i, e_i+1], first bin [0, e_1] */
  | 'right-closed'
  /** bin = number of edges <= p, minus one, last bin closed: [e_i, e_i+1) */
  | 'left-closed'
  /** as left-closed, but p >= last edge gets its own extra bin (torchmetrics) */
  | 'left-closed-extra'
  /** int(p / (1/n)), 1.0 gets an extra bin (relplot binnedECE) */
  | 'relplot-div'
  /** int(p * n) clipped to n - 1 (relplot Binning) */
  | 'relplot-mul';

export interface BinLayout {
  convention: BinConvention;
  strategy: BinStrategy;
  /** number of bin slots, including an extra p == 1 bin where the convention has one */
  nBins: number;
  /** the strategy's edges (length = bins before any extra bin + 1) */
  edges: Float64Array;
  /** per slot */
  lo: Float64Array;
  hi: Float64Array;
  rule: Rule;
  /** netcal clips confidences to [eps, 1 - eps] before binning and averaging */
  clipEps: number;
}

export const FLOAT64_EPS = 2.220446049250313e-16;

export function resolveBinCount(rule: BinCountRule, n: number): number {
  let k: number;
  if (typeof rule === 'number') k = rule;
  else if (rule === 'sqrt') k = Math.ceil(Math.sqrt(n));
  else if (rule === 'cbrt') k = Math.ceil(Math.cbrt(n));
  else k = Math.ceil(2 * Math.cbrt(n));
  if (!Number.isInteger(k) || k < 1) {
    if (typeof rule === 'number') throw new RangeError(`bin count must be a positive integer, got ${rule}`);
    k = 1;
  }
  return k;
}

/** np.linspace(0, 1, n + 1): i * (1/n) with the last edge exactly 1, so 3 * 0.1 = 0.30000000000000004. */
export function linspaceEdges(n: number): Float64Array {
  const e = new Float64Array(n + 1);
  const step = 1 / n;
  for (let i = 0; i < n; i++) e[i] = i * step;
  e[n] = 1;
  return e;
}

/** Kumar's get_equal_prob_bins: true i/n upper edges, preceded by 0. */
function trueFractionEdges(n: number): Float64Array {
  const e = new Float64Array(n + 1);
  for (let i = 0; i <= n; i++) e[i] = i / n;
  return e;
}

/**
 * p ascending, as a reader of its k-th value: off the shared confidence order
 * inside withSharedOrders (equal-mass edges read a few dozen positions: no
 * sort, no copy), or off that order for values monotone in its p, else a
 * sorted copy.
 */
function ascending(p: Float64Array): { length: number; at: (k: number) => number } {
  const order = sharedDescendingOrder(p);
  const n = p.length;
  if (order) return { length: n, at: (k) => p[order[n - 1 - k]!]! };
  // Values that are a monotone function of the shared p (HELM's Platt-recalibrated confidences) read through its order.
  const along = sharedAscendingReader(p);
  if (along) return { length: n, at: along };
  const sorted = Float64Array.from(p).sort();
  return { length: n, at: (k) => sorted[k]! };
}

/** numpy (1.24) linear quantile over a reader of sorted values, including its lerp that switches formula at gamma 0.5. */
function quantileOf(sorted: { length: number; at: (k: number) => number }, q: number): number {
  const n = sorted.length;
  if (n === 0) return NaN;
  const vi = (n - 1) * q;
  if (vi >= n - 1) return sorted.at(n - 1);
  if (vi < 0) return sorted.at(0);
  const prev = Math.floor(vi);
  const g = vi - prev;
  const a = sorted.at(prev);
  const b = sorted.at(prev + 1);
  const diff = b - a;
  return g >= 0.5 ? b - diff * (1 - g) : a + diff * g;
}

/** numpy (1.24) linear quantile of sorted data, including its lerp that switches formula at gamma 0.5. */
export function numpyQuantileSorted(sorted: Float64Array, q: number): number {
  return quantileOf({ length: sorted.length, at: (k) => sorted[k]! }, q);
}

/** sklearn calibration_curve(strategy='quantile'): np.percentile(p, linspace(0,1,n+1) * 100). */
export function sklearnQuantileEdges(p: Float64Array, n: number): Float64Array {
  const sorted = ascending(p);
  const lin = linspaceEdges(n);
  const e = new Float64Array(n + 1);
  // percentile multiplies by 100 and numpy divides it back: keep both roundings.
  for (let i = 0; i <= n; i++) e[i] = quantileOf(sorted, (lin[i]! * 100) / 100);
  return e;
}

/**
 * Kumar et al.'s get_equal_bins (also HELM's equal-mass bins): split the sorted
 * values into n nearly equal parts (np.array_split: the first n % len parts one
 * longer), upper edge = midpoint between neighbouring parts, then 1.0; ties
 * collapse duplicate edges, so fewer bins. Returned with a leading 0.
 */
export function kumarEqualMassEdges(p: Float64Array, nBins: number): Float64Array {
  const sorted = ascending(p);
  const len = sorted.length;
  const k = Math.max(1, Math.min(nBins, len));
  const base = Math.floor(len / k);
  const extra = len % k;
  const uppers: number[] = [];
  let start = 0;
  for (let i = 0; i < k - 1; i++) {
    const size = base + (i < extra ? 1 : 0);
    const end = start + size;
    uppers.push((sorted.at(end - 1) + sorted.at(end)) / 2.0);
    start = end;
  }
  uppers.push(1.0);
  const uniq = Array.from(new Set(uppers)).sort((a, b) => a - b);
  return Float64Array.from([0, ...uniq]);
}

/**
 * A refusal that depends on the run's data, not on the settings alone (netcal's
 * equal-mass bins on tied confidences): the same settings may suit other runs,
 * so a caller analysing several reports it for this run and goes on.
 */
export class NotDefinedForData extends RangeError {
  override name = 'NotDefinedForData';
}

/** np.quantile(p, linspace(0, 1, n + 1)) as netcal's equal-mass binning uses it. */
function netcalQuantileEdges(p: Float64Array, n: number): Float64Array {
  const sorted = ascending(p);
  const lin = linspaceEdges(n);
  const e = new Float64Array(n + 1);
  for (let i = 0; i <= n; i++) e[i] = quantileOf(sorted, lin[i]!);
  for (let i = 1; i <= n; i++) {
    // netcal refuses degenerate bins rather than silently merging them.
    if (!(e[i]! - e[i - 1]! > 0)) throw new NotDefinedForData('netcal equal-mass: the smallest edge difference is numerically 0 (tied confidences leave a bin with no width)');
  }
  return e;
}

function ruleOf(convention: BinConvention): Rule {
  switch (convention) {
    case 'sklearn':
    case 'kumar':
    case 'helm':
    case 'lmpolygraph':
      return 'right-closed';
    case 'netcal':
      return 'left-closed';
    case 'torchmetrics':
      return 'left-closed-extra';
    case 'relplot':
      return 'relplot-div';
    case 'relplot-binning':
      return 'relplot-mul';
  }
}

/**
 * The bin layout for a convention. Equal-mass edges depend on the data, so p
 * is required for 'equal-mass' (pass the same p later given to binStatistics).
 */
export function binLayout(p: Float64Array | null, options: BinningOptions = {}): BinLayout {
  const convention = options.convention ?? 'sklearn';
  const strategy = options.strategy ?? 'equal-width';
  const n = resolveBinCount(options.nBins ?? 10, p?.length ?? 0);
  let edges: Float64Array;
  if (strategy === 'equal-width') {
    edges = convention === 'kumar' || convention === 'helm' ? trueFractionEdges(n) : linspaceEdges(n);
  } else {
    if (!p) throw new RangeError('equal-mass binning needs the confidences');
    if (p.length === 0) edges = linspaceEdges(n);
    else if (convention === 'sklearn' || convention === 'lmpolygraph') edges = sklearnQuantileEdges(p, n);
    else if (convention === 'kumar' || convention === 'helm') edges = kumarEqualMassEdges(p, n);
    else if (convention === 'netcal') edges = netcalQuantileEdges(p, n);
    else throw new RangeError(`equal-mass binning is not defined for the '${convention}' convention`);
  }
  return layoutFromEdges(edges, convention, strategy);
}

/** A layout over given edges (first 0, last 1, ascending; duplicates make empty bins). */
export function layoutFromEdges(edges: Float64Array, convention: BinConvention = 'sklearn', strategy: BinStrategy = 'equal-mass'): BinLayout {
  const rule = ruleOf(convention);
  const base = edges.length - 1;
  if (base < 1) throw new RangeError('need at least two edges');
  const extra = rule === 'left-closed-extra' || rule === 'relplot-div' ? 1 : 0;
  const slots = base + extra;
  const lo = new Float64Array(slots);
  const hi = new Float64Array(slots);
  for (let i = 0; i < base; i++) {
    lo[i] = edges[i]!;
    hi[i] = edges[i + 1]!;
  }
  if (extra) {
    lo[base] = 1;
    hi[base] = 1;
  }
  return { convention, strategy, nBins: slots, edges, lo, hi, rule, clipEps: convention === 'netcal' ? FLOAT64_EPS : 0 };
}

/** Number of edges[from..to) strictly below x (strict=true) or at most x. */
function countBelow(edges: Float64Array, from: number, to: number, x: number, strict: boolean): number {
  let lo = from;
  let hi = to;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    const e = edges[mid]!;
    if (strict ? e < x : e <= x) lo = mid + 1;
    else hi = mid;
  }
  return lo - from;
}

/**
 * The slot of x for right-closed equal-width layouts: a guess from x * bins,
 * corrected against the actual edges (linspace edges are not exactly i/n),
 * so it agrees with the binary search (countBelow) for every x, NaN and x
 * outside [0, 1] included. The search's unpredictable branches made a
 * million items' bins take 22-25 ms, the guess about a third of that.
 */
function equalWidthSlot(edges: Float64Array, base: number, x: number): number {
  let g = Math.floor(x * base);
  // NaN, -0 and x < 0 go to the first slot (a plain 0), as the search puts them.
  if (!(g > 0)) g = 0;
  else if (g > base - 1) g = base - 1;
  while (g > 0 && !(edges[g]! < x)) g--;
  while (g < base - 1 && edges[g + 1]! < x) g++;
  return g;
}

/** The slot of one confidence in [0, 1] under the layout's convention. */
export function binOf(layout: BinLayout, x: number): number {
  const edges = layout.edges;
  const base = edges.length - 1;
  if (layout.clipEps > 0) x = x < layout.clipEps ? layout.clipEps : x > 1 - layout.clipEps ? 1 - layout.clipEps : x;
  switch (layout.rule) {
    case 'right-closed':
      return layout.strategy === 'equal-width' ? equalWidthSlot(edges, base, x) : countBelow(edges, 1, base, x, true);
    case 'left-closed': {
      const b = countBelow(edges, 0, base + 1, x, false) - 1;
      return b < 0 ? 0 : b >= base ? base - 1 : b;
    }
    case 'left-closed-extra': {
      const b = countBelow(edges, 0, base + 1, x, false) - 1;
      return b < 0 ? 0 : b;
    }
    case 'relplot-div':
      return Math.trunc(x / (1 / base));
    case 'relplot-mul': {
      const b = Math.trunc(x * base);
      return b >= base ? base - 1 : b;
    }
  }
}

export function assignBins(layout: BinLayout, p: Float64Array): Int32Array {
  const out = new Int32Array(p.length);
  for (let i = 0; i < p.length; i++) out[i] = binOf(layout, p[i]!);
  return out;
}

/** Per-slot sums; means are sum / count. */
export interface BinStats {
  layout: BinLayout;
  n: number;
  count: Float64Array;
  sumConfidence: Float64Array;
  sumCorrect: Float64Array;
}

export function binStatistics(data: CalibrationData, layout: BinLayout): BinStats {
  const k = layout.nBins;
  const count = new Float64Array(k);
  const sumConfidence = new Float64Array(k);
  const sumCorrect = new Float64Array(k);
  const { p, y } = data;
  const eps = layout.clipEps;
  // Sequential sums in input order, as np.bincount does.
  for (let i = 0; i < p.length; i++) {
    let x = p[i]!;
    if (eps > 0) x = x < eps ? eps : x > 1 - eps ? 1 - eps : x;
    const b = binOf(layout, x);
    count[b]! += 1;
    sumConfidence[b]! += x;
    sumCorrect[b]! += y[i]!;
  }
  return { layout, n: p.length, count, sumConfidence, sumCorrect };
}

/** Convenience: layout + statistics in one call. */
export function binData(data: CalibrationData, options: BinningOptions = {}): BinStats {
  return binStatistics(data, binLayout(data.p, options));
}
