// Raw (not chance-corrected) agreement: overall, and per category.
import { categoryCounts, type ConfusionMatrix, type LabelMatrix } from './matrix.ts';

export interface PercentAgreement {
  /** items with at least two labels; the others say nothing about agreement */
  items: number;
  /** unordered pairs of labels within those items: sum of m(m-1)/2 */
  pairs: number;
  agreeingPairs: number;
  /**
   * agreeingPairs / pairs: pooled over items, so an item with more labels
   * weighs more. For two annotators, the share of co-labelled items they agree on.
   */
  pairwise: number | null;
  /**
   * Mean over items of the item's share of agreeing pairs: each item weighs
   * the same. Equals Fleiss' observed agreement (P-bar) when every item has the
   * same number of labels, and equals `pairwise` then too.
   */
  meanItemPairwise: number | null;
  /** Share of items on which every label is the same category. */
  unanimous: number | null;
}

/** Over items labelled by at least two annotators; all null when there are none. */
export function percentAgreement<C extends string>(matrix: LabelMatrix<C>): PercentAgreement {
  let items = 0;
  let pairs = 0;
  let agreeingPairs = 0;
  let itemShares = 0;
  let unanimousItems = 0;
  for (const counts of categoryCounts(matrix)) {
    const m = counts.reduce((s, x) => s + x, 0);
    if (m < 2) continue;
    const itemPairs = (m * (m - 1)) / 2;
    let agreeing = 0;
    for (const x of counts) agreeing += (x * (x - 1)) / 2;
    items += 1;
    pairs += itemPairs;
    agreeingPairs += agreeing;
    itemShares += agreeing / itemPairs;
    if (agreeing === itemPairs) unanimousItems += 1;
  }
  if (items === 0) return { items, pairs, agreeingPairs, pairwise: null, meanItemPairwise: null, unanimous: null };
  return {
    items,
    pairs,
    agreeingPairs,
    pairwise: agreeingPairs / pairs,
    meanItemPairwise: itemShares / items,
    unanimous: unanimousItems / items,
  };
}

export interface SpecificAgreement {
  /** null when no multi-labelled item carries this category */
  value: number | null;
  /** ordered pairs of labels within items where both are this category */
  agreeing: number;
  /** ordered pairs of labels within items where the first is this category */
  possible: number;
}

/**
 * Specific (category-wise) agreement: given that one label on an item is this
 * category, the chance another label on the same item is too.
 * Many raters (Uebersax's generalisation): sum_i n_ic (n_ic - 1) / sum_i n_ic (m_i - 1)
 * over items with m_i >= 2 labels. For two raters this is 2 n_cc / (row_c + col_c),
 * positive and negative agreement in the binary case.
 */
export function specificAgreement<C extends string>(matrix: LabelMatrix<C>): Record<C, SpecificAgreement> {
  const k = matrix.categories.length;
  const agreeing = new Array<number>(k).fill(0);
  const possible = new Array<number>(k).fill(0);
  for (const counts of categoryCounts(matrix)) {
    const m = counts.reduce((s, x) => s + x, 0);
    if (m < 2) continue;
    counts.forEach((x, c) => {
      agreeing[c]! += x * (x - 1);
      possible[c]! += x * (m - 1);
    });
  }
  return byCategory(matrix.categories, (c) => ({
    value: possible[c] === 0 ? null : agreeing[c]! / possible[c]!,
    agreeing: agreeing[c]!,
    possible: possible[c]!,
  }));
}

/** The two-rater form, 2 n_cc / (row_c + col_c), straight from a confusion matrix. */
export function specificAgreementFromConfusion<C extends string>(confusion: ConfusionMatrix<C>): Record<C, SpecificAgreement> {
  const { counts, categories } = confusion;
  return byCategory(categories, (c) => {
    const row = counts[c]!.reduce((s, x) => s + x, 0);
    const col = counts.reduce((s, r) => s + r[c]!, 0);
    const agreeing = 2 * counts[c]![c]!;
    const possible = row + col;
    return { value: possible === 0 ? null : agreeing / possible, agreeing, possible };
  });
}

function byCategory<C extends string, T>(categories: readonly C[], f: (index: number) => T): Record<C, T> {
  const out = {} as Record<C, T>;
  categories.forEach((name, c) => {
    out[name] = f(c);
  });
  return out;
}
