// The Calibration tab's settings kept where a researcher expects them: in the
// URL (a reload, a bookmark or back/forward reopens the same view) and per run
// in the database (calibration/view: the view reopened for a run shows what
// was left, whatever URL led there, in this window or another, after a
// restart). Pure rules in settings.ts.
import { useCallback, useEffect, useRef, useState } from 'react';
import type { RunSummary } from '../../../../shared/domain.ts';
import type { StoredCalibrationView } from '../../../../shared/api/calibration.ts';
import { call } from '../../api/client.ts';
import { viewParamsOf, withViewParams, type Route } from '../../lib/route.ts';
import { DEFAULT_VIEW, fromParams, fromStored, storageKey, resolveView, sameView, toParams, toStored, type CalibrationViewState } from './settings.ts';

/** What each run's legacy entry held, once taken (a state initializer may run twice: both see the same). */
const legacyTaken = new Map<string, Partial<CalibrationViewState> | null>();

/** What an earlier version left in this browser's localStorage for the run, taken once (null if nothing). */
function takeLegacy(run: RunSummary): Partial<CalibrationViewState> | null {
  const key = storageKey(run);
  if (legacyTaken.has(key)) return legacyTaken.get(key)!;
  let taken: Partial<CalibrationViewState> | null = null;
  try {
    if (typeof localStorage !== 'undefined') {
      const text = localStorage.getItem(key);
      localStorage.removeItem(key);
      taken = fromStored(text);
    }
  } catch {
    taken = null;
  }
  legacyTaken.set(key, taken);
  return taken;
}

interface Held {
  runId: number;
  state: CalibrationViewState;
  /** false until what was left for the run has been read (the URL's settings need no wait) */
  ready: boolean;
  /** the run and settings as stored, when read before the first render (nothing to write back) */
  stored?: string;
}

type StoredAnswer = { view: StoredCalibrationView | null };

/**
 * What was left for each run, read when the run opened (prefetchCalibrationView),
 * so the tab's first render has its settings and starts the analysis at once
 * instead of one request later. Dropped once a view has mounted with it:
 * later visits read the database again (another window may have changed it).
 * (Read, not taken, by the render: React may call a state initializer twice.)
 */
const early = new Map<number, StoredAnswer | 'pending'>();

export function prefetchCalibrationView(runId: number): void {
  if (early.has(runId)) return;
  early.set(runId, 'pending');
  call('calibration/view', { runId }).then(
    (answer) => {
      if (early.get(runId) === 'pending') early.set(runId, answer);
    },
    () => early.delete(runId),
  );
}

function earlyAnswer(runId: number): StoredAnswer | null {
  const answer = early.get(runId);
  return answer === undefined || answer === 'pending' ? null : answer;
}

/** The view left for a run (or by an older version in this browser), with defaults filled in. */
function loadedView(run: RunSummary, view: StoredAnswer['view']): CalibrationViewState {
  return resolveView(null, view === null ? takeLegacy(run) : fromStored(JSON.stringify(view)));
}

/**
 * The view's settings, a setter, and whether they are settled: while the
 * run's remembered choices are being read, `ready` is false and the view
 * starts no analysis (it would be of the defaults, then of the choices).
 */
export function useCalibrationSettings(
  run: RunSummary,
  route: Route,
  setRoute: (route: Route, replace?: boolean) => void,
): [CalibrationViewState, (change: Partial<CalibrationViewState>) => void, boolean] {
  const urlParams = viewParamsOf(route);
  const urlKey = JSON.stringify(urlParams);
  const fromUrl = () => {
    const settings = fromParams(urlParams);
    return settings ? resolveView(settings, null) : null;
  };
  const initial = (): Held => {
    const shown = fromUrl();
    if (shown) return { runId: run.id, state: shown, ready: true };
    const answer = earlyAnswer(run.id);
    if (!answer) return { runId: run.id, state: DEFAULT_VIEW, ready: false };
    const state = loadedView(run, answer.view);
    return { runId: run.id, state, ready: true, ...(answer.view !== null ? { stored: `${run.id}\u0000${toStored(state)}` } : {}) };
  };
  const [held, setHeld] = useState<Held>(initial);
  /** the run and settings last written (or read), so that only a change is written */
  const saved = useRef<string | null>(held.stored ?? null);
  // Another run opened in this tab: its own settings, not the previous run's.
  let current = held;
  if (held.runId !== run.id) {
    current = initial();
    if (current.stored !== undefined) saved.current = current.stored;
    setHeld(current);
  }
  const { state, ready } = current;

  // What was left for this run, unless the URL says what to show.
  useEffect(() => {
    early.delete(run.id);
    if (current.ready) return;
    let live = true;
    const runId = run.id;
    call('calibration/view', { runId }).then(
      ({ view }) => {
        if (!live) return;
        const loaded = loadedView(run, view);
        // Read, not changed: nothing to write back unless it came from this browser's older storage.
        if (view !== null) saved.current = `${runId}\u0000${toStored(loaded)}`;
        setHeld((h) => (h.runId === runId && !h.ready ? { runId, state: loaded, ready: true } : h));
      },
      () => live && setHeld((h) => (h.runId === runId ? { ...h, ready: true } : h)),
    );
    return () => {
      live = false;
    };
    // Read once per run (current.ready only says whether to).
  }, [run.id]);

  const latest = useRef({ route, setRoute, state });
  latest.current = { route, setRoute, state };

  // The URL changed from outside (back/forward, an edited address): follow it.
  useEffect(() => {
    const fromUrlNow = fromParams(JSON.parse(urlKey) as Record<string, string> | null);
    if (!fromUrlNow) return;
    const next = resolveView(fromUrlNow, null);
    if (!sameView(next, latest.current.state)) setHeld({ runId: run.id, state: next, ready: true });
  }, [urlKey, run.id]);

  // The URL always shows the settings in use (replacing, not adding, a history entry).
  useEffect(() => {
    if (!ready) return;
    const { route: at, setRoute: set } = latest.current;
    const params = toParams(state);
    if (JSON.stringify(viewParamsOf(at) ?? {}) !== JSON.stringify(params)) set(withViewParams(at, params), true);
  }, [state, urlKey, ready]);

  // What is shown is what was left: the next visit to this run starts from it.
  useEffect(() => {
    if (!ready) return;
    const text = toStored(state);
    const key = `${run.id}\u0000${text}`;
    if (saved.current === key) return;
    saved.current = key;
    void call('calibration/save-view', { runId: run.id, view: JSON.parse(text) as CalibrationViewState }).catch(() => undefined);
  }, [run.id, state, ready]);

  const update = useCallback((change: Partial<CalibrationViewState>) => setHeld((h) => ({ ...h, state: { ...h.state, ...change }, ready: true })), []);

  return [state, update, ready];
}
