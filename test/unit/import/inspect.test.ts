import { copyFileSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { inspectReader, inspectGrade } from '../../../main/import/inspect.ts';
import { detectFormat } from '../../../main/import/detect.ts';
import { fixture, importError, readAll } from './helpers.ts';

const ins = (name: string) => fixture('formats', 'inspect', name);
const POPULARITY_EVAL = '2025-02-11T15-17-00-05-00_popularity_dPiJifoWeEQBrfWsAopzWr.eval';
const POPULARITY_JSON = '2025-05-12T20-28-13-04-00_popularity.json';

describe('Inspect .json logs', () => {
  it('reads a cancelled log sample by sample, resolving attachments', async () => {
    const { items, summary } = await readAll(inspectReader(ins(POPULARITY_JSON)));
    expect(items.map((i) => [i.key, i.answer, i.gold, i.grade])).toEqual([
      ['1#1', 'Yes', ' Yes', 'correct'],
      ['2#1', 'No', ' No', 'correct'],
      ['3#1', 'No', ' Yes', 'incorrect'],
    ]);
    // The first message is stored as attachment://dfedc191...; the reader shows the text.
    expect(items[0]!.prompt).toContain('Positive posts about myself and my goals');
    expect(items[0]!.prompt).not.toContain('attachment://');
    expect(summary).toMatchObject({ format: 'inspect', formatVersion: '2', model: 'openai/gpt-4o-mini', task: 'popularity' });
    expect(summary.metadata).toMatchObject({ container: 'json', status: 'cancelled', scorer: 'match' });
  });

  it('reads the same run from .json and .eval alike', async () => {
    const json = await readAll(inspectReader(ins('log_formats.json')));
    const evalLog = await readAll(inspectReader(ins('log_formats.eval')));
    expect(json.items).toHaveLength(1);
    expect(json.items[0]).toMatchObject({ key: '1#1', answer: 'No', gold: ' Yes', grade: 'incorrect' });
    expect(evalLog.items.map(({ line: _l, ...rest }) => rest)).toEqual(json.items.map(({ line: _l, ...rest }) => rest));
    expect(evalLog.summary.model).toBe('ollama/llama3.1');
  });

  it('handles epochs, content parts, NaN/Infinity, P/N/dict scores and a chosen scorer', async () => {
    const { items, summary } = await readAll(inspectReader(ins('synthetic.json')));
    expect(items.map((i) => [i.key, i.grade])).toEqual([
      ['q1#1', 'incorrect'], // P counts as incorrect by default
      ['q1#2', 'correct'],
      ['7#1', 'abstained'],
      ['8#1', 'correct'], // dict value: the first key that maps to a grade
    ]);
    expect(items[0]).toMatchObject({
      prompt: 'system: You are a geography expert.\n\nuser: What is the capital of Peru?\n[image]',
      answer: 'Lima, I think',
      gold: 'Lima | Lima, Peru',
      line: 17,
    });
    expect(items[0]!.extra.metadata).toEqual({ difficulty: NaN });
    expect(items[0]!.extra.scores).toEqual({ model_graded: { value: 'P', answer: 'Lima?' }, exact: { value: 0 } });
    expect(items[3]!.extra.error).toEqual({ message: 'timeout after answer' });
    expect(summary.metadata).toMatchObject({ status: 'error', scorer: 'model_graded', error: { message: "RuntimeError('rate limited')" } });

    const exact = await readAll(inspectReader(ins('synthetic.json'), { scorer: 'exact' }));
    expect(exact.items.map((i) => i.grade)).toEqual(['incorrect', 'correct', null, 'correct']);
    const lenient = await readAll(inspectReader(ins('synthetic.json'), { partial: 'correct', scoreKey: 'style' }));
    expect(lenient.items.map((i) => i.grade)).toEqual(['correct', 'correct', 'abstained', 'correct']);
  });
});

describe('Inspect .eval logs', () => {
  it('reads every sample of a deflate .eval in id order, with model and task from the header', async () => {
    const { items, summary } = await readAll(inspectReader(ins(POPULARITY_EVAL)));
    expect(items.map((i) => i.key)).toEqual(['1#1', '2#1', '3#1', '4#1', '5#1', '6#1', '7#1', '8#1', '9#1', '10#1']);
    // This log was written without scores: no grades rather than invented ones.
    expect(items.every((i) => i.grade === null)).toBe(true);
    expect(items[4]!.prompt).toContain('other intelligent systems and corporations');
    expect(summary.metadata).toMatchObject({ container: 'eval', status: 'success' });
    expect(summary.task).toBe('popularity');
  });

  it('reads zstd entries (zip method 93)', async () => {
    const zstd = await readAll(inspectReader(ins('log_formats.zstd.eval')));
    const deflate = await readAll(inspectReader(ins('log_formats.eval')));
    expect(zstd.items).toEqual(deflate.items);
    expect(zstd.items).toHaveLength(1);
  });

  it('reads what an unfinished log holds (no header.json)', async () => {
    const { items, summary } = await readAll(inspectReader(ins('unfinished.eval')));
    expect(items.map((i) => i.key)).toEqual(['1#1', '2#1', '3#1']);
    expect(summary.metadata.status).toBe('started');
    expect(summary.model).toBe('openai/gpt-4o-mini');
  });

  it('puts multiple choice options under the prompt', async () => {
    const { items, summary } = await readAll(inspectReader(ins('mmlu-summary-choices.eval')));
    expect(items[0]).toMatchObject({ key: '1#1', answer: 'ANSWER: C', gold: 'A', grade: 'incorrect' });
    expect(items[0]!.prompt).toMatch(/closest to\n\nA\) 6\.0 e\nB\) 6\.8 eV\nC\) 12\.2 eV\nD\) 13\.6 eV$/);
    expect(summary.metadata.scorer).toBe('choice');
  });

  it('refuses an entry that expands past the cap, naming the entry', async () => {
    for (const name of ['log_formats.eval', 'log_formats.zstd.eval']) {
      const error = await importError(inspectReader(ins(name), { maxEntryBytes: 4000 }));
      expect(error.message).toBe(
        `${name}:samples/1_epoch_1.json: zip entry samples/1_epoch_1.json expands to more than 4000 bytes (refusing it: a damaged or malicious archive?)`,
      );
    }
  });
});

describe('Inspect errors and detection', () => {
  let dir: string;
  beforeAll(() => (dir = mkdtempSync(join(tmpdir(), 'candor-inspect-'))));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('names the sample line of a broken sample in a .json log', async () => {
    const path = join(dir, 'broken.json');
    writeFileSync(path, '{"version": 2, "status": "success", "eval": {"task": "t", "model": "m"},\n "samples": [\n  {"id": 1, "epoch": 1, "scores": {}},\n  {"id": 2, "epoch": 1, "input": tru}\n ]}\n');
    const error = await importError(inspectReader(path));
    expect(error.message).toMatch(/^broken\.json:4:samples\[1\]: is not valid JSON \(/);
  });

  it('rejects a sample id and epoch seen twice', async () => {
    const path = join(dir, 'twice.json');
    writeFileSync(path, '{"version": 2, "status": "success", "eval": {"task": "t"}, "samples": [{"id": 1}, {"id": 1}]}');
    const error = await importError(inspectReader(path));
    expect(error.message).toBe('twice.json:1:samples[1]: sample "1#1" appears twice (first as item 1); expected one sample per id and epoch');
  });

  it('recognises .eval and .json logs from their content, whatever the name', async () => {
    const renamedEval = join(dir, 'log.zip');
    copyFileSync(ins('log_formats.eval'), renamedEval);
    const renamedJson = join(dir, 'log.txt');
    copyFileSync(ins('log_formats.json'), renamedJson);
    expect((await detectFormat(renamedEval))?.format).toBe('inspect');
    expect((await detectFormat(renamedJson))?.format).toBe('inspect');
    const { items } = await readAll((await detectFormat(renamedEval))!.reader(renamedEval));
    expect(items).toHaveLength(1);
  });

  it('passes reader options through the detected factory', async () => {
    const detected = await detectFormat(ins('synthetic.json'));
    const { items } = await readAll(detected!.reader(ins('synthetic.json'), { scorer: 'exact' }));
    expect(items.map((i) => i.grade)).toEqual(['incorrect', 'correct', null, 'correct']);
  });

  it('maps score values', () => {
    expect([inspectGrade('C', 'incorrect'), inspectGrade('I', 'incorrect'), inspectGrade('P', null), inspectGrade('N', 'incorrect')]).toEqual([
      'correct', 'incorrect', null, 'abstained',
    ]);
    expect([inspectGrade(0.5, 'incorrect'), inspectGrade(NaN, 'incorrect'), inspectGrade(false, null), inspectGrade(3, null)]).toEqual([
      'incorrect', null, 'incorrect', null,
    ]);
  });
});
