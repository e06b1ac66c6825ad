// The Items table's query kept where a researcher expects it: in the URL while
// the table is open (the URL, when it states one, is the truth: a reload or a
// bookmark reopens the same rows), and in the shell's per-run state, which
// the Item view walks in the same order. Pure rules in query-url.ts.
import { useCallback, useEffect, useRef } from 'react';
import { viewParamsOf, withViewParams, type Route } from '../../lib/route.ts';
import { DEFAULT_ITEMS_QUERY as DEFAULT_QUERY, type ItemsQuery } from './query.ts';
import { queryFromParams, queryToParams, sameQuery } from './query-url.ts';

export function useItemsQueryInUrl(
  active: boolean,
  route: Route,
  setRoute: (route: Route, replace?: boolean) => void,
  query: ItemsQuery,
  onQuery: (query: ItemsQuery) => void,
): [ItemsQuery, (query: ItemsQuery) => void] {
  const urlQuery = active ? queryFromParams(viewParamsOf(route), DEFAULT_QUERY) : null;
  const urlKey = JSON.stringify(urlQuery);
  const latest = useRef({ route, setRoute, query, onQuery });
  latest.current = { route, setRoute, query, onQuery };

  // The URL states a query (a reload, back/forward, a link): the shell adopts it.
  useEffect(() => {
    const fromUrl = JSON.parse(urlKey) as ItemsQuery | null;
    if (fromUrl && !sameQuery(fromUrl, latest.current.query)) latest.current.onQuery(fromUrl);
  }, [urlKey]);

  // The table opened without one in the URL: the URL shows the query in use.
  useEffect(() => {
    if (!active || urlKey !== 'null' || sameQuery(query, DEFAULT_QUERY)) return;
    const { route: current, setRoute: set } = latest.current;
    set(withViewParams(current, queryToParams(query)), true);
  }, [active, urlKey, query]);

  const change = useCallback((next: ItemsQuery) => {
    const { route: current, setRoute: set, onQuery: adopt } = latest.current;
    adopt(next);
    set(withViewParams(current, queryToParams(next)), true);
  }, []);

  return [urlQuery ?? query, change];
}
