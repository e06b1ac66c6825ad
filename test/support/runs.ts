// Writes runs for tests through the importer's own writer, so tests exercise
// the one path that puts items in the store.
import type { Outcome } from '../../shared/domain.ts';
import { RunWriter } from '../../main/import/writer.ts';
import type { Store } from '../../main/store/store.ts';

export interface NewRun {
  name: string;
  model: string | null;
  task: string | null;
  format: string;
  formatVersion: string | null;
  sourcePath: string;
  sourceSha256: string;
  sourceSize: number;
  importerVersion: string;
  metadata: Record<string, unknown>;
}

export interface NewItem {
  key: string;
  prompt: string;
  answer: string;
  gold: string | null;
  grade: Outcome | null;
  confidence: number | null;
  extra: Record<string, unknown>;
}

/** Every run created in `fill` is written in one transaction, or none if `fill` throws. */
export function writeRuns(store: Store, fill: (createRun: (run: NewRun) => (item: NewItem) => void) => void): number[] {
  let writer: RunWriter | null = null;
  let meta: NewRun | null = null;
  try {
    fill((run) => {
      meta ??= run;
      writer ??= new RunWriter(store, { displayPath: run.sourcePath, size: run.sourceSize, importerVersion: run.importerVersion });
      let line = 1;
      const target = writer;
      return (item) => target.add({ ...item, model: run.model, task: run.task, line: ++line });
    });
  } catch (error) {
    (writer as RunWriter | null)?.rollback();
    throw error;
  }
  if (!writer || !meta) return [];
  const run: NewRun = meta;
  return (writer as RunWriter).commit({
    format: run.format,
    formatVersion: run.formatVersion,
    confidenceScale: 'unit',
    model: run.model,
    task: run.task,
    metadata: run.metadata,
  }, run.sourceSha256);
}
