// `candor report` as a user types it (whole processes, peak memory from
// outside): the HTML report of a 1,000,000-item run from the database it was
// imported into, and from the run file itself (a throwaway store), beside the
// numpy + scikit-learn metrics script reading the same file (the floor of
// reading the run and computing its headline numbers). Then a report after
// the app: the app (browser mode's server on the same database) shows the
// Rubrics tab's leaderboard and exports the report, and `candor report` of
// the same database after it reads what the app computed (the results cache).
import { rmSync } from 'node:fs';
import { join } from 'node:path';
import { startServer, TOKEN_HEADER } from '../main/serve.ts';
import { PYTHON, mib, runProcess, type ProcessRun } from './lib/measure.ts';
import { runFiles, scratch } from './lib/runs.ts';

export const title = '`candor report` of a 1,000,000-item run (HTML, every interval) from its database and from its file; peak memory; a report after the app computed the same';

/** One verb of the app's API over HTTP, as the renderer sends it, timed from request to answer. */
async function verb(server: { url: string; token: string }, name: string, body: unknown): Promise<number> {
  const started = performance.now();
  const response = await fetch(new URL(`/api/${name}`, server.url), {
    method: 'POST',
    headers: { 'content-type': 'application/json', [TOKEN_HEADER]: server.token },
    body: JSON.stringify(body),
  });
  const answer = (await response.json()) as { ok: boolean; error?: { message: string } };
  if (!answer.ok) throw new Error(`${name}: ${answer.error?.message}`);
  return (performance.now() - started) / 1000;
}

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

    // After the app: a second database, so that nothing of the reports above is in its cache.
    const appDb = join(dir, 'app.db');
    const again = runProcess(process.execPath, ['bin/candor.mjs', 'import', jsonl, '--db', appDb]);
    if (again.status !== 0) throw new Error(`import failed: ${again.stderr}`);
    const server = await startServer({ dbPath: appDb });
    let exported: number;
    try {
      const runId = server.store.runs.list()[0]!.id;
      const leaderboard = await verb(server, 'rubrics/compare', { runIds: [runId] });
      const leaderboardAgain = await verb(server, 'rubrics/compare', { runIds: [runId] });
      log(`the app's Rubrics tab leaderboard (rubrics/compare): ${leaderboard.toFixed(2)} s, again ${leaderboardAgain.toFixed(2)} s`);
      exported = await verb(server, 'reports/export', { runIds: [runId], format: 'html' });
      log(`the app's report export (reports/export, after the Rubrics tab): ${exported.toFixed(2)} s`);
    } finally {
      await server.close();
    }
    const afterApp = runProcess(process.execPath, ['bin/candor.mjs', 'report', appDb, '--out', join(dir, 'after-app.html')]);
    if (afterApp.status !== 0) throw new Error(`report failed: ${afterApp.stderr}`);
    log(`${line('candor report DB --out report.html after the app exported the same (read from the results cache)', afterApp)} (vs ${fromDb.seconds.toFixed(2)} s computed)`);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
