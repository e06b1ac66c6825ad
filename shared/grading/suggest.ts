// Suggested grades: what a simple automatic grader would say, offered to the
// person labeling and never counted until accepted. Three rules, in order:
// an abstention phrase means abstained (with the kind of abstention the phrase
// suggests); the normalised answer equal to the normalised gold, or containing
// it as a run of whole tokens, means correct; otherwise incorrect. Without a
// gold only the abstention rule can speak. Normalisation (SQuAD's, numbers by
// value) lives in normalise.ts.
import type { AbstentionKind, Outcome } from '../domain.ts';
import { answerTokens, containsTokens, sameTokens } from './normalise.ts';

export { normaliseAnswer } from './normalise.ts';

export interface Suggestion {
  grade: Outcome;
  basis: 'abstention phrase' | 'exact match' | 'contains gold' | 'no match';
  /** With an abstention phrase: the kind of abstention it reads as (a person confirms it). */
  kind?: AbstentionKind;
}

/** "Not sure" said with more than this many other words is a hedge around an answer, not a plain "don't know". */
const HEDGE_MIN_WORDS = 5;

/**
 * Phrases that abstain, matched on the normalised answer (articles kept), each
 * with the kind it reads as; the first that matches names the kind. Refusals
 * and requests for clarification come before "don't know", whose phrases
 * ("I cannot ...") they would otherwise match. A kind of 'hedge' is a "not
 * sure" that comes with more words (an answer given under a hedge), else
 * "don't know".
 */
export const ABSTENTION_PATTERNS: ReadonlyArray<{ pattern: RegExp; kind: AbstentionKind | 'hedge-or-dont-know' }> = [
  { pattern: /\bi (can not|cannot|can t|cant|won t|will not) (help|assist) with\b/, kind: 'refusal' },
  { pattern: /\bi (am|m) (not able|unable) to (help|assist) with\b/, kind: 'refusal' },
  { pattern: /\bi (can not|cannot|can t|cant) (comply|assist with|provide that|do that)\b/, kind: 'refusal' },
  { pattern: /\bi (would|will|d) rather not\b/, kind: 'refusal' },
  { pattern: /\bi (must|have to) decline\b/, kind: 'refusal' },
  { pattern: /\bagainst (my|the) (guidelines|policy|policies)\b/, kind: 'refusal' },
  { pattern: /\b(could|can|would) you (please )?(clarify|specify|elaborate|rephrase|be more specific)\b/, kind: 'clarification' },
  { pattern: /\bplease (clarify|specify|provide more)\b/, kind: 'clarification' },
  { pattern: /\b(what|which one|which) do you mean\b/, kind: 'clarification' },
  { pattern: /\bi (would )?need more (context|details|detail|information) (to|about|on)\b/, kind: 'clarification' },
  { pattern: /^(i )?(do not|dont|don t) know\b/, kind: 'dont-know' },
  { pattern: /\bi (do not|dont|don t) know\b/, kind: 'dont-know' },
  { pattern: /\bi (am|m) not (sure|certain)\b/, kind: 'hedge-or-dont-know' },
  { pattern: /\bnot sure\b/, kind: 'hedge-or-dont-know' },
  { pattern: /\b(i )?(can not|cannot|can t|cant) (answer|say|determine|tell|be sure|know)\b/, kind: 'dont-know' },
  { pattern: /\bunable to (answer|determine|say|provide|verify)\b/, kind: 'dont-know' },
  { pattern: /\b(no|not enough) (information|idea)\b/, kind: 'dont-know' },
  { pattern: /^(unknown|n a|none|no answer|idk|pass)$/, kind: 'dont-know' },
  { pattern: /^$/, kind: 'dont-know' },
];

/** The kind of abstention the answer's phrasing reads as, or null when it does not abstain. Articles kept, so "N/A" reads "n a". */
export function abstentionKindOf(answer: string): AbstentionKind | null {
  const tokens = answerTokens(answer, { keepArticles: true });
  const normal = tokens.join(' ');
  for (const { pattern, kind } of ABSTENTION_PATTERNS) {
    const match = pattern.exec(normal);
    if (!match) continue;
    if (kind !== 'hedge-or-dont-know') return kind;
    const otherWords = tokens.length - match[0].split(' ').length;
    return otherWords > HEDGE_MIN_WORDS ? 'hedge' : 'dont-know';
  }
  return null;
}

export function isAbstention(answer: string): boolean {
  return abstentionKindOf(answer) !== null;
}

/**
 * The suggestion for one item; null when there is nothing to go on (no gold, no
 * abstention phrase). Answer and gold are compared as token sequences (see
 * normalise.ts): equal, or the gold's tokens found as a run of whole tokens in
 * the answer. A number token only ever equals a number of the same value.
 */
export function suggestGrade(answer: string, gold: string | null): Suggestion | null {
  const kind = abstentionKindOf(answer);
  if (kind !== null) return { grade: 'abstained', basis: 'abstention phrase', kind };
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
