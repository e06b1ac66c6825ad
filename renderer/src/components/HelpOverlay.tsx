// Every shortcut in one place, the labeling keys as currently mapped (remap them
// in the Label view). Focus moves into the dialog and returns to where it was
// when the dialog closes.
import { useEffect, useRef } from 'react';
import { chordLabel, KEY_ACTIONS, useKeymap } from '../hooks/useItemKeys.ts';

const SHORTCUTS: Array<[string, string, string[]]> = [
  ['Global', 'Import run files', ['Ctrl+O', '\u2318+O']],
  ['Global', 'Export a report (Report tab)', ['Ctrl+E', '\u2318+E']],
  ['Global', 'Command palette: runs, views, actions', ['Ctrl+K', '\u2318+K']],
  ['Global', 'Show this help', ['?']],
  ['Global', 'Close overlay, dismiss error', ['Esc']],
  ['Palette', 'Move between commands', ['\u2191', '\u2193']],
  ['Palette', 'Run the command (filter by typing)', ['Enter']],
  ['Palette', 'Close, back to where you were', ['Esc']],
  ['Runs', 'Move between runs (runs list focused)', ['\u2191', '\u2193']],
  ['Runs', 'Rename the focused run; set its model, task and tags', ['F2']],
  ['Runs', 'Delete the focused run (its labels are exported first)', ['Del']],
  ['Runs', 'Open the focused run\u2019s menu (or right-click it)', ['Shift+F10', 'Menu']],
  ['Runs', 'Undo the last run edit (runs list focused)', ['Ctrl+Z', '\u2318+Z']],
  ['Items', 'Move between rows', ['\u2191', '\u2193']],
  ['Items', 'Open the item', ['Enter']],
  ['Items', 'Sort by a column: click its header (again: reverse); the order and filter stay in the URL', ['click']],
  ['Compare', 'Move between item keys', ['\u2191', '\u2193', 'j', 'k']],
  ['Compare', 'Move between runs', ['\u2190', '\u2192', 'h', 'l']],
  ['Compare', 'Open the focused run\u2019s item (or click its cell)', ['Enter']],
];

export function HelpOverlay({ onClose }: { onClose: () => void }) {
  const closeRef = useRef<HTMLButtonElement>(null);
  const keymap = useKeymap();
  const rows: Array<[string, string, string[]]> = [
    ...SHORTCUTS,
    ...KEY_ACTIONS.map(({ action, what }): [string, string, string[]] => ['Label', what, keymap[action].map((chord) => chordLabel(chord))]),
  ];

  useEffect(() => {
    const previous = document.activeElement instanceof HTMLElement ? document.activeElement : null;
    closeRef.current?.focus();
    return () => {
      if (previous?.isConnected) previous.focus();
    };
  }, []);

  return (
    <div className="overlay-backdrop" onMouseDown={(e) => e.target === e.currentTarget && onClose()}>
      <div className="overlay" role="dialog" aria-modal="true" aria-labelledby="help-title" data-testid="help-overlay">
        <div className="overlay-head">
          <h2 id="help-title">Keyboard shortcuts</h2>
          <button ref={closeRef} type="button" className="icon-button" onClick={onClose} aria-label="Close help">
            {'\u00D7'}
          </button>
        </div>
        <table className="shortcut-table">
          <tbody>
            {rows.map(([scope, what, keys]) => (
              <tr key={`${scope}-${what}`}>
                <td className="muted">{scope}</td>
                <td>{what}</td>
                <td className="keys">
                  {keys.map((key, i) => (
                    <span key={key}>
                      {i > 0 ? <span className="muted"> or </span> : null}
                      <kbd>{key}</kbd>
                    </span>
                  ))}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
        <p className="muted small">
          Label keys work in the Item and Label views; remap them with the Keys button of the Label view. Single-key shortcuts are
          ignored while typing in a text field.
        </p>
      </div>
    </div>
  );
}
