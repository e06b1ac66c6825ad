// Bundles bench entry points the way the app ships its main-process code
// (one ESM file each, workers beside them, native modules external), so a
// bench measures Candor's code and not the TypeScript loader's overhead.
import { build } from 'esbuild';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';

const ROOT = join(import.meta.dirname, '..', '..');
/** Inside the repo, so the bundles resolve better-sqlite3 from node_modules. */
export const BUNDLE_DIR = join(ROOT, 'node_modules', '.cache', 'candor-bench');

export async function bundle(entries: Record<string, string>): Promise<string> {
  mkdirSync(BUNDLE_DIR, { recursive: true });
  await build({
    entryPoints: Object.fromEntries(Object.entries(entries).map(([name, file]) => [name, join(ROOT, file)])),
    outdir: BUNDLE_DIR,
    bundle: true,
    platform: 'node',
    format: 'esm',
    target: 'node20',
    external: ['better-sqlite3', 'electron'],
    banner: { js: "import { createRequire as __candorRequire } from 'node:module'; const require = __candorRequire(import.meta.url);" },
    logLevel: 'warning',
  });
  return BUNDLE_DIR;
}
