import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export interface TempDir {
  dir: string;
  file(name: string, content: string): string;
  cleanup(): void;
}

/** A fresh folder per test, removed afterwards. */
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
      // writing beside the database for a moment (seconds on a loaded
      // machine): retry, each wait 50 ms longer than the last, instead of
      // failing; it returns as soon as the folder is gone.
      rmSync(dir, { recursive: true, force: true, maxRetries: 30, retryDelay: 50 });
    },
  };
}
