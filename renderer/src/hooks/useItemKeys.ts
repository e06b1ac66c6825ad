// Labeling keys, remappable. The keymap is stored in localStorage and shared by
// the Item view, the Label view and the help overlay. Keys are ignored while
// typing in a text field or when an overlay is open.
import { useEffect, useRef, useSyncExternalStore } from 'react';
import type { AbstentionKind, Outcome } from '../../../shared/domain.ts';
import { isTextField } from '../lib/keys.ts';

export const KEY_ACTIONS = [
  { action: 'correct', what: 'Label correct', keys: ['1'] },
  { action: 'incorrect', what: 'Label incorrect', keys: ['2'] },
  { action: 'abstained', what: 'Label abstained', keys: ['3'] },
  // One key each, after 3: a kind is a detail of an abstention, and plain 3 stays the common case.
  { action: 'abstain-dont-know', what: 'Label abstained: don’t know', keys: ['4'] },
  { action: 'abstain-refusal', what: 'Label abstained: refusal', keys: ['5'] },
  { action: 'abstain-hedge', what: 'Label abstained: hedge / partial answer', keys: ['6'] },
  { action: 'abstain-clarification', what: 'Label abstained: asks for clarification', keys: ['7'] },
  { action: 'abstain-other', what: 'Label abstained: other kind', keys: ['8'] },
  { action: 'clear', what: 'Clear my label', keys: ['0', 'Backspace'] },
  { action: 'next', what: 'Next item', keys: ['j', 'ArrowDown'] },
  { action: 'prev', what: 'Previous item', keys: ['k', 'ArrowUp'] },
  { action: 'confirm', what: 'Confirm and go to the next item', keys: ['Enter'] },
  { action: 'undo', what: 'Undo my last action (labels and batches)', keys: ['u', 'Mod+z'] },
  { action: 'redo', what: 'Redo', keys: ['Shift+Mod+z'] },
  { action: 'note', what: 'Write a note on the item', keys: ['n'] },
  { action: 'search', what: 'Search the queue', keys: ['/'] },
  { action: 'select', what: 'Add the item to the selection (bulk marking)', keys: ['x'] },
  { action: 'reveal', what: 'Reveal what blind mode hides (asks first)', keys: ['r'] },
] as const;

export type KeyAction = (typeof KEY_ACTIONS)[number]['action'];
export type Keymap = Record<KeyAction, string[]>;

const STORAGE_KEY = 'candor-label-keys';
const listeners = new Set<() => void>();

export function defaultKeymap(): Keymap {
  return Object.fromEntries(KEY_ACTIONS.map(({ action, keys }) => [action, [...keys]])) as Keymap;
}

function readKeymap(): Keymap {
  const keymap = defaultKeymap();
  try {
    const saved = JSON.parse(localStorage.getItem(STORAGE_KEY) ?? '{}') as Record<string, unknown>;
    for (const { action } of KEY_ACTIONS) {
      const keys = saved[action];
      if (Array.isArray(keys) && keys.every((k) => typeof k === 'string')) keymap[action] = keys as string[];
    }
  } catch {
    // A damaged entry falls back to the defaults.
  }
  return keymap;
}

let current: Keymap | null = null;
function snapshot(): Keymap {
  current ??= readKeymap();
  return current;
}

export function saveKeymap(keymap: Keymap): void {
  current = keymap;
  try {
    localStorage.setItem(STORAGE_KEY, JSON.stringify(keymap));
  } catch {
    // Kept for this session only.
  }
  for (const listener of listeners) listener();
}

export function useKeymap(): Keymap {
  return useSyncExternalStore(
    (listener) => {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    snapshot,
    snapshot,
  );
}

/**
 * One string per key chord, the form keymaps store: "1", "Backspace",
 * "Mod+z", "Shift+Mod+z". Mod is Ctrl or Cmd, so one map serves every
 * platform; Shift is named only where the key itself does not show it.
 */
export function chordOf(event: Pick<KeyboardEvent, 'key' | 'ctrlKey' | 'metaKey' | 'altKey' | 'shiftKey'>): string {
  const mod = event.ctrlKey || event.metaKey;
  let key = event.key === ' ' ? 'Space' : event.key;
  if (mod && key.length === 1) key = key.toLowerCase();
  const parts: string[] = [];
  if (event.shiftKey && (mod || key.length > 1)) parts.push('Shift');
  if (mod) parts.push('Mod');
  if (event.altKey) parts.push('Alt');
  parts.push(key);
  return parts.join('+');
}

const ARROWS: Record<string, string> = { ArrowUp: '\u2191', ArrowDown: '\u2193', ArrowLeft: '\u2190', ArrowRight: '\u2192' };

/** How a chord reads on this platform. */
export function chordLabel(chord: string, mac = /Mac|iPhone|iPad/.test(navigator.platform)): string {
  return chord
    .split('+')
    .map((part) => (part === 'Mod' ? (mac ? '\u2318' : 'Ctrl') : (ARROWS[part] ?? part)))
    .join('+');
}

export function actionFor(keymap: Keymap, chord: string): KeyAction | null {
  for (const { action } of KEY_ACTIONS) if (keymap[action].includes(chord)) return action;
  return null;
}

/** Which action already uses a chord, so remapping can warn before taking it. */
export function conflictOf(keymap: Keymap, chord: string, except: KeyAction): KeyAction | null {
  const owner = actionFor(keymap, chord);
  return owner === except ? null : owner;
}

/** The abstention kind each kind key labels with. */
export const KIND_ACTIONS: Record<AbstentionKind, KeyAction> = {
  'dont-know': 'abstain-dont-know',
  refusal: 'abstain-refusal',
  hedge: 'abstain-hedge',
  clarification: 'abstain-clarification',
  other: 'abstain-other',
};
const KIND_OF_ACTION: Partial<Record<KeyAction, AbstentionKind>> = Object.fromEntries(
  Object.entries(KIND_ACTIONS).map(([kind, action]) => [action, kind as AbstentionKind]),
);

export interface ItemKeyActions {
  /** A label; with an abstention kind when a kind key was pressed (outcome is then "abstained"). */
  label: (outcome: Outcome | null, abstentionKind?: AbstentionKind) => void;
  move: (direction: 'next' | 'prev') => void;
  /** Optional: views that lack one leave the key alone. Confirm defaults to "next". */
  confirm?: () => void;
  undo?: () => void;
  redo?: () => void;
  note?: () => void;
  search?: () => void;
  select?: () => void;
  reveal?: () => void;
}

const OUTCOME_OF: Partial<Record<KeyAction, Outcome | null>> = { correct: 'correct', incorrect: 'incorrect', abstained: 'abstained', clear: null };

export function useItemKeys(enabled: boolean, actions: ItemKeyActions) {
  const ref = useRef(actions);
  ref.current = actions;
  const keymap = useKeymap();

  useEffect(() => {
    if (!enabled) return;
    const onKey = (event: KeyboardEvent) => {
      if (event.defaultPrevented || isTextField(event.target)) return;
      const action = actionFor(keymap, chordOf(event));
      if (!action) return;
      const target = event.target instanceof HTMLElement ? event.target : null;
      if (action === 'confirm') {
        // Enter on a label button would otherwise label a second time; on other
        // buttons (show more, prev) and links it keeps its own meaning.
        if (target?.tagName === 'BUTTON' && !target.dataset.labelButton) return;
        if (target?.tagName === 'A') return;
      }
      const a = ref.current;
      const kind = KIND_OF_ACTION[action];
      if (kind) a.label('abstained', kind);
      else if (action === 'correct' || action === 'incorrect' || action === 'abstained' || action === 'clear') a.label(OUTCOME_OF[action] ?? null);
      else if (action === 'next' || action === 'prev') a.move(action);
      else if (action === 'confirm') (a.confirm ?? (() => a.move('next')))();
      else if (action === 'undo' || action === 'redo' || action === 'note' || action === 'search' || action === 'select' || action === 'reveal') {
        const handler = a[action];
        if (!handler) return;
        handler();
      } else return;
      event.preventDefault();
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [enabled, keymap]);
}

/**
 * Undo and redo alone, with the same keys (u, Ctrl/Cmd+Z, Shift+Ctrl/Cmd+Z
 * by default), for views that do not label by key (the Items table).
 */
export function useUndoKeys(enabled: boolean, actions: { undo: () => void; redo: () => void }) {
  const ref = useRef(actions);
  ref.current = actions;
  const keymap = useKeymap();
  useEffect(() => {
    if (!enabled) return;
    const onKey = (event: KeyboardEvent) => {
      if (event.defaultPrevented || isTextField(event.target)) return;
      const action = actionFor(keymap, chordOf(event));
      if (action !== 'undo' && action !== 'redo') return;
      event.preventDefault();
      ref.current[action]();
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [enabled, keymap]);
}
