import type { Migration } from './types.ts';

// Free tags on runs ("baseline", "ablation", "v2 prompt"), for filtering and
// grouping the sidebar. A tag is unique per run whatever its case ("Baseline"
// and "baseline" are one tag); it goes with its run.
export const migration007: Migration = {
  version: 7,
  name: 'run tags',
  up: `
    CREATE TABLE run_tags (
      run_id INTEGER NOT NULL REFERENCES runs(id) ON DELETE CASCADE,
      tag TEXT NOT NULL COLLATE NOCASE,
      PRIMARY KEY (run_id, tag)
    ) WITHOUT ROWID;
    CREATE INDEX run_tags_by_tag ON run_tags(tag);
  `,
};
