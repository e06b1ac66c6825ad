// Items arrive in pages through items/list: a run can hold a million items, so
// only the pages the table scrolls over are ever fetched. A label change bumps
// `version`: loaded pages stay visible while fresh copies are fetched.
import { useCallback, useEffect, useRef, useState } from 'react';
import { call } from '../api/client.ts';
import { describeError } from '../lib/errors.ts';
import type { ItemRow } from '../../../shared/domain.ts';
import { queryParams, type ItemsQuery } from '../views/items/query.ts';

export { queryParams, type ItemsQuery } from '../views/items/query.ts';

export const PAGE_SIZE = 200;

interface Page {
  version: number;
  rows: ItemRow[];
}

export function useItemPages(runId: number, query: ItemsQuery, version: number) {
  const [total, setTotal] = useState<number | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [, setTick] = useState(0);
  const pages = useRef(new Map<number, Page>());
  const inflight = useRef(new Set<string>());
  const generation = useRef(0);
  const { search, outcome, sort, sortDirection } = query;

  // A new run or query is a new list: forget everything, including late answers.
  useEffect(() => {
    generation.current += 1;
    pages.current = new Map();
    inflight.current = new Set();
    setTotal(null);
    setError(null);
  }, [runId, search, outcome, sort, sortDirection]);

  const ensure = useCallback(
    (first: number, last: number) => {
      const gen = generation.current;
      const firstPage = Math.floor(Math.max(0, first) / PAGE_SIZE);
      const lastPage = Math.floor(Math.max(0, last) / PAGE_SIZE);
      for (let page = firstPage; page <= lastPage; page++) {
        const have = pages.current.get(page);
        const key = `${page}@${version}`;
        if ((have && have.version >= version) || inflight.current.has(key)) continue;
        inflight.current.add(key);
        call('items/list', { runId, offset: page * PAGE_SIZE, limit: PAGE_SIZE, ...queryParams({ search, outcome, sort, sortDirection }) }).then(
          (result) => {
            if (gen !== generation.current) return;
            inflight.current.delete(key);
            pages.current.set(page, { version, rows: result.rows });
            setTotal(result.total);
            setError(null);
            setTick((t) => t + 1);
          },
          (err: unknown) => {
            if (gen !== generation.current) return;
            inflight.current.delete(key);
            setError(describeError(err));
          },
        );
      }
    },
    [runId, search, outcome, sort, sortDirection, version],
  );

  const rowAt = useCallback((index: number): ItemRow | undefined => {
    return pages.current.get(Math.floor(index / PAGE_SIZE))?.rows[index % PAGE_SIZE];
  }, []);

  return { total, error, ensure, rowAt };
}
