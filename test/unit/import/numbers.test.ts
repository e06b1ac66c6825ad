// `candor analyze` reads files for their numbers only (main/import/numbers.ts):
// for every fixture a reader handles (the real files the frameworks wrote
// included), the runs and columns must be exactly what an import into the
// store leaves, and a file an import refuses must fail the same way.
import { cpSync, mkdtempSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { enlarged, sharedBuffer } from '../../../main/import/growable-buffer.ts';
import { readNumbers } from '../../../main/import/numbers.ts';
import { importSources } from '../../../main/import/pipeline.ts';
import { Store } from '../../../main/store/store.ts';

const FIXTURES = join(import.meta.dirname, '..', '..', 'fixtures');
const FORMATS = join(FIXTURES, 'formats');
const REAL = join(FORMATS, 'real');

/** Every run file or run folder under formats/ but the real folders (listed on their own below). */
function formatFixtures(): string[] {
  const out: string[] = [];
  for (const format of readdirSync(FORMATS)) {
    const dir = join(FORMATS, format);
    if (format === 'real' || !statSync(dir).isDirectory()) continue;
    for (const name of readdirSync(dir)) {
      if (/\.(md|py)$/.test(name)) continue;
      out.push(join(dir, name));
    }
  }
  return out.sort();
}

const FILES = [
  ...readdirSync(join(FIXTURES, 'import'))
    .filter((name) => /\.(csv|tsv|jsonl|json)$/.test(name))
    .map((name) => join(FIXTURES, 'import', name)),
  ...formatFixtures(),
  // The real run folders (lm-eval 0.3 write_out, early 0.4, 0.4.2; HELM; lighteval parquet), whole.
  ...readdirSync(REAL)
    .filter((name) => statSync(join(REAL, name)).isDirectory())
    .map((name) => join(REAL, name)),
];

/** NaN-aware: the columns as plain arrays with NaN as null. */
const plain = (values: ArrayLike<number>) => Array.from(values, (v) => (Number.isNaN(v) ? null : v));

const shortName = (path: string) => path.split(/[\\/]/).slice(-2).join('/');

/**
 * Imports `path` into a fresh store and reads it for its numbers, with the
 * same reader options; both must give the same runs, or the same refusal.
 */
async function expectSameAsImport(path: string, options: Record<string, string | number | boolean> = {}): Promise<void> {
  const store = Store.open(':memory:');
  try {
    const imported = await importSources(store, [{ kind: 'path', path, options }]).then(
      (results) => ({ results }),
      (error: Error) => ({ error: error.message }),
    );
    const read = await readNumbers([path], options).then(
      (runs) => ({ runs }),
      (error: Error) => ({ error: error.message }),
    );
    if ('error' in imported) {
      expect('error' in read ? read.error : 'read without an error', path).toBe(imported.error);
      return;
    }
    if ('error' in read) throw new Error(`${path}: the import succeeded, reading for numbers failed: ${read.error}`);
    const stored = imported.results.flatMap((result) => result.runIds).map((id) => ({ summary: store.runs.get(id)!, columns: store.items.outcomeColumns(id) }));
    expect(read.runs.map((run) => run.summary.name)).toEqual(stored.map((run) => run.summary.name));
    read.runs.forEach((run, i) => {
      const want = stored[i]!;
      const { id: _a, importedAt: _b, ...mine } = run.summary;
      const { id: _c, importedAt: _d, ...theirs } = want.summary;
      expect(mine).toEqual(theirs);
      expect(Array.from(run.columns.outcome)).toEqual(Array.from(want.columns.outcome));
      expect(plain(run.columns.confidence)).toEqual(plain(want.columns.confidence));
    });
  } finally {
    store.close();
  }
}

let scratch = '';
beforeAll(() => (scratch = mkdtempSync(join(tmpdir(), 'candor-numbers-'))));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

describe('reading a file for its numbers', () => {
  it('covers the real folders and every format fixture', () => {
    const names = FILES.map(shortName);
    for (const real of ['real/helm_bbq_gpt4_0125', 'real/lighteval013_details', 'real/lmeval03_winogrande_trimmed', 'real/lmeval040_qnli', 'real/lmeval042_wmdp_bio_gpt35', 'deepeval/beeai-framework']) {
      expect(names).toContain(real);
    }
  });

  for (const file of FILES) {
    it(`${shortName(file)}: the runs and columns an import stores`, async () => {
      await expectSameAsImport(file);
    });
  }

  it('HELM display_* folder without scenario_state.json: the same runs as an import', async () => {
    const display = join(scratch, 'helm-display');
    cpSync(join(REAL, 'helm_bbq_gpt4_0125'), display, { recursive: true });
    rmSync(join(display, 'scenario_state.json'));
    await expectSameAsImport(display);
  });

  it('DeepEval with a metric chosen: graded by that metric, as an import grades it', async () => {
    const deepeval = join(FORMATS, 'deepeval', 'beeai-framework');
    await expectSameAsImport(deepeval, { metric: 'Exact Match' });
    const runs = await readNumbers([deepeval], { metric: 'Exact Match' });
    expect(runs[0]!.summary.counts).toMatchObject({ correct: 1, incorrect: 1 });
  });

  it('a grade chosen among the per-sample metrics (lm-eval) and judge columns read as an import reads them', async () => {
    await expectSameAsImport(join(REAL, 'lmeval040_qnli'), { metric: 'acc' });
    // grade_letter: SimpleQA's judge verdict, A/B/C (C: not attempted, an abstention).
    await expectSameAsImport(join(FIXTURES, 'import', 'simpleqa.csv'));
    const judged = join(scratch, 'judge.csv');
    const { writeFileSync } = await import('node:fs');
    writeFileSync(
      judged,
      ['question,response,is_correct,judge_pred,confidence', 'q1,a,True,CORRECT,0.9', 'q2,b,False,NOT_ATTEMPTED,0.4', 'q3,c,False,INCORRECT,0.7', 'q4,d,True,correct,0.6'].join('\n'),
    );
    await expectSameAsImport(judged);
    const [run] = await readNumbers([judged]);
    expect(run!.summary.counts).toMatchObject({ correct: 2, incorrect: 1, abstained: 1 });
  });

  it('the confidence scale as the import decides it: from the column, or as the user chose, with its reason', async () => {
    const percent = join(FIXTURES, 'import', 'simpleqa.csv');
    const [decided] = await readNumbers([percent]);
    expect(decided!.summary.metadata).toMatchObject({ confidenceScale: 'percent', confidenceScaleReason: expect.stringMatching(/values above 1/) });
    const basic = join(FIXTURES, 'import', 'basic.csv');
    await expectSameAsImport(basic, { confidenceScale: 'percent' });
    const [chosen] = await readNumbers([basic], { confidenceScale: 'percent' });
    expect(chosen!.summary.metadata).toMatchObject({ confidenceScale: 'percent', confidenceScaleReason: 'chosen at import: 0-100' });
    // Told 0-1, a file in percent is refused as the import refuses it.
    await expectSameAsImport(percent, { confidenceScale: 'unit' });
    await expect(readNumbers([percent], { confidenceScale: 'unit' })).rejects.toThrow(/the import was told confidences are on 0-1/);
  });

  it('columns grown past their first 65,536 items, two runs taking turns in stretches: the same as an import', async () => {
    // 150,000 rows: each run's columns grow twice (in place, growable-buffer.ts), and the run an item
    // belongs to changes every 700 rows (numbers.ts looks it up again only there).
    const rows: string[] = [];
    for (let i = 0; i < 150_000; i++) {
      const model = Math.floor(i / 700) % 2 === 0 ? 'model-a' : 'model-b';
      const grade = i % 11 === 0 ? 'abstained' : i % 3 === 0 ? 'incorrect' : 'correct';
      const confidence = i % 13 === 0 ? null : ((i * 7919) % 10001) / 10000;
      rows.push(JSON.stringify({ id: `q${i}`, model, grade, confidence }));
    }
    const path = join(scratch, 'two-runs-150k.jsonl');
    writeFileSync(path, `${rows.join('\n')}\n`);
    await expectSameAsImport(path);
    const runs = await readNumbers([path]);
    expect(runs.map((run) => run.summary.itemCount)).toEqual([75_100, 74_900]);
  }, 60_000);

  it('a growable buffer keeps its bytes whether it grows in place, past its reservation, or is a plain one', () => {
    const fill = (buffer: SharedArrayBuffer, bytes: number) => new Uint8Array(buffer, 0, bytes).forEach((_, i, view) => (view[i] = i % 251));
    const kept = (buffer: SharedArrayBuffer, bytes: number) => new Uint8Array(buffer, 0, bytes).every((value, i) => value === i % 251);
    const growable = sharedBuffer(1024, 4096);
    fill(growable, 1024);
    expect(enlarged(growable, 4096)).toBe(growable);
    expect(kept(growable, 1024) && growable.byteLength === 4096).toBe(true);
    const moved = enlarged(growable, 10_000);
    expect(moved).not.toBe(growable);
    expect(kept(moved, 1024) && moved.byteLength === 10_000).toBe(true);
    const plainBuffer = new SharedArrayBuffer(1024);
    fill(plainBuffer, 1024);
    const copied = enlarged(plainBuffer, 2048);
    expect(kept(copied, 1024) && copied.byteLength === 2048).toBe(true);
  });

  it('refuses what an import refuses, with the same message', async () => {
    const bad = readdirSync(join(FIXTURES, 'import', 'bad')).map((name) => join(FIXTURES, 'import', 'bad', name));
    expect(bad.length).toBeGreaterThan(0);
    for (const file of bad) {
      const store = Store.open(':memory:');
      try {
        const importError = await importSources(store, [{ kind: 'path', path: file }]).then(
          () => null,
          (error: Error) => error.message,
        );
        const readError = await readNumbers([file]).then(
          () => null,
          (error: Error) => error.message,
        );
        expect(importError, file).not.toBeNull();
        expect(readError, file).toBe(importError);
      } finally {
        store.close();
      }
    }
  });
});
