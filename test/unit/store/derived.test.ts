// The run tallies and the engine's cached columns are patched inside the label
// transaction, never recounted: after every kind of label write they must
// equal what a fresh read of the tables gives.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { EFFECTIVE_OUTCOMES, type Outcome } from '../../../shared/domain.ts';
import { Store } from '../../../main/store/store.ts';
import { extractCalibrationData, type ExtractedCalibrationData } from '../../../shared/metrics/calibration-data.ts';
import { writeRuns } from '../../support/runs.ts';

let store: Store;
let runId: number;
let ids: number[];
const GRADES: Array<Outcome | null> = ['correct', 'incorrect', null, 'abstained', null, 'correct'];

beforeEach(() => {
  store = Store.open(':memory:');
  [runId] = writeRuns(store, (create) => {
    const add = create({
      name: 'r', model: 'm', task: 't', format: 'csv', formatVersion: null, sourcePath: '/r.csv',
      sourceSha256: 'h', sourceSize: 1, importerVersion: '1', metadata: {},
    });
    GRADES.forEach((grade, i) => add({ key: `k${i}`, prompt: 'p', answer: 'a', gold: null, grade, confidence: i / 10, extra: {} }));
  }) as [number];
  ids = store.items.list(runId, {}, 0, 100).rows.map((row) => row.id);
  // Prime both caches, so every write below has to patch them.
  store.runs.get(runId);
  store.items.columns(runId);
});
afterEach(() => store.close());

/** A run's extracted items as plain numbers, to compare with toEqual. */
function plain(data: ExtractedCalibrationData) {
  return { ...data, p: Array.from(data.p), y: Array.from(data.y) };
}

function expectInStep(): void {
  expect(Array.from(store.items.columns(runId).outcome)).toEqual(Array.from(store.items.outcomeColumns(runId).outcome));
  expect(plain(store.items.extracted(runId))).toEqual(plain(extractCalibrationData(store.items.outcomeColumns(runId))));
  const summary = store.runs.get(runId)!;
  for (const outcome of EFFECTIVE_OUTCOMES) expect(summary.counts[outcome]).toBe(store.items.list(runId, { outcome }, 0, 1).total);
  expect(summary.labeledCount).toBe(store.items.list(runId, {}, 0, 100).rows.filter((row) => row.label !== null).length);
}

describe('derived state', () => {
  it('follows single labels, clears, disagreements and adjudications', () => {
    store.labels.set({ itemId: ids[2]!, annotator: 'a', outcome: 'correct', note: null });
    expectInStep();
    store.labels.set({ itemId: ids[0]!, annotator: 'a', outcome: 'incorrect', note: null });
    store.labels.set({ itemId: ids[0]!, annotator: 'b', outcome: 'correct', note: null });
    expectInStep();
    store.labels.set({ itemId: ids[0]!, annotator: 'c', outcome: 'abstained', note: null, kind: 'adjudication' });
    expectInStep();
    store.labels.set({ itemId: ids[2]!, annotator: 'a', outcome: null, note: null });
    expectInStep();
  });

  it('follows bulk actions, their undoing and merges', () => {
    const { batch } = store.labels.bulk(ids, 'a', () => 'incorrect');
    expectInStep();
    store.labels.undoBatch(batch);
    expectInStep();
    const set = store.labels.exportSet(store.runs.get(runId)!);
    set.labels.push({ itemKey: 'k4', annotator: 'z', outcome: 'abstained', note: null, createdAt: '2030-01-01T00:00:00.000Z', kind: 'label' });
    expect(store.labels.merge(runId, set)).toMatchObject({ added: 1 });
    expectInStep();
  });

  it('extracts the answered items once, on shared memory, and a label gives a new extraction without touching the one handed out', () => {
    const first = store.items.extracted(runId);
    expect(store.items.extracted(runId)).toBe(first);
    expect(first.p.buffer).toBeInstanceOf(SharedArrayBuffer);
    expect(first.y.buffer).toBeInstanceOf(SharedArrayBuffer);
    const before = plain(first);
    // Item 2 was unlabeled: a label makes it an answered item.
    store.labels.set({ itemId: ids[2]!, annotator: 'a', outcome: 'correct', note: null });
    const second = store.items.extracted(runId);
    expect(second).not.toBe(first);
    expect(second.p.length).toBe(first.p.length + 1);
    expect(plain(first)).toEqual(before);
    expectInStep();
  });

  it('is dropped, not left ahead of the tables, when a transaction rolls back', () => {
    expect(() => store.labels.bulk([ids[0]!, 999_999], 'a', () => 'abstained')).toThrow(/999999 does not exist/);
    expect(store.labels.current(ids[0]!, 'a')).toBeNull();
    expectInStep();
  });

  it('keeps the count of stated confidences through labels, bulk actions and undo', () => {
    const [withGaps] = writeRuns(store, (create) => {
      const add = create({
        name: 'gaps', model: 'm', task: 't', format: 'csv', formatVersion: null, sourcePath: '/gaps.csv',
        sourceSha256: 'g', sourceSize: 1, importerVersion: '1', metadata: {},
      });
      [0.2, null, 0.9, null, 0].forEach((confidence, i) => add({ key: `g${i}`, prompt: 'p', answer: 'a', gold: null, grade: null, confidence, extra: {} }));
    }) as [number];
    const gapIds = store.items.list(withGaps, {}, 0, 100).rows.map((row) => row.id);
    expect(store.runs.get(withGaps)!.confidenceCount).toBe(3);
    store.labels.set({ itemId: gapIds[1]!, annotator: 'a', outcome: 'correct', note: null });
    const { batch } = store.labels.bulk(gapIds, 'a', () => 'incorrect');
    expect(store.runs.get(withGaps)!.confidenceCount).toBe(3);
    store.labels.undoBatch(batch);
    store.labels.set({ itemId: gapIds[1]!, annotator: 'a', outcome: null, note: null });
    expect(store.runs.get(withGaps)!.confidenceCount).toBe(3);
    expect(store.runs.get(runId)!.confidenceCount).toBe(GRADES.length);
  });
});
