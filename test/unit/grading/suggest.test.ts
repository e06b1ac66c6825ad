import { describe, expect, it } from 'vitest';
import { isAbstention, normaliseAnswer, suggestGrade } from '../../../shared/grading/suggest.ts';

describe('normaliseAnswer', () => {
  it('folds case, accents, punctuation, articles and spaces', () => {
    expect(normaliseAnswer('  The Brasília!  ')).toBe('brasilia');
    expect(normaliseAnswer('An apple, a day')).toBe('apple day');
  });
});

const grade = (answer: string, gold: string | null) => suggestGrade(answer, gold)?.grade ?? null;

describe('suggestGrade', () => {
  it('marks abstention phrases as abstained, whatever the gold, with the kind they read as', () => {
    for (const answer of ["I don't know.", "I'm not sure", 'I cannot answer that.', 'Unknown', '', 'I’m not certain, sorry', 'There is not enough information to say', 'N/A']) {
      expect(suggestGrade(answer, 'Paris'), answer).toEqual({ grade: 'abstained', basis: 'abstention phrase', kind: 'dont-know' });
    }
    for (const answer of ['I cannot help with that request.', 'I must decline to answer.', "I'd rather not say.", 'Sorry, that is against my guidelines.']) {
      expect(suggestGrade(answer, 'Paris')?.kind, answer).toBe('refusal');
    }
    for (const answer of ['Could you clarify which Paris you mean?', 'What do you mean by capital?', 'Please specify the country.', 'I need more context to answer.']) {
      expect(suggestGrade(answer, 'Paris')?.kind, answer).toBe('clarification');
    }
    // "Not sure" around an answer is a hedge; said alone it is "don't know".
    expect(suggestGrade("It might be Lyon or Paris, honestly I'm not sure which one it is", 'Paris')?.kind).toBe('hedge');
    expect(suggestGrade('Not sure.', 'Paris')?.kind).toBe('dont-know');
    expect(isAbstention('Paris, I think')).toBe(false);
    expect(suggestGrade('Paris', 'Paris')).not.toHaveProperty('kind');
  });

  it('exact match after normalisation, and containment only as whole words', () => {
    expect(suggestGrade('paris.', 'Paris')).toEqual({ grade: 'correct', basis: 'exact match' });
    expect(suggestGrade('The capital is Paris, France', 'Paris')).toEqual({ grade: 'correct', basis: 'contains gold' });
    expect(suggestGrade('Parisian', 'Paris')).toEqual({ grade: 'incorrect', basis: 'no match' });
    expect(suggestGrade('1989', '1988')).toEqual({ grade: 'incorrect', basis: 'no match' });
  });

  it('never finds a number inside another number (the -9.5e-07 against "9" report)', () => {
    expect(suggestGrade('-9.5e-07', '9')).toEqual({ grade: 'incorrect', basis: 'no match' });
    expect(grade('The value is -9.5e-07.', '9')).toBe('incorrect');
    expect(grade('9.5', '9')).toBe('incorrect');
    expect(grade('-9', '9')).toBe('incorrect');
    expect(grade('19', '9')).toBe('incorrect');
    expect(grade('9,000', '9')).toBe('incorrect');
    expect(grade('0.9', '9')).toBe('incorrect');
    expect(grade('99%', '9')).toBe('incorrect');
    expect(grade('the 9th', '9')).toBe('incorrect');
  });

  it('compares numbers as numbers, whatever their spelling', () => {
    expect(suggestGrade('9.0', '9')).toEqual({ grade: 'correct', basis: 'exact match' });
    expect(suggestGrade('9,000', '9000')).toEqual({ grade: 'correct', basis: 'exact match' });
    expect(suggestGrade('$9,000.00', '9000')).toEqual({ grade: 'correct', basis: 'exact match' });
    expect(suggestGrade('9e3', '9,000')).toEqual({ grade: 'correct', basis: 'exact match' });
    expect(suggestGrade('−9.5E-7', '-9.5e-07')).toEqual({ grade: 'correct', basis: 'exact match' });
    expect(suggestGrade('About 9.0 metres.', '9 metres')).toEqual({ grade: 'correct', basis: 'contains gold' });
    expect(suggestGrade('Krakatoa erupted in 1883, killing 36,000.', '1883')).toEqual({ grade: 'correct', basis: 'contains gold' });
    expect(grade('60%', '60%')).toBe('correct');
    expect(grade('0.6', '60%')).toBe('incorrect');
  });

  it('matches the gold as a run of whole tokens, in order', () => {
    expect(grade('He was born in New York City', 'New York')).toBe('correct');
    expect(grade('York, New', 'New York')).toBe('incorrect');
    expect(grade('COVID-19', 'covid 19')).toBe('correct');
    expect(grade('Márquez', 'Marquez')).toBe('correct');
  });

  it('grades a gold that is only an article exactly, with the article kept', () => {
    expect(suggestGrade('A', 'A')).toEqual({ grade: 'correct', basis: 'exact match' });
    expect(suggestGrade('(a)', 'A')).toEqual({ grade: 'correct', basis: 'exact match' });
    expect(suggestGrade('B', 'A')).toEqual({ grade: 'incorrect', basis: 'no match' });
    expect(suggestGrade('B is a better answer', 'A')).toEqual({ grade: 'incorrect', basis: 'no match' });
  });

  it('reads N/A as an abstention', () => {
    expect(grade('N/A', '9')).toBe('abstained');
  });

  it('says nothing without a gold unless the answer abstains', () => {
    expect(suggestGrade('Paris', null)).toBeNull();
    expect(suggestGrade('Paris', '  ')).toBeNull();
  });
});
