import { describe, expect, it } from 'vitest';
import type { Handlers } from '../../../main/handlers/index.ts';
import { JobRegistry } from '../../../main/handlers/jobs.ts';
import { handlersForEachTest } from '../../support/handlers.ts';
import { Store } from '../../../main/store/store.ts';

let store: Store;
let jobs: JobRegistry;
let handlers: Handlers;

handlersForEachTest((env) => ({ store, jobs, handlers } = env), { version: 't', demoPath: '/none' });

// Column names Candor cannot guess: the user maps them.
const ODD = `qid,the_question,model_reply,truth,mark,p_correct
1,Capital of France?,Paris,Paris,correct,0.9
2,2+2?,I don't know,4,,0.2
3,Largest planet?,Saturn,Jupiter,,0.6
`;

async function importUpload(name: string, text: string, options?: Record<string, string>) {
  const { jobId } = await handlers['import/start']({ sources: [{ kind: 'upload', name, text, options }] });
  return jobs.wait(jobId);
}

describe('import preview and mapping', () => {
  it('previews the guess, writes nothing, and names what is missing', async () => {
    const { files } = await handlers['import/preview']({ sources: [{ kind: 'upload', name: 'odd.csv', text: ODD }] });
    expect(files[0]).toMatchObject({ ok: false, file: 'odd.csv', error: { code: 'no-answer-column' } });
    expect(store.runs.list()).toEqual([]);
  });

  it('a mapping the user gives is previewed, imported, and remembered for the same columns', async () => {
    const mapping = {
      'column.key': 'qid',
      'column.prompt': 'the_question',
      'column.answer': 'model_reply',
      'column.gold': 'truth',
      'column.grade': 'mark',
      'column.confidence': 'p_correct',
    };
    const { files } = await handlers['import/preview']({ sources: [{ kind: 'upload', name: 'odd.csv', text: ODD, options: mapping }] });
    const preview = files[0]!;
    if (!preview.ok) throw new Error(preview.error.message);
    expect(preview.preview).toMatchObject({ format: 'csv', tabular: true, rememberedMapping: false, duplicateOf: null });
    expect(preview.preview.columns).toEqual(['qid', 'the_question', 'model_reply', 'truth', 'mark', 'p_correct']);
    expect(preview.preview.mapping).toMatchObject({ answer: 'model_reply', confidence: 'p_correct' });
    expect(preview.preview.items.map((item) => [item.key, item.answer, item.grade, item.confidence])).toEqual([
      ['1', 'Paris', 'correct', 0.9],
      ['2', "I don't know", null, 0.2],
      ['3', 'Saturn', null, 0.6],
    ]);
    expect(store.runs.list()).toEqual([]);

    const job = await importUpload('odd.csv', ODD, mapping);
    expect(job.state).toBe('done');
    // Another file with the same columns (in another order of rows) now imports without a mapping.
    const again = await importUpload('odd-2.csv', ODD.replace('Saturn', 'Jupiter'));
    expect(again.error).toBeNull();
    expect(again.state).toBe('done');
    const { files: seen } = await handlers['import/preview']({ sources: [{ kind: 'upload', name: 'odd-3.csv', text: ODD }] });
    expect(seen[0]).toMatchObject({ ok: true, preview: { rememberedMapping: true } });
  });

  it('refuses a mapping that names a column the file does not have', async () => {
    const job = await importUpload('odd.csv', ODD, { 'column.answer': 'nope' });
    expect(job.state).toBe('failed');
    expect(job.error).toMatchObject({ code: 'bad-mapping', field: 'nope' });
    expect(job.error!.message).toContain('model_reply');
  });

  it('suggests grades where the file has none, without counting them', async () => {
    const job = await importUpload('odd.csv', ODD, { 'column.answer': 'model_reply', 'column.gold': 'truth', 'column.grade': 'mark', 'column.key': 'qid' });
    const runId = job.result![0]!.runIds[0]!;
    const rows = (await handlers['items/list']({ runId, offset: 0, limit: 10 })).rows;
    expect(rows.map((row) => [row.key, row.outcome, row.suggestedGrade, row.suggestionBasis])).toEqual([
      ['1', 'correct', null, null],
      ['2', 'unlabeled', 'abstained', 'abstention phrase'],
      ['3', 'unlabeled', 'incorrect', 'no match'],
    ]);
    const metrics = await handlers['runs/metrics']({ runId });
    expect(metrics.counts.unlabeled).toBe(2);
  });
});
