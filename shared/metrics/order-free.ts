// Order-free versions of the metrics that rank items by confidence: AURC and
// E-AURC, selective accuracy, HELM's coverage-accuracy area and acc@10, and
// LM-Polygraph's PRR. The reference libraries break ties between equal
// confidences by whatever order their sort leaves (item order for a stable
// sort, numpy's quicksort otherwise), so the same answers listed in another
// order get another number. Here each metric is its expectation over a
// uniformly random order within every group of tied confidences: inside a
// group of m items whose values sum to s, the first j of them sum to j*s/m in
// expectation, exactly, so no sampling is needed and the result depends on
// the items only, not on their order. Without ties it equals every sorted
// version. The stable and numpy-order versions stay (selective.ts, helm.ts,
// lmpolygraph.ts) for matching the references' own numbers.
import type { CalibrationData } from './calibration-data.ts';
import { confidenceOrder, oracleAurc, roundHalfEven } from './selective.ts';

/**
 * Expected prefix sums of `value` with items by confidence, most confident
 * first, ties in random order: prefix[k] = E[sum of the first k values]
 * (prefix[0] = 0). Linear inside each tie group.
 */
export function expectedPrefixSums(p: Float64Array, value: (i: number) => number): Float64Array {
  const n = p.length;
  // The panel's shared stable order when inside withSharedOrders (selective.ts), else a sort of its own.
  const order = confidenceOrder(p, 'stable');
  const prefix = new Float64Array(n + 1);
  let g = 0;
  while (g < n) {
    let end = g + 1;
    const v = p[order[g]!]!;
    while (end < n && p[order[end]!] === v) end++;
    const m = end - g;
    let s = 0;
    for (let k = g; k < end; k++) s += value(order[k]!);
    const before = prefix[g]!;
    for (let j = 1; j <= m; j++) prefix[g + j] = before + (j * s) / m;
    g = end;
  }
  return prefix;
}

export interface OrderFreeRanking {
  /** AURC: mean over coverages of the error rate of the most confident answers */
  aurc: number | null;
  /** AURC minus the oracle's (the oracle has no ties to order) */
  eAurc: number | null;
  /** accuracy of the round-half-even(c·n) most confident items, per coverage asked for */
  selective: Array<{ coverage: number; accuracy: number | null }>;
  /** HELM's selective_cov_acc_area: mean over k of the accuracy of the top k */
  helmSelectiveCovAccArea: number | null;
  /** HELM's selective_acc@10: accuracy of the floor(0.1·n) + 1 most confident items */
  helmSelectiveAcc10: number | null;
  /** LM-Polygraph's PRR, normalised with the analytic random baseline */
  prrNormalized: number | null;
}

/**
 * Every order-free ranking metric of one run from one sort, in one pass over
 * the tie groups: the expected correct count among the top k (the prefix
 * expectedPrefixSums gives for y) is formed as it is walked, never stored, so
 * a run of millions needs no array beyond its confidence order (the panel's
 * shared one inside withSharedOrders). The arithmetic is expectedPrefixSums'.
 */
export function orderFreeRanking(data: CalibrationData, coverages: readonly number[]): OrderFreeRanking {
  const n = data.p.length;
  const { p, y } = data;
  if (n === 0) {
    return {
      aurc: null,
      eAurc: null,
      selective: coverages.map((coverage) => ({ coverage, accuracy: null })),
      helmSelectiveCovAccArea: null,
      helmSelectiveAcc10: null,
      prrNormalized: null,
    };
  }
  const wanted = coverages.map((coverage) => {
    if (!(coverage >= 0 && coverage <= 1)) throw new RangeError(`coverage must be in [0, 1], got ${coverage}`);
    return roundHalfEven(coverage * n);
  });
  const top = Math.floor(0.1 * n) + 1;
  // The expected correct count among the top k, for the few k asked for by position.
  const at = new Map<number, number>(wanted.map((k) => [k, 0]));
  at.set(top, 0);
  const order = confidenceOrder(p, 'stable');
  let before = 0;
  // Errors are k minus the correct ones among the top k, so one prefix serves both sums.
  let aurcSum = 0;
  let areaSum = 0;
  let correctCount = 0;
  let g = 0;
  while (g < n) {
    let end = g + 1;
    const v = p[order[g]!]!;
    while (end < n && p[order[end]!] === v) end++;
    const m = end - g;
    let sum = 0;
    for (let k = g; k < end; k++) sum += y[order[k]!]!;
    for (let j = 1; j <= m; j++) {
      const k = g + j;
      const correct = before + (j * sum) / m;
      aurcSum += (k - correct) / k;
      areaSum += correct / k;
      if (at.has(k)) at.set(k, correct);
    }
    before = before + (m * sum) / m;
    correctCount += sum;
    g = end;
  }
  const aurc = aurcSum / n;
  const oracle = oracleAurc(data)!;
  // PRR's target is correctness min-max normalised: y itself, or 0.5 everywhere when y is
  // constant, when the oracle gains nothing over random rejection and PRR is undefined.
  let prrNormalized: number | null = null;
  if (correctCount > 0 && correctCount < n) {
    // The oracle rejects in target order: the correct ones (target 1) first.
    let prrOracle = 0;
    for (let k = 0; k < n; k++) prrOracle += (k < correctCount ? k + 1 : correctCount) / (k + 1);
    prrOracle /= n;
    const meanTarget = correctCount / n;
    const denom = prrOracle - meanTarget;
    prrNormalized = denom === 0 ? null : (areaSum / n - meanTarget) / denom;
  }
  return {
    aurc,
    eAurc: aurc - oracle,
    selective: coverages.map((coverage, i) => {
      const k = wanted[i]!;
      return { coverage, accuracy: k === 0 ? null : at.get(k)! / k };
    }),
    helmSelectiveCovAccArea: areaSum / n,
    helmSelectiveAcc10: top <= n ? at.get(top)! / top : null,
    prrNormalized,
  };
}
