// Untrusted model text: rendered as React text nodes only, wrapped, whitespace
// kept, and folded when long so one essay does not push the buttons off screen.
// "Show invisible characters" draws whitespace, zero-width, bidi-control and
// other invisible code points as visible markers (·, →, ⏎, ⟨U+200B⟩), still as
// text: the controls themselves are left out, so they cannot reorder the line.
import { useMemo, useState } from 'react';
import { fmtCount } from '../lib/format.ts';
import '../styles/longtext.css';

const FOLD_CHARS = 1500;
const FOLD_LINES = 24;

/** Names for the code points people most often need to recognise; others show their code only. */
const NAMES: Record<number, string> = {
  0x00a0: 'NO-BREAK SPACE',
  0x00ad: 'SOFT HYPHEN',
  0x034f: 'COMBINING GRAPHEME JOINER',
  0x061c: 'ARABIC LETTER MARK',
  0x180e: 'MONGOLIAN VOWEL SEPARATOR',
  0x200b: 'ZERO WIDTH SPACE',
  0x200c: 'ZERO WIDTH NON-JOINER',
  0x200d: 'ZERO WIDTH JOINER',
  0x200e: 'LEFT-TO-RIGHT MARK',
  0x200f: 'RIGHT-TO-LEFT MARK',
  0x2028: 'LINE SEPARATOR',
  0x2029: 'PARAGRAPH SEPARATOR',
  0x202a: 'LEFT-TO-RIGHT EMBEDDING',
  0x202b: 'RIGHT-TO-LEFT EMBEDDING',
  0x202c: 'POP DIRECTIONAL FORMATTING',
  0x202d: 'LEFT-TO-RIGHT OVERRIDE',
  0x202e: 'RIGHT-TO-LEFT OVERRIDE',
  0x202f: 'NARROW NO-BREAK SPACE',
  0x2060: 'WORD JOINER',
  0x2066: 'LEFT-TO-RIGHT ISOLATE',
  0x2067: 'RIGHT-TO-LEFT ISOLATE',
  0x2068: 'FIRST STRONG ISOLATE',
  0x2069: 'POP DIRECTIONAL ISOLATE',
  0x3000: 'IDEOGRAPHIC SPACE',
  0xfeff: 'ZERO WIDTH NO-BREAK SPACE (BOM)',
};

/** Code points with no visible glyph of their own (besides the ordinary space, tab and line breaks). */
export function isInvisible(cp: number): boolean {
  return (
    cp < 0x20 || // C0 controls (tab, LF and CR are drawn as ordinary whitespace markers)
    (cp >= 0x7f && cp <= 0xa0) || // DEL, C1 controls, no-break space
    cp === 0xad ||
    cp === 0x34f ||
    cp === 0x61c ||
    cp === 0x115f ||
    cp === 0x1160 ||
    cp === 0x1680 ||
    cp === 0x180e ||
    (cp >= 0x2000 && cp <= 0x200f) || // typographic spaces, zero-width, LRM/RLM
    (cp >= 0x2028 && cp <= 0x202f) || // line/paragraph separators, bidi embeddings and overrides
    (cp >= 0x205f && cp <= 0x206f) || // word joiner, invisible operators, bidi isolates
    cp === 0x3000 ||
    cp === 0x3164 ||
    (cp >= 0xfe00 && cp <= 0xfe0f) || // variation selectors
    cp === 0xfeff ||
    cp === 0xffa0 ||
    (cp >= 0xfff9 && cp <= 0xfffb) || // interlinear annotation
    (cp >= 0xe0000 && cp <= 0xe007f) || // tag characters (hidden ASCII)
    (cp >= 0xe0100 && cp <= 0xe01ef) // variation selectors supplement
  );
}

export function codeLabel(cp: number): string {
  return `U+${cp.toString(16).toUpperCase().padStart(4, '0')}`;
}

export type Segment =
  | { kind: 'text'; text: string }
  /** shown: what is drawn; after: real whitespace kept after the marker so lines still break where they did */
  | { kind: 'mark'; shown: string; title: string; after: string; whitespace: boolean };

/**
 * The text cut into plain runs and markers. Ordinary whitespace gets a glyph
 * (space ·, tab →, line feed ⏎, carriage return ␍); every other invisible code
 * point becomes ⟨U+XXXX⟩. Consecutive spaces share one marker.
 */
export function invisibleSegments(text: string): Segment[] {
  const out: Segment[] = [];
  let plain = '';
  const flush = () => {
    if (plain) out.push({ kind: 'text', text: plain });
    plain = '';
  };
  const mark = (shown: string, title: string, after = '', whitespace = false) => {
    flush();
    const last = out[out.length - 1];
    if (whitespace && last?.kind === 'mark' && last.whitespace && last.title === title && !last.after && !after) {
      last.shown += shown;
      return;
    }
    out.push({ kind: 'mark', shown, title, after, whitespace });
  };
  for (const char of text) {
    const cp = char.codePointAt(0)!;
    if (cp === 0x20) mark('\u00B7', 'space', '', true);
    else if (cp === 0x09) mark('\u2192', 'tab', '\t', true);
    else if (cp === 0x0a) mark('\u23CE', 'line feed', '\n', true);
    else if (cp === 0x0d) mark('\u240D', 'carriage return', '', true);
    else if (isInvisible(cp)) {
      const name = NAMES[cp];
      mark(`\u27E8${codeLabel(cp)}\u27E9`, name ? `${codeLabel(cp)} ${name}` : codeLabel(cp), cp === 0x2028 || cp === 0x2029 ? '\n' : '');
    } else plain += char;
  }
  flush();
  return out;
}

/** How many characters the plain view hides entirely (ordinary spaces, tabs and line breaks not counted). */
export function hiddenCount(text: string): number {
  let count = 0;
  for (const char of text) {
    const cp = char.codePointAt(0)!;
    if (cp !== 0x09 && cp !== 0x0a && cp !== 0x0d && isInvisible(cp)) count += 1;
  }
  return count;
}

function Visible({ text }: { text: string }) {
  const segments = useMemo(() => invisibleSegments(text), [text]);
  return (
    <>
      {segments.map((segment, i) =>
        segment.kind === 'text' ? (
          segment.text
        ) : (
          <span key={i}>
            <span className={segment.whitespace ? 'invisible-mark ws' : 'invisible-mark'} title={segment.title}>
              {segment.shown}
            </span>
            {segment.after}
            {segment.whitespace && !segment.after ? <wbr /> : null}
          </span>
        ),
      )}
    </>
  );
}

export function LongText({ text, testId, empty = '(empty)' }: { text: string | null; testId: string; empty?: string }) {
  const [expanded, setExpanded] = useState(false);
  const [showInvisible, setShowInvisible] = useState(false);
  const hidden = useMemo(() => (text ? hiddenCount(text) : 0), [text]);
  if (text === null || text === '') {
    return (
      <div className="long-text muted" data-testid={testId}>
        {text === null ? '—' : empty}
      </div>
    );
  }
  const long = text.length > FOLD_CHARS || text.split('\n').length > FOLD_LINES;
  const classes = ['long-text', long && !expanded ? 'folded' : '', showInvisible ? 'showing-invisible' : ''].filter(Boolean).join(' ');
  return (
    <div className="long-text-wrap">
      <div className={classes} data-testid={testId}>
        {showInvisible ? <Visible text={text} /> : text}
      </div>
      <div className="long-text-tools">
        {long ? (
          <button type="button" className="link-button" onClick={() => setExpanded((v) => !v)} aria-expanded={expanded}>
            {expanded ? 'Show less' : `Show all (${fmtCount(text.length)} characters)`}
          </button>
        ) : null}
        <span className="spacer" />
        {hidden > 0 && !showInvisible ? (
          <span className="hidden-count" data-testid={`${testId}-hidden-count`} title="Zero-width, bidi-control and other invisible characters in this text">
            {fmtCount(hidden)} invisible
          </span>
        ) : null}
        <button
          type="button"
          className="link-button"
          data-testid={`${testId}-invisible-toggle`}
          aria-pressed={showInvisible}
          onClick={() => setShowInvisible((v) => !v)}
          title="Draw spaces, tabs, line breaks, zero-width and bidi-control characters as visible marks"
        >
          {showInvisible ? 'Hide invisible characters' : 'Show invisible characters'}
        </button>
      </div>
    </div>
  );
}
