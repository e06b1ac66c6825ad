import { copyFileSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { importFile } from '../../../main/import/pipeline.ts';
import { Store } from '../../../main/store/store.ts';
import { tempDir } from '../../support/temp.ts';
import { sqlOf } from '../../support/sql.ts';

// Every kind of bad input is refused with file:line:field, through the whole
// import (in this thread and through the import worker), and the store keeps
// exactly what it had: the runs, items and labels from before.
const BAD = 'test/fixtures/import/bad';
const EXPECTED: Array<[string, string]> = [
  ['bad-grade.csv', 'bad-grade.csv:3:grade: "maybe" is not a grade'],
  ['confidence-150.csv', 'confidence-150.csv:3:confidence: 150 is above 100'],
  ['duplicate-id.csv', 'duplicate-id.csv:5:id: duplicate id "x", first used on line 2'],
  ['empty.csv', 'empty.csv: not a format Candor reads'],
  ['field-count.csv', 'field-count.csv:3: has 2 fields but the header has 3'],
  ['infinity-confidence.jsonl', 'infinity-confidence.jsonl:1:confidence: Infinity is not a confidence'],
  ['invalid-utf8.csv', 'invalid-utf8.csv:3: is not valid UTF-8 text'],
  ['nan-confidence.csv', 'nan-confidence.csv:3:confidence: NaN is not a confidence'],
  ['negative-confidence.csv', 'negative-confidence.csv:2:confidence: -0.1 is negative'],
  ['no-answer.csv', 'no-answer.csv: no answer column'],
  ['not-object.jsonl', 'not-object.jsonl:2: the line is an array'],
  ['truncated.json', 'truncated.json:4: the JSON document is cut short'],
  ['truncated.jsonl', 'truncated.jsonl:2: is not valid JSON'],
  ['unclosed-quote.csv', 'unclosed-quote.csv:2: a quoted field starting on this record is never closed'],
  ['word-confidence.csv', 'word-confidence.csv:2:confidence: "high" is not a number'],
];

let tmp: ReturnType<typeof tempDir>;
let store: Store;
let before: unknown;

function contents(s: Store) {
  return {
    runs: sqlOf(s).prepare('SELECT id, name, source_sha256 FROM runs ORDER BY id').all(),
    items: sqlOf(s).prepare('SELECT COUNT(*) AS n, SUM(confidence) AS c FROM items').get(),
    labels: sqlOf(s).prepare('SELECT id, item_id, outcome FROM labels ORDER BY id').all(),
    integrity: sqlOf(s).pragma('integrity_check', { simple: true }),
  };
}

beforeEach(async () => {
  tmp = tempDir();
  store = Store.open(join(tmp.dir, 'candor.db'));
  const good = await importFile(store, 'test/fixtures/import/basic.csv', 'basic.csv');
  const [row] = store.items.list(good.runIds[0]!, {}, 0, 1).rows;
  store.labels.set({ itemId: row!.id, annotator: 'ann', outcome: 'abstained', note: null });
  before = contents(store);
});
afterEach(() => {
  store.close();
  tmp.cleanup();
});

async function refusal(path: string, options: Parameters<typeof importFile>[3] = {}): Promise<string> {
  const error = await importFile(store, path, path, options).then(
    () => null,
    (e: unknown) => e,
  );
  expect(error, `${path} was imported`).not.toBeNull();
  expect(contents(store)).toEqual(before);
  return String((error as Error).message);
}

describe('bad input leaves the store as it was', () => {
  for (const [file, message] of EXPECTED) {
    it(`${file}, read in this thread and in the import worker`, async () => {
      expect(await refusal(join(BAD, file))).toContain(message);
      expect(await refusal(join(BAD, file), { workerThresholdBytes: 0 })).toContain(message);
    });
  }

  it('a line over the cap is refused before it is held in memory whole', async () => {
    const path = join(tmp.dir, 'long.jsonl');
    writeFileSync(path, `{"id":"a","answer":"x"}\n{"id":"b","answer":"${'y'.repeat(4096)}"}\n`);
    expect(await refusal(path, { readerOptions: { maxLineBytes: 1024 } })).toContain('long.jsonl:2: line is longer than');
  });

  it('a damaged zip (an Inspect .eval cut short) names the file', async () => {
    const whole = readFileSync('test/fixtures/formats/inspect/log_formats.eval');
    const path = join(tmp.dir, 'cut.eval');
    writeFileSync(path, whole.subarray(0, Math.floor(whole.length * 0.6)));
    expect(await refusal(path)).toMatch(/^cut\.eval/);
  });

  it('a zip entry that inflates past the cap (a zip bomb) names the entry', async () => {
    const path = join(tmp.dir, 'bomb.eval');
    copyFileSync('test/fixtures/formats/inspect/log_formats.eval', path);
    const message = await refusal(path, { readerOptions: { maxEntryBytes: 2000 } });
    expect(message).toMatch(/^bomb\.eval:.*\.json.*expands to more than 2000 bytes/);
  });

  it('BOM and CRLF are a documented recovery, not an error', async () => {
    const result = await importFile(store, 'test/fixtures/import/bom-crlf.csv', 'bom-crlf.csv');
    const [first] = store.items.list(result.runIds[0]!, {}, 0, 1).rows;
    expect(first!.key).not.toMatch(/^\uFEFF/);
    expect(first!.answer).not.toMatch(/\r$/);
  });
});
