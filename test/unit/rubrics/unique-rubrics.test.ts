// Issue 13, item 6: one rubric, one column. Rubric lists fuzzed from spellings
// of the same values (t=0.75, penalty=3, custom:1,-3,0; binary, t=0, open:0)
// used to give columns sharing an id and every flip once per copy.
import { describe, expect, it } from 'vitest';
import { buildLeaderboard, formatRubric, parseRubric, rubricValueKey, uniqueRubrics } from '../../../shared/rubrics/index.ts';
import { int, pick, rng } from '../../support/fuzz.ts';
import { runWithCounts } from './helpers.ts';

const SPELLINGS = ['t=0.75', 'penalty=3', 'custom:1,-3,0', 'T: 0.75', 'binary', 't=0', 'open:0', 'custom:1,0,0', 'penalty=0', 't=0.5', 'penalty=1', 'custom:1,-1,0', 'open:0.5', 'simpleqa-f', 'simpleqa-f-score', 'custom:1,-3,0@0.5', 't=0.9', 'penalty=9'];

describe('rubrics equal by value', () => {
  it('are one', () => {
    const key = (spec: string) => rubricValueKey(parseRubric(spec));
    expect(key('t=0.75')).toBe(key('penalty=3'));
    expect(key('t=0.75')).toBe(key('custom:1,-3,0'));
    expect(key('binary')).toBe(key('t=0'));
    expect(key('binary')).toBe(key('open:0'));
    expect(key('t=0.5')).not.toBe(key('open:0.5'));
    // a stated t is a claim the column's warnings check: it stays its own rubric
    expect(key('custom:1,-3,0@0.5')).not.toBe(key('custom:1,-3,0'));
    expect(uniqueRubrics(['penalty=3', 't=0.75', 'binary'].map(parseRubric)).map(formatRubric)).toEqual(['t=0.75', 'binary']);
  });

  it.each(Array.from({ length: 30 }, (_, i) => i + 1))('fuzzed rubric list, seed %i: unique column ids, each flip once', (seed) => {
    const random = rng(seed);
    const specs = Array.from({ length: int(random, 1, 10) }, () => pick(random, SPELLINGS));
    // Two runs whose order flips under penalties: the bluffer wins binary accuracy.
    const runs = [runWithCounts('bluffer', 24, 75, 1), runWithCounts('cautious', 22, 26, 52)];
    const board = buildLeaderboard(runs, { rubrics: specs.map(parseRubric), resamples: 20 });
    const ids = board.rubrics.map((column) => column.id);
    expect(new Set(ids).size, specs.join(' ')).toBe(ids.length);
    expect(new Set(board.rubrics.map((column) => rubricValueKey(column.rubric))).size).toBe(ids.length);
    const flips = board.reversals.map((r) => `${r.rubricId} ${r.ahead} ${r.behind}`);
    expect(new Set(flips).size).toBe(flips.length);
    for (const row of board.rows) expect(row.cells).toHaveLength(ids.length);
  });
});
