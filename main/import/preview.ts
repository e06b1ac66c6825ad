import { basename } from 'node:path';
import type { ImportPreview, PreviewItem } from '../../shared/api/contract.ts';
import { detectFormat } from './detect.ts';
import { ImportError, type RunFileReader } from './types.ts';

/** Formats whose columns the user maps (the others have a fixed schema). */
export const TABULAR_FORMATS = new Set(['csv', 'tsv', 'jsonl', 'json']);

/** A stable name for a set of column names, under which a confirmed mapping is remembered. */
export function layoutKey(columns: readonly string[]): string {
  return `import-mapping:${[...columns].map((c) => c.trim().toLowerCase()).sort().join('\u001f')}`;
}

/**
 * Reads just enough of a file to show what importing it would create: the
 * format, the column mapping (for tabular files), the first items as they
 * would be stored, and the runs they fall into. Nothing is written.
 */
export async function previewFile(
  path: string,
  displayPath: string,
  readerOptions: Record<string, unknown> = {},
  limit = 20,
): Promise<Omit<ImportPreview, 'duplicateOf' | 'rememberedMapping'>> {
  const detected = await detectFormat(path);
  if (!detected) {
    throw new ImportError('unknown-format', 'not a format Candor reads', { file: basename(displayPath) });
  }
  const controller = new AbortController();
  const reader: RunFileReader = detected.reader(path, { ...readerOptions, signal: controller.signal });
  const items: PreviewItem[] = [];
  const runs = new Map<string, { model: string | null; task: string | null; items: number }>();
  for await (const item of reader.items()) {
    const runKey = JSON.stringify([item.model, item.task]);
    const run = runs.get(runKey) ?? { model: item.model, task: item.task, items: 0 };
    run.items++;
    runs.set(runKey, run);
    items.push({
      line: item.line,
      key: item.key,
      prompt: item.prompt.slice(0, 2000),
      answer: item.answer.slice(0, 2000),
      gold: item.gold === null ? null : item.gold.slice(0, 2000),
      grade: item.grade,
      confidence: item.confidence,
      model: item.model,
      task: item.task,
    });
    if (items.length >= limit) break;
  }
  controller.abort();
  const layout = reader.layout?.() ?? null;
  const notes = reader.notes?.() ?? (layout ? tabularNotes(layout.mapping) : []);
  const confidenceScale = layout?.confidenceScale ?? null;
  // As they will be stored: percentages divided by 100.
  if (confidenceScale?.scale === 'percent') for (const item of items) if (item.confidence !== null) item.confidence /= 100;
  return {
    notes,
    choices: reader.choices?.() ?? {},
    file: displayPath,
    format: detected.format,
    tabular: TABULAR_FORMATS.has(detected.format),
    columns: layout?.columns ?? null,
    mapping: layout?.mapping ?? null,
    guessedMapping: layout?.guessed ?? null,
    layoutKey: layout ? layoutKey(layout.columns) : null,
    items,
    confidenceLooksPercent: confidenceScale?.scale === 'percent',
    confidenceScale,
    runs: [...runs.values()],
  };
}

/**
 * The column names of a tabular file, read from its first record, even when
 * the guessed mapping would be refused (that is when a remembered one helps).
 */
export async function sniffColumns(path: string, readerOptions: Record<string, unknown> = {}): Promise<string[] | null> {
  const detected = await detectFormat(path);
  if (!detected || !TABULAR_FORMATS.has(detected.format)) return null;
  const controller = new AbortController();
  const reader = detected.reader(path, { ...readerOptions, signal: controller.signal });
  try {
    for await (const item of reader.items()) {
      void item;
      break;
    }
  } catch {
    // The layout is known before the mapping is judged; the error is not ours to report here.
  } finally {
    controller.abort();
  }
  return reader.layout?.()?.columns ?? null;
}

/** What a table's mapping leaves undecided, in the preview's words. */
function tabularNotes(mapping: Partial<Record<string, string>>): string[] {
  const notes: string[] = [];
  notes.push(
    mapping.grade !== undefined
      ? `Grade from the column "${mapping.grade}".`
      : 'No grade column found: choose one in the mapping, or label the items (Candor suggests grades where the answer matches the gold).',
  );
  notes.push(mapping.confidence !== undefined ? `Confidence from the column "${mapping.confidence}".` : 'No confidence column found: choose one in the mapping if the file has one.');
  return notes;
}
