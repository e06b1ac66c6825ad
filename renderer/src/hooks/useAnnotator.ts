// The annotator's name is chosen once and remembered; every label carries it.
// Every component that asks for it shares one value: a change made in the
// labeling view's picker shows in the status bar at once, and the reverse.
import { useCallback, useEffect, useState } from 'react';

const STORAGE_KEY = 'candor-annotator';
const CHANGE_EVENT = 'candor-annotator-change';
export const DEFAULT_ANNOTATOR = 'me';

function stored(): string {
  try {
    return localStorage.getItem(STORAGE_KEY)?.trim() || DEFAULT_ANNOTATOR;
  } catch {
    return DEFAULT_ANNOTATOR;
  }
}

let sessionValue: string | null = null;

export function useAnnotator(): [string, (name: string) => void] {
  const [annotator, setAnnotatorState] = useState(() => sessionValue ?? stored());
  useEffect(() => {
    const onChange = (event: Event) => setAnnotatorState((event as CustomEvent<string>).detail);
    window.addEventListener(CHANGE_EVENT, onChange);
    return () => window.removeEventListener(CHANGE_EVENT, onChange);
  }, []);
  const setAnnotator = useCallback((name: string) => {
    const clean = name.trim().slice(0, 80) || DEFAULT_ANNOTATOR;
    sessionValue = clean;
    setAnnotatorState(clean);
    try {
      localStorage.setItem(STORAGE_KEY, clean);
    } catch {
      // Not persisted; still used for this session.
    }
    window.dispatchEvent(new CustomEvent(CHANGE_EVENT, { detail: clean }));
  }, []);
  return [annotator, setAnnotator];
}
