import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { bundle } from './lib/bundle.ts';
import { makeEval } from './lib/make-eval.ts';

export const title = 'a large Inspect .eval log imports without being loaded whole: peak memory against file size';

const MB = Number(process.env.CANDOR_BENCH_EVAL_MB ?? 1024);

export async function run(log: (line: string) => void): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), 'candor-bench-eval-'));
  try {
    const started = performance.now();
    const { samples, bytes } = makeEval(join(dir, 'big.eval'), MB * 1e6);
    log(`wrote big.eval: ${(bytes / 1e6).toFixed(0)} MB on disk (deflate), ${samples.toLocaleString('en-US')} samples, in ${((performance.now() - started) / 1000).toFixed(1)} s`);
    const bundled = await bundle({ 'import-child': 'bench/lib/import-child.ts', 'import-worker': 'main/import/worker.ts' });
    const child = spawnSync(process.execPath, [join(bundled, 'import-child.js'), join(dir, 'big.eval'), join(dir, 'candor.db')], {
      encoding: 'utf8',
      maxBuffer: 1 << 20,
    });
    if (child.status !== 0) throw new Error(`import failed: ${child.stderr}`);
    const ours = JSON.parse(child.stdout.trim().split('\n').at(-1)!) as { items: number; browsable: number; maxRssMB: number };
    log(`candor: imported ${ours.items.toLocaleString('en-US')} items in ${ours.browsable.toFixed(1)} s`);
    log(`peak memory of the importing process: ${ours.maxRssMB.toFixed(0)} MB for a ${(bytes / 1e6).toFixed(0)} MB file (${((ours.maxRssMB * 1e6) / bytes).toFixed(2)}x its size; loading it whole would need more than 1x)`);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
