// Always-visible facts: which database, who labels, what runs in the background,
// and the last thing that went wrong.
import { useEffect, useState } from 'react';
import type { AppInfo, Job } from '../../../shared/api/contract.ts';
import { jobCountText } from './JobProgress.tsx';

interface StatusBarProps {
  info: AppInfo | null;
  annotator: string;
  onAnnotator: (name: string) => void;
  jobs: Job[];
  lastError: string | null;
  notice: string | null;
}

export function StatusBar({ info, annotator, onAnnotator, jobs, lastError, notice }: StatusBarProps) {
  const [draft, setDraft] = useState(annotator);
  useEffect(() => setDraft(annotator), [annotator]);
  const commit = () => onAnnotator(draft);

  return (
    <footer className="status-bar" data-testid="status-bar">
      <span className="status-cell db" title={info?.dbPath ?? ''}>
        <span className="muted">db</span> {info ? info.dbPath : '…'}
      </span>
      <label className="status-cell annotator">
        <span className="muted">annotator</span>
        <input
          className="annotator-input"
          data-testid="annotator-input"
          value={draft}
          maxLength={80}
          spellCheck={false}
          onChange={(e) => setDraft(e.target.value)}
          onBlur={commit}
          onKeyDown={(e) => {
            if (e.key === 'Enter') {
              commit();
              e.currentTarget.blur();
            } else if (e.key === 'Escape') {
              setDraft(annotator);
            }
          }}
        />
      </label>
      {jobs.map((job) => (
        <span key={job.id} className="status-cell job">
          <span className="muted">import</span> {jobCountText(job)}
        </span>
      ))}
      {notice && !lastError ? <span className="status-cell notice">{notice}</span> : null}
      <span className="spacer" />
      {lastError ? (
        <span className="status-cell status-error" title={lastError}>
          {lastError}
        </span>
      ) : null}
      {info ? <span className="status-cell muted">v{info.version}</span> : null}
    </footer>
  );
}
