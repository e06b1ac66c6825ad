// Expected score against t for every selected run, with bands, crossovers, and
// the best-response policy "answer iff confidence > t" where confidences exist.
import { useMemo, useState } from 'react';
import type { CompareResult } from '../../../../shared/api/contract.ts';
import type { PlotTheme } from '../../../../shared/plots/reliability.ts';
import { describeCrossover, sweepFigure } from '../../../../shared/plots/sweep.ts';
import { Num } from '../../components/Num.tsx';
import { fmtCount } from '../../lib/format.ts';
import { PlotFigure } from '../../components/PlotFigure.tsx';

export function SweepPanel({ result, theme }: { result: CompareResult; theme: PlotTheme }) {
  const { sweep } = result;
  const withConfidence = sweep.runs.filter((run) => run.policy.decided > 0);
  const [showPolicy, setShowPolicy] = useState(true);
  const figure = useMemo(() => sweepFigure(sweep, theme, { showPolicy }), [sweep, theme, showPolicy]);
  return (
    <>
      <div className="sweep-controls">
        {withConfidence.length > 0 ? (
          <label className="small">
            <input type="checkbox" checked={showPolicy} onChange={(e) => setShowPolicy(e.target.checked)} data-testid="sweep-policy-toggle" /> dotted: each
            run acting on its own confidences (answer iff confidence &gt; t)
          </label>
        ) : (
          <span className="muted small">No run states confidences, so there is no best-response policy curve to draw.</span>
        )}
      </div>
      <PlotFigure
        figure={figure}
        filename="candor-threshold-sweep"
        testId="sweep-plot"
        className="rubric-plot sweep-plot"
        label="Threshold sweep: expected score against confidence target t for each run, with bootstrap bands and crossovers"
      />
      <ul className="crossovers" data-testid="sweep-crossovers">
        {sweep.crossovers.length === 0 ? <li className="muted small">The curves do not cross for t in [0, 0.99]: one run leads at every target.</li> : null}
        {sweep.crossovers.map((x) => (
          <li key={`${x.runA}-${x.runB}`} data-testid="sweep-crossover" data-t={x.t}>
            <span aria-hidden="true">{'\u00D7'} </span>
            {describeCrossover(sweep, x)}
          </li>
        ))}
      </ul>
      {withConfidence.length > 0 ? (
        <table className="data-table policy-table">
          <thead>
            <tr>
              <th>Run</th>
              <th className="num-col" title="share of graded items the run actually answered">answered</th>
              <th className="num-col" title="answered items with a confidence: re-decided at each t">re-decided</th>
              <th className="num-col" title="abstained items keep 0 points at every t (their correctness is unknown)">kept abstained</th>
              <th className="num-col" title="answered items without a confidence stay answered">no confidence</th>
            </tr>
          </thead>
          <tbody>
            {withConfidence.map((run) => (
              <tr key={run.runId}>
                <th scope="row" className="lb-run">{run.name}</th>
                <td className="num-col"><Num value={run.answerRate} /></td>
                <td className="num-col">{fmtCount(run.policy.decided)}</td>
                <td className="num-col">{fmtCount(run.policy.keptAbstained)}</td>
                <td className="num-col">{fmtCount(run.policy.keptNoConfidence)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      ) : null}
      <p className="footnote">
        Score at t: +1 correct, −t/(1−t) wrong, 0 abstained, averaged over graded items; the band is the {Math.round(sweep.bootstrap.level * 100)}%
        bootstrap interval at each t. Crossovers are exact (the curves are linear in the penalty), marked by dashed lines. The y axis fits
        t ≤ 0.8 (penalty 4); drag on an axis or zoom to see the steep end.
      </p>
    </>
  );
}
