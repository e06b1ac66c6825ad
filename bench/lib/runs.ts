// Run files for the benches, made once per `npm run bench` and shared by
// every bench that needs the same size (bench/run.ts removes them at the end).
import { mkdirSync, mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { mib } from './measure.ts';
import { makeRun } from './make-run.ts';

let dir: string | null = null;
const made = new Map<number, Promise<{ jsonl: string; csv: string }>>();

/** make_run.py's run of n items as JSONL and CSV (bench/lib/make-run.ts). */
export function runFiles(n: number, log?: (line: string) => void): Promise<{ jsonl: string; csv: string }> {
  let files = made.get(n);
  if (!files) {
    dir ??= mkdtempSync(join(tmpdir(), 'candor-bench-runs-'));
    const sub = join(dir, String(n));
    mkdirSync(sub, { recursive: true });
    const started = performance.now();
    files = makeRun(n, join(sub, 'run')).then((written) => {
      log?.(
        `run: ${n.toLocaleString('en-US')} items (make_run.py's recipe), JSONL ${mib(statSync(written.jsonl).size)}, CSV ${mib(statSync(written.csv).size)}, written in ${((performance.now() - started) / 1000).toFixed(1)} s`,
      );
      return written;
    });
    made.set(n, files);
  }
  return files;
}

/** A scratch folder beside the runs, removed with them. */
export function scratch(name: string): string {
  dir ??= mkdtempSync(join(tmpdir(), 'candor-bench-runs-'));
  const path = mkdtempSync(join(dir, `${name}-`));
  return path;
}

export function removeRuns(): void {
  if (dir) rmSync(dir, { recursive: true, force: true });
  dir = null;
  made.clear();
}
