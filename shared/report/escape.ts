// Model output is hostile text. Everything that came from a run file, a label
// note or a user goes through these before it reaches HTML, a <script> data
// block or a spreadsheet cell.

const HTML_ESCAPES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;', '`': '&#96;' };

/** Text for an element body or a quoted attribute value. */
export function escapeHtml(text: string): string {
  return text.replace(/[&<>"'`]/g, (c) => HTML_ESCAPES[c]!);
}

/**
 * Characters that change how text around them reads without being visible:
 * bidi embeddings, overrides and isolates ("Trojan Source"), zero-width
 * characters and other format controls, and C0/C1 controls other than tab and
 * newline. Shown as a visible marker, never passed through.
 */
// eslint-disable-next-line no-control-regex -- matching control characters is the point
const INVISIBLE = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F-\u009F\u00AD\u061C\u180E\u200B-\u200F\u202A-\u202E\u2060-\u2064\u2066-\u206F\uFEFF\uFFF9-\uFFFB]/g;

function codePoint(c: string): string {
  return `U+${c.codePointAt(0)!.toString(16).toUpperCase().padStart(4, '0')}`;
}

/** Escaped text with every invisible control shown as a marked code point. */
export function escapeUntrusted(text: string): string {
  return escapeHtml(text).replace(INVISIBLE, (c) => `<span class="cc" title="invisible character ${codePoint(c)}">${codePoint(c)}</span>`);
}

/** Same, for plain-text contexts (a plot's hover text, a title attribute). */
export function visibleControls(text: string): string {
  return text.replace(INVISIBLE, (c) => `[${codePoint(c)}]`);
}

/** Long text cut for a table cell; the full text stays in the JSON and CSV exports. */
export function clip(text: string, max: number): { text: string; cut: number } {
  const chars = Array.from(text);
  if (chars.length <= max) return { text, cut: 0 };
  return { text: chars.slice(0, max).join(''), cut: chars.length - max };
}

/**
 * JSON safe inside <script type="application/json">: no "</script>", no
 * "<!--", and no line separators that older parsers treat as newlines.
 */
export function jsonForScript(value: unknown): string {
  return JSON.stringify(value)
    .replace(/</g, '\\u003c')
    .replace(/>/g, '\\u003e')
    .replace(/&/g, '\\u0026')
    .replace(/\u2028/g, '\\u2028')
    .replace(/\u2029/g, '\\u2029');
}

/**
 * A CSV cell (RFC 4180 quoting). Text cells that a spreadsheet would run as a
 * formula (leading = + - @, tab or carriage return) get a leading apostrophe,
 * OWASP's advice against CSV injection; numbers are written as numbers.
 */
export function csvCell(value: string | number | boolean | null | undefined, kind: 'text' | 'value' = 'value'): string {
  if (value === null || value === undefined) return '';
  let text = typeof value === 'number' ? (Number.isFinite(value) ? String(value) : '') : String(value);
  if (kind === 'text' && /^[=+\-@\t\r]/.test(text)) text = `'${text}`;
  return /[",\r\n]/.test(text) || text !== text.trim() ? `"${text.replace(/"/g, '""')}"` : text;
}
