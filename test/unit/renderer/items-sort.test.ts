// The Items table's columns and its query in the URL, as data.
import { describe, expect, it } from 'vitest';
import { DEFAULT_COLUMNS, gridTemplate, nextSort, readColumns, toggleColumn } from '../../../renderer/src/views/items/columns.ts';
import { queryFromParams, queryToParams, sameQuery } from '../../../renderer/src/views/items/query-url.ts';
import { DEFAULT_ITEMS_QUERY as DEFAULT_QUERY, queryParams } from '../../../renderer/src/views/items/query.ts';
import { parseHash, formatHash } from '../../../renderer/src/lib/route.ts';

describe('Items columns', () => {
  it('reads what was stored, keeping the table’s order and only known columns', () => {
    expect(readColumns(null)).toEqual(DEFAULT_COLUMNS);
    expect(readColumns('["length","key","nonsense"]')).toEqual(['key', 'length']);
    expect(readColumns('not json')).toEqual(DEFAULT_COLUMNS);
    expect(readColumns('[]')).toEqual(DEFAULT_COLUMNS);
  });

  it('shows and hides columns in place, never the last one', () => {
    expect(toggleColumn(['key', 'answer'], 'prompt')).toEqual(['key', 'prompt', 'answer']);
    expect(toggleColumn(['key', 'answer'], 'key')).toEqual(['answer']);
    expect(toggleColumn(['key'], 'key')).toEqual(['key']);
    expect(gridTemplate(['key', 'length'])).toBe('18px minmax(70px, 0.8fr) 64px');
  });

  it('sorts a column first in its natural direction, then reverses it', () => {
    const fileOrder = { sort: 'order', sortDirection: 'asc' } as const;
    expect(nextSort(fileOrder, 'confidence')).toEqual({ sort: 'confidence', sortDirection: 'desc' });
    expect(nextSort({ sort: 'confidence', sortDirection: 'desc' }, 'confidence')).toEqual({ sort: 'confidence', sortDirection: 'asc' });
    expect(nextSort(fileOrder, 'grade')).toEqual({ sort: 'grade', sortDirection: 'asc' });
    expect(nextSort(fileOrder, 'order')).toEqual({ sort: 'order', sortDirection: 'desc' });
  });
});

describe('Items query in the URL', () => {
  it('writes only what differs from the defaults and reads it back', () => {
    expect(queryToParams(DEFAULT_QUERY)).toEqual({});
    const query = { search: ' paris ', outcome: 'incorrect', sort: 'confidence', sortDirection: 'desc' } as const;
    const params = queryToParams(query);
    expect(params).toEqual({ q: 'paris', outcome: 'incorrect', sort: 'confidence', dir: 'desc' });
    expect(sameQuery(queryFromParams(params, DEFAULT_QUERY)!, query)).toBe(true);
    // Through the hash, as a reload reads it.
    const route = parseHash(formatHash({ runId: 3, tab: 'items', itemId: null, view: { runId: 3, tab: 'items', params } }));
    expect(queryFromParams(route.view!.params, DEFAULT_QUERY)).toEqual({ search: 'paris', outcome: 'incorrect', sort: 'confidence', sortDirection: 'desc' });
  });

  it('reads a typed URL value by value, leaving out what it does not understand', () => {
    expect(queryFromParams({}, DEFAULT_QUERY)).toBeNull();
    expect(queryFromParams({ mode: 'smooth' }, DEFAULT_QUERY)).toBeNull();
    expect(queryFromParams({ sort: 'length' }, DEFAULT_QUERY)).toMatchObject({ sort: 'length', sortDirection: 'desc' });
    expect(queryFromParams({ sort: 'DROP TABLE', outcome: 'maybe', dir: 'sideways' }, DEFAULT_QUERY)).toEqual(DEFAULT_QUERY);
  });

  it('asks the server for an order only when it is not file order', () => {
    expect(queryParams(DEFAULT_QUERY)).toEqual({});
    expect(queryParams({ ...DEFAULT_QUERY, sort: 'order', sortDirection: 'desc' })).toEqual({ sort: 'order', sortDirection: 'desc' });
  });
});
