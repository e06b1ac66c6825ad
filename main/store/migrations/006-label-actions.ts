import type { Migration } from './types.ts';

// Undo on the server: every label write (a single label, a bulk action, an
// accepted suggestion) is one action in its annotator's stack for the run, so
// every view and every reload sees the same undo and redo. An action is
// 'done', 'undone' (redoable) or 'dropped' (undone, then a new action cleared
// the redo stack). Each label record names the action that wrote it (its own
// records, its undoing, its redoing), so undo can tell a later label that
// still stands (which it leaves, and counts) from one since taken back.
export const migration006: Migration = {
  version: 6,
  name: 'label actions (undo and redo)',
  up: `
    CREATE TABLE label_actions (
      id INTEGER PRIMARY KEY,
      run_id INTEGER NOT NULL REFERENCES runs(id) ON DELETE CASCADE,
      annotator TEXT NOT NULL,
      what TEXT NOT NULL,
      state TEXT NOT NULL CHECK (state IN ('done', 'undone', 'dropped')),
      batch TEXT NOT NULL,
      undo_batch TEXT,
      count INTEGER NOT NULL,
      item_id INTEGER,
      created_at TEXT NOT NULL
    );
    CREATE INDEX label_actions_by_stack ON label_actions(run_id, annotator, state, id);
    ALTER TABLE labels ADD COLUMN action_id INTEGER REFERENCES label_actions(id) ON DELETE SET NULL;
  `,
};
