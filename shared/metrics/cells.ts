// Items reduced to confidence cells: one cell per (distinct confidence,
// outcome). Binned errors, Brier, log loss, AUROC and the smooth curve are
// sums over items, or passes over items in confidence order with ties
// merged, so each is a function of how many times each cell was drawn. A
// resample's per-item draw counts are tallied into cell counts by one pass
// over the items in confidence order, which also gives AURC (tied items in
// item order) in closed form; every statistic then costs O(cells).
// Verbalized and rounded confidences have a few hundred to a few thousand
// cells however many items there are.
import { binOf, FLOAT64_EPS, type BinLayout, type BinStats } from './binning.ts';
import type { CalibrationData } from './calibration-data.ts';
import type { CountOverflow } from './prng.ts';
import { confidenceOrder } from './selective.ts';

/** Memory for the cells' arrays: plain, or shared between threads (SharedArrayBuffer) so a second thread reads them without a copy. */
export type Allocate = (bytes: number) => ArrayBuffer | SharedArrayBuffer;
const plain: Allocate = (bytes) => new ArrayBuffer(bytes);

/** The arrays a ConfidenceCells is made of: structured-clonable, shared when built on SharedArrayBuffers. */
export interface CellsData {
  n: number;
  /** the distinct confidences, ascending: group g */
  p: Float64Array;
  /** items, most confident first, tied items in item order */
  order: Uint32Array;
  /** 1 where order[k] is wrong */
  wrongAt: Uint8Array;
  /** where each group starts in order, most confident group first (groups + 1 entries) */
  starts: Int32Array;
  /** items per cell on the full data: wrong at 2g, right at 2g + 1 */
  count: Float64Array;
}

export class ConfidenceCells {
  readonly n: number;
  readonly groups: number;
  readonly p: Float64Array;
  readonly order: Uint32Array;
  readonly wrongAt: Uint8Array;
  readonly starts: Int32Array;
  readonly count: Float64Array;

  constructor(data: CellsData) {
    this.n = data.n;
    this.p = data.p;
    this.order = data.order;
    this.wrongAt = data.wrongAt;
    this.starts = data.starts;
    this.count = data.count;
    this.groups = data.p.length;
  }

  static of(data: CalibrationData, allocate: Allocate = plain): ConfidenceCells {
    const { p, y } = data;
    const n = p.length;
    const sorted = confidenceOrder(p, 'stable');
    const order = new Uint32Array(allocate(4 * n));
    order.set(sorted);
    const wrongAt = new Uint8Array(allocate(n));
    let groups = 0;
    for (let k = 0; k < n; k++) {
      const i = order[k]!;
      wrongAt[k] = 1 - y[i]!;
      if (k === 0 || p[i] !== p[order[k - 1]!]) groups++;
    }
    const starts = new Int32Array(allocate(4 * (groups + 1)));
    const values = new Float64Array(allocate(8 * groups));
    const count = new Float64Array(allocate(16 * groups));
    let d = -1;
    for (let k = 0; k < n; k++) {
      const i = order[k]!;
      if (k === 0 || p[i] !== p[order[k - 1]!]) {
        d++;
        starts[d] = k;
        values[groups - 1 - d] = p[i]!;
      }
      count[2 * (groups - 1 - d) + 1 - wrongAt[k]!]! += 1;
    }
    starts[groups] = n;
    return new ConfidenceCells({ n, p: values, order, wrongAt, starts, count });
  }

  /** The arrays, to hand to another thread. */
  data(): CellsData {
    return { n: this.n, p: this.p, order: this.order, wrongAt: this.wrongAt, starts: this.starts, count: this.count };
  }

  /**
   * Per-cell draws of a resample (into w) from its per-item draws, one pass
   * in confidence order, least confident first. With an AURC table (below)
   * it also returns the resample's AURC, else NaN.
   *
   * AURC orders the resample most confident first, tied items in item order,
   * each drawn item's copies side by side (where a stable sort of the
   * materialised resample puts them). With E_k the errors among the first k,
   * AURC = (1/n) sum_k E_k / k = (1/n) sum over wrong draws at position q of
   * T(q), T(q) = 1/q + ... + 1/n; a wrong item drawn c times at positions
   * m - c + 1..m adds P(m) - P(m - c), P the prefix sums of T.
   */
  tally(times: Uint8Array, overflow: CountOverflow, w: Float64Array, aurc: Float64Array | null): number {
    const { order, wrongAt, starts, groups, n } = this;
    let m = n;
    // aurc[m] of the item about to be placed: the one below it is read once and carried down.
    let top = aurc === null ? 0 : aurc[n]!;
    let area = 0;
    for (let d = groups - 1; d >= 0; d--) {
      let drawn = 0;
      let wrong = 0;
      const first = starts[d]!;
      if (overflow === null && aurc !== null) {
        for (let k = starts[d + 1]! - 1; k >= first; k--) {
          const c = times[order[k]!]!;
          const e = wrongAt[k]!;
          m -= c;
          const below = aurc[m]!;
          area += e * (top - below);
          top = below;
          drawn += c;
          wrong += e * c;
        }
      } else if (overflow === null) {
        for (let k = starts[d + 1]! - 1; k >= first; k--) {
          const c = times[order[k]!]!;
          drawn += c;
          wrong += wrongAt[k]! * c;
        }
      } else {
        // An item drawn 256 times or more (never in practice): its wrapped count plus the map's.
        for (let k = starts[d + 1]! - 1; k >= first; k--) {
          const i = order[k]!;
          const c = times[i]! + (overflow.get(i) ?? 0);
          const e = wrongAt[k]!;
          m -= c;
          if (aurc !== null) {
            const below = aurc[m]!;
            area += e * (top - below);
            top = below;
          }
          drawn += c;
          wrong += e * c;
        }
      }
      const g = groups - 1 - d;
      w[2 * g] = wrong;
      w[2 * g + 1] = drawn - wrong;
    }
    return aurc === null ? NaN : area / n;
  }
}

/**
 * P(m) = T(1) + ... + T(m), T(q) = 1/q + ... + 1/n, for m = 0..n: each
 * summed from its small terms up, so a difference of neighbours keeps
 * full precision (P(n) = n).
 */
export function aurcTable(n: number, allocate: Allocate = plain): Float64Array {
  const table = new Float64Array(allocate(8 * (n + 1)));
  // T(q) into table[q] first, from q = n down, then prefix sums in place.
  let tail = 0;
  for (let q = n; q >= 1; q--) {
    tail += 1 / q;
    table[q] = tail;
  }
  let sum = 0;
  for (let m = 1; m <= n; m++) {
    sum += table[m]!;
    table[m] = sum;
  }
  return table;
}

/** Bins fixed at a layout (the full data's), filled from cell counts. */
export class CellBinning {
  private readonly binOfGroup: Int32Array;
  /** confidence as the bins average it (netcal clips it) */
  private readonly conf: Float64Array;
  readonly stats: BinStats;

  constructor(
    private readonly cells: ConfidenceCells,
    layout: BinLayout,
  ) {
    const eps = layout.clipEps;
    this.binOfGroup = new Int32Array(cells.groups);
    this.conf = new Float64Array(cells.groups);
    for (let g = 0; g < cells.groups; g++) {
      let x = cells.p[g]!;
      if (eps > 0) x = x < eps ? eps : x > 1 - eps ? 1 - eps : x;
      this.conf[g] = x;
      this.binOfGroup[g] = binOf(layout, x);
    }
    const k = layout.nBins;
    this.stats = { layout, n: cells.n, count: new Float64Array(k), sumConfidence: new Float64Array(k), sumCorrect: new Float64Array(k) };
  }

  /** The bin sums of a resample with these cell counts (into this.stats). */
  fill(w: Float64Array): BinStats {
    const { count, sumConfidence, sumCorrect } = this.stats;
    count.fill(0);
    sumConfidence.fill(0);
    sumCorrect.fill(0);
    for (let g = 0; g < this.cells.groups; g++) {
      const right = w[2 * g + 1]!;
      const c = w[2 * g]! + right;
      if (c === 0) continue;
      const b = this.binOfGroup[g]!;
      count[b]! += c;
      sumConfidence[b]! += c * this.conf[g]!;
      sumCorrect[b]! += right;
    }
    return this.stats;
  }
}

/** Brier score and log loss terms per cell (shared/metrics scores' clipping and renormalisation). */
export class CellScores {
  private readonly sq: Float64Array;
  private readonly ll: Float64Array;

  constructor(cells: ConfidenceCells) {
    this.sq = new Float64Array(2 * cells.groups);
    this.ll = new Float64Array(2 * cells.groups);
    for (let g = 0; g < cells.groups; g++) {
      const p = cells.p[g]!;
      const q = Math.min(Math.max(p, FLOAT64_EPS), 1 - FLOAT64_EPS);
      const a = 1 - q;
      for (let y = 0; y < 2; y++) {
        const d = p - y;
        this.sq[2 * g + y] = d * d;
        this.ll[2 * g + y] = -Math.log((y ? q : a) / (a + q));
      }
    }
  }

  brier(w: Float64Array, n: number): number {
    let s = 0;
    for (let c = 0; c < w.length; c++) s += w[c]! * this.sq[c]!;
    return s / n;
  }

  logLoss(w: Float64Array, n: number): number {
    let s = 0;
    for (let c = 0; c < w.length; c++) s += w[c]! * this.ll[c]!;
    return s / n;
  }
}

/** AUROC (Mann-Whitney, ties count one half) from cell counts; NaN with one outcome only. */
export function cellAuroc(cells: ConfidenceCells, w: Float64Array): number {
  let auc = 0;
  let negBelow = 0;
  let pos = 0;
  for (let g = 0; g < cells.groups; g++) {
    const neg = w[2 * g]!;
    const right = w[2 * g + 1]!;
    auc += right * (negBelow + neg / 2);
    negBelow += neg;
    pos += right;
  }
  return pos === 0 || negBelow === 0 ? NaN : auc / (pos * negBelow);
}

const EULER_GAMMA = 0.5772156649015329;
const SMALL_HARMONIC = (() => {
  const h = new Float64Array(256);
  for (let k = 1; k < 256; k++) h[k] = h[k - 1]! + 1 / k;
  return h;
})();

/** H_x = 1 + 1/2 + ... + 1/x: a table below 256, the asymptotic series above (error < 1e-21). */
export function harmonic(x: number): number {
  if (x < 256) return SMALL_HARMONIC[x]!;
  const inv = 1 / x;
  const inv2 = inv * inv;
  return Math.log(x) + EULER_GAMMA + 0.5 * inv - inv2 * (1 / 12 - inv2 * (1 / 120 - inv2 / 252));
}

/** H_(a+m) - H_a = 1/(a+1) + ... + 1/(a+m), to full precision: summed when short, the series of the difference when long. */
function harmonicStep(a: number, m: number): number {
  if (m <= 32 || a < 256) {
    let s = 0;
    for (let j = m; j >= 1; j--) s += 1 / (a + j);
    return s;
  }
  const b = a + m;
  const ia = 1 / a;
  const ib = 1 / b;
  // ln(b / a) by log1p, then the difference of the asymptotic series' terms (error < 1e-21 each).
  return Math.log1p(m / a) + 0.5 * (ib - ia) - (ib * ib - ia * ia) / 12 + (ib ** 4 - ia ** 4) / 120 - (ib ** 6 - ia ** 6) / 252;
}

/**
 * AURC with the items of each confidence in random order, in expectation
 * (aurcTieExpected), from a resample's cell counts: a group of m draws with w
 * wrong, after a answered with e errors, adds sum over j of (e + j w/m)/(a + j)
 * = w + (e - a w/m)(H_(a+m) - H_a). O(cells), no pass over the items.
 */
export function cellAurcTieExpected(cells: ConfidenceCells, w: Float64Array): number {
  let errors = 0;
  let answered = 0;
  let area = 0;
  for (let g = cells.groups - 1; g >= 0; g--) {
    const wrong = w[2 * g]!;
    const m = wrong + w[2 * g + 1]!;
    if (m === 0) continue;
    area += wrong + (errors - (answered * wrong) / m) * harmonicStep(answered, m);
    errors += wrong;
    answered += m;
  }
  return area / answered;
}

/** Oracle AURC of n items with `correct` right: sum over k > correct of (k - correct)/k, over n. */
export function oracleAurcOf(n: number, correct: number): number {
  return (n - correct - correct * (harmonic(n) - harmonic(correct))) / n;
}
