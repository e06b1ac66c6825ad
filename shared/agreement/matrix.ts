// The label matrix every agreement statistic reads, and the two-annotator
// views derived from it. Generic over the category type so the published
// worked examples (values 1..5, pos/neg/neu) run through the same code as
// Candor's outcomes.
import { OUTCOMES, type Outcome } from '../domain.ts';

/**
 * items x annotators; cells[i][a] is the category annotator a gave item i, or
 * null when a did not label i. categories fixes the order of every count
 * table (confusion matrices, coincidence matrices, per-category results).
 */
export interface LabelMatrix<C extends string = Outcome> {
  readonly categories: readonly C[];
  readonly items: readonly string[];
  readonly annotators: readonly string[];
  readonly cells: ReadonlyArray<ReadonlyArray<C | null>>;
}

export interface AgreementRecord<C extends string = Outcome> {
  itemKey: string;
  annotator: string;
  /** null records that the annotator cleared their label. */
  outcome: C | null;
}

export interface LabelMatrixOptions<C extends string = Outcome> {
  /** Defaults to OUTCOMES; required in practice when C is not Outcome. */
  categories?: readonly C[];
  /** Fixes row order; listed items without records become empty rows. Every record's item must be listed. */
  items?: readonly string[];
  /** Fixes column order, same rules as items. */
  annotators?: readonly string[];
}

/** Why a statistic has no value (where a reference library would return nan or raise). */
export type UndefinedReason =
  /** the two annotators share no labelled item */
  | 'no-overlap'
  /** no item carries two or more labels */
  | 'no-pairable-items'
  /** chance agreement is 1 (every label is the same category): the statistic is 0/0 */
  | 'no-variation';

function indexOf(names: readonly string[], what: string): Map<string, number> {
  const map = new Map<string, number>();
  names.forEach((name, i) => {
    if (map.has(name)) throw new Error(`duplicate ${what} ${JSON.stringify(name)}`);
    map.set(name, i);
  });
  return map;
}

/** Validates shape and categories so the statistics can trust the matrix. */
export function createLabelMatrix<C extends string>(matrix: LabelMatrix<C>): LabelMatrix<C> {
  const allowed = new Set<string>(matrix.categories);
  if (allowed.size !== matrix.categories.length) throw new Error('duplicate category');
  indexOf(matrix.items, 'item');
  indexOf(matrix.annotators, 'annotator');
  if (matrix.cells.length !== matrix.items.length) throw new Error('cells must have one row per item');
  matrix.cells.forEach((row, i) => {
    if (row.length !== matrix.annotators.length) throw new Error(`row ${i} must have one cell per annotator`);
    for (const cell of row) {
      if (cell !== null && !allowed.has(cell)) throw new Error(`unknown category ${JSON.stringify(cell)} in row ${i}`);
    }
  });
  return matrix;
}

/**
 * Builds the matrix from label records in chronological order: a later record
 * for the same (item, annotator) replaces an earlier one, and a null outcome
 * clears it, which is how the label history in the store reads.
 */
export function buildLabelMatrix<C extends string = Outcome>(
  records: Iterable<AgreementRecord<C>>,
  options: LabelMatrixOptions<C> = {},
): LabelMatrix<C> {
  const categories = options.categories ?? (OUTCOMES as unknown as readonly C[]);
  const latest = new Map<string, Map<string, C | null>>();
  const seenItems: string[] = [];
  const seenAnnotators = new Set<string>();
  for (const r of records) {
    let row = latest.get(r.itemKey);
    if (!row) {
      row = new Map();
      latest.set(r.itemKey, row);
      seenItems.push(r.itemKey);
    }
    row.set(r.annotator, r.outcome);
    seenAnnotators.add(r.annotator);
  }
  const items = options.items ?? seenItems;
  const annotators = options.annotators ?? [...seenAnnotators];
  const itemSet = new Set(items);
  const annotatorSet = new Set(annotators);
  for (const key of seenItems) if (!itemSet.has(key)) throw new Error(`record for unlisted item ${JSON.stringify(key)}`);
  for (const name of seenAnnotators) {
    if (!annotatorSet.has(name)) throw new Error(`record by unlisted annotator ${JSON.stringify(name)}`);
  }
  const cells = items.map((key) => {
    const row = latest.get(key);
    return annotators.map((name) => row?.get(name) ?? null);
  });
  return createLabelMatrix({ categories, items: [...items], annotators: [...annotators], cells });
}

/** The matrix restricted to some annotators, in the order given. */
export function selectAnnotators<C extends string>(matrix: LabelMatrix<C>, annotators: readonly string[]): LabelMatrix<C> {
  const cols = annotators.map((name) => annotatorIndex(matrix, name));
  return createLabelMatrix({
    categories: matrix.categories,
    items: matrix.items,
    annotators: [...annotators],
    cells: matrix.cells.map((row) => cols.map((c) => row[c] ?? null)),
  });
}

/**
 * Adds a pseudo-annotator column, typically an automatic grader, so every
 * statistic treats it like one more rater. Labels for items not in the matrix
 * are ignored: with no human label there is nothing to agree with.
 */
export function withAnnotator<C extends string>(
  matrix: LabelMatrix<C>,
  name: string,
  labels: ReadonlyMap<string, C | null>,
): LabelMatrix<C> {
  if (matrix.annotators.includes(name)) throw new Error(`annotator ${JSON.stringify(name)} already in the matrix`);
  return createLabelMatrix({
    categories: matrix.categories,
    items: matrix.items,
    annotators: [...matrix.annotators, name],
    cells: matrix.items.map((key, i) => [...(matrix.cells[i] ?? []), labels.get(key) ?? null]),
  });
}

export function annotatorIndex(matrix: LabelMatrix<string>, name: string): number {
  const i = matrix.annotators.indexOf(name);
  if (i < 0) throw new Error(`unknown annotator ${JSON.stringify(name)}`);
  return i;
}

/**
 * Per item, how many labels fell in each category (items x categories), the
 * table Fleiss' kappa, alpha and specific agreement all start from.
 */
export function categoryCounts<C extends string>(matrix: LabelMatrix<C>): number[][] {
  const index = new Map<string, number>(matrix.categories.map((c, k) => [c, k]));
  return matrix.cells.map((row) => {
    const counts = new Array<number>(matrix.categories.length).fill(0);
    for (const cell of row) if (cell !== null) counts[index.get(cell)!]! += 1;
    return counts;
  });
}

export interface ConfusionMatrix<C extends string = Outcome> {
  categories: readonly C[];
  /** annotator whose labels index the rows */
  rows: string;
  /** annotator whose labels index the columns */
  cols: string;
  /** counts[r][c]: items rows-annotator put in categories[r] and cols-annotator in categories[c] */
  counts: number[][];
  /** items both labelled */
  n: number;
}

/** Counts over the items both annotators labelled (sklearn confusion_matrix(y_a, y_b, labels=categories)). */
export function confusionMatrix<C extends string>(matrix: LabelMatrix<C>, a: string, b: string): ConfusionMatrix<C> {
  const ia = annotatorIndex(matrix, a);
  const ib = annotatorIndex(matrix, b);
  const index = new Map<string, number>(matrix.categories.map((c, k) => [c, k]));
  const k = matrix.categories.length;
  const counts = Array.from({ length: k }, () => new Array<number>(k).fill(0));
  let n = 0;
  for (const row of matrix.cells) {
    const x = row[ia];
    const y = row[ib];
    if (x == null || y == null) continue;
    counts[index.get(x)!]![index.get(y)!]! += 1;
    n += 1;
  }
  return { categories: matrix.categories, rows: a, cols: b, counts, n };
}
