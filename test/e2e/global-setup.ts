import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { TestProject } from 'vitest/node';
import { CHROMIUM_PATH } from './harness.ts';

declare module 'vitest' {
  export interface ProvidedContext {
    rendererDir: string;
  }
}

// Builds the renderer once for every e2e file, the same bundle browser mode
// serves, into a folder of this run's own, so two test runs never serve each
// other's half-written build.
export default function setup(project: TestProject): () => void {
  if (!existsSync(CHROMIUM_PATH)) {
    throw new Error(`e2e tests need Chromium at ${CHROMIUM_PATH}: apt-get install -y chromium (.ci/run does it)`);
  }
  const outDir = mkdtempSync(join(tmpdir(), 'candor-e2e-renderer-'));
  execFileSync(
    process.execPath,
    ['node_modules/vite/bin/vite.js', 'build', '--config', 'renderer.vite.config.mts', '--logLevel', 'warn', '--outDir', outDir, '--emptyOutDir'],
    { stdio: 'inherit' },
  );
  project.provide('rendererDir', outDir);
  return () => rmSync(outDir, { recursive: true, force: true });
}
