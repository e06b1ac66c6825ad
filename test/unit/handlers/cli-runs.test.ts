// `candor runs list|rename|tag|delete --db PATH` (issue 15, item 1): each
// command's effect is read back by a later command on the same file.
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { runCli } from '../../../main/cli/index.ts';
import { tempDir } from '../../support/temp.ts';

async function cli(args: string[]) {
  const out: string[] = [];
  const err: string[] = [];
  const code = await runCli(args, { out: (t) => out.push(t), err: (t) => err.push(t) });
  return { code, out: out.join('\n'), err: err.join('\n') };
}

const CSV = 'id,question,answer,grade,confidence,model\n1,q,a,correct,0.9,m1\n2,q,b,incorrect,0.8,m1\n3,q,c,correct,0.7,m2\n';

let tmp: ReturnType<typeof tempDir>;
let db: string;
beforeEach(async () => {
  tmp = tempDir();
  db = join(tmp.dir, 'store.db');
  expect((await cli(['import', tmp.file('two-models.csv', CSV), '--db', db])).code).toBe(0);
});
afterEach(() => tmp.cleanup());

describe('candor runs', () => {
  it('lists runs as a table and as JSON', async () => {
    const table = await cli(['runs', 'list', '--db', db]);
    expect(table.code).toBe(0);
    const lines = table.out.split('\n');
    expect(lines[0]).toMatch(/^id\s+name\s+model\s+task\s+items\s+labeled\s+tags$/);
    expect(lines[1]).toMatch(/^ 1\s+two-models\.csv · m1\s+m1\s+—\s+2\s+0$/);
    expect(lines[2]).toMatch(/^ 2\s+two-models\.csv · m2\s+m2\s+—\s+1\s+0$/);
    const json = JSON.parse((await cli(['runs', 'list', '--db', db, '--json'])).out);
    expect(json.schema).toBe('candor.runs/v1');
    expect(json.runs.map((run: { id: number; model: string; items: number; tags: string[] }) => [run.id, run.model, run.items, run.tags])).toEqual([
      [1, 'm1', 2, []],
      [2, 'm2', 1, []],
    ]);
    expect(json.runs[0].counts).toEqual({ correct: 1, incorrect: 1, abstained: 0, unlabeled: 0 });
  });

  it('renames, corrects model and task, tags and untags; list shows each change', async () => {
    expect((await cli(['runs', 'rename', '1', 'Model one', '--db', db, '--task', 'trivia'])).out).toBe(
      'run 1: "two-models.csv · m1" (model m1, task unknown) -> "Model one" (model m1, task trivia)',
    );
    expect((await cli(['runs', 'rename', 'Model one', '--model', 'm1-2025', '--db', db])).code).toBe(0);
    expect((await cli(['runs', 'tag', '1', 'baseline', 'v2', '--db', db])).out).toBe('run 1 "Model one": tags baseline, v2');
    expect((await cli(['runs', 'tag', '2', 'Baseline', '--db', db])).code).toBe(0);
    expect((await cli(['runs', 'tag', '1', '--remove', 'V2', '--db', db])).out).toBe('run 1 "Model one": tags baseline');
    const json = JSON.parse((await cli(['runs', 'list', '--db', db, '--json'])).out);
    expect(json.runs.map((run: { name: string; model: string; task: string; tags: string[] }) => [run.name, run.model, run.task, run.tags])).toEqual([
      ['Model one', 'm1-2025', 'trivia', ['baseline']],
      ['two-models.csv · m2', 'm2', null, ['Baseline']],
    ]);
    // --tag filters, without regard to case.
    const tagged = await cli(['runs', 'list', '--db', db, '--tag', 'BASELINE']);
    expect(tagged.out.split('\n')).toHaveLength(3);
    expect((await cli(['runs', 'tag', '2', '--clear', '--db', db])).out).toBe('run 2 "two-models.csv · m2": no tags');
    expect((await cli(['runs', 'list', '--db', db, '--tag', 'baseline'])).out.split('\n')).toHaveLength(2);
  });

  it('deletes only with --yes, after writing the labels to a label set', async () => {
    const dry = await cli(['runs', 'delete', '1', '--db', db]);
    expect(dry.code).toBe(1);
    expect(dry.out).toContain('would delete run 1 "two-models.csv · m1" (model m1, task unknown): 2 items, 0 labeled');
    expect(dry.err).toContain('nothing deleted; add --yes');
    expect(JSON.parse((await cli(['runs', 'list', '--db', db, '--json'])).out).runs).toHaveLength(2);

    // A label, written through the same store the app uses.
    const { Store } = await import('../../../main/store/store.ts');
    const store = Store.open(db);
    const [item] = store.items.list(1, {}, 0, 1).rows;
    store.labels.set({ itemId: item!.id, annotator: 'ada', outcome: 'incorrect', note: null });
    store.close();

    const done = await cli(['runs', 'delete', '1', '--yes', '--db', db, '--labels-to', join(tmp.dir, 'kept')]);
    expect(done.code).toBe(0);
    const path = /exported to (.*\.json)$/.exec(done.out)?.[1];
    expect(path).toBeDefined();
    expect(path!.startsWith(join(tmp.dir, 'kept'))).toBe(true);
    const set = JSON.parse(readFileSync(path!, 'utf8'));
    expect(set.schema).toBe('candor.labels/v1');
    expect(set.labels).toMatchObject([{ itemKey: '1', annotator: 'ada', outcome: 'incorrect' }]);
    expect((await cli(['runs', 'delete', '2', '--yes', '--db', db])).out).toBe('deleted run 2 "two-models.csv · m2" (model m2, task unknown); it had no labels');
    expect((await cli(['runs', 'list', '--db', db])).out).toBe(`no runs in ${db}`);
  });

  it('names what is wrong: unknown runs, ambiguous names, missing databases', async () => {
    const unknown = await cli(['runs', 'rename', '9', 'x', '--db', db]);
    expect(unknown.code).toBe(1);
    expect(unknown.err).toContain('no run "9" in this database');
    for (const id of ['1', '2']) await cli(['runs', 'rename', id, 'same', '--db', db]);
    const ambiguous = await cli(['runs', 'tag', 'same', 'x', '--db', db]);
    expect(ambiguous.err).toContain('2 runs are named "same" (ids 1, 2); name one by its id');
    const missing = join(tmp.dir, 'nope.db');
    expect((await cli(['runs', 'list', '--db', missing])).err).toContain(`no database at ${missing}`);
    expect(existsSync(missing)).toBe(false);
    expect((await cli(['runs', 'frobnicate', '--db', db])).code).toBe(2);
    expect((await cli(['runs', 'rename', '1', '  ', '--db', db])).err).toContain('a run needs a name');
  });

  it('never sends a name’s control characters to the terminal', async () => {
    await cli(['runs', 'rename', '1', 'evil\u001b[2Jname', '--db', db]);
    const table = await cli(['runs', 'list', '--db', db]);
    expect(table.out).not.toContain('\u001b');
    expect(table.out).toContain('evil\\u001b[2Jname');
    expect(JSON.parse((await cli(['runs', 'list', '--db', db, '--json'])).out).runs[0].name).toBe('evil\u001b[2Jname');
  });
});
