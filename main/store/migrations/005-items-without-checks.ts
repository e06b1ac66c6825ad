import type { Migration } from './types.ts';

// Rebuilds items without its CHECK constraints: evaluated on every row they
// were the largest single cost of a bulk import (about a microsecond a row).
// The values they guarded are validated where they are written: grades and
// confidences by the importers and again by RunWriter, labels by the API's
// schemas and the labels table's own CHECKs, which stay. Foreign keys are off
// while migrations run (see migrate()), so the rebuild does not touch labels.
export const migration005: Migration = {
  version: 5,
  name: 'items without CHECK constraints',
  up: `
    CREATE TABLE items_v5 (
      id INTEGER PRIMARY KEY,
      run_id INTEGER NOT NULL REFERENCES runs(id) ON DELETE CASCADE,
      ord INTEGER NOT NULL,
      item_key TEXT NOT NULL,
      prompt TEXT NOT NULL,
      answer TEXT NOT NULL,
      gold TEXT,
      imported_grade TEXT,
      confidence REAL,
      extra TEXT NOT NULL DEFAULT '{}',
      label TEXT,
      label_annotator TEXT,
      label_source TEXT,
      disputed INTEGER NOT NULL DEFAULT 0,
      suggested_grade TEXT,
      suggestion_basis TEXT,
      UNIQUE (run_id, ord)
    );
    INSERT INTO items_v5 SELECT id, run_id, ord, item_key, prompt, answer, gold, imported_grade, confidence, extra,
      label, label_annotator, label_source, disputed, suggested_grade, suggestion_basis FROM items;
    DROP TABLE items;
    ALTER TABLE items_v5 RENAME TO items;
    CREATE INDEX items_disputed ON items(run_id, ord) WHERE disputed = 1;
  `,
};
