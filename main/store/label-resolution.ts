import type { AbstentionKind, LabelSource, Outcome } from '../../shared/domain.ts';

export interface Resolution {
  label: Outcome | null;
  /** With label "abstained": the kind, when the deciding record (an adjudication) or every agreeing annotator who named one names the same. */
  abstentionKind: AbstentionKind | null;
  annotator: string | null;
  source: LabelSource | null;
  disputed: boolean;
}

/** Each annotator's (and adjudicator's) latest record on an item, oldest first. */
export interface CurrentLabel {
  annotator: string;
  outcome: Outcome | null;
  abstention_kind: AbstentionKind | null;
  kind: 'label' | 'adjudication';
  id: number;
}

/**
 * Resolves an item's human label from its history: the latest adjudication
 * (unless it was cleared) wins; otherwise each annotator's latest label counts,
 * and if all who have a label agree, that is the label; if they differ the
 * item is disputed and has no human label until adjudicated. An agreed
 * abstention's kind is the one its annotators name, when those who name one
 * name the same; annotators who agree it is an abstention but not on its
 * kind leave it unspecified (the agreement view shows the split). A kind
 * never makes an item disputed: the outcome is what the metrics count.
 */
export function resolveLabels(current: readonly CurrentLabel[]): Resolution {
  const adjudication = current.filter((row) => row.kind === 'adjudication').at(-1);
  if (adjudication && adjudication.outcome !== null) {
    return { label: adjudication.outcome, abstentionKind: adjudication.abstention_kind, annotator: adjudication.annotator, source: 'adjudicated', disputed: false };
  }
  const labels = current.filter((row) => row.kind === 'label' && row.outcome !== null);
  const outcomes = new Set(labels.map((row) => row.outcome));
  if (outcomes.size === 1) {
    const latest = labels.at(-1)!;
    const kinds = new Set(labels.map((row) => row.abstention_kind).filter((kind) => kind !== null));
    const abstentionKind = latest.outcome === 'abstained' && kinds.size === 1 ? [...kinds][0]! : null;
    return { label: latest.outcome, abstentionKind, annotator: latest.annotator, source: 'agreed', disputed: false };
  }
  return { label: null, abstentionKind: null, annotator: null, source: null, disputed: outcomes.size > 1 };
}
