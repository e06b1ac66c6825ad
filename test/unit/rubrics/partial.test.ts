// Partial answers under a rubric (shared/rubrics/partial.ts): the spec
// syntax, the scores from counts, and the leaderboard's bootstrap, whose
// partial counts come from shadow runs drawn in the same resamples: its
// intervals agree with a bootstrap of the runs with the partial items
// rewritten as the rubric scores them.
import { describe, expect, it } from 'vitest';
import {
  applyPartial,
  buildLeaderboard,
  formatRubric,
  parseRubric,
  rubricLabel,
  rubricValueKey,
  RubricSpecError,
  scoreFromCounts,
  uniqueRubrics,
  type Rubric,
  type RunInput,
} from '../../../shared/rubrics/index.ts';
import { runOf } from './helpers.ts';

/** A run from outcome letters where 'p' is a partial grade (stored as incorrect, flagged). */
function runWithPartials(runId: string, letters: string, keys?: string[]): RunInput {
  const run = runOf(runId, letters.replaceAll('p', 'i'), keys ? { keys } : {});
  return { ...run, columns: { ...run.columns, partial: Uint8Array.from([...letters], (l) => (l === 'p' ? 1 : 0)) } };
}

/** The same run with its partial items written as another outcome letter. */
function rewritten(run: RunInput, letters: string, as: 'c' | 'i' | 'a'): RunInput {
  const plain = runOf(`${String(run.runId)}`, letters.replaceAll('p', as), { keys: run.keys });
  return { ...plain, name: run.name };
}

describe('partial scoring in a rubric', () => {
  it('reads and writes the +partial= clause, keeps it in the value key and says it in the label', () => {
    expect(parseRubric('t=0.75+partial=abstained')).toEqual({ kind: 'target', t: 0.75, partial: 'abstained' });
    expect(parseRubric('binary + partial = credit:0.5')).toEqual({ kind: 'binary', partial: { credit: 0.5 } });
    expect(parseRubric('custom:1,-2,0@0.75+partial=incorrect')).toEqual({ kind: 'custom', correct: 1, wrong: -2, abstained: 0, statedT: 0.75, partial: 'incorrect' });
    expect(parseRubric('simpleqa-f+partial=abstained')).toEqual({ kind: 'simpleqa', metric: 'f-score', partial: 'abstained' });
    for (const spec of ['t=0.75+partial=abstained', 'binary+partial=credit:0.25', 'open:0.5+partial=incorrect', 'simpleqa-cga+partial=credit:1']) {
      expect(formatRubric(parseRubric(spec))).toBe(spec);
    }
    expect(() => parseRubric('binary+partial=credit:1.5')).toThrow(RubricSpecError);
    expect(() => parseRubric('binary+partial=maybe')).toThrow(/expected partial=incorrect, partial=abstained or partial=credit/);
    // Unstated and "as incorrect" are one rubric; the other choices are rubrics of their own.
    expect(rubricValueKey(parseRubric('t=0.5+partial=incorrect'))).toBe(rubricValueKey(parseRubric('t=0.5')));
    expect(uniqueRubrics(['t=0.5', 't=0.5+partial=incorrect', 't=0.5+partial=abstained', 'penalty=1+partial=credit:0.5'].map(parseRubric))).toHaveLength(3);
    expect(rubricLabel(parseRubric('t=0.75+partial=abstained'))).toBe('t = 0.75 (penalty 3), partial as abstained');
    expect(rubricLabel(parseRubric('binary+partial=credit:0.5'))).toBe('Binary accuracy, partial credit 0.5');
  });

  it('scores partial answers as incorrect, as abstained, or with credit between wrong and correct', () => {
    // 4 correct, 4 incorrect of which 2 partial, 2 abstained: 10 graded.
    const counts = { correct: 4, incorrect: 4, abstained: 2, partial: 2 };
    const t = (spec: string) => scoreFromCounts(parseRubric(spec), counts)!;
    expect(t('binary')).toBeCloseTo(0.4, 12);
    expect(t('binary+partial=abstained')).toBeCloseTo(0.4, 12);
    expect(t('binary+partial=credit:0.5')).toBeCloseTo(0.5, 12);
    // Target t = 0.75: +1 / -3 / 0. As incorrect: (4 - 12) / 10; as abstained: (4 - 6) / 10; credit 0.5: each partial -3 + 0.5 * 4 = -1.
    expect(t('t=0.75')).toBeCloseTo(-0.8, 12);
    expect(t('t=0.75+partial=abstained')).toBeCloseTo(-0.2, 12);
    expect(t('t=0.75+partial=credit:0.5')).toBeCloseTo((4 - 6 - 2) / 10, 12);
    // The open rubric pays t for an abstention, so a partial answer as abstained earns it.
    expect(t('open:0.5+partial=abstained')).toBeCloseTo((4 + 0.5 * 4) / 10, 12);
    // SimpleQA's ratios move with the counts: as abstained, fewer attempts.
    expect(t('simpleqa-cga+partial=abstained')).toBeCloseTo(4 / 6, 12);
    expect(applyPartial({ correct: 1, incorrect: 1, abstained: 0 }, 'abstained')).toEqual({ correct: 1, incorrect: 1, abstained: 0 });
  });

  it('ranks and bootstraps partial answers as the rubric says, as a run rewritten that way would be', () => {
    const lettersA = 'ccccccpppiiiaacccpppiicaaccccpiiiccpa'.repeat(4);
    const lettersB = 'cccpiiiiaaccccccppiiiaccccpcciiiaacpp'.repeat(4);
    const keys = [...lettersA].map((_, i) => `q${i}`);
    const a = runWithPartials('a', lettersA, keys);
    const b = runWithPartials('b', lettersB, keys);
    const settings = { resamples: 2000, seed: 7 };
    const specs = ['t=0.75', 't=0.75+partial=abstained', 'binary+partial=credit:0.5'];
    const board = buildLeaderboard([a, b], { ...settings, rubrics: specs.map(parseRubric) });

    const as = (letter: 'c' | 'i' | 'a', rubric: Rubric) =>
      buildLeaderboard([rewritten(a, lettersA, letter), rewritten(b, lettersB, letter)], { ...settings, rubrics: [rubric] });
    const plainT = as('i', parseRubric('t=0.75'));
    const abstainedT = as('a', parseRubric('t=0.75'));
    // Partial as incorrect is the run as stored; as abstained, the run with them abstained.
    for (const [k, reference] of [
      [0, plainT],
      [1, abstainedT],
    ] as const) {
      for (let i = 0; i < 2; i++) {
        const cell = board.rows[i]!.cells[k]!;
        const want = reference.rows[i]!.cells[0]!;
        expect(cell.score).toBeCloseTo(want.score!, 12);
        // The same resampling of the same keys: endpoints agree up to the bootstrap's own noise (a few % of the width).
        const width = want.hi! - want.lo!;
        expect(Math.abs(cell.lo! - want.lo!)).toBeLessThan(0.08 * width);
        expect(Math.abs(cell.hi! - want.hi!)).toBeLessThan(0.08 * width);
      }
      const diff = board.pairs[0]!.byRubric[k]!;
      const wantDiff = reference.pairs[0]!.byRubric[0]!;
      expect(diff.diff).toBeCloseTo(wantDiff.diff!, 12);
      const diffWidth = wantDiff.hi! - wantDiff.lo!;
      expect(Math.abs(diff.lo! - wantDiff.lo!)).toBeLessThan(0.08 * diffWidth);
      expect(Math.abs(diff.hi! - wantDiff.hi!)).toBeLessThan(0.08 * diffWidth);
    }
    // Credit 0.5 under binary points: halfway between the partial items counted correct and counted incorrect.
    const asCorrect = as('c', { kind: 'binary' });
    const asWrong = as('i', { kind: 'binary' });
    for (let i = 0; i < 2; i++) {
      const cell = board.rows[i]!.cells[2]!;
      expect(cell.score).toBeCloseTo((asCorrect.rows[i]!.cells[0]!.score! + asWrong.rows[i]!.cells[0]!.score!) / 2, 12);
      expect(cell.lo!).toBeLessThanOrEqual(cell.score!);
      expect(cell.hi!).toBeGreaterThanOrEqual(cell.score!);
    }
    // Each row says how many of its incorrect items are partial.
    expect(board.rows[0]!.counts).toMatchObject({ partial: [...lettersA].filter((l) => l === 'p').length });
    expect(board.rows.map((row) => row.graded)).toEqual([lettersA.length, lettersB.length]);
    expect(board.rubrics.map((column) => column.label)).toEqual(['t = 0.75 (penalty 3)', 't = 0.75 (penalty 3), partial as abstained', 'Binary accuracy, partial credit 0.5']);
  });

  it('draws no second bootstrap when no run has a partial answer or no rubric scores them apart', () => {
    const a = runOf('a', 'cciiaccia');
    const b = runOf('b', 'ciiiaccca');
    const plain = buildLeaderboard([a, b], { resamples: 200, rubrics: [parseRubric('t=0.5')] });
    const stated = buildLeaderboard([a, b], { resamples: 200, rubrics: [parseRubric('t=0.5+partial=abstained')] });
    expect(stated.rows.map((row) => row.cells[0])).toEqual(plain.rows.map((row) => row.cells[0]));
    expect(stated.bootstrap.unionSize).toBe(9);
  });
});
