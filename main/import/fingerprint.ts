// A run source's fingerprint (SHA-256 of its bytes): the same run imported
// twice is recognised by it. Computed on the importing thread while the file
// is read (pipeline.ts), also when the import worker parses it.
import { createHash } from 'node:crypto';
import { readdir } from 'node:fs/promises';
import { basename, join, relative } from 'node:path';
import { openRegularFile } from './regular-file.ts';

/** A dropped folder is searched this deep and this wide for run files, no further. */
export const MAX_FOLDER_DEPTH = 6;
export const MAX_FOLDER_FILES = 10_000;

async function hashFile(path: string, hash: ReturnType<typeof createHash>, signal?: AbortSignal): Promise<number> {
  let size = 0;
  const handle = await openRegularFile(path, basename(path));
  // One buffer read into again and again (lines.ts says why).
  const buffer = Buffer.allocUnsafeSlow(HASH_CHUNK_BYTES);
  try {
    for (;;) {
      signal?.throwIfAborted();
      const { bytesRead } = await handle.read(buffer, 0, HASH_CHUNK_BYTES, null);
      if (bytesRead === 0) return size;
      hash.update(bytesRead === HASH_CHUNK_BYTES ? buffer : buffer.subarray(0, bytesRead));
      size += bytesRead;
    }
  } finally {
    await handle.close();
  }
}
const HASH_CHUNK_BYTES = 1024 * 1024;

export async function listFiles(dir: string, depth = 0, found: string[] = []): Promise<string[]> {
  if (depth > MAX_FOLDER_DEPTH || found.length >= MAX_FOLDER_FILES) return found;
  const entries = await readdir(dir, { withFileTypes: true });
  entries.sort((a, b) => a.name.localeCompare(b.name));
  for (const entry of entries) {
    if (entry.name.startsWith('.')) continue;
    const path = join(dir, entry.name);
    if (entry.isDirectory()) await listFiles(path, depth + 1, found);
    else if (entry.isFile()) found.push(path);
    if (found.length >= MAX_FOLDER_FILES) break;
  }
  return found;
}

/**
 * The fingerprint of a source: the file's bytes, or for a folder that is one
 * run (HELM), every file in it by relative path, so the same run imported
 * twice is recognised either way.
 */
export async function fingerprint(path: string, isDirectory: boolean, signal?: AbortSignal): Promise<{ sha256: string; size: number }> {
  const hash = createHash('sha256');
  if (!isDirectory) {
    const size = await hashFile(path, hash, signal);
    return { sha256: hash.digest('hex'), size };
  }
  let size = 0;
  for (const file of await listFiles(path)) {
    hash.update(`${relative(path, file)}\0`);
    size += await hashFile(file, hash, signal);
  }
  return { sha256: hash.digest('hex'), size };
}
