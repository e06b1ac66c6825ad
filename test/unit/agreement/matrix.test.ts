// Building the label matrix from records, and the grader as a pseudo-annotator.
import { describe, expect, it } from 'vitest';
import {
  buildLabelMatrix,
  createLabelMatrix,
  GRADER,
  graderAgreement,
  humanConsensus,
  selectAnnotators,
  withAnnotator,
  type AgreementRecord,
} from '../../../shared/agreement/index.ts';
import type { Outcome } from '../../../shared/domain.ts';

describe('buildLabelMatrix', () => {
  const records: AgreementRecord[] = [
    { itemKey: 'q1', annotator: 'ann', outcome: 'correct' },
    { itemKey: 'q1', annotator: 'bo', outcome: 'incorrect' },
    { itemKey: 'q2', annotator: 'bo', outcome: 'abstained' },
    { itemKey: 'q1', annotator: 'ann', outcome: 'incorrect' }, // relabel: the later record wins
    { itemKey: 'q3', annotator: 'ann', outcome: 'correct' },
    { itemKey: 'q3', annotator: 'ann', outcome: null }, // cleared
  ];

  it('keeps first-appearance order, the latest label per cell, and null for cleared or missing', () => {
    const x = buildLabelMatrix(records);
    expect(x.categories).toEqual(['correct', 'incorrect', 'abstained']);
    expect(x.items).toEqual(['q1', 'q2', 'q3']);
    expect(x.annotators).toEqual(['ann', 'bo']);
    expect(x.cells).toEqual([
      ['incorrect', 'incorrect'],
      [null, 'abstained'],
      [null, null],
    ]);
  });

  it('takes a fixed order and keeps listed items without labels as empty rows', () => {
    const x = buildLabelMatrix(records, { items: ['q3', 'q2', 'q1', 'q4'], annotators: ['bo', 'ann', 'cy'] });
    expect(x.cells).toEqual([
      [null, null, null],
      ['abstained', null, null],
      ['incorrect', 'incorrect', null],
      [null, null, null],
    ]);
  });

  it('refuses records outside the given lists, unknown categories and duplicates', () => {
    expect(() => buildLabelMatrix(records, { items: ['q1', 'q2'] })).toThrow(/unlisted item "q3"/);
    expect(() => buildLabelMatrix(records, { annotators: ['ann'] })).toThrow(/unlisted annotator "bo"/);
    expect(() => buildLabelMatrix([{ itemKey: 'q', annotator: 'a', outcome: 'maybe' as Outcome }])).toThrow(/unknown category "maybe"/);
    expect(() => buildLabelMatrix([], { annotators: ['a', 'a'] })).toThrow(/duplicate annotator/);
    expect(() => createLabelMatrix({ categories: ['x'], items: ['i'], annotators: ['a', 'b'], cells: [['x']] })).toThrow(/one cell per annotator/);
  });

  it('works for any category set', () => {
    const x = buildLabelMatrix([{ itemKey: 'u1', annotator: 'A', outcome: '3' }], { categories: ['1', '2', '3'] });
    expect(x.cells).toEqual([['3']]);
  });
});

describe('selectAnnotators and withAnnotator', () => {
  const x = buildLabelMatrix([
    { itemKey: 'q1', annotator: 'ann', outcome: 'correct' },
    { itemKey: 'q1', annotator: 'bo', outcome: 'correct' },
    { itemKey: 'q2', annotator: 'cy', outcome: 'incorrect' },
  ]);

  it('selects columns in the order asked', () => {
    expect(selectAnnotators(x, ['cy', 'ann']).cells).toEqual([
      [null, 'correct'],
      ['incorrect', null],
    ]);
    expect(() => selectAnnotators(x, ['dee'])).toThrow(/unknown annotator/);
  });

  it('appends a column, ignoring grades for items outside the matrix', () => {
    const grades = new Map<string, Outcome | null>([['q2', 'correct'], ['q9', 'incorrect']]);
    const y = withAnnotator(x, GRADER, grades);
    expect(y.annotators).toEqual(['ann', 'bo', 'cy', 'grader']);
    expect(y.cells.map((row) => row[3])).toEqual([null, 'correct']);
    expect(() => withAnnotator(x, 'bo', grades)).toThrow(/already in the matrix/);
  });
});

describe('humanConsensus', () => {
  const x = createLabelMatrix<Outcome>({
    categories: ['correct', 'incorrect', 'abstained'],
    items: ['q1', 'q2', 'q3', 'q4', 'q5'],
    annotators: ['a', 'b', 'c'],
    cells: [
      ['correct', 'correct', 'incorrect'], // majority
      ['correct', 'incorrect', null], // tie
      [null, null, null], // nobody
      [null, 'abstained', null], // a single human is the consensus
      ['incorrect', 'incorrect', 'correct'],
    ],
  });
  it('majority, null on ties and on unlabelled items', () => {
    expect(humanConsensus(x)).toEqual(['correct', null, null, 'abstained', 'incorrect']);
    expect(humanConsensus(x, ['b'])).toEqual(['correct', 'incorrect', null, 'abstained', 'incorrect']);
  });
});

describe('graderAgreement', () => {
  // Two humans, five items; the grader misses one hallucination (q3).
  const humans = createLabelMatrix<Outcome>({
    categories: ['correct', 'incorrect', 'abstained'],
    items: ['q1', 'q2', 'q3', 'q4', 'q5', 'q6'],
    annotators: ['ann', 'bo'],
    cells: [
      ['correct', 'correct'],
      ['incorrect', 'incorrect'],
      ['incorrect', 'incorrect'],
      ['correct', 'incorrect'], // tie: no consensus
      ['abstained', null],
      ['incorrect', null], // not graded
    ],
  });
  const grades = new Map<string, Outcome | null>([
    ['q1', 'correct'],
    ['q2', 'incorrect'],
    ['q3', 'correct'],
    ['q4', 'correct'],
    ['q5', 'abstained'],
  ]);
  const g = graderAgreement(humans, grades);

  it('compares the grader with the human majority and counts missed hallucinations', () => {
    expect(g.consensus.labels).toEqual(['correct', 'incorrect', 'incorrect', null, 'abstained', 'incorrect']);
    expect(g.consensus.tiedItems).toBe(1);
    // consensus vs grader on q1, q2, q3, q5
    expect(g.consensus.confusion.counts).toEqual([
      [1, 0, 0],
      [1, 1, 0],
      [0, 0, 1],
    ]);
    expect(g.consensus.missed).toEqual({ rate: 0.5, missed: 1, humanIncorrect: 2 });
    // po 3/4; rows (1,2,1), cols (2,1,1): pe = (2 + 2 + 1) / 16; (3/4 - 5/16) / (11/16) = 7/11
    expect(Math.abs(g.consensus.kappa.value! - 7 / 11)).toBeLessThanOrEqual(1e-12);
  });

  it('compares the grader with each human, and exposes the extended matrix', () => {
    expect(g.perAnnotator.map((r) => [r.annotator, r.kappa.n, r.missed.missed, r.missed.humanIncorrect])).toEqual([
      ['ann', 5, 1, 2],
      ['bo', 4, 2, 3],
    ]);
    expect(g.matrix.annotators).toEqual(['ann', 'bo', 'grader']);
    expect(graderAgreement(humans, grades, { grader: 'gpt-judge' }).matrix.annotators[2]).toBe('gpt-judge');
  });
});
