// A large JSONL file is read for `candor analyze` on two threads (head and
// tail, main/import/numbers-split.ts). Whatever the file holds, the numbers
// worker must send what one thread reading the whole file sends: the same
// columns in the same order, the same group labels and codes, the same
// summary, and for a bad file the same error at the same line, also where
// only the two halves together show it (an id used in both, a confidence
// scale that changes between them).
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { Worker } from 'node:worker_threads';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { FromNumbersWorker } from '../../../main/import/numbers-protocol.ts';
import { splitPoint } from '../../../main/import/numbers-split.ts';
import { workerEntry } from '../../../main/workers/entry.ts';
import { tempDir } from '../../support/temp.ts';

let tmp: ReturnType<typeof tempDir>;
beforeEach(() => {
  tmp = tempDir();
});
afterEach(() => tmp.cleanup());

interface Read {
  grades: number[];
  confidences: number[];
  models: Array<string | null>;
  groups: number[];
  labels: string[];
  summary?: unknown;
  error?: unknown;
}

/** Everything the numbers worker sends for the file; split or not by the threshold. */
function readInWorker(path: string, by: string | null, splitMinBytes: number): Promise<Read> {
  const { entry, eval: isEval } = workerEntry(import.meta.url, '../../../main/import/numbers-worker.ts', 'numbers-worker.js');
  const worker = new Worker(entry, { eval: isEval });
  const read: Read = { grades: [], confidences: [], models: [], groups: [], labels: [] };
  return new Promise((resolve, reject) => {
    worker.on('message', (message: FromNumbersWorker) => {
      if (message.type === 'batch') {
        const { batch } = message;
        read.grades.push(...batch.grades.subarray(0, batch.size));
        read.confidences.push(...batch.confidences.subarray(0, batch.size));
        read.models.push(...batch.models);
        if (batch.groups) read.groups.push(...batch.groups.subarray(0, batch.size));
        read.labels.push(...batch.newLabels);
        return;
      }
      if (message.type === 'done') read.summary = message.summary;
      else read.error = message.error;
      void worker.terminate();
      resolve(read);
    });
    worker.on('error', reject);
    worker.postMessage({ path, options: {}, by, splitMinBytes });
  });
}

/** Lines of equal length, so the file splits near its middle line; `edit` changes any of them. */
function writeRun(name: string, n: number, edit: (i: number, record: Record<string, unknown>) => Record<string, unknown> | string = (_, r) => r): string {
  const lines: string[] = [];
  for (let i = 0; i < n; i++) {
    const record = {
      id: `q${String(i).padStart(6, '0')}`,
      answer: `answer ${String(i % 97).padStart(2, '0')}`,
      grade: i % 3 === 0 ? 'incorrect' : i % 11 === 0 ? 'abstained' : 'correct',
      confidence: Number(((i * 37) % 100) / 100 + 0.001).toFixed(3),
      model: i % 2 === 0 ? 'm-even' : 'm-odd',
      subject: `s${(i * 7) % 13}`,
    };
    const edited = edit(i, record);
    lines.push(typeof edited === 'string' ? edited : JSON.stringify(edited));
  }
  const path = join(tmp.dir, name);
  writeFileSync(path, `${lines.join('\n')}\n`);
  return path;
}

async function expectSameRead(path: string, by: string | null = 'subject'): Promise<Read> {
  const split = await splitPoint(path, 0);
  expect(split).not.toBeNull();
  const one = await readInWorker(path, by, Number.MAX_SAFE_INTEGER);
  const two = await readInWorker(path, by, 0);
  // A failed read is refused whole (what was sent before the error is dropped): the error is what counts.
  if (one.error !== undefined) expect(two.error).toEqual(one.error);
  else expect(two).toEqual(one);
  return one;
}

const N = 2000;
/** A line well inside each half. */
const HEAD = 100;
const TAIL = N - 100;

describe('reading a JSONL file on two threads', () => {
  it('sends the columns, the group labels and codes, and the summary that one thread sends', async () => {
    // A subject first met in the tail, models alternating across the split, and a value above 1 only
    // in the tail (the head's 0s and 1s read on either scale): the whole column is percent.
    const path = writeRun('run.jsonl', N, (i, r) => ({ ...r, confidence: i >= TAIL ? '55' : String(i % 2), ...(i === TAIL ? { subject: 'tail-only' } : {}) }));
    const read = await expectSameRead(path);
    expect(read.error).toBeUndefined();
    expect(read.grades).toHaveLength(N);
    expect(read.labels.at(-1)).toBe('tail-only');
    expect(read.summary).toMatchObject({ confidenceScale: 'percent', metadata: { records: N } });
    await expectSameRead(path, null);
  });

  it('refuses an id used in both halves at the tail line, naming the head line', async () => {
    const path = writeRun('dup.jsonl', N, (i, r) => (i === TAIL ? { ...r, id: `q${String(HEAD).padStart(6, '0')}` } : r));
    const read = await expectSameRead(path);
    expect(read.error).toMatchObject({ code: 'duplicate-key', line: TAIL + 1 });
    expect(JSON.stringify(read.error)).toContain(`first used on line ${HEAD + 1}`);
  });

  it('refuses a confidence scale that changes between the halves where one reader would', async () => {
    // The head states fractions, the tail a bare 55: a mixed column, refused at the tail's line.
    const path = writeRun('mixed.jsonl', N, (i, r) => (i === TAIL ? { ...r, confidence: 55 } : r));
    const read = await expectSameRead(path);
    expect(read.error).toMatchObject({ code: 'mixed-confidence-scale', line: TAIL + 1 });
  });

  it('reports the first failure of the file when the tail fails on its own too', async () => {
    // Invalid JSON in the tail after a cross-half duplicate: the duplicate comes first.
    const dupThenBad = writeRun('dup-then-bad.jsonl', N, (i, r) => (i === TAIL - 5 ? { ...r, id: 'q000003' } : i === TAIL ? '{"id": "broken' : r));
    expect((await expectSameRead(dupThenBad)).error).toMatchObject({ code: 'duplicate-key', line: TAIL - 4 });
    // A bad grade on the same line as the duplicate: the grade is checked first.
    const gradeOnDup = writeRun('grade-on-dup.jsonl', N, (i, r) => (i === TAIL ? { ...r, id: 'q000003', grade: 'maybe' } : r));
    expect((await expectSameRead(gradeOnDup)).error).toMatchObject({ code: 'invalid-grade', line: TAIL + 1 });
    // Only the tail is bad: its own error, at the file's line.
    const bad = writeRun('bad.jsonl', N, (i, r) => (i === TAIL ? '{"id": "broken' : r));
    expect((await expectSameRead(bad)).error).toMatchObject({ code: 'invalid-json', line: TAIL + 1 });
    // The head fails: its error, whatever the tail holds.
    const headBad = writeRun('head-bad.jsonl', N, (i, r) => (i === HEAD ? { ...r, grade: 'maybe' } : i === TAIL ? '[' : r));
    expect((await expectSameRead(headBad)).error).toMatchObject({ code: 'invalid-grade', line: HEAD + 1 });
  });
});
