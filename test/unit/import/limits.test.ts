// Issue 13, items 9 and 10: bounded resources on the import path.
// 9: a legal 24 MiB JSONL line (under the 64 MiB line cap) killed the import
//    worker by its heap limit with no line named; records are now sized before
//    they are parsed, and the worker's batches are bounded by their text.
// 10: a FIFO in a HELM folder hung the import forever; JSON nested 10^5 deep
//    overflowed the stack with no location. Only regular files are read, and
//    nesting has a limit with a located error.
import { execFileSync } from 'node:child_process';
import { cpSync, mkdirSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { toApiError } from '../../../main/handlers/errors.ts';
import { genericReader } from '../../../main/import/generic.ts';
import { MAX_JSON_DEPTH, parseJsonLenient } from '../../../main/import/json-lenient.ts';
import { importFile, previewSources } from '../../../main/import/pipeline.ts';
import { readInWorker } from '../../../main/import/worker-reader.ts';
import { Store } from '../../../main/store/store.ts';
import { int, pick, rng } from '../../support/fuzz.ts';
import { tempDir } from '../../support/temp.ts';
import { fixture, importError } from './helpers.ts';

let tmp: ReturnType<typeof tempDir>;
let store: Store;
beforeEach(() => {
  tmp = tempDir();
  store = Store.open(join(tmp.dir, 'candor.db'));
});
afterEach(() => {
  store.close();
  tmp.cleanup();
});

const MiB = 1024 * 1024;
const head = `${JSON.stringify({ id: '1', answer: 'a', correct: true })}\n`;
const withMeta = (meta: string, id = '2') => `{"id":"${id}","answer":"b","correct":false,"meta":${meta}}\n`;

describe('records are sized before they are parsed (item 9)', () => {
  it('refuses a 24 MiB line of six million small arrays at its line, instead of exhausting the worker', async () => {
    const path = tmp.file('dense.jsonl', head + withMeta(`[${Array(6 * MiB).fill('[1]').join(',')}]`));
    await expect(importFile(store, path, 'dense.jsonl', { workerThresholdBytes: 1 })).rejects.toThrow(
      /^dense\.jsonl:2: a record of 24 MiB holds 12,58\d,\d{3} values, which would take about 480 MiB of memory to read; Candor reads records of up to 96 MiB/,
    );
    expect(store.runs.list()).toEqual([]);
  });

  it('imports a legal 24 MiB line of text whole, through the worker', async () => {
    const path = tmp.file('long.jsonl', head + JSON.stringify({ id: '2', answer: 'é'.repeat(12 * MiB), correct: false }) + '\n');
    const { runIds, items } = await importFile(store, path, 'long.jsonl', { workerThresholdBytes: 1 });
    expect(items).toBe(2);
    const rows = store.items.list(runIds[0]!, {}, 0, 2).rows;
    expect(rows[1]!.answer.length).toBe(12 * MiB);
  });

  it('sends the writer batches bounded by their text, not only by their count', async () => {
    const lines = Array.from({ length: 8 }, (_, i) => JSON.stringify({ id: String(i), answer: 'x'.repeat(3 * MiB), correct: true }));
    const path = tmp.file('many.jsonl', `${lines.join('\n')}\n`);
    const read = readInWorker(path, 'many.jsonl', {});
    const sizes: number[] = [];
    for await (const batch of read.batches) sizes.push(batch.size);
    read.abandon();
    expect(sizes.reduce((a, b) => a + b, 0)).toBe(8);
    // 8 MiB of text per batch: three of these answers fill one.
    expect(Math.max(...sizes)).toBeLessThanOrEqual(3);
  });
});

describe('nesting has a limit with a located error (item 10)', () => {
  const nested = (depth: number, open = '[', close = ']') => open.repeat(depth) + close.repeat(depth);

  it('refuses JSON nested 10^5 deep in a JSONL line, naming the line', async () => {
    const path = tmp.file('deep.jsonl', head + withMeta(nested(100_000)));
    await expect(importFile(store, path, 'deep.jsonl')).rejects.toThrow(/^deep\.jsonl:2: the record is nested deeper than 1000 levels \(Candor reads at most 1000\)$/);
    const error = await importError(genericReader(path));
    expect(error.code).toBe('too-deep');
  });

  it('refuses it in a JSON array file, naming the line where the limit is passed', async () => {
    // line 1 "[", line 2 the first record, line 3 ",", line 4 the deep one
    const path = tmp.file('deep.json', `[\n${head},\n${withMeta(nested(100_000, '{"a":[', ']}'))}]`);
    const error = await importError(genericReader(path));
    expect(error.code).toBe('too-deep');
    expect(error.message).toMatch(/^deep\.json:4: the JSON is nested deeper than 1000 levels/);
  });

  // Fuzzed nesting around the limit, objects and arrays mixed: accepted up to the limit, refused past it, never a stack overflow.
  it.each(Array.from({ length: 30 }, (_, i) => i + 1))('fuzzed nesting, seed %i', (seed) => {
    const random = rng(seed);
    const depth = pick(random, [int(random, 1, 50), int(random, 990, 1010), int(random, 1900, 2100), int(random, 50_000, 120_000)]);
    let text = '0';
    for (let d = 0; d < depth - 1; d++) text = random() < 0.5 ? `[${text}]` : `{"k":${text}}`;
    text = `{"id":"x","answer":"a","meta":${text}}`;
    // The record's own braces add one level.
    if (depth + 1 <= MAX_JSON_DEPTH) {
      const value = parseJsonLenient(text);
      expect(() => JSON.stringify(value)).not.toThrow();
    } else {
      expect(() => parseJsonLenient(text)).toThrow(/nested deeper than 1000 levels/);
    }
  });
});

describe('only regular files are read (item 10)', () => {
  const mkfifo = (path: string) => execFileSync('mkfifo', [path]);

  it('refuses a FIFO inside a HELM run folder at once, naming it', async () => {
    const folder = join(tmp.dir, 'helm-run');
    cpSync(fixture('formats', 'helm', 'mmlu_subject=anatomy_model=gpt2'), folder, { recursive: true });
    rmSync(join(folder, 'per_instance_stats.json'));
    mkfifo(join(folder, 'per_instance_stats.json'));
    const started = Date.now();
    await expect(importFile(store, folder, 'helm-run')).rejects.toThrow(/^per_instance_stats\.json: is a FIFO \(named pipe\), not a regular file/);
    expect(Date.now() - started).toBeLessThan(5000);
    expect(store.runs.list()).toEqual([]);
  });

  it('refuses a FIFO or a link to a device given as a file, in the preview and the import', async () => {
    const fifo = join(tmp.dir, 'run.jsonl');
    mkfifo(fifo);
    const zero = join(tmp.dir, 'zero.jsonl');
    symlinkSync('/dev/zero', zero);
    for (const path of [fifo, zero]) {
      const [preview] = await previewSources(store, [{ kind: 'path', path }], toApiError);
      expect(preview).toMatchObject({ ok: false, error: { code: 'not-a-file' } });
      await expect(importFile(store, path, path)).rejects.toThrow(/not a regular file/);
    }
  });

  it('skips FIFOs when a dropped folder is searched for run files', async () => {
    const folder = join(tmp.dir, 'drop');
    mkdirSync(folder);
    writeFileSync(join(folder, 'a.csv'), 'id,answer,grade\n1,x,correct\n');
    mkfifo(join(folder, 'b.jsonl'));
    const [preview, ...rest] = await previewSources(store, [{ kind: 'path', path: folder }], toApiError);
    expect(rest).toEqual([]);
    expect(preview).toMatchObject({ ok: true, preview: { format: 'csv' } });
  });
});
