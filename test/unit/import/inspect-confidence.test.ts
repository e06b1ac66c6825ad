// Issue 13, item 2: a stated confidence outside [0, 1] (or not a number) in an
// Inspect sample's score metadata used to be stored as "no confidence" without
// a word. It is refused with file:sample:field, as the other readers refuse.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { inspectConfidence, inspectReader } from '../../../main/import/inspect.ts';
import { importFile } from '../../../main/import/pipeline.ts';
import { Store } from '../../../main/store/store.ts';
import { pick, rng } from '../../support/fuzz.ts';
import { tempDir } from '../../support/temp.ts';
import { writeEvalLog } from '../../support/zip.ts';
import { importError, readAll } from './helpers.ts';

let tmp: ReturnType<typeof tempDir>;
beforeEach(() => (tmp = tempDir()));
afterEach(() => tmp.cleanup());

const header = { version: 2, status: 'success', eval: { task: 't', model: 'm', scorers: [{ name: 'match' }] } };
const sample = (id: number, confidence: unknown, where: 'score' | 'sample' = 'score') => ({
  id,
  epoch: 1,
  input: `q${id}`,
  target: 'a',
  output: { completion: 'a' },
  scores: { match: { value: 'C', ...(where === 'score' ? { metadata: { confidence } } : {}) } },
  ...(where === 'sample' ? { metadata: { confidence } } : {}),
});

/** A .json log, written the way Python's json module writes NaN and Infinity. */
function jsonLog(name: string, samples: unknown[]): string {
  const text = JSON.stringify({ ...header, samples }, null, 1).replace(/"__(NaN|Infinity|-Infinity)__"/g, '$1');
  return tmp.file(name, text);
}

const BAD: Array<[unknown, string]> = [
  [1.5, '1.5 is above 1 (Inspect metadata states probabilities; is it a percentage?)'],
  [-0.2, '-0.2 is negative'],
  [150, '150 is above 1'],
  ['high', '"high" is not a number'],
  ['__NaN__', 'NaN is not a confidence'],
  ['__Infinity__', 'Infinity is not a confidence'],
  [true, 'true is not a number'],
];

describe('Inspect stated confidences', () => {
  it.each(BAD)('refuses %s in a .json log, naming file, line, sample and field', async (value, reason) => {
    const path = jsonLog('log.json', [sample(1, 0.5), sample(2, value)]);
    const error = await importError(inspectReader(path));
    expect(error.code).toBe('invalid-confidence');
    expect(error.field).toBe('samples[1]:scores.match.metadata.confidence');
    expect(error.message).toContain(`log.json:${error.line}:samples[1]:scores.match.metadata.confidence: ${reason}`);
    expect(error.line).toBeGreaterThan(1);
  });

  it.each(BAD)('refuses %s in a .eval log, naming the sample entry and field', async (value, reason) => {
    const path = `${tmp.dir}/log.eval`;
    await writeEvalLog(path, [{ id: 1, body: sample(1, 0.25) }, { id: 2, body: sample(2, value === '__NaN__' ? 'NaN' : value === '__Infinity__' ? 'Infinity' : value) }], header);
    const error = await importError(inspectReader(path));
    expect(error.message.startsWith(`log.eval:samples/2_epoch_1.json:scores.match.metadata.confidence: `)).toBe(true);
    if (typeof value !== 'string' || !value.startsWith('__')) expect(error.message).toContain(reason);
  });

  it('refuses a bad confidence in the sample metadata too, and keeps the store as it was', async () => {
    const path = jsonLog('meta.json', [sample(1, 2, 'sample')]);
    const store = Store.open(':memory:');
    try {
      await expect(importFile(store, path, 'meta.json')).rejects.toThrow(/^meta\.json:\d+:samples\[0\]:metadata\.confidence: 2 is above 1/);
      expect(store.runs.list()).toEqual([]);
    } finally {
      store.close();
    }
  });

  it('reads a probability (as a number or a decimal string) and no confidence as none', async () => {
    const path = jsonLog('ok.json', [sample(1, 0), sample(2, 1), sample(3, '0.75'), sample(4, null), { ...sample(5, 0.4), scores: { match: { value: 'I' } } }]);
    const { items } = await readAll(inspectReader(path));
    expect(items.map((i) => i.confidence)).toEqual([0, 1, 0.75, null, null]);
  });

  // Fuzzed metadata values: every one is either a probability read as itself, nothing, or a refusal.
  it('fuzzed metadata values never turn into "no confidence" silently', () => {
    const random = rng(13);
    const values: unknown[] = [0, 1, 0.5, -0, 1e-300, 1 + 1e-15, -1e-9, 100, 99.9, NaN, Infinity, -Infinity, '', ' 0.3 ', '0x1', '1e-1', '.5', '5.', 'NaN', [], {}, false, null, undefined];
    for (let i = 0; i < 200; i++) values.push(pick(random, [() => random() * 3 - 1, () => String(random() * 2), () => Math.round(random() * 200)])());
    for (const value of values) {
      const got = inspectConfidence(value);
      if (value === null || value === undefined) expect(got).toBeNull();
      else if (typeof got === 'number') {
        expect(got >= 0 && got <= 1, String(value)).toBe(true);
        expect(got).toBe(Number(value));
      } else expect(typeof got, String(value)).toBe('string');
    }
  });
});
