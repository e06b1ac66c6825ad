// The results cache at the store level: a result comes back exactly as filed,
// is filed under every setting that changes it, and a label drops exactly the
// results that read that run's outcomes (a run's label revision moves with
// the database's own label write, in any process).
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { canonicalJson, ResultStore } from '../../../main/store/results.ts';
import { Store } from '../../../main/store/store.ts';
import { writeRuns } from '../../support/runs.ts';
import { sqlOf } from '../../support/sql.ts';
import { tempDir } from '../../support/temp.ts';

let store: Store;

function addRun(target: Store, name: string, sha = name): { runId: number; itemIds: number[] } {
  const [runId] = writeRuns(target, (create) => {
    const add = create({
      name, model: null, task: null, format: 'csv', formatVersion: null, sourcePath: `/${name}.csv`,
      sourceSha256: sha, sourceSize: 1, importerVersion: '1', metadata: {},
    });
    for (let i = 0; i < 6; i++) add({ key: `k${i}`, prompt: 'p', answer: 'a', gold: null, grade: i % 2 ? 'correct' : 'incorrect', confidence: i / 10, extra: {} });
  }) as [number];
  return { runId, itemIds: target.items.list(runId, {}, 0, 100).rows.map((row) => row.id) };
}

beforeEach(() => {
  store = Store.open(':memory:');
});
afterEach(() => store.close());

describe('results cache', () => {
  it('gives back exactly what was filed: typed arrays, NaN, infinities, -0, nested objects', () => {
    const { runId } = addRun(store, 'a');
    const value = { bands: new Float64Array([0.1, Number.NaN, Number.POSITIVE_INFINITY, -0]), counts: new Uint8Array([1, 2]), nested: { lo: null, hi: [1, 2] }, inf: -Infinity };
    const key = store.results.key('test', [runId], { seed: 0 });
    expect(store.results.get(key)).toBeUndefined();
    expect(store.results.put(key, value)).toBe(true);
    const back = store.results.get<typeof value>(store.results.key('test', [runId], { seed: 0 }))!;
    expect(back).toEqual(value);
    expect(back.bands).toBeInstanceOf(Float64Array);
    expect(Object.is(back.bands[3], -0)).toBe(true);
    expect(back.inf).toBe(-Infinity);
  });

  it('files a result under its kind, every setting (in any key order) and its runs in order', () => {
    const a = addRun(store, 'a').runId;
    const b = addRun(store, 'b').runId;
    store.results.put(store.results.key('lb', [a, b], { seed: 0, resamples: 1000, bins: { n: 10, kind: 'width' } }), 'ab');
    expect(store.results.get(store.results.key('lb', [a, b], { bins: { kind: 'width', n: 10 }, resamples: 1000, seed: 0 }))).toBe('ab');
    expect(store.results.get(store.results.key('lb', [b, a], { seed: 0, resamples: 1000, bins: { n: 10, kind: 'width' } }))).toBeUndefined();
    expect(store.results.get(store.results.key('lb', [a, b], { seed: 1, resamples: 1000, bins: { n: 10, kind: 'width' } }))).toBeUndefined();
    expect(store.results.get(store.results.key('lb', [a, b], { seed: 0, resamples: 999, bins: { n: 10, kind: 'width' } }))).toBeUndefined();
    expect(store.results.get(store.results.key('other', [a, b], { seed: 0, resamples: 1000, bins: { n: 10, kind: 'width' } }))).toBeUndefined();
    expect(store.results.key('lb', [a, 999], {})).toBeNull();
  });

  it('a label on run A drops the results that read A (alone or with B) and keeps B\'s and those that read no outcome', () => {
    const a = addRun(store, 'a');
    const b = addRun(store, 'b');
    store.results.put(store.results.key('calibration', [a.runId], {}), 'A');
    store.results.put(store.results.key('frequency', [a.runId], {}, { outcomes: false }), 'A freq');
    store.results.put(store.results.key('calibration', [b.runId], {}), 'B');
    store.results.put(store.results.key('leaderboard', [a.runId, b.runId], {}), 'AB');
    store.results.put(store.results.key('leaderboard', [b.runId], {}), 'B only');
    expect(store.results.usage().entries).toBe(5);

    store.labels.set({ itemId: a.itemIds[0]!, annotator: 'x', outcome: 'correct', note: null });

    expect(store.results.kindsFor(a.runId)).toEqual(['frequency']);
    expect(store.results.kindsFor(b.runId)).toEqual(['calibration', 'leaderboard']);
    expect(store.results.get(store.results.key('calibration', [b.runId], {}))).toBe('B');
    expect(store.results.get(store.results.key('leaderboard', [b.runId], {}))).toBe('B only');
    expect(store.results.get(store.results.key('frequency', [a.runId], {}, { outcomes: false }))).toBe('A freq');
    expect(store.results.get(store.results.key('calibration', [a.runId], {}))).toBeUndefined();
    expect(store.results.get(store.results.key('leaderboard', [a.runId, b.runId], {}))).toBeUndefined();
  });

  it('moves the revision with every change of an outcome (labels, bulk, undo, redo, adjudication, merges), not with a note', () => {
    const a = addRun(store, 'a');
    const revision = () => store.results.key('k', [a.runId], {})!.runs[0]!.revision!;
    expect(revision()).toBe(0);
    const steps: Array<[string, () => void, boolean]> = [
      ['label', () => store.labels.set({ itemId: a.itemIds[0]!, annotator: 'x', outcome: 'correct', note: null }), true],
      ['the same label again', () => store.labels.set({ itemId: a.itemIds[0]!, annotator: 'x', outcome: 'correct', note: null }), false],
      ['a note', () => store.labels.set({ itemId: a.itemIds[1]!, annotator: 'x', outcome: null, note: 'hm' }), false],
      ['bulk', () => store.labels.bulk(a.itemIds, 'x', () => 'abstained'), true],
      ['undo', () => store.labels.undo(a.runId, 'x'), true],
      ['redo', () => store.labels.redo(a.runId, 'x'), true],
      ['a disagreement', () => store.labels.set({ itemId: a.itemIds[2]!, annotator: 'y', outcome: 'correct', note: null }), true],
      ['adjudication', () => store.labels.set({ itemId: a.itemIds[2]!, annotator: 'z', outcome: 'incorrect', note: null, kind: 'adjudication' }), true],
      ['an abstention with a kind', () => store.labels.set({ itemId: a.itemIds[3]!, annotator: 'x', outcome: 'abstained', abstentionKind: 'dont-know', note: null }), true],
      // The outcome stays "abstained": only the kind it states changes.
      ['another kind of abstention', () => store.labels.set({ itemId: a.itemIds[3]!, annotator: 'x', outcome: 'abstained', abstentionKind: 'refusal', note: null }), true],
      ['the same kind again', () => store.labels.set({ itemId: a.itemIds[3]!, annotator: 'x', outcome: 'abstained', abstentionKind: 'refusal', note: null }), false],
    ];
    for (const [what, step, moves] of steps) {
      const before = revision();
      store.results.put(store.results.key('k', [a.runId], {}), what);
      step();
      if (moves) {
        expect(revision(), what).toBeGreaterThan(before);
        expect(store.results.usage().entries, what).toBe(0);
      } else {
        expect(revision(), what).toBe(before);
        expect(store.results.get(store.results.key('k', [a.runId], {})), what).toBe(what);
      }
    }
    const set = store.labels.exportSet(store.runs.get(a.runId)!);
    set.labels.push({ itemKey: 'k5', annotator: 'other', outcome: 'correct', note: null, createdAt: '2030-01-01T00:00:00.000Z', kind: 'label' });
    const before = revision();
    store.labels.merge(a.runId, set);
    expect(revision()).toBeGreaterThan(before);
  });

  it('refuses a result whose run got a label after its key was made (computed on the old labels)', () => {
    const a = addRun(store, 'a');
    const key = store.results.key('calibration', [a.runId], {});
    store.labels.set({ itemId: a.itemIds[0]!, annotator: 'x', outcome: 'correct', note: null });
    expect(store.results.put(key, 'stale')).toBe(false);
    expect(store.results.usage().entries).toBe(0);
    // One that reads no outcome is still good.
    expect(store.results.put(store.results.key('frequency', [a.runId], {}, { outcomes: false }), 'f')).toBe(true);
  });

  it('drops a deleted run\'s results (those that read it beside another run too), and a new run under the same id does not see them', () => {
    const b = addRun(store, 'b');
    const a = addRun(store, 'a');
    store.results.put(store.results.key('calibration', [a.runId], {}), 'A');
    store.results.put(store.results.key('frequency', [a.runId], {}, { outcomes: false }), 'A freq');
    store.results.put(store.results.key('leaderboard', [b.runId, a.runId], {}), 'BA');
    store.results.put(store.results.key('calibration', [b.runId], {}), 'B');
    const key = store.results.key('calibration', [a.runId], {});
    store.runs.delete(a.runId);
    expect(store.results.usage().entries).toBe(1);
    expect(store.results.kindsFor(b.runId)).toEqual(['calibration']);
    expect(store.results.kindsFor(a.runId)).toEqual([]);
    // A result computed before the delete and filed after it is refused.
    expect(store.results.put(key, 'late')).toBe(false);
    const again = addRun(store, 'a2', 'other file');
    expect(again.runId).toBe(a.runId);
    expect(store.results.get(store.results.key('calibration', [again.runId], {}))).toBeUndefined();
  });

  it('keeps the revision and the results across closing and reopening the database', () => {
    const temp = tempDir();
    try {
      const path = `${temp.dir}/candor.db`;
      let file = Store.open(path);
      const a = addRun(file, 'a');
      file.labels.set({ itemId: a.itemIds[0]!, annotator: 'x', outcome: 'correct', note: null });
      const key = file.results.key('calibration', [a.runId], { seed: 3 })!;
      expect(file.results.put(key, { ece: 0.25 })).toBe(true);
      file.close();
      file = Store.open(path);
      expect(file.results.key('calibration', [a.runId], { seed: 3 })).toEqual(key);
      expect(file.results.get(key)).toEqual({ ece: 0.25 });
      file.close();
    } finally {
      temp.cleanup();
    }
  });

  it('keeps a run\'s counts for the next process, until a label changes them', () => {
    const temp = tempDir();
    try {
      const path = `${temp.dir}/candor.db`;
      let file = Store.open(path);
      const a = addRun(file, 'a');
      const counted = file.runs.get(a.runId)!;
      expect(file.results.kindsFor(a.runId)).toContain('run-tally/1');
      file.close();

      // The next process reads them: the items are not counted again.
      file = Store.open(path);
      const counts = vi.spyOn(file.runs as unknown as { countOutcomes: (runId: number) => unknown }, 'countOutcomes');
      expect(file.runs.get(a.runId)).toEqual(counted);
      expect(counts).not.toHaveBeenCalled();
      file.labels.set({ itemId: a.itemIds[0]!, annotator: 'x', outcome: 'abstained', abstentionKind: 'refusal', note: null });
      const labelled = file.runs.get(a.runId)!;
      file.close();

      file = Store.open(path);
      const recounts = vi.spyOn(file.runs as unknown as { countOutcomes: (runId: number) => unknown }, 'countOutcomes');
      expect(file.runs.get(a.runId)).toEqual(labelled);
      expect(recounts).toHaveBeenCalledTimes(1);
      expect(labelled.abstentionKinds.refusal).toBe(1);
      expect(labelled.labeledCount).toBe(1);
      file.close();
    } finally {
      temp.cleanup();
    }
  });

  it('drops the oldest results past its cap and never stores one larger than a quarter of it', () => {
    const a = addRun(store, 'a');
    const small = new ResultStore((store.results as unknown as { ctx: ConstructorParameters<typeof ResultStore>[0] }).ctx, 40_000);
    const blob = (i: number) => new Float64Array(1000).fill(i); // about 8 kB each
    for (let i = 0; i < 8; i++) expect(small.put(small.key('blob', [a.runId], { i }), blob(i))).toBe(true);
    expect(small.usage().bytes).toBeLessThanOrEqual(40_000);
    expect(small.get(small.key('blob', [a.runId], { i: 0 }))).toBeUndefined();
    expect(small.get(small.key('blob', [a.runId], { i: 7 }))).toEqual(blob(7));
    expect(small.put(small.key('blob', [a.runId], { big: true }), new Float64Array(2000))).toBe(false);
  });

  it('computes once for two callers at once, then reads', async () => {
    const a = addRun(store, 'a');
    let computed = 0;
    const compute = async () => {
      computed++;
      await new Promise((resolve) => setTimeout(resolve, 10));
      return { value: 42 };
    };
    const key = () => store.results.key('slow', [a.runId], {});
    const [one, two] = await Promise.all([store.results.remember(key(), compute), store.results.remember(key(), compute)]);
    expect(one).toEqual({ value: 42 });
    expect(two).toEqual({ value: 42 });
    expect(await store.results.remember(key(), compute)).toEqual({ value: 42 });
    expect(computed).toBe(1);
  });

  it('the label revision is the database\'s: a label written on another connection moves it too', () => {
    const temp = tempDir();
    try {
      const path = `${temp.dir}/candor.db`;
      const one = Store.open(path);
      const two = Store.open(path);
      const a = addRun(one, 'a');
      one.results.put(one.results.key('calibration', [a.runId], {}), 'A');
      two.labels.set({ itemId: a.itemIds[3]!, annotator: 'x', outcome: 'incorrect', note: null });
      expect(one.results.get(one.results.key('calibration', [a.runId], {}))).toBeUndefined();
      expect(sqlOf(one).prepare('SELECT COUNT(*) FROM results').pluck().get()).toBe(0);
      one.close();
      two.close();
    } finally {
      temp.cleanup();
    }
  });
});

describe('canonicalJson', () => {
  it('sorts keys at every depth, keeps array order and leaves undefined members out', () => {
    expect(canonicalJson({ b: 1, a: { d: [3, { z: 1, y: 2 }], c: undefined } })).toBe('{"a":{"d":[3,{"y":2,"z":1}]},"b":1}');
    expect(canonicalJson([1, 'x', null, true])).toBe('[1,"x",null,true]');
    expect(canonicalJson(Number.POSITIVE_INFINITY)).not.toBe(canonicalJson(null));
  });
});
