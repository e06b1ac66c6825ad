// A minimal zip writer for tests: Inspect .eval logs built entry by entry,
// including hostile ones (an entry that expands far past its size on disk, a
// header that lies about the expanded size). No zip64.
import { closeSync, openSync, writeSync } from 'node:fs';
import { once } from 'node:events';
import { crc32, createDeflateRaw, deflateRawSync } from 'node:zlib';

export interface ZipEntryInput {
  name: string;
  /** The entry's bytes, or chunks of them (deflated as one stream, so a huge entry never sits whole in memory). */
  data: Buffer | Iterable<Buffer>;
  /** Stored (no compression) instead of deflate. */
  stored?: boolean;
  /** Write this uncompressed size in the headers instead of the true one (a lying header). */
  claimedSize?: number;
  /** `data` is already compressed with this zip method (93 = zstd): written as is, sizes from claimedSize. */
  method?: number;
}

interface Written {
  name: Buffer;
  crc: number;
  compressed: number;
  size: number;
  offset: number;
  method: number;
}

export class ZipWriter {
  private readonly fd: number;
  private offset = 0;
  private readonly entries: Written[] = [];

  constructor(path: string) {
    this.fd = openSync(path, 'w');
  }

  async add(entry: ZipEntryInput): Promise<void> {
    const chunks = Buffer.isBuffer(entry.data) ? [entry.data] : entry.data;
    let crc = 0;
    let size = 0;
    const packedParts: Buffer[] = [];
    const passthrough = entry.method !== undefined;
    const deflate = entry.stored || passthrough ? null : createDeflateRaw({ level: 9 });
    deflate?.on('data', (part: Buffer) => packedParts.push(part));
    for (const chunk of chunks) {
      crc = crc32(chunk, crc);
      size += chunk.length;
      if (!deflate) packedParts.push(chunk);
      else if (!deflate.write(chunk)) await once(deflate, 'drain');
    }
    if (deflate) {
      const done = once(deflate, 'end');
      deflate.end();
      await done;
    }
    const method = entry.method ?? (entry.stored ? 0 : 8);
    this.writeEntry(entry.name, crc >>> 0, entry.claimedSize ?? Math.min(size, 0xffffffff), Buffer.concat(packedParts), method);
  }

  /** One deflated entry at once, synchronously: for files of many small entries (the .eval bench writes a GB of them). */
  addSync(name: string, data: Buffer, level = 1): void {
    this.writeEntry(name, crc32(data), data.length, deflateRawSync(data, { level }), 8);
  }

  /** Bytes written so far. */
  get size(): number {
    return this.offset;
  }

  private writeEntry(entryName: string, crc: number, size: number, packed: Buffer, method: number): void {
    const name = Buffer.from(entryName, 'utf8');
    const header = Buffer.alloc(30);
    header.writeUInt32LE(0x04034b50, 0);
    header.writeUInt16LE(20, 4);
    header.writeUInt16LE(0x0800, 6); // UTF-8 names
    header.writeUInt16LE(method, 8);
    header.writeUInt32LE(crc, 14);
    header.writeUInt32LE(packed.length, 18);
    header.writeUInt32LE(size, 22);
    header.writeUInt16LE(name.length, 26);
    this.entries.push({ name, crc, compressed: packed.length, size, offset: this.offset, method });
    this.write(header);
    this.write(name);
    this.write(packed);
  }

  close(): number {
    const start = this.offset;
    for (const e of this.entries) {
      const record = Buffer.alloc(46);
      record.writeUInt32LE(0x02014b50, 0);
      record.writeUInt16LE(20, 4);
      record.writeUInt16LE(20, 6);
      record.writeUInt16LE(0x0800, 8);
      record.writeUInt16LE(e.method, 10);
      record.writeUInt32LE(e.crc, 16);
      record.writeUInt32LE(e.compressed, 20);
      record.writeUInt32LE(e.size, 24);
      record.writeUInt16LE(e.name.length, 28);
      record.writeUInt32LE(e.offset, 42);
      this.write(record);
      this.write(e.name);
    }
    const end = Buffer.alloc(22);
    end.writeUInt32LE(0x06054b50, 0);
    end.writeUInt16LE(this.entries.length, 8);
    end.writeUInt16LE(this.entries.length, 10);
    end.writeUInt32LE(this.offset - start, 12);
    end.writeUInt32LE(start, 16);
    this.write(end);
    closeSync(this.fd);
    return this.offset;
  }

  private write(bytes: Buffer): void {
    writeSync(this.fd, bytes);
    this.offset += bytes.length;
  }
}

/** An Inspect .eval log: header.json plus one entry per sample (JSON text, or raw chunks for hostile entries). */
export async function writeEvalLog(
  path: string,
  samples: Array<{ id: number | string; epoch?: number; body: unknown } | ZipEntryInput>,
  header: Record<string, unknown> = { version: 2, status: 'success', eval: { task: 'fuzz', model: 'm', scorers: [{ name: 'match' }] } },
): Promise<number> {
  const zip = new ZipWriter(path);
  await zip.add({ name: 'header.json', data: Buffer.from(JSON.stringify(header)) });
  for (const sample of samples) {
    if ('name' in sample) await zip.add(sample);
    else await zip.add({ name: `samples/${sample.id}_epoch_${sample.epoch ?? 1}.json`, data: Buffer.from(JSON.stringify(sample.body)) });
  }
  return zip.close();
}
