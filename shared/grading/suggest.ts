// Suggested grades: what a simple automatic grader would say, offered to the
// person labeling and never counted until accepted. Three rules, in order:
// an abstention phrase means abstained; the normalised answer equal to the
// normalised gold, or containing it as a run of whole tokens, means correct;
// otherwise incorrect. Without a gold only the abstention rule can speak.
// Normalisation (SQuAD's, numbers by value) lives in normalise.ts.
import type { Outcome } from '../domain.ts';
import { answerTokens, containsTokens, sameTokens } from './normalise.ts';

export { normaliseAnswer } from './normalise.ts';

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

/** Articles kept here, so "N/A" reads "n a" and not "n". */
export function isAbstention(answer: string): boolean {
  const normal = answerTokens(answer, { keepArticles: true }).join(' ');
  return ABSTENTION_PATTERNS.some((pattern) => pattern.test(normal));
}

/**
 * The suggestion for one item; null when there is nothing to go on (no gold, no
 * abstention phrase). Answer and gold are compared as token sequences (see
 * normalise.ts): equal, or the gold's tokens found as a run of whole tokens in
 * the answer. A number token only ever equals a number of the same value.
 */
export function suggestGrade(answer: string, gold: string | null): Suggestion | null {
  if (isAbstention(answer)) return { grade: 'abstained', basis: 'abstention phrase' };
  if (gold === null) return null;
  const goldTokens = answerTokens(gold);
  if (goldTokens.length === 0) return articleGold(answer, gold);
  const tokens = answerTokens(answer);
  if (sameTokens(tokens, goldTokens)) return { grade: 'correct', basis: 'exact match' };
  if (containsTokens(tokens, goldTokens)) return { grade: 'correct', basis: 'contains gold' };
  return { grade: 'incorrect', basis: 'no match' };
}

/**
 * A gold that is only an article (a multiple-choice letter "A") vanishes under
 * article removal; it is compared with articles kept, and only exactly, since
 * "a" occurs in almost any sentence.
 */
function articleGold(answer: string, gold: string): Suggestion | null {
  const goldTokens = answerTokens(gold, { keepArticles: true });
  if (goldTokens.length === 0) return null;
  const matches = sameTokens(answerTokens(answer, { keepArticles: true }), goldTokens);
  return matches ? { grade: 'correct', basis: 'exact match' } : { grade: 'incorrect', basis: 'no match' };
}
