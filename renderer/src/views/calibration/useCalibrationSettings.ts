// The Calibration tab's settings kept where a researcher expects them: in the
// URL (a reload, a bookmark or back/forward reopens the same view) and per run
// in this browser's localStorage (the view reopened for a run shows what was
// left, whatever URL led there). Pure rules in settings.ts.
import { useCallback, useEffect, useRef, useState } from 'react';
import type { RunSummary } from '../../../../shared/domain.ts';
import { viewParamsOf, withViewParams, type Route } from '../../lib/route.ts';
import { fromParams, fromStored, resolveView, sameView, storageKey, toParams, toStored, type CalibrationViewState } from './settings.ts';

function readStored(key: string): string | null {
  try {
    return typeof localStorage === 'undefined' ? null : localStorage.getItem(key);
  } catch {
    return null; // storage disabled: the URL still carries the settings
  }
}

function writeStored(key: string, value: string): void {
  try {
    if (typeof localStorage !== 'undefined') localStorage.setItem(key, value);
  } catch {
    // full or disabled: nothing is lost but the memory across sessions
  }
}

export function useCalibrationSettings(
  run: RunSummary,
  route: Route,
  setRoute: (route: Route, replace?: boolean) => void,
): [CalibrationViewState, (change: Partial<CalibrationViewState>) => void] {
  const key = storageKey(run);
  const urlParams = viewParamsOf(route);
  const urlKey = JSON.stringify(urlParams);
  const [held, setHeld] = useState(() => ({ key, state: resolveView(fromParams(urlParams), fromStored(readStored(key))) }));
  // Another run opened in this tab: its own settings, not the previous run's.
  let state = held.state;
  if (held.key !== key) {
    state = resolveView(fromParams(urlParams), fromStored(readStored(key)));
    setHeld({ key, state });
  }

  const latest = useRef({ route, setRoute, state });
  latest.current = { route, setRoute, state };

  // The URL changed from outside (back/forward, an edited address): follow it.
  useEffect(() => {
    const fromUrl = fromParams(JSON.parse(urlKey) as Record<string, string> | null);
    if (!fromUrl) return;
    const next = resolveView(fromUrl, null);
    if (!sameView(next, latest.current.state)) setHeld({ key, state: next });
  }, [urlKey, key]);

  // The URL always shows the settings in use (replacing, not adding, a history entry).
  useEffect(() => {
    const { route: current, setRoute: set } = latest.current;
    const params = toParams(state);
    if (JSON.stringify(viewParamsOf(current) ?? {}) !== JSON.stringify(params)) set(withViewParams(current, params), true);
  }, [state, urlKey]);

  // What is shown is what was left: the next visit to this run starts from it.
  useEffect(() => writeStored(key, toStored(state)), [key, state]);

  const update = useCallback((change: Partial<CalibrationViewState>) => setHeld((current) => ({ key, state: { ...current.state, ...change } })), [key]);

  return [state, update];
}
