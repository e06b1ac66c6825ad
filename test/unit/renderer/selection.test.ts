// The Items table's selection and the bulk requests made from it, as data.
import { describe, expect, it } from 'vitest';
import { fmtCount } from '../../../renderer/src/lib/format.ts';
import { bulkNotice, bulkScope, isSelected, NO_SELECTION, selectionCount, selectionWord, setRows } from '../../../renderer/src/views/items/selection.ts';

describe('row selection', () => {
  it('names rows, or all rows of the list but some', () => {
    const some = setRows(NO_SELECTION, [1, 2, 3], true);
    expect(selectionCount(setRows(some, [2], false), 10)).toBe(2);
    const all = setRows({ all: true, except: new Set() }, [4], false);
    expect(isSelected(all, 4)).toBe(false);
    expect(isSelected(all, 5)).toBe(true);
    expect(selectionCount(all, 10)).toBe(9);
    expect(selectionWord({ all: true, except: new Set() }, '8')).toBe('all 8');
    expect(selectionWord(all, '9')).toBe('9');
    expect(selectionWord(some, '3')).toBe('3');
  });

  it('sends the filter for all rows, the ids otherwise, and lists the filter only when rows are left out', async () => {
    let listed = 0;
    const allIds = async () => {
      listed++;
      return [1, 2, 3, 4];
    };
    const filter = { outcome: 'unlabeled' };
    expect(await bulkScope(setRows(NO_SELECTION, [3, 1], true), filter, allIds)).toEqual({ filter: {}, itemIds: [3, 1] });
    expect(await bulkScope({ all: true, except: new Set() }, filter, allIds)).toEqual({ filter });
    expect(listed).toBe(0);
    expect(await bulkScope({ all: true, except: new Set([2]) }, filter, allIds)).toEqual({ filter, itemIds: [1, 3, 4] });
    expect(listed).toBe(1);
  });

  it('says what a bulk action wrote', () => {
    expect(bulkNotice('mark 2 selected correct', 2, fmtCount)).toBe('mark 2 selected correct: 2 labels written (Undo takes them back)');
    expect(bulkNotice('accept suggestions for 1 selected', 0, fmtCount)).toBe('accept suggestions for 1 selected: nothing to change');
  });
});
