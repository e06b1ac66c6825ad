// Label sets: download this run's labels as JSON, and merge another
// database's set by item key. Conflicts are shown, never overwritten.
import { useRef, useState } from 'react';
import type { MergeReport } from '../../../../shared/labels/label-set.ts';
import type { RunSummary } from '../../../../shared/domain.ts';
import { call } from '../../api/client.ts';
import { OutcomeBadge } from '../../components/OutcomeBadge.tsx';
import { describeError } from '../../lib/errors.ts';
import { fmtCount } from '../../lib/format.ts';

interface Props {
  run: RunSummary;
  onLabeled: () => void;
  onError: (message: string) => void;
  onNotice: (message: string) => void;
}

export function LabelSets({ run, onLabeled, onError, onNotice }: Props) {
  const [report, setReport] = useState<MergeReport | null>(null);
  const [busy, setBusy] = useState(false);
  const input = useRef<HTMLInputElement>(null);

  const exportSet = async () => {
    try {
      const set = await call('labels/export', { runId: run.id });
      const blob = new Blob([JSON.stringify(set, null, 1)], { type: 'application/json' });
      const url = URL.createObjectURL(blob);
      const link = document.createElement('a');
      link.href = url;
      link.download = `${run.name.replace(/[^\w.-]+/g, '_')}.labels.json`;
      link.click();
      setTimeout(() => URL.revokeObjectURL(url), 10_000);
      onNotice(`Exported ${fmtCount(set.labels.length)} label records`);
    } catch (error) {
      onError(describeError(error));
    }
  };

  const importSet = async (file: File) => {
    setBusy(true);
    try {
      let set: unknown;
      try {
        set = JSON.parse(await file.text());
      } catch {
        throw new Error(`${file.name} is not JSON: export a label set from Candor (Agreement tab, Export labels).`);
      }
      const merged = await call('labels/merge', { runId: run.id, set: set as never });
      setReport(merged);
      onLabeled();
      onNotice(`Merged ${file.name}: ${fmtCount(merged.added)} added, ${fmtCount(merged.conflicts.length)} conflicts`);
    } catch (error) {
      onError(describeError(error));
    } finally {
      setBusy(false);
    }
  };

  return (
    <section className="panel agreement-panel">
      <h2 className="panel-title">Label sets</h2>
      <p className="muted small">
        Share labels between databases: export this run&apos;s label history, and merge a set exported elsewhere (matched by item key).
        Where the same annotator&apos;s current label differs, nothing is overwritten: the conflict is listed below.
      </p>
      <div className="row-actions">
        <button type="button" className="button" data-testid="labels-export" onClick={() => void exportSet()}>
          Export labels (JSON)
        </button>
        <button type="button" className="button" data-testid="labels-import" disabled={busy} onClick={() => input.current?.click()}>
          {busy ? 'Merging…' : 'Merge a label set…'}
        </button>
        <input
          ref={input}
          type="file"
          accept=".json,application/json"
          hidden
          data-testid="labels-import-input"
          onChange={(event) => {
            const file = event.currentTarget.files?.[0];
            event.currentTarget.value = '';
            if (file) void importSet(file);
          }}
        />
      </div>
      {report ? (
        <div className="merge-report" data-testid="merge-report">
          <p>
            <strong>{fmtCount(report.added)}</strong> added · {fmtCount(report.duplicates)} already present ·{' '}
            {fmtCount(report.unknownKeys.length)} item keys not in this run
            {report.unknownKeys.length ? <span className="muted"> (e.g. {report.unknownKeys.slice(0, 3).join(', ')})</span> : null} ·{' '}
            <strong data-testid="merge-conflicts">{fmtCount(report.conflicts.length)}</strong> conflicts
          </p>
          {report.conflicts.length > 0 ? (
            <table className="stat-table compact">
              <thead>
                <tr>
                  <th>item key</th>
                  <th>annotator</th>
                  <th>kind</th>
                  <th>here (kept)</th>
                  <th>incoming (not applied)</th>
                </tr>
              </thead>
              <tbody>
                {report.conflicts.slice(0, 200).map((c) => (
                  <tr key={`${c.itemKey}-${c.annotator}-${c.kind}`}>
                    <td>
                      <code>{c.itemKey}</code>
                    </td>
                    <td>{c.annotator}</td>
                    <td>{c.kind}</td>
                    <td>{c.local ? <OutcomeBadge outcome={c.local} /> : <span className="muted">none</span>}</td>
                    <td>{c.incoming ? <OutcomeBadge outcome={c.incoming} /> : <span className="muted">cleared</span>}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          ) : null}
          {report.conflicts.length > 200 ? <p className="muted small">First 200 of {fmtCount(report.conflicts.length)} shown.</p> : null}
        </div>
      ) : null}
    </section>
  );
}
