// Chance-corrected agreement: Cohen's kappa for a pair of annotators and
// Fleiss' (or Randolph's) kappa for many. Unweighted only: the categories are
// nominal, so partial credit between them would be made up.
import { categoryCounts, confusionMatrix, type LabelMatrix, type UndefinedReason } from './matrix.ts';

export interface CohenKappa {
  /** null where sklearn.metrics.cohen_kappa_score returns nan; reason says why */
  value: number | null;
  reason: UndefinedReason | null;
  /** items both annotators labelled */
  n: number;
  /** share of those items on which they agree; null when n = 0 */
  observed: number | null;
  /** agreement expected from the two annotators' own marginals; null when n = 0 */
  expected: number | null;
}

/**
 * Cohen's kappa from a square confusion table (rows one rater, columns the
 * other). Follows sklearn 1.2.1's arithmetic, 1 - sum(off-diagonal observed) /
 * sum(off-diagonal expected counts), rather than (po - pe) / (1 - pe): the two
 * agree in exact arithmetic but not always to the last bit, and this keeps the
 * comparison with sklearn tight.
 */
export function cohenKappaFromConfusion(counts: readonly (readonly number[])[]): CohenKappa {
  const k = counts.length;
  const rowSum = new Array<number>(k).fill(0);
  const colSum = new Array<number>(k).fill(0);
  let n = 0;
  let agree = 0;
  for (let r = 0; r < k; r++) {
    const row = counts[r]!;
    if (row.length !== k) throw new Error('confusion table must be square');
    for (let c = 0; c < k; c++) {
      const x = row[c]!;
      rowSum[r]! += x;
      colSum[c]! += x;
      n += x;
      if (r === c) agree += x;
    }
  }
  if (n === 0) return { value: null, reason: 'no-overlap', n: 0, observed: null, expected: null };
  let disagree = 0;
  let expectedDisagree = 0;
  let expectedAgree = 0;
  for (let r = 0; r < k; r++) {
    for (let c = 0; c < k; c++) {
      if (r === c) {
        expectedAgree += (rowSum[r]! * colSum[c]!) / n;
      } else {
        disagree += counts[r]![c]!;
        expectedDisagree += (colSum[r]! * rowSum[c]!) / n;
      }
    }
  }
  const observed = agree / n;
  const expected = expectedAgree / n;
  // Expected disagreement is exactly 0 only when both raters used one and the
  // same category for every item; sklearn's 0/0 gives nan there.
  if (expectedDisagree === 0) return { value: null, reason: 'no-variation', n, observed, expected };
  return { value: 1 - disagree / expectedDisagree, reason: null, n, observed, expected };
}

/** Cohen's kappa between annotators a and b over the items both labelled. */
export function cohenKappa<C extends string>(matrix: LabelMatrix<C>, a: string, b: string): CohenKappa {
  return cohenKappaFromConfusion(confusionMatrix(matrix, a, b).counts);
}

export interface PairKappa extends CohenKappa {
  a: string;
  b: string;
}

/** Every unordered pair, in annotator order (a before b). */
export function pairwiseCohenKappa<C extends string>(matrix: LabelMatrix<C>): PairKappa[] {
  const out: PairKappa[] = [];
  const names = matrix.annotators;
  for (let i = 0; i < names.length; i++) {
    for (let j = i + 1; j < names.length; j++) {
      out.push({ a: names[i]!, b: names[j]!, ...cohenKappa(matrix, names[i]!, names[j]!) });
    }
  }
  return out;
}

export type FleissMethod = 'fleiss' | 'randolph';

export interface FleissKappa {
  value: number | null;
  reason: UndefinedReason | null;
  method: FleissMethod;
  /** raters per item in the items used (the modal count); 0 when none */
  raters: number;
  /** items with exactly `raters` labels: the ones the statistic covers */
  itemsUsed: number;
  /** items with two or more labels but a different count, left out */
  itemsDropped: number;
  /** mean per-item agreement, Fleiss' P-bar; null when no item is used */
  observed: number | null;
  /** chance agreement: sum of squared category shares (fleiss) or 1 / categories (randolph) */
  expected: number | null;
}

/**
 * Fleiss' kappa assumes every item has the same number of raters. With
 * missing labels we keep the items carrying the most common number of labels
 * (ties go to the larger number, which keeps more ratings per item) and report
 * how many were dropped; Krippendorff's alpha is the statistic that uses every
 * label. Items with fewer than two labels never count. 'randolph' is
 * Randolph's free-marginal kappa, chance = 1 / matrix.categories.length, so it
 * depends on the declared category set, not just the categories seen (as
 * statsmodels' 'randolph' depends on the table's column count).
 */
export function fleissKappa<C extends string>(
  matrix: LabelMatrix<C>,
  options: { method?: FleissMethod } = {},
): FleissKappa {
  const method = options.method ?? 'fleiss';
  const table = categoryCounts(matrix);
  const totals = table.map((row) => row.reduce((s, x) => s + x, 0));
  const frequency = new Map<number, number>();
  for (const m of totals) if (m >= 2) frequency.set(m, (frequency.get(m) ?? 0) + 1);
  let raters = 0;
  let best = 0;
  for (const [m, f] of frequency) {
    if (f > best || (f === best && m > raters)) {
      raters = m;
      best = f;
    }
  }
  const multiRated = [...frequency.values()].reduce((s, f) => s + f, 0);
  const base = { method, raters, itemsUsed: best, itemsDropped: multiRated - best };
  if (best === 0) return { ...base, value: null, reason: 'no-pairable-items', observed: null, expected: null };

  const used = table.filter((_, i) => totals[i] === raters);
  const k = matrix.categories.length;
  // Transcribes statsmodels.stats.inter_rater.fleiss_kappa step by step.
  const nTotal = used.length * raters;
  let pMean = 0;
  for (const row of used) {
    let squares = 0;
    for (const x of row) squares += x * x;
    pMean += (squares - raters) / (raters * (raters - 1));
  }
  pMean /= used.length;
  let expected: number;
  if (method === 'fleiss') {
    expected = 0;
    for (let c = 0; c < k; c++) {
      let colSum = 0;
      for (const row of used) colSum += row[c]!;
      const p = colSum / nTotal;
      expected += p * p;
    }
  } else {
    expected = 1 / k;
  }
  // One category for every label (or a single declared category): 0/0.
  if (expected === 1) return { ...base, value: null, reason: 'no-variation', observed: pMean, expected };
  return { ...base, value: (pMean - expected) / (1 - expected), reason: null, observed: pMean, expected };
}
