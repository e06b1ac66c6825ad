import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { CHROMIUM_PATH } from './harness.ts';

// Builds the renderer once for every e2e file: the same bundle browser mode serves.
export default function setup(): void {
  if (!existsSync(CHROMIUM_PATH)) {
    throw new Error(`e2e tests need Chromium at ${CHROMIUM_PATH}: apt-get install -y chromium (.ci/run does it)`);
  }
  execFileSync(process.execPath, ['node_modules/vite/bin/vite.js', 'build', '--config', 'renderer/vite.config.mts', '--logLevel', 'warn'], {
    stdio: 'inherit',
  });
}
