// Window-wide shortcuts: Ctrl/Cmd+O import, Ctrl/Cmd+E export a report, Ctrl/Cmd+K the command
// palette, ? help, Escape closes what is open.
import { useEffect, useRef } from 'react';
import { isTextField } from '../lib/keys.ts';

export interface GlobalKeyActions {
  openImport: () => void;
  exportReport: () => void;
  toggleHelp: () => void;
  togglePalette: () => void;
  escape: () => void;
}

export function useGlobalKeys(actions: GlobalKeyActions) {
  const ref = useRef(actions);
  ref.current = actions;
  useEffect(() => {
    const onKey = (event: KeyboardEvent) => {
      if ((event.ctrlKey || event.metaKey) && !event.altKey && event.key.toLowerCase() === 'o') {
        event.preventDefault();
        ref.current.openImport();
      } else if ((event.ctrlKey || event.metaKey) && !event.altKey && event.key.toLowerCase() === 'e') {
        event.preventDefault();
        ref.current.exportReport();
      } else if ((event.ctrlKey || event.metaKey) && !event.altKey && !event.shiftKey && event.key.toLowerCase() === 'k') {
        event.preventDefault();
        ref.current.togglePalette();
      } else if (event.key === '?' && !event.ctrlKey && !event.metaKey && !isTextField(event.target)) {
        event.preventDefault();
        ref.current.toggleHelp();
      } else if (event.key === 'Escape') {
        ref.current.escape();
      }
    };
    // Capture phase: overlays must see Escape and ? before view-level handlers.
    window.addEventListener('keydown', onKey, true);
    return () => window.removeEventListener('keydown', onKey, true);
  }, []);
}
