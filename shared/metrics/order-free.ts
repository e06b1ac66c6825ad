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
import { normalizeTarget } from './lmpolygraph.ts';
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

/** mean over k = 1..n of prefix[k] / k: the area every rank-by-confidence curve here is. */
function meanOfPrefixMeans(prefix: Float64Array): number {
  const n = prefix.length - 1;
  let s = 0;
  for (let k = 1; k <= n; k++) s += prefix[k]! / k;
  return s / n;
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

/** Every order-free ranking metric of one run from one sort. */
export function orderFreeRanking(data: CalibrationData, coverages: readonly number[]): OrderFreeRanking {
  const n = data.p.length;
  const { y } = data;
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
  const correct = expectedPrefixSums(data.p, (i) => y[i]!);
  // Errors are k minus the correct ones among the top k, so one prefix serves both.
  let aurcSum = 0;
  for (let k = 1; k <= n; k++) aurcSum += (k - correct[k]!) / k;
  const aurc = aurcSum / n;
  const oracle = oracleAurc(data)!;
  const selective = coverages.map((coverage) => {
    if (!(coverage >= 0 && coverage <= 1)) throw new RangeError(`coverage must be in [0, 1], got ${coverage}`);
    const k = roundHalfEven(coverage * n);
    return { coverage, accuracy: k === 0 ? null : correct[k]! / k };
  });
  const top = Math.floor(0.1 * n) + 1;
  // PRR's target is correctness min-max normalised (a constant target maps to 0.5).
  const target = normalizeTarget(Float64Array.from(y));
  const prrRaw = meanOfPrefixMeans(expectedPrefixSums(data.p, (i) => target[i]!));
  const sorted = Float64Array.from(target).sort().reverse();
  let cum = 0;
  let prrOracle = 0;
  let meanTarget = 0;
  for (let k = 0; k < n; k++) {
    cum += sorted[k]!;
    prrOracle += cum / (k + 1);
    meanTarget += target[k]!;
  }
  prrOracle /= n;
  meanTarget /= n;
  const denom = prrOracle - meanTarget;
  return {
    aurc,
    eAurc: aurc - oracle,
    selective,
    helmSelectiveCovAccArea: meanOfPrefixMeans(correct),
    helmSelectiveAcc10: top <= n ? correct[top]! / top : null,
    prrNormalized: denom === 0 ? null : (prrRaw - meanTarget) / denom,
  };
}
