import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { parseArgs } from 'node:util';
import type { RunSummary } from '../../../shared/domain.ts';
import { MAX_RUN_NAME, tagsProblem, tidyField, tidyTags } from '../../../shared/runs/fields.ts';
import { candorVersion, defaultDbPath } from '../../paths.ts';
import { defaultLabelSetDir, deleteRunKeepingLabels, LabelBackupError } from '../../report/label-backup.ts';
import { CliError, openWorkspace, type CliIo, type Command, type Workspace } from '../workspace.ts';

export const RUNS_SCHEMA = 'candor.runs/v1';

const USAGE =
  'candor runs list [--db PATH] [--tag TAG] [--json]\n' +
  '      the runs in a database as a table (or JSON, ' + RUNS_SCHEMA + ', docs/cli-json.md)\n' +
  '  candor runs rename RUN [NEW_NAME] [--model MODEL] [--task TASK] [--db PATH]\n' +
  '      rename a run and set or correct its model and task ("" makes them unknown); RUN is an id or a name\n' +
  '  candor runs tag RUN [TAG]... [--remove TAG]... [--clear] [--db PATH]\n' +
  '      add free tags to a run (or take them off); the sidebar filters and groups by them\n' +
  '  candor runs delete RUN... --yes [--labels-to DIR] [--db PATH]\n' +
  '      delete runs; each run\'s labels are written to a label set first (default: label-sets/ beside the database)';

/** The run a command line names: its id, or a name no other run has. */
function findRun(runs: RunSummary[], ref: string): RunSummary {
  if (/^\d+$/.test(ref)) {
    const byId = runs.find((run) => run.id === Number(ref));
    if (byId) return byId;
  }
  const byName = runs.filter((run) => run.name === ref);
  if (byName.length === 1) return byName[0]!;
  if (byName.length > 1) throw new CliError(`candor runs: ${byName.length} runs are named "${ref}" (ids ${byName.map((run) => run.id).join(', ')}); name one by its id`);
  throw new CliError(`candor runs: no run "${ref}" in this database (candor runs list shows them)`);
}

/** Names and tags come from files and people: control characters are shown, never sent to the terminal. */
function printable(text: string): string {
  return text.replace(/\p{Cc}/gu, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
}

function pad(text: string, width: number): string {
  return text.length >= width ? text : text + ' '.repeat(width - text.length);
}

/** A plain table: columns as wide as their widest cell (long names cut with …). */
export function runsTable(runs: RunSummary[]): string {
  const cut = (raw: string, max: number) => {
    const text = printable(raw);
    return text.length > max ? `${text.slice(0, max - 1)}…` : text;
  };
  const rows = [
    ['id', 'name', 'model', 'task', 'items', 'labeled', 'tags'],
    ...runs.map((run) => [
      String(run.id),
      cut(run.name, 48),
      cut(run.model ?? '—', 32),
      cut(run.task ?? '—', 32),
      run.itemCount.toLocaleString('en-US'),
      run.labeledCount.toLocaleString('en-US'),
      printable(run.tags.join(', ')),
    ]),
  ];
  const widths = rows[0]!.map((_, c) => Math.max(...rows.map((row) => row[c]!.length)));
  const numeric = new Set([0, 4, 5]);
  return rows
    .map((row) => row.map((cell, c) => (numeric.has(c) ? cell.padStart(widths[c]!) : pad(cell, widths[c]!))).join('  ').trimEnd())
    .join('\n');
}

export interface RunsJson {
  schema: typeof RUNS_SCHEMA;
  candor_version: string;
  database: string;
  runs: Array<{
    id: number;
    name: string;
    model: string | null;
    task: string | null;
    tags: string[];
    format: string;
    source: { path: string; sha256: string; size: number };
    imported_at: string;
    items: number;
    labeled: number;
    counts: { correct: number; incorrect: number; abstained: number; unlabeled: number };
  }>;
}

export function runsJson(runs: RunSummary[], database: string): RunsJson {
  return {
    schema: RUNS_SCHEMA,
    candor_version: candorVersion(),
    database,
    runs: runs.map((run) => ({
      id: run.id,
      name: run.name,
      model: run.model,
      task: run.task,
      tags: run.tags,
      format: run.format,
      source: { path: run.sourcePath, sha256: run.sourceSha256, size: run.sourceSize },
      imported_at: run.importedAt,
      items: run.itemCount,
      labeled: run.labeledCount,
      counts: { ...run.counts },
    })),
  };
}

function openExisting(db: string | undefined): { workspace: Workspace; path: string } {
  const path = resolve(db ?? defaultDbPath());
  if (!existsSync(path)) throw new CliError(`candor runs: no database at ${path} (import runs first, or name one with --db)`);
  return { workspace: openWorkspace(path), path };
}

async function list(args: string[], io: CliIo): Promise<number> {
  const { values, positionals } = parseArgs({ args, options: { db: { type: 'string' }, json: { type: 'boolean' }, tag: { type: 'string', multiple: true } }, allowPositionals: true });
  if (positionals.length > 0) throw new CliError(`candor runs list: unexpected "${positionals[0]}"`, 2);
  const { workspace, path } = openExisting(values.db);
  try {
    const wanted = (values.tag ?? []).map((tag) => tag.toLowerCase());
    const runs = (await workspace.handlers['runs/list']({})).filter((run) => wanted.every((tag) => run.tags.some((t) => t.toLowerCase() === tag)));
    if (values.json) io.out(JSON.stringify(runsJson(runs, path), null, 2));
    else if (runs.length === 0) io.out(wanted.length ? `no run carries ${wanted.map((t) => `"${t}"`).join(' and ')} in ${path}` : `no runs in ${path}`);
    else io.out(runsTable(runs));
  } finally {
    workspace.close();
  }
  return 0;
}

async function rename(args: string[], io: CliIo): Promise<number> {
  const { values, positionals } = parseArgs({ args, options: { db: { type: 'string' }, model: { type: 'string' }, task: { type: 'string' } }, allowPositionals: true });
  const [ref, newName, extra] = positionals;
  if (ref === undefined) throw new CliError('candor runs rename: name the run (its id or name)', 2);
  if (extra !== undefined) throw new CliError(`candor runs rename: unexpected "${extra}" (quote a name with spaces)`, 2);
  if (newName === undefined && values.model === undefined && values.task === undefined) {
    throw new CliError('candor runs rename: give a new name, --model or --task', 2);
  }
  const name = newName === undefined ? undefined : tidyField(newName);
  if (name === null) throw new CliError('candor runs rename: a run needs a name', 2);
  if (name !== undefined && name.length > MAX_RUN_NAME) throw new CliError(`candor runs rename: a name is at most ${MAX_RUN_NAME} characters`, 2);
  const { workspace } = openExisting(values.db);
  try {
    const run = findRun(await workspace.handlers['runs/list']({}), ref);
    const { run: updated } = await workspace.handlers['runs/update']({
      runId: run.id,
      ...(name !== undefined ? { name } : {}),
      ...(values.model !== undefined ? { model: tidyField(values.model) } : {}),
      ...(values.task !== undefined ? { task: tidyField(values.task) } : {}),
    });
    io.out(`run ${updated.id}: ${describe(run)} -> ${describe(updated)}`);
  } finally {
    workspace.close();
  }
  return 0;
}

function describe(run: RunSummary): string {
  return printable(`"${run.name}" (model ${run.model ?? 'unknown'}, task ${run.task ?? 'unknown'})`);
}

async function tag(args: string[], io: CliIo): Promise<number> {
  const { values, positionals } = parseArgs({
    args,
    options: { db: { type: 'string' }, remove: { type: 'string', multiple: true }, clear: { type: 'boolean' } },
    allowPositionals: true,
  });
  const [ref, ...added] = positionals;
  if (ref === undefined) throw new CliError('candor runs tag: name the run (its id or name)', 2);
  if (added.length === 0 && !values.remove && !values.clear) throw new CliError('candor runs tag: give tags to add, --remove TAG or --clear', 2);
  const { workspace } = openExisting(values.db);
  try {
    const run = findRun(await workspace.handlers['runs/list']({}), ref);
    const removed = new Set(tidyTags(values.remove ?? []).map((t) => t.toLowerCase()));
    const tags = tidyTags([...(values.clear ? [] : run.tags), ...added]).filter((t) => !removed.has(t.toLowerCase()));
    const problem = tagsProblem(tags);
    if (problem) throw new CliError(`candor runs tag: ${problem}`, 2);
    const { run: updated } = await workspace.handlers['runs/update']({ runId: run.id, tags });
    io.out(printable(`run ${updated.id} "${updated.name}": ${updated.tags.length ? `tags ${updated.tags.join(', ')}` : 'no tags'}`));
  } finally {
    workspace.close();
  }
  return 0;
}

async function remove(args: string[], io: CliIo): Promise<number> {
  const { values, positionals } = parseArgs({
    args,
    options: { db: { type: 'string' }, yes: { type: 'boolean' }, 'labels-to': { type: 'string' } },
    allowPositionals: true,
  });
  if (positionals.length === 0) throw new CliError('candor runs delete: name the runs (ids or names)', 2);
  const { workspace, path } = openExisting(values.db);
  try {
    const all = await workspace.handlers['runs/list']({});
    const runs = [...new Map(positionals.map((ref) => findRun(all, ref)).map((run) => [run.id, run])).values()];
    if (!values.yes) {
      for (const run of runs) io.out(`would delete run ${run.id} ${describe(run)}: ${run.itemCount.toLocaleString('en-US')} items, ${run.labeledCount.toLocaleString('en-US')} labeled`);
      throw new CliError('candor runs delete: nothing deleted; add --yes to delete (each run\'s labels are exported first)');
    }
    const dir = resolve(values['labels-to'] ?? defaultLabelSetDir(path));
    for (const run of runs) {
      let done;
      try {
        done = await workspace.store.whenWritable(() => deleteRunKeepingLabels(workspace.store, run, dir));
      } catch (error) {
        if (error instanceof LabelBackupError) throw new CliError(`candor runs delete: ${error.message}`);
        throw error;
      }
      const kept = done.labelsExportedTo ? `; its ${done.labels.toLocaleString('en-US')} label records were exported to ${done.labelsExportedTo}` : '; it had no labels';
      io.out(`deleted run ${run.id} ${describe(run)}${kept}`);
    }
  } finally {
    workspace.close();
  }
  return 0;
}

const SUBCOMMANDS: Record<string, (args: string[], io: CliIo) => Promise<number>> = { list, rename, tag, delete: remove };

export const runsCommand: Command = {
  name: 'runs',
  usage: USAGE,
  async run(args, io) {
    const [sub, ...rest] = args;
    const command = sub !== undefined && Object.hasOwn(SUBCOMMANDS, sub) ? SUBCOMMANDS[sub] : undefined;
    if (!command) throw new CliError(`candor runs: ${sub === undefined ? 'no subcommand' : `unknown subcommand "${sub}"`} (list, rename, tag or delete)`, 2);
    return command(rest, io);
  },
};
