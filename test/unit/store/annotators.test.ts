import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { Store } from '../../../main/store/store.ts';
import { writeRuns, type NewItem } from '../../support/runs.ts';

let store: Store;
let runId: number;
let ids: number[];

const item = (key: string, patch: Partial<NewItem> = {}): NewItem => ({
  key,
  prompt: `p ${key}`,
  answer: `a ${key}`,
  gold: null,
  grade: 'correct',
  confidence: 0.5,
  extra: {},
  ...patch,
});

beforeEach(() => {
  store = Store.open(':memory:');
  [runId] = writeRuns(store, (create) => {
    const add = create({
      name: 'r', model: 'm', task: 't', format: 'csv', formatVersion: null, sourcePath: 'r.csv',
      sourceSha256: 'h', sourceSize: 1, importerVersion: '1', metadata: {},
    });
    add(item('k0', { grade: 'incorrect', confidence: 0.95 }));
    add(item('k1', { grade: 'correct', confidence: 0.9 }));
    add(item('k2', { grade: 'incorrect', confidence: 0.4 }));
    add(item('k3', { grade: 'abstained', confidence: 0.99 }));
    add(item('k4', { grade: null, confidence: null }));
  }) as [number];
  ids = store.items.list(runId, {}, 0, 10).rows.map((row) => row.id);
});
afterEach(() => store.close());

const label = (i: number, annotator: string, outcome: 'correct' | 'incorrect' | 'abstained' | null, kind?: 'label' | 'adjudication') =>
  store.labels.set({ itemId: ids[i]!, annotator, outcome, note: null, kind })!.item;

describe('several annotators', () => {
  it('agreed labels count; disagreement disputes the item until an adjudicator decides', () => {
    expect(label(0, 'ann', 'correct')).toMatchObject({ outcome: 'correct', labelSource: 'agreed' });
    expect(label(0, 'bob', 'correct')).toMatchObject({ outcome: 'correct', labelSource: 'agreed', disputed: false });
    const disputed = label(0, 'bob', 'abstained');
    // Disputed: no human label, so the imported grade counts again.
    expect(disputed).toMatchObject({ label: null, disputed: true, outcome: 'incorrect' });
    expect(store.items.list(runId, { queue: 'disputed' }, 0, 10).rows.map((r) => r.key)).toEqual(['k0']);
    const settled = label(0, 'cy', 'abstained', 'adjudication');
    expect(settled).toMatchObject({ outcome: 'abstained', labelSource: 'adjudicated', labelAnnotator: 'cy', disputed: false });
    expect(store.items.list(runId, { queue: 'disputed' }, 0, 10).total).toBe(0);
    // Every earlier label stays in the history.
    expect(store.items.get(ids[0]!)!.history.map((h) => [h.annotator, h.kind, h.outcome])).toEqual([
      ['ann', 'label', 'correct'],
      ['bob', 'label', 'correct'],
      ['bob', 'label', 'abstained'],
      ['cy', 'adjudication', 'abstained'],
    ]);
    // Clearing the adjudication brings the dispute back.
    expect(label(0, 'cy', null, 'adjudication')).toMatchObject({ disputed: true, label: null });
  });

  it("blind mode withholds confidence, imported grade, and other annotators' labels", () => {
    label(1, 'ann', 'incorrect');
    const open = store.items.get(ids[1]!, { annotator: 'bob' })!;
    expect(open).toMatchObject({ confidence: 0.9, importedGrade: 'correct', outcome: 'incorrect', blind: false, myLabel: null });
    const blind = store.items.get(ids[1]!, { annotator: 'bob', blind: true })!;
    expect(blind).toMatchObject({ confidence: null, importedGrade: null, outcome: 'unlabeled', label: null, history: [], blind: true });
    label(1, 'bob', 'correct');
    const mine = store.items.get(ids[1]!, { annotator: 'bob', blind: true })!;
    expect(mine).toMatchObject({ outcome: 'correct', myLabel: 'correct' });
    expect(mine.history.map((h) => h.annotator)).toEqual(['bob']);
  });

  it('queues: unlabeled by me, disagreeing with the grade, most expensive first, seeded random', () => {
    label(1, 'ann', 'incorrect');
    label(2, 'bob', 'incorrect');
    expect(store.items.list(runId, { queue: 'unlabeled', annotator: 'ann' }, 0, 10).rows.map((r) => r.key)).toEqual(['k0', 'k2', 'k3', 'k4']);
    expect(store.items.list(runId, { queue: 'disagree' }, 0, 10).rows.map((r) => r.key)).toEqual(['k1']);
    // Answered before abstained; highest confidence first; no confidence last among answered.
    expect(store.items.list(runId, { queue: 'expensive' }, 0, 10).rows.map((r) => r.key)).toEqual(['k0', 'k1', 'k2', 'k4', 'k3']);
    const shuffled = store.items.list(runId, { queue: 'random', seed: 7 }, 0, 10).rows.map((r) => r.key);
    expect(shuffled.slice().sort()).toEqual(['k0', 'k1', 'k2', 'k3', 'k4']);
    expect(store.items.list(runId, { queue: 'random', seed: 7 }, 0, 10).rows.map((r) => r.key)).toEqual(shuffled);
    const other = store.items.list(runId, { queue: 'random', seed: 8 }, 0, 10).rows.map((r) => r.key);
    expect(other).not.toEqual(shuffled);
    // Neighbours walk the same order as the list.
    const walked = [shuffled[0]!];
    let current = store.items.list(runId, { queue: 'random', seed: 7 }, 0, 1).rows[0]!;
    for (;;) {
      const next = store.items.neighbor(current.id, 'next', { queue: 'random', seed: 7 });
      if (!next) break;
      walked.push(next.key);
      current = next;
    }
    expect(walked).toEqual(shuffled);
    expect(store.items.neighbor(current.id, 'prev', { queue: 'random', seed: 7 })?.key).toBe(shuffled[3]);
    expect(store.items.list(runId, { confidenceMin: 0.5, confidenceMax: 0.95 }, 0, 10).rows.map((r) => r.key)).toEqual(['k0', 'k1']);
  });

  it('a bulk action is one batch, and undoing it restores each item as it was', () => {
    label(0, 'ann', 'abstained');
    const { batch, count } = store.labels.bulk(ids, 'ann', (id) => store.items.get(id)!.importedGrade);
    // k0 changes abstained -> incorrect, k1..k3 get their grade, k4 has none.
    expect(count).toBe(4);
    expect(store.items.list(runId, {}, 0, 10).rows.map((r) => r.label)).toEqual(['incorrect', 'correct', 'incorrect', 'abstained', null]);
    const undone = store.labels.undoBatch(batch);
    expect(undone.count).toBe(4);
    expect(store.items.list(runId, {}, 0, 10).rows.map((r) => r.label)).toEqual(['abstained', null, null, null, null]);
    expect(store.items.get(ids[0]!)!.history).toHaveLength(3);
  });

  it('label sets merge by item key, skip what both have, and report conflicts without overwriting', () => {
    label(0, 'ann', 'correct');
    label(1, 'ann', 'incorrect');
    const exported = store.labels.exportSet({ id: runId, name: 'r', sourceSha256: 'h', model: 'm', task: 't' });
    expect(exported.labels.map((l) => [l.itemKey, l.outcome])).toEqual([['k0', 'correct'], ['k1', 'incorrect']]);

    const other = Store.open(':memory:');
    const [otherRun] = writeRuns(other, (create) => {
      const add = create({
        name: 'r', model: 'm', task: 't', format: 'csv', formatVersion: null, sourcePath: 'r.csv',
        sourceSha256: 'h', sourceSize: 1, importerVersion: '1', metadata: {},
      });
      for (const key of ['k0', 'k1', 'k2']) add(item(key));
    }) as [number];
    const otherIds = other.items.list(otherRun, {}, 0, 10).rows.map((r) => r.id);
    other.labels.set({ itemId: otherIds[1]!, annotator: 'ann', outcome: 'abstained', note: null });
    other.labels.set({ itemId: otherIds[2]!, annotator: 'bob', outcome: 'correct', note: null });
    const report = other.labels.merge(otherRun, { ...exported, labels: [...exported.labels, { ...exported.labels[0]!, itemKey: 'zz' }] });
    expect(report.added).toBe(1);
    expect(report.unknownKeys).toEqual(['zz']);
    expect(report.conflicts).toEqual([{ itemKey: 'k1', annotator: 'ann', kind: 'label', local: 'abstained', incoming: 'incorrect' }]);
    expect(other.items.get(otherIds[1]!)!.label).toBe('abstained');
    expect(other.items.get(otherIds[0]!)!.label).toBe('correct');
    // Merging again adds nothing new.
    expect(other.labels.merge(otherRun, exported)).toMatchObject({ added: 0, duplicates: 1 });
    expect(store.labels.annotators(runId).map((a) => [a.name, a.labels])).toEqual([['ann', 2]]);
    other.close();
  });
});

describe('run summaries', () => {
  it('stay exact as single labels, bulk actions and undo change outcomes', () => {
    const summary = () => {
      const run = store.runs.get(runId)!;
      return { ...run.counts, labeled: run.labeledCount };
    };
    const recount = () => {
      const rows = store.items.list(runId, {}, 0, 10).rows;
      const counts = { correct: 0, incorrect: 0, abstained: 0, unlabeled: 0, labeled: 0 };
      for (const row of rows) {
        counts[row.outcome]++;
        if (row.label !== null) counts.labeled++;
      }
      return counts;
    };
    expect(summary()).toEqual(recount());
    label(4, 'ann', 'correct');
    label(0, 'ann', 'abstained');
    label(0, 'bob', 'correct');
    expect(summary()).toEqual(recount());
    expect(summary()).toMatchObject({ labeled: 1, unlabeled: 0 });
    const { batch } = store.labels.bulk(ids, 'cy', () => 'incorrect');
    expect(summary()).toEqual(recount());
    store.labels.undoBatch(batch);
    expect(summary()).toEqual(recount());
    label(0, 'bob', null);
    expect(summary()).toEqual(recount());
  });
});

describe('undoing a bulk action', () => {
  it('leaves alone an item the annotator labelled again after the batch', () => {
    const { batch } = store.labels.bulk(ids, 'alice', () => 'correct');
    label(0, 'alice', 'incorrect');
    const undone = store.labels.undoBatch(batch);
    expect(undone).toMatchObject({ count: 4, skipped: 1 });
    expect(store.items.get(ids[0]!)!.label).toBe('incorrect');
    expect(store.items.list(runId, {}, 0, 10).rows.slice(1).map((r) => r.label)).toEqual([null, null, null, null]);
  });
});
