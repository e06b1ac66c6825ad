// Light/dark follows the system until the user picks one; the pick persists.
import { useCallback, useEffect, useState } from 'react';
import type { PlotTheme } from '../../../shared/plots/reliability.ts';

const STORAGE_KEY = 'candor-theme';

function storedTheme(): PlotTheme | null {
  try {
    const value = localStorage.getItem(STORAGE_KEY);
    return value === 'light' || value === 'dark' ? value : null;
  } catch {
    return null;
  }
}

function systemTheme(): PlotTheme {
  return window.matchMedia?.('(prefers-color-scheme: dark)').matches ? 'dark' : 'light';
}

export function useTheme(): { theme: PlotTheme; toggle: () => void } {
  const [chosen, setChosen] = useState<PlotTheme | null>(storedTheme);
  const [system, setSystem] = useState<PlotTheme>(systemTheme);

  useEffect(() => {
    const query = window.matchMedia?.('(prefers-color-scheme: dark)');
    if (!query) return;
    const onChange = () => setSystem(query.matches ? 'dark' : 'light');
    query.addEventListener('change', onChange);
    return () => query.removeEventListener('change', onChange);
  }, []);

  const theme = chosen ?? system;

  useEffect(() => {
    document.documentElement.dataset.theme = theme;
    document.documentElement.style.colorScheme = theme;
  }, [theme]);

  const toggle = useCallback(() => {
    const next: PlotTheme = theme === 'dark' ? 'light' : 'dark';
    setChosen(next);
    try {
      localStorage.setItem(STORAGE_KEY, next);
    } catch {
      // Private mode or quota: the toggle still works for this session.
    }
  }, [theme]);

  return { theme, toggle };
}
