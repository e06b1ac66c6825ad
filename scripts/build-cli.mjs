#!/usr/bin/env node
// Bundles the command line into out/cli/ (esbuild, one ESM file per entry:
// the CLI, and beside it the worker threads it starts), so `candor` starts
// without compiling TypeScript on every call. Run by `npm install`/`npm ci`
// (prepare) and `npm test`; bin/candor.mjs rebuilds first when a source file
// changed since (out/cli/inputs.json lists them), and falls back to running
// from source through tsx when esbuild is not installed.
import { existsSync, mkdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

export const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..');
export const OUT_DIR = join(ROOT, 'out', 'cli');
export const ENTRY = join(OUT_DIR, 'candor.js');
const INPUTS = join(OUT_DIR, 'inputs.json');

const ENTRIES = {
  candor: 'main/cli/main.ts',
  // Found beside the bundle by main/workers/entry.ts, under these names.
  'compute-worker': 'main/compute/worker.ts',
  'import-worker': 'main/import/worker.ts',
  'numbers-worker': 'main/import/numbers-worker.ts',
};

/** True when the bundle exists and no file it was built from changed after it. */
export function isFresh() {
  if (!existsSync(ENTRY) || !existsSync(INPUTS)) return false;
  const built = statSync(ENTRY).mtimeMs;
  const { inputs } = JSON.parse(readFileSync(INPUTS, 'utf8'));
  for (const input of inputs) {
    const path = join(ROOT, input);
    if (!existsSync(path) || statSync(path).mtimeMs > built) return false;
  }
  return true;
}

export async function buildCli() {
  const { build } = await import('esbuild');
  mkdirSync(OUT_DIR, { recursive: true });
  const result = await build({
    absWorkingDir: ROOT,
    entryPoints: ENTRIES,
    outdir: OUT_DIR,
    bundle: true,
    platform: 'node',
    format: 'esm',
    target: 'node20',
    // Native and Electron modules load from node_modules at run time.
    external: ['better-sqlite3', 'electron'],
    banner: { js: "import { createRequire as __candorRequire } from 'node:module'; const require = __candorRequire(import.meta.url);" },
    metafile: true,
    logLevel: 'warning',
  });
  const inputs = Object.keys(result.metafile.inputs).filter((path) => !path.startsWith('node_modules/'));
  // Dependencies change only through package-lock.json, which a reinstall rebuilds after anyway.
  writeFileSync(INPUTS, `${JSON.stringify({ inputs: [...inputs, 'package-lock.json'] }, null, 1)}\n`);
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  try {
    await buildCli();
  } catch (error) {
    // An install without dev dependencies has no esbuild: candor then runs from source (bin/candor.mjs).
    if (error?.code !== 'ERR_MODULE_NOT_FOUND') throw error;
    console.warn('build-cli: esbuild is not installed; `candor` will run from source through tsx');
  }
}
