// Python's json module writes NaN, Infinity and -Infinity as bare literals
// (Inspect, lm-eval and openai/evals all go through it), which JSON.parse rejects.

const SENTINEL = '\u0000candor:';
const LITERAL_OR_STRING = /"(?:[^"\\]|\\.)*"|(-?Infinity|NaN)/g;

function revive(_key: string, value: unknown): unknown {
  if (typeof value === 'string' && value.startsWith(SENTINEL)) {
    const literal = value.slice(SENTINEL.length);
    if (literal === 'NaN') return NaN;
    return literal.startsWith('-') ? -Infinity : Infinity;
  }
  return value;
}

/** JSON.parse that also accepts Python's NaN/Infinity literals; throws SyntaxError otherwise. */
export function parseJsonLenient(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch (error) {
    if (!/NaN|Infinity/.test(text)) throw error;
    let found = false;
    const rewritten = text.replace(LITERAL_OR_STRING, (match, literal: string | undefined) => {
      if (literal === undefined) return match;
      found = true;
      return `"\\u0000candor:${literal}"`;
    });
    if (!found) throw error;
    return JSON.parse(rewritten, revive);
  }
}

/** The first sentence of a JSON.parse error, for messages that already say where. */
export function jsonErrorReason(error: unknown): string {
  const message = error instanceof Error ? error.message : String(error);
  return message.replace(/\s+/g, ' ').slice(0, 160);
}
