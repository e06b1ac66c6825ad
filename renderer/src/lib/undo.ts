// The undo stacks as the renderer knows them. The stacks themselves live on
// the server (one per annotator and run); this keeps the last one the server
// sent for each, so every view (Item, Label, Items) shows the same Undo and
// Redo, and words what they did.
import type { UndoResult, UndoStack } from '../../../shared/api/labeling.ts';
import { fmtCount } from './format.ts';

export const EMPTY_STACK: UndoStack = { undo: null, redo: null };

export function stackKey(runId: number, annotator: string): string {
  return `${runId}\u0000${annotator}`;
}

/** What a notice says after undo or redo; the honest part: items labelled again since are left, and counted. */
export function undoNotice(from: 'undo' | 'redo', result: UndoResult): string {
  if (!result.action) return from === 'undo' ? 'Nothing to undo.' : 'Nothing to redo.';
  const done = `${from === 'undo' ? 'Undone' : 'Redone'}: ${result.action.what} (${fmtCount(result.count)} label${result.count === 1 ? '' : 's'})`;
  if (result.skipped === 0) return done;
  const items = `${fmtCount(result.skipped)} item${result.skipped === 1 ? '' : 's'}`;
  return `${done}; ${items} you labelled again since ${result.skipped === 1 ? 'is' : 'are'} left as ${result.skipped === 1 ? 'it is' : 'they are'}`;
}

/** The Undo button's text: what it would take back. */
export function undoLabel(stack: UndoStack): string {
  return stack.undo ? `↶ Undo: ${stack.undo.what}` : '↶ Undo';
}

export function redoLabel(stack: UndoStack): string {
  return stack.redo ? `↷ Redo: ${stack.redo.what}` : '↷ Redo';
}

/** The Undo and Redo buttons' tooltips: the whole name (the button may cut it) and the keys. */
export function undoTitle(stack: UndoStack): string {
  return stack.undo ? `Undo “${stack.undo.what}”, your last label action in this run, from any view (u, Ctrl/Cmd+Z)` : 'Nothing to undo';
}

export function redoTitle(stack: UndoStack): string {
  return stack.redo ? `Redo “${stack.redo.what}” (Shift+Ctrl/Cmd+Z)` : 'Nothing to redo';
}

/** The last stack the server sent per (run, annotator), and who to tell when one changes. */
export class StackMemory {
  private readonly stacks = new Map<string, UndoStack>();
  private readonly listeners = new Set<() => void>();

  get(runId: number, annotator: string): UndoStack | undefined {
    return this.stacks.get(stackKey(runId, annotator));
  }

  put(runId: number, annotator: string, stack: UndoStack): void {
    const key = stackKey(runId, annotator);
    const known = this.stacks.get(key);
    if (known && JSON.stringify(known) === JSON.stringify(stack)) return;
    this.stacks.set(key, stack);
    for (const listener of this.listeners) listener();
  }

  subscribe(listener: () => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }
}

/** The window's one memory of the stacks, shared by every view. */
export const stacks = new StackMemory();
