// Remapping the labeling keys: press "Change", then the new key. Stored in
// localStorage; the help overlay and every view follow at once.
import { useEffect, useRef, useState } from 'react';
import {
  chordLabel,
  chordOf,
  conflictOf,
  defaultKeymap,
  KEY_ACTIONS,
  saveKeymap,
  useKeymap,
  type KeyAction,
} from '../../hooks/useItemKeys.ts';

const MODIFIER_KEYS = new Set(['Shift', 'Control', 'Meta', 'Alt', 'AltGraph', 'CapsLock']);

export function KeymapDialog({ onClose }: { onClose: () => void }) {
  const keymap = useKeymap();
  const [listening, setListening] = useState<KeyAction | null>(null);
  const [adding, setAdding] = useState(false);
  const [message, setMessage] = useState('');
  const closeRef = useRef<HTMLButtonElement>(null);

  useEffect(() => {
    const previous = document.activeElement instanceof HTMLElement ? document.activeElement : null;
    closeRef.current?.focus();
    return () => {
      if (previous?.isConnected) previous.focus();
    };
  }, []);

  useEffect(() => {
    if (!listening) return;
    const onKey = (event: KeyboardEvent) => {
      if (MODIFIER_KEYS.has(event.key)) return;
      event.preventDefault();
      event.stopPropagation();
      if (event.key === 'Escape') {
        setListening(null);
        setMessage('');
        return;
      }
      const chord = chordOf(event);
      const owner = conflictOf(keymap, chord, listening);
      const next = { ...keymap };
      if (owner) next[owner] = next[owner].filter((c) => c !== chord);
      next[listening] = adding ? [...next[listening].filter((c) => c !== chord), chord].slice(-3) : [chord];
      saveKeymap(next);
      setMessage(owner ? `${chordLabel(chord)} now does "${whatOf(listening)}" (taken from "${whatOf(owner)}").` : '');
      setListening(null);
    };
    // Capture: the labeling keys must not act on the key being assigned.
    window.addEventListener('keydown', onKey, true);
    return () => window.removeEventListener('keydown', onKey, true);
  }, [listening, adding, keymap]);

  return (
    <div className="overlay-backdrop" onMouseDown={(e) => e.target === e.currentTarget && onClose()}>
      <div className="overlay" role="dialog" aria-modal="true" aria-labelledby="keys-title" data-testid="keymap-dialog">
        <div className="overlay-head">
          <h2 id="keys-title">Labeling keys</h2>
          <button ref={closeRef} type="button" className="icon-button" onClick={onClose} aria-label="Close">
            {'\u00D7'}
          </button>
        </div>
        <table className="shortcut-table">
          <tbody>
            {KEY_ACTIONS.map(({ action, what }) => (
              <tr key={action}>
                <td>{what}</td>
                <td className="keys">
                  {keymap[action].length === 0 ? <span className="muted">none</span> : null}
                  {keymap[action].map((chord, i) => (
                    <span key={chord}>
                      {i > 0 ? <span className="muted"> or </span> : null}
                      <kbd>{chordLabel(chord)}</kbd>
                    </span>
                  ))}
                </td>
                <td>
                  <button
                    type="button"
                    className="button"
                    data-testid={`remap-${action}`}
                    onClick={() => {
                      setAdding(false);
                      setListening(action);
                    }}
                  >
                    {listening === action && !adding ? 'Press a key… (Esc cancels)' : 'Change'}
                  </button>
                  <button
                    type="button"
                    className="button"
                    data-testid={`add-key-${action}`}
                    onClick={() => {
                      setAdding(true);
                      setListening(action);
                    }}
                  >
                    {listening === action && adding ? 'Press a key…' : 'Add'}
                  </button>
                  <button
                    type="button"
                    className="link-button"
                    onClick={() => saveKeymap({ ...keymap, [action]: defaultKeymap()[action] })}
                    title="Back to the default keys"
                  >
                    default
                  </button>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
        <p className="muted small" aria-live="polite">
          {message || 'Change replaces an action’s keys with the one you press; Add gives it another (up to three). A key taken from another action is removed there.'}
        </p>
        <button type="button" className="button" onClick={() => saveKeymap(defaultKeymap())}>
          Reset all to defaults
        </button>
      </div>
    </div>
  );
}

function whatOf(action: KeyAction): string {
  return KEY_ACTIONS.find((entry) => entry.action === action)!.what;
}
