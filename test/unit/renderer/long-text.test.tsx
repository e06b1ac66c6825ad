// @vitest-environment jsdom
// LongText: untrusted text, folded when long, and on demand with its invisible
// characters (whitespace, zero-width, bidi controls) drawn as visible text marks.
import { act } from 'react';
import { createRoot, type Root } from 'react-dom/client';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { hiddenCount, invisibleSegments, LongText } from '../../../renderer/src/components/LongText.tsx';

(globalThis as { IS_REACT_ACT_ENVIRONMENT?: boolean }).IS_REACT_ACT_ENVIRONMENT = true;

let host: HTMLDivElement;
let root: Root;
const byId = (id: string) => document.querySelector<HTMLElement>(`[data-testid="${id}"]`)!;

beforeEach(() => {
  host = document.createElement('div');
  document.body.append(host);
  root = createRoot(host);
});
afterEach(() => {
  act(() => root.unmount());
  host.remove();
});

async function show(text: string | null) {
  await act(async () => root.render(<LongText text={text} testId="answer" />));
}
async function toggle() {
  await act(async () => byId('answer-invisible-toggle').click());
}

/** Every element under the text is one of LongText's own: spans and <wbr>, nothing from the input. */
function tagsUnder(el: Element): string[] {
  return [...new Set(Array.from(el.querySelectorAll('*'), (node) => node.tagName.toLowerCase()))].sort();
}

describe('invisibleSegments', () => {
  it('draws spaces, tabs and line breaks as glyphs and keeps the real tab and line break after them', () => {
    const shown = invisibleSegments('a  b\tc\r\nd')
      .map((s) => (s.kind === 'text' ? s.text : s.shown + s.after))
      .join('');
    expect(shown).toBe('a\u00B7\u00B7b\u2192\tc\u240D\u23CE\nd');
  });

  it('names zero-width and bidi controls by code point, astral tag characters included', () => {
    const marks = invisibleSegments('x\u200By\u202Ez\u202C\u2066w\u2069\u{E0041}\uFEFF').filter((s) => s.kind === 'mark');
    expect(marks.map((s) => s.kind === 'mark' && s.shown)).toEqual([
      '\u27E8U+200B\u27E9',
      '\u27E8U+202E\u27E9',
      '\u27E8U+202C\u27E9',
      '\u27E8U+2066\u27E9',
      '\u27E8U+2069\u27E9',
      '\u27E8U+E0041\u27E9',
      '\u27E8U+FEFF\u27E9',
    ]);
    expect(marks[0]!.kind === 'mark' && marks[0]!.title).toBe('U+200B ZERO WIDTH SPACE');
    expect(marks[1]!.kind === 'mark' && marks[1]!.title).toBe('U+202E RIGHT-TO-LEFT OVERRIDE');
  });

  it('leaves visible text alone, other scripts and emoji included', () => {
    expect(invisibleSegments('שלום😀é')).toEqual([{ kind: 'text', text: 'שלום😀é' }]);
  });

  it('counts what the plain view hides, not ordinary whitespace', () => {
    expect(hiddenCount('a b\tc\n')).toBe(0);
    expect(hiddenCount('zero\u200Bwidth \u202Eevil\u202C\u00A0')).toBe(4);
  });
});

describe('LongText', () => {
  it('shows the text as it is until asked, then every invisible character as a text mark', async () => {
    const text = 'zero\u200Bwidth \u202Eevil\u202C\tend\n<b>bold</b>';
    await show(text);
    expect(byId('answer').textContent).toBe(text);
    expect(byId('answer-hidden-count').textContent).toBe('3 invisible');
    expect(byId('answer-invisible-toggle').getAttribute('aria-pressed')).toBe('false');

    await toggle();
    const el = byId('answer');
    expect(el.textContent).toBe(
      'zero\u27E8U+200B\u27E9width\u00B7\u27E8U+202E\u27E9evil\u27E8U+202C\u27E9\u2192\tend\u23CE\n<b>bold</b>',
    );
    // The controls themselves are gone, so they can no longer reorder the line.
    expect(el.textContent).not.toMatch(/[\u200B\u202A-\u202E\u2066-\u2069]/);
    expect(tagsUnder(el)).toEqual(['span', 'wbr']);
    expect(el.querySelector('b')).toBeNull();
    expect(el.querySelector('[title="U+202E RIGHT-TO-LEFT OVERRIDE"]')?.textContent).toBe('\u27E8U+202E\u27E9');
    expect(byId('answer-invisible-toggle').getAttribute('aria-pressed')).toBe('true');
    expect(document.querySelector('[data-testid="answer-hidden-count"]')).toBeNull();

    await toggle();
    expect(byId('answer').textContent).toBe(text);
  });

  it('keeps long texts folded, with invisible characters shown or not', async () => {
    const text = Array.from({ length: 40 }, (_, i) => `line ${i}\u200B`).join('\n');
    await show(text);
    expect(byId('answer').classList.contains('folded')).toBe(true);
    await toggle();
    expect(byId('answer').classList.contains('folded')).toBe(true);
    expect(byId('answer').textContent).toContain('line\u00B739\u27E8U+200B\u27E9');
    const more = Array.from(host.querySelectorAll('button')).find((b) => b.textContent?.startsWith('Show all'))!;
    await act(async () => more.click());
    expect(byId('answer').classList.contains('folded')).toBe(false);
    expect(more.getAttribute('aria-expanded')).toBe('true');
  });

  it('has no toggle for missing or empty text', async () => {
    await show(null);
    expect(byId('answer').textContent).toBe('—');
    expect(document.querySelector('[data-testid="answer-invisible-toggle"]')).toBeNull();
    await show('');
    expect(byId('answer').textContent).toBe('(empty)');
  });
});
