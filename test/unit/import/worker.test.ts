import { readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { importFile } from '../../../main/import/pipeline.ts';
import { Store } from '../../../main/store/store.ts';
import { tempDir } from '../../support/temp.ts';
import { sqlOf } from '../../support/sql.ts';

// The same file through the import worker and in this thread must store the
// same items, and fail the same way.
let tmp: ReturnType<typeof tempDir>;
beforeEach(() => {
  tmp = tempDir();
});
afterEach(() => tmp.cleanup());

function csv(rows: number, extra = ''): string {
  const lines = ['id,question,answer,gold,grade,confidence,model,note'];
  for (let i = 0; i < rows; i++) {
    const grade = i % 5 === 0 ? '' : i % 3 === 0 ? 'incorrect' : 'correct';
    const answer = i % 7 === 0 ? "I don't know" : `answer ${i}`;
    lines.push(`k${i},question ${i},${answer},answer ${i},${grade},${i % 101},m${i % 2},n${i}`);
  }
  return `${lines.join('\n')}\n${extra}`;
}

function snapshot(store: Store) {
  return sqlOf(store)
    .prepare(
      `SELECT r.name, r.model, r.format, i.ord, i.item_key, i.prompt, i.answer, i.gold, i.imported_grade, i.imported_partial, i.confidence, i.extra, i.suggested_grade, i.suggestion_basis, i.suggested_kind
       FROM items i JOIN runs r ON r.id = i.run_id ORDER BY r.model, i.ord`,
    )
    .raw()
    .all();
}

describe('import worker', () => {
  it('stores exactly what the in-thread reader stores (runs split by model, suggestions, extras, percent scale)', async () => {
    const file = join(tmp.dir, 'run.csv');
    writeFileSync(file, csv(10_000));
    const inThread = Store.open(join(tmp.dir, 'a.db'));
    const inWorker = Store.open(join(tmp.dir, 'b.db'));
    const a = await importFile(inThread, file, file, { workerThresholdBytes: Number.MAX_SAFE_INTEGER });
    const b = await importFile(inWorker, file, file, { workerThresholdBytes: 0 });
    expect(b.items).toBe(10_000);
    expect(b.runIds).toHaveLength(2);
    expect(a.items).toBe(b.items);
    // Percentages were recognised on both paths (values up to 100, the early ones below 1 included).
    expect(sqlOf(inWorker).prepare('SELECT MAX(confidence), MIN(confidence) FROM items').raw().get()).toEqual([1, 0]);
    // The file is hashed beside the parse either way: the same fingerprint, so the same file is a duplicate either way.
    expect(inWorker.runs.get(b.runIds[0]!)!.sourceSha256).toMatch(/^[0-9a-f]{64}$/);
    expect(inWorker.runs.get(b.runIds[0]!)!.sourceSha256).toBe(inThread.runs.get(a.runIds[0]!)!.sourceSha256);
    expect((await importFile(inWorker, file, file, { workerThresholdBytes: 0 })).duplicateOf).toEqual(b.runIds);
    expect(snapshot(inWorker)).toEqual(snapshot(inThread));
    inThread.close();
    inWorker.close();
  });

  it("closes only after the worker has copied the import's log in: nothing writes beside the database once close() returns", async () => {
    const file = join(tmp.dir, 'run.csv');
    writeFileSync(file, csv(20_000));
    const db = join(tmp.dir, 'c.db');
    const store = Store.open(db);
    const { items } = await importFile(store, file, file, { workerThresholdBytes: 0 });
    // Right away, as a test's cleanup or the CLI does: the worker may not even have begun.
    store.close();
    // The store's connection closed last, so SQLite removed the log, and no connection reopens it
    // (a late worker's would, for as long as its checkpoint takes): watch the folder for a while.
    const seen = new Set<string>();
    for (const until = Date.now() + 500; Date.now() < until; ) for (const name of readdirSync(tmp.dir)) seen.add(name);
    expect([...seen].sort()).toEqual(['c.db', 'run.csv']);
    const reopened = Store.open(db);
    expect(sqlOf(reopened).prepare('SELECT COUNT(*) FROM items').pluck().get()).toBe(items);
    reopened.close();
  });

  it('keeps a U+FEFF that begins a line past the first (text, not a byte-order mark), at the start of each chunk read too', async () => {
    // Every line starts with one, so past each 1 MiB the text decoded starts with one.
    const rows = ['answer,id,question,grade'];
    for (let i = 0; i < 20_000; i++) rows.push(`\ufeffanswer ${i},k${i},question ${i} ${'x'.repeat(40)},correct`);
    const file = join(tmp.dir, 'bom.csv');
    writeFileSync(file, `\ufeff${rows.join('\n')}\n`);
    const inThread = Store.open(join(tmp.dir, 'a.db'));
    const inWorker = Store.open(join(tmp.dir, 'b.db'));
    await importFile(inThread, file, file, { workerThresholdBytes: Number.MAX_SAFE_INTEGER });
    await importFile(inWorker, file, file, { workerThresholdBytes: 0 });
    const kept = sqlOf(inWorker).prepare("SELECT COUNT(*) FROM items WHERE prompt LIKE 'question %' AND answer = '\ufeffanswer ' || substr(item_key, 2)").pluck().get();
    expect(kept).toBe(20_000);
    expect(snapshot(inWorker)).toEqual(snapshot(inThread));
    inThread.close();
    inWorker.close();
  });

  it('carries partial grades and suggested abstention kinds as the in-thread reader does', async () => {
    const file = join(process.cwd(), 'test', 'fixtures', 'formats', 'inspect', 'synthetic.json');
    const inThread = Store.open(join(tmp.dir, 'a.db'));
    const inWorker = Store.open(join(tmp.dir, 'b.db'));
    await importFile(inThread, file, file, { workerThresholdBytes: Number.MAX_SAFE_INTEGER });
    const b = await importFile(inWorker, file, file, { workerThresholdBytes: 0 });
    expect(inWorker.runs.get(b.runIds[0]!)!.partialCount).toBe(1);
    expect(snapshot(inWorker)).toEqual(snapshot(inThread));
    // The CSV's "I don't know" answers are suggested as abstentions with a kind, in the worker too.
    const csvFile = join(tmp.dir, 'run.csv');
    writeFileSync(csvFile, csv(200));
    await importFile(inWorker, csvFile, csvFile, { workerThresholdBytes: 0 });
    expect(sqlOf(inWorker).prepare("SELECT COUNT(*) FROM items WHERE suggested_kind = 'dont-know'").pluck().get()).toBeGreaterThan(0);
    inThread.close();
    inWorker.close();
  });

  it('reports a bad line with file:line:field and writes nothing', async () => {
    const file = join(tmp.dir, 'bad.csv');
    writeFileSync(file, csv(9_000, 'k-bad,q,a,g,correct,oops,m0,n\n'));
    const store = Store.open(join(tmp.dir, 'c.db'));
    const error = await importFile(store, file, file, { workerThresholdBytes: 0 }).catch((e: unknown) => e);
    expect(String(error)).toContain('bad.csv:9002:confidence');
    expect(store.runs.list()).toEqual([]);
    store.close();
  });

  it('cancels: the worker stops and nothing is written', async () => {
    const file = join(tmp.dir, 'big.csv');
    writeFileSync(file, csv(50_000));
    const store = Store.open(join(tmp.dir, 'd.db'));
    const controller = new AbortController();
    const pending = importFile(store, file, file, {
      workerThresholdBytes: 0,
      signal: controller.signal,
      onProgress: ({ bytesRead }) => {
        if (bytesRead > 0) controller.abort();
      },
    });
    const error = await pending.catch((e: unknown) => e);
    expect(String(error)).toContain('cancelled');
    expect(store.runs.list()).toEqual([]);
    expect(sqlOf(store).prepare('SELECT COUNT(*) FROM items').pluck().get()).toBe(0);
    store.close();
  });
});

describe('RunWriter', () => {
  it('refuses what the items table no longer checks itself', async () => {
    const { RunWriter } = await import('../../../main/import/writer.ts');
    const store = Store.open(':memory:');
    const writer = new RunWriter(store, { displayPath: 'x.csv', size: 1, importerVersion: 't' });
    const item = { key: 'a', prompt: '', answer: 'x', gold: null, grade: 'correct' as const, confidence: 0.5, model: null, task: null, extra: {}, line: 2 };
    expect(() => writer.add({ ...item, confidence: 101 })).toThrow(/confidence 101/);
    expect(() => writer.add({ ...item, confidence: Number.NaN })).toThrow(/confidence NaN/);
    expect(() => writer.add({ ...item, grade: 'maybe' as never })).toThrow(/not an outcome/);
    writer.rollback();
    expect(store.runs.list()).toEqual([]);
    store.close();
  });
});
