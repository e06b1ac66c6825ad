import { resolve } from 'node:path';
import { parseArgs } from 'node:util';
import type { ImportResultFile } from '../../../shared/api/contract.ts';
import { defaultDbPath } from '../../paths.ts';
import { CliError, importAll, openWorkspace, readerOptions, type Command } from '../workspace.ts';

export const importCommand: Command = {
  name: 'import',
  usage:
    'candor import FILE_OR_FOLDER... [--db PATH] [--option key=value]...\n' +
    '      import run files into a database (default: CANDOR_DB or the XDG data dir);\n' +
    '      --option passes a reader choice, e.g. scorer=match (Inspect), filter=strict-match (lm-eval)',
  async run(args, io) {
    const { values, positionals } = parseArgs({
      args,
      options: { db: { type: 'string' }, option: { type: 'string', multiple: true } },
      allowPositionals: true,
    });
    if (positionals.length === 0) throw new CliError('candor import: no files given', 2);
    const dbPath = resolve(values.db ?? defaultDbPath());
    const workspace = openWorkspace(dbPath);
    const list = (files: ImportResultFile[]) => {
      for (const file of files) {
        const what = file.duplicateOf ? 'already imported as run' : 'imported as run';
        io.out(`${file.file}: ${file.items} items, ${what}${file.runIds.length === 1 ? '' : 's'} ${file.runIds.join(', ')}`);
        // What the reader decided or could not (which metric grades, where confidence comes from), as the app's preview says it.
        const notes = workspace.store.runs.metadata(file.runIds[0]!)?.notes;
        if (Array.isArray(notes)) for (const note of notes) io.out(`  ${String(note)}`);
      }
    };
    try {
      list(await importAll(workspace, positionals, readerOptions(values.option)));
      io.out(`database: ${dbPath}`);
    } catch (error) {
      // Each file is whole or absent: the ones committed before the bad one stay, so say which.
      if (error instanceof CliError && error.completed.length > 0) {
        list(error.completed);
        io.out(`database: ${dbPath}`);
        const n = error.completed.length;
        throw new CliError(
          `${error.message}\ncandor import: stopped there; the ${n === 1 ? 'file' : `${n} files`} listed above ${n === 1 ? 'was' : 'were'} imported before it and ${n === 1 ? 'stays' : 'stay'} in the database, the files after it were not imported`,
          error.exitCode,
          error.completed,
        );
      }
      throw error;
    } finally {
      workspace.close();
    }
    return 0;
  },
};
