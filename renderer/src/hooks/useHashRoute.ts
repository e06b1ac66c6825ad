import { EXTRA_TABS } from '../views/tabs/registry.tsx';
import { useCallback, useEffect, useState } from 'react';
import { formatHash, parseHash, type Route } from '../lib/route.ts';

const TAB_NAMES = EXTRA_TABS.map((entry) => entry.tab);

export function useHashRoute(): [Route, (route: Route, replace?: boolean) => void] {
  const [route, setRouteState] = useState<Route>(() => parseHash(window.location.hash, TAB_NAMES));

  useEffect(() => {
    const onHashChange = () => setRouteState(parseHash(window.location.hash, TAB_NAMES));
    window.addEventListener('hashchange', onHashChange);
    return () => window.removeEventListener('hashchange', onHashChange);
  }, []);

  const setRoute = useCallback((next: Route, replace = false) => {
    const hash = formatHash(next);
    if (hash !== window.location.hash) {
      // replaceState keeps the query string (browser mode's token) and adds no entry.
      if (replace) history.replaceState(null, '', hash);
      else history.pushState(null, '', hash);
    }
    setRouteState(parseHash(hash, TAB_NAMES));
  }, []);

  return [route, setRoute];
}
