import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createHandlers, type Handlers } from '../../../main/handlers/index.ts';
import { JobRegistry } from '../../../main/handlers/jobs.ts';
import { Store } from '../../../main/store/store.ts';

// The preview offers a format's own choices (which scorer grades an Inspect
// log, which filter of an lm-eval file), and a choice made there is what the
// import uses.
let store: Store;
let jobs: JobRegistry;
let handlers: Handlers;
beforeEach(() => {
  store = Store.open(':memory:');
  jobs = new JobRegistry();
  handlers = createHandlers({ store, jobs, runtime: 'browser', version: 't', demoPath: '/none' });
});
afterEach(() => store.close());

async function preview(path: string, options?: Record<string, string>) {
  const { files } = await handlers['import/preview']({ sources: [{ kind: 'path', path, options }] });
  const [first] = files;
  if (!first?.ok) throw new Error(first?.error.message ?? 'no preview');
  return first.preview;
}

describe('format choices in the preview', () => {
  it('Inspect: every scorer the samples carry, the first by default, another on request', async () => {
    const file = 'test/fixtures/formats/inspect/synthetic.json';
    const first = await preview(file);
    expect(first.choices.scorer).toEqual({ label: 'grade from scorer', options: ['model_graded', 'exact'], value: 'model_graded' });
    const other = await preview(file, { scorer: 'exact' });
    expect(other.choices.scorer!.value).toBe('exact');
    const { jobId } = await handlers['import/start']({ sources: [{ kind: 'path', path: file, options: { scorer: 'exact' } }] });
    const job = await jobs.wait(jobId);
    expect(job.state).toBe('done');
    expect(store.runs.get(job.result![0]!.runIds[0]!)!.metadata.scorer).toBe('exact');
  });

  it('lm-eval: the filters in the file, the first by default', async () => {
    const file = 'test/fixtures/formats/lm-eval-harness/samples_toy_qa_2026-11-27T22-51-10.853616.jsonl';
    const first = await preview(file);
    expect(first.choices.filter!.options.length).toBeGreaterThanOrEqual(2);
    const second = first.choices.filter!.options[1]!;
    expect((await preview(file, { filter: second })).choices.filter!.value).toBe(second);
  });

  it('a generic CSV offers none', async () => {
    expect((await preview('test/fixtures/import/basic.csv')).choices).toEqual({});
  });
});
