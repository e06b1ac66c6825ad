// The numbers of a fit or an applied map: parameters, metrics before/after
// with intervals, and re-scoring under confidence targets.
import type { Estimate, MetricComparison, RescoreRow } from '../../../../shared/recalibration/index.ts';
import { describeParams, METRIC_LABELS, type MapParams } from '../../../../shared/recalibration/index.ts';
import { Num } from '../../components/Num.tsx';
import { fmt3, fmtCount } from '../../lib/format.ts';

/** A number still being computed (the cross-fitted side of a fit). */
function Coming({ what }: { what: string }) {
  return (
    <span className="muted" title={`${what} is being computed`} data-testid="recal-coming">
      …
    </span>
  );
}

function Interval({ e, pending }: { e: Estimate; pending?: boolean | undefined }) {
  return (
    <span className="recal-estimate">
      <Num value={e.value} />
      {pending ? (
        <span className="recal-interval muted" title="the bootstrap resamples are being drawn">
          […]
        </span>
      ) : (
        <span className="recal-interval muted" title="95% paired bootstrap interval over items">
          [{fmt3(e.lo)}, {fmt3(e.hi)}]
        </span>
      )}
    </span>
  );
}

export function ParamsPanel({ params, title }: { params: MapParams; title: string }) {
  return (
    <section className="panel">
      <h2 className="panel-title">{title}</h2>
      <table className="kv-table" data-testid="recal-params">
        <tbody>
          {describeParams(params).map((row) => (
            <tr key={row.name}>
              <th>{row.name}</th>
              <td className="num-col">{typeof row.value === 'number' && !Number.isInteger(row.value) ? row.value.toFixed(4) : String(row.value)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </section>
  );
}

interface MetricsProps {
  metrics: MetricComparison[];
  /** the intervals are still being drawn */
  pending?: boolean | undefined;
  /** the cross-fitted side is still being computed */
  afterPending?: boolean | undefined;
  afterLabel: string;
  inSample?: { ece: number | null; brier: number | null; logLoss: number | null };
  footnote: string;
}

export function MetricsTable({ metrics, pending, afterPending, afterLabel, inSample, footnote }: MetricsProps) {
  return (
    <section className="panel">
      <h2 className="panel-title">Calibration before and after</h2>
      <table className="data-table" data-testid="recal-metrics">
        <thead>
          <tr>
            <th>metric (lower is better)</th>
            <th className="num-col">before</th>
            <th className="num-col">{afterLabel}</th>
            <th className="num-col">change</th>
            {inSample ? <th className="num-col" title="the map fitted on all items, judged on the same items: optimistic">in sample</th> : null}
          </tr>
        </thead>
        <tbody>
          {metrics.map((m) => (
            <tr key={m.metric} data-testid={`recal-metric-${m.metric}`}>
              <td>{METRIC_LABELS[m.metric]}</td>
              <td className="num-col"><Interval e={m.before} pending={pending} /></td>
              <td className="num-col">{afterPending ? <Coming what="the cross-fitted value" /> : <Interval e={m.after} pending={pending} />}</td>
              <td className={`num-col ${m.change.value !== null && m.change.value < 0 ? 'recal-better' : ''}`}>
                {afterPending ? <Coming what="the change" /> : <Interval e={m.change} pending={pending} />}
              </td>
              {inSample ? <td className="num-col muted">{afterPending ? <Coming what="the in-sample value" /> : <Num value={inSample[m.metric]} />}</td> : null}
            </tr>
          ))}
        </tbody>
      </table>
      <p className="footnote">{footnote}</p>
    </section>
  );
}

interface RescoreProps {
  rows: RescoreRow[];
  /** the recalibrated policy is still being computed */
  afterPending?: boolean | undefined;
  recalibratedLabel: string;
  decided: number;
  keptAbstained: number;
  keptNoConfidence: number;
}

function Score({ value, rate }: { value: number | null; rate: number | null }) {
  return (
    <>
      <span className={value !== null && value < 0 ? 'negative' : ''}>
        <Num value={value} />
      </span>
      <span className="recal-rate muted" title="share of graded items answered">
        {rate === null ? '' : `${Math.round(rate * 100)}% ans.`}
      </span>
    </>
  );
}

export function RescoreTable({ rows, afterPending, recalibratedLabel, decided, keptAbstained, keptNoConfidence }: RescoreProps) {
  return (
    <section className="panel">
      <h2 className="panel-title">Re-scoring under confidence targets</h2>
      <table className="data-table recal-rescore" data-testid="recal-rescore-table">
        <thead>
          <tr>
            <th className="num-col" title="confidence target stated to the model">t</th>
            <th className="num-col" title="points lost for a wrong answer: t/(1−t)">penalty</th>
            <th className="num-col">actual behaviour</th>
            <th className="num-col">answer iff stated &gt; t</th>
            <th className="num-col">{recalibratedLabel}</th>
            <th className="num-col" title="recalibrated policy minus actual behaviour">gain</th>
          </tr>
        </thead>
        <tbody>
          {rows.map((r) => {
            const gain = r.recalibrated !== null && r.actual !== null ? r.recalibrated - r.actual : null;
            return (
              <tr key={r.t} data-testid={`recal-rescore-${r.t}`}>
                <td className="num-col">{r.t.toFixed(2)}</td>
                <td className="num-col">{r.penalty.toFixed(2)}</td>
                <td className="num-col"><Score value={r.actual} rate={r.actualAnswerRate} /></td>
                <td className="num-col"><Score value={r.stated} rate={r.statedAnswerRate} /></td>
                <td className="num-col">{afterPending ? <Coming what="the recalibrated policy" /> : <Score value={r.recalibrated} rate={r.recalibratedAnswerRate} />}</td>
                <td className={`num-col ${gain !== null && gain > 0 ? 'recal-better' : gain !== null && gain < 0 ? 'negative' : ''}`}>
                  {afterPending ? <Coming what="the gain" /> : gain === null ? '—' : `${gain > 0 ? '+' : ''}${fmt3(gain)}`}
                </td>
              </tr>
            );
          })}
        </tbody>
      </table>
      <p className="footnote">
        Mean score per graded item: +1 right, −t/(1−t) wrong, 0 abstained. The policies re-decide the {fmtCount(decided)} answered items
        with a confidence; {fmtCount(keptAbstained)} abstentions stay abstentions (their correctness is unknown)
        {keptNoConfidence > 0 ? ` and ${fmtCount(keptNoConfidence)} answered items without a confidence stay answered` : ''}.
      </p>
    </section>
  );
}
