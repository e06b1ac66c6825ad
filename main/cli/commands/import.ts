import { resolve } from 'node:path';
import { parseArgs } from 'node:util';
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
    try {
      for (const file of await importAll(workspace, positionals, readerOptions(values.option))) {
        const what = file.duplicateOf ? 'already imported as run' : 'imported as run';
        io.out(`${file.file}: ${file.items} items, ${what}${file.runIds.length === 1 ? '' : 's'} ${file.runIds.join(', ')}`);
        // What the reader decided or could not (which metric grades, where confidence comes from), as the app's preview says it.
        const notes = workspace.store.getRun(file.runIds[0]!)?.metadata.notes;
        if (Array.isArray(notes)) for (const note of notes) io.out(`  ${String(note)}`);
      }
      io.out(`database: ${dbPath}`);
    } finally {
      workspace.close();
    }
    return 0;
  },
};
