// plotly.js's basic bundle, read once, to inline into every HTML report.
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';

let cached: string | null = null;

export function plotlySource(): string {
  if (cached === null) {
    const require = createRequire(import.meta.url);
    cached = readFileSync(require.resolve('plotly.js-basic-dist-min/plotly-basic.min.js'), 'utf8');
  }
  return cached;
}
