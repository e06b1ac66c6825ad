import type { AbstentionKind, Outcome } from '../../shared/domain.ts';

/**
 * Items in columns, as the import worker sends them to the writer: strings in
 * arrays, numbers in typed arrays (transferred, not copied). Extras are
 * already JSON and suggestions already made, so the writer only inserts.
 */
export interface ItemBatch {
  size: number;
  keys: string[];
  prompts: string[];
  answers: string[];
  golds: Array<string | null>;
  grades: Array<Outcome | null>;
  /** 1 where the grade is a partial one kept as incorrect (ImportedItem.partial). */
  partials: Uint8Array;
  /** NaN where the item states none. */
  confidences: Float64Array;
  models: Array<string | null>;
  tasks: Array<string | null>;
  extras: string[];
  suggestedGrades: Array<Outcome | null>;
  suggestionBases: Array<string | null>;
  suggestedKinds: Array<AbstentionKind | null>;
}
