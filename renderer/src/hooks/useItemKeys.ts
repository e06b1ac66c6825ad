// Labeling keys for the item view. They are ignored while typing, with
// modifiers held, or when an overlay is open.
import { useEffect, useRef } from 'react';
import type { Outcome } from '../../../shared/domain.ts';
import { hasModifier, isTextField } from '../lib/keys.ts';

export interface ItemKeyActions {
  label: (outcome: Outcome | null) => void;
  move: (direction: 'next' | 'prev') => void;
}

const LABEL_KEYS: Record<string, Outcome | null> = { '1': 'correct', '2': 'incorrect', '3': 'abstained', '0': null, Backspace: null };

export function useItemKeys(enabled: boolean, actions: ItemKeyActions) {
  const ref = useRef(actions);
  ref.current = actions;

  useEffect(() => {
    if (!enabled) return;
    const onKey = (event: KeyboardEvent) => {
      if (event.defaultPrevented || hasModifier(event) || isTextField(event.target)) return;
      const target = event.target instanceof HTMLElement ? event.target : null;
      if (Object.hasOwn(LABEL_KEYS, event.key)) {
        event.preventDefault();
        ref.current.label(LABEL_KEYS[event.key] ?? null);
      } else if (event.key === 'j' || event.key === 'ArrowDown') {
        event.preventDefault();
        ref.current.move('next');
      } else if (event.key === 'k' || event.key === 'ArrowUp') {
        event.preventDefault();
        ref.current.move('prev');
      } else if (event.key === 'Enter') {
        // Enter on a label button would otherwise label a second time; on other
        // buttons (show more, prev) it keeps its own meaning.
        if (target?.tagName === 'BUTTON' && !target.dataset.labelButton) return;
        if (target?.tagName === 'A') return;
        event.preventDefault();
        ref.current.move('next');
      }
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [enabled]);
}
