import { mkdtemp, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { basename, join, relative, sep } from 'node:path';
import type { ImportPreviewResult, ImportResultFile, ImportSource } from '../../shared/api/contract.ts';
import type { ApiError } from '../../shared/domain.ts';
import type { Store } from '../store/store.ts';
import { detectFormat } from './detect.ts';
import { fingerprint } from './fingerprint.ts';
import { findRuns } from './run-sources.ts';
import { layoutKey, previewFile, sniffColumns, TABULAR_FORMATS } from './preview.ts';
import { ImportError, type ImportedItem, type ReaderLayout, type ReaderSummary, type StagedUploads } from './types.ts';
import { readInWorker } from './worker-reader.ts';
import { RunWriter } from './writer.ts';

/** Bumped when the mapping from files to items changes; stored with every run. */
export const IMPORTER_VERSION = '3';

/** Files from this size on are parsed in the import worker, beside the inserts. */
const WORKER_THRESHOLD_BYTES = 4 * 1024 * 1024;


export interface ImportProgress {
  /** Which file of the batch (0-based) and its name. */
  fileIndex: number;
  fileCount: number;
  file: string;
  bytesRead: number;
  bytesTotal: number;
}

export interface ImportOptions {
  signal?: AbortSignal | undefined;
  onProgress?: ((progress: ImportProgress) => void) | undefined;
  /** Reader options chosen by the user (scorer, filter, ...), passed to the format's reader. */
  readerOptions?: Record<string, unknown> | undefined;
  /** Files at least this large are parsed in the import worker (tests lower it). */
  workerThresholdBytes?: number | undefined;
}

/**
 * Imports one run file (or one run folder): hashes it (the same bytes
 * imported twice are recognised), reads it through the reader its content
 * calls for, splits it into runs by (model, task), and streams the items into
 * one transaction on a connection of its own. Readers see nothing until it
 * commits; a malformed file throws ImportError and leaves the store as it was.
 */
export async function importFile(
  store: Store,
  path: string,
  displayPath: string,
  options: ImportOptions & { fileIndex?: number; fileCount?: number } = {},
): Promise<ImportResultFile> {
  const { signal } = options;
  const name = basename(displayPath);
  let info;
  try {
    info = await stat(path);
  } catch {
    throw new ImportError('not-found', 'no such file, or it cannot be read', { file: name });
  }
  if (!info.isFile() && !info.isDirectory()) throw new ImportError('not-a-file', 'is not a regular file or folder', { file: name });
  // The hash is computed while the file is read (duplicates are rare; one
  // found at the end is rolled back and reported as a duplicate). Here, even
  // for a file the import worker parses: the parse is the import's longer
  // half, and this thread waits for it between its inserts.
  const inWorker = info.isFile() && info.size >= (options.workerThresholdBytes ?? WORKER_THRESHOLD_BYTES);
  const hashing = fingerprint(path, info.isDirectory(), signal);
  hashing.catch(() => undefined);
  const size = info.isDirectory() ? (await hashing).size : info.size;
  const detected = await detectFormat(path);
  if (!detected) {
    throw new ImportError(
      'unknown-format',
      'not a format Candor reads (expected CSV, TSV, JSONL or a JSON array of records, or an Inspect, lm-evaluation-harness, HELM, promptfoo or OpenAI evals log)',
      { file: name },
    );
  }
  const readerOptions = await withRememberedMapping(store, path, detected.format, options.readerOptions ?? {});
  const report = (bytesRead: number) =>
    options.onProgress?.({
      fileIndex: options.fileIndex ?? 0,
      fileCount: options.fileCount ?? 1,
      file: displayPath,
      bytesRead: Math.min(bytesRead, size),
      bytesTotal: size,
    });
  let abandon = () => {};
  let writer: RunWriter | null = null;
  try {
    const open = new RunWriter(store, { displayPath, size, importerVersion: IMPORTER_VERSION, percentAllowed: TABULAR_FORMATS.has(detected.format) });
    writer = open;
    let finish: () => { summary: ReaderSummary; layout: ReaderLayout | null };
    let afterCommit = () => {};
    // Large files parse in the import worker while this thread inserts; small
    // ones are not worth a thread's start-up.
    if (inWorker) {
      const read = readInWorker(path, name, readerOptions, signal, report);
      for await (const batch of read.batches) open.addBatch(batch);
      finish = read.result;
      abandon = read.abandon;
      afterCommit = store.path === ':memory:' ? read.abandon : () => store.awaitBeforeClose(read.checkpointAndExit(store.path));
    } else {
      const reader = detected.reader(path, { ...readerOptions, signal, onProgress: report });
      if (reader.itemBatches) for await (const items of reader.itemBatches()) items.forEach((item) => open.add(item));
      else for await (const item of reader.items() as AsyncIterable<ImportedItem>) open.add(item);
      finish = () => ({ summary: reader.summary(), layout: reader.layout?.() ?? null });
    }
    if (signal?.aborted) throw new ImportError('cancelled', 'import cancelled', { file: name });
    if (writer.count === 0) throw new ImportError('empty', 'holds no items', { file: name });
    const { sha256 } = await hashing;
    const existing = store.runs.idsBySha256(sha256);
    if (existing.length > 0) {
      writer.rollback();
      abandon();
      const items = existing.reduce((sum, id) => sum + (store.runs.get(id)?.itemCount ?? 0), 0);
      return { file: displayPath, runIds: existing, duplicateOf: existing, items };
    }
    const { summary, layout } = finish();
    const runIds = writer.commit(summary, sha256);
    afterCommit();
    rememberMapping(store, layout, readerOptions);
    report(size);
    return { file: displayPath, runIds, duplicateOf: null, items: writer.count };
  } catch (error) {
    writer?.rollback();
    abandon();
    if (error instanceof ImportError) throw error;
    if (signal?.aborted) throw new ImportError('cancelled', 'import cancelled', { file: name });
    throw new ImportError('read-failed', error instanceof Error ? error.message : String(error), { file: name });
  }
}

/** Most stores have none: then no file needs a look at its columns before the import. */
function hasRememberedMappings(store: Store): boolean {
  return store.settings.hasPrefix('import-mapping:');
}

function hasMapping(options: Record<string, unknown>): boolean {
  return Object.keys(options).some((key) => key.startsWith('column.'));
}

/**
 * A tabular file imported without an explicit mapping gets the one the user
 * last confirmed for files with the same columns, if any.
 */
async function withRememberedMapping(
  store: Store,
  path: string,
  format: string,
  options: Record<string, unknown>,
): Promise<Record<string, unknown>> {
  if (!TABULAR_FORMATS.has(format) || hasMapping(options) || !hasRememberedMappings(store)) return options;
  const columns = await sniffColumns(path, options);
  if (!columns) return options;
  const remembered = store.settings.get<Record<string, string>>(layoutKey(columns));
  return remembered ? { ...remembered, ...options } : options;
}

/** A mapping the user chose explicitly is remembered for this column layout. */
function rememberMapping(store: Store, layout: { columns: string[] } | null, options: Record<string, unknown>): void {
  if (!layout || !hasMapping(options)) return;
  const mapping = Object.fromEntries(Object.entries(options).filter(([key]) => key.startsWith('column.')));
  store.settings.put(layoutKey(layout.columns), mapping);
}

/** Stages an upload under its own name so the readers' messages name the file the user picked. */
async function withStagedSource<T>(source: ImportSource, use: (path: string, displayPath: string) => Promise<T>, display?: string): Promise<T> {
  if (source.kind === 'path') return use(source.path, display ?? source.path);
  if (source.kind === 'staged') throw new ImportError('not-expanded', 'an upload must be expanded into its files first', { file: source.path ?? 'upload' });
  const dir = await mkdtemp(join(tmpdir(), 'candor-upload-'));
  try {
    const name = basename(source.name.replace(/\\/g, '/').replace(/\0/g, ''));
    const staged = join(dir, name === '' || name === '.' || name === '..' || name.length > 200 ? 'upload' : name);
    await writeFile(staged, source.text, 'utf8');
    return await use(staged, source.name);
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

/**
 * The files a source stands for, each as a path source with the name to show:
 * a folder (or a whole upload) becomes the runs found inside it, named by
 * their path relative to it when it was uploaded.
 */
async function expandSource(source: ImportSource, uploads: StagedUploads | undefined, lenient: boolean): Promise<Array<{ one: ImportSource; display: string; uploadPath?: string }>> {
  if (source.kind === 'upload') return [{ one: source, display: source.name }];
  if (source.kind === 'path') {
    const paths = lenient ? await expand(source.path).catch(() => [source.path]) : await expand(source.path);
    return paths.map((path) => ({ one: { kind: 'path', path, options: source.options }, display: path }));
  }
  if (!uploads) throw new ImportError('no-uploads', 'uploads are not available here', { file: source.path ?? 'upload' });
  const { path, root } = await uploads.resolve(source.uploadId, source.path);
  const paths = await expand(path).catch((error: unknown) => {
    // The staged folder's own name is an upload id: name what the user picked instead.
    if (error instanceof ImportError && error.code === 'empty-folder') throw new ImportError('empty-folder', error.reason, { file: source.path || 'the picked files' });
    throw error;
  });
  const out: Array<{ one: ImportSource; display: string; uploadPath: string }> = [];
  for (const run of paths) {
    const uploadPath = relative(root, run).split(sep).join('/');
    // The files of one run folder picked together: the upload itself is the run, named as the run names itself.
    const display = uploadPath === '' ? await runFolderName(run) : uploadPath;
    out.push({ one: { kind: 'path', path: run, options: source.options }, display, uploadPath });
  }
  return out;
}

/** A run folder's own name (HELM's run_spec.json names it), for a folder whose name was not picked. */
async function runFolderName(dir: string): Promise<string> {
  try {
    const spec: unknown = JSON.parse(await readFile(join(dir, 'run_spec.json'), 'utf8'));
    if (spec !== null && typeof spec === 'object' && typeof (spec as { name?: unknown }).name === 'string') return (spec as { name: string }).name;
  } catch {
    // no run_spec.json: the generic name below
  }
  return 'picked files';
}

/**
 * Previews each source: what it would create, with the mapping that would be
 * used; nothing is written. A file that cannot be previewed is reported in
 * its place, its error put as the API puts errors (`toApiError`, handed in by
 * the handler: the import layer sits below the handlers).
 */
export async function previewSources(
  store: Store,
  sources: ImportSource[],
  toApiError: (error: unknown) => ApiError,
  limit = 20,
  uploads?: StagedUploads,
): Promise<ImportPreviewResult[]> {
  const results: ImportPreviewResult[] = [];
  for (const source of sources) {
    let expanded: Array<{ one: ImportSource; display: string; uploadPath?: string }>;
    try {
      expanded = await expandSource(source, uploads, true);
    } catch (error) {
      results.push({ ok: false, file: source.kind === 'path' ? source.path : source.kind === 'upload' ? source.name : source.path ?? 'upload', error: toApiError(error) });
      continue;
    }
    for (const { one, display, uploadPath } of expanded) {
      const shown = display;
      const where = uploadPath === undefined ? {} : { uploadPath };
      try {
        results.push(
          await withStagedSource(one, async (path, displayPath) => {
            const detected = await detectFormat(path);
            const options = detected
              ? await withRememberedMapping(store, path, detected.format, one.options ?? {})
              : (one.options ?? {});
            const preview = await previewFile(path, displayPath, options, limit);
            let duplicateOf: number[] | null = null;
            if (one.kind === 'path') {
              const info = await stat(path);
              const { sha256 } = await fingerprint(path, info.isDirectory());
              const existing = store.runs.idsBySha256(sha256);
              duplicateOf = existing.length > 0 ? existing : null;
            }
            return { ok: true as const, ...where, preview: { ...preview, duplicateOf, rememberedMapping: hasMapping(options) && !hasMapping(one.options ?? {}) } };
          }, display),
        );
      } catch (error) {
        results.push({ ok: false, file: shown, ...where, error: toApiError(error) });
      }
    }
  }
  return results;
}

/**
 * Turns what the user picked into run sources: a file is itself; a folder is
 * itself when it is one run (HELM), else every run file found inside it.
 */
export async function expand(path: string): Promise<string[]> {
  const info = await stat(path).catch(() => null);
  if (!info?.isDirectory()) return [path];
  if (await detectFormat(path)) return [path];
  const runs = await findRuns(path);
  if (runs.length === 0) throw new ImportError('empty-folder', 'holds no run file Candor can read', { file: basename(path) });
  return runs;
}

/** Imports each source in turn, each in its own transaction; an upload is staged in a private temp folder first. */
export async function importSources(store: Store, sources: ImportSource[], options: ImportOptions & { uploads?: StagedUploads } = {}): Promise<ImportResultFile[]> {
  const results: ImportResultFile[] = [];
  const expanded: Array<{ one: ImportSource; display: string }> = [];
  for (const source of sources) expanded.push(...(await expandSource(source, options.uploads, false)));
  for (const [fileIndex, { one, display }] of expanded.entries()) {
    const perFile = { ...options, readerOptions: { ...options.readerOptions, ...one.options }, fileIndex, fileCount: expanded.length };
    try {
      results.push(await withStagedSource(one, (staged, displayPath) => importFile(store, staged, displayPath, perFile), display));
    } catch (error) {
      // Each file is whole or absent; the files imported before this one stay, and say so.
      if (error instanceof Error && results.length > 0) Object.assign(error, { completed: results });
      throw error;
    }
  }
  return results;
}
