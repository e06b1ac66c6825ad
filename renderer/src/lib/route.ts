// The selection lives in the URL hash (#/run/<id>/<tab>[/<itemId>][?with=<id>,<id>])
// so a reload or a bookmark reopens the same view. `with` lists the further runs
// selected beside the current one (Ctrl/Cmd-click or the checkboxes): selecting
// several runs compares them.
/** The built-in tabs, or the name of a tab from views/tabs/registry.tsx. */
export type Tab = 'overview' | 'items' | 'item' | (string & {});

export interface Route {
  runId: number | null;
  tab: Tab;
  itemId: number | null;
  /** further selected runs, in selection order; absent when only runId is selected */
  compare?: number[];
}

export const EMPTY_ROUTE: Route = { runId: null, tab: 'overview', itemId: null };

/** The tab a growing selection switches to when the current tab shows one run only. */
export const COMPARE_TAB = 'rubrics';
const SINGLE_RUN_TABS: readonly Tab[] = ['overview', 'items', 'item'];

function positiveInt(text: string | undefined): number | null {
  if (!text || !/^\d+$/.test(text)) return null;
  const value = Number(text);
  return value > 0 && Number.isSafeInteger(value) ? value : null;
}

function parseCompare(query: string, runId: number): number[] {
  const raw = new URLSearchParams(query).get('with');
  if (!raw) return [];
  const ids: number[] = [];
  for (const part of raw.split(',')) {
    const id = positiveInt(part);
    if (id !== null && id !== runId && !ids.includes(id)) ids.push(id);
  }
  return ids;
}

/** extraTabs: the registered tab names (views/tabs/registry.tsx); anything else opens the overview. */
export function parseHash(hash: string, extraTabs: readonly string[] = []): Route {
  const body = hash.replace(/^#\/?/, '');
  const q = body.indexOf('?');
  const path = q < 0 ? body : body.slice(0, q);
  const parts = path.split('/').filter(Boolean);
  if (parts[0] !== 'run') return EMPTY_ROUTE;
  const runId = positiveInt(parts[1]);
  if (runId === null) return EMPTY_ROUTE;
  const compare = q < 0 ? [] : parseCompare(body.slice(q + 1), runId);
  const withCompare = (route: Route): Route => (compare.length ? { ...route, compare } : route);
  const tab = parts[2];
  if (tab === 'items') return withCompare({ runId, tab: 'items', itemId: null });
  if (tab === 'item') return withCompare({ runId, tab: 'item', itemId: positiveInt(parts[3]) });
  if (tab && extraTabs.includes(tab)) return withCompare({ runId, tab, itemId: null });
  return withCompare({ runId, tab: 'overview', itemId: null });
}

export function formatHash(route: Route): string {
  if (route.runId === null) return '#/';
  const base = route.tab === 'item' && route.itemId !== null ? `#/run/${route.runId}/item/${route.itemId}` : `#/run/${route.runId}/${route.tab}`;
  const compare = (route.compare ?? []).filter((id) => id !== route.runId);
  return compare.length ? `${base}?with=${compare.join(',')}` : base;
}

/** Every selected run: the current one first, then the others in selection order. */
export function selectedRunIds(route: Route): number[] {
  if (route.runId === null) return [];
  return [route.runId, ...(route.compare ?? []).filter((id) => id !== route.runId)];
}

/** A route selecting exactly these runs (the first is the current one), keeping the tab when it can. */
export function selectRuns(route: Route, ids: number[]): Route {
  const unique = ids.filter((id, i) => ids.indexOf(id) === i);
  const [first, ...rest] = unique;
  if (first === undefined) return EMPTY_ROUTE;
  let tab = route.tab;
  if (rest.length > 0 && SINGLE_RUN_TABS.includes(tab)) tab = COMPARE_TAB;
  const itemId = first === route.runId && tab === route.tab ? route.itemId : null;
  const next: Route = { runId: first, tab, itemId };
  return rest.length ? { ...next, compare: rest } : next;
}

/**
 * Ctrl/Cmd-click or a checkbox: adds the run to the selection or takes it out.
 * The last selected run stays selected; taking out the current run makes the
 * next selected one current.
 */
export function toggleRun(route: Route, runId: number): Route {
  const ids = selectedRunIds(route);
  if (!ids.includes(runId)) return selectRuns(route, [...ids, runId]);
  if (ids.length === 1) return route;
  return selectRuns(route, ids.filter((id) => id !== runId));
}
