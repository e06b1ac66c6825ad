// The Compare tab's settings in the URL (filter, the pair, its outcomes), so a
// reload, a bookmark or a jump from the Rubrics tab opens the same rows.
import { MATRIX_FILTERS, type MatrixFilterKind } from '../../../../shared/api/contract.ts';
import { EFFECTIVE_OUTCOMES, type EffectiveOutcome } from '../../../../shared/domain.ts';
import { selectedRunIds, type Route } from '../../lib/route.ts';

/** The tab's name in the URL (route.ts's COMPARE_TAB is where a growing selection lands: Rubrics). */
export const MATRIX_TAB = 'compare';

export interface MatrixState {
  filter: MatrixFilterKind;
  /** The pair the pair filters read: run ids among the selected runs. */
  a: number;
  b: number;
  outcomeA: EffectiveOutcome | null;
  outcomeB: EffectiveOutcome | null;
}

const runParam = (text: string | undefined, runIds: number[]): number | null => {
  const id = text !== undefined && /^\d+$/.test(text) ? Number(text) : NaN;
  return runIds.includes(id) ? id : null;
};

const outcomeParam = (text: string | undefined): EffectiveOutcome | null =>
  EFFECTIVE_OUTCOMES.includes(text as EffectiveOutcome) ? (text as EffectiveOutcome) : null;

/** The state the URL states, anything unknown or stale (a run no longer selected) read as the default. */
export function parseMatrixParams(params: Record<string, string> | null, runIds: number[]): MatrixState {
  const p = params ?? {};
  const filter = MATRIX_FILTERS.includes(p.filter as MatrixFilterKind) ? (p.filter as MatrixFilterKind) : 'all';
  let a = runParam(p.a, runIds);
  let b = runParam(p.b, runIds);
  if (a === null || b === null || a === b) [a, b] = [runIds[0]!, runIds[1]!];
  return { filter, a, b, outcomeA: outcomeParam(p.oa), outcomeB: outcomeParam(p.ob) };
}

/** The URL parameters of a state; defaults are left out. */
export function matrixParams(state: MatrixState, runIds: number[]): Record<string, string> {
  const params: Record<string, string> = {};
  if (state.filter !== 'all') params.filter = state.filter;
  if (state.a !== runIds[0] || state.b !== runIds[1]) {
    params.a = String(state.a);
    params.b = String(state.b);
  }
  if (state.filter === 'pair') {
    if (state.outcomeA) params.oa = state.outcomeA;
    if (state.outcomeB) params.ob = state.outcomeB;
  }
  return params;
}

/**
 * The Compare tab over the route's selected runs (the pair added when not
 * selected), showing the items where runs a and b differ: the jump from a rank
 * flip or a paired difference to the items behind it.
 */
export function pairItemsRoute(route: Route, a: number, b: number): Route {
  const selected = selectedRunIds(route);
  const ids = [...selected, ...[a, b].filter((id) => !selected.includes(id))];
  const [runId, ...compare] = ids as [number, ...number[]];
  const params = matrixParams({ filter: 'pair-disagree', a, b, outcomeA: null, outcomeB: null }, ids);
  return { runId, tab: MATRIX_TAB, itemId: null, ...(compare.length ? { compare } : {}), view: { runId, tab: MATRIX_TAB, params } };
}
