// The Items table's columns: which exist, which are shown (remembered in this
// browser), how wide each is, and which order clicking a column's header asks for.
import type { ItemSort, SortDirection } from '../../../../shared/domain.ts';

export const ITEM_COLUMNS = [
  { id: 'key', label: 'key', width: 'minmax(70px, 0.8fr)', sort: 'order', title: 'The item’s key; sorts in file order' },
  { id: 'prompt', label: 'prompt', width: 'minmax(120px, 3fr)' },
  { id: 'answer', label: 'answer', width: 'minmax(100px, 2fr)' },
  { id: 'gold', label: 'gold', width: 'minmax(80px, 1.2fr)' },
  { id: 'confidence', label: 'confidence', width: '84px', sort: 'confidence', numeric: true },
  { id: 'outcome', label: 'outcome', width: '118px', sort: 'outcome', title: 'What the metrics count: the resolved human label, else the imported grade' },
  { id: 'label', label: 'human label', width: '118px', sort: 'label', title: 'The resolved human label (adjudicated, or agreed by every annotator)' },
  { id: 'grade', label: 'imported grade', width: '118px', sort: 'grade', title: 'The grade the file gave' },
  { id: 'suggested', label: 'suggested', width: '118px', sort: 'suggested', title: 'An automatic grade (exact match, containment, abstention phrase); counted only once accepted' },
  { id: 'disagreement', label: 'disagreement', width: '104px', sort: 'disagreement', title: 'Annotators dispute the item, or the human label differs from the imported grade' },
  { id: 'length', label: 'length', width: '64px', sort: 'length', numeric: true, title: 'Length of the answer in characters' },
] as const satisfies ReadonlyArray<{ id: string; label: string; width: string; sort?: ItemSort; numeric?: boolean; title?: string }>;

export type ItemColumn = (typeof ITEM_COLUMNS)[number]['id'];
export const DEFAULT_COLUMNS: readonly ItemColumn[] = ['key', 'prompt', 'answer', 'gold', 'confidence', 'outcome', 'suggested'];

const STORAGE_KEY = 'candor-items-columns';

/** The shown columns, in the table's order; a stored list from another version keeps only what still exists. */
export function readColumns(text: string | null): ItemColumn[] {
  if (!text) return [...DEFAULT_COLUMNS];
  try {
    const stored: unknown = JSON.parse(text);
    if (!Array.isArray(stored)) return [...DEFAULT_COLUMNS];
    const shown = ITEM_COLUMNS.map((column) => column.id).filter((id) => stored.includes(id));
    return shown.length > 0 ? shown : [...DEFAULT_COLUMNS];
  } catch {
    return [...DEFAULT_COLUMNS];
  }
}

export function loadColumns(): ItemColumn[] {
  try {
    return readColumns(localStorage.getItem(STORAGE_KEY));
  } catch {
    return [...DEFAULT_COLUMNS];
  }
}

export function saveColumns(columns: readonly ItemColumn[]): void {
  try {
    localStorage.setItem(STORAGE_KEY, JSON.stringify(columns));
  } catch {
    // Kept for this session only.
  }
}

/** Shows or hides a column, keeping the table's order; the last column stays. */
export function toggleColumn(columns: readonly ItemColumn[], id: ItemColumn): ItemColumn[] {
  if (columns.includes(id)) return columns.length > 1 ? columns.filter((column) => column !== id) : [...columns];
  return ITEM_COLUMNS.map((column) => column.id).filter((column) => column === id || columns.includes(column));
}

/** The grid's columns: the selection box, then each shown column. */
export function gridTemplate(columns: readonly ItemColumn[]): string {
  return ['18px', ...ITEM_COLUMNS.filter((column) => columns.includes(column.id)).map((column) => column.width)].join(' ');
}

/**
 * The order a click on a header asks for: the column's order, first in its
 * natural direction (numbers and disagreements highest first, grades correct
 * first, file order from the top), reversed on the next click.
 */
export function nextSort(current: { sort: ItemSort; sortDirection: SortDirection }, sort: ItemSort): { sort: ItemSort; sortDirection: SortDirection } {
  if (current.sort === sort) return { sort, sortDirection: current.sortDirection === 'asc' ? 'desc' : 'asc' };
  return { sort, sortDirection: firstDirection(sort) };
}

export function firstDirection(sort: ItemSort): SortDirection {
  return sort === 'confidence' || sort === 'length' || sort === 'disagreement' ? 'desc' : 'asc';
}

export const SORT_LABELS: Record<ItemSort, string> = {
  order: 'file order',
  confidence: 'confidence',
  outcome: 'outcome',
  label: 'human label',
  grade: 'imported grade',
  suggested: 'suggested grade',
  disagreement: 'disagreement',
  length: 'answer length',
};
