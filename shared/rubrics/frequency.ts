// Where a run's training frequencies come from: an item column (kept in the
// item's extra fields at import) named like one of these, case-insensitive.
// One list and one reader for the Rubrics tab and the report alike.

/** Column names read as the count of an item's fact in the pretraining data, first match wins. */
export const FREQUENCY_COLUMNS = [
  'training_frequency',
  'train_frequency',
  'train_freq',
  'train_count',
  'pretraining_count',
  'pretrain_count',
  'frequency',
  'freq',
  'occurrences',
] as const;

function asFrequency(value: unknown): number {
  if (typeof value === 'number') return Number.isFinite(value) ? value : Number.NaN;
  if (typeof value === 'string' && value.trim() !== '' && Number.isFinite(Number(value))) return Number(value);
  return Number.NaN;
}

/**
 * The first of `aliases` found among the items' extra fields, and its value
 * per item in run order (NaN where missing or not a number); null when no
 * item has any of them.
 */
export function frequencyFromExtras(
  extras: ReadonlyArray<Record<string, unknown>>,
  aliases: readonly string[] = FREQUENCY_COLUMNS,
): { column: string; values: Float64Array } | null {
  for (const alias of aliases) {
    let column: string | null = null;
    const values = new Float64Array(extras.length).fill(Number.NaN);
    extras.forEach((extra, i) => {
      for (const name in extra) {
        if (name.trim().toLowerCase() !== alias) continue;
        column ??= name;
        values[i] = asFrequency(extra[name]);
        break;
      }
    });
    if (column !== null) return { column, values };
  }
  return null;
}
