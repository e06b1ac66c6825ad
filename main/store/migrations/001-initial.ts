import type { Migration } from './types.ts';

// Runs, their items, and the label history. The latest human label is kept
// denormalised on items.label so that listing and metrics never scan history.
export const migration001: Migration = {
  version: 1,
  name: 'runs, items, labels',
  up: `
    CREATE TABLE runs (
      id INTEGER PRIMARY KEY,
      name TEXT NOT NULL,
      model TEXT,
      task TEXT,
      format TEXT NOT NULL,
      format_version TEXT,
      source_path TEXT NOT NULL,
      source_sha256 TEXT NOT NULL,
      source_size INTEGER NOT NULL,
      importer_version TEXT NOT NULL,
      imported_at TEXT NOT NULL,
      metadata TEXT NOT NULL DEFAULT '{}'
    );
    CREATE INDEX runs_by_sha256 ON runs(source_sha256);

    CREATE TABLE items (
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
      UNIQUE (run_id, item_key),
      UNIQUE (run_id, ord)
    );

    CREATE TABLE labels (
      id INTEGER PRIMARY KEY,
      item_id INTEGER NOT NULL REFERENCES items(id) ON DELETE CASCADE,
      annotator TEXT NOT NULL,
      outcome TEXT CHECK (outcome IN ('correct', 'incorrect', 'abstained')),
      note TEXT,
      created_at TEXT NOT NULL
    );
    CREATE INDEX labels_by_item ON labels(item_id, id);
  `,
};
