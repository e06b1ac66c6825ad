// The selection lives in the URL hash (#/run/<id>/<tab>[/<itemId>][?with=<id>,<id>])
// so a reload or a bookmark reopens the same view. `with` lists the further runs
// selected beside the current one (Ctrl/Cmd-click or the checkboxes): selecting
// several runs compares them. Any other query parameters are the open view's
// own settings (the Calibration tab's bins, overlays…): they belong to that
// run's tab and are dropped when either changes.
/** The built-in tabs, or the name of a tab from views/tabs/registry.tsx. */
export type Tab = 'overview' | 'items' | 'item' | (string & {});

export interface Route {
  runId: number | null;
  tab: Tab;
  itemId: number | null;
  /** further selected runs, in selection order; absent when only runId is selected */
  compare?: number[];
  /** the open view's settings in the URL; absent when it has none */
  view?: ViewParams;
}

/** A view's settings as URL parameters, and the run and tab they were written for. */
export interface ViewParams {
  runId: number;
  tab: Tab;
  params: Record<string, string>;
}

const VIEW_PARAM_KEY = /^[a-z][a-z0-9-]{0,31}$/;
const VIEW_PARAM_MAX = 16;
const VIEW_VALUE_CHARS = 200;

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
  const params = q < 0 ? {} : parseViewParams(body.slice(q + 1));
  const withQuery = (route: Route): Route => {
    const withCompare = compare.length ? { ...route, compare } : route;
    return Object.keys(params).length ? { ...withCompare, view: { runId, tab: route.tab, params } } : withCompare;
  };
  const tab = parts[2];
  if (tab === 'items') return withQuery({ runId, tab: 'items', itemId: null });
  if (tab === 'item') return withQuery({ runId, tab: 'item', itemId: positiveInt(parts[3]) });
  if (tab && extraTabs.includes(tab)) return withQuery({ runId, tab, itemId: null });
  return withQuery({ runId, tab: 'overview', itemId: null });
}

/** Every parameter but `with`, in a bounded, plain shape (the URL is typed by anyone). */
function parseViewParams(query: string): Record<string, string> {
  const params: Record<string, string> = {};
  let count = 0;
  for (const [key, value] of new URLSearchParams(query)) {
    if (key === 'with' || !VIEW_PARAM_KEY.test(key) || key in params || value.length > VIEW_VALUE_CHARS) continue;
    if (++count > VIEW_PARAM_MAX) break;
    params[key] = value;
  }
  return params;
}

/** Commas stay readable (overlay=4,7); everything else is escaped. */
const encodeParam = (text: string) => encodeURIComponent(text).replace(/%2C/gi, ',');

/** The open view's URL settings, when they were written for this route's run and tab. */
export function viewParamsOf(route: Route): Record<string, string> | null {
  const view = route.view;
  return view && view.runId === route.runId && view.tab === route.tab ? view.params : null;
}

/** The route with the open view's settings replaced (none when `params` is empty). */
export function withViewParams(route: Route, params: Record<string, string>): Route {
  const { view: _old, ...rest } = route;
  if (route.runId === null || Object.keys(params).length === 0) return rest;
  return { ...rest, view: { runId: route.runId, tab: route.tab, params } };
}

export function formatHash(route: Route): string {
  if (route.runId === null) return '#/';
  const base = route.tab === 'item' && route.itemId !== null ? `#/run/${route.runId}/item/${route.itemId}` : `#/run/${route.runId}/${route.tab}`;
  const compare = (route.compare ?? []).filter((id) => id !== route.runId);
  const query = compare.length ? [`with=${compare.join(',')}`] : [];
  for (const [key, value] of Object.entries(viewParamsOf(route) ?? {})) query.push(`${encodeParam(key)}=${encodeParam(value)}`);
  return query.length ? `${base}?${query.join('&')}` : base;
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
