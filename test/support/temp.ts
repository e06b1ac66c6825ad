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
      // Store.close() waits for an import worker's checkpoint, so once a test
      // has closed its stores nothing writes here. The few retries are for the
      // file system's own delays, not for a test that leaves a store open.
      rmSync(dir, { recursive: true, force: true, maxRetries: 3, retryDelay: 50 });
    },
  };
}
