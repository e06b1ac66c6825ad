// Outcome rates beside calibration, never calibration alone: a model that is
// always wrong at confidence 0 is perfectly calibrated.
import { ABSTENTION_KIND_LABELS, ABSTENTION_KINDS, type RunSummary } from '../../../shared/domain.ts';
import type { RunMetrics } from '../../../shared/metrics/types.ts';
import type { PlotTheme } from '../../../shared/plots/reliability.ts';
import { Num } from '../components/Num.tsx';
import { OUTCOME_SYMBOL } from '../components/OutcomeBadge.tsx';
import { ReliabilityPlot } from '../components/ReliabilityPlot.tsx';
import { PARTIAL_TITLE } from '../components/AbstentionTags.tsx';
import { fmtCount, fmtPercent } from '../lib/format.ts';

const NO_GRADED = 'no graded items (correct, incorrect or abstained) yet';
const NO_CONFIDENCE = 'no attempted items with a confidence';

interface Props {
  run: RunSummary;
  metrics: RunMetrics | null;
  error: string | null;
  theme: PlotTheme;
}

export function Overview({ run, metrics, error, theme }: Props) {
  if (!metrics) {
    return <div className="view-message muted">{error ? `Metrics unavailable: ${error}` : 'Computing metrics…'}</div>;
  }
  const total = metrics.graded + metrics.counts.unlabeled;
  return (
    <div className="overview">
      <div className="overview-numbers">
        <section className="panel">
          <h2 className="panel-title">Outcomes</h2>
          <div className="count-grid">
            {(['correct', 'incorrect', 'abstained', 'unlabeled'] as const).map((outcome) => (
              <div key={outcome} className={`count-card outcome-${outcome}`}>
                <span className="count-label">
                  <span className="badge-symbol" aria-hidden="true">
                    {OUTCOME_SYMBOL[outcome]}
                  </span>
                  {outcome}
                </span>
                <Num value={metrics.counts[outcome]} kind="count" testId={`count-${outcome}`} />
                <span className="count-share muted">{fmtPercent(metrics.counts[outcome], total)}</span>
              </div>
            ))}
          </div>
          <table className="kv-table">
            <tbody>
              <Row label="accuracy" hint="correct / graded" value={metrics.accuracy} why={NO_GRADED} testId="metric-accuracy" />
              <Row label="error rate" hint="incorrect / graded" value={metrics.errorRate} why={NO_GRADED} testId="metric-error-rate" />
              <Row
                label="abstention rate"
                hint="abstained / graded"
                value={metrics.abstentionRate}
                why={NO_GRADED}
                testId="metric-abstention-rate"
              />
              <Row
                label="accuracy given attempted"
                hint="correct / (correct + incorrect)"
                value={metrics.accuracyGivenAttempted}
                why="no attempted (correct or incorrect) items"
              />
              <Row
                label="F-score"
                hint="harmonic mean of accuracy and accuracy given attempted (SimpleQA)"
                value={metrics.fScore}
                why="undefined without correct answers among graded items"
              />
            </tbody>
          </table>
          <p className="footnote">
            Rates over {fmtCount(metrics.graded)} graded items; unlabeled items are left out.
          </p>
          <AbstentionKinds run={run} graded={metrics.graded} />
        </section>

        <section className="panel">
          <h2 className="panel-title">Confidence-target scores</h2>
          <table className="data-table rubric-table" data-testid="rubric-table">
            <thead>
              <tr>
                <th className="num-col" title="confidence target stated to the model">t</th>
                <th className="num-col" title="points lost for a wrong answer: t / (1 − t)">penalty</th>
                <th className="num-col" title="mean score: +1 correct, −penalty incorrect, 0 abstained">score</th>
              </tr>
            </thead>
            <tbody>
              {metrics.rubric.map((r) => (
                <tr key={r.t}>
                  <td className="num-col">
                    <Num value={r.t} />
                  </td>
                  <td className="num-col">
                    <Num value={r.penalty} />
                  </td>
                  <td className={r.score !== null && r.score < 0 ? 'num-col negative' : 'num-col'}>
                    <Num value={r.score} why={NO_GRADED} />
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
          <p className="footnote">
            Score = +1 correct, −t/(1−t) incorrect, 0 abstained; t = 0 is plain accuracy. Answering pays only above
            confidence t.
          </p>
        </section>

        <section className="panel">
          <h2 className="panel-title">Calibration</h2>
          <table className="kv-table">
            <tbody>
              <Row label="ECE" hint="expected calibration error" value={metrics.calibration.ece} why={NO_CONFIDENCE} testId="metric-ece" />
              <Row label="MCE" hint="maximum calibration error" value={metrics.calibration.mce} why={NO_CONFIDENCE} testId="metric-mce" />
              <Row label="Brier" hint="mean squared error of confidence" value={metrics.calibration.brier} why={NO_CONFIDENCE} testId="metric-brier" />
              <CountRow label="n used" hint="attempted items with a confidence" value={metrics.calibration.n} />
              <CountRow label="excluded: abstained" value={metrics.calibration.excludedAbstained} />
              <CountRow label="excluded: no confidence" value={metrics.calibration.excludedNoConfidence} />
            </tbody>
          </table>
          <p className="footnote">
            {metrics.calibration.nBins} equal-width bins, scikit-learn edges (right-closed). Calibration is not a
            hallucination rate: read it beside the outcome rates.
          </p>
        </section>
      </div>

      <section className="panel plot-panel">
        <h2 className="panel-title">Reliability diagram</h2>
        <ReliabilityPlot metrics={metrics} theme={theme} filename={`candor-reliability-run-${run.id}`} />
        <p className="footnote">
          Points at each bin's mean confidence, sized by count; hover for exact numbers. Histogram: items per bin.
        </p>
      </section>
    </div>
  );
}

function Row(props: { label: string; hint: string; value: number | null; why: string; testId?: string }) {
  return (
    <tr>
      <th scope="row" title={props.hint}>
        {props.label}
      </th>
      <td className="num-col">
        <Num value={props.value} why={props.why} testId={props.testId} />
      </td>
    </tr>
  );
}

function CountRow(props: { label: string; hint?: string; value: number }) {
  return (
    <tr>
      <th scope="row" title={props.hint}>
        {props.label}
      </th>
      <td className="num-col">
        <Num value={props.value} kind="count" />
      </td>
    </tr>
  );
}

/**
 * The abstentions by the kind their labels state, as counts, shares of the
 * abstentions and rates over graded items; and the partial grades counted as
 * incorrect. Numbers from the run's tally (the store keeps them with every label).
 */
function AbstentionKinds({ run, graded }: { run: RunSummary; graded: number }) {
  const abstained = run.counts.abstained;
  if (abstained === 0 && run.partialCount === 0) return null;
  const rows = [...ABSTENTION_KINDS, 'unspecified' as const].filter((kind) => run.abstentionKinds[kind] > 0 || kind !== 'unspecified');
  return (
    <div className="abstention-kinds" data-testid="abstention-kinds">
      {abstained > 0 ? (
        <table className="data-table kinds-table">
          <caption>Abstentions by kind</caption>
          <thead>
            <tr>
              <th scope="col">kind</th>
              <th scope="col" className="num-col">
                count
              </th>
              <th scope="col" className="num-col" title="share of the abstentions">
                of abstained
              </th>
              <th scope="col" className="num-col" title="rate over graded items">
                of graded
              </th>
            </tr>
          </thead>
          <tbody>
            {rows.map((kind) => {
              const count = run.abstentionKinds[kind];
              return (
                <tr key={kind} className={count === 0 ? 'muted' : undefined}>
                  <th scope="row" title={kind === 'unspecified' ? 'imported abstentions, and labels that name no kind' : undefined}>
                    {kind === 'unspecified' ? 'kind not stated' : ABSTENTION_KIND_LABELS[kind]}
                  </th>
                  <td className="num-col" data-testid={`kind-count-${kind}`}>
                    {fmtCount(count)}
                  </td>
                  <td className="num-col">{fmtPercent(count, abstained)}</td>
                  <td className="num-col">{fmtPercent(count, graded)}</td>
                </tr>
              );
            })}
          </tbody>
        </table>
      ) : null}
      {run.partialCount > 0 ? (
        <p className="footnote" data-testid="partial-count" title={PARTIAL_TITLE}>
          {fmtCount(run.partialCount)} of the {fmtCount(run.counts.incorrect)} incorrect items are partial grades (Inspect’s “P”), counted
          as incorrect here and in calibration; a rubric may score them as abstained or with partial credit.
        </p>
      ) : null}
    </div>
  );
}
