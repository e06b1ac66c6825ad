// Older lighteval and Open LLM Leaderboard details hold some columns as the
// Python str() of a list or dict ("[(-1.2, False), (-3.4, True)]",
// "{'acc': 1.0}"). This reads such a literal (lists, tuples, dicts, strings,
// numbers, True/False/None, nan/inf); anything else is undefined, never eval'd.

class Cursor {
  at = 0;
  constructor(readonly text: string) {}
  skip(): void {
    while (this.at < this.text.length && /\s/.test(this.text[this.at]!)) this.at++;
  }
  peek(): string {
    this.skip();
    return this.text[this.at] ?? '';
  }
}

const FAIL = Symbol('fail');
const MAX_DEPTH = 64;

function value(c: Cursor, depth: number): unknown {
  if (depth > MAX_DEPTH) return FAIL;
  const ch = c.peek();
  if (ch === '[' || ch === '(') return sequence(c, ch === '[' ? ']' : ')', depth);
  if (ch === '{') return mapping(c, depth);
  if (ch === "'" || ch === '"') return string(c);
  const rest = c.text.slice(c.at);
  const word = /^(True|False|None|nan|-?inf)\b/.exec(rest);
  if (word) {
    c.at += word[0].length;
    return { True: true, False: false, None: null, nan: NaN, inf: Infinity, '-inf': -Infinity }[word[1]!];
  }
  const number = /^[+-]?(\d+\.?\d*|\.\d+)(e[+-]?\d+)?/i.exec(rest);
  if (number) {
    c.at += number[0].length;
    return Number(number[0]);
  }
  return FAIL;
}

function sequence(c: Cursor, close: string, depth: number): unknown {
  c.at++;
  const out: unknown[] = [];
  for (;;) {
    if (c.peek() === close) {
      c.at++;
      return out;
    }
    const item = value(c, depth + 1);
    if (item === FAIL) return FAIL;
    out.push(item);
    const next = c.peek();
    if (next === ',') c.at++;
    else if (next !== close) return FAIL;
  }
}

function mapping(c: Cursor, depth: number): unknown {
  c.at++;
  const out: Record<string, unknown> = {};
  for (;;) {
    if (c.peek() === '}') {
      c.at++;
      return out;
    }
    const key = value(c, depth + 1);
    if (key === FAIL || c.peek() !== ':') return FAIL;
    c.at++;
    const item = value(c, depth + 1);
    if (item === FAIL) return FAIL;
    out[String(key)] = item;
    const next = c.peek();
    if (next === ',') c.at++;
    else if (next !== '}') return FAIL;
  }
}

const ESCAPES: Record<string, string> = { n: '\n', t: '\t', r: '\r', '\\': '\\', "'": "'", '"': '"', '0': '\0' };

function string(c: Cursor): unknown {
  const quote = c.text[c.at]!;
  c.at++;
  let out = '';
  while (c.at < c.text.length) {
    const ch = c.text[c.at]!;
    if (ch === quote) {
      c.at++;
      return out;
    }
    if (ch === '\\') {
      const next = c.text[c.at + 1] ?? '';
      if (next === 'u' || next === 'x') {
        const digits = c.text.slice(c.at + 2, c.at + (next === 'u' ? 6 : 4));
        if (!/^[0-9a-f]+$/i.test(digits)) return FAIL;
        out += String.fromCharCode(parseInt(digits, 16));
        c.at += 2 + digits.length;
        continue;
      }
      out += ESCAPES[next] ?? next;
      c.at += 2;
      continue;
    }
    out += ch;
    c.at++;
  }
  return FAIL;
}

/** A JSON or Python literal in a string, parsed; the value itself when it is not a string that holds one. */
export function looseLiteral(raw: unknown): unknown {
  if (typeof raw !== 'string') return raw;
  const text = raw.trim();
  if (!/^[[({]/.test(text)) return raw;
  try {
    return JSON.parse(text);
  } catch {
    const c = new Cursor(text);
    const parsed = value(c, 0);
    c.skip();
    return parsed === FAIL || c.at !== text.length ? raw : parsed;
  }
}
