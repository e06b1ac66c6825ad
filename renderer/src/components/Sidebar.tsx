// The runs list: filter, select, import. Arrow keys move through the list.
import { useMemo, useState } from 'react';
import type { Job } from '../../../shared/api/contract.ts';
import type { RunSummary } from '../../../shared/domain.ts';
import { fmtCount, fmtPercent } from '../lib/format.ts';
import { JobProgress } from './JobProgress.tsx';

interface SidebarProps {
  runs: RunSummary[] | null;
  selectedRunId: number | null;
  jobs: Job[];
  theme: 'light' | 'dark';
  onSelect: (runId: number) => void;
  onImport: () => void;
  onCancelJob: (jobId: string) => void;
  onToggleTheme: () => void;
  onHelp: () => void;
}

function matches(run: RunSummary, needle: string): boolean {
  if (!needle) return true;
  return [run.name, run.model ?? '', run.task ?? '', run.format].some((text) => text.toLowerCase().includes(needle));
}

export function Sidebar(props: SidebarProps) {
  const { runs, selectedRunId, jobs, theme } = props;
  const [filter, setFilter] = useState('');
  const visible = useMemo(() => (runs ?? []).filter((run) => matches(run, filter.trim().toLowerCase())), [runs, filter]);

  const onListKey = (event: React.KeyboardEvent<HTMLUListElement>) => {
    if (event.key !== 'ArrowDown' && event.key !== 'ArrowUp') return;
    const buttons = Array.from(event.currentTarget.querySelectorAll<HTMLButtonElement>('button.run-item'));
    const at = buttons.indexOf(document.activeElement as HTMLButtonElement);
    const next = buttons[Math.max(0, Math.min(buttons.length - 1, at + (event.key === 'ArrowDown' ? 1 : -1)))];
    if (next) {
      event.preventDefault();
      next.focus();
    }
  };

  return (
    <aside className="sidebar">
      <div className="sidebar-head">
        <span className="brand">Candor</span>
        <span className="spacer" />
        <button
          type="button"
          className="icon-button"
          data-testid="theme-toggle"
          onClick={props.onToggleTheme}
          title={`Switch to ${theme === 'dark' ? 'light' : 'dark'} theme`}
          aria-label={`Switch to ${theme === 'dark' ? 'light' : 'dark'} theme`}
        >
          {theme === 'dark' ? '\u263C' : '\u263E'}
        </button>
        <button type="button" className="icon-button" onClick={props.onHelp} title="Keyboard shortcuts (?)" aria-label="Keyboard shortcuts">
          ?
        </button>
      </div>
      <div className="sidebar-actions">
        <button type="button" className="button primary" data-testid="import-button" onClick={props.onImport} title="Import run files (Ctrl/⌘+O)">
          Import…
        </button>
        <span className="muted small">or drop files anywhere</span>
      </div>
      {jobs.map((job) => (
        <JobProgress key={job.id} job={job} onCancel={props.onCancelJob} />
      ))}
      <input
        className="text-input run-filter"
        type="search"
        placeholder="Filter runs"
        aria-label="Filter runs"
        data-testid="run-filter"
        value={filter}
        onChange={(e) => setFilter(e.target.value)}
      />
      <ul className="run-list" data-testid="run-list" aria-label="Runs" onKeyDown={onListKey}>
        {runs === null ? <li className="muted small pad">Loading runs…</li> : null}
        {runs !== null && runs.length === 0 ? <li className="muted small pad">No runs yet.</li> : null}
        {runs !== null && runs.length > 0 && visible.length === 0 ? (
          <li className="muted small pad">No run matches “{filter}”.</li>
        ) : null}
        {visible.map((run) => (
          <li key={run.id}>
            <RunEntry run={run} selected={run.id === selectedRunId} onSelect={props.onSelect} />
          </li>
        ))}
      </ul>
    </aside>
  );
}

function RunEntry({ run, selected, onSelect }: { run: RunSummary; selected: boolean; onSelect: (id: number) => void }) {
  const share = run.itemCount > 0 ? run.labeledCount / run.itemCount : 0;
  return (
    <button
      type="button"
      className={selected ? 'run-item selected' : 'run-item'}
      data-testid={`run-item-${run.id}`}
      aria-current={selected ? 'true' : undefined}
      onClick={() => onSelect(run.id)}
      title={run.sourcePath}
    >
      <span className="run-name">{run.name}</span>
      <span className="run-meta">
        <span title="model">{run.model ?? 'unknown model'}</span>
        <span className="sep">·</span>
        <span title="task">{run.task ?? 'unknown task'}</span>
      </span>
      <span className="run-stats">
        <span>{fmtCount(run.itemCount)} items</span>
        <span className="labeled-share" title={`${fmtCount(run.labeledCount)} of ${fmtCount(run.itemCount)} items carry a human label`}>
          <span className="share-bar">
            <span className="share-fill" style={{ width: `${Math.round(share * 100)}%` }} />
          </span>
          {fmtPercent(run.labeledCount, run.itemCount)} labeled
        </span>
      </span>
    </button>
  );
}
