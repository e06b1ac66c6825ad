// The annotator's name is chosen once and remembered; every label carries it.
import { useCallback, useState } from 'react';

const STORAGE_KEY = 'candor-annotator';
export const DEFAULT_ANNOTATOR = 'me';

function stored(): string {
  try {
    return localStorage.getItem(STORAGE_KEY)?.trim() || DEFAULT_ANNOTATOR;
  } catch {
    return DEFAULT_ANNOTATOR;
  }
}

export function useAnnotator(): [string, (name: string) => void] {
  const [annotator, setAnnotatorState] = useState(stored);
  const setAnnotator = useCallback((name: string) => {
    const clean = name.trim().slice(0, 80) || DEFAULT_ANNOTATOR;
    setAnnotatorState(clean);
    try {
      localStorage.setItem(STORAGE_KEY, clean);
    } catch {
      // Not persisted; still used for this session.
    }
  }, []);
  return [annotator, setAnnotator];
}
