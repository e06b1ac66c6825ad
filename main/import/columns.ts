import type { Outcome } from '../../shared/domain.ts';

/** Column names each role answers to, case-insensitive, first match wins. */
export const ALIASES = {
  key: ['id', 'item_id', 'key', 'question_id', 'sample_id', 'uid', 'index'],
  prompt: ['prompt', 'question', 'input', 'problem', 'query'],
  answer: ['answer', 'response', 'output', 'completion', 'prediction', 'model_answer'],
  gold: ['gold', 'target', 'reference', 'expected', 'gold_answer', 'correct_answer', 'ideal', 'label'],
  grade: ['grade', 'correct', 'is_correct', 'score', 'outcome', 'grade_letter', 'judgement'],
  confidence: [
    'confidence', 'conf', 'probability', 'prob', 'p', 'stated_confidence', 'confidence_pct',
    'verbalized_confidence',
  ],
  model: ['model', 'model_name'],
  task: ['task', 'task_name', 'dataset', 'benchmark'],
} as const;

export type Role = keyof typeof ALIASES;
export const ROLES = Object.keys(ALIASES) as Role[];

export type ColumnMap = Partial<Record<Role, string>>;

/**
 * Picks, for each role, the first alias (in the alias list's order) present among the
 * columns. `label` is a grade when there is no grade column and its values are grade
 * words, so the caller passes a probe for that (see isGradeWord).
 */
export function mapColumns(
  columns: readonly string[],
  labelIsGrade: (column: string) => boolean,
  isThreeWay: (column: string) => boolean = () => false,
): ColumnMap {
  const byLower = new Map<string, string>();
  for (const column of columns) {
    const lower = column.trim().toLowerCase();
    if (!byLower.has(lower)) byLower.set(lower, column);
  }
  const map: ColumnMap = {};
  const taken = new Set<string>();
  for (const role of ROLES) {
    for (const alias of ALIASES[role]) {
      const column = byLower.get(alias);
      if (column !== undefined && !taken.has(column)) {
        map[role] = column;
        taken.add(column);
        break;
      }
    }
  }
  const label = byLower.get('label');
  if (label !== undefined && map.grade === undefined && labelIsGrade(label)) {
    map.grade = label;
    if (map.gold === label) delete map.gold;
  }
  // A judge's three-way verdict (correct / incorrect / not_attempted, or SimpleQA's A/B/C) beats a
  // two-way column such as is_correct: it keeps the abstentions an is_correct boolean folds into errors.
  const judge = columns.find((column) => JUDGE_COLUMN.test(column.trim()) && !taken.has(column) && isThreeWay(column));
  if (judge !== undefined && (map.grade === undefined || !isThreeWay(map.grade))) {
    if (map.grade !== undefined) taken.delete(map.grade);
    map.grade = judge;
    taken.add(judge);
  }
  // SimpleQA and PopQA name the gold `answer` and the model's reply something
  // more specific: with no other gold column, the specific one is the answer.
  if (map.answer !== undefined && map.answer === byLower.get('answer') && map.gold === undefined) {
    const specific = ALIASES.answer.slice(1).map((alias) => byLower.get(alias)).find((c) => c !== undefined);
    if (specific !== undefined) {
      map.gold = map.answer;
      map.answer = specific;
    }
  }
  return map;
}

/** Columns a grader writes its verdict to (judge_pred, grade_letter, verdict, llm_judgement, ...). */
const JUDGE_COLUMN = /judge|judgement|judgment|grade|grader|verdict|evaluation|assessment/i;

/** A three-way grade value: correct / incorrect / not_attempted (any case) or SimpleQA's letters A/B/C. */
export function isThreeWayGrade(value: unknown): boolean {
  if (typeof value !== 'string') return false;
  const text = normalise(value);
  return text === 'a' || text === 'b' || text === 'c' || (text in GRADE_WORDS && text !== 'true' && text !== 'false');
}

const GRADE_WORDS: Record<string, Outcome> = {
  true: 'correct',
  false: 'incorrect',
  correct: 'correct',
  incorrect: 'incorrect',
  abstained: 'abstained',
  abstain: 'abstained',
  not_attempted: 'abstained',
  idk: 'abstained',
};

/** Unambiguous grade words only: a `label` of "A" or "1" is far more often a gold answer. */
export function isGradeWord(value: unknown): boolean {
  if (typeof value === 'boolean') return true;
  return typeof value === 'string' && normalise(value) in GRADE_WORDS;
}

function normalise(value: string): string {
  return value.trim().toLowerCase().replace(/[\s-]+/g, '_');
}

export const GRADE_EXPECTED =
  'expected true/false, 1/0, correct/incorrect/abstained (or not_attempted, abstain, idk), SimpleQA letters A/B/C, or empty';

/** Maps a stated grade to an outcome; undefined means "not a grade" (the caller reports it). */
export function parseGrade(value: unknown): Outcome | null | undefined {
  if (value === null || value === undefined) return null;
  if (typeof value === 'boolean') return value ? 'correct' : 'incorrect';
  if (typeof value === 'number') return value === 1 ? 'correct' : value === 0 ? 'incorrect' : undefined;
  if (typeof value !== 'string') return undefined;
  const text = normalise(value);
  if (text === '') return null;
  if (text in GRADE_WORDS) return GRADE_WORDS[text];
  // SimpleQA's grader letters.
  if (text === 'a') return 'correct';
  if (text === 'b') return 'incorrect';
  if (text === 'c') return 'abstained';
  if (/^[+]?(1(\.0*)?|0(\.0*)?)$/.test(text)) return Number(text) === 1 ? 'correct' : 'incorrect';
  return undefined;
}

export interface ParsedConfidence {
  value: number;
  /** The value carried a trailing "%". */
  percentSign: boolean;
}

export const CONFIDENCE_EXPECTED = 'expected a number between 0 and 1, or 0 to 100 (a trailing % is allowed), or empty';

/** Parses a stated confidence; null for empty, a string describing the problem when invalid. */
export function parseConfidence(value: unknown): ParsedConfidence | null | string {
  if (value === null || value === undefined) return null;
  let percentSign = false;
  let number: number;
  if (typeof value === 'number') {
    number = value;
  } else if (typeof value === 'string') {
    let text = value.trim();
    if (text === '') return null;
    if (text.endsWith('%')) {
      percentSign = true;
      text = text.slice(0, -1).trim();
    }
    // Number('') is 0 and Number('0x1') is 1: accept decimal notation only.
    number = /^[+-]?(\d+\.?\d*|\.\d+)(e[+-]?\d+)?$/i.test(text) ? Number(text) : NaN;
    if (Number.isNaN(number) && !/^[+-]?(nan|inf|infinity)$/i.test(text)) {
      return `${JSON.stringify(value)} is not a number`;
    }
    if (/^[+-]?inf/i.test(text)) number = text.startsWith('-') ? -Infinity : Infinity;
  } else {
    return `${JSON.stringify(value)} is not a number`;
  }
  if (!(number >= 0 && number <= 100)) return outOfRange(number);
  return { value: number, percentSign };
}

/**
 * Why a number is no confidence. Its own function, reached only for a bad
 * value: written inline, V8's optimizer merged the three `${number}` of the
 * messages into one conversion ahead of the checks, on every value.
 */
function outOfRange(number: number): string {
  if (Number.isNaN(number)) return 'NaN is not a confidence';
  if (!Number.isFinite(number)) return `${number} is not a confidence`;
  if (number < 0) return `${number} is negative`;
  return `${number} is above 100`;
}
