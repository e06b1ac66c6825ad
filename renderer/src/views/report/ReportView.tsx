// The Report tab: choose runs and settings, then export the same files
// `candor report` writes. The backend builds them (reports/export); this view
// only turns what comes back into downloads.
import { useEffect, useState } from 'react';
import type { ItemField } from '../../../../shared/api/contract.ts';
import { call, runtime } from '../../api/client.ts';
import type { ExportFile } from '../../../../shared/report/tables.ts';
import { describeError } from '../../lib/errors.ts';
import { fmtCount } from '../../lib/format.ts';
import type { TabProps } from '../tabs/types.ts';
import './report.css';

type Format = 'html' | 'pdf' | 'json' | 'csv';

const FORMATS: Array<{ format: Format; label: string; hint: string }> = [
  { format: 'html', label: 'HTML', hint: 'one self-contained file, interactive plots, opens offline' },
  { format: 'pdf', label: 'PDF', hint: 'the HTML report printed' },
  { format: 'json', label: 'JSON', hint: 'every number, item and label history' },
  { format: 'csv', label: 'CSV', hint: 'items, per-run metrics and the leaderboard as three tables' },
];

function download(file: ExportFile): void {
  const bytes = file.encoding === 'base64' ? Uint8Array.from(atob(file.content), (c) => c.charCodeAt(0)) : file.content;
  const url = URL.createObjectURL(new Blob([bytes], { type: file.mimeType }));
  const link = document.createElement('a');
  link.href = url;
  link.download = file.name;
  link.rel = 'noopener';
  document.body.append(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(url), 60_000);
}

function intOrUndefined(text: string): number | undefined {
  const value = Number(text);
  return text.trim() !== '' && Number.isInteger(value) ? value : undefined;
}

export function ReportView({ run, runs, onError, onNotice }: TabProps) {
  const [selected, setSelected] = useState<number[]>([run.id]);
  const [bins, setBins] = useState('10');
  const [seed, setSeed] = useState('0');
  const [resamples, setResamples] = useState('1000');
  const [rubrics, setRubrics] = useState('binary, t=0.5, t=0.75, t=0.9');
  const [busy, setBusy] = useState<Format | null>(null);
  const [last, setLast] = useState<string | null>(null);
  const [breakdownBy, setBreakdownBy] = useState('');
  const [fields, setFields] = useState<ItemField[]>([]);

  // The fields this run's items carry, for the Subgroups section (other runs are broken down by the same name).
  useEffect(() => {
    let live = true;
    call('subgroups/fields', { runId: run.id })
      .then((result) => live && setFields(result.fields))
      .catch(() => live && setFields([]));
    return () => {
      live = false;
    };
  }, [run.id]);

  const chosen = runs.filter((r) => selected.includes(r.id));
  const toggle = (id: number) => setSelected((now) => (now.includes(id) ? now.filter((x) => x !== id) : [...now, id]));

  const exportAs = async (format: Format) => {
    setBusy(format);
    try {
      const specs = rubrics.split(',').map((s) => s.trim()).filter(Boolean);
      const { files } = await call('reports/export', {
        runIds: chosen.map((r) => r.id),
        format,
        settings: {
          nBins: intOrUndefined(bins),
          seed: intOrUndefined(seed),
          resamples: intOrUndefined(resamples),
          rubrics: specs.length > 0 ? specs : undefined,
          breakdownBy: breakdownBy || undefined,
        },
      });
      files.forEach(download);
      const size = files.reduce((sum, f) => sum + (f.encoding === 'base64' ? (f.content.length * 3) / 4 : f.content.length), 0);
      const text = `Exported ${files.map((f) => f.name).join(', ')} (${fmtCount(Math.round(size / 1024))} KB)`;
      setLast(text);
      onNotice(text);
    } catch (error) {
      onError(describeError(error));
    } finally {
      setBusy(null);
    }
  };

  return (
    <div className="report-view" data-testid="report-view">
      <section className="panel">
        <h2 className="panel-title">Runs in the report</h2>
        <div className="report-runs" data-testid="report-runs">
          {runs.map((r) => (
            <label key={r.id}>
              <input type="checkbox" checked={selected.includes(r.id)} onChange={() => toggle(r.id)} data-testid={`report-run-${r.id}`} />
              <span className="report-run-name">{r.name}</span>
              <span className="muted">{fmtCount(r.itemCount)} items</span>
            </label>
          ))}
        </div>
      </section>
      <section className="panel">
        <h2 className="panel-title">Settings</h2>
        <div className="report-settings">
          <label>
            Bins <input className="text-input" type="number" min={2} max={100} value={bins} onChange={(e) => setBins(e.target.value)} />
          </label>
          <label>
            Seed <input className="text-input" type="number" min={0} value={seed} onChange={(e) => setSeed(e.target.value)} />
          </label>
          <label>
            Resamples <input className="text-input" type="number" min={10} max={10000} value={resamples} onChange={(e) => setResamples(e.target.value)} />
          </label>
          <label>
            Rubrics <input className="text-input report-rubrics" value={rubrics} onChange={(e) => setRubrics(e.target.value)} aria-label="Rubric specs, comma-separated" />
          </label>
          <label>
            Break down by
            <select value={breakdownBy} onChange={(e) => setBreakdownBy(e.target.value)} data-testid="report-breakdown" disabled={fields.length === 0} title={fields.length === 0 ? 'the items of this run carry no field to break it down by' : 'adds a Subgroups section'}>
              <option value="">nothing</option>
              {fields.map((f) => (
                <option key={f.path} value={f.path}>
                  {f.path} ({fmtCount(f.distinct)} values)
                </option>
              ))}
            </select>
          </label>
        </div>
        <p className="report-note">
          Outcome rates, the rubric leaderboard with intervals and flips, the threshold sweep, reliability diagrams (binned and smooth), agreement, the
          singleton panel where a training-frequency field exists, the runs broken down by an item field when one is chosen, and the most expensive errors. Every export carries a manifest (input hashes, label-set
          hash, settings) that <code>candor report --check</code> verifies.
        </p>
      </section>
      <section className="panel">
        <h2 className="panel-title">Export</h2>
        <div className="report-actions">
          {FORMATS.map(({ format, label, hint }) => (
            <button key={format} type="button" className="button" title={hint} disabled={busy !== null || chosen.length === 0} onClick={() => void exportAs(format)} data-testid={`report-export-${format}`}>
              {busy === format ? `Exporting ${label}…` : `Export ${label}`}
            </button>
          ))}
        </div>
        {runtime === 'electron' && <p className="report-note">File › Export report… (Ctrl/Cmd+E) saves the current run's report where you choose; PDFs are printed by the app.</p>}
        {last && (
          <p className="report-note" data-testid="report-last-export">
            {last}
          </p>
        )}
      </section>
    </div>
  );
}
