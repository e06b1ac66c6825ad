// Which runs a folder holds: a folder that is itself one run (a HELM run
// folder) is taken whole and not searched further; otherwise every file a
// reader recognises, except the companions readers find on their own
// (results files, a run folder's display files). Hidden files are skipped,
// but DeepEval keeps its runs in .deepeval/.
import { readdir } from 'node:fs/promises';
import { join } from 'node:path';
import { detectFormat } from './detect.ts';

/** A dropped folder is searched this deep and this wide for run files, no further. */
const MAX_DEPTH = 6;
const MAX_FILES = 10_000;

const HIDDEN_KEPT_DIRS = new Set(['.deepeval']);
const HIDDEN_KEPT_FILES = new Set(['.latest_test_run.json', '.latest_run_full.json']);

/** Run sources inside `dir`, in name order; `dir` itself when it is one run. */
export async function findRuns(dir: string): Promise<string[]> {
  const found: string[] = [];
  let visited = 0;
  async function walk(path: string, depth: number): Promise<void> {
    if (depth > MAX_DEPTH || visited >= MAX_FILES) return;
    if (depth > 0 && (await detectFormat(path))) {
      found.push(path);
      return;
    }
    const entries = await readdir(path, { withFileTypes: true }).catch(() => []);
    entries.sort((a, b) => a.name.localeCompare(b.name));
    for (const entry of entries) {
      if (visited >= MAX_FILES) return;
      const child = join(path, entry.name);
      // Regular files and folders only: no links out of the folder, no devices or pipes.
      if (entry.isDirectory()) {
        if (entry.name.startsWith('.') && !HIDDEN_KEPT_DIRS.has(entry.name)) continue;
        await walk(child, depth + 1);
      } else if (entry.isFile()) {
        if (entry.name.startsWith('.') && !HIDDEN_KEPT_FILES.has(entry.name)) continue;
        visited += 1;
        if (await detectFormat(child)) found.push(child);
      }
    }
  }
  await walk(dir, 0);
  return found;
}
