import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promptfooReader, qualityGrade } from '../../../main/import/promptfoo.ts';
import { detectFormat } from '../../../main/import/detect.ts';
import { fixture, importError, readAll } from './helpers.ts';

const EXPORT = fixture('formats', 'promptfoo', 'sample-export.json');

describe('promptfoo eval -o JSON', () => {
  it('one item per result with the provider as model, graded by quality assertions only', async () => {
    const { items, summary } = await readAll(promptfooReader(EXPORT));
    expect(items.map((i) => [i.model, i.key, i.grade, i.line])).toEqual([
      // Every row has success: false (latency or cost failed), yet every answer passed its checks.
      ['openai:gpt-5-mini', '0', 'correct', 93],
      ['openai:gpt-5', '0', 'correct', 225],
      ['openai:gpt-5-mini', '1', 'correct', 357],
      ['openai:gpt-5', '1', 'correct', 476],
    ]);
    expect(items.every((i) => i.extra.success === false)).toBe(true);
    expect(items[1]).toMatchObject({
      prompt: 'Solve this riddle: I speak without a mouth and hear without ears. I have no body, but I come alive with wind. What am I?',
      answer: 'An echo.',
      gold: 'echo',
      confidence: null,
    });
    expect(items[1]!.extra.assertions).toEqual([
      expect.objectContaining({ type: 'cost', pass: false }),
      expect.objectContaining({ type: 'latency', pass: false }),
      expect.objectContaining({ type: 'contains', pass: true }),
      expect.objectContaining({ type: 'llm-rubric', pass: true }),
    ]);
    expect(items[2]!.gold).toBeNull();
    expect(summary).toMatchObject({ format: 'promptfoo', formatVersion: '3', task: 'Comparing OpenAI flagship and mini models performance on riddles' });
    expect(summary.metadata).toMatchObject({ evalId: 'eval-WJi-2025-10-01T20:08:11', promptfooVersion: '0.118.10' });
  });

  it('fails an answer whose quality assertion fails, whatever latency did', () => {
    const result = (parts: [string, boolean][]) => ({
      gradingResult: { pass: false, componentResults: parts.map(([type, pass]) => ({ pass, assertion: { type } })) },
    });
    const ops = new Set(['latency', 'cost']);
    expect(qualityGrade(result([['latency', true], ['equals', false]]), ops)).toBe('incorrect');
    expect(qualityGrade(result([['latency', false], ['equals', true]]), ops)).toBe('correct');
    expect(qualityGrade(result([['latency', false]]), ops)).toBeNull();
    expect(qualityGrade({}, ops)).toBeNull();
  });

  describe('older exports, errors, detection', () => {
    let dir: string;
    beforeAll(() => (dir = mkdtempSync(join(tmpdir(), 'candor-promptfoo-'))));
    afterAll(() => rmSync(dir, { recursive: true, force: true }));

    it('reads rows at results[] and splits keys when a provider ran several prompts', async () => {
      const path = join(dir, 'old.json');
      const row = (testIdx: number, promptIdx: number, pass: boolean) => ({
        provider: 'echo', testIdx, promptIdx, prompt: { raw: `p${promptIdx}` }, response: { output: 'x' }, vars: { expected: 'x' },
        gradingResult: { pass, componentResults: [{ pass, assertion: { type: 'equals', value: 'x' } }] },
      });
      const prompts = [{ raw: 'p0', provider: 'echo' }, { raw: 'p1', provider: 'echo' }];
      writeFileSync(path, JSON.stringify({ version: 2, prompts, results: [row(0, 0, true), row(0, 1, false)] }));
      const { items } = await readAll(promptfooReader(path));
      expect(items.map((i) => [i.key, i.grade, i.gold, i.prompt])).toEqual([['0/p0', 'correct', 'x', 'p0'], ['0/p1', 'incorrect', 'x', 'p1']]);

      writeFileSync(path, JSON.stringify({ version: 2, results: [row(0, 0, true), row(0, 1, false)] }));
      const error = await importError(promptfooReader(path));
      expect(error.message).toBe('old.json:1:results[1]: test 0 of provider echo appears twice (first on line 1)');
    });

    it('detects an export from its content', async () => {
      expect((await detectFormat(EXPORT))?.format).toBe('promptfoo');
    });
  });
});
