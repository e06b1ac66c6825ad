// Issue 13, item 8: .eval entries were inflated whole, up to 512 MiB, and a
// 480 MB answer was stored as is (a 15 KB file cost 3.76 GB). Entries now
// stream through the bounded JSON reader: a text past the cap is kept cut and
// noted, unused fields are skipped, and neither the zip header nor a zstd
// frame header decides how much memory is taken.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { inspectReader } from '../../../main/import/inspect.ts';
import { importFile } from '../../../main/import/pipeline.ts';
import { Store } from '../../../main/store/store.ts';
import { hostileLabel, int, pick, rng } from '../../support/fuzz.ts';
import { sqlOf } from '../../support/sql.ts';
import { tempDir } from '../../support/temp.ts';
import { writeEvalLog, type ZipEntryInput } from '../../support/zip.ts';
import { importError, readAll } from './helpers.ts';

let tmp: ReturnType<typeof tempDir>;
beforeEach(() => (tmp = tempDir()));
afterEach(() => tmp.cleanup());

const MiB = 1024 * 1024;

/** A sample entry whose answer is `bytes` of one repeated character, written in chunks (never whole in memory). */
function* bombSample(id: number, bytes: number, field: 'completion' | 'events' = 'completion'): Generator<Buffer> {
  const head = { id, epoch: 1, input: `question ${id}`, target: 'x', scores: { match: { value: 'C', metadata: { confidence: 0.5 } } } };
  yield Buffer.from(`${JSON.stringify(head).slice(0, -1)},"output":{"completion":"`);
  const block = Buffer.alloc(MiB, field === 'completion' ? 'x' : 'y');
  if (field === 'completion') {
    for (let left = bytes; left > 0; left -= MiB) yield left >= MiB ? block : block.subarray(0, left);
    yield Buffer.from('"}}');
    return;
  }
  yield Buffer.from('the answer"},"events":[');
  const event = Buffer.from(`${JSON.stringify({ event: 'model', output: { text: 'y'.repeat(4000), nested: [[{ a: '"]}{[' }]] } })},`);
  for (let left = bytes; left > 0; left -= event.length) yield event;
  yield Buffer.from('{}]}');
}

/** Arrays nested `depth` deep. */
function nested(depth: number): unknown {
  let value: unknown = [];
  for (let d = 1; d < depth; d++) value = [value];
  return value;
}

const entry = (id: number, data: Iterable<Buffer>, extra: Partial<ZipEntryInput> = {}): ZipEntryInput => ({ name: `samples/${id}_epoch_1.json`, data, ...extra });

describe('.eval entries stream through the bounded JSON reader', () => {
  it('keeps the first 4 MiB of a 40 MB answer, marked in the text and noted in extra', async () => {
    const path = `${tmp.dir}/bomb.eval`;
    const size = await writeEvalLog(path, [entry(1, bombSample(1, 40 * MiB)), { id: 2, body: { id: 2, epoch: 1, input: 'q2', output: { completion: 'fine' }, scores: {} } }]);
    expect(size).toBeLessThan(200_000);
    const { items } = await readAll(inspectReader(path));
    const [bomb, fine] = items;
    expect(bomb!.answer.startsWith('x'.repeat(1000))).toBe(true);
    expect(bomb!.answer.length).toBeLessThan(4 * MiB + 200);
    expect(bomb!.answer).toMatch(/\[truncated by Candor: this text is 41,943,040 bytes in the file; the first 4,194,304 are kept\]$/);
    expect(bomb!.extra.truncated).toEqual([{ field: 'output.completion', bytes: 40 * MiB, kept: 4 * MiB }]);
    expect(bomb!.confidence).toBe(0.5);
    expect(fine!.answer).toBe('fine');
    expect(fine!.extra.truncated).toBeUndefined();
  });

  it('stores the cut answer and its note through a whole import, in the worker too', async () => {
    const path = `${tmp.dir}/bomb.eval`;
    await writeEvalLog(path, [entry(1, bombSample(1, 9 * MiB))]);
    const store = Store.open(`${tmp.dir}/s.db`);
    try {
      const { runIds } = await importFile(store, path, 'bomb.eval', { workerThresholdBytes: 1, readerOptions: { maxTextBytes: 1000 } });
      const [row] = store.items.list(runIds[0]!, {}, 0, 1).rows;
      expect(row!.answer).toMatch(/^x{1000}\n\n\[truncated by Candor: this text is 9,437,184 bytes/);
      const detail = sqlOf(store).prepare('SELECT extra FROM items WHERE run_id = ?').pluck().get(runIds[0]) as string;
      expect(JSON.parse(detail).truncated).toEqual([{ field: 'output.completion', bytes: 9 * MiB, kept: 1000 }]);
    } finally {
      store.close();
    }
  });

  it('skips the fields it does not read, however large: 60 MB of events cost nothing kept', async () => {
    const path = `${tmp.dir}/events.eval`;
    await writeEvalLog(path, [entry(1, bombSample(1, 60 * MiB, 'events'))]);
    const { items } = await readAll(inspectReader(path, { maxKeptBytes: MiB }));
    expect(items[0]!.answer).toBe('the answer');
    expect(items[0]!.extra.truncated).toBeUndefined();
  });

  it('keeps only the attachments the sample texts refer to', async () => {
    const path = `${tmp.dir}/att.eval`;
    const body = {
      id: 1,
      epoch: 1,
      input: [{ role: 'user', content: 'attachment://aaa' }],
      output: { completion: 'attachment://bbb' },
      scores: {},
      attachments: { aaa: 'the question', bbb: 'the answer', ccc: 'z'.repeat(3 * MiB) },
    };
    await writeEvalLog(path, [{ id: 1, body }]);
    const { items } = await readAll(inspectReader(path, { maxKeptBytes: MiB }));
    expect([items[0]!.prompt, items[0]!.answer]).toEqual(['the question', 'the answer']);
  });

  it('refuses an entry past the expansion cap, counted while it streams, whatever its header claims', async () => {
    const lying = `${tmp.dir}/lying.eval`;
    await writeEvalLog(lying, [entry(1, bombSample(1, 3 * MiB), { claimedSize: 100 })]);
    const error = await importError(inspectReader(lying, { maxEntryBytes: 2 * MiB }));
    expect(error.message).toMatch(/^lying\.eval:samples\/1_epoch_1\.json: zip entry samples\/1_epoch_1\.json (expands to more than 2 MiB|cannot be decompressed \(too many bytes)/);
    const honest = `${tmp.dir}/honest.eval`;
    await writeEvalLog(honest, [entry(1, bombSample(1, 3 * MiB))]);
    expect((await importError(inspectReader(honest, { maxEntryBytes: 2 * MiB }))).code).toBe('entry-too-large');
  });

  it('refuses a zstd frame that asks for a 2 GB window before anything is allocated', async () => {
    // Frame header: magic, descriptor 0 (window descriptor follows), window 2^(10+21) = 2 GiB; one raw block "abc".
    const frame = Buffer.from([0x28, 0xb5, 0x2f, 0xfd, 0x00, 21 << 3, (3 << 3) | 1, 0, 0, 0x61, 0x62, 0x63]);
    const path = `${tmp.dir}/window.eval`;
    await writeEvalLog(path, [entry(1, [frame], { method: 93, claimedSize: 3 })]);
    const before = process.memoryUsage().arrayBuffers;
    const error = await importError(inspectReader(path));
    expect(error.code).toBe('entry-too-large');
    expect(error.message).toMatch(/needs a 2048 MiB window, more than the 64 MiB Candor decompresses with/);
    expect(process.memoryUsage().arrayBuffers - before).toBeLessThan(64 * MiB);
  });

  it('refuses a sample nested deeper than the limit, naming the entry, line and field', async () => {
    const path = `${tmp.dir}/deep.eval`;
    const deep = `{"id": 1, "epoch": 1,\n"metadata": {"x": ${'['.repeat(5000)}${']'.repeat(5000)}}}`;
    await writeEvalLog(path, [entry(1, [Buffer.from(deep)])]);
    const error = await importError(inspectReader(path));
    expect(error.code).toBe('too-deep');
    expect(error.message).toMatch(/^deep\.eval:samples\/1_epoch_1\.json:metadata\.x(\[0\])*: zip entry samples\/1_epoch_1\.json nested deeper than 1000 levels .*\(line 2 of the entry/);
  });

  // Fuzzed .eval logs: random sizes, nesting, escapes, hostile text, attachments and unused fields.
  // What the reader maps must be what the generator put where the reader looks.
  it.each(Array.from({ length: 25 }, (_, i) => i + 1))('fuzzed .eval log, seed %i', async (seed) => {
    const random = rng(seed);
    const samples = Array.from({ length: int(random, 1, 6) }, (_, k) => {
      const answer = random() < 0.5 ? hostileLabel(random) : 'é"\\\n'.repeat(int(random, 0, 2000));
      const viaAttachment = random() < 0.4;
      const confidence = pick(random, [undefined, 0, 0.25, 1, Math.round(random() * 1000) / 1000]);
      return {
        answer,
        confidence,
        body: {
          id: `s${k}`,
          epoch: int(random, 1, 3),
          input: [{ role: 'user', content: hostileLabel(random) }],
          target: 'gold',
          events: Array.from({ length: int(random, 0, 50) }, () => ({ deep: nested(int(random, 1, 200)), text: hostileLabel(random) })),
          messages: [{ role: 'assistant', content: 'ignored'.repeat(int(random, 0, 1000)) }],
          output: { completion: viaAttachment ? 'attachment://h1' : answer, choices: [{ message: { content: 'other' }, logprobs: { x: [1, 2, 3] } }, { message: 'second' }] },
          scores: { match: { value: pick(random, ['C', 'I', 'N']), ...(confidence === undefined ? {} : { metadata: { confidence } }) } },
          attachments: viaAttachment ? { h1: answer, h2: 'unused'.repeat(int(random, 0, 5000)) } : {},
        },
      };
    });
    const path = `${tmp.dir}/fuzz-${seed}.eval`;
    await writeEvalLog(path, samples.map((s, k) => ({ id: `s${k}`, epoch: s.body.epoch, body: s.body })));
    const { items } = await readAll(inspectReader(path, { maxTextBytes: 5000 }));
    expect(items).toHaveLength(samples.length);
    items.forEach((item, k) => {
      const s = samples[k]!;
      const raw = Buffer.byteLength(JSON.stringify(s.answer)) - 2;
      if (raw <= 5000) expect(item.answer).toBe(s.answer);
      else {
        expect(item.answer).toContain('[truncated by Candor');
        expect(s.answer.startsWith(item.answer.slice(0, item.answer.indexOf('\n\n[truncated by Candor')))).toBe(true);
      }
      expect(item.confidence).toBe(s.confidence ?? null);
      expect(item.key).toBe(`s${k}#${s.body.epoch}`);
    });
  });
});

describe('the conversation of a streamed .eval sample', () => {
  it('is kept for the thread, each text cut at 64 KiB and messages past 400 skipped, so a long agent log stays bounded', async () => {
    const path = `${tmp.dir}/agent.eval`;
    const messages = [
      { role: 'user', content: 'find the page' },
      { role: 'assistant', content: '', tool_calls: [{ id: 'c1', function: 'web_go', arguments: { url: 'https://example.org' } }] },
      { role: 'tool', tool_call_id: 'c1', function: 'web_go', content: 'z'.repeat(5 * MiB) },
      ...Array.from({ length: 600 }, (_, i) => ({ role: i % 2 ? 'assistant' : 'user', content: `turn ${i}` })),
    ];
    await writeEvalLog(path, [{ id: 1, body: { id: 1, epoch: 1, input: 'q', output: { completion: 'done' }, scores: {}, messages } }]);
    const { items } = await readAll(inspectReader(path));
    const transcript = items[0]!.extra.transcript as { messages: Array<{ role: string; parts: Array<{ text?: string; omittedChars?: number }>; toolCalls?: Array<{ name: string }> }> };
    expect(transcript.messages[0]!.parts[0]!.text).toBe('find the page');
    expect(transcript.messages[1]!.toolCalls![0]!.name).toBe('web_go');
    const toolText = transcript.messages[2]!.parts[0]!;
    expect(toolText.text!.startsWith('zzzz')).toBe(true);
    expect(toolText.omittedChars).toBeGreaterThan(0);
    // 400 messages reached the thread builder: 3 + 397 turns, the last kept one is turn 396.
    expect(transcript.messages.at(-1)!.parts[0]!.text).toBe('turn 396');
    expect(items[0]!.extra.truncated).toEqual([{ field: 'messages[2].content', bytes: 5 * MiB, kept: 64 * 1024 }]);
  });
});
