// The Items table's row selection and the bulk actions taken from it, kept
// out of React so they are tested as data.

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

/** How the selection reads in buttons and in Undo: "all 8" when every row of the list is in it. */
export function selectionWord(selection: RowSelection, count: string): string {
  return selection.all && selection.except.size === 0 ? `all ${count}` : count;
}

/**
 * What a bulk action sends for a selection: the list's filter when every row
 * is picked (one request for a million rows), else the ids. `allIds` lists
 * the filter's rows, and is asked for only when some are left out.
 */
export async function bulkScope(
  selection: RowSelection,
  filter: Record<string, unknown>,
  allIds: () => Promise<number[]>,
): Promise<{ filter: Record<string, unknown>; itemIds?: number[] }> {
  if (!selection.all) return { filter: {}, itemIds: [...selection.ids] };
  if (selection.except.size === 0) return { filter };
  return { filter, itemIds: (await allIds()).filter((id) => !selection.except.has(id)) };
}

/** What the table says after a bulk action. */
export function bulkNotice(what: string, count: number, fmtCount: (n: number) => string): string {
  return count > 0 ? `${what}: ${fmtCount(count)} label${count === 1 ? '' : 's'} written (Undo takes them back)` : `${what}: nothing to change`;
}
