// Suggested grades: what a simple automatic grader would say, offered to the
// person labeling and never counted until accepted. Three rules, in order:
// an abstention phrase means abstained; the normalised answer equal to the
// normalised gold, or containing it as whole words, means correct; otherwise
// incorrect. Without a gold only the abstention rule can speak.
import type { Outcome } from '../domain.ts';

export interface Suggestion {
  grade: Outcome;
  basis: 'abstention phrase' | 'exact match' | 'contains gold' | 'no match';
}

/** Phrases that say "I don't know" or refuse, matched on the normalised answer. */
export const ABSTENTION_PATTERNS: readonly RegExp[] = [
  /^(i )?(do not|dont|don t) know\b/,
  /\bi (do not|dont|don t) know\b/,
  /\bi (am|m) not (sure|certain)\b/,
  /\bnot sure\b/,
  /\b(i )?(can not|cannot|can t|cant) (answer|say|determine|tell|be sure|know|help with)\b/,
  /\bunable to (answer|determine|say|provide|verify)\b/,
  /\b(no|not enough) (information|idea)\b/,
  /\bi (would|will) rather not\b/,
  /\bi (must|have to) decline\b/,
  /^(unknown|n a|none|no answer|idk|pass)$/,
  /^$/,
];

const ARTICLES = /\b(a|an|the)\b/g;

/**
 * SQuAD-style normalisation: lower case, Unicode compatibility form, accents
 * and punctuation removed, articles dropped, whitespace collapsed.
 */
export function normaliseAnswer(text: string): string {
  return text
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[\u2018\u2019']/g, ' ')
    .replace(/[^\p{L}\p{N}\s]/gu, ' ')
    .replace(ARTICLES, ' ')
    .replace(/\s+/g, ' ')
    .trim();
}

export function isAbstention(answer: string): boolean {
  const normal = normaliseAnswer(answer);
  return ABSTENTION_PATTERNS.some((pattern) => pattern.test(normal));
}

/** The suggestion for one item; null when there is nothing to go on (no gold, no abstention phrase). */
export function suggestGrade(answer: string, gold: string | null): Suggestion | null {
  if (isAbstention(answer)) return { grade: 'abstained', basis: 'abstention phrase' };
  if (gold === null) return null;
  const normalGold = normaliseAnswer(gold);
  if (normalGold === '') return null;
  const normalAnswer = normaliseAnswer(answer);
  if (normalAnswer === normalGold) return { grade: 'correct', basis: 'exact match' };
  if (` ${normalAnswer} `.includes(` ${normalGold} `)) return { grade: 'correct', basis: 'contains gold' };
  return { grade: 'incorrect', basis: 'no match' };
}
