// Writes a large, valid Inspect AI `.eval` log (a zip of JSON entries, deflate):
// a header and one entry per sample, each carrying the message and event
// history real logs do, so the file is big because of many samples, as real
// ones are. The tests' zip writer: no zip64, so up to 4 GB.
import { ZipWriter } from '../../test/support/zip.ts';

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
    zip.addSync(`samples/${i}_epoch_1.json`, Buffer.from(JSON.stringify(sample), 'utf8'));
  }
  const header = {
    version: 2,
    status: 'success',
    eval: { run_id: 'bench', created: '2026-01-01T00:00:00Z', task: 'bench-task', task_id: 't', dataset: { name: 'bench', samples }, model, config: {} },
    plan: { name: 'plan', steps: [] },
    results: { total_samples: samples, completed_samples: samples, scores: [{ name: 'match', scorer: 'match', metrics: {} }] },
    stats: { started_at: '2026-01-01T00:00:00Z', completed_at: '2026-01-01T01:00:00Z' },
  };
  zip.addSync('header.json', Buffer.from(JSON.stringify(header), 'utf8'));
  return { samples, bytes: zip.close() };
}
