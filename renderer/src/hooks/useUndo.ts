// The undo and redo every labeling view shares: the stack comes from the
// server (fetched on mount, refreshed with `version`, and updated by every
// label write's answer), so Undo in the Items table takes back a label made
// in the Label view, and a reload finds the same stack.
import { useEffect, useState } from 'react';
import type { UndoResult, UndoStack } from '../../../shared/api/labeling.ts';
import { call } from '../api/client.ts';
import { EMPTY_STACK, stacks } from '../lib/undo.ts';
import { useVerb } from './useVerb.ts';

/** Undoes or redoes the annotator's latest action in the run and records the new stack. */
export async function undoOrRedo(from: 'undo' | 'redo', runId: number, annotator: string): Promise<UndoResult> {
  const result = await call(from === 'undo' ? 'labels/undo' : 'labels/redo', { runId, annotator });
  stacks.put(runId, annotator, result.stack);
  return result;
}

/** Records the stack a label write answered with. */
export function rememberStack(runId: number, annotator: string, stack: UndoStack | undefined): void {
  if (stack) stacks.put(runId, annotator, stack);
}

function current(runId: number | null, annotator: string): UndoStack {
  return (runId === null ? undefined : stacks.get(runId, annotator)) ?? EMPTY_STACK;
}

/** The annotator's stack in the run (empty while runId is null, not yet known). */
export function useUndoStack(runId: number | null, annotator: string, version = 0): UndoStack {
  const fetched = useVerb('labels/stack', runId === null ? null : { runId, annotator }, version);
  useEffect(() => {
    if (fetched.value && runId !== null) stacks.put(runId, annotator, fetched.value);
  }, [fetched.value, runId, annotator]);
  // An ordinary state update, not useSyncExternalStore: that one re-renders the
  // view synchronously inside labels/set's answer, before the next item is
  // shown, and the key press pays for it.
  const [stack, setStack] = useState(() => current(runId, annotator));
  useEffect(() => {
    setStack(current(runId, annotator));
    return stacks.subscribe(() => setStack(current(runId, annotator)));
  }, [runId, annotator]);
  return stack;
}
