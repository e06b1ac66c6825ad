// Imports one file into a fresh database in its own process, so its peak
// memory (maxRSS) is the importer's alone. Prints one JSON line.
import { importFile } from '../../main/import/pipeline.ts';
import { Store } from '../../main/store/store.ts';

const [file, db] = process.argv.slice(2);
if (!file || !db) throw new Error('usage: import-child FILE DB');
const store = Store.open(db);
const started = performance.now();
const result = await importFile(store, file, file);
const seconds = (performance.now() - started) / 1000;
// Browsable: the run is listed and its first page of items loads.
const runId = result.runIds[0]!;
const page = store.items.list(runId, {}, 0, 50);
const browsable = (performance.now() - started) / 1000;
store.close();
process.stdout.write(
  `${JSON.stringify({ items: result.items, rowsOnFirstPage: page.rows.length, seconds, browsable, maxRssMB: process.resourceUsage().maxRSS / 1024 })}\n`,
);
