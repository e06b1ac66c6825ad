// The tables' rows as SQLite returns them, and their shapes in the domain.
import { effectiveOutcome, type AbstentionKind, type ItemRow, type LabelKind, type LabelRecord, type LabelSource, type Outcome } from '../../shared/domain.ts';

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
  label_abstention_kind: AbstentionKind | null;
  suggested_kind: AbstentionKind | null;
  imported_partial: number;
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
    abstentionKind: record.label === 'abstained' ? record.label_abstention_kind : null,
    importedPartial: record.imported_partial === 1,
    partial: record.imported_partial === 1 && record.label === null,
    suggestedGrade: record.suggested_grade,
    suggestionBasis: record.suggestion_basis,
    suggestedKind: record.suggested_grade === 'abstained' ? record.suggested_kind : null,
  };
}

export interface LabelDbRecord {
  id: number;
  item_id: number;
  annotator: string;
  outcome: Outcome | null;
  abstention_kind: AbstentionKind | null;
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
    abstentionKind: record.abstention_kind,
    note: record.note,
    createdAt: record.created_at,
    kind: record.kind,
    batch: record.batch,
  };
}
