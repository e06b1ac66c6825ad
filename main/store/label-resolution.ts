import type Database from 'better-sqlite3';
import type { LabelSource, Outcome } from '../../shared/domain.ts';

export interface Resolution {
  label: Outcome | null;
  annotator: string | null;
  source: LabelSource | null;
  disputed: boolean;
}

interface CurrentLabel {
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
export function resolveItem(db: Database.Database, itemId: number): Resolution {
  const current = db
    .prepare(
      `SELECT annotator, outcome, kind, id FROM labels l
       WHERE item_id = ? AND id = (SELECT MAX(x.id) FROM labels x WHERE x.item_id = l.item_id AND x.annotator = l.annotator AND x.kind = l.kind)
       ORDER BY id`,
    )
    .all(itemId) as CurrentLabel[];
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

export function applyResolution(db: Database.Database, itemId: number, resolution: Resolution): void {
  db.prepare('UPDATE items SET label = ?, label_annotator = ?, label_source = ?, disputed = ? WHERE id = ?').run(
    resolution.label,
    resolution.annotator,
    resolution.source,
    resolution.disputed ? 1 : 0,
    itemId,
  );
}
