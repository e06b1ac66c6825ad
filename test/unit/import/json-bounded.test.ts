// The streaming JSON reader behind .eval entries (issue 13, item 8): the same
// values as JSON.parse on any split of the bytes, skipped subtrees dropped,
// long strings truncated with a note, nesting and the kept budget limited.
import { describe, expect, it } from 'vitest';
import { BoundedJsonError, BoundedJsonParser, type BoundedJsonOptions } from '../../../main/import/json-bounded.ts';
import { decodeJsonString } from '../../../main/import/json-bytes.ts';
import { int, pick, rng } from '../../support/fuzz.ts';

function parse(text: string | Uint8Array, options: BoundedJsonOptions = {}, split: number[] = []): { value: unknown; parser: BoundedJsonParser } {
  const bytes = typeof text === 'string' ? Buffer.from(text, 'utf8') : text;
  const parser = new BoundedJsonParser(options);
  let at = 0;
  for (const cut of [...split.filter((c) => c > 0 && c < bytes.length).sort((a, b) => a - b), bytes.length]) {
    parser.push(bytes.subarray(at, cut));
    at = cut;
  }
  return { value: parser.finish(), parser };
}

function failure(text: string, options: BoundedJsonOptions = {}): BoundedJsonError {
  try {
    parse(text, options);
  } catch (error) {
    if (error instanceof BoundedJsonError) return error;
    throw error;
  }
  throw new Error('expected a BoundedJsonError');
}

/** Random JSON with the awkward parts: escapes, unicode, surrogate pairs, deep-ish nesting, numbers of every form. */
function randomValue(random: () => number, depth = 0): unknown {
  const kind = depth > 5 ? int(random, 0, 3) : int(random, 0, 5);
  switch (kind) {
    case 0:
      return pick(random, [0, -0.5, 1e21, 123456789, -7, 3.14159, 1e-7, 2 ** 53]);
    case 1:
      return pick(random, [true, false, null]);
    case 2:
    case 3: {
      const pieces = ['a', 'é', '"', '\\', '/', '\n', '\t', '\u0001', '😀', '中文', ' ', 'attachment://x', '\u2028'];
      let s = '';
      for (let n = int(random, 0, 12); n > 0; n--) s += pick(random, pieces);
      return s;
    }
    case 4:
      return Array.from({ length: int(random, 0, 5) }, () => randomValue(random, depth + 1));
    default: {
      const out: Record<string, unknown> = {};
      for (let n = int(random, 0, 5); n > 0; n--) out[pick(random, ['k', 'key "q"', 'é', '__proto__', 'constructor', 'a.b', ''])] = randomValue(random, depth + 1);
      return out;
    }
  }
}

describe('BoundedJsonParser', () => {
  it.each(Array.from({ length: 80 }, (_, i) => i + 1))('reads what JSON.parse reads, split anywhere (seed %i)', (seed) => {
    const random = rng(seed);
    const value = randomValue(random);
    const text = JSON.stringify(value, null, pick(random, [0, 1, 2, '\t']));
    const bytes = Buffer.from(text, 'utf8');
    const cuts = Array.from({ length: int(random, 0, 8) }, () => int(random, 1, Math.max(1, bytes.length - 1)));
    expect(parse(bytes, {}, cuts).value).toEqual(JSON.parse(text));
  });

  it('splits a chunk at every byte of escapes and multi-byte characters', () => {
    const text = JSON.stringify({ s: 'a\\"b\\\\"😀é\\u0041', t: ['\\', '\\\\', '"'] }).replace('A', '\\u0041');
    const bytes = Buffer.from(text);
    for (let cut = 1; cut < bytes.length; cut++) expect(parse(bytes, {}, [cut]).value, `cut ${cut}`).toEqual(JSON.parse(text));
  });

  it("reads Python's NaN and Infinity, and keeps __proto__ as data", () => {
    const { value } = parse('{"a": NaN, "b": [Infinity, -Infinity], "__proto__": {"x": 1}}');
    const v = value as Record<string, unknown>;
    expect(Number.isNaN(v.a)).toBe(true);
    expect(v.b).toEqual([Infinity, -Infinity]);
    expect(Object.getPrototypeOf(v)).toBe(Object.prototype);
    expect(Object.keys(v)).toContain('__proto__');
  });

  it('drops skipped subtrees, whatever they hold, and keeps indices faithful', () => {
    const skip = (path: ReadonlyArray<string | number>) => path[0] === 'events' || (path[0] === 'choices' && path.length === 2 && path[1] !== 0);
    const { value } = parse('{"id": 1, "events": [{"a": "]}\\"{["}, [[[]]], "x"], "choices": [{"m": 1}, {"m": 2}], "z": "y"}', { skip });
    expect(value).toEqual({ id: 1, choices: [{ m: 1 }], z: 'y' });
  });

  it('keeps the first bytes of a string past the cap and notes it, cutting between characters and escapes', () => {
    const { value, parser } = parse(JSON.stringify({ answer: 'é'.repeat(10), other: 'short' }), { maxStringBytes: 7 });
    expect(value).toEqual({ answer: 'ééé', other: 'short' });
    expect(parser.truncated).toEqual([{ path: 'answer', bytes: 20, kept: 7 }]);
    expect(decodeJsonString(Buffer.from('ab\\u00'), true, true)).toBe('ab');
    expect(decodeJsonString(Buffer.from('ab\\'), true, true)).toBe('ab');
    expect(decodeJsonString(Buffer.from('a\\n'), true, true)).toBe('a\n');
  });

  it('keeps a U+FEFF that begins a string or the text after an escape (it is text there, not a byte-order mark)', () => {
    expect(decodeJsonString(Buffer.from('\ufeffab'), false, false)).toBe('\ufeffab');
    expect(decodeJsonString(Buffer.from('a\\n\ufeffb'), true, false)).toBe('a\n\ufeffb');
    expect(parse(JSON.stringify({ answer: '\ufeffkept' })).value).toEqual({ answer: '\ufeffkept' });
  });

  it('refuses nesting past the limit with the line, inside kept and skipped parts alike', () => {
    const deep = `{"a": 1,\n"b": ${'['.repeat(2000)}${']'.repeat(2000)}}`;
    const kept = failure(deep);
    expect(kept.code).toBe('too-deep');
    expect(kept.line).toBe(2);
    expect(kept.message).toMatch(/nested deeper than 1000 levels/);
    expect(failure(deep, { skip: (path) => path[0] === 'b' }).code).toBe('too-deep');
  });

  it('refuses more kept data than the budget', () => {
    const error = failure(JSON.stringify({ a: 'x'.repeat(1000), b: Array.from({ length: 100 }, () => 'y'.repeat(100)) }), { maxKeptBytes: 5000 });
    expect(error.code).toBe('too-large');
    expect(error.path).toMatch(/^b\[\d+\]$/);
  });

  it('refuses malformed JSON with a located error', () => {
    expect(failure('{"a": 1,\n "b": tru}').line).toBe(2);
    for (const bad of ['{"a" 1}', '[1,]x', '{"a": 1]', '[1 2]', '{"a": "b"', '"abc', '[01]', '{a: 1}', '[1] [2]', '']) {
      expect(failure(bad).code, bad).toBe('invalid-json');
    }
  });

  it('refuses a string that is not UTF-8', () => {
    const parser = new BoundedJsonParser();
    expect(() => parser.push(Uint8Array.from([0x5b, 0x22, 0xff, 0x22, 0x5d]))).toThrow(/not valid UTF-8/);
  });
});
