// The Items table in any column's order, fast on a million-item run. SQLite
// would sort the whole run for every page (no index fits every column, and an
// index per column would slow every import and label), so a run's order by a
// column is computed once from per-item keys held beside the tables
// (derived.ts: a counting sort for grades, a stable radix argsort for numbers),
// kept while the labels it depends on do not move, and a page is then a slice
// of it: about 200 lookups by (run, ord). Filters other than outcome and
// confidence (a search, a queue's filter) are answered by SQL once per query
// and applied to the order.
import { OUTCOMES, type ItemSort, type Outcome, type SortDirection } from '../../shared/domain.ts';
import { argsortAscendingStable, argsortDescendingStable } from '../../shared/metrics/sort.ts';
import { OUTCOME_CODE, type OutcomeColumns } from '../../shared/metrics/types.ts';
import type { StoreContext } from './context.ts';
import { buildItemQuery, type ItemQuery } from './item-query.ts';

/** Orders that move with labels (recomputed, in one pass, after a label changes the run). */
const LABEL_DEPENDENT: ReadonlySet<ItemSort> = new Set(['outcome', 'label', 'disagreement']);

/** Whether a query needs an order other than SQL's file order (or a queue's own). */
export function needsItemOrder(query: ItemQuery): boolean {
  return query.sort !== undefined && !(query.sort === 'order' && query.sortDirection !== 'desc');
}

/**
 * Positions 0..n-1 grouped by a small rank, ranks in `ranks` order, each group
 * in position order; positions whose rank is not listed (no value) come last.
 */
function countingOrder(n: number, rankOf: (i: number) => number, ranks: readonly number[]): Uint32Array {
  const slot = new Int16Array(256).fill(ranks.length);
  ranks.forEach((rank, k) => (slot[rank] = k));
  const counts = new Uint32Array(ranks.length + 1);
  for (let i = 0; i < n; i++) counts[slot[rankOf(i)]!]!++;
  const starts = new Uint32Array(ranks.length + 1);
  for (let k = 1; k <= ranks.length; k++) starts[k] = starts[k - 1]! + counts[k - 1]!;
  const order = new Uint32Array(n);
  for (let i = 0; i < n; i++) order[starts[slot[rankOf(i)]!]!++] = i;
  return order;
}

/** Positions by a numeric key, ties in position order; NaN (no value) last in either direction. */
function numericOrder(key: Float64Array, direction: SortDirection): Uint32Array {
  const present: number[] = [];
  const missing: number[] = [];
  for (let i = 0; i < key.length; i++) (Number.isNaN(key[i]!) ? missing : present).push(i);
  const values = Float64Array.from(present, (i) => key[i]!);
  const sorted = direction === 'desc' ? argsortDescendingStable(values) : argsortAscendingStable(values);
  const order = new Uint32Array(key.length);
  for (let k = 0; k < sorted.length; k++) order[k] = present[sorted[k]!]!;
  order.set(missing, sorted.length);
  return order;
}

const GRADE_RANKS = OUTCOMES.map((outcome) => OUTCOME_CODE[outcome]);

export class ItemOrder {
  /** The last filtered order: the next page of the same query is a slice of it. */
  private last: { runId: number; key: string; order: Uint32Array; positions: Uint32Array } | null = null;

  constructor(
    private readonly ctx: StoreContext,
    /** The run's cached outcome and confidence columns (ItemStore.columns). */
    private readonly columns: (runId: number) => OutcomeColumns,
  ) {}

  /** Every item the query keeps, as run positions (ord), in its order. */
  positions(runId: number, query: ItemQuery): Uint32Array {
    const sort = query.sort ?? 'order';
    const direction = query.sortDirection ?? 'asc';
    const order = this.order(runId, sort, direction);
    const { search, outcome, confidenceMin, confidenceMax, queue, annotator } = query;
    // The filters read labels (outcome, queues): a label anywhere in the run makes a new key.
    const key = JSON.stringify([search, outcome, confidenceMin, confidenceMax, queue, annotator, this.ctx.derived.labelStamp(runId)]);
    const cached = this.last;
    if (cached && cached.runId === runId && cached.key === key && cached.order === order) return cached.positions;
    const keep = this.mask(runId, query);
    if (!keep) return order;
    let n = 0;
    const kept = new Uint32Array(order.length);
    for (let k = 0; k < order.length; k++) {
      const ord = order[k]!;
      if (keep[ord]) kept[n++] = ord;
    }
    const positions = kept.slice(0, n);
    this.last = { runId, key, order, positions };
    return positions;
  }

  private order(runId: number, sort: ItemSort, direction: SortDirection): Uint32Array {
    const stamp = LABEL_DEPENDENT.has(sort) ? this.ctx.derived.labelStamp(runId) : 0;
    return this.ctx.derived.order(runId, `${sort}:${direction}`, stamp, () => this.compute(runId, sort, direction));
  }

  private compute(runId: number, sort: ItemSort, direction: SortDirection): Uint32Array {
    const n = this.columns(runId).outcome.length;
    const grades = direction === 'desc' ? [...GRADE_RANKS].reverse() : GRADE_RANKS;
    const byGrade = (codes: Uint8Array) => countingOrder(n, (i) => codes[i]!, grades);
    switch (sort) {
      case 'order': {
        const order = new Uint32Array(n);
        for (let i = 0; i < n; i++) order[i] = direction === 'desc' ? n - 1 - i : i;
        return order;
      }
      case 'confidence':
        return numericOrder(this.columns(runId).confidence, direction);
      case 'length':
        return numericOrder(this.lengthKey(runId), direction);
      case 'outcome':
        return byGrade(this.columns(runId).outcome);
      case 'label':
        return byGrade(this.codeKey(runId, 'label'));
      case 'grade':
        return byGrade(this.codeKey(runId, 'grade'));
      case 'suggested':
        return byGrade(this.codeKey(runId, 'suggested'));
      case 'disagreement': {
        const label = this.codeKey(runId, 'label');
        const grade = this.codeKey(runId, 'grade');
        const disputed = this.disputedKey(runId);
        // 2: annotators dispute it; 1: the human label differs from the imported grade; 0: neither.
        const level = (i: number) => (disputed[i] ? 2 : label[i] && grade[i] && label[i] !== grade[i] ? 1 : 0);
        return countingOrder(n, level, direction === 'desc' ? [2, 1, 0] : [0, 1, 2]);
      }
    }
  }

  /** Outcome codes of a grade column in run order (0 where there is none). */
  private codeKey(runId: number, key: 'label' | 'grade' | 'suggested'): Uint8Array {
    const column = key === 'label' ? 'label' : key === 'grade' ? 'imported_grade' : 'suggested_grade';
    return this.ctx.derived.sortKey(runId, key, () => {
      const values = this.ctx.db.prepare(`SELECT ${column} FROM items WHERE run_id = ? ORDER BY ord`).pluck().all(runId) as Array<Outcome | null>;
      return Uint8Array.from(values, (value) => OUTCOME_CODE[value ?? 'unlabeled']);
    });
  }

  private disputedKey(runId: number): Uint8Array {
    return this.ctx.derived.sortKey(runId, 'disputed', () =>
      Uint8Array.from(this.ctx.db.prepare('SELECT disputed FROM items WHERE run_id = ? ORDER BY ord').pluck().all(runId) as number[]),
    );
  }

  private lengthKey(runId: number): Float64Array {
    return this.ctx.derived.sortKey(runId, 'length', () =>
      Float64Array.from(this.ctx.db.prepare('SELECT length(answer) FROM items WHERE run_id = ? ORDER BY ord').pluck().all(runId) as number[]),
    );
  }

  /**
   * Which positions the query keeps (1) as a mask over the run, or null for
   * all. Outcome and confidence are read from the cached columns; a search or
   * a queue's filter is asked of SQL (a scan, as the same filter in file order
   * costs).
   */
  private mask(runId: number, query: ItemQuery): Uint8Array | null {
    const { outcome, confidence } = this.columns(runId);
    const n = outcome.length;
    const searched = query.search !== undefined && query.search.trim() !== '';
    const queueFilter = query.queue === 'unlabeled' || query.queue === 'disagree' || query.queue === 'disputed';
    const { confidenceMin: min, confidenceMax: max } = query;
    if (!query.outcome && min === undefined && max === undefined && !searched && !queueFilter) return null;
    const mask = new Uint8Array(n);
    if (searched || queueFilter) {
      const built = buildItemQuery(runId, { search: query.search, queue: queueFilter ? query.queue : undefined, annotator: query.annotator });
      for (const ord of this.ctx.db.prepare(`SELECT ord FROM items WHERE ${built.where}`).pluck().iterate(...built.whereParams) as Iterable<number>) {
        if (ord < n) mask[ord] = 1;
      }
    } else mask.fill(1);
    if (query.outcome) {
      const code = OUTCOME_CODE[query.outcome];
      for (let i = 0; i < n; i++) if (outcome[i] !== code) mask[i] = 0;
    }
    // NaN (no confidence) fails both bounds, as SQL's NULL does.
    if (min !== undefined) for (let i = 0; i < n; i++) if (!(confidence[i]! >= min)) mask[i] = 0;
    if (max !== undefined) for (let i = 0; i < n; i++) if (!(confidence[i]! <= max)) mask[i] = 0;
    return mask;
  }
}
