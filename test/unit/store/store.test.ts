import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { ImportWriter } from '../../../main/store/import-writer.ts';
import { Store } from '../../../main/store/store.ts';
import { writeRuns, type NewItem, type NewRun } from '../../support/runs.ts';
import { sqlOf } from '../../support/sql.ts';
import { tempDir } from '../../support/temp.ts';

const run: NewRun = {
  name: 'r',
  model: 'm',
  task: 't',
  format: 'csv',
  formatVersion: null,
  sourcePath: '/x/r.csv',
  sourceSha256: 'abc',
  sourceSize: 10,
  importerVersion: '1',
  metadata: { a: 1 },
};

const item = (key: string, patch: Partial<NewItem> = {}): NewItem => ({
  key,
  prompt: `prompt ${key}`,
  answer: `answer ${key}`,
  gold: 'g',
  grade: 'correct',
  confidence: 0.5,
  extra: {},
  ...patch,
});

let store: Store;
beforeEach(() => {
  store = Store.open(':memory:');
});
afterEach(() => store.close());

describe('Store', () => {
  it('writes runs and items and summarises outcomes', () => {
    const [runId] = writeRuns(store, (create) => {
      const add = create(run);
      add(item('a'));
      add(item('b', { grade: 'incorrect' }));
      add(item('c', { grade: null, confidence: null }));
    });
    const summary = store.runs.get(runId!)!;
    expect(summary.itemCount).toBe(3);
    expect(summary.counts).toEqual({ correct: 1, incorrect: 1, abstained: 0, unlabeled: 1 });
    expect(summary.metadata).toEqual({ a: 1, confidenceScale: 'unit' });
    expect(store.runs.idsBySha256('abc')).toEqual([runId]);
  });

  it('writes nothing when the fill throws halfway', () => {
    expect(() =>
      writeRuns(store, (create) => {
        const add = create(run);
        add(item('a'));
        throw new Error('boom');
      }),
    ).toThrow('boom');
    expect(store.runs.list()).toEqual([]);
    expect(sqlOf(store).prepare('SELECT COUNT(*) FROM items').pluck().get()).toBe(0);
  });

  it("keeps label history; an annotator's latest label wins, and clearing falls back to the grade", () => {
    const [runId] = writeRuns(store, (create) => create(run)(item('a', { grade: 'incorrect' })));
    const [row] = store.items.list(runId!, {}, 0, 10).rows;
    store.labels.set({ itemId: row!.id, annotator: 'ann', outcome: 'abstained', note: 'hedged' });
    const changed = store.labels.set({ itemId: row!.id, annotator: 'ann', outcome: 'correct', note: 'looks right' })!;
    expect(changed.item).toMatchObject({ outcome: 'correct', labelSource: 'agreed', labelAnnotator: 'ann', disputed: false });
    const cleared = store.labels.set({ itemId: row!.id, annotator: 'ann', outcome: null, note: null })!;
    expect(cleared.item.label).toBeNull();
    expect(cleared.item.outcome).toBe('incorrect');
    const detail = store.items.get(row!.id)!;
    expect(detail.history.map((h) => [h.annotator, h.outcome, h.note])).toEqual([
      ['ann', 'abstained', 'hedged'],
      ['ann', 'correct', 'looks right'],
      ['ann', null, null],
    ]);
    expect(store.labels.set({ itemId: 999, annotator: 'x', outcome: 'correct', note: null })).toBeNull();
  });

  it('filters and pages items, with LIKE wildcards taken literally', () => {
    const [runId] = writeRuns(store, (create) => {
      const add = create(run);
      for (let i = 0; i < 30; i++) add(item(`k${i}`, { answer: i === 7 ? 'about 50% sure' : `answer ${i}`, grade: i % 3 === 0 ? 'abstained' : 'correct' }));
    });
    expect(store.items.list(runId!, {}, 10, 5).rows.map((r) => r.key)).toEqual(['k10', 'k11', 'k12', 'k13', 'k14']);
    expect(store.items.list(runId!, { outcome: 'abstained' }, 0, 100).total).toBe(10);
    expect(store.items.list(runId!, { search: '50%' }, 0, 100).rows.map((r) => r.key)).toEqual(['k7']);
    expect(store.items.list(runId!, { search: '5_%' }, 0, 100).total).toBe(0);
    const first = store.items.list(runId!, { outcome: 'abstained' }, 0, 1).rows[0]!;
    expect(store.items.neighbor(first.id, 'next', { outcome: 'abstained' })?.key).toBe('k3');
    expect(store.items.neighbor(first.id, 'prev', { outcome: 'abstained' })).toBeNull();
  });

  it('gives the engine columns in run order with labels applied and NaN for no confidence', () => {
    const [runId] = writeRuns(store, (create) => {
      const add = create(run);
      add(item('a', { confidence: 0.9 }));
      add(item('b', { grade: 'abstained', confidence: null }));
      add(item('c', { grade: null }));
    });
    const rows = store.items.list(runId!, {}, 0, 10).rows;
    store.labels.set({ itemId: rows[2]!.id, annotator: 'a', outcome: 'incorrect', note: null });
    const columns = store.items.outcomeColumns(runId!);
    expect(Array.from(columns.outcome)).toEqual([1, 3, 2]);
    expect(columns.confidence[0]).toBe(0.9);
    expect(Number.isNaN(columns.confidence[1])).toBe(true);
  });

  it('deletes a run with its items and labels', () => {
    const [runId] = writeRuns(store, (create) => create(run)(item('a')));
    const [row] = store.items.list(runId!, {}, 0, 1).rows;
    store.labels.set({ itemId: row!.id, annotator: 'a', outcome: 'correct', note: null });
    expect(store.runs.delete(runId!)).toBe(1);
    expect(sqlOf(store).prepare('SELECT COUNT(*) FROM labels').pluck().get()).toBe(0);
    expect(store.runs.list()).toEqual([]);
  });

  it('makes a new database with 16 KiB pages and keeps an existing one at its own size', () => {
    const tmp = tempDir();
    try {
      const fresh = Store.open(join(tmp.dir, 'new.db'));
      expect(sqlOf(fresh).pragma('page_size', { simple: true })).toBe(16384);
      fresh.close();
      const oldPath = join(tmp.dir, 'old.db');
      const old = new Database(oldPath);
      old.pragma('page_size = 4096');
      old.exec('CREATE TABLE t (x)');
      old.close();
      const reopened = Store.open(oldPath);
      expect(sqlOf(reopened).pragma('page_size', { simple: true })).toBe(4096);
      const [runId] = writeRuns(reopened, (create) => create(run)(item('a')));
      expect(reopened.items.list(runId!, {}, 0, 1).rows[0]!.key).toBe('a');
      reopened.close();
    } finally {
      tmp.cleanup();
    }
  });

  it('leaves nothing of an import whose many-row insert fails halfway (INSERT OR FAIL keeps the rows before, the rollback takes them)', () => {
    const tmp = tempDir();
    const fileStore = Store.open(join(tmp.dir, 'fail.db'));
    try {
      const writer = fileStore.openImportWriter();
      const runId = writer.createRun({ name: 'r', model: null, task: null, sourcePath: '/x', sourceSize: 1, importerVersion: '1' });
      const insert = (i: number, prompt: string | null) =>
        writer.insertItemRow(runId, i, `k${i}`, prompt as string, 'a', null, 'correct', false, 0.5, '{}', null, null, null);
      for (let i = 0; i < 10; i++) insert(i, 'p');
      insert(10, null);
      // The bad row is the eleventh of a statement's 32: the statement runs, and fails, with the 32nd.
      expect(() => {
        for (let i = 11; i < 32; i++) insert(i, 'p');
      }).toThrow(/NOT NULL/);
      writer.rollback();
      expect(sqlOf(fileStore).prepare('SELECT COUNT(*) FROM items').pluck().get()).toBe(0);
      expect(fileStore.runs.list()).toEqual([]);
    } finally {
      fileStore.close();
      tmp.cleanup();
    }
  });

  it("checkpoints an import's log without ever creating a database (the worker's checkpoint may come after the file is gone)", () => {
    const tmp = tempDir();
    try {
      const gone = join(tmp.dir, 'moved.db');
      expect(() => ImportWriter.checkpoint(gone)).toThrow();
      expect(existsSync(gone)).toBe(false);
    } finally {
      tmp.cleanup();
    }
  });
});

