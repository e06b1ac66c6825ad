import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { bundle } from './lib/bundle.ts';
import { makeRun } from './lib/make-run.ts';

export const title = 'import 1,000,000 JSONL items until browsable vs sqlite3 .import of the same rows as CSV; peak memory';

const N = Number(process.env.CANDOR_BENCH_IMPORT_N ?? 1_000_000);

function sqliteImport(csv: string, db: string): number | null {
  if (spawnSync('sqlite3', ['-version']).status !== 0) return null;
  const script = `PRAGMA journal_mode=WAL;\nCREATE TABLE items(id TEXT, question TEXT, answer TEXT, gold TEXT, grade TEXT, confidence REAL);\n.mode csv\n.import --skip 1 ${csv} items\n`;
  const started = performance.now();
  execFileSync('sqlite3', [db], { input: script, stdio: ['pipe', 'ignore', 'inherit'] });
  return (performance.now() - started) / 1000;
}

export async function run(log: (line: string) => void): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), 'candor-bench-import-'));
  try {
    const { jsonl, csv } = await makeRun(N, join(dir, 'run'));
    log(`run: ${N.toLocaleString('en-US')} items, JSONL ${(statSync(jsonl).size / 1e6).toFixed(0)} MB, CSV ${(statSync(csv).size / 1e6).toFixed(0)} MB`);
    const baseline = sqliteImport(csv, join(dir, 'baseline.db'));
    if (baseline === null) log('baseline: sqlite3 command line not found (apt-get install sqlite3); printing Candor only');
    else log(`baseline: sqlite3 .import of the CSV: ${baseline.toFixed(2)} s`);
    // The importer as the app ships it: bundled, its worker beside it (see lib/bundle.ts).
    const bundled = await bundle({ 'import-child': 'bench/lib/import-child.ts', 'import-worker': 'main/import/worker.ts' });
    const child = spawnSync(process.execPath, [join(bundled, 'import-child.js'), jsonl, join(dir, 'candor.db')], {
      encoding: 'utf8',
      maxBuffer: 1 << 20,
    });
    if (child.status !== 0) throw new Error(`import failed: ${child.stderr}`);
    const ours = JSON.parse(child.stdout.trim().split('\n').at(-1)!) as { items: number; seconds: number; browsable: number; maxRssMB: number };
    log(`candor: imported ${ours.items.toLocaleString('en-US')} items, browsable after ${ours.browsable.toFixed(2)} s`);
    if (baseline !== null) log(`ratio: ${(ours.browsable / baseline).toFixed(2)}x sqlite3 .import (target <= 2x)`);
    log(`peak memory of the importing process: ${ours.maxRssMB.toFixed(0)} MB (target < 300 MB)`);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
