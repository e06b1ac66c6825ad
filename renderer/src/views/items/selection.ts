// The Items table's row selection and the bulk actions taken from it.

/**
 * The rows picked for a bulk action: named ones, or every row of the current
 * search and filter except some (so "select all" in a million-item run is
 * one request, not a million ids).
 */
export type RowSelection = { all: false; ids: ReadonlySet<number> } | { all: true; except: ReadonlySet<number> };
export const NO_SELECTION: RowSelection = { all: false, ids: new Set() };

export function isSelected(selection: RowSelection, id: number): boolean {
  return selection.all ? !selection.except.has(id) : selection.ids.has(id);
}

export function selectionCount(selection: RowSelection, total: number): number {
  return selection.all ? Math.max(0, total - selection.except.size) : selection.ids.size;
}

/** Turns the given rows on or off, whichever kind the selection is. */
export function setRows(selection: RowSelection, ids: readonly number[], on: boolean): RowSelection {
  const set = new Set(selection.all ? selection.except : selection.ids);
  // In an all-selection the set lists the rows left out, so on and off swap.
  const add = selection.all ? !on : on;
  for (const id of ids) {
    if (add) set.add(id);
    else set.delete(id);
  }
  return selection.all ? { all: true, except: set } : { all: false, ids: set };
}

export interface Batch {
  batch: string;
  count: number;
  what: string;
}

// The bulk actions taken from this table, per run, newest last: kept for the
// window's session (switching tabs or reloading the window), so Undo still
// reaches them after a look at the Overview.
const BATCH_KEY = 'candor-items-batches:';
const batchMemory = new Map<number, Batch[]>();

function loadBatches(runId: number): Batch[] {
  try {
    const parsed: unknown = JSON.parse(sessionStorage.getItem(BATCH_KEY + runId) ?? '[]');
    return Array.isArray(parsed) ? (parsed as Batch[]).filter((b) => typeof b?.batch === 'string' && typeof b.what === 'string') : [];
  } catch {
    return [];
  }
}

export function saveBatches(runId: number, batches: Batch[]): void {
  try {
    sessionStorage.setItem(BATCH_KEY + runId, JSON.stringify(batches.slice(-50)));
  } catch {
    // Storage full or denied: Undo reaches only what this page still holds.
  }
  batchMemory.set(runId, batches.slice(-50));
}

/** This run's undoable batches, newest last. */
export function batchesOf(runId: number): Batch[] {
  return batchMemory.get(runId) ?? loadBatches(runId);
}
