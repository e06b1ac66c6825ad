// `candor analyze` as a user types it (whole processes, start-up included,
// peak memory from outside), beside the numpy + scikit-learn script reading
// the same JSONL (bench/baselines/numpy_analyze.py), timed the same way.
import { PYTHON, mib, runProcess, type ProcessRun } from './lib/measure.ts';
import { runFiles } from './lib/runs.ts';

export const title = '`candor analyze` of 1,000,000 and 4,000,000 items, with and without intervals, vs numpy + scikit-learn reading the same file';

const SIZES = (process.env.CANDOR_BENCH_ANALYZE_N ?? '1000000,4000000').split(',').map(Number);

function candor(args: string[]): ProcessRun {
  const run = runProcess(process.execPath, ['bin/candor.mjs', 'analyze', ...args, '--json']);
  if (run.status !== 0) throw new Error(`candor analyze failed: ${run.stderr}`);
  return run;
}

const line = (label: string, run: ProcessRun) => `${label}: ${run.seconds.toFixed(2)} s, peak ${mib(run.peakBytes)}`;

export async function run(log: (line: string) => void): Promise<void> {
  for (const n of SIZES) {
    const { jsonl } = await runFiles(n, log);
    const python = runProcess(PYTHON, ['bench/baselines/numpy_analyze.py', jsonl]);
    const baseline = python.status === 0 ? python : null;
    if (baseline) log(line(`${n.toLocaleString('en-US')} items, ${PYTHON} (numpy + scikit-learn: calibration_curve, ECE, Brier, AUROC)`, baseline));
    else log(`baseline: ${PYTHON} with numpy and scikit-learn not available: ${python.stderr.trim().split('\n').at(-1)}`);
    const bare = candor([jsonl, '--resamples', '0']);
    log(`${line('candor analyze --resamples 0 (every point estimate, no interval)', bare)}${baseline ? `: ${(bare.seconds / baseline.seconds).toFixed(2)}x the Python script (target <= 1x)` : ''}`);
    const full = candor([jsonl]);
    const ece = (JSON.parse(full.stdout) as { runs: Array<{ analysis: { binned: { ece: { value: number; interval: [number, number] } } } }> }).runs[0]!.analysis.binned.ece;
    log(
      `${line('candor analyze (default: 1,000 resamples of every interval, 100 of the smooth band)', full)} (target < 10 s at 1,000,000 items; < 300 MiB);` +
        ` ECE ${ece.value.toFixed(5)} [${ece.interval.map((v) => v.toFixed(5)).join(', ')}]`,
    );
  }
}
