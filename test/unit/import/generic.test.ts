import { mkdtempSync, writeFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { genericReader } from '../../../main/import/generic.ts';
import { fixture, importError, readAll } from './helpers.ts';

const imp = (...parts: string[]) => fixture('import', ...parts);

describe('generic CSV', () => {
  it('maps the first alias of each family and every grade spelling', async () => {
    const { items, summary } = await readAll(genericReader(imp('basic.csv')));
    expect(items.map((i) => [i.key, i.grade, i.confidence])).toEqual([
      ['q1', 'correct', 0.9],
      ['q2', 'incorrect', 0.75],
      ['q3', 'abstained', null],
      ['q4', 'correct', 1],
      ['q5', 'incorrect', 0],
      ['q6', null, 0.5],
    ]);
    expect(items[1]).toEqual({
      key: 'q2', prompt: 'Capital of France?', answer: 'Lyon', gold: 'Paris', grade: 'incorrect',
      confidence: 0.75, model: 'gpt-x', task: 'geo', extra: { notes: '' }, line: 3,
    });
    expect(items[2]!.extra).toEqual({ notes: 'has, comma' });
    expect(items[5]!.model).toBeNull();
    expect(summary.format).toBe('csv');
    expect(summary.confidenceScale).toBe('unit');
  });

  it('reads TSV with the second aliases', async () => {
    const { items } = await readAll(genericReader(imp('aliases.tsv')));
    expect(items.map((i) => [i.key, i.prompt, i.answer, i.gold, i.grade, i.confidence, i.model, i.task])).toEqual([
      ['7', 'Prompt one', 'yes', 'yes', 'correct', 0.6, 'm1', 'd1'],
      ['8', 'Prompt two', 'no', 'yes', 'incorrect', 0.3, 'm1', 'd1'],
      ['9', 'Prompt three', 'pass', 'yes', 'abstained', null, 'm1', 'd1'],
    ]);
  });

  it('strips the BOM, handles CRLF and reports the line a multi-line record starts on', async () => {
    const { items } = await readAll(genericReader(imp('bom-crlf.csv')));
    expect(items).toHaveLength(2);
    expect(items[0]).toMatchObject({
      key: '1', prompt: 'Write a haiku\r\nabout rain', answer: 'Soft rain on the roof\r\nsays "hush"', grade: 'correct', line: 2,
    });
    expect(items[1]).toMatchObject({ key: '2', answer: 'Text', grade: 'incorrect', line: 6 });
  });

  it('maps SimpleQA grade letters and reads a 0-100 confidence as percent', async () => {
    const { items, summary } = await readAll(genericReader(imp('simpleqa.csv')));
    expect(items.map((i) => [i.key, i.answer, i.gold, i.grade, i.confidence])).toEqual([
      ['1', 'Leonardo da Vinci', 'Leonardo da Vinci', 'correct', 90],
      ['2', '1991', '1989', 'incorrect', 70],
      ['3', "I don't know", 'Unknown', 'abstained', 10],
      ['4', 'Canberra', 'Canberra', null, 55],
    ]);
    expect(summary.confidenceScale).toBe('percent');
  });

  it('takes the percent scale from a column named _pct even when every value is at most 1', async () => {
    const { items, summary } = await readAll(genericReader(imp('percent-name.csv')));
    expect(items.map((i) => i.confidence)).toEqual([0.5, 1]);
    expect(summary.confidenceScale).toBe('percent');
  });

  it('keeps a PopQA Python-repr list as a string', async () => {
    const { items } = await readAll(genericReader(imp('popqa.csv')));
    expect(items[0]!.extra.possible_answers).toBe(`['politician', 'political leader', "statesman"]`);
    expect(items[0]).toMatchObject({ key: '4222362', answer: 'politician', grade: 'correct' });
    expect(items[1]!.grade).toBe('incorrect');
  });

  it('treats label as the grade when it holds grade words, and as the gold otherwise', async () => {
    const grade = await readAll(genericReader(imp('label-grade.csv')));
    expect(grade.items.map((i) => [i.grade, i.gold])).toEqual([['correct', null], ['incorrect', null]]);
    const gold = await readAll(genericReader(imp('label-gold.csv')));
    expect(gold.items.map((i) => [i.grade, i.gold])).toEqual([[null, 'B'], [null, 'C']]);
  });
});

describe('errors in line order', () => {
  // A record's failure (here a duplicate id) on an earlier line is the file's first, even when a
  // later line of the same stretch read at once is not even JSON, or has the wrong number of fields.
  it.each([
    ['order.jsonl', ['{"id": "a", "answer": "x"}', '{"id": "b", "answer": "y"}', '{"id": "a", "answer": "z"}', '{"id": "c", "answer": '].join('\n')],
    ['order.csv', ['id,answer', 'a,x', 'b,y', 'a,z', 'c,w,extra'].join('\n')],
  ])('%s: the duplicate before the malformed line', async (name, text) => {
    const dir = mkdtempSync(join(tmpdir(), 'candor-order-'));
    try {
      const path = join(dir, name);
      writeFileSync(path, `${text}\n`);
      const error = await importError(genericReader(path));
      expect(error.code).toBe('duplicate-key');
      expect(error.line).toBe(name.endsWith('.csv') ? 4 : 3);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe('generic JSONL and JSON', () => {
  it('reads JSONL with typed values, skips blank lines and keeps the rest in extra', async () => {
    const { items, summary } = await readAll(genericReader(imp('aliases.jsonl')));
    expect(items.map((i) => [i.key, i.prompt, i.answer, i.gold, i.grade, i.confidence, i.task, i.line])).toEqual([
      ['101', 'Integrate x', 'x^2/2', 'x^2/2 + C', 'correct', 0.8, 'calc', 1],
      ['102', 'Differentiate x^2', '2x', '2x', 'correct', 0.95, 'calc', 2],
      ['103', 'Limit of 1/x at inf', 'idk', '0', 'abstained', null, 'calc', 4],
    ]);
    expect(items.map((i) => i.extra)).toEqual([{ meta: { difficulty: 3 } }, { meta: null }, { meta: [1, 2] }]);
    expect(summary.format).toBe('jsonl');
  });

  it('reads a pretty-printed JSON array with each record at the line it starts on', async () => {
    const { items, summary } = await readAll(genericReader(imp('aliases.json')));
    expect(items.map((i) => [i.key, i.prompt, i.answer, i.gold, i.grade, i.confidence, i.task, i.line])).toEqual([
      ['s-1', 'Name a prime', '7', '7', 'correct', 0.5, 'primes', 2],
      ['s-2', 'Name an even prime', '4', '2', 'incorrect', 0.25, 'primes', 11],
    ]);
    expect(summary.format).toBe('json');
  });

  it('detects percent from a trailing % sign', async () => {
    const { items, summary } = await readAll(genericReader(imp('percent-sign.jsonl')));
    expect(items.map((i) => i.confidence)).toEqual([80, 0.5]);
    expect(summary.confidenceScale).toBe('percent');
  });
});

describe('generic reader errors name file:line:field', () => {
  const cases: [string, string][] = [
    ['truncated.jsonl', 'truncated.jsonl:2: is not valid JSON ('],
    ['not-object.jsonl', 'not-object.jsonl:2: the line is an array (expected a JSON object'],
    ['bad-grade.csv', 'bad-grade.csv:3:grade: "maybe" is not a grade (expected true/false'],
    ['nan-confidence.csv', 'nan-confidence.csv:3:confidence: NaN is not a confidence (expected a number between 0 and 1'],
    ['confidence-150.csv', 'confidence-150.csv:3:confidence: 150 is above 100'],
    ['negative-confidence.csv', 'negative-confidence.csv:2:confidence: -0.1 is negative'],
    ['word-confidence.csv', 'word-confidence.csv:2:confidence: "high" is not a number'],
    ['infinity-confidence.jsonl', 'infinity-confidence.jsonl:1:confidence: Infinity is not a confidence'],
    ['invalid-utf8.csv', 'invalid-utf8.csv:3: is not valid UTF-8 text'],
    ['duplicate-id.csv', 'duplicate-id.csv:5:id: duplicate id "x", first used on line 2'],
    ['empty.csv', 'empty.csv: has no records'],
    ['no-answer.csv', 'no-answer.csv: no answer column: found columns "id", "question", "reply"; expected one named answer, response, output, completion, prediction, model_answer'],
    ['unclosed-quote.csv', 'unclosed-quote.csv:2: a quoted field starting on this record is never closed'],
    ['field-count.csv', 'field-count.csv:3: has 2 fields but the header has 3'],
    ['truncated.json', 'truncated.json:4: the JSON document is cut short'],
  ];

  it.each(cases)('%s', async (name, message) => {
    const error = await importError(genericReader(imp('bad', name)));
    expect(error.message.slice(0, message.length)).toBe(message);
  });

  describe('with generated files', () => {
    let dir: string;
    beforeAll(() => (dir = mkdtempSync(join(tmpdir(), 'candor-generic-'))));
    afterAll(() => rmSync(dir, { recursive: true, force: true }));

    it('stops at a line over the cap with a clear error instead of buffering it', async () => {
      const path = join(dir, 'huge.jsonl');
      writeFileSync(path, `{"id": 1, "answer": "a"}\n{"id": 2, "answer": "${'x'.repeat(3 * 1024 * 1024)}"}\n`);
      const error = await importError(genericReader(path, { maxLineBytes: 1024 * 1024 }));
      expect(error.message).toMatch(/^huge\.jsonl:2: line is longer than 1 MiB/);
      expect(error.code).toBe('line-too-long');
    });

    it('stops a CSV record over the cap', async () => {
      const path = join(dir, 'huge.csv');
      writeFileSync(path, `id,answer\n1,"${'y\n'.repeat(200_000)}"\n`);
      const error = await importError(genericReader(path, { maxLineBytes: 100_000 }));
      expect(error.message).toMatch(/^huge\.csv:2: the record starting here is longer than 100000 characters/);
    });

    it('cancels with an ImportError whose code is cancelled, and reports progress', async () => {
      const path = join(dir, 'many.jsonl');
      const line = (n: number) => `{"id": ${n}, "answer": "${'z'.repeat(200)}"}\n`;
      writeFileSync(path, Array.from({ length: 20_000 }, (_, n) => line(n)).join(''));
      const controller = new AbortController();
      const progress: number[] = [];
      const reader = genericReader(path, { signal: controller.signal, onProgress: (b) => progress.push(b) });
      let read = 0;
      const error = await importError({
        summary: reader.summary,
        async *items() {
          for await (const item of reader.items()) {
            if (++read === 10) controller.abort();
            yield item;
          }
        },
      });
      expect(error.code).toBe('cancelled');
      expect(read).toBeLessThan(20_000);
      expect(progress.length).toBeGreaterThan(0);
    });

    it('reports every byte read by the end', async () => {
      const path = join(dir, 'small.csv');
      writeFileSync(path, 'id,answer\n1,a\n');
      const progress: number[] = [];
      await readAll(genericReader(path, { onProgress: (b) => progress.push(b) }));
      expect(progress.at(-1)).toBe(14);
    });
  });
});
