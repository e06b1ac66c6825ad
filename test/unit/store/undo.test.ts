// Undo and redo kept by the store: one stack per annotator and run, holding
// single labels and bulk actions alike; undo writes the label that was there
// before, skips (and counts) items labelled again since, and survives a
// reopened database.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Outcome } from '../../../shared/domain.ts';
import { LABEL_SET_SCHEMA } from '../../../shared/labels/label-set.ts';
import { Store } from '../../../main/store/store.ts';
import { writeRuns } from '../../support/runs.ts';
import { tempDir } from '../../support/temp.ts';

let store: Store;
let runId: number;
let ids: number[];
let tmp: ReturnType<typeof tempDir>;

function fill(target: Store, sha = 'h'): number {
  const [id] = writeRuns(target, (create) => {
    const add = create({
      name: 'r', model: 'm', task: 't', format: 'csv', formatVersion: null, sourcePath: `${sha}.csv`,
      sourceSha256: sha, sourceSize: 1, importerVersion: '1', metadata: {},
    });
    for (let i = 0; i < 5; i++) add({ key: `k${i}`, prompt: 'p', answer: 'a', gold: null, grade: i % 2 ? 'correct' : 'incorrect', confidence: 0.5, extra: {} });
  }) as [number];
  return id;
}

beforeEach(() => {
  tmp = tempDir();
  store = Store.open(`${tmp.dir}/candor.db`);
  runId = fill(store);
  ids = store.items.list(runId, {}, 0, 10).rows.map((row) => row.id);
});
afterEach(() => {
  store.close();
  tmp.cleanup();
});

const set = (i: number, annotator: string, outcome: Outcome | null, note: string | null = null) =>
  store.labels.set({ itemId: ids[i]!, annotator, outcome, note })!;
const mine = (i: number, annotator = 'ann') => store.labels.current(ids[i]!, annotator);
const labels = () => ids.map((id) => store.items.get(id)!.label);

describe('undo and redo in the store', () => {
  it('takes back single labels in order, to the label each replaced, and brings them back', () => {
    set(0, 'ann', 'correct');
    set(0, 'ann', 'abstained');
    set(1, 'ann', 'incorrect', 'hedged');
    expect(store.labels.stack(runId, 'ann')).toMatchObject({ undo: { what: 'note on k1', count: 1, itemId: ids[1] }, redo: null });

    expect(store.labels.undo(runId, 'ann')).toMatchObject({ action: { what: 'note on k1' }, count: 1, skipped: 0 });
    expect(mine(1)).toBeNull();
    expect(store.labels.undo(runId, 'ann')).toMatchObject({ action: { what: 'abstained on k0' }, count: 1 });
    expect(mine(0)).toBe('correct');
    const third = store.labels.undo(runId, 'ann');
    expect(third).toMatchObject({ action: { what: 'correct on k0' }, stack: { undo: null, redo: { what: 'correct on k0' } } });
    expect(mine(0)).toBeNull();
    expect(store.labels.undo(runId, 'ann')).toMatchObject({ action: null, count: 0 });

    expect(store.labels.redo(runId, 'ann')).toMatchObject({ action: { what: 'correct on k0' }, count: 1 });
    expect(mine(0)).toBe('correct');
    store.labels.redo(runId, 'ann');
    expect(mine(0)).toBe('abstained');
    store.labels.redo(runId, 'ann');
    expect(mine(1)).toBe('incorrect');
    // The note comes back with the label.
    expect(store.items.get(ids[1]!)!.history.at(-1)).toMatchObject({ outcome: 'incorrect', note: 'hedged' });
    expect(store.labels.redo(runId, 'ann')).toMatchObject({ action: null });
    // History keeps every step: three labels, three undoings, three redoings.
    expect(store.items.get(ids[0]!)!.history.map((h) => h.outcome)).toEqual(['correct', 'abstained', 'correct', null, 'correct', 'abstained']);
  });

  it('undoes a bulk action as one, and a new action clears what could be redone', () => {
    set(0, 'ann', 'abstained');
    const { count } = store.labels.bulk(ids, 'ann', () => 'correct', 'mark all correct');
    expect(count).toBe(5);
    expect(store.labels.undo(runId, 'ann')).toMatchObject({ action: { what: 'mark all correct', count: 5 }, count: 5, skipped: 0 });
    expect(labels()).toEqual(['abstained', null, null, null, null]);
    expect(store.labels.stack(runId, 'ann').redo?.what).toBe('mark all correct');
    set(2, 'ann', 'incorrect');
    expect(store.labels.stack(runId, 'ann')).toMatchObject({ undo: { what: 'incorrect on k2' }, redo: null });
    expect(store.labels.redo(runId, 'ann').action).toBeNull();
  });

  it('puts nothing on the stack for a bulk action that changes nothing', () => {
    set(0, 'ann', 'correct');
    store.labels.undo(runId, 'ann');
    expect(store.labels.bulk([ids[1]!], 'ann', () => null).count).toBe(0);
    // The no-op neither became an action nor cleared the redo stack.
    expect(store.labels.stack(runId, 'ann')).toMatchObject({ undo: null, redo: { what: 'correct on k0' } });
  });

  it('leaves, and counts, items labelled again since that still stand; a label since undone does not stand', () => {
    store.labels.bulk(ids, 'ann', () => 'correct', 'mark all correct');
    // The same annotator labels k0 again (an action of its own), and their label from another database lands on k1.
    set(0, 'ann', 'incorrect');
    const merged = store.labels.merge(runId, {
      schema: LABEL_SET_SCHEMA,
      run: { name: 'r', sourceSha256: 'h', model: 'm', task: 't' },
      exportedAt: '2030-01-01T00:00:00.000Z',
      labels: [{ itemKey: 'k1', annotator: 'ann', outcome: 'correct', note: 'checked twice', createdAt: '2030-01-01T00:00:00.000Z', kind: 'label' }],
    });
    expect(merged).toMatchObject({ added: 1, conflicts: [] });
    // Undo takes back k0's label first; then the bulk action, whose k1 is covered by the merged label.
    store.labels.undo(runId, 'ann');
    expect(mine(0)).toBe('correct');
    const undone = store.labels.undo(runId, 'ann');
    expect(undone).toMatchObject({ action: { what: 'mark all correct' }, count: 4, skipped: 1 });
    expect(ids.map((_, i) => mine(i))).toEqual([null, 'correct', null, null, null]);
    // Redo brings back only what the undo changed.
    expect(store.labels.redo(runId, 'ann')).toMatchObject({ count: 4, skipped: 0 });
    expect(ids.map((_, i) => mine(i))).toEqual(['correct', 'correct', 'correct', 'correct', 'correct']);
    expect(store.items.get(ids[1]!)!.history.at(-1)).toMatchObject({ note: 'checked twice' });
  });

  it('keeps one stack per annotator and per run', () => {
    const otherRun = fill(store, 'h2');
    const other = store.items.list(otherRun, {}, 0, 10).rows.map((row) => row.id);
    set(0, 'ann', 'correct');
    set(0, 'bob', 'incorrect');
    store.labels.set({ itemId: other[0]!, annotator: 'ann', outcome: 'abstained', note: null });
    expect(store.labels.undo(runId, 'ann').action?.what).toBe('correct on k0');
    // Bob's label and ann's label in the other run are untouched.
    expect(mine(0, 'bob')).toBe('incorrect');
    expect(store.labels.current(other[0]!, 'ann')).toBe('abstained');
    expect(store.labels.stack(runId, 'bob').undo?.what).toBe('incorrect on k0');
    expect(store.labels.stack(otherRun, 'ann').undo?.what).toBe('abstained on k0');
    expect(store.labels.stack(runId, 'ann')).toMatchObject({ undo: null, redo: { what: 'correct on k0' } });
  });

  it('undoes an adjudication to the decision before it', () => {
    set(0, 'ann', 'correct');
    set(0, 'bob', 'incorrect');
    store.labels.set({ itemId: ids[0]!, annotator: 'cy', outcome: 'abstained', note: null, kind: 'adjudication' });
    expect(store.items.get(ids[0]!)).toMatchObject({ label: 'abstained', labelSource: 'adjudicated' });
    expect(store.labels.undo(runId, 'cy')).toMatchObject({ action: { what: 'decide abstained on k0' }, count: 1 });
    expect(store.items.get(ids[0]!)).toMatchObject({ label: null, disputed: true });
  });

  it('survives closing and reopening the database', () => {
    store.labels.bulk(ids.slice(0, 2), 'ann', () => 'abstained', 'accept suggested grades');
    set(4, 'ann', 'correct');
    store.labels.undo(runId, 'ann');
    store.close();
    store = Store.open(`${tmp.dir}/candor.db`);
    expect(store.labels.stack(runId, 'ann')).toMatchObject({ undo: { what: 'accept suggested grades', count: 2 }, redo: { what: 'correct on k4' } });
    store.labels.undo(runId, 'ann');
    expect(labels()).toEqual([null, null, null, null, null]);
  });

  it('keeps the stacks honest when a batch is undone by id (labels/undo-batch)', () => {
    const first = store.labels.bulk(ids.slice(0, 2), 'ann', () => 'abstained', 'first');
    const second = store.labels.bulk(ids.slice(2, 4), 'ann', () => 'abstained', 'second');
    // Out of order: the older batch is taken back and can no longer be redone.
    store.labels.undoBatch(first.batch);
    expect(store.labels.stack(runId, 'ann')).toMatchObject({ undo: { what: 'second' }, redo: null });
    // On top: the same as undo, redoable.
    store.labels.undoBatch(second.batch);
    expect(store.labels.stack(runId, 'ann')).toMatchObject({ undo: null, redo: { what: 'second' } });
    expect(store.labels.redo(runId, 'ann')).toMatchObject({ count: 2 });
    expect(labels()).toEqual([null, null, 'abstained', 'abstained', null]);
  });

  it('forgets a run\'s stacks with the run', () => {
    set(0, 'ann', 'correct');
    store.runs.delete(runId);
    expect(store.labels.stack(runId, 'ann')).toEqual({ undo: null, redo: null });
  });
});
