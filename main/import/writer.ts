import { basename } from 'node:path';
import { suggestGrade } from '../../shared/grading/suggest.ts';
import type { AbstentionKind, Outcome } from '../../shared/domain.ts';
import type { ImportWriter } from '../store/import-writer.ts';
import type { Store } from '../store/store.ts';
import { readBatch, type ItemBatch } from './batch.ts';
import { checkItemValues } from './item-checks.ts';
import type { ImportedItem, ReaderSummary } from './types.ts';

interface OpenRun {
  runId: number;
  model: string | null;
  task: string | null;
  count: number;
  /** Items written while the file still looked like 0-1 probabilities. */
  unitPrefix: number;
}

/** What a run keeps of its reader's summary as metadata (also what `candor analyze` reports without a store). */
export function runMetadata(summary: ReaderSummary): Record<string, unknown> {
  return {
    ...summary.metadata,
    confidenceScale: summary.confidenceScale,
    ...(summary.confidenceScaleReason === undefined ? {} : { confidenceScaleReason: summary.confidenceScaleReason }),
  };
}

/**
 * Streams a file's items into the store through the writer it hands out (one
 * transaction on a connection of its own): memory stays bounded whatever the
 * file size, other readers see nothing until commit, and a rollback leaves no
 * trace. Runs are created as (model, task) pairs first appear and named when
 * the file is done.
 */
export class RunWriter {
  private readonly rows: ImportWriter;
  private readonly runs = new Map<string, OpenRun>();
  /** The run of the row before: files are mostly one run, or long stretches of one. */
  private lastRun: OpenRun | null = null;
  private percentSeen = false;
  count = 0;

  constructor(
    store: Store,
    private readonly source: {
      displayPath: string;
      size: number;
      importerVersion: string;
      /** Only tabular files may state confidences in percent; from other readers a value above 1 is an error. */
      percentAllowed?: boolean;
    },
  ) {
    this.rows = store.openImportWriter();
  }

  private runFor(model: string | null, task: string | null): OpenRun {
    const last = this.lastRun;
    if (last !== null && last.model === model && last.task === task) return last;
    const key = `${model ?? ''}\u0000${task ?? ''}`;
    let run = this.runs.get(key);
    if (!run) {
      const runId = this.rows.createRun({
        name: basename(this.source.displayPath),
        model,
        task,
        sourcePath: this.source.displayPath,
        sourceSize: this.source.size,
        importerVersion: this.source.importerVersion,
      });
      run = { runId, model, task, count: 0, unitPrefix: 0 };
      this.runs.set(key, run);
    }
    this.lastRun = run;
    return run;
  }

  /** One row, its values already checked (checkItemValues): in this thread by add(), in the import worker for a batch. */
  private addRow(
    model: string | null,
    task: string | null,
    key: string,
    prompt: string,
    answer: string,
    gold: string | null,
    grade: Outcome | null,
    partial: boolean,
    stated: number | null,
    extraJson: string,
    suggested: Outcome | null,
    basis: string | null,
    suggestedKind: AbstentionKind | null,
  ): void {
    const run = this.runFor(model, task);
    let confidence = stated;
    if (confidence !== null) {
      // A value above 1 means the file states percentages: from here on divide
      // as we go; what came before is divided at commit (see commit()).
      if (confidence > 1) this.percentSeen = true;
      if (this.percentSeen) confidence /= 100;
    }
    if (!this.percentSeen) run.unitPrefix = run.count + 1;
    this.rows.insertItemRow(run.runId, run.count, key, prompt, answer, gold, grade, partial, confidence, extraJson, suggested, basis, suggestedKind);
    run.count++;
    this.count++;
  }

  /** One item read in this thread. */
  add(item: ImportedItem): void {
    // A file without a grade gets a suggestion a person can accept; it is never counted by itself.
    const suggestion = item.grade === null ? suggestGrade(item.answer, item.gold) : null;
    checkItemValues(item.key, item.confidence, item.grade, suggestion?.grade ?? null, this.source.percentAllowed === false ? 1 : 100, item.partial === true);
    this.addRow(
      item.model,
      item.task,
      item.key,
      item.prompt,
      item.answer,
      item.gold,
      item.grade,
      item.partial === true,
      item.confidence,
      JSON.stringify(item.extra),
      suggestion?.grade ?? null,
      suggestion?.basis ?? null,
      suggestion?.kind ?? null,
    );
  }

  /** A batch from the import worker, which already checked the items, made the suggestions and the JSON. */
  addBatch(batch: ItemBatch): void {
    readBatch(batch, (item) =>
      this.addRow(
        item.model,
        item.task,
        item.key,
        item.prompt,
        item.answer,
        item.gold,
        item.grade,
        item.partial,
        item.confidence,
        item.extraJson,
        item.suggestedGrade,
        item.suggestionBasis,
        item.suggestedKind,
      ),
    );
  }

  commit(summary: ReaderSummary, sha256: string): number[] {
    const runs = [...this.runs.values()];
    const metadata = JSON.stringify(runMetadata(summary));
    const base = basename(this.source.displayPath);
    for (const run of runs) {
      // The reader may know the file is in percent (a % sign, a *_pct column) before any value exceeds 1.
      if (summary.confidenceScale === 'percent') this.rows.rescalePercent(run.runId, run.unitPrefix);
      const model = run.model ?? summary.model;
      const task = run.task ?? summary.task;
      const name = runs.length === 1 ? base : [base, run.model, run.task].filter(Boolean).join(' · ');
      this.rows.finishRun(run.runId, { name, model, task, format: summary.format, formatVersion: summary.formatVersion, metadata, sourceSha256: sha256 });
    }
    this.rows.commit();
    return runs.map((run) => run.runId);
  }

  rollback(): void {
    this.rows.rollback();
  }
}
