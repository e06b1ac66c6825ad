// The Items table's search, filter and order in the URL (#/run/3/items?q=paris&outcome=incorrect&sort=confidence&dir=desc),
// so a reload, a bookmark or back/forward reopens the same rows. Only what
// differs from the defaults is written; a URL typed by anyone is read value by
// value, and what is not understood is left out.
import { EFFECTIVE_OUTCOMES, ITEM_SORTS } from '../../../../shared/domain.ts';
import type { ItemsQuery } from './query.ts';
import { firstDirection } from './columns.ts';

const MAX_SEARCH = 200;

/** The query the URL states (defaults for what it leaves out), or null when it states nothing of the table. */
export function queryFromParams(params: Record<string, string> | null, defaults: ItemsQuery): ItemsQuery | null {
  if (!params) return null;
  const { q, outcome, sort, dir } = params;
  if (q === undefined && outcome === undefined && sort === undefined && dir === undefined) return null;
  const query: ItemsQuery = { ...defaults, search: '', outcome: 'all', sort: 'order', sortDirection: 'asc' };
  if (q !== undefined) query.search = q.slice(0, MAX_SEARCH);
  const pickedOutcome = EFFECTIVE_OUTCOMES.find((o) => o === outcome);
  if (pickedOutcome) query.outcome = pickedOutcome;
  const pickedSort = ITEM_SORTS.find((s) => s === sort);
  if (pickedSort) {
    query.sort = pickedSort;
    query.sortDirection = dir === 'asc' || dir === 'desc' ? dir : firstDirection(pickedSort);
  } else if (dir === 'desc') {
    query.sortDirection = 'desc';
  }
  return query;
}

export function queryToParams(query: ItemsQuery): Record<string, string> {
  const params: Record<string, string> = {};
  if (query.search.trim()) params.q = query.search.trim().slice(0, MAX_SEARCH);
  if (query.outcome !== 'all') params.outcome = query.outcome;
  if (query.sort !== 'order' || query.sortDirection !== 'asc') {
    params.sort = query.sort;
    params.dir = query.sortDirection;
  }
  return params;
}

export function sameQuery(a: ItemsQuery, b: ItemsQuery): boolean {
  return JSON.stringify(queryToParams(a)) === JSON.stringify(queryToParams(b));
}
