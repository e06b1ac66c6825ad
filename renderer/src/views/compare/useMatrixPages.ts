// The matrix arrives in pages through items/matrix (runs may hold a million
// items each): only the pages the table scrolls over are fetched. A label
// change bumps `version`: loaded pages stay up while fresh copies arrive.
import { useCallback, useEffect, useRef, useState } from 'react';
import type { MatrixPage, MatrixRow, Request } from '../../../../shared/api/contract.ts';
import { call } from '../../api/client.ts';
import { describeError } from '../../lib/errors.ts';

export const MATRIX_PAGE_SIZE = 100;

type Filter = Omit<Request<'items/matrix'>, 'offset' | 'limit'>;

export function useMatrixPages(filter: Filter | null, version: number) {
  const key = filter === null ? null : JSON.stringify(filter);
  const [head, setHead] = useState<Omit<MatrixPage, 'rows' | 'offset'> | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [, setTick] = useState(0);
  const pages = useRef(new Map<number, { version: number; rows: MatrixRow[] }>());
  const inflight = useRef(new Set<string>());
  const generation = useRef(0);

  // Other runs or another filter are another list: forget everything, late answers included.
  useEffect(() => {
    generation.current += 1;
    pages.current = new Map();
    inflight.current = new Set();
    setHead(null);
    setError(null);
  }, [key]);

  const ensure = useCallback(
    (first: number, last: number) => {
      if (key === null) return;
      const gen = generation.current;
      const lastPage = Math.floor(Math.max(0, last) / MATRIX_PAGE_SIZE);
      for (let page = Math.floor(Math.max(0, first) / MATRIX_PAGE_SIZE); page <= lastPage; page++) {
        const have = pages.current.get(page);
        const ask = `${page}@${version}`;
        if ((have && have.version >= version) || inflight.current.has(ask)) continue;
        inflight.current.add(ask);
        const request = { ...(JSON.parse(key) as Filter), offset: page * MATRIX_PAGE_SIZE, limit: MATRIX_PAGE_SIZE };
        call('items/matrix', request).then(
          ({ rows, offset: _offset, ...rest }) => {
            if (gen !== generation.current) return;
            inflight.current.delete(ask);
            pages.current.set(page, { version, rows });
            setHead(rest);
            setError(null);
            setTick((t) => t + 1);
          },
          (err: unknown) => {
            if (gen !== generation.current) return;
            inflight.current.delete(ask);
            setError(describeError(err));
          },
        );
      }
    },
    [key, version],
  );

  const rowAt = useCallback((index: number): MatrixRow | undefined => pages.current.get(Math.floor(index / MATRIX_PAGE_SIZE))?.rows[index % MATRIX_PAGE_SIZE], []);

  return { head, error, ensure, rowAt };
}
