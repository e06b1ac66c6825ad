// Krippendorff's alpha for nominal data, by the coincidence-matrix method
// (Krippendorff 2011, "Computing Krippendorff's Alpha-Reliability"). It is the
// statistic built for missing data: every item with two or more labels
// contributes, whatever the number of labels.
import { categoryCounts, type LabelMatrix, type UndefinedReason } from './matrix.ts';

export interface KrippendorffAlpha {
  /** null where alpha is 0/0; reason says why */
  value: number | null;
  reason: UndefinedReason | null;
  /** items with at least two labels (Krippendorff's pairable units) */
  pairableItems: number;
  /** labels inside those items: n, the total of the coincidence matrix */
  pairableValues: number;
  /**
   * coincidences[c][k], in category order: the number of c-k pairs of labels
   * within items, each item's pairs weighted by 1 / (labels in it - 1) so that
   * every pairable label contributes exactly 1 in total. Symmetric.
   */
  coincidences: number[][];
  /** D_o: the share of pairable coincidences that disagree; null when n = 0 */
  observedDisagreement: number | null;
  /** D_e: the disagreement expected from the pooled category shares; null when n = 0 */
  expectedDisagreement: number | null;
}

/**
 * alpha = 1 - D_o / D_e with the nominal difference (0 for the same category,
 * 1 otherwise), computed as 1 - (n - 1) * sum_{c != k} o_ck / sum_{c != k} n_c n_k.
 * Undefined (null) without pairable items, and when every pairable label is
 * the same category (D_e = 0; Krippendorff: there is no variation to be
 * reliable about). Categories declared but never used do not change alpha.
 */
export function krippendorffAlpha<C extends string>(matrix: LabelMatrix<C>): KrippendorffAlpha {
  const k = matrix.categories.length;
  const o = Array.from({ length: k }, () => new Array<number>(k).fill(0));
  let pairableItems = 0;
  for (const counts of categoryCounts(matrix)) {
    const m = counts.reduce((s, x) => s + x, 0);
    if (m < 2) continue;
    pairableItems += 1;
    // Within one item, the c-k pairs number n_c * n_k, or n_c * (n_c - 1) on
    // the diagonal since a label does not pair with itself.
    for (let c = 0; c < k; c++) {
      const nc = counts[c]!;
      if (nc === 0) continue;
      for (let j = 0; j < k; j++) {
        const pairs = c === j ? nc * (nc - 1) : nc * counts[j]!;
        if (pairs !== 0) o[c]![j]! += pairs / (m - 1);
      }
    }
  }
  const marginals = o.map((row) => row.reduce((s, x) => s + x, 0));
  const n = marginals.reduce((s, x) => s + x, 0);
  const base = { pairableItems, pairableValues: n, coincidences: o };
  if (pairableItems === 0) {
    return { ...base, value: null, reason: 'no-pairable-items', observedDisagreement: null, expectedDisagreement: null };
  }
  let offDiagonal = 0;
  let expectedPairs = 0;
  for (let c = 0; c < k; c++) {
    for (let j = 0; j < k; j++) {
      if (c === j) continue;
      offDiagonal += o[c]![j]!;
      expectedPairs += marginals[c]! * marginals[j]!;
    }
  }
  const observedDisagreement = offDiagonal / n;
  const expectedDisagreement = expectedPairs / (n * (n - 1));
  if (expectedPairs === 0) {
    return { ...base, value: null, reason: 'no-variation', observedDisagreement, expectedDisagreement };
  }
  const value = 1 - ((n - 1) * offDiagonal) / expectedPairs;
  return { ...base, value, reason: null, observedDisagreement, expectedDisagreement };
}
