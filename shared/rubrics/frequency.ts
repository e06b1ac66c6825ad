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

/**
 * frequencyFromExtras over items' extra fields as stored (JSON text), one
 * item at a time: nothing but the matching column is kept, and text that
 * cannot name any alias (JSON.stringify writes letters as they are) is not
 * even parsed. Same result as frequencyFromExtras on the parsed objects.
 */
export class FrequencyReader {
  private readonly aliases: readonly string[];
  private readonly mayHold: RegExp;
  private readonly found: Array<{ column: string; values: Float64Array } | null>;
  private count = 0;

  constructor(aliases: readonly string[] = FREQUENCY_COLUMNS) {
    this.aliases = aliases;
    this.mayHold = new RegExp(aliases.map((a) => a.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')).join('|'), 'i');
    this.found = aliases.map(() => null);
  }

  add(extraJson: string): void {
    const i = this.count++;
    if (!this.mayHold.test(extraJson)) return;
    const extra = JSON.parse(extraJson) as Record<string, unknown>;
    this.aliases.forEach((alias, a) => {
      for (const name in extra) {
        if (name.trim().toLowerCase() !== alias) continue;
        let slot = this.found[a];
        if (!slot) slot = this.found[a] = { column: name, values: new Float64Array(Math.max(1024, 2 * i)).fill(Number.NaN) };
        if (i >= slot.values.length) {
          const grown = new Float64Array(2 * i + 1).fill(Number.NaN);
          grown.set(slot.values);
          slot.values = grown;
        }
        slot.values[i] = asFrequency(extra[name]);
        break;
      }
    });
  }

  result(): { column: string; values: Float64Array } | null {
    const first = this.found.find((slot) => slot !== null);
    if (!first) return null;
    const values = new Float64Array(this.count).fill(Number.NaN);
    values.set(first.values.subarray(0, Math.min(this.count, first.values.length)));
    return { column: first.column, values };
  }
}
