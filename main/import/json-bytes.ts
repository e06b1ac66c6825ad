// Byte-level pieces of the bounded JSON reader (json-bounded.ts): finding a
// string's end across chunks, counting lines, and decoding a kept string.

const QUOTE = 0x22;
const BACKSLASH = 0x5c;
// ignoreBOM: a U+FEFF at the start of a string's text is part of the string.
const utf8 = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true });

/**
 * The position of the quote that closes a string, scanning from i, or -1 when
 * the chunk ends first. A quote after an odd run of backslashes is escaped;
 * a run that reaches the chunk's start continues the previous chunk's run.
 */
export function findClosingQuote(chunk: Uint8Array, i: number, carry: { escapeCarry: boolean }): number {
  let from = i;
  for (;;) {
    const q = chunk.indexOf(QUOTE, from);
    if (q < 0) {
      // Remember whether the chunk ends inside an escape.
      let run = 0;
      let k = chunk.length - 1;
      while (k >= i && chunk[k] === BACKSLASH) {
        run++;
        k--;
      }
      carry.escapeCarry = k < i ? (run % 2 === 1) !== carry.escapeCarry : run % 2 === 1;
      return -1;
    }
    let run = 0;
    let k = q - 1;
    while (k >= i && chunk[k] === BACKSLASH) {
      run++;
      k--;
    }
    const escaped = k < i ? (run % 2 === 1) !== carry.escapeCarry : run % 2 === 1;
    if (!escaped) {
      carry.escapeCarry = false;
      return q;
    }
    from = q + 1;
    if (k < i) {
      // The run reached i: from here on the carry is used up.
      carry.escapeCarry = false;
      i = q + 1;
    }
  }
}

export function countLines(chunk: Uint8Array, from: number, to: number): number {
  let lines = 0;
  for (let at = chunk.indexOf(0x0a, from); at >= 0 && at < to; at = chunk.indexOf(0x0a, at + 1)) lines++;
  return lines;
}

export function concat(parts: Uint8Array[], total: number): Uint8Array {
  const out = new Uint8Array(total);
  let at = 0;
  for (const part of parts) {
    out.set(part, at);
    at += part.length;
  }
  return out;
}

export function show(b: number): string {
  return b >= 0x20 && b < 0x7f ? JSON.stringify(String.fromCharCode(b)) : `byte 0x${b.toString(16).padStart(2, '0')}`;
}

const ESCAPES: Record<number, string> = { 0x22: '"', 0x5c: '\\', 0x2f: '/', 0x62: '\b', 0x66: '\f', 0x6e: '\n', 0x72: '\r', 0x74: '\t' };

/**
 * The text of a JSON string's body. A truncated body may end inside a UTF-8
 * character or an escape: both are dropped, never guessed.
 */
export function decodeJsonString(raw: Uint8Array, escaped: boolean, truncated: boolean): string {
  let body = raw;
  if (truncated && body.length > 0) {
    let lead = body.length - 1;
    while (lead > 0 && (body[lead]! & 0xc0) === 0x80) lead--;
    const b = body[lead]!;
    const width = b >= 0xf0 ? 4 : b >= 0xe0 ? 3 : b >= 0xc0 ? 2 : 1;
    if (lead + width > body.length) body = body.subarray(0, lead);
  }
  if (!escaped) return utf8.decode(body);
  let out = '';
  let pos = 0;
  for (;;) {
    const slash = body.indexOf(BACKSLASH, pos);
    if (slash < 0) return out + utf8.decode(body.subarray(pos));
    out += utf8.decode(body.subarray(pos, slash));
    if (slash + 1 >= body.length) {
      if (truncated) return out;
      throw new SyntaxError('a string ends inside an escape');
    }
    const e = body[slash + 1]!;
    if (e === 0x75) {
      if (slash + 6 > body.length) {
        if (truncated) return out;
        throw new SyntaxError('a \\u escape is cut short');
      }
      const hex = String.fromCharCode(...body.subarray(slash + 2, slash + 6));
      if (!/^[0-9a-fA-F]{4}$/.test(hex)) throw new SyntaxError(`\\u${hex} is not a valid escape`);
      out += String.fromCharCode(Number.parseInt(hex, 16));
      pos = slash + 6;
      continue;
    }
    const char = ESCAPES[e];
    if (char === undefined) throw new SyntaxError(`\\${String.fromCharCode(e)} is not a valid escape`);
    out += char;
    pos = slash + 2;
  }
}
