// `candor analyze` reads files for their numbers only (main/import/numbers.ts):
// for every fixture a reader handles, the runs and columns must be exactly
// what an import into the store leaves, and a bad file must fail the same way.
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { readNumbers } from '../../../main/import/numbers.ts';
import { importSources } from '../../../main/import/pipeline.ts';
import { Store } from '../../../main/store/store.ts';

const FIXTURES = join(import.meta.dirname, '..', '..', 'fixtures');
const FILES = [
  ...readdirSync(join(FIXTURES, 'import'))
    .filter((name) => /\.(csv|tsv|jsonl|json)$/.test(name))
    .map((name) => join(FIXTURES, 'import', name)),
  join(FIXTURES, 'formats', 'helm', 'mmlu_subject=anatomy_model=gpt2'),
  join(FIXTURES, 'formats', 'inspect', 'log_formats.eval'),
  join(FIXTURES, 'formats', 'inspect', '2025-05-12T20-28-13-04-00_popularity.json'),
  join(FIXTURES, 'formats', 'lm-eval-harness', 'samples_toy_qa_2026-11-27T22-51-10.853616.jsonl'),
  join(FIXTURES, 'formats', 'openai-evals', 'synthetic-match.log'),
  join(FIXTURES, 'formats', 'promptfoo', 'sample-export.json'),
];

/** NaN-aware: the columns as plain arrays with NaN as null. */
const plain = (values: ArrayLike<number>) => Array.from(values, (v) => (Number.isNaN(v) ? null : v));

describe('reading a file for its numbers', () => {
  for (const file of FILES) {
    it(`${file.split(/[\\/]/).slice(-2).join('/')}: the runs and columns an import stores`, async () => {
      const store = Store.open(':memory:');
      try {
        const imported = await importSources(store, [{ kind: 'path', path: file }]);
        const stored = imported.flatMap((result) => result.runIds).map((id) => ({ summary: store.runs.get(id)!, columns: store.items.outcomeColumns(id) }));
        const read = await readNumbers([file]);
        expect(read.map((run) => run.summary.name)).toEqual(stored.map((run) => run.summary.name));
        read.forEach((run, i) => {
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
    });
  }

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
        expect(readError, file).toBe(importError);
      } finally {
        store.close();
      }
    }
  });
});
