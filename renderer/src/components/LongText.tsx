// Untrusted model text: rendered as a React text node only, wrapped, whitespace
// kept, and folded when long so one essay does not push the buttons off screen.
import { useState } from 'react';
import { fmtCount } from '../lib/format.ts';

const FOLD_CHARS = 1500;
const FOLD_LINES = 24;

export function LongText({ text, testId, empty = '(empty)' }: { text: string | null; testId: string; empty?: string }) {
  const [expanded, setExpanded] = useState(false);
  if (text === null || text === '') {
    return (
      <div className="long-text muted" data-testid={testId}>
        {text === null ? '—' : empty}
      </div>
    );
  }
  const long = text.length > FOLD_CHARS || text.split('\n').length > FOLD_LINES;
  return (
    <div className="long-text-wrap">
      <div className={long && !expanded ? 'long-text folded' : 'long-text'} data-testid={testId}>
        {text}
      </div>
      {long ? (
        <button type="button" className="link-button" onClick={() => setExpanded((v) => !v)} aria-expanded={expanded}>
          {expanded ? 'Show less' : `Show all (${fmtCount(text.length)} characters)`}
        </button>
      ) : null}
    </div>
  );
}
