// Numbers kept beside the tables so that a key press does not rescan a run:
// each run's outcome counts (listing runs), its outcome columns (the engine's
// input), and the Items table's sort keys and orders (item-order.ts). All
// change only through itemChanged, which the label writer calls inside its
// transaction: one place keeps them in step.
import { emptyAbstentionKindCounts, emptyOutcomeCounts, type AbstentionKind, type EffectiveOutcome, type Outcome, type RunSummary } from '../../shared/domain.ts';
import { extractCalibrationData, type ExtractedCalibrationData } from '../../shared/metrics/calibration-data.ts';
import { OUTCOME_CODE, type OutcomeColumns } from '../../shared/metrics/types.ts';

/** A run's counts, cached. A label never changes a confidence, so confidenceCount stays as counted. */
export type Tally = Pick<RunSummary, 'counts' | 'itemCount' | 'labeledCount' | 'confidenceCount' | 'abstentionKinds' | 'partialCount'>;

/** The abstention kind an item counts under, when it counts as abstained (null otherwise). */
export type CountedKind = AbstentionKind | 'unspecified' | null;

function sharedExtract(columns: OutcomeColumns): ExtractedCalibrationData {
  return extractCalibrationData(columns, (bytes) => new SharedArrayBuffer(bytes));
}

/** The kind an item's effective outcome counts under: its label's, or unspecified (an imported abstention has none). */
export function countedKind(label: Outcome | null, labelKind: AbstentionKind | null, importedGrade: Outcome | null): CountedKind {
  if (label !== null) return label === 'abstained' ? (labelKind ?? 'unspecified') : null;
  return importedGrade === 'abstained' ? 'unspecified' : null;
}

/** One item's effective outcome before and after a label. */
export interface OutcomeChange {
  runId: number;
  /** The item's position in the run (its index in the outcome columns). */
  ord: number;
  before: EffectiveOutcome;
  after: EffectiveOutcome;
  wasLabeled: boolean;
  isLabeled: boolean;
  /** The resolved human label and the dispute flag after the change. */
  label: Outcome | null;
  disputed: boolean;
  /** The abstention kind counted before and after (null: not abstained). */
  kindBefore: CountedKind;
  kindAfter: CountedKind;
  /** Whether a partial imported grade is what counts, before and after (a human label covers it). */
  partialBefore: boolean;
  partialAfter: boolean;
}

/**
 * Per-item keys the Items table sorts by, in run order, read once per run.
 * label and disputed follow every label; the others change only when
 * suggestions are made (suggested) or never (grade, length).
 */
export interface SortKeys {
  label?: Uint8Array;
  disputed?: Uint8Array;
  grade?: Uint8Array;
  suggested?: Uint8Array;
  length?: Float64Array;
}

/** Orders kept at once, over all runs (each is 4 bytes an item). */
const MAX_ORDERS = 8;

export class DerivedState {
  private readonly tallies = new Map<number, Tally>();
  private readonly columns = new Map<number, OutcomeColumns>();
  private readonly extractedData = new Map<number, ExtractedCalibrationData>();
  private readonly keys = new Map<number, SortKeys>();
  /** Computed orders by run and name, with the label stamp they were computed at. */
  private readonly orders = new Map<number, Map<string, { stamp: number; order: Uint32Array }>>();
  /** Per run, bumped whenever a label changes one of its items (from one counter, so it never repeats). */
  private readonly labelStamps = new Map<number, number>();
  private stampCounter = 0;

  tally(runId: number, count: () => Tally): Tally {
    let tally = this.tallies.get(runId);
    if (!tally) {
      tally = count();
      this.tallies.set(runId, tally);
    }
    return tally;
  }

  outcomeColumns(runId: number, read: () => OutcomeColumns): OutcomeColumns {
    let columns = this.columns.get(runId);
    if (!columns) {
      columns = read();
      this.columns.set(runId, columns);
      // Extracted with the read (a few percent of it), not on a heavy view's click.
      this.extractedData.set(runId, sharedExtract(columns));
    }
    return columns;
  }

  /**
   * The run's answered items with a confidence (extractCalibrationData) on
   * shared memory, extracted once and handed to every compute worker by
   * reference: each heavy request extracted its own before, and its 9 MB of
   * fresh memory at 1M items cost 25 ms, and up to 0.15 s where first-touch
   * page faults are slow (this VM). Extracted with the columns' first read;
   * never changed in place: a label drops it (a running computation keeps
   * the arrays it was given), and the next request extracts again.
   */
  extracted(runId: number, columns: () => OutcomeColumns): ExtractedCalibrationData {
    // The columns first: their first read extracts too.
    const read = columns();
    let data = this.extractedData.get(runId);
    if (!data) {
      data = sharedExtract(read);
      this.extractedData.set(runId, data);
    }
    return data;
  }

  /** One sort key of a run, read on first use. */
  sortKey<K extends keyof SortKeys>(runId: number, key: K, read: () => NonNullable<SortKeys[K]>): NonNullable<SortKeys[K]> {
    let keys = this.keys.get(runId);
    if (!keys) {
      keys = {};
      this.keys.set(runId, keys);
    }
    let value = keys[key];
    if (!value) {
      value = read();
      keys[key] = value;
    }
    return value as NonNullable<SortKeys[K]>;
  }

  /** Changes whenever a label changes an item of the run: an order that depends on labels is stale once it moves. */
  labelStamp(runId: number): number {
    let stamp = this.labelStamps.get(runId);
    if (stamp === undefined) {
      stamp = ++this.stampCounter;
      this.labelStamps.set(runId, stamp);
    }
    return stamp;
  }

  /** An order of the run, computed unless one computed at `stamp` is kept; the oldest orders are dropped past MAX_ORDERS. */
  order(runId: number, name: string, stamp: number, compute: () => Uint32Array): Uint32Array {
    let byName = this.orders.get(runId);
    const kept = byName?.get(name);
    if (kept && kept.stamp === stamp) {
      // Most recently used last.
      byName!.delete(name);
      byName!.set(name, kept);
      return kept.order;
    }
    const order = compute();
    if (!byName) {
      byName = new Map();
      this.orders.set(runId, byName);
    }
    byName.delete(name);
    byName.set(name, { stamp, order });
    this.trimOrders();
    return order;
  }

  /** Moves the item between outcome counts and patches its column and sort keys, where they are cached. */
  itemChanged(change: OutcomeChange): void {
    const tally = this.tallies.get(change.runId);
    if (tally) {
      tally.counts[change.before]--;
      tally.counts[change.after]++;
      tally.labeledCount += Number(change.isLabeled) - Number(change.wasLabeled);
      if (change.kindBefore !== null) tally.abstentionKinds[change.kindBefore]--;
      if (change.kindAfter !== null) tally.abstentionKinds[change.kindAfter]++;
      tally.partialCount += Number(change.partialAfter) - Number(change.partialBefore);
    }
    this.extractedData.delete(change.runId);
    const columns = this.columns.get(change.runId);
    if (columns && change.ord < columns.outcome.length) {
      columns.outcome[change.ord] = OUTCOME_CODE[change.after];
      if (columns.partial) columns.partial[change.ord] = change.partialAfter ? 1 : 0;
    }
    const keys = this.keys.get(change.runId);
    if (keys?.label && change.ord < keys.label.length) keys.label[change.ord] = OUTCOME_CODE[change.label ?? 'unlabeled'];
    if (keys?.disputed && change.ord < keys.disputed.length) keys.disputed[change.ord] = change.disputed ? 1 : 0;
    this.labelStamps.set(change.runId, ++this.stampCounter);
  }

  /** Suggestions were made again for the run: its suggested-grade key and the orders by it are stale. */
  suggestionsChanged(runId: number): void {
    delete this.keys.get(runId)?.suggested;
    for (const name of [...(this.orders.get(runId)?.keys() ?? [])]) if (name.startsWith('suggested')) this.orders.get(runId)!.delete(name);
  }

  forgetRun(runId: number): void {
    this.tallies.delete(runId);
    this.columns.delete(runId);
    this.extractedData.delete(runId);
    this.keys.delete(runId);
    this.orders.delete(runId);
    this.labelStamps.delete(runId);
  }

  forgetAll(): void {
    this.tallies.clear();
    this.columns.clear();
    this.extractedData.clear();
    this.keys.clear();
    this.orders.clear();
    this.labelStamps.clear();
  }

  private trimOrders(): void {
    let total = 0;
    for (const byName of this.orders.values()) total += byName.size;
    while (total > MAX_ORDERS) {
      // Drop the least recently used order of the run holding the most.
      const [runId, byName] = [...this.orders.entries()].sort((a, b) => b[1].size - a[1].size)[0]!;
      byName.delete(byName.keys().next().value!);
      if (byName.size === 0) this.orders.delete(runId);
      total--;
    }
  }
}

export function emptyTally(): Tally {
  return { counts: emptyOutcomeCounts(), itemCount: 0, labeledCount: 0, confidenceCount: 0, abstentionKinds: emptyAbstentionKindCounts(), partialCount: 0 };
}
