// The import preview: what each file would create, before anything is
// written. Tabular files show their column mapping, which the user can
// change; the first items are shown as they will be stored.
import { useEffect, useRef } from 'react';
import type { ImportPreview } from '../../../../shared/api/contract.ts';
import type { PendingFile, UploadState } from '../../hooks/useFileImport.ts';
import { fmtBytes, fmtCount } from '../../lib/format.ts';
import './import.css';

const ROLES: Array<{ role: string; label: string; why: string }> = [
  { role: 'key', label: 'id', why: 'a unique id per item (else the row number)' },
  { role: 'prompt', label: 'prompt', why: 'the question asked' },
  { role: 'answer', label: 'answer', why: "the model's answer (required)" },
  { role: 'gold', label: 'gold', why: 'the reference answer' },
  { role: 'grade', label: 'grade', why: 'correct / incorrect / abstained, true/false, 1/0, or A/B/C' },
  { role: 'confidence', label: 'confidence', why: 'stated confidence, 0-1 or percent' },
  { role: 'model', label: 'model', why: 'splits the file into one run per model' },
  { role: 'task', label: 'task', why: 'splits the file into one run per task' },
];

interface Props {
  pending: PendingFile[];
  /** A browser upload in progress, before the preview. */
  upload: UploadState;
  onOption: (index: number, key: string, value: string) => void;
  onConfirm: () => void;
  onCancel: () => void;
}

function MappingTable({ preview, onChange }: { preview: ImportPreview; onChange: (role: string, column: string) => void }) {
  const columns = preview.columns ?? [];
  return (
    <table className="mapping-table" data-testid="import-mapping">
      <tbody>
        {ROLES.map(({ role, label, why }) => {
          const chosen = preview.mapping?.[role] ?? '';
          const guessed = preview.guessedMapping?.[role] ?? '';
          return (
            <tr key={role}>
              <th scope="row" title={why}>
                {label}
              </th>
              <td>
                <select
                  value={chosen}
                  aria-label={`column for ${label}`}
                  data-testid={`import-map-${role}`}
                  onChange={(event) => onChange(role, event.target.value)}
                >
                  <option value="">(none)</option>
                  {columns.map((column) => (
                    <option key={column} value={column}>
                      {column}
                    </option>
                  ))}
                </select>
                {chosen !== guessed ? <span className="muted mapping-note"> changed (guess: {guessed || 'none'})</span> : null}
              </td>
            </tr>
          );
        })}
      </tbody>
    </table>
  );
}

function ItemsPreview({ preview }: { preview: ImportPreview }) {
  return (
    <div className="preview-scroll">
      <table className="preview-table" data-testid="import-preview-items">
        <thead>
          <tr>
            <th>line</th>
            <th>id</th>
            <th>prompt</th>
            <th>answer</th>
            <th>gold</th>
            <th>grade</th>
            <th>confidence</th>
          </tr>
        </thead>
        <tbody>
          {preview.items.map((item) => (
            <tr key={`${item.line}:${item.key}`}>
              <td className="num">{item.line}</td>
              <td className="mono">{item.key}</td>
              <td title={item.prompt}>{item.prompt}</td>
              <td title={item.answer}>{item.answer}</td>
              <td title={item.gold ?? ''}>{item.gold ?? '\u2014'}</td>
              <td>{item.grade ?? <span className="muted">none</span>}</td>
              <td className="num">{item.confidence === null ? '\u2014' : item.confidence}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

/** Whether the file has a confidence column whose scale the user may want to state (or must, after a clash). */
function showsScale(entry: PendingFile): boolean {
  const { result } = entry;
  if (entry.options.confidenceScale !== undefined) return true;
  if (result && !result.ok) return result.error.code === 'mixed-confidence-scale';
  return result !== null && result.preview.tabular && result.preview.mapping?.confidence !== undefined;
}

/** 0-1 or 0-100: decided from the whole column unless the user says which. */
function ScaleChoice({ value, onChange }: { value: string; onChange: (value: string) => void }) {
  return (
    <label className="import-choice">
      confidence scale{' '}
      <select value={value} data-testid="import-confidence-scale" onChange={(event) => onChange(event.target.value)}>
        <option value="auto">decide from the whole column</option>
        <option value="unit">0-1 (probabilities)</option>
        <option value="percent">0-100 (percentages)</option>
      </select>
    </label>
  );
}

function FilePreview({ entry, index, onOption }: { entry: PendingFile; index: number; onOption: Props['onOption'] }) {
  const { result } = entry;
  return (
    <section className="import-file" data-testid="import-file" aria-busy={entry.loading}>
      <header className="import-file-head">
        <strong className="import-file-name">{entry.name}</strong>
        {result?.ok ? <span className="format-badge">{result.preview.format}</span> : null}
        {entry.loading ? <span className="muted">reading…</span> : null}
      </header>
      {result && !result.ok ? (
        <p className="inline-error" data-testid="import-preview-error">
          {result.error.message}
        </p>
      ) : null}
      {showsScale(entry) ? <ScaleChoice value={entry.options.confidenceScale ?? 'auto'} onChange={(value) => onOption(index, 'confidenceScale', value)} /> : null}
      {result?.ok ? (
        <>
          {result.preview.duplicateOf ? (
            <p className="notice">Already imported (same bytes) as run {result.preview.duplicateOf.join(', ')}: importing again reuses it.</p>
          ) : null}
          <p className="muted import-creates" data-testid="import-creates">
            Creates {result.preview.runs.length === 1 ? 'one run' : `${result.preview.runs.length} runs`}
            {/* Model and task often come from the file's header, known only once it is read whole: name them only when the items do. */}
            {result.preview.runs.some((run) => run.model !== null || run.task !== null)
              ? `: ${result.preview.runs.map((run) => [run.model ?? 'unknown model', run.task ?? 'unknown task'].join(' \u00B7 ')).join('; ')}`
              : ''}
            {result.preview.confidenceScale?.scale === 'percent' ? (
              <span data-testid="import-percent">. Confidences are read as percentages ({result.preview.confidenceScale.reason}) and divided by 100</span>
            ) : null}
            {result.preview.rememberedMapping ? '. Using the mapping you chose before for these columns' : ''}.
          </p>
          {result.preview.notes.length > 0 ? (
            <ul className="import-notes" data-testid="import-notes">
              {result.preview.notes.map((note) => (
                <li key={note} className={/^No (grade|confidence)|unknown|not 0 or 1|left out/.test(note) ? 'import-note-warn' : undefined}>
                  {note}
                </li>
              ))}
            </ul>
          ) : null}
          {Object.entries(result.preview.choices ?? {})
            // A choice with one option is shown only when nothing is chosen yet (a metric to grade by).
            .filter(([, choice]) => choice.options.length > 1 || (choice.value === null && choice.options.length > 0))
            .map(([key, choice]) => (
              <label key={key} className="import-choice">
                {choice.label}{' '}
                <select
                  value={choice.value ?? ''}
                  data-testid={`import-choice-${key}`}
                  onChange={(event) => onOption(index, key, event.target.value)}
                >
                  {choice.value === null ? <option value="">(none)</option> : null}
                  {choice.options.map((option) => (
                    <option key={option} value={option}>
                      {option}
                    </option>
                  ))}
                </select>
              </label>
            ))}
          {result.preview.tabular ? (
            <MappingTable preview={result.preview} onChange={(role, column) => onOption(index, `column.${role}`, column)} />
          ) : null}
          <ItemsPreview preview={result.preview} />
          <p className="muted small">The first {fmtCount(result.preview.items.length)} items, as they will be stored.</p>
        </>
      ) : null}
    </section>
  );
}

export function ImportDialog({ pending, upload, onOption, onConfirm, onCancel }: Props) {
  const confirmRef = useRef<HTMLButtonElement>(null);
  const ready = pending.filter((entry) => entry.result?.ok).length;
  const loading = upload !== null || pending.some((entry) => entry.loading);

  useEffect(() => {
    if (!loading) confirmRef.current?.focus();
  }, [loading]);

  return (
    <div className="overlay-backdrop" onMouseDown={(event) => event.target === event.currentTarget && onCancel()}>
      <div
        className="overlay import-dialog"
        role="dialog"
        aria-modal="true"
        aria-labelledby="import-title"
        data-testid="import-dialog"
        onKeyDown={(event) => {
          if (event.key === 'Escape') onCancel();
        }}
      >
        <div className="overlay-head">
          <h2 id="import-title">
            Import {pending.length === 1 ? 'one file' : `${pending.length} files`}
          </h2>
        </div>
        <div className="import-body">
          {upload ? (
            <div className="import-upload" data-testid="import-upload" role="status">
              <span>
                Sending {fmtCount(upload.fileCount)} file{upload.fileCount === 1 ? '' : 's'} to Candor: {fmtBytes(upload.bytes)} of {fmtBytes(upload.bytesTotal)}
              </span>
              <progress max={Math.max(1, upload.bytesTotal)} value={upload.bytes} />
            </div>
          ) : null}
          {pending.map((entry, index) => (
            <FilePreview key={`${index}:${entry.name}`} entry={entry} index={index} onOption={onOption} />
          ))}
        </div>
        <footer className="import-actions">
          <span className="muted">Nothing is written until you import; each file is imported whole or not at all.</span>
          <button type="button" className="button" onClick={onCancel} data-testid="import-preview-cancel">
            Cancel
          </button>
          <button
            ref={confirmRef}
            type="button"
            className="button primary"
            disabled={loading || ready === 0}
            onClick={onConfirm}
            data-testid="import-confirm"
          >
            {ready === pending.length ? 'Import' : `Import ${ready} of ${pending.length}`}
          </button>
        </footer>
      </div>
    </div>
  );
}
