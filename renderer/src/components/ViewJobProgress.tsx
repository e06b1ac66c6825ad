import type { Job } from '../../../shared/api/contract.ts';

/** A view's running job: its message, a Cancel button and a progress bar (indeterminate until the job knows its total). */
export function ViewJobProgress({ job, onCancel, className, testId, cancelTestId }: { job: Job; onCancel: () => void; className: string; testId: string; cancelTestId?: string }) {
  return (
    <div className={`job-progress ${className}`} data-testid={testId} aria-live="polite">
      <div className="job-progress-head">
        <span className="job-message">{job.message}</span>
        <button type="button" className="link-button" data-testid={cancelTestId} onClick={onCancel}>
          Cancel
        </button>
      </div>
      {job.total ? <progress max={job.total} value={job.done} /> : <progress />}
    </div>
  );
}
