import type { LabelSource, Outcome } from '../../shared/domain.ts';

export interface Resolution {
  label: Outcome | null;
  annotator: string | null;
  source: LabelSource | null;
  disputed: boolean;
}

/** Each annotator's (and adjudicator's) latest record on an item, oldest first. */
export interface CurrentLabel {
  annotator: string;
  outcome: Outcome | null;
  kind: 'label' | 'adjudication';
  id: number;
}

/**
 * Resolves an item's human label from its history: the latest adjudication
 * (unless it was cleared) wins; otherwise each annotator's latest label counts,
 * and if all who have a label agree, that is the label; if they differ the
 * item is disputed and has no human label until adjudicated.
 */
export function resolveLabels(current: readonly CurrentLabel[]): Resolution {
  const adjudication = current.filter((row) => row.kind === 'adjudication').at(-1);
  if (adjudication && adjudication.outcome !== null) {
    return { label: adjudication.outcome, annotator: adjudication.annotator, source: 'adjudicated', disputed: false };
  }
  const labels = current.filter((row) => row.kind === 'label' && row.outcome !== null);
  const outcomes = new Set(labels.map((row) => row.outcome));
  if (outcomes.size === 1) {
    const latest = labels.at(-1)!;
    return { label: latest.outcome, annotator: latest.annotator, source: 'agreed', disputed: false };
  }
  return { label: null, annotator: null, source: null, disputed: outcomes.size > 1 };
}
