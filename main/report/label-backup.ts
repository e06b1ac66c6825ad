// Before a run is deleted its labels are written out as a label set (the
// same file Agreement > Label sets exports and merges), so a delete never
// loses a person's work: the set merges back into a run imported again.
import { mkdirSync, renameSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import type { RunSummary } from '../../shared/domain.ts';
import type { Store } from '../store/store.ts';

/** Where label sets go by default: a label-sets folder beside the database (the temp folder for an in-memory one). */
export function defaultLabelSetDir(databasePath: string): string {
  return databasePath === ':memory:' ? join(tmpdir(), 'candor-label-sets') : join(dirname(databasePath), 'label-sets');
}

/** A file name that says which run and when, safe on every file system. */
export function labelSetFileName(run: Pick<RunSummary, 'id' | 'name'>, at: Date = new Date()): string {
  const stem = run.name.replace(/\.[^.]*$/, '').replace(/[^\w.-]+/g, '_').replace(/^[._]+/, '').slice(0, 60) || 'run';
  const stamp = at.toISOString().replace(/[-:]/g, '').replace(/\.\d+Z$/, 'Z');
  return `labels-${stem}-run${run.id}-${stamp}.json`;
}

/**
 * Writes the run's label set into `dir` (created if missing) and returns the
 * file and how many label records it holds; null when the run has none. The
 * file appears whole or not at all (written beside it, then renamed).
 */
export function writeLabelBackup(store: Store, run: RunSummary, dir: string, at: Date = new Date()): { path: string; labels: number } | null {
  const set = store.labels.exportSet(run);
  if (set.labels.length === 0) return null;
  const path = join(dir, labelSetFileName(run, at));
  try {
    mkdirSync(dir, { recursive: true });
    const partial = `${path}.partial`;
    writeFileSync(partial, `${JSON.stringify(set, null, 2)}\n`, { flag: 'wx' });
    renameSync(partial, path);
  } catch (error) {
    const why = error instanceof Error ? error.message : String(error);
    throw new LabelBackupError(`Could not write the labels of run ${run.id} ("${run.name}") to ${path} (${why}); nothing was deleted.`);
  }
  return { path, labels: set.labels.length };
}

/** The label set could not be written, so the run was kept. */
export class LabelBackupError extends Error {
  override name = 'LabelBackupError';
}

/**
 * Deletes a run, its labels written to a label set in `dir` first: if the
 * file cannot be written, nothing is deleted. Run inside the store's write
 * (one synchronous step, so no label can arrive between the two).
 */
export function deleteRunKeepingLabels(store: Store, run: RunSummary, dir: string): { deleted: number; labels: number; labelsExportedTo: string | null } {
  const backup = writeLabelBackup(store, run, dir);
  return { deleted: store.runs.delete(run.id), labels: backup?.labels ?? 0, labelsExportedTo: backup?.path ?? null };
}
