// Domain types shared by the store, the handlers, the CLI and the renderer.
// Pure TypeScript: no Node, no DOM, no Electron.

export const OUTCOMES = ['correct', 'incorrect', 'abstained'] as const;
export type Outcome = (typeof OUTCOMES)[number];
/** What an item counts as once labels and imported grades are resolved. */
export type EffectiveOutcome = Outcome | 'unlabeled';
export const EFFECTIVE_OUTCOMES = [...OUTCOMES, 'unlabeled'] as const;

export type OutcomeCounts = Record<EffectiveOutcome, number>;

/**
 * What kind of abstention a human label states (optional: a label of
 * "abstained" may carry none). A kind never changes what the metrics count:
 * every kind is an abstention.
 */
export const ABSTENTION_KINDS = ['dont-know', 'refusal', 'hedge', 'clarification', 'other'] as const;
export type AbstentionKind = (typeof ABSTENTION_KINDS)[number];
export const ABSTENTION_KIND_LABELS: Record<AbstentionKind, string> = {
  'dont-know': 'don’t know',
  refusal: 'refusal',
  hedge: 'hedge / partial answer',
  clarification: 'asks for clarification',
  other: 'other',
};
/** Abstentions counted by kind; 'unspecified' holds those without one (imported grades, labels that name none). */
export type AbstentionKindCounts = Record<AbstentionKind | 'unspecified', number>;

export function emptyAbstentionKindCounts(): AbstentionKindCounts {
  return { 'dont-know': 0, refusal: 0, hedge: 0, clarification: 0, other: 0, unspecified: 0 };
}

export function isAbstentionKind(value: unknown): value is AbstentionKind {
  return typeof value === 'string' && (ABSTENTION_KINDS as readonly string[]).includes(value);
}

export function emptyOutcomeCounts(): OutcomeCounts {
  return { correct: 0, incorrect: 0, abstained: 0, unlabeled: 0 };
}

export function isOutcome(value: unknown): value is Outcome {
  return value === 'correct' || value === 'incorrect' || value === 'abstained';
}

/**
 * The resolution rule (OUTCOME_RULE): the resolved human label (adjudicated or
 * agreed) wins over the imported grade; without either the item is unlabeled.
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
  /** Free tags a person gave the run (sidebar filter and grouping), alphabetically, any case. */
  tags: string[];
  itemCount: number;
  /** Items that carry at least one human label. */
  labeledCount: number;
  /** Items that state a confidence (a run without any has no calibration to show). */
  confidenceCount: number;
  counts: OutcomeCounts;
  /** The abstained items (counts.abstained) by the kind their human label states. */
  abstentionKinds: AbstentionKindCounts;
  /**
   * Incorrect items whose imported grade is a partial one (Inspect's "P", or a
   * score between 0 and 1) with no human label over it: counted as incorrect
   * everywhere but in rubrics that say how to score them (docs/metrics.md).
   */
  partialCount: number;
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
  /**
   * The resolved human label: an adjudicator's decision, else the label every
   * annotator who labelled the item agrees on; null when none or disputed.
   */
  label: Outcome | null;
  /** Who set the resolved label last (the adjudicator, or the latest agreeing annotator). */
  labelAnnotator: string | null;
  labelSource: LabelSource | null;
  /** Annotators' current labels disagree and no adjudication settles it. */
  disputed: boolean;
  /** What the metrics count: resolved label, else imported grade, else unlabeled. */
  outcome: EffectiveOutcome;
  /** The kind the resolved label states when it is "abstained" (null: none stated, or not abstained). */
  abstentionKind: AbstentionKind | null;
  /** The imported grade is a partial one (Inspect's "P" or a fractional score), stored as incorrect. */
  importedPartial: boolean;
  /** The outcome counted is that partial imported grade (no human label over it). */
  partial: boolean;
  /** An automatic grade offered to the labeler (exact match, containment, abstention phrase); never counted by itself. */
  suggestedGrade: Outcome | null;
  suggestionBasis: string | null;
  /** The kind an abstention-phrase suggestion proposes. */
  suggestedKind: AbstentionKind | null;
}

export type LabelSource = 'adjudicated' | 'agreed';
export type LabelKind = 'label' | 'adjudication';

/** The rule the metrics use, shown to the user beside them. */
export const OUTCOME_RULE =
  'Each item counts as: the adjudicated label if any, else the label all its annotators agree on, else the imported grade; otherwise it is unlabeled.';

export interface LabelRecord {
  id: number;
  itemId: number;
  annotator: string;
  /** null records that the annotator cleared their label. */
  outcome: Outcome | null;
  /** With outcome "abstained": the kind of abstention, when the annotator said. */
  abstentionKind: AbstentionKind | null;
  note: string | null;
  createdAt: string;
  kind: LabelKind;
  /** The bulk action that wrote it, if any (undone as one). */
  batch: string | null;
}

export interface ItemDetail extends ItemRow {
  extra: Record<string, unknown>;
  /** Every label record, oldest first (in blind mode only the viewer's own). */
  history: LabelRecord[];
  /** The viewing annotator's own current label, when an annotator was named. */
  myLabel: Outcome | null;
  /** Its abstention kind, if it is "abstained" and states one. */
  myAbstentionKind: AbstentionKind | null;
  /** True when model name, confidence, imported grade and others' labels were withheld. */
  blind: boolean;
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

export const QUEUES = ['all', 'unlabeled', 'disagree', 'disputed', 'expensive', 'random'] as const;
/**
 * Orders for working through a run: every item in file order; items this
 * annotator has not labelled; items whose human label disagrees with the
 * imported grade; items annotators dispute (adjudication); the most expensive
 * first (answered, highest confidence first, wrong before right: a confident
 * wrong answer costs the most under a confidence target); a seeded shuffle.
 */
export type Queue = (typeof QUEUES)[number];

export const ITEM_SORTS = ['order', 'confidence', 'outcome', 'label', 'grade', 'suggested', 'disagreement', 'length'] as const;
/**
 * Columns the Items table sorts by: file order; stated confidence; the
 * effective outcome (the rule above); the resolved human label; the imported
 * grade; the suggested grade; disagreement (annotators dispute the item, or
 * the human label differs from the imported grade); the answer's length in
 * characters. Items with no value (no confidence, no label, unlabeled) come
 * last in either direction; ties keep file order. Grades sort correct,
 * incorrect, abstained (ascending).
 */
export type ItemSort = (typeof ITEM_SORTS)[number];
export type SortDirection = 'asc' | 'desc';

/**
 * "Confidently wrong": the incorrect items (by the effective outcome), highest
 * confidence first, items without a confidence last. The same order as the
 * Label queue "most expensive first" gives its incorrect items.
 */
export const CONFIDENTLY_WRONG = { outcome: 'incorrect', sort: 'confidence', sortDirection: 'desc' } as const satisfies {
  outcome: EffectiveOutcome;
  sort: ItemSort;
  sortDirection: SortDirection;
};
