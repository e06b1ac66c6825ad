import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { readJsonPieces, type JsonPiece } from '../../../main/import/json-stream.ts';
import { parseJsonLenient } from '../../../main/import/json-lenient.ts';

let dir: string;
beforeAll(() => (dir = mkdtempSync(join(tmpdir(), 'candor-json-'))));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

async function pieces(path: string, streamKeys?: string[]): Promise<JsonPiece[]> {
  const out: JsonPiece[] = [];
  for await (const batch of readJsonPieces(path, { streamKeys })) out.push(...batch);
  return out;
}

describe('readJsonPieces', () => {
  it('splits an array whose records straddle the 1 MiB read chunks, keeping start lines', async () => {
    const path = join(dir, 'big.json');
    // Strings with escaped quotes, braces and brackets inside must not confuse the splitter.
    const records = Array.from({ length: 3000 }, (_, n) => ({ id: n, text: `"{[${'é'.repeat(n % 400)}]}\\"` }));
    writeFileSync(path, '[\n' + records.map((r) => JSON.stringify(r)).join(',\n') + '\n]\n');
    const got = await pieces(path);
    expect(got).toHaveLength(3000);
    expect(got.map((p) => (p as { value: unknown }).value)).toEqual(records);
    expect(got[2999]!.line).toBe(3001);
  });

  it('descends a dotted path to stream a nested array and reports the other values with dotted keys', async () => {
    const path = join(dir, 'nested.json');
    writeFileSync(path, JSON.stringify({ id: 'e', results: { version: 3, results: [{ a: 1 }, { a: [2] }], stats: { n: 2 } }, tail: true }));
    const got = await pieces(path, ['results', 'results.results']);
    expect(got).toEqual([
      { kind: 'value', key: 'id', value: 'e', line: 1 },
      { kind: 'value', key: 'results.version', value: 3, line: 1 },
      { kind: 'element', parent: 'results.results', index: 0, value: { a: 1 }, line: 1 },
      { kind: 'element', parent: 'results.results', index: 1, value: { a: [2] }, line: 1 },
      { kind: 'value', key: 'results.stats', value: { n: 2 }, line: 1 },
      { kind: 'value', key: 'tail', value: true, line: 1 },
    ]);
  });

  it('reports a document cut short', async () => {
    const path = join(dir, 'cut.json');
    writeFileSync(path, '{"samples": [{"id": 1},\n{"id": 2');
    await expect(pieces(path, ['samples'])).rejects.toThrow('cut.json:2: the JSON document is cut short at line 2');
  });
});

describe('parseJsonLenient', () => {
  it("parses Python's NaN and Infinity literals but not the same words inside strings", () => {
    expect(parseJsonLenient('{"a": NaN, "b": [Infinity, -Infinity], "c": "NaN and Infinity"}')).toEqual({
      a: NaN, b: [Infinity, -Infinity], c: 'NaN and Infinity',
    });
    expect(() => parseJsonLenient('{"a": nan}')).toThrow(SyntaxError);
  });
});
