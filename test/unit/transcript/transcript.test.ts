// Transcripts from real Inspect logs: what the reader keeps (bounded) and the
// thread the item panel derives from it.
import { inspectReader } from '../../../main/import/inspect.ts';
import { keepInspectMessages, MESSAGE_CHARS, PART_CHARS } from '../../../shared/transcript/keep.ts';
import { blindExtra, threadSummary, transcriptOf } from '../../../shared/transcript/thread.ts';
import { fixture, readAll } from '../import/helpers.ts';

const ins = (name: string) => fixture('formats', 'inspect', name);

describe('Inspect conversations kept by the reader', () => {
  it('keeps a tool-using agent run as a thread: calls with their arguments, results with their tool', async () => {
    const { items } = await readAll(inspectReader(ins('browser-tools.json')));
    const thread = transcriptOf(items[0]!.extra)!;
    expect(thread.messages.map((m) => m.role)).toEqual(['user', 'assistant', 'tool', 'assistant', 'tool', 'assistant', 'tool', 'assistant', 'tool', 'assistant']);
    expect(thread.messages[1]!.toolCalls).toEqual([
      { id: 'call_35FTpd6shR9efioDgeEBZ33s', name: 'web_browser_go', arguments: '{\n  "url": "https://www.aisi.gov.uk/"\n}' },
    ]);
    expect(thread.messages[1]!.parts).toEqual([]); // the model said nothing besides the call
    expect(thread.messages[1]!.model).toBe('gpt-4o-mini-2024-07-18');
    const result = thread.messages[2]!;
    expect(result).toMatchObject({ toolCallId: 'call_35FTpd6shR9efioDgeEBZ33s', toolName: 'web_browser_go' });
    expect(result.parts[0]).toMatchObject({ type: 'text' });
    expect(result.parts[0]!.type === 'text' && result.parts[0]!.text).toContain('[182] heading "The AI Security Institute is a directorate');
    expect(thread.messages[3]!.toolCalls![0]!.arguments).toBe('{\n  "element_id": 151\n}');
    expect(thread.messages.at(-1)!.parts[0]).toMatchObject({ type: 'text' });
    expect(items[0]!.answer.startsWith('The AI Security Institute (AISI) is the premier')).toBe(true);
    // The scorer's verdict and explanation come with the thread.
    expect(thread.scores).toHaveLength(1);
    expect(thread.scores[0]).toMatchObject({ scorer: 'includes', value: 'C' });
    expect(thread.scores[0]!.explanation).toContain('three primary areas');
    expect(threadSummary(thread)).toEqual({ messages: 10, toolCalls: 4, toolErrors: 0 });
  });

  it('keeps failed tool results with the error Inspect recorded', async () => {
    const { items } = await readAll(inspectReader(ins('log_tool_call_error.json')));
    const thread = transcriptOf(items[0]!.extra)!;
    expect(thread.messages).toHaveLength(11);
    expect(thread.messages.map((m) => m.error)).toEqual([
      'parsing: ...', 'timeout: ...', 'parsing: ...', 'unicode_decode: ...', 'permission: ...', 'file_not_found: ...',
      'is_a_directory: ...', 'limit: ...', 'approval: ...', 'unknown: ...', 'output_limit: The tool output limit of 10 MiB was exceeded.',
    ]);
    expect(thread.messages[10]).toMatchObject({ role: 'tool', toolName: 'bash', toolCallId: 'bash_11' });
    expect(threadSummary(thread).toolErrors).toBe(11);
    expect(thread.scores).toEqual([]); // this sample was never scored
  });

  it('keeps a plain chat (system, user, assistant) with each scorer explanation', async () => {
    const { items } = await readAll(inspectReader(ins('2025-05-12T20-28-13-04-00_popularity.json')));
    const thread = transcriptOf(items[2]!.extra)!;
    expect(thread.messages.map((m) => m.role)).toEqual(['system', 'user', 'assistant']);
    expect(thread.messages[0]!.parts[0]).toMatchObject({ type: 'text', text: expect.stringContaining('only respond with exactly "Yes" or "No"') });
    expect(thread.messages[2]!.parts).toEqual([{ type: 'text', text: 'No' }]);
    expect(thread.scores).toEqual([{ scorer: 'match', value: 'I', answer: 'No', explanation: 'No' }]);
  });

  it('reads the same thread from a .eval archive', async () => {
    const evalLog = await readAll(inspectReader(ins('log_formats.eval')));
    const jsonLog = await readAll(inspectReader(ins('log_formats.json')));
    expect(transcriptOf(evalLog.items[0]!.extra)).toEqual(transcriptOf(jsonLog.items[0]!.extra));
    expect(transcriptOf(evalLog.items[0]!.extra)!.messages.map((m) => m.role)).toEqual(['system', 'user', 'assistant']);
  });
});

describe('keepInspectMessages', () => {
  it('resolves attachments, names media instead of keeping it, and keeps reasoning apart from the answer', () => {
    const kept = keepInspectMessages(
      [
        { role: 'user', content: [{ type: 'text', text: 'attachment://abc' }, { type: 'image', image: 'data:image/png;base64,AAAA' }] },
        { role: 'assistant', content: [{ type: 'reasoning', reasoning: 'think' }, { type: 'reasoning', reasoning: 'secret', redacted: true }, { type: 'text', text: 'Paris' }] },
      ],
      { attachments: { abc: 'What is the capital of France?' } },
    )!;
    expect(kept.messages[0]!.parts).toEqual([{ type: 'text', text: 'What is the capital of France?' }, { type: 'media', kind: 'image' }]);
    expect(kept.messages[1]!.parts).toEqual([
      { type: 'reasoning', text: 'think' },
      { type: 'reasoning', text: '', redacted: true },
      { type: 'text', text: 'Paris' },
    ]);
    expect(JSON.stringify(kept)).not.toContain('base64');
  });

  it('bounds each text, each message and the whole conversation, keeping the head and the last message', () => {
    const long = 'x'.repeat(PART_CHARS + 123);
    expect(keepInspectMessages([{ role: 'tool', content: long }])!.messages[0]!.parts[0]).toEqual({
      type: 'text',
      text: 'x'.repeat(PART_CHARS),
      omittedChars: 123,
    });
    // Many parts in one message share its allowance.
    const parts = Array.from({ length: 10 }, () => ({ type: 'text', text: 'y'.repeat(PART_CHARS) }));
    const one = keepInspectMessages([{ role: 'user', content: parts }])!.messages[0]!;
    const keptChars = one.parts.reduce((sum, part) => sum + (part.type === 'media' ? 0 : part.text.length), 0);
    expect(keptChars).toBe(MESSAGE_CHARS);
    // A long agent run: the head fits the budget, the middle is counted, the last message stays.
    const run = Array.from({ length: 400 }, (_, i) => ({ role: i % 2 ? 'tool' : 'assistant', content: `step ${i} ${'z'.repeat(1000)}` }));
    const kept = keepInspectMessages(run, { sampleChars: 50_000 })!;
    expect(kept.omittedMessages).toBeGreaterThan(300);
    expect(kept.messages.length + kept.omittedMessages!).toBe(400);
    expect(kept.omittedAt).toBe(kept.messages.length - 1);
    expect(kept.messages.at(-1)!.parts[0]).toMatchObject({ text: expect.stringMatching(/^step 399 /) });
    expect(JSON.stringify(kept).length).toBeLessThan(60_000);
  });

  it('never splits a surrogate pair at the cut', () => {
    const text = 'a'.repeat(9) + '😀' + 'b';
    const part = keepInspectMessages([{ role: 'user', content: text }], { partChars: 10 })!.messages[0]!.parts[0]!;
    expect(part).toEqual({ type: 'text', text: 'a'.repeat(9), omittedChars: 3 });
  });

  it('returns null without messages, and skips what is not a message', () => {
    expect(keepInspectMessages(undefined)).toBeNull();
    expect(keepInspectMessages([])).toBeNull();
    expect(keepInspectMessages(['x', 3, null])).toBeNull();
    expect(keepInspectMessages([7, { role: 'user', content: 'hi' }])!.messages).toEqual([{ role: 'user', parts: [{ type: 'text', text: 'hi' }] }]);
  });
});

describe('transcriptOf and blindExtra', () => {
  it('ignores whatever is not in the stored shape', () => {
    expect(transcriptOf({})).toBeNull();
    expect(transcriptOf({ transcript: 'no' })).toBeNull();
    expect(transcriptOf({ transcript: { messages: [{ role: 5 }, { role: 'user', parts: [{ type: 'html', html: '<b>x</b>' }, { type: 'text', text: '<b>x</b>' }] }] } })).toEqual({
      messages: [{ role: 'user', parts: [{ type: 'text', text: '<b>x</b>' }] }],
      scores: [],
    });
    // Scores without any explanation and no conversation: nothing to thread.
    expect(transcriptOf({ scores: { match: { value: 'C' } } })).toBeNull();
    expect(transcriptOf({ scores: { match: { value: 0.5, explanation: 'half' } } })).toEqual({
      messages: [],
      scores: [{ scorer: 'match', value: '0.5', explanation: 'half' }],
    });
  });

  it('shows a blind annotator the conversation without the model name or any scorer', async () => {
    const { items } = await readAll(inspectReader(ins('browser-tools.json')));
    const blind = blindExtra(items[0]!.extra);
    expect(Object.keys(blind)).toEqual(['transcript']);
    const thread = transcriptOf(blind)!;
    expect(thread.messages).toHaveLength(10);
    expect(thread.messages.some((m) => m.model !== undefined)).toBe(false);
    expect(thread.scores).toEqual([]);
    expect(blindExtra({ scores: { match: { value: 'C' } }, metadata: { a: 1 } })).toEqual({});
  });
});
