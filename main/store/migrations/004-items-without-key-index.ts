import type { Migration } from './types.ts';

// Rebuilds items (SQLite cannot drop a table constraint) to:
// - drop UNIQUE (run_id, item_key): its random-order string index was the
//   costliest part of a bulk import, and the importers already refuse a
//   duplicate id with its line number; key lookups (label-set merges) build a
//   map once instead;
// - add suggested grades: an automatic grade (exact match or containment
//   against gold, abstention phrases) shown as a suggestion, never counted
//   until a person accepts it, never overwriting a human label.
// Runs with foreign keys off (see migrate()), so dropping the old table does
// not cascade into labels; foreign_key_check runs before commit.
export const migration004: Migration = {
  version: 4,
  name: 'items without the key index; suggested grades',
  up: `
    CREATE TABLE items_v4 (
      id INTEGER PRIMARY KEY,
      run_id INTEGER NOT NULL REFERENCES runs(id) ON DELETE CASCADE,
      ord INTEGER NOT NULL,
      item_key TEXT NOT NULL,
      prompt TEXT NOT NULL,
      answer TEXT NOT NULL,
      gold TEXT,
      imported_grade TEXT CHECK (imported_grade IN ('correct', 'incorrect', 'abstained')),
      confidence REAL CHECK (confidence IS NULL OR (confidence >= 0 AND confidence <= 1)),
      extra TEXT NOT NULL DEFAULT '{}',
      label TEXT CHECK (label IN ('correct', 'incorrect', 'abstained')),
      label_annotator TEXT,
      label_source TEXT CHECK (label_source IN ('adjudicated', 'agreed')),
      disputed INTEGER NOT NULL DEFAULT 0,
      suggested_grade TEXT CHECK (suggested_grade IN ('correct', 'incorrect', 'abstained')),
      suggestion_basis TEXT,
      UNIQUE (run_id, ord)
    );
    INSERT INTO items_v4 (id, run_id, ord, item_key, prompt, answer, gold, imported_grade, confidence, extra,
                          label, label_annotator, label_source, disputed)
      SELECT id, run_id, ord, item_key, prompt, answer, gold, imported_grade, confidence, extra,
             label, label_annotator, label_source, disputed FROM items;
    DROP TABLE items;
    ALTER TABLE items_v4 RENAME TO items;
    CREATE INDEX items_disputed ON items(run_id, ord) WHERE disputed = 1;
  `,
};
