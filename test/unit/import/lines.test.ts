import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { readLines, type Line } from '../../../main/import/lines.ts';
import { tempDir } from '../../support/temp.ts';

let tmp: ReturnType<typeof tempDir>;
beforeEach(() => {
  tmp = tempDir();
});
afterEach(() => tmp.cleanup());

async function lines(content: Buffer | string, maxLineBytes?: number): Promise<Line[]> {
  const path = join(tmp.dir, 'f.txt');
  writeFileSync(path, content);
  const out: Line[] = [];
  for await (const batch of readLines(path, { maxLineBytes })) out.push(...batch);
  return out;
}

describe('readLines', () => {
  it('numbers lines, strips one BOM, and keeps CRLF as the terminator', async () => {
    const got = await lines('\uFEFFa,b\r\nc\n\nlast');
    expect(got.map((l) => [l.line, l.text, l.terminator])).toEqual([
      [1, 'a,b', '\r\n'],
      [2, 'c', '\n'],
      [3, '', '\n'],
      [4, 'last', ''],
    ]);
  });

  it('keeps multi-byte characters whole across the 1 MiB chunk boundary', async () => {
    const filler = 'x'.repeat(1024 * 1024 - 2);
    const got = await lines(`${filler}é€😀\nnext\n`);
    expect(got[0]!.text.endsWith('é€😀')).toBe(true);
    expect(got[1]).toMatchObject({ line: 2, text: 'next' });
  });

  it('names the line with invalid UTF-8, inside a chunk', async () => {
    const bytes = Buffer.concat([Buffer.from('ok\nfine\n'), Buffer.from([0x61, 0xff, 0x62]), Buffer.from('\nafter\n')]);
    await expect(lines(bytes)).rejects.toThrow(/f\.txt:3: is not valid UTF-8/);
  });

  it('names the line that is over the cap, inside a chunk', async () => {
    await expect(lines(`short\nshort\n${'y'.repeat(50)}\nshort\n`, 20)).rejects.toThrow(/f\.txt:3: line is longer/);
  });
});
