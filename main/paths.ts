import { homedir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { existsSync, readFileSync } from 'node:fs';

/**
 * The repository (or unpacked app) root: the nearest folder holding
 * package.json above this file, which is main/paths.ts from source, or a
 * bundle in out/main or out/cli.
 */
function findRoot(): string {
  const start = fileURLToPath(new URL('..', import.meta.url));
  for (let dir = start; ; dir = dirname(dir)) {
    if (existsSync(join(dir, 'package.json'))) return dir;
    if (dirname(dir) === dir) return start;
  }
}

export const ROOT_DIR = findRoot();

export const DEMO_RUN_PATH = join(ROOT_DIR, 'assets', 'demo', 'demo-run.csv');
export const RENDERER_DIR = join(ROOT_DIR, 'out', 'renderer');

export function candorVersion(): string {
  const pkg = JSON.parse(readFileSync(join(ROOT_DIR, 'package.json'), 'utf8')) as { version: string };
  return pkg.version;
}

/**
 * The database the CLI and browser mode use when none is given: CANDOR_DB,
 * else $XDG_DATA_HOME/candor/candor.db (~/.local/share by default).
 */
export function defaultDbPath(env: NodeJS.ProcessEnv = process.env): string {
  if (env.CANDOR_DB) return env.CANDOR_DB;
  const dataHome = env.XDG_DATA_HOME || join(homedir(), '.local', 'share');
  return join(dataHome, 'candor', 'candor.db');
}
