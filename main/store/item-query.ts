import type { EffectiveOutcome, ItemSort, Queue, SortDirection } from '../../shared/domain.ts';

export interface ItemQuery {
  search?: string | undefined;
  outcome?: EffectiveOutcome | undefined;
  queue?: Queue | undefined;
  /** Whose work the 'unlabeled' queue is about. */
  annotator?: string | undefined;
  /** Seed of the 'random' queue: the same seed gives the same order. */
  seed?: number | undefined;
  confidenceMin?: number | undefined;
  confidenceMax?: number | undefined;
  /** A column's order (item-order.ts) instead of the queue's; absent or 'order' ascending is file order. */
  sort?: ItemSort | undefined;
  sortDirection?: SortDirection | undefined;
}

export const EFFECTIVE_SQL = `COALESCE(label, imported_grade, 'unlabeled')`;

// A seeded shuffle key in plain SQL integer arithmetic (no callback into JS, so
// it stays fast, and the same on every machine). Operands stay below 2^62, so
// SQLite never overflows into floating point; the squaring makes different
// seeds give different orders, not shifted copies of one. (better-sqlite3
// binds numbers as REAL, hence the CAST.)
const PRIME = 2147483647;
const SEED_SQL = `(CAST(? AS INTEGER) % ${PRIME})`;
const SHUFFLE_SQL =
  `((((((id + ${SEED_SQL} * 7919) % ${PRIME}) * 48271 % ${PRIME}) * ((id + 1) * 16807 % ${PRIME}) % ${PRIME}) ` +
  `* ((((id + 1) * 16807 % ${PRIME}) + ${SEED_SQL}) % ${PRIME}) % ${PRIME}))`;

/**
 * Each queue is a filter plus an order. Orders are tuples ending in `ord`, so
 * every position is unique and "the item after this one" is a row-value
 * comparison on the same tuple.
 */
function orderKey(query: ItemQuery): { columns: string[]; params: unknown[] } {
  switch (query.queue) {
    case 'expensive':
      return {
        columns: [
          `(${EFFECTIVE_SQL} = 'abstained')`,
          // Highest confidence first; items without one after every stated confidence.
          '-COALESCE(confidence, -1)',
          `(${EFFECTIVE_SQL} <> 'incorrect')`,
          'ord',
        ],
        params: [],
      };
    case 'random':
      return { columns: [SHUFFLE_SQL, 'ord'], params: [query.seed ?? 0, query.seed ?? 0] };
    default:
      return { columns: ['ord'], params: [] };
  }
}

export interface BuiltQuery {
  where: string;
  whereParams: unknown[];
  key: string[];
  keyParams: unknown[];
}

export function buildItemQuery(runId: number, query: ItemQuery): BuiltQuery {
  const clauses = ['run_id = ?'];
  const whereParams: unknown[] = [runId];
  if (query.outcome) {
    clauses.push(`${EFFECTIVE_SQL} = ?`);
    whereParams.push(query.outcome);
  }
  if (query.search && query.search.trim() !== '') {
    const pattern = `%${query.search.trim().replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
    clauses.push(
      `(item_key LIKE ? ESCAPE '\\' OR prompt LIKE ? ESCAPE '\\' OR answer LIKE ? ESCAPE '\\' OR gold LIKE ? ESCAPE '\\')`,
    );
    whereParams.push(pattern, pattern, pattern, pattern);
  }
  if (query.confidenceMin !== undefined) {
    clauses.push('confidence >= ?');
    whereParams.push(query.confidenceMin);
  }
  if (query.confidenceMax !== undefined) {
    clauses.push('confidence <= ?');
    whereParams.push(query.confidenceMax);
  }
  switch (query.queue) {
    case 'unlabeled':
      // Not yet labelled by this annotator (a cleared label counts as not labelled).
      clauses.push(
        `NOT EXISTS (SELECT 1 FROM labels l WHERE l.item_id = items.id AND l.annotator = ? AND l.kind = 'label'
           AND l.id = (SELECT MAX(x.id) FROM labels x WHERE x.item_id = items.id AND x.annotator = l.annotator AND x.kind = 'label')
           AND l.outcome IS NOT NULL)`,
      );
      whereParams.push(query.annotator ?? '');
      break;
    case 'disagree':
      clauses.push('label IS NOT NULL AND imported_grade IS NOT NULL AND label <> imported_grade');
      break;
    case 'disputed':
      clauses.push('disputed = 1');
      break;
    default:
      break;
  }
  const { columns, params } = orderKey(query);
  return { where: clauses.join(' AND '), whereParams, key: columns, keyParams: params };
}
