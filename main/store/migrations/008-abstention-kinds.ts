import type { Migration } from './types.ts';

// Abstention kinds and partial grades (issue 15, item 5):
// - labels.abstention_kind: what kind of abstention a label of "abstained"
//   states (don't know, refusal, hedge / partial answer, asks for
//   clarification, other), or none; only an abstained label may carry one.
// - items.label_abstention_kind: the resolved label's kind, kept beside
//   items.label as the label writer resolves it (label-resolution.ts).
// - items.suggested_kind: the kind an abstention-phrase suggestion proposes.
// - items.imported_partial: the imported grade was a partial one (Inspect's
//   "P", or a score strictly between 0 and 1), stored as incorrect; rubrics
//   may score it otherwise (shared/rubrics/partial.ts).
// Added columns: no table is rebuilt, and existing rows read as before.
export const migration008: Migration = {
  version: 8,
  name: 'abstention kinds, partial grades',
  up: `
    ALTER TABLE labels ADD COLUMN abstention_kind TEXT
      CHECK (abstention_kind IS NULL OR (outcome = 'abstained' AND abstention_kind IN ('dont-know', 'refusal', 'hedge', 'clarification', 'other')));
    ALTER TABLE items ADD COLUMN label_abstention_kind TEXT;
    ALTER TABLE items ADD COLUMN suggested_kind TEXT;
    ALTER TABLE items ADD COLUMN imported_partial INTEGER NOT NULL DEFAULT 0;
  `,
};
