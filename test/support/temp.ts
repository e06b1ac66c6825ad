import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/** A fresh folder per test, removed afterwards. */
export interface TempDir {
  dir: string;
  file(name: string, content: string): string;
  cleanup(): void;
}

export function tempDir(prefix = 'candor-test-'): TempDir {
  const dir = mkdtempSync(join(tmpdir(), prefix));
  return {
    dir,
    file(name, content) {
      const path = join(dir, name);
      writeFileSync(path, content);
      return path;
    },
    cleanup() {
      // An import's worker checkpoints the database's log after the import
      // returned (by design, off the caller's path), so it may still be
      // writing beside the database for a moment: retry instead of failing.
      rmSync(dir, { recursive: true, force: true, maxRetries: 10, retryDelay: 50 });
    },
  };
}
