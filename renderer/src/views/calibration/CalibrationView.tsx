// The Calibration tab: diagram options, the reliability diagram of this run
// (and any others picked to overlay) with its histogram, and the metrics
// panel. Every number is the engine's, computed in the compute worker. The
// options are kept per run and in the URL (useCalibrationSettings).
import { useMemo } from 'react';
import type { CalibrationSettingsInput } from '../../../../shared/api/contract.ts';
import type { RunSummary } from '../../../../shared/domain.ts';
import type { CalibrationSeries } from '../../../../shared/plots/calibration.ts';
import { ViewJobProgress } from '../../components/ViewJobProgress.tsx';
import type { TabProps } from '../tabs/types.ts';
import { CalibrationPlot } from './CalibrationPlot.tsx';
import { MetricsPanel } from './MetricsPanel.tsx';
import { OverlayPicker } from './OverlayPicker.tsx';
import { BIN_CHOICES, effectiveOverlay, overlayCandidates, settingsOf, toggleOverlay, type CalibrationViewState, type Convention } from './settings.ts';
import { useCalibrationAnalysis } from './useCalibrationAnalysis.ts';
import { useCalibrationSettings } from './useCalibrationSettings.ts';
import './calibration.css';

const CONVENTIONS: Array<{ value: Convention; label: string; note: string }> = [
  { value: 'sklearn', label: 'scikit-learn', note: 'calibration_curve: right-closed bins (e_i, e_i+1], first bin [0, e_1] (default)' },
  { value: 'netcal', label: 'netcal', note: 'left-closed bins [e_i, e_i+1), confidences clipped to [ε, 1−ε]' },
  { value: 'torchmetrics', label: 'torchmetrics', note: 'left-closed bins, p = 1 in an extra bin (float64)' },
  { value: 'relplot', label: 'relplot binnedECE', note: 'bin int(p/(1/n)), p = 1 in an extra bin' },
  { value: 'relplot-binning', label: 'relplot Binning', note: 'bin int(p·n), clipped to the last bin' },
  { value: 'kumar', label: 'Kumar et al.', note: 'right-closed on exact i/n edges; equal-mass by midpoints' },
  { value: 'lmpolygraph', label: 'LM-Polygraph', note: 'right-closed, first bin [0, e_1]' },
  { value: 'helm', label: 'HELM', note: 'Kumar’s edges, as HELM calls them' },
];

export function runLabel(run: RunSummary): string {
  return run.model && !run.name.includes(run.model) ? `${run.name} · ${run.model}` : run.name;
}

export function CalibrationView({ run, runs, route, setRoute, theme, version, onError }: TabProps) {
  const [view, update, settled] = useCalibrationSettings(run, route, setRoute);
  const { mode, bins, binning, convention, interval } = view;
  const set =
    <K extends keyof CalibrationViewState>(key: K) =>
    (value: CalibrationViewState[K]) =>
      update({ [key]: value });
  const [setMode, setBins, setBinning, setConvention, setInterval] = [set('mode'), set('bins'), set('binning'), set('convention'), set('interval')];

  const candidates = useMemo(() => overlayCandidates(runs, run.id), [runs, run.id]);
  const overlay = useMemo(() => effectiveOverlay(view.overlay, candidates), [view.overlay, candidates]);
  const runIds = useMemo(() => [run.id, ...overlay], [run.id, overlay]);
  const settings = useMemo<CalibrationSettingsInput>(() => settingsOf({ bins, binning, convention, interval }), [bins, binning, convention, interval]);
  // No analysis of the defaults while the run's remembered choices are being read.
  const { analysis, stale, job, error, cancelled, cancel } = useCalibrationAnalysis(settled ? runIds : null, settings, version);

  const labels = useMemo(() => new Map(runs.map((r) => [r.id, runLabel(r)])), [runs]);
  const series = useMemo<CalibrationSeries[]>(
    () => (analysis ? analysis.runs.map((a) => ({ label: labels.get(a.runId) ?? `run ${a.runId}`, analysis: a })) : []),
    [analysis, labels],
  );
  const note = CONVENTIONS.find((c) => c.value === convention)?.note ?? '';
  const equalMassRefused = binning === 'equal-mass' && (convention === 'torchmetrics' || convention === 'relplot' || convention === 'relplot-binning');


  return (
    <div className="calibration-view" data-testid="calibration-view">
      <form className="calibration-controls" aria-label="Diagram options" onSubmit={(e) => e.preventDefault()}>
        <fieldset className="segmented">
          <legend>Diagram</legend>
          {(['binned', 'smooth'] as const).map((m) => (
            <label key={m} className={mode === m ? 'on' : ''} data-testid={`calibration-mode-${m}`}>
              <input type="radio" name="calibration-mode" value={m} checked={mode === m} onChange={() => setMode(m)} />
              {m === 'binned' ? 'Binned' : 'Smooth'}
            </label>
          ))}
        </fieldset>
        <label>
          Bins
          <select value={bins} onChange={(e) => setBins(e.target.value as typeof bins)} data-testid="calibration-bins">
            {BIN_CHOICES.map((b) => (
              <option key={b} value={b}>
                {b === 'sqrt' ? '√n' : b === 'cbrt' ? '∛n' : b}
              </option>
            ))}
          </select>
        </label>
        <label>
          Strategy
          <select value={binning} onChange={(e) => setBinning(e.target.value as typeof binning)} data-testid="calibration-binning">
            <option value="equal-width">equal width</option>
            <option value="equal-mass">equal mass</option>
          </select>
        </label>
        <label>
          Convention
          <select value={convention} onChange={(e) => setConvention(e.target.value as Convention)} data-testid="calibration-convention" title={note}>
            {CONVENTIONS.map((c) => (
              <option key={c.value} value={c.value}>
                {c.label}
              </option>
            ))}
          </select>
        </label>
        <label>
          Bin interval
          <select value={interval} onChange={(e) => setInterval(e.target.value as typeof interval)} data-testid="calibration-interval">
            <option value="wilson">Wilson</option>
            <option value="clopper-pearson">Clopper-Pearson</option>
          </select>
        </label>
        <OverlayPicker
          candidates={candidates}
          withoutConfidence={runs.length - 1 - candidates.length}
          selected={overlay}
          label={runLabel}
          onToggle={(id) => update({ overlay: toggleOverlay(overlay, id) })}
        />
      </form>
      <p className="muted small calibration-note">
        {CONVENTIONS.find((c) => c.value === convention)?.label}: {note}.
        {mode === 'smooth' ? ' Smooth curve: Gaussian kernel with reflection (relplot 1.0.3) and its bootstrap band.' : ' Whiskers: per-bin accuracy interval.'}
      </p>
      {job ? <ViewJobProgress job={job} onCancel={cancel} className="calibration-progress" testId="calibration-progress" cancelTestId="calibration-cancel" /> : null}
      {error ? (
        <p className="calibration-error" role="alert" data-testid="calibration-error">
          {error}
          {equalMassRefused ? ' Pick equal width, or a convention that defines equal-mass bins (scikit-learn, netcal, Kumar, HELM, LM-Polygraph).' : ''}
        </p>
      ) : null}
      {cancelled && !job ? <p className="muted small">The analysis was cancelled; change a setting to run it again.</p> : null}
      {analysis ? (
        <div className={`calibration-body${stale ? ' stale' : ''}`} data-intervals={analysis.intervalsPending ? 'pending' : 'done'}>
          <CalibrationPlot
            series={series}
            mode={mode}
            theme={theme}
            intervalName={analysis.settings.interval === 'wilson' ? 'Wilson interval' : 'Clopper-Pearson interval'}
            filename={`candor-reliability-${run.id}`}
            onError={onError}
          />
          <MetricsPanel analysis={analysis} labels={labels} />
        </div>
      ) : null}
    </div>
  );
}
