// Issue 13, item 7: a folder import that fails part way keeps the files
// committed before the bad one (each file is whole or absent); the CLI used to
// print only the error, hiding what is now in the database.
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { runCli } from '../../../main/cli/index.ts';
import { tempDir } from '../../support/temp.ts';

async function cli(args: string[]) {
  const out: string[] = [];
  const err: string[] = [];
  const code = await runCli(args, { out: (t) => out.push(t), err: (t) => err.push(t) });
  return { code, out: out.join('\n'), err: err.join('\n') };
}

describe('candor import of a folder with a bad file', () => {
  it('lists the files committed before the bad one, then the error, and exits 1', async () => {
    const tmp = tempDir();
    try {
      const folder = join(tmp.dir, 'runs');
      mkdirSync(folder);
      tmp.file('runs/a.csv', 'id,answer,grade\n1,x,correct\n2,y,incorrect\n');
      tmp.file('runs/b.csv', 'id,answer,grade\n1,x,correct\n');
      tmp.file('runs/c.csv', 'id,answer,grade\n1,x,maybe\n');
      tmp.file('runs/d.csv', 'id,answer,grade\n1,x,correct\n');
      const db = join(tmp.dir, 'store.db');
      const result = await cli(['import', folder, '--db', db]);
      expect(result.code).toBe(1);
      expect(result.out.split('\n')).toEqual([
        `${join(folder, 'a.csv')}: 2 items, imported as run 1`,
        `${join(folder, 'b.csv')}: 1 items, imported as run 2`,
        `database: ${db}`,
      ]);
      expect(result.err).toMatch(/^c\.csv:2:grade: "maybe" is not a grade/);
      expect(result.err).toContain('the 2 files listed above were imported before it and stay in the database, the files after it were not imported');
      const check = new Database(db, { readonly: true });
      expect(check.prepare('SELECT name FROM runs ORDER BY id').pluck().all()).toEqual(['a.csv', 'b.csv']);
      check.close();
    } finally {
      tmp.cleanup();
    }
  });

  it('says nothing of earlier files when the first one is bad', async () => {
    const tmp = tempDir();
    try {
      const bad = tmp.file('bad.csv', 'id,answer,grade\n1,x,maybe\n');
      const result = await cli(['import', bad, '--db', join(tmp.dir, 's.db')]);
      expect(result.code).toBe(1);
      expect(result.out).toBe('');
      expect(result.err).not.toContain('listed above');
    } finally {
      tmp.cleanup();
    }
  });
});
