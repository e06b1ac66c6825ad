// The tables' rows as SQLite returns them, and their shapes in the domain.
import { effectiveOutcome, type ItemRow, type LabelKind, type LabelRecord, type LabelSource, type Outcome } from '../../shared/domain.ts';

export interface ItemRecord {
  id: number;
  run_id: number;
  ord: number;
  item_key: string;
  prompt: string;
  answer: string;
  gold: string | null;
  imported_grade: Outcome | null;
  confidence: number | null;
  extra: string;
  label: Outcome | null;
  label_annotator: string | null;
  label_source: LabelSource | null;
  disputed: number;
  suggested_grade: Outcome | null;
  suggestion_basis: string | null;
}

export function toItemRow(record: ItemRecord): ItemRow {
  return {
    id: record.id,
    runId: record.run_id,
    key: record.item_key,
    prompt: record.prompt,
    answer: record.answer,
    gold: record.gold,
    importedGrade: record.imported_grade,
    confidence: record.confidence,
    label: record.label,
    labelAnnotator: record.label_annotator,
    labelSource: record.label_source,
    disputed: record.disputed === 1,
    outcome: effectiveOutcome(record.label, record.imported_grade),
    suggestedGrade: record.suggested_grade,
    suggestionBasis: record.suggestion_basis,
  };
}

export interface LabelDbRecord {
  id: number;
  item_id: number;
  annotator: string;
  outcome: Outcome | null;
  note: string | null;
  created_at: string;
  kind: LabelKind;
  batch: string | null;
}

export function toLabel(record: LabelDbRecord): LabelRecord {
  return {
    id: record.id,
    itemId: record.item_id,
    annotator: record.annotator,
    outcome: record.outcome,
    note: record.note,
    createdAt: record.created_at,
    kind: record.kind,
    batch: record.batch,
  };
}
