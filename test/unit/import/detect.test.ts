import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { detectFormat } from '../../../main/import/detect.ts';
import { readAll } from './helpers.ts';

let dir: string;
beforeAll(() => (dir = mkdtempSync(join(tmpdir(), 'candor-detect-'))));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function write(name: string, content: string): string {
  const path = join(dir, name);
  writeFileSync(path, content);
  return path;
}

describe('detectFormat (generic)', () => {
  it('recognises content whatever the extension says', async () => {
    expect((await detectFormat(write('a.txt', 'id,answer\n1,x\n')))?.format).toBe('csv');
    expect((await detectFormat(write('b.csv', 'id\tanswer\n1\tx\n')))?.format).toBe('tsv');
    expect((await detectFormat(write('c.json', '{"id": 1, "answer": "x"}\n{"id": 2, "answer": "y"}\n')))?.format).toBe('jsonl');
    expect((await detectFormat(write('d.log', '[{"id": 1, "answer": "x"}]')))?.format).toBe('json');
    expect((await detectFormat(write('e.csv', '\ufeffid;answer;confidence\n1;x;0,5\n')))?.format).toBe('csv');
  });

  it('returns a reader that reads with the detected delimiter', async () => {
    const detected = await detectFormat(write('semi.txt', 'id;answer;grade\n1;x;true\n'));
    const { items } = await readAll(detected!.reader(join(dir, 'semi.txt')));
    expect(items.map((i) => [i.key, i.answer, i.grade])).toEqual([['1', 'x', 'correct']]);
  });

  it('returns null for binary, empty or unrecognisable files', async () => {
    expect(await detectFormat(write('z.bin', 'PK\u0003\u0004\u0000\u0000'))).toBeNull();
    expect(await detectFormat(write('empty.csv', ''))).toBeNull();
    expect(await detectFormat(write('prose.txt', 'just a sentence\n'))).toBeNull();
  });
});
