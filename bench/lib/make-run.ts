// A deterministic synthetic run of N items as JSONL and CSV, shaped like the
// project's reference generator (id, question, answer, gold, grade,
// confidence with 4 decimals): about 210 MB of JSONL for N = 1,000,000.
import { createWriteStream } from 'node:fs';
import { once } from 'node:events';
import type { Writable } from 'node:stream';

function mulberry32(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

async function write(stream: Writable, text: string): Promise<void> {
  if (!stream.write(text)) await once(stream, 'drain');
}

export async function makeRun(n: number, prefix: string): Promise<{ jsonl: string; csv: string }> {
  const random = mulberry32(3);
  const jsonl = createWriteStream(`${prefix}.jsonl`);
  const csv = createWriteStream(`${prefix}.csv`);
  await write(csv, 'id,question,answer,gold,grade,confidence\n');
  let jsonBuffer = '';
  let csvBuffer = '';
  for (let i = 0; i < n; i++) {
    const c = random();
    const grade = random() < 0.1 ? 'abstained' : random() < c ** 1.3 ? 'correct' : 'incorrect';
    const question = `Question ${i}: in which year was the obscure person number ${(i * 7919) % 100003} born, and where?`;
    const answer = grade === 'abstained' ? "I don't know" : `Born in ${1800 + (i % 200)} in City ${i % 997}`;
    const gold = `${1800 + ((i * 3) % 200)}`;
    const confidence = Math.round(c * 10000) / 10000;
    jsonBuffer += `${JSON.stringify({ id: `q${i}`, question, answer, gold, grade, confidence })}\n`;
    csvBuffer += `q${i},"${question}",${answer.includes("'") ? `"${answer}"` : answer},${gold},${grade},${confidence}\n`;
    if (jsonBuffer.length > 1 << 20) {
      await write(jsonl, jsonBuffer);
      await write(csv, csvBuffer);
      jsonBuffer = '';
      csvBuffer = '';
    }
  }
  await write(jsonl, jsonBuffer);
  await write(csv, csvBuffer);
  jsonl.end();
  csv.end();
  await Promise.all([once(jsonl, 'finish'), once(csv, 'finish')]);
  return { jsonl: `${prefix}.jsonl`, csv: `${prefix}.csv` };
}
