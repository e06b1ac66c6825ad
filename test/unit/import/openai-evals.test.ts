import { openaiEvalsReader } from '../../../main/import/openai-evals.ts';
import { detectFormat } from '../../../main/import/detect.ts';
import { fixture, importError, readAll } from './helpers.ts';

const oe = (name: string) => fixture('formats', 'openai-evals', name);

describe('openai/evals record logs', () => {
  it('groups interleaved events by sample_id, emitting each sample at its match', async () => {
    const { items, summary } = await readAll(openaiEvalsReader(oe('synthetic-match.log')));
    expect(items.map((i) => [i.key, i.answer, i.gold, i.grade, i.line])).toEqual([
      ['capitals.dev.1', 'Nairobi', 'Nairobi', 'correct', 2],
      ['capitals.dev.0', 'Sydney', 'Canberra', 'incorrect', 3],
      ['capitals.dev.2', 'I am not sure', null, 'incorrect', 5], // model-graded: metrics score 0
    ]);
    expect(items[0]!.prompt).toBe('system: Answer with the city only.\n\nuser: Capital of Kenya?');
    expect(items[1]!.prompt).toBe('Capital of Australia?');
    expect(items[0]!.extra).toMatchObject({ events: ['sampling', 'match'], picked: 'Nairobi', expected: ['Nairobi'] });
    expect(summary).toMatchObject({ format: 'openai-evals', model: 'gpt-3.5-turbo', task: 'capitals.dev.v0' });
    expect(summary.metadata.final_report).toEqual({ accuracy: 0.5 });
  });

  it('says so when a real log holds only its spec and final report', async () => {
    const error = await importError(openaiEvalsReader(oe('oriprompt.log')));
    expect(error.message).toBe(
      'oriprompt.log: the log holds a spec and a final report but no sample events (expected "sampling" and "match" events per sample)',
    );
  });

  it('is detected from its spec line', async () => {
    expect((await detectFormat(oe('oriprompt.log')))?.format).toBe('openai-evals');
    expect((await detectFormat(oe('synthetic-match.log')))?.format).toBe('openai-evals');
  });
});
