import { Decompress } from 'fzstd';
import yauzl from 'yauzl';
import { ImportError } from './types.ts';
import { ZstdFrameGuard, ZstdWindowTooLarge } from './zstd-guard.ts';

export type ZipEntry = yauzl.Entry;
export type ZipFile = yauzl.ZipFile;

const STORED = 0;
const DEFLATE = 8;
/** Zip method 93 is Zstandard; Inspect >= 0.3.206 writes .eval entries with it. */
const ZSTD = 93;

export const DEFAULT_MAX_ENTRY_BYTES = 512 * 1024 * 1024;

export async function openZip(path: string, file: string): Promise<{ zip: ZipFile; entries: ZipEntry[] }> {
  let zip: ZipFile;
  try {
    zip = await yauzl.openPromise(path, { lazyEntries: true, autoClose: false });
  } catch (error) {
    throw new ImportError('invalid-zip', `is not a readable zip archive (${(error as Error).message})`, { file });
  }
  const entries: ZipEntry[] = [];
  try {
    for await (const entry of zip.eachEntry()) entries.push(entry);
  } catch (error) {
    zip.close();
    throw new ImportError('invalid-zip', `has a damaged zip directory (${(error as Error).message})`, { file });
  }
  return { zip, entries };
}

/**
 * Streams one entry's expanded bytes into `sink` as they are decompressed,
 * holding none of them: memory is a decompressor's window, whatever the
 * entry's header claims. More than maxBytes of output is refused (counted,
 * not taken from the header), and so is a zstd frame that asks for a window
 * larger than we allow.
 */
export async function streamZipEntry(zip: ZipFile, entry: ZipEntry, file: string, maxBytes: number, sink: (chunk: Uint8Array) => void): Promise<void> {
  const where = { file, field: entry.fileName };
  const tooBig = () =>
    new ImportError(
      'entry-too-large',
      `zip entry ${entry.fileName} expands to more than ${sizeText(maxBytes)} (refusing it: a damaged or malicious archive?)`,
      where,
    );
  if (entry.uncompressedSize > maxBytes) throw tooBig();
  const method = entry.compressionMethod;
  if (method !== STORED && method !== DEFLATE && method !== ZSTD) {
    throw new ImportError('invalid-zip', `zip entry ${entry.fileName} uses compression method ${method} (expected stored, deflate or zstd)`, where);
  }
  let total = 0;
  const take = (chunk: Uint8Array) => {
    total += chunk.length;
    if (total > maxBytes) throw tooBig();
    if (chunk.length > 0) sink(chunk);
  };
  try {
    const stream = await zip.openReadStreamPromise(entry, method === ZSTD ? { decodeFileData: false } : {});
    const guard = method === ZSTD ? new ZstdFrameGuard() : null;
    const zstd = method === ZSTD ? new Decompress((chunk) => take(chunk)) : null;
    try {
      for await (const chunk of stream as AsyncIterable<Buffer>) {
        if (zstd) {
          guard!.check(chunk);
          zstd.push(chunk);
        } else take(chunk);
      }
      zstd?.push(new Uint8Array(0), true);
    } finally {
      stream.destroy();
    }
  } catch (error) {
    if (error instanceof ImportError) throw error;
    if (error instanceof ZstdWindowTooLarge) throw new ImportError('entry-too-large', `zip entry ${entry.fileName}: ${error.message} (refusing it: a damaged or malicious archive?)`, where);
    // The sink's own refusals (a located import error, a bad document) pass through as they are.
    if (error instanceof Error && error.name === 'BoundedJsonError') throw error;
    throw new ImportError('invalid-zip', `zip entry ${entry.fileName} cannot be decompressed (${(error as Error).message})`, where);
  }
}

function sizeText(bytes: number): string {
  return bytes >= 1024 * 1024 ? `${Math.round(bytes / (1024 * 1024))} MiB` : `${bytes} bytes`;
}
