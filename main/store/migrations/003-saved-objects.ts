import type { Migration } from './types.ts';

// Things a researcher saves beside runs: rubrics (scoring rules), fitted
// recalibration maps with their provenance, and settings remembered across
// sessions (column mappings per file layout, diagram choices).
export const migration003: Migration = {
  version: 3,
  name: 'rubrics, recalibration maps, settings',
  up: `
    CREATE TABLE rubrics (
      id INTEGER PRIMARY KEY,
      name TEXT NOT NULL,
      spec TEXT NOT NULL,
      created_at TEXT NOT NULL,
      UNIQUE (spec)
    );

    CREATE TABLE recalibration_maps (
      id INTEGER PRIMARY KEY,
      run_id INTEGER REFERENCES runs(id) ON DELETE SET NULL,
      name TEXT NOT NULL,
      method TEXT NOT NULL,
      params TEXT NOT NULL,
      settings TEXT NOT NULL DEFAULT '{}',
      provenance TEXT NOT NULL DEFAULT '{}',
      created_at TEXT NOT NULL
    );
    CREATE INDEX recalibration_maps_by_run ON recalibration_maps(run_id);

    CREATE TABLE settings (
      key TEXT PRIMARY KEY,
      value TEXT NOT NULL,
      updated_at TEXT NOT NULL
    );
  `,
};
