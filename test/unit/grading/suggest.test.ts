import { describe, expect, it } from 'vitest';
import { isAbstention, normaliseAnswer, suggestGrade } from '../../../shared/grading/suggest.ts';

describe('normaliseAnswer', () => {
  it('folds case, accents, punctuation, articles and spaces', () => {
    expect(normaliseAnswer('  The Brasília!  ')).toBe('brasilia');
    expect(normaliseAnswer('Gabriel García-Márquez')).toBe('gabriel garcia marquez');
    expect(normaliseAnswer('An apple, a day')).toBe('apple day');
    expect(normaliseAnswer('ＦＵＬＬＷＩＤＴＨ')).toBe('fullwidth');
  });
});

describe('suggestGrade', () => {
  it('marks abstention phrases as abstained, whatever the gold', () => {
    for (const answer of ["I don't know.", "I'm not sure", 'I cannot answer that.', 'Unknown', '', 'I’m not certain, sorry', 'There is not enough information to say']) {
      expect(suggestGrade(answer, 'Paris')).toEqual({ grade: 'abstained', basis: 'abstention phrase' });
    }
    expect(isAbstention('Paris, I think')).toBe(false);
  });

  it('exact match after normalisation, and containment only as whole words', () => {
    expect(suggestGrade('paris.', 'Paris')).toEqual({ grade: 'correct', basis: 'exact match' });
    expect(suggestGrade('The capital is Paris, France', 'Paris')).toEqual({ grade: 'correct', basis: 'contains gold' });
    expect(suggestGrade('Parisian', 'Paris')).toEqual({ grade: 'incorrect', basis: 'no match' });
    expect(suggestGrade('1989', '1988')).toEqual({ grade: 'incorrect', basis: 'no match' });
  });

  it('says nothing without a gold unless the answer abstains', () => {
    expect(suggestGrade('Paris', null)).toBeNull();
    expect(suggestGrade('Paris', '  ')).toBeNull();
  });
});
