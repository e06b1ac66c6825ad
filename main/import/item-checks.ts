// What the items table's CHECK constraints guarded (they cost more than the
// rest of an insert; migration 005 dropped them), checked once per item in
// JavaScript, in file order, wherever items are read for the store: the
// writer in this thread, and the import worker before it encodes a batch.

function isOutcomeOrNull(value: unknown): boolean {
  return value === null || value === 'correct' || value === 'incorrect' || value === 'abstained';
}

/**
 * A stated confidence must lie in [0, ceiling] (100 where a tabular file may
 * state percent, else 1), grades must be outcomes, a partial grade is
 * incorrect; throws naming the item.
 */
export function checkItemValues(key: string, stated: number | null, grade: unknown, suggested: unknown, ceiling: number, partial: boolean): void {
  if (stated !== null && !(stated >= 0 && stated <= ceiling)) throw new Error(`item ${key}: confidence ${stated} is outside [0, ${ceiling}]`);
  if (!isOutcomeOrNull(grade) || !isOutcomeOrNull(suggested)) throw new Error(`item ${key}: ${String(grade)} is not an outcome`);
  // A partial grade is counted as incorrect (docs/metrics.md); any other mapping drops the flag.
  if (partial && grade !== 'incorrect') throw new Error(`item ${key}: a partial grade is stored as incorrect, not ${String(grade)}`);
}
