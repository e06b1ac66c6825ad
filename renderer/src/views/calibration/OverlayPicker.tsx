// Which runs to draw beside this one: a compact button that opens a searchable
// list, so fourteen runs (or a hundred) never push the diagram down. Runs
// without a confidence are not offered; the picked runs stay listed as chips
// that take themselves out. Escape or a click elsewhere closes the list.
import { useEffect, useId, useMemo, useRef, useState } from 'react';
import type { RunSummary } from '../../../../shared/domain.ts';
import { fmtCount } from '../../lib/format.ts';
import { matchesRunQuery, MAX_OVERLAY } from './settings.ts';

interface Props {
  /** runs that can be overlaid (other runs with confidences) */
  candidates: RunSummary[];
  /** how many other runs were left out for having no confidence */
  withoutConfidence: number;
  selected: number[];
  label: (run: RunSummary) => string;
  onToggle: (runId: number) => void;
}

export function OverlayPicker({ candidates, withoutConfidence, selected, label, onToggle }: Props) {
  const [open, setOpen] = useState(false);
  const [query, setQuery] = useState('');
  const rootRef = useRef<HTMLDivElement>(null);
  const searchRef = useRef<HTMLInputElement>(null);
  const listId = useId();
  const full = selected.length >= MAX_OVERLAY;

  const shown = useMemo(() => candidates.filter((run) => matchesRunQuery(run, query)), [candidates, query]);
  const picked = selected.map((id) => candidates.find((run) => run.id === id)).filter((run) => run !== undefined);

  useEffect(() => {
    if (!open) return;
    searchRef.current?.focus();
    const onPointer = (event: PointerEvent) => {
      if (rootRef.current && !rootRef.current.contains(event.target as Node)) setOpen(false);
    };
    document.addEventListener('pointerdown', onPointer);
    return () => document.removeEventListener('pointerdown', onPointer);
  }, [open]);

  if (candidates.length === 0) {
    return withoutConfidence > 0 ? (
      <span className="muted small overlay-none" data-testid="calibration-overlay-none">
        No other run states confidences to overlay.
      </span>
    ) : null;
  }

  return (
    <div
      className="overlay-picker"
      ref={rootRef}
      onKeyDown={(event) => {
        if (event.key === 'Escape' && open) {
          event.stopPropagation();
          setOpen(false);
        }
      }}
    >
      <span className="overlay-label">Overlay</span>
      <div className="overlay-row">
        <button
          type="button"
          className="overlay-button"
          data-testid="calibration-overlays"
          aria-expanded={open}
          aria-controls={listId}
          onClick={() => setOpen((value) => !value)}
          title="Draw other runs on the same diagram"
        >
          {selected.length ? `${selected.length} of ${MAX_OVERLAY}` : 'Add runs'} <span aria-hidden="true">▾</span>
        </button>
        {picked.map((run) => (
          <button key={run.id} type="button" className="overlay-chip" data-testid={`calibration-overlay-chip-${run.id}`} onClick={() => onToggle(run.id)} title={`Take ${label(run)} off the diagram`}>
            <span className="overlay-chip-name">{label(run)}</span>
            <span aria-hidden="true">×</span>
          </button>
        ))}
      </div>
      {open ? (
        <div className="overlay-popover" id={listId} role="dialog" aria-label="Runs to overlay" data-testid="calibration-overlay-list">
          <input
            ref={searchRef}
            type="search"
            className="text-input overlay-search"
            placeholder={`Filter ${fmtCount(candidates.length)} runs`}
            value={query}
            onChange={(event) => setQuery(event.target.value)}
            data-testid="calibration-overlay-search"
            aria-label="Filter runs by name, model or task"
          />
          <ul className="overlay-options">
            {shown.map((run) => {
              const checked = selected.includes(run.id);
              return (
                <li key={run.id}>
                  <label className={!checked && full ? 'disabled' : undefined} title={!checked && full ? `At most ${MAX_OVERLAY} runs in one diagram` : `${fmtCount(run.confidenceCount)} of ${fmtCount(run.itemCount)} items with a confidence`}>
                    <input type="checkbox" checked={checked} disabled={!checked && full} onChange={() => onToggle(run.id)} data-testid={`calibration-overlay-${run.id}`} />
                    <span className="overlay-option-name">{label(run)}</span>
                    <span className="muted small">{run.task ?? ''}</span>
                  </label>
                </li>
              );
            })}
            {shown.length === 0 ? <li className="muted small">No run matches “{query}”.</li> : null}
          </ul>
          <p className="muted small overlay-foot">
            {selected.length} of at most {MAX_OVERLAY} picked
            {withoutConfidence > 0 ? ` · ${fmtCount(withoutConfidence)} run${withoutConfidence === 1 ? '' : 's'} without confidences not listed` : ''}
          </p>
        </div>
      ) : null}
    </div>
  );
}
