// The Recalibrate tab: fit a map on this run (judged out of sample by
// cross-fitting), see what it changes (diagram, metrics, re-scoring under
// confidence targets), save it, and apply saved maps from other runs.
import { useEffect, useMemo, useRef, useState } from 'react';
import type { Job } from '../../../../shared/api/contract.ts';
import type { FitResult, SavedMap } from '../../../../shared/api/recalibration.ts';
import { recalibrationDiagram, rescoreSweepFigure } from '../../../../shared/plots/recalibration.ts';
import type { ApplyReport } from '../../../../shared/recalibration/index.ts';
import { METHOD_LABELS, RECALIBRATION_METHODS, type RecalibrationMethod } from '../../../../shared/recalibration/types.ts';
import { call } from '../../api/client.ts';
import { useVerb } from '../../hooks/useVerb.ts';
import { fmtCount } from '../../lib/format.ts';
import type { TabProps } from '../tabs/types.ts';
import { PlotFigure } from '../../components/PlotFigure.tsx';
import { ViewJobProgress } from '../../components/ViewJobProgress.tsx';
import { MetricsTable, ParamsPanel, RescoreTable } from './ResultPanels.tsx';
import { SavedMaps } from './SavedMaps.tsx';
import './recalibration.css';

type Shown = { kind: 'fit'; report: FitResult } | { kind: 'apply'; report: ApplyReport & { map: SavedMap } };

const POLL_MS = 150;

export function RecalibrationView({ run, theme, version, onError, onNotice }: TabProps) {
  const [method, setMethod] = useState<RecalibrationMethod>('isotonic');
  const [folds, setFolds] = useState(5);
  const [seed, setSeed] = useState(0);
  const [shown, setShown] = useState<Shown | null>(null);
  const [problem, setProblem] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  /** the fit job whose intervals are being drawn, with its progress */
  const [fitJob, setFitJob] = useState<Job | null>(null);
  const fitting = useRef<string | null>(null);
  const [mapsVersion, setMapsVersion] = useState(0);
  const listed = useVerb('recalibration/list', {}, mapsVersion, { keepPrevious: true });
  const maps: SavedMap[] = listed.value ?? [];
  const loadMaps = () => setMapsVersion((n) => n + 1);
  useEffect(() => {
    if (listed.error) onError(listed.error);
  }, [listed.error, onError]);
  // A new run or new labels make the shown result stale, and a fit still drawing its intervals unwanted.
  useEffect(() => {
    setShown(null);
    setProblem(null);
    return () => {
      if (fitting.current) void call('jobs/cancel', { jobId: fitting.current }).catch(() => undefined);
      fitting.current = null;
    };
  }, [run.id, version]);

  const settings = { method, folds, seed };
  const act = async (work: () => Promise<void>) => {
    setBusy(true);
    setProblem(null);
    try {
      await work();
    } catch (error) {
      const message = error instanceof Error ? error.message : String(error);
      // Engine messages may start mid-sentence ("every one of ..."): shown alone, they read as a sentence.
      setProblem(message.charAt(0).toUpperCase() + message.slice(1));
    } finally {
      setBusy(false);
    }
  };
  // The map and the stated side come first, then the cross-fitted side, then the paired bootstrap's intervals.
  const fit = () =>
    act(async () => {
      const { jobId, cached } = await call('recalibration/start', { runId: run.id, ...settings });
      fitting.current = jobId;
      try {
        let report = await call('recalibration/result', { jobId });
        setShown({ kind: 'fit', report });
        // From the results cache: every number and interval is in, nothing to follow.
        while (!cached) {
          const job = await call('jobs/get', { jobId });
          if (fitting.current !== jobId) return;
          if (job.state !== 'running') break;
          setFitJob(job);
          // A total says every point is in: fetch the cross-fitted side while the intervals are drawn.
          if (report.afterPending && job.total !== null) {
            report = await call('recalibration/result', { jobId });
            if (fitting.current === jobId) setShown({ kind: 'fit', report });
          }
          await new Promise((resolve) => window.setTimeout(resolve, POLL_MS));
        }
        if (cached) return;
        const final = await call('recalibration/result', { jobId });
        if (fitting.current === jobId) setShown({ kind: 'fit', report: final });
      } catch (error) {
        // A fit refused after its first part (a fold with one outcome): no half result stays up.
        if (fitting.current === jobId) setShown(null);
        throw error;
      } finally {
        if (fitting.current === jobId) fitting.current = null;
        setFitJob(null);
      }
    });
  const cancelFit = () => {
    if (fitting.current) void call('jobs/cancel', { jobId: fitting.current }).catch(() => undefined);
  };
  const save = () =>
    act(async () => {
      const map = await call('recalibration/save', { runId: run.id, ...settings });
      onNotice(`Saved "${map.name}"`);
      loadMaps();
    });
  const apply = (map: SavedMap) =>
    act(async () => setShown({ kind: 'apply', report: await call('recalibration/apply', { mapId: map.id, runId: run.id }) }));

  const labels = useMemo(() => {
    if (!shown) return null;
    if (shown.kind === 'fit') {
      const k = shown.report.settings.folds;
      return {
        map: METHOD_LABELS[shown.report.method],
        after: `after (cross-fitted, ${k} folds)`,
        policy: 'answer iff recalibrated > t (cross-fitted)',
      };
    }
    return { map: shown.report.map.name, after: 'after (saved map)', policy: 'answer iff recalibrated > t (saved map)' };
  }, [shown]);

  const diagram = useMemo(
    () =>
      shown && labels
        ? recalibrationDiagram({ binsBefore: shown.report.binsBefore, binsAfter: shown.report.binsAfter, curve: shown.report.curve, mapLabel: labels.map, afterLabel: labels.after }, theme)
        : null,
    [shown, labels, theme],
  );
  const sweep = useMemo(
    () => (shown && labels ? rescoreSweepFigure({ ...shown.report.rescoring.sweep, recalibratedLabel: labels.policy }, theme) : null),
    [shown, labels, theme],
  );

  return (
    <div className="recal" data-testid="recal-view">
      <form
        className="recal-controls panel"
        onSubmit={(event) => {
          event.preventDefault();
          void fit();
        }}
      >
        <label>
          map
          <select value={method} onChange={(e) => setMethod(e.target.value as RecalibrationMethod)} data-testid="recal-method">
            {RECALIBRATION_METHODS.map((m) => (
              <option key={m} value={m}>
                {METHOD_LABELS[m]}
              </option>
            ))}
          </select>
        </label>
        <label title="k-fold cross-fitting: each item is recalibrated by a map fitted without it">
          folds
          <input type="number" min={2} max={50} value={folds} onChange={(e) => setFolds(Math.max(2, Math.round(Number(e.target.value) || 5)))} />
        </label>
        <label title="seed of the folds and of the bootstrap intervals">
          seed
          <input type="number" min={0} value={seed} onChange={(e) => setSeed(Math.max(0, Math.round(Number(e.target.value) || 0)))} />
        </label>
        <button type="submit" className="primary" disabled={busy} data-testid="recal-fit">
          {busy ? 'Working…' : 'Fit and cross-fit'}
        </button>
        <button type="button" disabled={busy || shown?.kind !== 'fit'} onClick={() => void save()} data-testid="recal-save">
          Save map
        </button>
        <span className="muted small recal-hint">Fitted on attempted items with a confidence; abstentions are left as they are.</span>
      </form>

      {fitJob ? <ViewJobProgress job={fitJob} onCancel={cancelFit} className="recal-progress" testId="recal-progress" cancelTestId="recal-cancel" /> : null}

      {problem ? (
        <div className="recal-problem" role="alert" data-testid="recal-error">
          {problem}
        </div>
      ) : null}

      {shown && labels && diagram && sweep ? (
        <>
          {shown.report.warnings.map((w) => (
            <p key={w} className="recal-warning" data-testid="recal-warning">
              {w}
            </p>
          ))}
          <p className="recal-caption" data-testid="recal-caption">
            {shown.kind === 'fit'
              ? `${labels.map} fitted on ${fmtCount(shown.report.items.n)} attempted items with a confidence (${fmtCount(shown.report.items.correct)} correct); the after points and the recalibrated policy use cross-fitted confidences.`
              : `"${shown.report.map.name}" (fitted on ${shown.report.map.provenance.run.name}) applied to ${fmtCount(shown.report.items.n)} attempted items of this run.`}
          </p>
          <div className="recal-grid">
            <section className="panel recal-diagram-panel">
              <h2 className="panel-title">Reliability before and after, with the map</h2>
              <PlotFigure
                figure={diagram}
                filename={`recalibration-${run.id}`}
                testId="recal-diagram"
                className="recal-diagram"
                label="Reliability diagram before and after recalibration, with the fitted map as a curve"
              />
            </section>
            <div className="recal-side">
              <ParamsPanel params={shown.report.params} title={`Map: ${labels.map}`} />
              <MetricsTable
                metrics={shown.report.metrics}
                pending={shown.kind === 'fit' && shown.report.intervalsPending === true && fitJob !== null}
                afterPending={shown.kind === 'fit' && shown.report.afterPending === true}
                afterLabel={labels.after}
                {...(shown.kind === 'fit' ? { inSample: shown.report.inSample } : {})}
                footnote={`ECE with 10 equal-width bins (sklearn edges). Intervals: 95% percentile bootstrap over items, paired (same resamples before and after), seed ${seed}.`}
              />
            </div>
          </div>
          <div className="recal-grid">
            <RescoreTable
              afterPending={shown.kind === 'fit' && shown.report.afterPending === true}
              rows={shown.report.rescoring.rows}
              recalibratedLabel={labels.policy}
              decided={shown.report.rescoring.decided}
              keptAbstained={shown.report.rescoring.keptAbstained}
              keptNoConfidence={shown.report.rescoring.keptNoConfidence}
            />
            <section className="panel">
              <h2 className="panel-title">Score against the confidence target</h2>
              <PlotFigure figure={sweep} filename={`rescoring-${run.id}`} testId="recal-sweep" className="recal-sweep" label="Score against confidence target t for actual behaviour and the two policies" />
            </section>
          </div>
        </>
      ) : !problem ? (
        <p className="muted view-message">Choose a map and fit it: Candor fits it on this run, judges it by {folds}-fold cross-fitting and re-scores the run under confidence targets.</p>
      ) : null}

      <SavedMaps maps={maps} runId={run.id} busy={busy} onApply={(map) => void apply(map)} onDeleted={loadMaps} onError={onError} />
    </div>
  );
}
