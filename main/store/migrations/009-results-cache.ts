import type { Migration } from './types.ts';

// The results cache (main/store/results.ts): heavy results (bootstrap
// intervals, smooth bands, leaderboards, sweeps, recalibration fits, report
// figures, the Rubrics tab's bounds) kept so that a second visit or a report
// after the app is read, not recomputed.
//
// run_revisions counts, per run, the changes of its items' resolved human
// labels: items.label (what every engine reads through the effective outcome,
// and what says whether an imported partial grade still counts as partial)
// and items.label_abstention_kind (the kind an abstention states; migration
// 8). The trigger moves it inside the label write's own transaction,
// whichever code or process writes the label, and drops at once every
// cached result that read that run's outcomes (result_runs.revision not
// null): a label on run A leaves run B's results, and results that read no
// outcome (a run's training frequencies), alone. A result computed while a
// label landed carries the old revision and is refused when stored.
// A run's items never change after its import, so (id, imported_at,
// source_sha256) names its content; a deleted run's results go with it
// (runs_drop_results, also those that read it beside other runs).
export const migration009: Migration = {
  version: 9,
  name: 'results cache, label revisions',
  up: `
    CREATE TABLE run_revisions (
      run_id INTEGER PRIMARY KEY REFERENCES runs(id) ON DELETE CASCADE,
      labels INTEGER NOT NULL
    );

    CREATE TABLE results (
      key TEXT PRIMARY KEY,
      kind TEXT NOT NULL,
      value BLOB NOT NULL,
      bytes INTEGER NOT NULL,
      created_at TEXT NOT NULL
    );

    CREATE TABLE result_runs (
      run_id INTEGER NOT NULL REFERENCES runs(id) ON DELETE CASCADE,
      key TEXT NOT NULL REFERENCES results(key) ON DELETE CASCADE,
      revision INTEGER,
      PRIMARY KEY (run_id, key)
    ) WITHOUT ROWID;
    CREATE INDEX result_runs_by_key ON result_runs(key);

    CREATE TRIGGER items_label_revision AFTER UPDATE OF label, label_abstention_kind ON items
    WHEN OLD.label IS NOT NEW.label OR OLD.label_abstention_kind IS NOT NEW.label_abstention_kind
    BEGIN
      INSERT INTO run_revisions (run_id, labels) VALUES (NEW.run_id, 1)
        ON CONFLICT (run_id) DO UPDATE SET labels = labels + 1;
      DELETE FROM results WHERE key IN (SELECT key FROM result_runs WHERE run_id = NEW.run_id AND revision IS NOT NULL);
    END;

    CREATE TRIGGER runs_drop_results BEFORE DELETE ON runs
    BEGIN
      DELETE FROM results WHERE key IN (SELECT key FROM result_runs WHERE run_id = OLD.id);
    END;
  `,
};
