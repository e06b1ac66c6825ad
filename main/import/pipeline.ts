import { createHash } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { mkdtemp, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import type { ImportResultFile, ImportSource } from '../../shared/api/contract.ts';
import type { NewItem, Store } from '../store/store.ts';
import { detectFormat } from './detect.ts';
import { ImportError } from './types.ts';

/** Bumped when the mapping from files to items changes; stored with every run. */
export const IMPORTER_VERSION = '1';

export interface ImportProgress {
  /** Which file of the batch (0-based) and its name. */
  fileIndex: number;
  file: string;
  bytesRead: number;
  bytesTotal: number;
}

export interface ImportOptions {
  signal?: AbortSignal;
  onProgress?: (progress: ImportProgress) => void;
}

async function hashFile(path: string, signal?: AbortSignal): Promise<{ sha256: string; size: number }> {
  const hash = createHash('sha256');
  let size = 0;
  for await (const chunk of createReadStream(path, { signal }) as AsyncIterable<Buffer>) {
    hash.update(chunk);
    size += chunk.length;
  }
  return { sha256: hash.digest('hex'), size };
}

interface RunGroup {
  model: string | null;
  task: string | null;
  items: NewItem[];
}

function runName(file: string, group: RunGroup, groupCount: number): string {
  const base = basename(file);
  if (groupCount === 1) return base;
  return [base, group.model, group.task].filter(Boolean).join(' · ');
}

/**
 * Imports one file: hashes it (the same bytes imported twice are recognised),
 * reads it through the reader its content calls for, splits it into runs by
 * (model, task), and writes all of them in one transaction. A malformed file
 * throws ImportError and leaves the store as it was.
 */
export async function importFile(
  store: Store,
  path: string,
  displayPath: string,
  options: ImportOptions & { fileIndex?: number } = {},
): Promise<ImportResultFile> {
  const { signal } = options;
  let info;
  try {
    info = await stat(path);
  } catch {
    throw new ImportError('not-found', 'no such file, or it cannot be read', { file: displayPath });
  }
  if (!info.isFile()) throw new ImportError('not-a-file', 'is not a regular file', { file: displayPath });
  const { sha256, size } = await hashFile(path, signal);
  const existing = store.runIdsBySha256(sha256);
  if (existing.length > 0) {
    const items = existing.reduce((sum, id) => sum + (store.getRun(id)?.itemCount ?? 0), 0);
    return { file: displayPath, runIds: existing, duplicateOf: existing, items };
  }
  const detected = await detectFormat(path);
  if (!detected) {
    throw new ImportError(
      'unknown-format',
      'not a format Candor reads (expected CSV, TSV, JSONL or a JSON array of records, or a known evaluation log)',
      { file: displayPath },
    );
  }
  const report = (bytesRead: number) =>
    options.onProgress?.({ fileIndex: options.fileIndex ?? 0, file: displayPath, bytesRead, bytesTotal: size });
  const reader = detected.reader(path, { signal, onProgress: report });
  const groups = new Map<string, RunGroup>();
  let count = 0;
  try {
    for await (const item of reader.items()) {
      signal?.throwIfAborted();
      const groupKey = JSON.stringify([item.model, item.task]);
      let group = groups.get(groupKey);
      if (!group) {
        group = { model: item.model, task: item.task, items: [] };
        groups.set(groupKey, group);
      }
      group.items.push({
        key: item.key,
        prompt: item.prompt,
        answer: item.answer,
        gold: item.gold,
        grade: item.grade,
        confidence: item.confidence,
        extra: item.extra,
      });
      count++;
    }
  } catch (error) {
    if (error instanceof ImportError) throw error;
    if (signal?.aborted) throw new ImportError('cancelled', 'import cancelled', { file: displayPath });
    throw new ImportError('read-failed', error instanceof Error ? error.message : String(error), { file: displayPath });
  }
  if (count === 0) throw new ImportError('empty', 'holds no items', { file: displayPath });
  signal?.throwIfAborted();
  const summary = reader.summary();
  const scale = summary.confidenceScale === 'percent' ? 100 : 1;
  const runList = [...groups.values()];
  const runIds = store.writeRuns((createRun) => {
    for (const group of runList) {
      const add = createRun({
        name: runName(displayPath, group, runList.length),
        model: group.model ?? summary.model,
        task: group.task ?? summary.task,
        format: summary.format,
        formatVersion: summary.formatVersion,
        sourcePath: displayPath,
        sourceSha256: sha256,
        sourceSize: size,
        importerVersion: IMPORTER_VERSION,
        metadata: { ...summary.metadata, confidenceScale: summary.confidenceScale },
      });
      for (const item of group.items) {
        add(scale === 1 || item.confidence === null ? item : { ...item, confidence: item.confidence / scale });
      }
    }
  });
  report(size);
  return { file: displayPath, runIds, duplicateOf: null, items: count };
}

/** Imports each source in turn; an upload is staged in a private temp folder first. */
export async function importSources(
  store: Store,
  sources: ImportSource[],
  options: ImportOptions = {},
): Promise<ImportResultFile[]> {
  const results: ImportResultFile[] = [];
  for (const [fileIndex, source] of sources.entries()) {
    if (source.kind === 'path') {
      results.push(await importFile(store, source.path, source.path, { ...options, fileIndex }));
      continue;
    }
    const dir = await mkdtemp(join(tmpdir(), 'candor-upload-'));
    try {
      const staged = join(dir, basename(source.name).replace(/[^\w.-]+/g, '_') || 'upload');
      await writeFile(staged, source.text, 'utf8');
      results.push(await importFile(store, staged, source.name, { ...options, fileIndex }));
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  }
  return results;
}
