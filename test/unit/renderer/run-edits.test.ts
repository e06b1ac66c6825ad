// Undo of run edits (lib/run-edits.ts) and the sidebar filter's syntax (lib/run-list.ts).
import { describe, expect, it } from 'vitest';
import type { RunSummary } from '../../../shared/domain.ts';
import { describeEdit, fieldsOf, MAX_RUN_EDITS, pushEdit, undoRequest, type RunEdit } from '../../../renderer/src/lib/run-edits.ts';
import { parseRunFilter, tagFilter } from '../../../renderer/src/lib/run-list.ts';

const run = (patch: Partial<RunSummary> = {}): RunSummary => ({
  id: 7, name: 'a.csv', model: 'm', task: null, format: 'csv', sourcePath: '/a.csv', sourceSha256: 'x', sourceSize: 1,
  importedAt: '2026-01-01T00:00:00Z', metadata: {}, tags: ['x'], itemCount: 1, labeledCount: 0, confidenceCount: 1,
  counts: { correct: 1, incorrect: 0, abstained: 0, unlabeled: 0 }, abstentionKinds: { 'dont-know': 0, refusal: 0, hedge: 0, clarification: 0, other: 0, unspecified: 0 }, partialCount: 0,
  ...patch,
});

describe('run edits', () => {
  const rename: RunEdit = { runId: 7, before: fieldsOf(run()), after: fieldsOf(run({ name: 'b.csv' })) };

  it('describes what changed', () => {
    expect(describeEdit(rename)).toBe('renamed “a.csv” to “b.csv”');
    const retag: RunEdit = { runId: 7, before: fieldsOf(run()), after: fieldsOf(run({ tags: ['y'], model: null })) };
    expect(describeEdit(retag)).toBe('“a.csv”: model “m” → unknown; tags + y, − x');
  });

  it('undoes only the fields the edit changed, back to what they were', () => {
    expect(undoRequest(rename, run({ name: 'b.csv', tags: ['x'] }))).toEqual({ request: { runId: 7, name: 'a.csv' } });
    const retag: RunEdit = { runId: 7, before: fieldsOf(run()), after: fieldsOf(run({ tags: [] })) };
    expect(undoRequest(retag, run({ tags: [] }))).toEqual({ request: { runId: 7, tags: ['x'] } });
  });

  it('leaves a field that changed again since, and a deleted run, and says so', () => {
    expect(undoRequest(rename, run({ name: 'c.csv' }))).toEqual({ refused: 'The run’s name changed again since; nothing was undone.' });
    expect(undoRequest(rename, undefined)).toEqual({ refused: 'The run was deleted since.' });
  });

  it('keeps the newest edits, and no edit that changed nothing', () => {
    expect(pushEdit([], { runId: 7, before: fieldsOf(run()), after: fieldsOf(run()) })).toEqual([]);
    let stack: RunEdit[] = [];
    for (let i = 0; i < MAX_RUN_EDITS + 5; i++) stack = pushEdit(stack, { runId: 7, before: fieldsOf(run({ name: `${i}` })), after: fieldsOf(run({ name: `${i + 1}` })) });
    expect(stack).toHaveLength(MAX_RUN_EDITS);
    expect(stack.at(-1)!.after.name).toBe(String(MAX_RUN_EDITS + 5));
  });
});

describe('the sidebar filter', () => {
  it('reads words and tag:NAME tokens, quoted tags included', () => {
    expect(parseRunFilter('GPT tag:Base tag:"two words" trivia')).toEqual({ words: ['gpt', 'trivia'], tags: ['Base', 'two words'] });
    expect(tagFilter('baseline')).toBe('tag:baseline');
    expect(tagFilter('two words')).toBe('tag:"two words"');
    expect(parseRunFilter(tagFilter('two words'))).toEqual({ words: [], tags: ['two words'] });
  });
});
