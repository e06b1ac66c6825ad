// The queue, its filters and the session's switches (who labels, blind mode,
// adjudication, advancing after a label). Text fields apply on Enter, so a
// million-item run is not searched on every keystroke.
import { useEffect, useState, type RefObject } from 'react';
import { QUEUES, type EffectiveOutcome, type Queue } from '../../../../shared/domain.ts';
import type { AnnotatorSummary } from '../../../../shared/api/labeling.ts';
import { QUEUE_LABELS, type LabelMode, type LabelQuery } from './query.ts';

interface Props {
  query: LabelQuery;
  onQuery: (query: LabelQuery) => void;
  mode: LabelMode;
  onMode: (mode: LabelMode) => void;
  blind: boolean;
  onBlind: (blind: boolean) => void;
  autoAdvance: boolean;
  onAutoAdvance: (on: boolean) => void;
  annotator: string;
  annotators: AnnotatorSummary[];
  onAnnotator: (name: string) => void;
  searchRef: RefObject<HTMLInputElement | null>;
  onDone: () => void;
  onKeys: () => void;
}

function parseUnit(text: string): number | null {
  if (text.trim() === '') return null;
  const value = Number(text);
  return Number.isFinite(value) && value >= 0 && value <= 1 ? value : null;
}

export function LabelToolbar(props: Props) {
  const { query, onQuery, mode, onDone } = props;
  const [search, setSearch] = useState(query.search);
  const [min, setMin] = useState(query.confidenceMin?.toString() ?? '');
  const [max, setMax] = useState(query.confidenceMax?.toString() ?? '');
  const [name, setName] = useState(props.annotator);
  useEffect(() => setName(props.annotator), [props.annotator]);
  useEffect(() => setSearch(query.search), [query.search]);

  const applyOnEnter = (apply: () => void) => (event: React.KeyboardEvent<HTMLInputElement>) => {
    if (event.key === 'Enter') {
      event.preventDefault();
      apply();
      onDone();
    } else if (event.key === 'Escape') {
      onDone();
    }
  };
  const applyRange = () => onQuery({ ...query, confidenceMin: parseUnit(min), confidenceMax: parseUnit(max) });
  const adjudicating = mode === 'adjudicate';

  return (
    <div className="label-toolbar" role="toolbar" aria-label="Queue and filters">
      <div className="segmented" role="group" aria-label="Mode">
        <button type="button" className="button" data-testid="mode-label" aria-pressed={!adjudicating} onClick={() => props.onMode('label')}>
          Label
        </button>
        <button type="button" className="button" data-testid="mode-adjudicate" aria-pressed={adjudicating} onClick={() => props.onMode('adjudicate')}>
          Adjudicate
        </button>
      </div>
      <label className="field">
        <span className="muted">queue</span>
        <select
          data-testid="queue-select"
          value={adjudicating ? 'disputed' : query.queue}
          disabled={adjudicating}
          onChange={(e) => onQuery({ ...query, queue: e.target.value as Queue })}
        >
          {QUEUES.map((queue) => (
            <option key={queue} value={queue}>
              {QUEUE_LABELS[queue]}
            </option>
          ))}
        </select>
      </label>
      {query.queue === 'random' && !adjudicating ? (
        <label className="field">
          <span className="muted">seed</span>
          <input
            type="number"
            className="narrow"
            min={0}
            value={query.seed}
            onChange={(e) => onQuery({ ...query, seed: Math.max(0, Math.floor(Number(e.target.value) || 0)) })}
          />
        </label>
      ) : null}
      <label className="field">
        <span className="muted">outcome</span>
        <select data-testid="outcome-filter" value={query.outcome} onChange={(e) => onQuery({ ...query, outcome: e.target.value as EffectiveOutcome | 'all' })}>
          {(['all', 'correct', 'incorrect', 'abstained', 'unlabeled'] as const).map((o) => (
            <option key={o} value={o}>
              {o}
            </option>
          ))}
        </select>
      </label>
      <label className="field" title="Confidence range, 0 to 1; Enter applies">
        <span className="muted">confidence</span>
        <input className="narrow" data-testid="confidence-min" placeholder="min" value={min} onChange={(e) => setMin(e.target.value)} onKeyDown={applyOnEnter(applyRange)} onBlur={applyRange} />
        <span className="muted">–</span>
        <input className="narrow" data-testid="confidence-max" placeholder="max" value={max} onChange={(e) => setMax(e.target.value)} onKeyDown={applyOnEnter(applyRange)} onBlur={applyRange} />
      </label>
      <input
        ref={props.searchRef}
        type="search"
        className="label-search"
        data-testid="label-search"
        placeholder="Search key, prompt, answer, gold (/)"
        value={search}
        onChange={(e) => setSearch(e.target.value)}
        onKeyDown={applyOnEnter(() => onQuery({ ...query, search }))}
      />
      <span className="spacer" />
      <label className="field" title="Who labels: pick a name that already has labels or type a new one; Enter applies">
        <span className="muted">annotator</span>
        <input
          list="label-annotators"
          className="annotator-pick"
          data-testid="label-annotator"
          value={name}
          maxLength={80}
          onChange={(e) => setName(e.target.value)}
          onKeyDown={applyOnEnter(() => props.onAnnotator(name))}
          onBlur={() => name.trim() && name !== props.annotator && props.onAnnotator(name)}
        />
        <datalist id="label-annotators">
          {props.annotators.map((a) => (
            <option key={a.name} value={a.name}>
              {`${a.items} items`}
            </option>
          ))}
        </datalist>
      </label>
      <label className="toggle" title="Hide model, confidence, imported and suggested grades and others' labels while labeling">
        <input type="checkbox" data-testid="blind-toggle" checked={props.blind && !adjudicating} disabled={adjudicating} onChange={(e) => props.onBlind(e.target.checked)} />
        blind
      </label>
      <label className="toggle" title="Move to the next item after each label">
        <input type="checkbox" data-testid="auto-advance" checked={props.autoAdvance} onChange={(e) => props.onAutoAdvance(e.target.checked)} />
        advance
      </label>
      <button type="button" className="button" data-testid="keys-button" onClick={props.onKeys}>
        Keys…
      </button>
    </div>
  );
}
