// `npx candor import` as a user types it (a whole process, start-up, store
// open and checkpoint included, peak memory from outside), beside sqlite3's
// own `.import` of the same rows as CSV into a fresh WAL database, timed the
// same way (bench/baselines/sqlite_import.sh, the project's baseline script).
import { rmSync } from 'node:fs';
import { join } from 'node:path';
import { mib, runProcess } from './lib/measure.ts';
import { runFiles, scratch } from './lib/runs.ts';

export const title = '`npx candor import` of 1,000,000 and 4,000,000 JSONL items vs sqlite3 .import of the same rows as CSV; peak memory';

const SIZES = (process.env.CANDOR_BENCH_IMPORT_N ?? '1000000,4000000').split(',').map(Number);

export async function run(log: (line: string) => void): Promise<void> {
  const dir = scratch('import');
  try {
    for (const n of SIZES) {
      const { jsonl, csv } = await runFiles(n, log);
      const sqlite = runProcess('bash', ['bench/baselines/sqlite_import.sh', csv, join(dir, 'baseline.db')]);
      const baseline = sqlite.status === 0 ? sqlite : null;
      if (baseline) log(`${n.toLocaleString('en-US')} rows, sqlite3 .import of the CSV (whole process): ${baseline.seconds.toFixed(2)} s, peak ${mib(baseline.peakBytes)}`);
      else log(`baseline: the sqlite3 command line is not available (apt-get install sqlite3): ${sqlite.stderr.trim().split('\n').at(-1)}`);
      const db = join(dir, `candor-${n}.db`);
      const ours = runProcess(process.execPath, ['bin/candor.mjs', 'import', jsonl, '--db', db]);
      if (ours.status !== 0) throw new Error(`candor import failed: ${ours.stderr}`);
      log(
        `npx candor import of the JSONL (whole process): ${ours.seconds.toFixed(2)} s, peak ${mib(ours.peakBytes)}` +
          `${baseline ? `; ${(ours.seconds / baseline.seconds).toFixed(2)}x sqlite3 (target <= 1.5x)` : ''} (target < 300 MiB)`,
      );
      for (const file of [db, `${db}-wal`, `${db}-shm`, join(dir, 'baseline.db'), join(dir, 'baseline.db-wal'), join(dir, 'baseline.db-shm')]) rmSync(file, { force: true });
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
