// Parquet rows through hyparquet (pure JavaScript, no native code), one row
// group at a time so a large details file is never held whole. Snappy is
// built in; the other codecs pyarrow writes use what Node and fzstd provide.
import { brotliDecompressSync, gunzipSync } from 'node:zlib';
import { decompress as zstdDecompress } from 'fzstd';
import { asyncBufferFromFile, parquetMetadataAsync, parquetReadObjects, type Compressors } from 'hyparquet';
import { ImportError } from './types.ts';
import { displayName, throwIfAborted } from './lines.ts';

const COMPRESSORS: Compressors = {
  ZSTD: (input) => zstdDecompress(input),
  GZIP: (input) => new Uint8Array(gunzipSync(input)),
  BROTLI: (input) => new Uint8Array(brotliDecompressSync(input)),
};

/** "PAR1" at both ends: a parquet file. */
export function isParquet(head: Uint8Array): boolean {
  return head.length >= 4 && head[0] === 0x50 && head[1] === 0x41 && head[2] === 0x52 && head[3] === 0x31;
}

/** Numbers stay numbers: INT64 columns arrive as BigInt, which JSON cannot hold. */
function plain(value: unknown): unknown {
  if (typeof value === 'bigint') return Number(value);
  if (Array.isArray(value)) return value.map(plain);
  if (value instanceof Uint8Array) return Array.from(value);
  if (value instanceof Date) return value.toISOString();
  if (value !== null && typeof value === 'object') {
    const out: Record<string, unknown> = {};
    for (const [key, v] of Object.entries(value)) out[key] = plain(v);
    return out;
  }
  return value;
}

export interface ParquetRows {
  rows: Array<Record<string, unknown>>;
  /** 1-based number of the first row in this batch. */
  firstRow: number;
}

export async function* readParquetRows(path: string, options: { signal?: AbortSignal; onProgress?: (bytes: number) => void } = {}): AsyncGenerator<ParquetRows> {
  const file = displayName(path);
  let buffer;
  let metadata;
  try {
    buffer = await asyncBufferFromFile(path);
    metadata = await parquetMetadataAsync(buffer);
  } catch (error) {
    throw new ImportError('invalid-parquet', `is not a readable parquet file (${error instanceof Error ? error.message : String(error)})`, { file });
  }
  let rowStart = 0;
  let bytes = 0;
  for (const group of metadata.row_groups) {
    throwIfAborted(options.signal, file);
    const rowEnd = rowStart + Number(group.num_rows);
    let rows: Array<Record<string, unknown>>;
    try {
      rows = await parquetReadObjects({ file: buffer, metadata, rowStart, rowEnd, compressors: COMPRESSORS });
    } catch (error) {
      throw new ImportError('invalid-parquet', `rows ${rowStart + 1}-${rowEnd} cannot be read (${error instanceof Error ? error.message : String(error)})`, { file, line: rowStart + 1 });
    }
    yield { rows: rows.map((row) => plain(row) as Record<string, unknown>), firstRow: rowStart + 1 };
    bytes += Number(group.total_byte_size ?? 0);
    options.onProgress?.(Math.min(bytes, buffer.byteLength));
    rowStart = rowEnd;
  }
}
