// `candor recalibrate fit` as a user types it (whole processes, peak memory
// from outside) on a 1,000,000-item run file: isotonic and Platt, judged by
// 5-fold cross-fitting, with 1,000-resample paired intervals; beside
// scikit-learn fitting and cross-fitting the same maps on the same file
// (bench/baselines/sklearn_recalibrate.py, no intervals).
import { rmSync } from 'node:fs';
import { join } from 'node:path';
import { PYTHON, mib, runProcess } from './lib/measure.ts';
import { runFiles, scratch } from './lib/runs.ts';

export const title = '`candor recalibrate fit` isotonic and Platt on 1,000,000 items, cross-fitted with intervals, vs scikit-learn';

const N = Number(process.env.CANDOR_BENCH_RECALIBRATE_N ?? 1_000_000);

export async function run(log: (line: string) => void): Promise<void> {
  const dir = scratch('recalibrate');
  try {
    const { jsonl } = await runFiles(N, log);
    for (const method of ['isotonic', 'platt'] as const) {
      const sklearn = runProcess(PYTHON, ['bench/baselines/sklearn_recalibrate.py', jsonl, method]);
      const baseline = sklearn.status === 0 ? sklearn : null;
      if (baseline) log(`${method}: ${PYTHON} scikit-learn fit + 5-fold cross-fit + metrics, no intervals (whole process): ${baseline.seconds.toFixed(2)} s, peak ${mib(baseline.peakBytes)}`);
      else log(`baseline: ${PYTHON} with scikit-learn not available: ${sklearn.stderr.trim().split('\n').at(-1)}`);
      const ours = runProcess(process.execPath, ['bin/candor.mjs', 'recalibrate', 'fit', jsonl, '--method', method, '--out', join(dir, `${method}.json`)]);
      if (ours.status !== 0) throw new Error(`recalibrate fit failed: ${ours.stderr}`);
      const ece = ours.stdout.split('\n').find((l) => l.includes('ECE')) ?? '';
      log(
        `${method}: candor recalibrate fit (whole process, 1,000 paired resamples): ${ours.seconds.toFixed(2)} s, peak ${mib(ours.peakBytes)}` +
          `${baseline ? `; ${(ours.seconds / baseline.seconds).toFixed(2)}x scikit-learn without intervals` : ''} (target < 20 s)`,
      );
      log(`  ${ece.trim()}`);
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
