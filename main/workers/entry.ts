import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

/**
 * How to start a worker_threads worker: the Electron build's bundle, or the
 * TypeScript source. From source (serve, CLI, vitest) the worker is a fresh
 * isolate with no TypeScript loader, and Node 20 ignores `--import` hooks for
 * a worker's entry, so a one-line stub loads the source through tsx's API.
 *
 * `here` is the caller's import.meta.url; `source` its worker file beside it;
 * `bundle` the file electron-vite emits for it in out/main/.
 */
export function workerEntry(here: string, source: string, bundle: string): { entry: URL | string; eval: boolean } {
  // (tsx marks the modules it loads with a query: the path is what says TypeScript.)
  if (new URL(here).pathname.endsWith('.ts')) {
    // The ESM build of tsx's API (require.resolve would pick its CommonJS one).
    const api = join(dirname(createRequire(fileURLToPath(here)).resolve('tsx/package.json')), 'dist', 'esm', 'api', 'index.mjs');
    const sourceUrl = new URL(source, here).href;
    const stub = `import(${JSON.stringify(pathToFileURL(api).href)}).then((tsx) => tsx.tsImport(${JSON.stringify(sourceUrl)}, ${JSON.stringify(here)}))`;
    return { entry: stub, eval: true };
  }
  // electron-vite emits the bundle beside index.js; shared code may sit one level down in chunks/.
  for (const candidate of [`./${bundle}`, `../${bundle}`]) {
    const url = new URL(candidate, here);
    if (existsSync(fileURLToPath(url))) return { entry: url, eval: false };
  }
  throw new Error(`${bundle} not found beside ${here}`);
}
