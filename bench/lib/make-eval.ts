// Writes a large, valid Inspect AI `.eval` log (a zip of JSON entries, deflate):
// a header and one entry per sample, each carrying the message and event
// history real logs do, so the file is big because of many samples, as real
// ones are. A minimal zip writer: no zip64, so up to 4 GB.
import { closeSync, openSync, writeSync } from 'node:fs';
import { crc32, deflateRawSync } from 'node:zlib';

interface Entry {
  name: Buffer;
  crc: number;
  compressed: number;
  size: number;
  offset: number;
}

class ZipWriter {
  private readonly fd: number;
  private offset = 0;
  private readonly entries: Entry[] = [];

  constructor(path: string) {
    this.fd = openSync(path, 'w');
  }

  add(name: string, text: string): void {
    const data = Buffer.from(text, 'utf8');
    const packed = deflateRawSync(data, { level: 1 });
    const nameBytes = Buffer.from(name, 'utf8');
    const header = Buffer.alloc(30);
    header.writeUInt32LE(0x04034b50, 0);
    header.writeUInt16LE(20, 4);
    header.writeUInt16LE(0x0800, 6); // UTF-8 names
    header.writeUInt16LE(8, 8); // deflate
    const crc = crc32(data);
    header.writeUInt32LE(crc, 14);
    header.writeUInt32LE(packed.length, 18);
    header.writeUInt32LE(data.length, 22);
    header.writeUInt16LE(nameBytes.length, 26);
    this.entries.push({ name: nameBytes, crc, compressed: packed.length, size: data.length, offset: this.offset });
    this.write(header);
    this.write(nameBytes);
    this.write(packed);
  }

  get size(): number {
    return this.offset;
  }

  close(): number {
    const start = this.offset;
    for (const e of this.entries) {
      const record = Buffer.alloc(46);
      record.writeUInt32LE(0x02014b50, 0);
      record.writeUInt16LE(20, 4);
      record.writeUInt16LE(20, 6);
      record.writeUInt16LE(0x0800, 8);
      record.writeUInt16LE(8, 10);
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

/** Writes an .eval of about `targetBytes` on disk; returns the sample count and the file size. */
export function makeEval(path: string, targetBytes: number): { samples: number; bytes: number } {
  const zip = new ZipWriter(path);
  const model = 'bench/model-1';
  // Tool-call history like real agentic logs: most of a sample's bytes, and most of the file.
  // Tool output is hashes and ids, which deflate cannot squeeze much: the file on disk stays large.
  let state = 0x2545f491;
  const noise = (chars: number) => {
    let out = '';
    while (out.length < chars) {
      state ^= state << 13;
      state ^= state >>> 17;
      state ^= state << 5;
      out += (state >>> 0).toString(16).padStart(8, '0');
    }
    return out.slice(0, chars);
  };
  const event = (i: number, k: number) => ({
    event: 'model',
    timestamp: `2026-01-01T00:00:${String(k % 60).padStart(2, '0')}Z`,
    input: [{ role: 'user', content: `step ${k} of sample ${i}: ${'context '.repeat(40)}` }],
    output: { choices: [{ message: { role: 'assistant', content: `thought ${k}: ${'reasoning about the question '.repeat(4)}${i * 31 + k}` } }] },
    tool_output: noise(640),
  });
  let samples = 0;
  while (zip.size < targetBytes) {
    // Without zip64 a zip holds at most 65,535 entries: samples are made large enough to stay under it.
    if (samples >= 65_000) throw new Error(`an .eval of ${targetBytes} bytes needs more than 65,000 samples of this size`);
    const i = ++samples;
    const correct = (i * 2654435761) % 100 < 60;
    const sample = {
      id: i,
      epoch: 1,
      input: `Question ${i}: in which year was the obscure person number ${(i * 7919) % 100003} born?`,
      target: String(1800 + (i % 200)),
      messages: [
        { role: 'user', content: `Question ${i}` },
        { role: 'assistant', content: correct ? String(1800 + (i % 200)) : String(1801 + (i % 200)) },
      ],
      output: { model, choices: [{ message: { role: 'assistant', content: correct ? String(1800 + (i % 200)) : String(1801 + (i % 200)) } }] },
      scores: { match: { value: correct ? 'C' : 'I', answer: 'x' } },
      metadata: { confidence: ((i * 40503) % 1000) / 1000 },
      events: Array.from({ length: 60 }, (_, k) => event(i, k)),
      attachments: {},
    };
    zip.add(`samples/${i}_epoch_1.json`, JSON.stringify(sample));
  }
  const header = {
    version: 2,
    status: 'success',
    eval: { run_id: 'bench', created: '2026-01-01T00:00:00Z', task: 'bench-task', task_id: 't', dataset: { name: 'bench', samples }, model, config: {} },
    plan: { name: 'plan', steps: [] },
    results: { total_samples: samples, completed_samples: samples, scores: [{ name: 'match', scorer: 'match', metrics: {} }] },
    stats: { started_at: '2026-01-01T00:00:00Z', completed_at: '2026-01-01T01:00:00Z' },
  };
  zip.add('header.json', JSON.stringify(header));
  return { samples, bytes: zip.close() };
}
