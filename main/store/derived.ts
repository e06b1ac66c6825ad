// Numbers kept beside the tables so that a key press does not rescan a run:
// each run's outcome counts (listing runs) and its outcome columns (the
// engine's input). Both change only through itemChanged, which the label
// writer calls inside its transaction: one place keeps them in step.
import { emptyOutcomeCounts, type EffectiveOutcome, type RunSummary } from '../../shared/domain.ts';
import { OUTCOME_CODE, type OutcomeColumns } from '../../shared/metrics/types.ts';

/** A run's counts, cached. A label never changes a confidence, so confidenceCount stays as counted. */
export type Tally = Pick<RunSummary, 'counts' | 'itemCount' | 'labeledCount' | 'confidenceCount'>;

/** One item's effective outcome before and after a label. */
export interface OutcomeChange {
  runId: number;
  /** The item's position in the run (its index in the outcome columns). */
  ord: number;
  before: EffectiveOutcome;
  after: EffectiveOutcome;
  wasLabeled: boolean;
  isLabeled: boolean;
}

export class DerivedState {
  private readonly tallies = new Map<number, Tally>();
  private readonly columns = new Map<number, OutcomeColumns>();

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
    }
    return columns;
  }

  /** Moves the item between outcome counts and patches its column, where they are cached. */
  itemChanged(change: OutcomeChange): void {
    const tally = this.tallies.get(change.runId);
    if (tally) {
      tally.counts[change.before]--;
      tally.counts[change.after]++;
      tally.labeledCount += Number(change.isLabeled) - Number(change.wasLabeled);
    }
    const columns = this.columns.get(change.runId);
    if (columns && change.ord < columns.outcome.length) columns.outcome[change.ord] = OUTCOME_CODE[change.after];
  }

  forgetRun(runId: number): void {
    this.tallies.delete(runId);
    this.columns.delete(runId);
  }

  forgetAll(): void {
    this.tallies.clear();
    this.columns.clear();
  }
}

export function emptyTally(): Tally {
  return { counts: emptyOutcomeCounts(), itemCount: 0, labeledCount: 0, confidenceCount: 0 };
}
