// The selection lives in the URL hash (#/run/<id>/<tab>[/<itemId>]) so a reload
// or a bookmark reopens the same view.
/** The built-in tabs, or the name of a tab from views/tabs/registry.tsx. */
export type Tab = 'overview' | 'items' | 'item' | (string & {});



export interface Route {
  runId: number | null;
  tab: Tab;
  itemId: number | null;
}

export const EMPTY_ROUTE: Route = { runId: null, tab: 'overview', itemId: null };

function positiveInt(text: string | undefined): number | null {
  if (!text || !/^\d+$/.test(text)) return null;
  const value = Number(text);
  return value > 0 && Number.isSafeInteger(value) ? value : null;
}

/** extraTabs: the registered tab names (views/tabs/registry.tsx); anything else opens the overview. */
export function parseHash(hash: string, extraTabs: readonly string[] = []): Route {
  const parts = hash.replace(/^#\/?/, '').split('/').filter(Boolean);
  if (parts[0] !== 'run') return EMPTY_ROUTE;
  const runId = positiveInt(parts[1]);
  if (runId === null) return EMPTY_ROUTE;
  const tab = parts[2];
  if (tab === 'items') return { runId, tab: 'items', itemId: null };
  if (tab === 'item') return { runId, tab: 'item', itemId: positiveInt(parts[3]) };
  if (tab && extraTabs.includes(tab)) return { runId, tab, itemId: null };
  return { runId, tab: 'overview', itemId: null };
}

export function formatHash(route: Route): string {
  if (route.runId === null) return '#/';
  if (route.tab === 'item' && route.itemId !== null) return `#/run/${route.runId}/item/${route.itemId}`;
  return `#/run/${route.runId}/${route.tab}`;
}
