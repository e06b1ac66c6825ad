import { ALIASES, ROLES, mapColumns, parseConfidence, parseGrade } from '../../../main/import/columns.ts';

const never = () => false;

describe('mapColumns', () => {
  // Every alias of every family, alone beside an answer column, lands in its role.
  const cases = ROLES.flatMap((role) => ALIASES[role].map((alias) => [role, alias] as const));
  it.each(cases)('%s <- %s', (role, alias) => {
    const other = role === 'answer' ? 'prompt' : 'response';
    const map = mapColumns([other, alias.toUpperCase()], never);
    expect(map[role]).toBe(alias.toUpperCase());
  });

  it('takes the first alias in the family order, not in the file order', () => {
    expect(mapColumns(['output', 'response'], never).answer).toBe('response');
    expect(mapColumns(['conf', 'confidence', 'answer'], never).confidence).toBe('confidence');
  });

  it('makes `answer` the gold when a more specific answer column exists and no gold does', () => {
    expect(mapColumns(['answer', 'model_answer'], never)).toMatchObject({ answer: 'model_answer', gold: 'answer' });
    expect(mapColumns(['answer', 'response', 'target'], never)).toMatchObject({ answer: 'answer', gold: 'target' });
  });
});

describe('parseGrade', () => {
  it.each([
    [true, 'correct'], [false, 'incorrect'], [1, 'correct'], [0, 'incorrect'], ['1', 'correct'], ['0.0', 'incorrect'],
    ['TRUE', 'correct'], ['Incorrect', 'incorrect'], ['abstained', 'abstained'], ['not attempted', 'abstained'],
    ['NOT_ATTEMPTED', 'abstained'], ['abstain', 'abstained'], ['IDK', 'abstained'], ['A', 'correct'], ['b', 'incorrect'],
    ['C', 'abstained'], ['', null], [null, null],
  ] as const)('%j -> %s', (value, outcome) => {
    expect(parseGrade(value)).toBe(outcome);
  });

  it.each([[0.5], ['D'], ['maybe'], [2], [{}]])('%j is not a grade', (value) => {
    expect(parseGrade(value)).toBeUndefined();
  });
});

describe('parseConfidence', () => {
  it('accepts numbers, numeric strings and a trailing %', () => {
    expect(parseConfidence(0.3)).toEqual({ value: 0.3, percentSign: false });
    expect(parseConfidence(' 42 ')).toEqual({ value: 42, percentSign: false });
    expect(parseConfidence('42.5%')).toEqual({ value: 42.5, percentSign: true });
    expect(parseConfidence('')).toBeNull();
  });

  it.each([['NaN'], ['inf'], [NaN], [Infinity], ['0x1'], ['-1'], [101], ['1e3'], [true]])('%j is rejected', (value) => {
    expect(typeof parseConfidence(value)).toBe('string');
  });
});
