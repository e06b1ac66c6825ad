// The Items table's header: the select-all box, then each shown column; a
// sortable column's header is a button (click: its order; again: reversed),
// and aria-sort says which order the rows are in.
import type { ItemSort, SortDirection } from '../../../../shared/domain.ts';
import { HeadCheckbox } from './HeadCheckbox.tsx';
import { ITEM_COLUMNS, type ItemColumn } from './columns.ts';

interface Props {
  columns: readonly ItemColumn[];
  grid: string;
  sort: ItemSort;
  sortDirection: SortDirection;
  onSort: (sort: ItemSort) => void;
  select: { checked: boolean; mixed: boolean; disabled: boolean; total: number; onToggle: () => void };
}

export function ItemsHead({ columns, grid, sort, sortDirection, onSort, select }: Props) {
  return (
    <div className="items-row items-head" role="row" style={{ gridTemplateColumns: grid }}>
      <span role="columnheader" className="check-col">
        <HeadCheckbox {...select} />
      </span>
      {ITEM_COLUMNS.filter((column) => columns.includes(column.id)).map((column) => {
        const sortBy: ItemSort | undefined = 'sort' in column ? column.sort : undefined;
        const numeric = 'numeric' in column && column.numeric;
        const title = 'title' in column ? column.title : undefined;
        if (!sortBy) {
          return (
            <span key={column.id} role="columnheader" title={title}>
              {column.label}
            </span>
          );
        }
        const active = sort === sortBy && !(sortBy === 'order' && sortDirection === 'asc');
        const ariaSort = active ? (sortDirection === 'asc' ? 'ascending' : 'descending') : 'none';
        return (
          <span key={column.id} role="columnheader" aria-sort={ariaSort} className={numeric ? 'num-col' : undefined}>
            <button
              type="button"
              className={active ? 'sort-button active' : 'sort-button'}
              data-testid={`sort-${column.id}`}
              title={`${title ? `${title}. ` : ''}Sort by ${column.label}${active ? ' (click again to reverse)' : ''}`}
              onClick={() => onSort(sortBy)}
            >
              {column.label}
              <span className="sort-mark" aria-hidden="true">
                {active ? (sortDirection === 'asc' ? '\u25B2' : '\u25BC') : ''}
              </span>
            </button>
          </span>
        );
      })}
    </div>
  );
}
