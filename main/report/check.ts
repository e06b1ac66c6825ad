// `candor report --check`: reads the model a report carries, rebuilds it from
// the same database (or re-imports the same files, checking their hashes)
// with the same settings, and lists what no longer agrees.
import { existsSync, readFileSync } from 'node:fs';
import { canonicalRunIds, compareModels, type Difference } from '../../shared/report/compare.ts';
import { extractReportModel } from '../../shared/report/html.ts';
import { REPORT_SCHEMA, type ReportModel } from '../../shared/report/model.ts';
import { importSources } from '../import/pipeline.ts';
import { Store } from '../store/store.ts';
import { gatherReport, ReportInputError } from './gather.ts';
import { reportItems } from './items.ts';
import { sha256Hex } from './manifest.ts';

export interface CheckResult {
  agree: boolean;
  /** where the numbers came from this time */
  source: string;
  differences: Difference[];
  /** things worth knowing that are not differences in the numbers */
  notes: string[];
}

function readStored(path: string): { model: ReportModel; items: unknown } {
  if (!existsSync(path)) throw new ReportInputError(`${path}: no such file`);
  const text = readFileSync(path, 'utf8');
  let parsed: unknown;
  try {
    parsed = /\.json$/i.test(path) ? JSON.parse(text) : extractReportModel(text);
  } catch (error) {
    throw new ReportInputError(`${path}: the report's data block is not valid JSON (${(error as Error).message})`);
  }
  const candidate = parsed as (Partial<ReportModel> & { items?: unknown }) | null;
  if (!candidate || candidate.manifest?.schema !== REPORT_SCHEMA || !Array.isArray(candidate.runs)) {
    throw new ReportInputError(`${path}: not a Candor report (${REPORT_SCHEMA}); --check reads the .html or .json a report wrote`);
  }
  const { items, ...rest } = candidate as ReportModel & { items?: unknown; schema?: unknown };
  delete (rest as { schema?: unknown }).schema;
  return { model: rest as ReportModel, items };
}

function fileHash(path: string): string | null {
  return existsSync(path) ? sha256Hex(readFileSync(path)) : null;
}

async function openSource(stored: ReportModel, dbPath: string | undefined, differences: Difference[], notes: string[]): Promise<{ store: Store; source: string }> {
  const database = dbPath ?? stored.manifest.database;
  if (database !== null) {
    if (!existsSync(database)) throw new ReportInputError(`${database}: database not found; pass --db PATH to check against another copy`);
    const store = Store.open(database);
    for (const input of stored.manifest.inputs) {
      const now = fileHash(input.path);
      if (now !== null && now !== input.sha256) notes.push(`${input.path} has changed since it was imported; the numbers come from the database`);
    }
    return { store, source: `database ${database}` };
  }
  // Made from files: re-read them into a throwaway store, as the report did.
  const store = Store.open(':memory:');
  const present = stored.manifest.inputs.filter((input, i) => {
    const now = fileHash(input.path);
    if (now === null) differences.push({ path: `manifest.inputs[${i}].path`, stored: input.path, now: 'missing' });
    else if (now !== input.sha256) differences.push({ path: `manifest.inputs[${i}].sha256`, stored: input.sha256, now });
    return now !== null;
  });
  const options = stored.manifest.settings.readerOptions ?? undefined;
  await importSources(store, present.map((input) => ({ kind: 'path' as const, path: input.path, options })));
  return { store, source: `the ${present.length} input file${present.length === 1 ? '' : 's'} re-read` };
}

export async function checkReport(reportPath: string, options: { db?: string; candorVersion: string }): Promise<CheckResult> {
  const { model: stored, items: storedItems } = readStored(reportPath);
  const differences: Difference[] = [];
  const notes: string[] = [];
  const { store, source } = await openSource(stored, options.db, differences, notes);
  try {
    const available = store.runs.list();
    const ids: number[] = [];
    stored.runs.forEach((run, i) => {
      const same = available.filter((r) => r.name === run.name && r.sourceSha256 === run.source.sha256);
      const match = same.find((r) => r.id === run.id) ?? same[0];
      if (match) ids.push(match.id);
      else differences.push({ path: `runs[${i}]`, stored: run.name, now: 'no run with this name and source hash' });
    });
    if (ids.length === stored.runs.length) {
      // Rebuilt, not re-read: a report made from cached results is checked against numbers computed now.
      const now = await gatherReport(store, ids, { settings: stored.manifest.settings, candorVersion: options.candorVersion, database: stored.manifest.database, fresh: true });
      differences.push(...compareModels(canonicalRunIds(stored), canonicalRunIds(now)));
      if (storedItems !== undefined) differences.push(...compareModels({ items: storedItems }, { items: reportItems(store, ids) }));
    }
  } finally {
    store.close();
  }
  return { agree: differences.length === 0, source, differences, notes };
}
