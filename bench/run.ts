// `npm run bench [-- NAME...]`: runs every bench/*.bench.ts (or the named
// ones) and prints their figures. Speed targets are shown here, each beside a
// baseline measured in the same run, never asserted by a timed unit test.
import { readdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { removeRuns } from './lib/runs.ts';

export interface BenchModule {
  /** One line on what it measures and against which baseline. */
  title: string;
  run(log: (line: string) => void): Promise<void>;
}

const here = dirname(fileURLToPath(import.meta.url));
const wanted = process.argv.slice(2);
const files = readdirSync(here)
  .filter((name) => name.endsWith('.bench.ts'))
  .filter((name) => wanted.length === 0 || wanted.includes(name.replace(/\.bench\.ts$/, '')))
  .sort();

console.log(`Candor bench on ${process.platform}/${process.arch}, Node ${process.version}, ${new Date().toISOString()}`);
try {
  for (const file of files) {
    const module = (await import(pathToFileURL(join(here, file)).href)) as BenchModule;
    console.log(`\n== ${file.replace(/\.bench\.ts$/, '')}: ${module.title}`);
    const started = performance.now();
    await module.run((line) => console.log(`  ${line}`));
    console.log(`  (${((performance.now() - started) / 1000).toFixed(1)} s)`);
  }
} finally {
  removeRuns();
}
