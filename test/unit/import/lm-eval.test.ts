import { copyFileSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { lmEvalReader, softmaxAt } from '../../../main/import/lm-eval.ts';
import { detectFormat } from '../../../main/import/detect.ts';
import { fixture, importError, readAll } from './helpers.ts';

const lm = (...name: string[]) => fixture('formats', 'lm-eval-harness', ...name);
const MC = lm('samples_toy_mc_2026-11-27T22-51-10.853616.jsonl');
const QA = lm('samples_toy_qa_2026-11-27T22-51-10.853616.jsonl');

describe('lm-eval-harness samples', () => {
  it('multiple choice: answer is the argmax choice, confidence the softmax there (brier_score\'s probabilities)', async () => {
    const { items, summary } = await readAll(lmEvalReader(MC));
    expect(items.map((i) => [i.key, i.answer, i.gold, i.grade])).toEqual([
      ['0', 'Red', 'Blue', 'incorrect'],
      ['1', 'Six', 'Eight', 'incorrect'],
      ['2', 'Earth', 'Mercury', 'incorrect'],
    ]);
    // lm-eval's own brier_score row holds the same softmax: [0.18866475 0.1566507 0.35415116 0.3005334].
    expect(items[0]!.confidence).toBeCloseTo(0.35415116, 7);
    expect(items[1]!.confidence).toBeCloseTo(0.32004181, 7);
    expect(items[0]!.prompt).toBe('Question: What colour is a clear daytime sky?\nAnswer:');
    expect(items[0]!.extra.choices).toEqual(['Green', 'Blue', 'Red', 'Black']);
    expect(summary).toMatchObject({ format: 'lm-eval', formatVersion: '0.4.13', model: 'toy/dummy-model', task: 'toy_mc', confidenceScale: 'unit' });
  });

  it('length-normalised: argmax and confidence as acc_norm picks them', async () => {
    const { items } = await readAll(lmEvalReader(MC, { normalised: true }));
    expect(items.map((i) => [i.answer, i.grade])).toEqual([['Red', 'incorrect'], ['Six', 'incorrect'], ['Mercury', 'correct']]);
    const norm = [-0.15457051471078964 / 7, -0.9547186557023949 / 5, -0.154551400089043 / 5, -0.8338892941512318 / 4];
    expect(items[2]!.confidence).toBeCloseTo(softmaxAt(norm, 0), 12);
  });

  it('generative with two filters: the first filter by default, or one chosen', async () => {
    const first = await readAll(lmEvalReader(QA));
    expect(first.items.map((i) => [i.key, i.answer, i.gold, i.grade, i.confidence])).toEqual([
      ['0', 'lol', '4', 'incorrect', null],
      ['1', 'lol', 'Paris', 'incorrect', null],
      ['2', 'lol', 'Au', 'incorrect', null],
    ]);
    expect(first.items[0]!.extra.resps).toEqual([['lol', 'lol']]);
    expect(first.summary.metadata).toMatchObject({ filters: ['take-first', 'majority'], filter: 'take-first' });
    const majority = await readAll(lmEvalReader(QA, { filter: 'majority' }));
    expect(majority.items.map((i) => [i.key, i.extra.filter, i.line])).toEqual([['0', 'majority', 4], ['1', 'majority', 5], ['2', 'majority', 6]]);
  });

  it('one run per filter with splitFilters', async () => {
    const { items } = await readAll(lmEvalReader(QA, { splitFilters: true }));
    expect(items.map((i) => `${i.task}:${i.key}`)).toEqual([
      'toy_qa/take-first:0', 'toy_qa/take-first:1', 'toy_qa/take-first:2', 'toy_qa/majority:0', 'toy_qa/majority:1', 'toy_qa/majority:2',
    ]);
  });

  it('reads the older pretty-printed JSON array with real numbers', async () => {
    const { items, summary } = await readAll(lmEvalReader(lm('old', 'samples_old_mc_2024-03-01T10-00-00.000001.json')));
    expect(items.map((i) => [i.key, i.answer, i.gold, i.grade, i.line])).toEqual([
      ['0', 'Blue', 'Blue', 'correct', 2],
      ['1', 'Pluto', 'Jupiter', 'incorrect', 15],
    ]);
    expect(items[0]!.confidence).toBeCloseTo(1 / (1 + Math.exp(-1.5)), 12);
    expect(summary.model).toBeNull();
  });

  describe('errors and detection', () => {
    let dir: string;
    beforeAll(() => (dir = mkdtempSync(join(tmpdir(), 'candor-lmeval-'))));
    afterAll(() => rmSync(dir, { recursive: true, force: true }));

    it('names the line of a choice without a loglikelihood', async () => {
      const path = join(dir, 'samples_bad_2026-01-01T00-00-00.000001.jsonl');
      const args = { gen_args_0: { arg_0: 'Q', arg_1: ' a' }, gen_args_1: { arg_0: 'Q', arg_1: ' b' } };
      writeFileSync(path, JSON.stringify({ doc_id: 0, target: '0', arguments: args, filtered_resps: [['-1', 'False'], ['oops', 'False']], filter: 'none' }) + '\n');
      const error = await importError(lmEvalReader(path));
      expect(error.message).toBe(
        'samples_bad_2026-01-01T00-00-00.000001.jsonl:1:filtered_resps: a choice has no numeric loglikelihood (expected ["<loglikelihood>", "<is_greedy>"] per choice)',
      );
    });

    it('says which filters exist when the chosen one has no rows', async () => {
      const error = await importError(lmEvalReader(QA, { filter: 'nope' }));
      expect(error.message).toBe('samples_toy_qa_2026-11-27T22-51-10.853616.jsonl: no samples to import (filters in the file: take-first, majority)');
    });

    it('recognises samples by content even when renamed', async () => {
      const renamed = join(dir, 'my-run.jsonl');
      copyFileSync(MC, renamed);
      const detected = await detectFormat(renamed);
      expect(detected?.format).toBe('lm-eval');
      expect((await detectFormat(QA))?.format).toBe('lm-eval');
    });
  });
});
