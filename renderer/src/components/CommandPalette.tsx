// Ctrl/Cmd+K: one filter box over the runs, the current run's views and the
// app's actions. Arrow keys move, Enter runs, Escape closes; focus returns to
// where it was. Labels (run names included) are untrusted text, shown as text.
import { useEffect, useId, useMemo, useRef, useState } from 'react';
import '../styles/palette.css';

export interface Command {
  /** unique among the commands shown */
  id: string;
  group: 'View' | 'Run' | 'Action';
  label: string;
  /** a second, muted line of context (the run a view belongs to, a run's model and task) */
  detail?: string;
  /** the shortcut that does the same, shown as a hint */
  keys?: string;
  /** marks the run or view already open */
  current?: boolean;
  run: () => void;
}

/** Where in `label` the token starts a word (0 = at the start), or -1. */
function wordStart(label: string, token: string): number {
  let at = label.indexOf(token);
  while (at >= 0) {
    if (at === 0 || !/[\p{L}\p{N}]/u.test(label[at - 1]!)) return at;
    at = label.indexOf(token, at + 1);
  }
  return -1;
}

function isSubsequence(text: string, token: string): boolean {
  let i = 0;
  for (const char of text) {
    if (char === token[i]) i += 1;
    if (i === token.length) return true;
  }
  return token.length === 0;
}

/**
 * Commands matching every whitespace-separated token of the query, case-insensitively,
 * best first: a token that starts the label, then one starting a word of it, then one
 * inside it, then one in the detail or group, then the token's letters in order in the
 * label (so "clbr" still finds Calibration). Ties keep the given order.
 */
export function filterCommands(commands: readonly Command[], query: string): Command[] {
  const tokens = query.toLowerCase().split(/\s+/).filter(Boolean);
  if (tokens.length === 0) return [...commands];
  const scored: Array<{ command: Command; score: number; index: number }> = [];
  commands.forEach((command, index) => {
    const label = command.label.toLowerCase();
    const rest = `${command.detail ?? ''} ${command.group}`.toLowerCase();
    let score = 0;
    for (const token of tokens) {
      const start = wordStart(label, token);
      if (start === 0) score += 0;
      else if (start > 0) score += 1;
      else if (label.includes(token)) score += 2;
      else if (rest.includes(token)) score += 3;
      else if (token.length > 1 && isSubsequence(label, token)) score += 6;
      else return;
    }
    scored.push({ command, score, index });
  });
  scored.sort((a, b) => a.score - b.score || a.index - b.index);
  return scored.map(({ command }) => command);
}

/** The label with the first token it contains marked, as text nodes and a <mark>. */
function Highlighted({ label, query }: { label: string; query: string }) {
  const lower = label.toLowerCase();
  for (const token of query.toLowerCase().split(/\s+/).filter(Boolean)) {
    const at = lower.indexOf(token);
    // Case folding can change lengths (e.g. "İ"); highlight only when it did not.
    if (at >= 0 && lower.length === label.length) {
      return (
        <>
          {label.slice(0, at)}
          <mark>{label.slice(at, at + token.length)}</mark>
          {label.slice(at + token.length)}
        </>
      );
    }
  }
  return <>{label}</>;
}

interface Props {
  commands: readonly Command[];
  /** Called with the chosen command; the caller closes the palette and runs it. */
  onRun: (command: Command) => void;
  onClose: () => void;
}

export function CommandPalette({ commands, onRun, onClose }: Props) {
  const [query, setQuery] = useState('');
  const [active, setActive] = useState(0);
  const inputRef = useRef<HTMLInputElement>(null);
  const listRef = useRef<HTMLUListElement>(null);
  const baseId = useId();
  const matches = useMemo(() => filterCommands(commands, query), [commands, query]);
  const current = matches.length === 0 ? -1 : Math.min(active, matches.length - 1);
  const optionId = (index: number) => `${baseId}-option-${index}`;

  useEffect(() => {
    const previous = document.activeElement instanceof HTMLElement ? document.activeElement : null;
    inputRef.current?.focus();
    return () => {
      if (previous?.isConnected) previous.focus();
    };
  }, []);

  useEffect(() => {
    if (current < 0) return;
    listRef.current?.querySelector<HTMLElement>(`[data-index="${current}"]`)?.scrollIntoView?.({ block: 'nearest' });
  }, [current]);

  const onKeyDown = (event: React.KeyboardEvent<HTMLInputElement>) => {
    const count = matches.length;
    if (event.key === 'ArrowDown' || event.key === 'ArrowUp') {
      event.preventDefault();
      if (count === 0) return;
      const step = event.key === 'ArrowDown' ? 1 : -1;
      setActive((current + step + count) % count);
    } else if (event.key === 'PageDown' || event.key === 'PageUp') {
      event.preventDefault();
      if (count === 0) return;
      setActive(Math.max(0, Math.min(count - 1, current + (event.key === 'PageDown' ? 8 : -8))));
    } else if (event.key === 'Enter') {
      event.preventDefault();
      const command = matches[current];
      if (command) onRun(command);
    } else if (event.key === 'Escape') {
      event.preventDefault();
      onClose();
    } else if (event.key === 'Tab') {
      // The filter box is the dialog's only stop; keep focus inside.
      event.preventDefault();
    }
  };

  return (
    <div className="palette-backdrop" onMouseDown={(e) => e.target === e.currentTarget && onClose()}>
      <div className="palette" role="dialog" aria-modal="true" aria-label="Command palette" data-testid="command-palette">
        <input
          ref={inputRef}
          className="palette-input"
          type="text"
          role="combobox"
          aria-expanded="true"
          aria-controls={`${baseId}-list`}
          aria-activedescendant={current >= 0 ? optionId(current) : undefined}
          aria-autocomplete="list"
          placeholder="Go to a run or view, or run an action…"
          spellCheck={false}
          autoComplete="off"
          data-testid="command-palette-input"
          value={query}
          onChange={(event) => {
            setQuery(event.target.value);
            setActive(0);
          }}
          onKeyDown={onKeyDown}
        />
        <ul className="palette-list" id={`${baseId}-list`} role="listbox" aria-label="Commands" ref={listRef}>
          {matches.map((command, index) => (
            <li
              key={command.id}
              id={optionId(index)}
              role="option"
              aria-selected={index === current}
              data-index={index}
              data-testid={`command-item-${index}`}
              className={index === current ? 'palette-item active' : 'palette-item'}
              // Keep focus in the filter box; a click runs the command.
              onMouseDown={(event) => event.preventDefault()}
              onMouseMove={() => index !== current && setActive(index)}
              onClick={() => onRun(command)}
            >
              <span className={`palette-group group-${command.group.toLowerCase()}`}>{command.group}</span>
              <span className="palette-label">
                <Highlighted label={command.label} query={query} />
                {command.current ? <span className="palette-current"> (open)</span> : null}
              </span>
              {command.detail ? <span className="palette-detail">{command.detail}</span> : null}
              {command.keys ? <kbd className="palette-keys">{command.keys}</kbd> : null}
            </li>
          ))}
          {matches.length === 0 ? (
            <li className="palette-empty" role="presentation">
              No run, view or action matches “{query}”.
            </li>
          ) : null}
        </ul>
        <div className="palette-foot" aria-hidden="true">
          <span>
            <kbd>↑</kbd> <kbd>↓</kbd> move
          </span>
          <span>
            <kbd>Enter</kbd> run
          </span>
          <span>
            <kbd>Esc</kbd> close
          </span>
          <span className="spacer" />
          <span>
            {matches.length} of {commands.length}
          </span>
        </div>
      </div>
    </div>
  );
}
