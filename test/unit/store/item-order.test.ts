// The Items table's orders (main/store/item-order.ts): every column, both
// directions, with filters, pages and neighbours, against a plain sort of the
// rows written out in the test; kept right as labels and suggestions change.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { CONFIDENTLY_WRONG, ITEM_SORTS, type ItemRow, type ItemSort, type Outcome, type SortDirection } from '../../../shared/domain.ts';
import { Store } from '../../../main/store/store.ts';
import { codePointLength } from '../../../shared/text.ts';
import { writeRuns } from '../../support/runs.ts';

let store: Store;
let runId: number;

const GRADES: Array<Outcome | null> = ['correct', 'incorrect', null, 'abstained', 'incorrect', 'correct', null, 'incorrect'];
const N = 40;

beforeEach(() => {
  store = Store.open(':memory:');
  [runId] = writeRuns(store, (create) => {
    const add = create({
      name: 'r', model: 'm', task: 't', format: 'csv', formatVersion: null, sourcePath: '/r.csv',
      sourceSha256: 'h', sourceSize: 1, importerVersion: '1', metadata: {},
    });
    for (let i = 0; i < N; i++) {
      add({
        key: `k${i}`,
        prompt: i % 5 === 0 ? `find me ${i}` : `prompt ${i}`,
        // Lengths repeat (ties keep file order); one answer of emoji counts each as one character.
        answer: i === 7 ? '😀😀😀' : 'x'.repeat((i * 7) % 11),
        gold: 'x',
        grade: GRADES[i % GRADES.length]!,
        // Ties in confidence, and some items without one.
        confidence: i % 6 === 5 ? null : Math.round(((i * 37) % 100) / 10) / 10,
        extra: {},
      });
    }
  }) as [number];
  // Some labels: agreed, one disputed, one adjudicated.
  const ids = store.items.list(runId, {}, 0, N).rows.map((row) => row.id);
  store.labels.set({ itemId: ids[2]!, annotator: 'a', outcome: 'correct', note: null });
  store.labels.set({ itemId: ids[1]!, annotator: 'a', outcome: 'correct', note: null });
  store.labels.set({ itemId: ids[4]!, annotator: 'a', outcome: 'incorrect', note: null });
  store.labels.set({ itemId: ids[4]!, annotator: 'b', outcome: 'correct', note: null });
  store.labels.set({ itemId: ids[9]!, annotator: 'c', outcome: 'abstained', note: null, kind: 'adjudication' });
  store.items.suggestGrades(runId, (answer) => (answer.length > 4 ? { grade: 'incorrect', basis: 'no match' } : answer ? { grade: 'correct', basis: 'exact match' } : null));
});
afterEach(() => store.close());

const GRADE_RANK: Record<string, number> = { correct: 0, incorrect: 1, abstained: 2 };
const ord = (row: ItemRow) => Number(row.key.slice(1));

/** The rule docs/ and shared/domain.ts state, written as a plain comparator. */
function expected(rows: ItemRow[], sort: ItemSort, direction: SortDirection): string[] {
  const sign = direction === 'desc' ? -1 : 1;
  const value = (row: ItemRow): number | null => {
    switch (sort) {
      case 'order':
        return ord(row);
      case 'confidence':
        return row.confidence;
      case 'length':
        return codePointLength(row.answer);
      case 'outcome':
        return row.outcome === 'unlabeled' ? null : GRADE_RANK[row.outcome]!;
      case 'label':
        return row.label === null ? null : GRADE_RANK[row.label]!;
      case 'grade':
        return row.importedGrade === null ? null : GRADE_RANK[row.importedGrade]!;
      case 'suggested':
        return row.suggestedGrade === null ? null : GRADE_RANK[row.suggestedGrade]!;
      case 'disagreement':
        return row.disputed ? 2 : row.label !== null && row.importedGrade !== null && row.label !== row.importedGrade ? 1 : 0;
    }
  };
  return [...rows]
    .sort((a, b) => {
      const x = value(a);
      const y = value(b);
      if (x === null || y === null) return x === y ? ord(a) - ord(b) : x === null ? 1 : -1;
      return sign * (x - y) || ord(a) - ord(b);
    })
    .map((row) => row.key);
}

const all = () => store.items.list(runId, {}, 0, N).rows;
const keys = (sort: ItemSort, sortDirection: SortDirection, extra = {}) => store.items.list(runId, { sort, sortDirection, ...extra }, 0, N).rows.map((row) => row.key);

describe('item orders', () => {
  it('sorts by every column in both directions as the stated rule says', () => {
    const rows = all();
    for (const sort of ITEM_SORTS) {
      for (const direction of ['asc', 'desc'] as const) expect(keys(sort, direction), `${sort} ${direction}`).toEqual(expected(rows, sort, direction));
    }
    // Spot checks of the rule itself: no confidence last in both directions; emoji count one each.
    expect(keys('confidence', 'desc').slice(-6)).toEqual(['k5', 'k11', 'k17', 'k23', 'k29', 'k35']);
    expect(keys('confidence', 'asc').slice(-6)).toEqual(['k5', 'k11', 'k17', 'k23', 'k29', 'k35']);
    expect(store.items.list(runId, { sort: 'length', sortDirection: 'asc' }, 0, N).rows.filter((row) => row.key === 'k7')).toHaveLength(1);
    expect(keys('disagreement', 'desc').slice(0, 3)).toEqual(['k4', 'k1', 'k9']);
  });

  it('pages through an order, filtered by outcome, confidence and search, and walks it item by item', () => {
    const query = { sort: 'confidence' as const, sortDirection: 'desc' as const, outcome: 'incorrect' as const, confidenceMin: 0.2, search: 'prompt' };
    const whole = store.items.list(runId, query, 0, N);
    const rows = all().filter((row) => row.outcome === 'incorrect' && row.confidence !== null && row.confidence >= 0.2 && row.prompt.includes('prompt'));
    expect(whole.rows.map((row) => row.key)).toEqual(expected(rows, 'confidence', 'desc'));
    expect(whole.total).toBe(rows.length);
    const paged = [0, 3, 6, 9].flatMap((offset) => store.items.list(runId, query, offset, 3).rows.map((row) => row.key));
    expect(paged).toEqual(whole.rows.map((row) => row.key));
    // Next and previous follow the same order, and stop at its ends.
    const walked = [whole.rows[0]!.key];
    for (let row = store.items.neighbor(whole.rows[0]!.id, 'next', query); row; row = store.items.neighbor(row.id, 'next', query)) walked.push(row.key);
    expect(walked).toEqual(whole.rows.map((row) => row.key));
    expect(store.items.neighbor(whole.rows[0]!.id, 'prev', query)).toBeNull();
    expect(store.items.neighbor(whole.rows[2]!.id, 'prev', query)?.key).toBe(whole.rows[1]!.key);
  });

  it('"confidently wrong" is the Label queue "most expensive first" restricted to incorrect items', () => {
    const wrong = store.items.list(runId, CONFIDENTLY_WRONG, 0, N).rows.map((row) => row.key);
    const expensive = store.items.list(runId, { queue: 'expensive' }, 0, N).rows.filter((row) => row.outcome === 'incorrect').map((row) => row.key);
    expect(wrong).toEqual(expensive);
    expect(wrong.length).toBeGreaterThan(5);
  });

  it('follows labels, undo and new suggestions', () => {
    const before = keys('label', 'asc');
    const ids = all().map((row) => row.id);
    store.labels.set({ itemId: ids[20]!, annotator: 'a', outcome: 'abstained', note: null });
    store.labels.set({ itemId: ids[2]!, annotator: 'b', outcome: 'incorrect', note: null });
    for (const sort of ['outcome', 'label', 'disagreement'] as const) expect(keys(sort, 'desc'), sort).toEqual(expected(all(), sort, 'desc'));
    expect(keys('label', 'asc')).not.toEqual(before);
    store.labels.undo(runId, 'b');
    store.labels.undo(runId, 'a');
    expect(keys('label', 'asc')).toEqual(expected(all(), 'label', 'asc'));
    store.items.suggestGrades(runId, () => ({ grade: 'abstained', basis: 'abstention phrase' }));
    expect(keys('suggested', 'asc')).toEqual(all().map((row) => row.key));
    // Filtering by outcome reads the patched columns: the count follows the labels.
    expect(store.items.list(runId, { sort: 'confidence', outcome: 'abstained' }, 0, N).total).toBe(store.runs.get(runId)!.counts.abstained);
  });
});

describe('codePointLength', () => {
  it('counts characters as SQLite does', () => {
    expect(codePointLength('abc')).toBe(3);
    expect(codePointLength('😀x😀')).toBe(3);
    expect(codePointLength('\uD800')).toBe(1);
    expect(codePointLength('')).toBe(0);
  });
});
