// The saved rubrics: the four defaults always, plus the user's own (spec typed
// as on the command line), each with its break-even threshold and warnings.
import { useState } from 'react';
import { call } from '../../api/client.ts';
import type { SavedRubric } from '../../../../shared/api/contract.ts';
import { describeError } from '../../lib/errors.ts';
import { fmt3 } from '../../lib/format.ts';

interface Props {
  rubrics: SavedRubric[];
  onChanged: () => void;
}

const SPEC_HELP =
  't=0.8, penalty=2, open:0.75, custom:1,-2,0 (correct, wrong, abstained; add @0.75 for a stated t), simpleqa-f; add +partial=abstained or +partial=credit:0.5 to score partial grades (Inspect’s “P”) otherwise than as incorrect';

export function RubricList({ rubrics, onChanged }: Props) {
  const [spec, setSpec] = useState('');
  const [name, setName] = useState('');
  const [message, setMessage] = useState<{ kind: 'error' | 'warning' | 'ok'; text: string } | null>(null);

  const save = async () => {
    try {
      const { rubric, created } = await call('rubrics/save', { spec, ...(name.trim() ? { name } : {}) });
      setSpec('');
      setName('');
      if (rubric.warnings.length) setMessage({ kind: 'warning', text: `Saved ${rubric.label}. ${rubric.warnings.map((w) => w.message).join('; ')}` });
      else setMessage({ kind: 'ok', text: created ? `Saved ${rubric.label}.` : `${rubric.label} is already in the list.` });
      onChanged();
    } catch (error) {
      setMessage({ kind: 'error', text: describeError(error) });
    }
  };

  const remove = async (rubric: SavedRubric) => {
    if (rubric.id === null) return;
    try {
      await call('rubrics/delete', { id: rubric.id });
      setMessage(null);
      onChanged();
    } catch (error) {
      setMessage({ kind: 'error', text: describeError(error) });
    }
  };

  return (
    <div className="rubric-list" data-testid="rubric-list">
      <ul className="rubric-chips">
        {rubrics.map((rubric) => (
          <li key={rubric.spec} className="rubric-chip" data-testid={`rubric-${rubric.spec}`} title={`${rubric.spec}${rubric.impliedThreshold === null ? '' : `; break-even confidence ${fmt3(rubric.impliedThreshold)}`}`}>
            <span>{rubric.name}</span>
            {rubric.warnings.length ? (
              <span className="rubric-warning" title={rubric.warnings.map((w) => w.message).join('\n')}>
                {'\u26A0'}
              </span>
            ) : null}
            {rubric.builtin ? (
              <span className="muted small">default</span>
            ) : (
              <button type="button" className="chip-remove" aria-label={`Delete rubric ${rubric.name}`} title="Delete this rubric" onClick={() => void remove(rubric)}>
                {'\u00D7'}
              </button>
            )}
          </li>
        ))}
      </ul>
      <form
        className="rubric-form"
        onSubmit={(event) => {
          event.preventDefault();
          void save();
        }}
      >
        <input
          className="text-input mono"
          data-testid="rubric-spec"
          placeholder="custom:1,-2,0@0.75"
          aria-label="Rubric spec"
          title={SPEC_HELP}
          value={spec}
          onChange={(e) => setSpec(e.target.value)}
        />
        <input className="text-input" placeholder="name (optional)" aria-label="Rubric name" value={name} onChange={(e) => setName(e.target.value)} />
        <button type="submit" className="button" data-testid="rubric-save" disabled={spec.trim() === ''}>
          Add rubric
        </button>
      </form>
      <p className="muted small">Specs: {SPEC_HELP}.</p>
      {message ? (
        <p className={`rubric-message ${message.kind}`} data-testid="rubric-message" role={message.kind === 'error' ? 'alert' : 'status'}>
          {message.text}
        </p>
      ) : null}
    </div>
  );
}
