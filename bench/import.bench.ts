// `npx candor import` as a user types it (a whole process, start-up, store
// open and checkpoint included, peak memory from outside), beside sqlite3's
// own `.import` of the same rows as CSV into a fresh WAL database, timed the
// same way (bench/baselines/sqlite_import.sh, the project's baseline script).
//
// Both write a few hundred megabytes and sync them, so each run is preceded by
// `sync`: a run must not pay for writing back the one before it, whichever
// side that was. The two alternate, five times each at 1M rows and three at
// 4M (CANDOR_BENCH_IMPORT_REPS), after one pair not counted: the first runs
// after the run files were written took up to twice as long, on both sides.
// The medians compare.
import { spawnSync } from 'node:child_process';
import { rmSync } from 'node:fs';
import { join } from 'node:path';
import { mib, runProcess, type ProcessRun } from './lib/measure.ts';
import { runFiles, scratch } from './lib/runs.ts';

export const title = '`npx candor import` of 1,000,000 and 4,000,000 JSONL items vs sqlite3 .import of the same rows as CSV; peak memory';

const SIZES = (process.env.CANDOR_BENCH_IMPORT_N ?? '1000000,4000000').split(',').map(Number);
const repsFor = (n: number) => Number(process.env.CANDOR_BENCH_IMPORT_REPS ?? (n <= 1_000_000 ? 5 : 3));

function median(runs: ProcessRun[], of: (run: ProcessRun) => number): number {
  const sorted = runs.map(of).sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)]!;
}

const seconds = (runs: ProcessRun[]) => runs.map((run) => run.seconds.toFixed(2)).join(', ');

export async function run(log: (line: string) => void): Promise<void> {
  const dir = scratch('import');
  const remove = (db: string) => {
    for (const file of [db, `${db}-wal`, `${db}-shm`]) rmSync(file, { force: true });
  };
  try {
    for (const n of SIZES) {
      const { jsonl, csv } = await runFiles(n, log);
      const baseline: ProcessRun[] = [];
      const ours: ProcessRun[] = [];
      let baselineMissing: string | null = null;
      const reps = repsFor(n);
      for (let rep = -1; rep < reps; rep++) {
        const sqliteDb = join(dir, 'baseline.db');
        const db = join(dir, `candor-${n}.db`);
        if (baselineMissing === null) {
          spawnSync('sync');
          const sqlite = runProcess('bash', ['bench/baselines/sqlite_import.sh', csv, sqliteDb]);
          if (sqlite.status !== 0) baselineMissing = sqlite.stderr.trim().split('\n').at(-1) ?? '';
          else if (rep >= 0) baseline.push(sqlite);
          remove(sqliteDb);
        }
        spawnSync('sync');
        const candor = runProcess(process.execPath, ['bin/candor.mjs', 'import', jsonl, '--db', db]);
        if (candor.status !== 0) throw new Error(`candor import failed: ${candor.stderr}`);
        if (rep >= 0) ours.push(candor);
        remove(db);
      }
      const label = n.toLocaleString('en-US');
      if (baseline.length > 0) {
        log(`${label} rows, sqlite3 .import of the CSV (whole process): median ${median(baseline, (r) => r.seconds).toFixed(2)} s of ${seconds(baseline)}, peak ${mib(median(baseline, (r) => r.peakBytes))} (after one run not counted)`);
      } else {
        log(`baseline: the sqlite3 command line is not available (apt-get install sqlite3): ${baselineMissing}`);
      }
      const ourSeconds = median(ours, (r) => r.seconds);
      const peak = Math.max(...ours.map((r) => r.peakBytes));
      log(
        `npx candor import of the JSONL (whole process): median ${ourSeconds.toFixed(2)} s of ${seconds(ours)}, peak ${mib(peak)} (highest of the runs)` +
          `${baseline.length > 0 ? `; ${(ourSeconds / median(baseline, (r) => r.seconds)).toFixed(2)}x sqlite3 (target <= 1.5x)` : ''} (target < 300 MiB)`,
      );
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
