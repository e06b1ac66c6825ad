import type { Migration } from './types.ts';

// Several annotators: each label record now says whether it is an ordinary
// label or an adjudicator's decision, and which bulk action (if any) wrote it,
// so a bulk action can be undone as one. items.label now holds the resolved
// human label (adjudicated, else the annotators' agreed label) and
// items.disputed marks items whose annotators disagree, for the adjudication
// queue. Existing single-annotator data resolves to what it showed before.
export const migration002: Migration = {
  version: 2,
  name: 'adjudication, agreed labels, bulk batches',
  up: `
    ALTER TABLE labels ADD COLUMN kind TEXT NOT NULL DEFAULT 'label' CHECK (kind IN ('label', 'adjudication'));
    ALTER TABLE labels ADD COLUMN batch TEXT;
    ALTER TABLE items ADD COLUMN label_source TEXT CHECK (label_source IN ('adjudicated', 'agreed'));
    ALTER TABLE items ADD COLUMN disputed INTEGER NOT NULL DEFAULT 0;
    CREATE INDEX labels_by_item_annotator ON labels(item_id, annotator, id);
    CREATE INDEX labels_by_batch ON labels(batch) WHERE batch IS NOT NULL;
    CREATE INDEX items_disputed ON items(run_id, ord) WHERE disputed = 1;

    WITH current AS (
      SELECT l.item_id, l.annotator, l.outcome
      FROM labels l
      WHERE l.id = (SELECT MAX(x.id) FROM labels x WHERE x.item_id = l.item_id AND x.annotator = l.annotator)
    ),
    resolved AS (
      SELECT item_id, COUNT(DISTINCT outcome) AS kinds, MAX(outcome) AS outcome
      FROM current WHERE outcome IS NOT NULL GROUP BY item_id
    )
    UPDATE items SET
      label = (SELECT CASE WHEN kinds = 1 THEN outcome END FROM resolved WHERE resolved.item_id = items.id),
      label_source = (SELECT CASE WHEN kinds = 1 THEN 'agreed' END FROM resolved WHERE resolved.item_id = items.id),
      disputed = COALESCE((SELECT kinds > 1 FROM resolved WHERE resolved.item_id = items.id), 0)
    WHERE id IN (SELECT item_id FROM labels);
    UPDATE items SET label_annotator = NULL WHERE label IS NULL;
  `,
};
