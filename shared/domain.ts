// Domain types shared by the store, the handlers, the CLI and the renderer.
// Pure TypeScript: no Node, no DOM, no Electron.

export const OUTCOMES = ['correct', 'incorrect', 'abstained'] as const;
export type Outcome = (typeof OUTCOMES)[number];
/** What an item counts as once labels and imported grades are resolved. */
export type EffectiveOutcome = Outcome | 'unlabeled';
export const EFFECTIVE_OUTCOMES = [...OUTCOMES, 'unlabeled'] as const;

export type OutcomeCounts = Record<EffectiveOutcome, number>;

export function emptyOutcomeCounts(): OutcomeCounts {
  return { correct: 0, incorrect: 0, abstained: 0, unlabeled: 0 };
}

export function isOutcome(value: unknown): value is Outcome {
  return value === 'correct' || value === 'incorrect' || value === 'abstained';
}

/**
 * The resolution rule, in order: a human label wins over the imported grade;
 * without either the item is unlabeled. (Adjudication slots in ahead of the
 * human label once several annotators exist.)
 */
export function effectiveOutcome(label: Outcome | null, importedGrade: Outcome | null): EffectiveOutcome {
  return label ?? importedGrade ?? 'unlabeled';
}

export interface RunSummary {
  id: number;
  name: string;
  model: string | null;
  task: string | null;
  format: string;
  sourcePath: string;
  sourceSha256: string;
  sourceSize: number;
  importedAt: string;
  metadata: Record<string, unknown>;
  itemCount: number;
  /** Items that carry at least one human label. */
  labeledCount: number;
  counts: OutcomeCounts;
}

export interface ItemRow {
  id: number;
  runId: number;
  key: string;
  prompt: string;
  answer: string;
  gold: string | null;
  importedGrade: Outcome | null;
  confidence: number | null;
  /** Latest human label (null when none, or when the latest action cleared it). */
  label: Outcome | null;
  labelAnnotator: string | null;
  outcome: EffectiveOutcome;
}

export interface LabelRecord {
  id: number;
  itemId: number;
  annotator: string;
  /** null records that the annotator cleared their label. */
  outcome: Outcome | null;
  note: string | null;
  createdAt: string;
}

export interface ItemDetail extends ItemRow {
  extra: Record<string, unknown>;
  history: LabelRecord[];
  /** Position of this item in its run (0-based, by item order), for prev/next. */
  index: number;
}

/** Where an error happened in an input file; every import error carries it. */
export interface ErrorLocation {
  file?: string;
  line?: number;
  field?: string;
}

export interface ApiError extends ErrorLocation {
  code: string;
  message: string;
}
