// `candor report` as a user types it (whole processes, peak memory from
// outside): the HTML report of a 1,000,000-item run from the database it was
// imported into, and from the run file itself (a throwaway store), beside the
// numpy + scikit-learn metrics script reading the same file (the floor of
// reading the run and computing its headline numbers).
import { rmSync } from 'node:fs';
import { join } from 'node:path';
import { PYTHON, mib, runProcess, type ProcessRun } from './lib/measure.ts';
import { runFiles, scratch } from './lib/runs.ts';

export const title = '`candor report` of a 1,000,000-item run (HTML, every interval) from its database and from its file; peak memory';

const N = Number(process.env.CANDOR_BENCH_REPORT_N ?? 1_000_000);

const line = (label: string, run: ProcessRun) => `${label}: ${run.seconds.toFixed(2)} s, peak ${mib(run.peakBytes)}`;

export async function run(log: (line: string) => void): Promise<void> {
  const dir = scratch('report');
  try {
    const { jsonl } = await runFiles(N, log);
    const python = runProcess(PYTHON, ['bench/baselines/numpy_analyze.py', jsonl]);
    if (python.status === 0) log(line(`${PYTHON} numpy + scikit-learn reading the file (calibration_curve, ECE, Brier, AUROC)`, python));
    const db = join(dir, 'candor.db');
    const imported = runProcess(process.execPath, ['bin/candor.mjs', 'import', jsonl, '--db', db]);
    if (imported.status !== 0) throw new Error(`import failed: ${imported.stderr}`);
    const fromDb = runProcess(process.execPath, ['bin/candor.mjs', 'report', db, '--out', join(dir, 'from-db.html')]);
    if (fromDb.status !== 0) throw new Error(`report failed: ${fromDb.stderr}`);
    log(`${line('candor report DB --out report.html (1,000 resamples for the leaderboard and sweep, 100 for the smooth band)', fromDb)} (target < 10 s, < 300 MiB)`);
    const fromFile = runProcess(process.execPath, ['bin/candor.mjs', 'report', jsonl, '--out', join(dir, 'from-file.html')]);
    if (fromFile.status !== 0) throw new Error(`report failed: ${fromFile.stderr}`);
    log(line('candor report RUN.jsonl --out report.html (the file read into a throwaway store first)', fromFile));
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
