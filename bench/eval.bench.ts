// A large Inspect .eval log imported by `npx candor import` as a user types it
// (a whole process): its peak memory against the file's size.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { makeEval } from './lib/make-eval.ts';
import { mib, runProcess } from './lib/measure.ts';

export const title = 'a large Inspect .eval log imports without being loaded whole: peak memory against file size';

const MB = Number(process.env.CANDOR_BENCH_EVAL_MB ?? 1024);

export async function run(log: (line: string) => void): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), 'candor-bench-eval-'));
  try {
    const started = performance.now();
    const { samples, bytes } = makeEval(join(dir, 'big.eval'), MB * 1e6);
    log(`wrote big.eval: ${mib(bytes)} on disk (deflate), ${samples.toLocaleString('en-US')} samples, in ${((performance.now() - started) / 1000).toFixed(1)} s`);
    const ours = runProcess(process.execPath, ['bin/candor.mjs', 'import', join(dir, 'big.eval'), '--db', join(dir, 'candor.db')]);
    if (ours.status !== 0) throw new Error(`import failed: ${ours.stderr}`);
    log(`npx candor import (whole process): ${ours.seconds.toFixed(1)} s`);
    log(`peak memory of the importing process: ${mib(ours.peakBytes)} for a ${mib(bytes)} file (${(ours.peakBytes / bytes).toFixed(2)}x its size; loading it whole would need more than 1x)`);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
