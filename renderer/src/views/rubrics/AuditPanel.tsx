// Behavioral calibration audit: runs of one model at several stated targets,
// per target abstention, accuracy on attempted (must stay >= t) and error rate.
import { useMemo, useState } from 'react';
import { call } from '../../api/client.ts';
import type { AuditResult, RunTarget } from '../../../../shared/api/contract.ts';
import { auditFigure } from '../../../../shared/plots/rubric-panels.ts';
import type { PlotTheme } from '../../../../shared/plots/reliability.ts';
import type { ModelAudit } from '../../../../shared/rubrics/audit.ts';
import { Num } from '../../components/Num.tsx';
import { describeError } from '../../lib/errors.ts';
import { fmt3, fmtCount } from '../../lib/format.ts';
import { PlotFigure } from '../../components/PlotFigure.tsx';

function TargetInput({ target, onSet }: { target: RunTarget; onSet: (value: number | null) => void }) {
  const [text, setText] = useState(target.target === null ? '' : String(target.target));
  const [shown, setShown] = useState(target.target);
  if (shown !== target.target) {
    // The stored value changed underneath (another run of the same refresh): show it.
    setShown(target.target);
    setText(target.target === null ? '' : String(target.target));
  }
  const commit = () => {
    const trimmed = text.trim();
    const value = trimmed === '' ? null : Number(trimmed);
    if (value === target.target) return;
    if (value !== null && !(value >= 0 && value < 1)) {
      setText(target.target === null ? '' : String(target.target));
      return;
    }
    onSet(value);
  };
  return (
    <input
      className="text-input target-input"
      type="number"
      min={0}
      max={0.99}
      step={0.05}
      placeholder="t"
      aria-label={`Stated confidence target of ${target.name}`}
      data-testid={`target-${target.runId}`}
      value={text}
      onChange={(e) => setText(e.target.value)}
      onBlur={commit}
      onKeyDown={(e) => {
        if (e.key === 'Enter') commit();
      }}
    />
  );
}

function ModelAuditTable({ audit, theme }: { audit: ModelAudit; theme: PlotTheme }) {
  const figure = useMemo(() => auditFigure(audit, theme), [audit, theme]);
  const rising = new Set(audit.errorRateIncreases.map(([, b]) => b));
  return (
    <section className="audit-model" data-testid="audit-model">
      <h3 className="audit-title">
        {audit.model}{' '}
        <span className={audit.consistent ? 'verdict ok' : 'verdict bad'} data-testid="audit-verdict">
          {audit.consistent === null ? 'nothing graded' : audit.consistent ? '\u2713 behaves calibrated across these targets' : '\u2717 not behaviorally calibrated'}
        </span>
      </h3>
      <div className="audit-body">
        <div className="audit-table-wrap">
        <table className="data-table audit-table" data-testid="audit-table">
          <thead>
            <tr>
              <th className="num-col">t</th>
              <th>Run</th>
              <th className="num-col">graded</th>
              <th className="num-col" title="abstained / graded">abstention</th>
              <th className="num-col" title="correct / (correct + incorrect), Wilson 95% interval">accuracy on attempted</th>
              <th className="num-col" title="incorrect / graded">error rate</th>
              <th className="num-col" title="the run's score under its own target">score at t</th>
              <th title="accuracy on attempted >= t">check</th>
            </tr>
          </thead>
          <tbody>
            {audit.rows.map((row, i) => (
              <tr key={row.runId} data-testid="audit-row">
                <td className="num-col">{fmt3(row.target)}</td>
                <td className="lb-run">{row.name}</td>
                <td className="num-col">{fmtCount(row.graded)}</td>
                <td className="num-col"><Num value={row.abstentionRate} /></td>
                <td className="num-col">
                  <Num value={row.accuracyOnAttempted} why="nothing attempted" />{' '}
                  <span className="muted">{row.interval ? `[${fmt3(row.interval.lo)}, ${fmt3(row.interval.hi)}]` : ''}</span>
                </td>
                <td className={rising.has(i) ? 'num-col negative' : 'num-col'} title={rising.has(i) ? 'errors rose although t rose' : undefined}>
                  <Num value={row.errorRate} />
                  {rising.has(i) ? ' \u25B2' : ''}
                </td>
                <td className="num-col"><Num value={row.scoreAtTarget} /></td>
                <td data-testid="audit-check">
                  {row.meetsTarget === null ? '\u2014' : row.meetsTarget ? (row.lowerBoundMeetsTarget ? '\u2713 \u2265 t' : '\u2713 \u2265 t (interval reaches below)') : row.clearlyBelowTarget ? '\u2717 below t' : '\u2717 below t (within noise)'}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
        </div>
        {audit.rows.length > 1 ? (
          <div className="audit-plot-wrap">
          <PlotFigure figure={figure} filename={`candor-audit-${audit.model}`} testId="audit-plot" className="rubric-plot audit-plot" label={`Audit of ${audit.model}: rates against stated target`} />
          </div>
        ) : null}
      </div>
    </section>
  );
}

interface Props {
  audit: AuditResult;
  theme: PlotTheme;
  onChanged: () => void;
  onError: (message: string) => void;
}

export function AuditPanel({ audit, theme, onChanged, onError }: Props) {
  const setTarget = async (runId: number, target: number | null) => {
    try {
      await call('rubrics/set-target', { runId, target });
      onChanged();
    } catch (error) {
      onError(describeError(error));
    }
  };
  return (
    <div className="audit" data-testid="audit">
      <table className="data-table target-table">
        <thead>
          <tr>
            <th>Run</th>
            <th>Model</th>
            <th title="the confidence target stated in the run's instructions">stated t</th>
            <th>from</th>
          </tr>
        </thead>
        <tbody>
          {audit.runs.map((target) => (
            <tr key={target.runId}>
              <td className="lb-run">{target.name}</td>
              <td>{target.model}</td>
              <td>
                <TargetInput target={target} onSet={(value) => void setTarget(target.runId, value)} />
              </td>
              <td className="muted small">
                {target.source === 'user' ? 'set here' : target.source === 'metadata' ? `run metadata (${target.metadataKey})` : 'not stated'}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      {audit.audits.length === 0 ? (
        <p className="muted small">
          Give each run the confidence target its instructions stated (above), or import runs whose metadata says it: runs of the same model are then
          audited together across their targets.
        </p>
      ) : (
        audit.audits.map((model) => <ModelAuditTable key={model.model} audit={model} theme={theme} />)
      )}
      <p className="footnote">
        A behaviorally calibrated model, told target t, answers only when it is more than t sure: its accuracy on attempted items stays at or above t
        and its error rate falls as t rises.
      </p>
    </div>
  );
}
