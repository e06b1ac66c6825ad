// Run management: correcting what an import named (name, model, task), free
// tags, and deleting a run (its labels exported first).
// Library-free: the sandboxed preload imports the verb names.
export const RUNS_VERBS = [
  /** Rename a run, set or correct its model and task, replace its tags: only the fields given change. */
  'runs/update',
  /** Delete a run with its items; its labels, if any, are written to a label set file first. */
  'runs/delete',
  /** Every tag in use, with how many runs carry it. */
  'runs/tags',
] as const;
