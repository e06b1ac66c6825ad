// Browser mode sends run files to Candor as their bytes (base64 chunks through
// import/upload), never as text: .eval zips and parquet must arrive intact.
// Files picked or dropped together go into one upload under their relative
// paths, so a samples file sits beside its results file and a HELM run folder
// stays a folder, as on the user's disk.
import { call } from '../api/client.ts';

/** Bytes per chunk: 6 MiB is exactly the 8 MiB of base64 one request may carry. */
const CHUNK_BYTES = 6 * 1024 * 1024;
/** A dropped folder is read this far, no further (the server keeps the same limit). */
const MAX_FILES = 10_000;
/** Hidden folders are skipped, except DeepEval's. */
const KEPT_HIDDEN = new Set(['.deepeval', '.latest_test_run.json', '.latest_run_full.json']);

export interface UploadFile {
  file: File;
  /** Where the file sits among the ones picked together ("run/scenario_state.json"). */
  path: string;
}

export interface UploadProgress {
  files: number;
  fileCount: number;
  bytes: number;
  bytesTotal: number;
}

function blobToBase64(blob: Blob): Promise<string> {
  return new Promise((resolve, reject) => {
    const reader = new FileReader();
    reader.onload = () => {
      const url = String(reader.result);
      resolve(url.slice(url.indexOf(',') + 1));
    };
    reader.onerror = () => reject(reader.error ?? new Error('the file could not be read'));
    reader.readAsDataURL(blob);
  });
}

/** Paths made unique: two files of the same name picked from different folders keep both. */
function uniquePaths(files: UploadFile[]): UploadFile[] {
  const seen = new Set<string>();
  return files.map(({ file, path }) => {
    let unique = path;
    const dot = path.lastIndexOf('.');
    const [stem, ext] = dot > path.lastIndexOf('/') + 1 ? [path.slice(0, dot), path.slice(dot)] : [path, ''];
    for (let n = 2; seen.has(unique); n++) unique = `${stem} (${n})${ext}`;
    seen.add(unique);
    return { file, path: unique };
  });
}

/** Sends the files' bytes into one upload and returns its id. */
export async function uploadFiles(files: UploadFile[], onProgress?: (progress: UploadProgress) => void): Promise<string> {
  const list = uniquePaths(files);
  const bytesTotal = list.reduce((sum, { file }) => sum + file.size, 0);
  let uploadId: string | undefined;
  let bytes = 0;
  for (const [index, { file, path }] of list.entries()) {
    let offset = 0;
    do {
      const base64 = await blobToBase64(file.slice(offset, offset + CHUNK_BYTES));
      const result = await call('import/upload', { uploadId, path, offset, base64 });
      uploadId = result.uploadId;
      const sent = Math.min(CHUNK_BYTES, file.size - offset);
      offset += sent;
      bytes += sent;
      onProgress?.({ files: index + (offset >= file.size ? 1 : 0), fileCount: list.length, bytes, bytesTotal });
    } while (offset < file.size);
  }
  if (uploadId === undefined) throw new Error('nothing to upload');
  return uploadId;
}

/** The files an <input type="file"> gave, with the relative paths a folder pick carries. */
export function pickedFiles(files: File[]): UploadFile[] {
  return files.map((file) => ({ file, path: file.webkitRelativePath || file.name }));
}

function readEntries(reader: FileSystemDirectoryReader): Promise<FileSystemEntry[]> {
  return new Promise((resolve, reject) => reader.readEntries(resolve, reject));
}

function entryFile(entry: FileSystemFileEntry): Promise<File> {
  return new Promise((resolve, reject) => entry.file(resolve, reject));
}

/**
 * What was dropped, folders included (read through the entries API). The
 * entries must be taken from the drop event before it returns, so the caller
 * passes them, not the event.
 */
export async function droppedFiles(entries: FileSystemEntry[]): Promise<UploadFile[]> {
  const out: UploadFile[] = [];
  async function walk(entry: FileSystemEntry, prefix: string): Promise<void> {
    if (out.length >= MAX_FILES) return;
    if (entry.name.startsWith('.') && !KEPT_HIDDEN.has(entry.name)) return;
    const path = prefix ? `${prefix}/${entry.name}` : entry.name;
    if (entry.isFile) {
      out.push({ file: await entryFile(entry as FileSystemFileEntry), path });
    } else if (entry.isDirectory) {
      const reader = (entry as FileSystemDirectoryEntry).createReader();
      // readEntries returns a folder in batches until an empty one.
      for (let batch = await readEntries(reader); batch.length > 0; batch = await readEntries(reader)) {
        for (const child of batch) await walk(child, path);
      }
    }
  }
  for (const entry of entries) await walk(entry, '');
  return out;
}
