import { describe, expect, it } from 'vitest';
import { answerTokens, canonicalNumber, containsTokens, normaliseAnswer } from '../../../shared/grading/normalise.ts';

describe('answerTokens: SQuAD text rules', () => {
  it('folds case, accents, punctuation, articles and whitespace', () => {
    expect(normaliseAnswer('  The Brasília!  ')).toBe('brasilia');
    expect(normaliseAnswer('Gabriel García-Márquez')).toBe('gabriel garcia marquez');
    expect(normaliseAnswer('An apple, a day\n\tkeeps   THE doctor away')).toBe('apple day keeps doctor away');
    expect(normaliseAnswer('ＦＵＬＬＷＩＤＴＨ')).toBe('fullwidth');
    expect(normaliseAnswer('“Quoted” — text…')).toBe('quoted text');
  });

  it('drops articles only as whole words', () => {
    expect(answerTokens('Theatre and anthem')).toEqual(['theatre', 'and', 'anthem']);
    expect(answerTokens('Vitamin A', { keepArticles: true })).toEqual(['vitamin', 'a']);
    expect(answerTokens('Vitamin A')).toEqual(['vitamin']);
  });
});

describe('answerTokens: numbers by value', () => {
  it('gives one token per value whatever the spelling', () => {
    for (const spelling of ['9', '9.0', '9.000', '+9', '09', '9e0', '0.9e1', '９']) expect(answerTokens(spelling)).toEqual(['9']);
    for (const spelling of ['9,000', '9000', '9000.0', '9e3', '9.0E+3', '$9,000']) expect(answerTokens(spelling)).toEqual(['9000']);
    expect(answerTokens('1,234,567.50')).toEqual(['1234567.5']);
    expect(answerTokens('.5')).toEqual(['0.5']);
    expect(answerTokens('0.50')).toEqual(['0.5']);
    expect(answerTokens('-0')).toEqual(['0']);
  });

  it('keeps signs, fractions and exponents inside the number', () => {
    expect(answerTokens('-9.5e-07')).toEqual(['-0.00000095']);
    expect(answerTokens('−3')).toEqual(['-3']); // U+2212 minus
    expect(answerTokens('about -9 degrees')).toEqual(['about', '-9', 'degrees']);
    expect(answerTokens('9.5')).not.toContain('9');
    expect(answerTokens('6.02214076e23')).toEqual(['602214076000000000000000']);
    expect(answerTokens('1e-30')).toEqual(['1e-30']);
    expect(answerTokens('1.5e40')).toEqual(['1.5e40']);
  });

  it('reads a dash between words or digits as a separator, not a minus', () => {
    expect(answerTokens('COVID-19')).toEqual(['covid', '19']);
    expect(answerTokens('2020-01-05')).toEqual(['2020', '1', '5']);
    expect(answerTokens('1990–1995')).toEqual(['1990', '1995']);
  });

  it('ends a number at sentence punctuation and keeps a percentage apart', () => {
    expect(answerTokens('The answer is 42.')).toEqual(['answer', 'is', '42']);
    expect(answerTokens('(42)!')).toEqual(['42']);
    expect(answerTokens('60%')).toEqual(['60%']);
    expect(answerTokens('60 %')).toEqual(['60%']);
    expect(answerTokens('0.6')).toEqual(['0.6']);
  });

  it('leaves numbers glued to letters as words', () => {
    expect(answerTokens('the 9th')).toEqual(['9th']);
    expect(answerTokens('5km 4x4 mp3')).toEqual(['5km', '4x4', 'mp3']);
    expect(answerTokens('9e5x')).toEqual(['9e5x']);
  });

  it('keeps precision that floating point would lose', () => {
    expect(answerTokens('12345678901234567891')).not.toEqual(answerTokens('12345678901234567890'));
    expect(canonicalNumber('', '0', '1', '')).toBe('0.1');
    expect(canonicalNumber('-', '1,000', '', '-3')).toBe('-1');
    expect(canonicalNumber('', '1', '', '99999999999999999999')).toBe('1e99999999999999999999');
  });
});

describe('containsTokens', () => {
  it('finds a run of whole tokens only', () => {
    expect(containsTokens(['capital', 'is', 'paris', 'france'], ['paris', 'france'])).toBe(true);
    expect(containsTokens(['paris', 'is', 'in', 'france'], ['paris', 'france'])).toBe(false);
    expect(containsTokens(['parisian'], ['paris'])).toBe(false);
    expect(containsTokens(['x'], [])).toBe(false);
  });
});
