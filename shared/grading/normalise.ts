// Answer normalisation as the reference graders do it, with numbers read as
// numbers. The text rules follow the SQuAD v1.1 evaluation script's
// normalize_answer (lower case, punctuation removed, articles a/an/the dropped,
// whitespace collapsed), which HELM's normalize_text and the QuAC scorer copy.
// Two deliberate differences:
// - punctuation splits words instead of joining them, so "García-Márquez" and
//   "Garcia Marquez" agree (SQuAD would make the first "garciamarquez");
// - a number is one token compared by value before any punctuation is touched:
//   "9", "9.0", "+9" and "9e0" are the same token, "9,000" is nine thousand, and
//   "-9.5e-07" stays one small negative number instead of becoming the words
//   "9 5e 07" (where the gold "9" used to be found). Inspect's match(numeric=True)
//   compares numbers the same way (strips "," and "$", parses the float);
//   "60%" stays a percentage there and here.

export type AnswerToken = string;

const ARTICLES = new Set(['a', 'an', 'the']);

/**
 * A number standing on its own: optional sign (not after a letter or digit,
 * so the dashes in "covid-19" and "2020-01-05" are not minus signs), digits
 * with or without thousands groups, a fraction, an exponent, then an optional
 * percent sign. A number glued to letters ("9th", "5km", "4x4") is a word.
 */
const NUMBER =
  /(?<![\p{L}\p{N}_])([-+]?)(?:(\d{1,3}(?:,\d{3})+|\d+)(?:\.(\d+))?|\.(\d+))(?:e([-+]?\d+))?(?![\p{L}\p{N}_])(\s?%)?/gu;

/** Unicode minus signs and dashes used as minus before a digit. */
const MINUS_SIGNS = /[\u2212\u2012\u2013\uFE63\uFF0D](?=[\d.])/g;

/** The exact value of a decimal numeral as one canonical string: same value, same string. */
export function canonicalNumber(sign: string, integer: string, fraction: string, exponent: string): string {
  const whole = integer.replace(/,/g, '');
  const significant = (whole + fraction).replace(/^0+/, '');
  const digits = significant.replace(/0+$/, '');
  if (digits === '') return '0';
  // value = 0.DIGITS x 10^point, exactly (a BigInt, so a silly exponent cannot round).
  const point = BigInt(whole.length - (whole + fraction).length + significant.length) + BigInt(exponent || '0');
  const negative = sign === '-' ? '-' : '';
  if (point > 30n || point < -20n) {
    const rest = digits.length > 1 ? `.${digits.slice(1)}` : '';
    return `${negative}${digits[0]}${rest}e${point - 1n}`;
  }
  const at = Number(point);
  if (at <= 0) return `${negative}0.${'0'.repeat(-at)}${digits}`;
  if (at >= digits.length) return `${negative}${digits}${'0'.repeat(at - digits.length)}`;
  return `${negative}${digits.slice(0, at)}.${digits.slice(at)}`;
}

/** Case, compatibility forms and accents folded; curly quotes and minus signs made plain. */
function foldText(text: string): string {
  return text
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(MINUS_SIGNS, '-');
}

function wordTokens(segment: string, keepArticles: boolean): AnswerToken[] {
  const words = segment
    .replace(/[^\p{L}\p{N}\s]/gu, ' ')
    .split(/\s+/)
    .filter((word) => word !== '');
  return keepArticles ? words : words.filter((word) => !ARTICLES.has(word));
}

/**
 * The answer as tokens: words normalised as SQuAD does, numbers as their
 * canonical value (a percentage keeps its "%"). `keepArticles` is HELM's
 * quasi_leave_articles variant, for a gold that is nothing but an article
 * (the multiple-choice letter "A").
 */
export function answerTokens(text: string, options: { keepArticles?: boolean } = {}): AnswerToken[] {
  const folded = foldText(text);
  const keepArticles = options.keepArticles ?? false;
  const tokens: AnswerToken[] = [];
  let last = 0;
  for (const match of folded.matchAll(NUMBER)) {
    tokens.push(...wordTokens(folded.slice(last, match.index), keepArticles));
    const [, sign = '', integer, fraction, bareFraction, exponent, percent] = match;
    const value = canonicalNumber(sign, integer ?? '', fraction ?? bareFraction ?? '', exponent ?? '');
    tokens.push(percent ? `${value}%` : value);
    last = match.index + match[0].length;
  }
  tokens.push(...wordTokens(folded.slice(last), keepArticles));
  return tokens;
}

/** The normalised answer as one string (tokens joined by single spaces). */
export function normaliseAnswer(text: string): string {
  return answerTokens(text).join(' ');
}

/** Whether `needle` occurs in `haystack` as a run of whole tokens. */
export function containsTokens(haystack: readonly AnswerToken[], needle: readonly AnswerToken[]): boolean {
  if (needle.length === 0 || needle.length > haystack.length) return false;
  outer: for (let start = 0; start + needle.length <= haystack.length; start++) {
    for (let offset = 0; offset < needle.length; offset++) {
      if (haystack[start + offset] !== needle[offset]) continue outer;
    }
    return true;
  }
  return false;
}

export function sameTokens(a: readonly AnswerToken[], b: readonly AnswerToken[]): boolean {
  return a.length === b.length && a.every((token, i) => token === b[i]);
}
