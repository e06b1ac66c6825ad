// Inspect .eval logs imported by `npx candor import` as a user types it (a
// whole process): the peak memory of a small file whose one entry expands to
// 500 MB, and of a 1 GB file, against issue 13's target of 300 MB.
import { once } from 'node:events';
import { closeSync, mkdtempSync, openSync, rmSync, writeSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { crc32, createDeflateRaw } from 'node:zlib';
import { makeEval } from './lib/make-eval.ts';
import { mib, runProcess, type ProcessRun } from './lib/measure.ts';

export const title =
  'Inspect .eval logs import without being loaded whole: peak memory of `npx candor import` on a small file whose entry expands to 500 MB, and on a 1 GB file (target: both under 300 MB, issue 13)';

const MB = Number(process.env.CANDOR_BENCH_EVAL_MB ?? 1024);
const BOMB_MB = Number(process.env.CANDOR_BENCH_EVAL_BOMB_MB ?? 500);
const TARGET_BYTES = 300e6;

/**
 * A small, valid .eval: a header and one sample whose answer is `bytes` of
 * text, deflated as it is generated (the writer never holds it either).
 */
async function makeBombEval(path: string, bytes: number): Promise<{ bytes: number }> {
  const deflate = async (chunks: Iterable<Buffer>) => {
    const parts: Buffer[] = [];
    const stream = createDeflateRaw({ level: 9 });
    stream.on('data', (part: Buffer) => parts.push(part));
    let crc = 0;
    let size = 0;
    for (const chunk of chunks) {
      crc = crc32(chunk, crc);
      size += chunk.length;
      if (!stream.write(chunk)) await once(stream, 'drain');
    }
    const done = once(stream, 'end');
    stream.end();
    await done;
    return { packed: Buffer.concat(parts), crc: crc >>> 0, size };
  };
  function* sample(): Generator<Buffer> {
    yield Buffer.from('{"id": 1, "epoch": 1, "input": "Summarise the corpus.", "target": "a summary", "scores": {"match": {"value": "I"}}, "output": {"completion": "');
    const block = Buffer.alloc(1 << 20, 'All work and no play makes a long answer. ');
    for (let left = bytes; left > 0; left -= block.length) yield left >= block.length ? block : block.subarray(0, left);
    yield Buffer.from('"}}');
  }
  const header = Buffer.from(JSON.stringify({ version: 2, status: 'success', eval: { task: 'bomb', model: 'bench/model', scorers: [{ name: 'match' }] } }));
  const entries = [
    { name: 'header.json', ...(await deflate([header])) },
    { name: 'samples/1_epoch_1.json', ...(await deflate(sample())) },
  ];
  const fd = openSync(path, 'w');
  let offset = 0;
  const write = (b: Buffer) => {
    writeSync(fd, b);
    offset += b.length;
  };
  const central: Buffer[] = [];
  for (const e of entries) {
    const name = Buffer.from(e.name);
    const local = Buffer.alloc(30);
    local.writeUInt32LE(0x04034b50, 0);
    local.writeUInt16LE(20, 4);
    local.writeUInt16LE(8, 8);
    local.writeUInt32LE(e.crc, 14);
    local.writeUInt32LE(e.packed.length, 18);
    local.writeUInt32LE(e.size, 22);
    local.writeUInt16LE(name.length, 26);
    const record = Buffer.alloc(46);
    record.writeUInt32LE(0x02014b50, 0);
    record.writeUInt16LE(20, 4);
    record.writeUInt16LE(20, 6);
    record.writeUInt16LE(8, 10);
    record.writeUInt32LE(e.crc, 16);
    record.writeUInt32LE(e.packed.length, 20);
    record.writeUInt32LE(e.size, 24);
    record.writeUInt16LE(name.length, 28);
    record.writeUInt32LE(offset, 42);
    central.push(record, name);
    write(local);
    write(name);
    write(e.packed);
  }
  const start = offset;
  for (const part of central) write(part);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(entries.length, 8);
  end.writeUInt16LE(entries.length, 10);
  end.writeUInt32LE(offset - start, 12);
  end.writeUInt32LE(start, 16);
  write(end);
  closeSync(fd);
  return { bytes: offset };
}

function candorImport(file: string, db: string): ProcessRun {
  const run = runProcess(process.execPath, ['bin/candor.mjs', 'import', file, '--db', db]);
  if (run.status !== 0) throw new Error(`import failed: ${run.stderr}`);
  return run;
}

const verdict = (bytes: number) => (bytes < TARGET_BYTES ? 'under the 300 MB target' : 'OVER the 300 MB target');

export async function run(log: (line: string) => void): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), 'candor-bench-eval-'));
  try {
    const bomb = await makeBombEval(join(dir, 'bomb.eval'), BOMB_MB * 1e6);
    log(`wrote bomb.eval: ${(bomb.bytes / 1024).toFixed(0)} KiB on disk, one entry expanding to ${BOMB_MB} MB of JSON (an answer of ${BOMB_MB} MB)`);
    const small = candorImport(join(dir, 'bomb.eval'), join(dir, 'bomb.db'));
    log(`npx candor import (whole process): ${small.seconds.toFixed(1)} s; the answer is kept cut at 4 MiB, with a note`);
    log(`peak memory: ${mib(small.peakBytes)} (${verdict(small.peakBytes)}; inflating the entry whole would need more than ${BOMB_MB} MB)`);

    const started = performance.now();
    const { samples, bytes } = makeEval(join(dir, 'big.eval'), MB * 1e6);
    log(`wrote big.eval: ${mib(bytes)} on disk (deflate), ${samples.toLocaleString('en-US')} samples, in ${((performance.now() - started) / 1000).toFixed(1)} s`);
    const ours = candorImport(join(dir, 'big.eval'), join(dir, 'candor.db'));
    log(`npx candor import (whole process): ${ours.seconds.toFixed(1)} s`);
    log(
      `peak memory of the importing process: ${mib(ours.peakBytes)} for a ${mib(bytes)} file (${(ours.peakBytes / bytes).toFixed(2)}x its size; ${verdict(ours.peakBytes)}; loading it whole would need more than 1x)`,
    );
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
