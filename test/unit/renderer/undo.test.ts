// What the renderer keeps of the server's undo stacks, and how it words them.
import { describe, expect, it, vi } from 'vitest';
import type { UndoResult } from '../../../shared/api/labeling.ts';
import { EMPTY_STACK, redoLabel, StackMemory, undoLabel, undoNotice } from '../../../renderer/src/lib/undo.ts';

const action = (what: string, count = 2) => ({ id: 1, what, count, itemId: null, createdAt: 't' });
const result = (patch: Partial<UndoResult>): UndoResult => ({ action: action('mark 2 selected incorrect'), count: 2, skipped: 0, stack: EMPTY_STACK, ...patch });

describe('undo wording', () => {
  it('says what was undone or redone and how many labels it wrote back', () => {
    expect(undoNotice('undo', result({}))).toBe('Undone: mark 2 selected incorrect (2 labels)');
    expect(undoNotice('redo', result({ action: action('incorrect on q12', 1), count: 1 }))).toBe('Redone: incorrect on q12 (1 label)');
    expect(undoNotice('undo', result({ action: null, count: 0 }))).toBe('Nothing to undo.');
    expect(undoNotice('redo', result({ action: null, count: 0 }))).toBe('Nothing to redo.');
  });

  it('says which items it left because they were labelled again since', () => {
    expect(undoNotice('undo', result({ count: 1, skipped: 1 }))).toBe('Undone: mark 2 selected incorrect (1 label); 1 item you labelled again since is left as it is');
    expect(undoNotice('undo', result({ count: 3, skipped: 1200 }))).toBe(
      'Undone: mark 2 selected incorrect (3 labels); 1,200 items you labelled again since are left as they are',
    );
  });

  it('names the top of each stack on its button', () => {
    expect(undoLabel(EMPTY_STACK)).toBe('↶ Undo');
    expect(undoLabel({ undo: action('accept suggested grades'), redo: null })).toBe('↶ Undo: accept suggested grades');
    expect(redoLabel({ undo: null, redo: action('correct on k1') })).toBe('↷ Redo: correct on k1');
  });
});

describe('the stacks the window knows', () => {
  it('keeps one per run and annotator, and tells listeners only when one changes', () => {
    const memory = new StackMemory();
    const listener = vi.fn();
    const stop = memory.subscribe(listener);
    const stack = { undo: action('a'), redo: null };
    memory.put(1, 'ann', stack);
    memory.put(1, 'ann', { ...stack });
    expect(listener).toHaveBeenCalledTimes(1);
    expect(memory.get(1, 'ann')).toBe(stack);
    expect(memory.get(1, 'bob')).toBeUndefined();
    expect(memory.get(2, 'ann')).toBeUndefined();
    memory.put(1, 'bob', EMPTY_STACK);
    expect(listener).toHaveBeenCalledTimes(2);
    stop();
    memory.put(1, 'ann', EMPTY_STACK);
    expect(listener).toHaveBeenCalledTimes(2);
  });
});
