import type { Job } from '../../../shared/api/contract.ts';
import { fmtCount } from '../lib/format.ts';

export function jobCountText(job: Job): string {
  return job.total === null ? fmtCount(job.done) : `${fmtCount(job.done)} / ${fmtCount(job.total)}`;
}

export function JobProgress({ job, onCancel }: { job: Job; onCancel: (jobId: string) => void }) {
  const determinate = job.total !== null && job.total > 0;
  return (
    <div className="job-progress" data-testid="import-progress" aria-live="polite">
      <div className="job-progress-head">
        <span className="job-message" title={job.message}>
          {job.message || 'Importing'}
        </span>
        <button type="button" className="link-button" data-testid="import-cancel" onClick={() => onCancel(job.id)}>
          Cancel
        </button>
      </div>
      {determinate ? <progress max={job.total ?? 1} value={job.done} /> : <progress />}
      <span className="job-count">{jobCountText(job)}</span>
    </div>
  );
}
