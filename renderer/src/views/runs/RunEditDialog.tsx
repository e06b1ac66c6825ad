// Correcting a run: its name, model, task and free tags, in one small form.
// Enter saves, Escape cancels; what is saved can be undone (Ctrl/Cmd+Z in the
// sidebar, the Undo button, or the command palette).
import { useEffect, useId, useRef, useState } from 'react';
import type { RunSummary } from '../../../../shared/domain.ts';
import { MAX_RUN_NAME, MAX_TAGS, tagsProblem, tidyField, tidyTags, type RunFields } from '../../../../shared/runs/fields.ts';
import { changedFields, fieldsOf } from '../../lib/run-edits.ts';
import './runs.css';

export type EditFocus = 'name' | 'model' | 'tags';

interface Props {
  run: RunSummary;
  focus: EditFocus;
  /** Tags already in use, offered as suggestions. */
  knownTags: string[];
  /** Only the fields changed in the form. */
  onSave: (changes: Partial<RunFields>) => void;
  onCancel: () => void;
}

export function RunEditDialog({ run, focus, knownTags, onSave, onCancel }: Props) {
  // What the form opened on: a field counts as changed against this, even if the list refreshes meanwhile.
  const [initial] = useState(() => fieldsOf(run));
  const [name, setName] = useState(run.name);
  const [model, setModel] = useState(run.model ?? '');
  const [task, setTask] = useState(run.task ?? '');
  const [tags, setTags] = useState(run.tags.join(', '));
  const ids = useId();
  const refs = { name: useRef<HTMLInputElement>(null), model: useRef<HTMLInputElement>(null), tags: useRef<HTMLInputElement>(null) };

  useEffect(() => {
    const previous = document.activeElement instanceof HTMLElement ? document.activeElement : null;
    const input = refs[focus].current;
    input?.focus();
    input?.select();
    return () => {
      if (previous?.isConnected) previous.focus();
    };
    // Focus once, when the dialog opens.
  }, []);

  const tidyTagList = tidyTags([tags]);
  const problem = tidyField(name) === null ? 'A run needs a name.' : tagsProblem(tidyTagList);
  const save = () => {
    if (problem) return;
    const fields: RunFields = { name: tidyField(name)!, model: tidyField(model), task: tidyField(task), tags: tidyTagList };
    onSave(Object.fromEntries(changedFields(initial, fields).map((key) => [key, fields[key]])) as Partial<RunFields>);
  };
  const onKeyDown = (event: React.KeyboardEvent) => {
    if (event.key === 'Escape') {
      event.preventDefault();
      event.stopPropagation();
      onCancel();
    } else if (event.key === 'Enter' && (event.target as HTMLElement).tagName === 'INPUT') {
      event.preventDefault();
      save();
    }
  };
  const unused = knownTags.filter((tag) => !tidyTagList.some((t) => t.toLowerCase() === tag.toLowerCase()));

  return (
    <div className="overlay-backdrop" onMouseDown={(e) => e.target === e.currentTarget && onCancel()}>
      <div className="overlay run-dialog" role="dialog" aria-modal="true" aria-labelledby={`${ids}-title`} data-testid="run-edit-dialog" onKeyDown={onKeyDown}>
        <div className="overlay-head">
          <h2 id={`${ids}-title`}>Edit run</h2>
          <button type="button" className="icon-button" onClick={onCancel} aria-label="Close">
            {'\u00D7'}
          </button>
        </div>
        <p className="muted small run-dialog-source" title={run.sourcePath}>
          Imported from {run.sourcePath}
        </p>
        <div className="run-form">
          <label htmlFor={`${ids}-name`}>Name</label>
          <input id={`${ids}-name`} ref={refs.name} className="text-input" data-testid="run-edit-name" maxLength={MAX_RUN_NAME} value={name} onChange={(e) => setName(e.target.value)} />
          <label htmlFor={`${ids}-model`}>Model</label>
          <input
            id={`${ids}-model`}
            ref={refs.model}
            className="text-input"
            data-testid="run-edit-model"
            maxLength={MAX_RUN_NAME}
            placeholder="unknown model"
            value={model}
            onChange={(e) => setModel(e.target.value)}
          />
          <label htmlFor={`${ids}-task`}>Task</label>
          <input id={`${ids}-task`} className="text-input" data-testid="run-edit-task" maxLength={MAX_RUN_NAME} placeholder="unknown task" value={task} onChange={(e) => setTask(e.target.value)} />
          <label htmlFor={`${ids}-tags`}>Tags</label>
          <div>
            <input
              id={`${ids}-tags`}
              ref={refs.tags}
              className="text-input"
              data-testid="run-edit-tags"
              placeholder="baseline, v2 prompt"
              aria-describedby={`${ids}-tags-hint`}
              value={tags}
              onChange={(e) => setTags(e.target.value)}
            />
            <div className="run-form-hint muted small" id={`${ids}-tags-hint`}>
              Commas separate tags (at most {MAX_TAGS}); the sidebar filters (tag:NAME) and groups by them.
            </div>
            {unused.length > 0 ? (
              <div className="tag-suggestions" aria-label="Tags in use">
                {unused.slice(0, 12).map((tag) => (
                  <button key={tag} type="button" className="tag-chip as-button" onClick={() => setTags((current) => tidyTags([current, tag]).join(', '))} title={`Add “${tag}”`}>
                    + {tag}
                  </button>
                ))}
              </div>
            ) : null}
          </div>
        </div>
        {problem ? (
          <p className="inline-error small" role="alert">
            {problem}
          </p>
        ) : null}
        <div className="run-dialog-actions">
          <button type="button" className="button" onClick={onCancel}>
            Cancel
          </button>
          <button type="button" className="button primary" data-testid="run-edit-save" disabled={problem !== null} onClick={save}>
            Save <kbd>Enter</kbd>
          </button>
        </div>
      </div>
    </div>
  );
}
