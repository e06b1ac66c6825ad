// What the Items table lists: its search, outcome filter and order, and the
// request fields of items/list they become.
import type { EffectiveOutcome, ItemSort, SortDirection } from '../../../../shared/domain.ts';

export interface ItemsQuery {
  search: string;
  outcome: EffectiveOutcome | 'all';
  /** The table's order (file order by default); the Item view walks items in it too. */
  sort: ItemSort;
  sortDirection: SortDirection;
}

export const DEFAULT_ITEMS_QUERY: ItemsQuery = { search: '', outcome: 'all', sort: 'order', sortDirection: 'asc' };

export function queryParams(query: ItemsQuery): { search?: string; outcome?: EffectiveOutcome; sort?: ItemSort; sortDirection?: SortDirection } {
  const search = query.search.trim();
  const fileOrder = query.sort === 'order' && query.sortDirection === 'asc';
  return {
    ...(search ? { search } : {}),
    ...(query.outcome !== 'all' ? { outcome: query.outcome } : {}),
    ...(fileOrder ? {} : { sort: query.sort, sortDirection: query.sortDirection }),
  };
}
