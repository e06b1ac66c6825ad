// The paper's two lower bounds on errors, on one run: the singleton rate
// (when items carry a training frequency) and confidence as an is-it-valid
// classifier (ROC, best threshold's error, the 2 x err_iiv reading).
import { useMemo } from 'react';
import type { BoundsResult } from '../../../../shared/api/contract.ts';
import { rocFigure } from '../../../../shared/plots/rubric-panels.ts';
import type { PlotTheme } from '../../../../shared/plots/reliability.ts';
import { Num } from '../../components/Num.tsx';
import { fmt3, fmtCount } from '../../lib/format.ts';
import { PlotFigure } from '../../components/PlotFigure.tsx';

export interface BoundInputs {
  trainingSize?: number;
  minErrorSetSize?: number;
}

/** A whole number typed by the user, or undefined for the default (empty, or not a number). */
function positive(text: string, integer: boolean): number | undefined {
  const value = Number(text);
  return text.trim() !== '' && Number.isFinite(value) && value >= 1 && (!integer || Number.isInteger(value)) ? value : undefined;
}

function SingletonSection({ bounds, inputs, onInputs }: { bounds: BoundsResult; inputs: BoundInputs; onInputs: (inputs: BoundInputs) => void }) {
  if (!bounds.singleton) {
    return (
      <p className="muted small" data-testid="singleton-missing">
        No training-frequency column on this run's items. Import a column named {bounds.frequencyColumns.join(', ')} (the count of the item's fact in
        the pretraining data) to see the singleton-rate bound.
      </p>
    );
  }
  const { column, panel } = bounds.singleton;
  const bound = panel.bound;
  return (
    <div data-testid="singleton-panel">
      <div className="bound-inputs">
        <label>
          training examples N{' '}
          <input
            type="number"
            min={1}
            step={1}
            placeholder="sum of the frequencies"
            defaultValue={inputs.trainingSize ?? ''}
            data-testid="bound-training-size"
            onChange={(event) => onInputs({ ...inputs, trainingSize: positive(event.target.value, true) })}
          />
        </label>
        <label>
          min |E_c|{' '}
          <input
            type="number"
            min={1}
            placeholder="∞ (open-ended)"
            defaultValue={inputs.minErrorSetSize ?? ''}
            data-testid="bound-min-error-set"
            onChange={(event) => onInputs({ ...inputs, minErrorSetSize: positive(event.target.value, false) })}
          />
        </label>
      </div>
      <table className="kv-table">
        <tbody>
          <tr>
            <th title="N1: items whose fact appears exactly once in training">singletons N1 ({column} = 1)</th>
            <td className="num-col">{fmtCount(panel.singletons)}</td>
          </tr>
          <tr>
            <th title="training examples counted with repetition">training examples N</th>
            <td className="num-col" data-testid="singleton-n">
              {fmtCount(panel.trainingSize)} <span className="muted small">{panel.trainingSizeSource === 'given' ? '(given)' : '(sum of the frequencies)'}</span>
            </td>
          </tr>
          <tr>
            <th title="N1 / N: the Good-Turing estimate of the mass of facts never seen">singleton rate sr = N1 / N</th>
            <td className="num-col"><Num value={panel.sr} why="no training examples" testId="singleton-rate" /></td>
          </tr>
          <tr>
            <th title="sr − 2/min|E_c| − (35 + 6 ln N)/√N − δ, with probability ≥ 99%">Theorem 2 lower bound on the overall error rate</th>
            <td className="num-col">
              <Num value={bound?.value ?? null} testId="singleton-bound" />
              {bound?.vacuous ? <span className="muted small"> (vacuous)</span> : null}
            </td>
          </tr>
          <tr>
            <th title="incorrect / graded over every graded item of the run">observed overall error rate ({fmtCount(panel.graded)} graded items)</th>
            <td className="num-col"><Num value={panel.overallErrorRate} why="no graded items" testId="overall-error" /></td>
          </tr>
        </tbody>
      </table>
      {bound ? (
        <p className="footnote">
          Bound terms: sr = {fmt3(bound.sr)}, 2/min|E_c| = {fmt3(bound.errorSetTerm)} (min|E_c| {bound.minErrorSetSize === null ? '∞, open-ended facts' : fmtCount(bound.minErrorSetSize)}),
          (35 + 6 ln N)/√N = {fmt3(bound.sampleTerm)} with N = {fmtCount(bound.trainingSize)}, δ = {fmt3(bound.delta)}. The bound is on the model’s
          error rate over all prompts drawn like the training data, set here beside the run’s overall error rate. The sample term falls below 0.05
          only near N = 10⁷, so on an eval-sized N the bound is usually vacuous; give the training set’s N above.
        </p>
      ) : null}
      <h3 className="panel-subtitle">Descriptive view (no theorem attached)</h3>
      <table className="kv-table">
        <tbody>
          <tr>
            <th title="N1 / items with a frequency">share of evaluated items that are singletons ({fmtCount(panel.singletons)} of {fmtCount(panel.n)})</th>
            <td className="num-col"><Num value={panel.singletonShare} testId="singleton-share" /></td>
          </tr>
          <tr>
            <th title="incorrect / graded among singleton items">error rate on singleton items</th>
            <td className="num-col"><Num value={panel.singletonErrorRate} why="no graded singleton items" testId="singleton-error" /></td>
          </tr>
        </tbody>
      </table>
      <table className="data-table bucket-table" data-testid="frequency-buckets">
        <thead>
          <tr>
            <th>training frequency</th>
            <th className="num-col">items</th>
            <th className="num-col" title="incorrect / graded">error rate</th>
            <th className="num-col" title="incorrect / (correct + incorrect)">error on attempted</th>
            <th className="num-col" title="abstained / graded">abstention</th>
          </tr>
        </thead>
        <tbody>
          {panel.buckets
            .filter((bucket) => bucket.label !== '0' || bucket.items > 0)
            .map((bucket) => (
              <tr key={bucket.label}>
                <td>{bucket.label}</td>
                <td className="num-col">{fmtCount(bucket.items)}</td>
                <td className="num-col"><Num value={bucket.errorRate} why="no graded items" /></td>
                <td className="num-col"><Num value={bucket.errorRateOnAttempted} why="nothing attempted" /></td>
                <td className="num-col"><Num value={bucket.abstentionRate} why="no graded items" /></td>
              </tr>
            ))}
        </tbody>
      </table>
      {panel.unknownFrequency + panel.invalidFrequency > 0 ? (
        <p className="muted small">
          {fmtCount(panel.unknownFrequency)} items without a frequency, {fmtCount(panel.invalidFrequency)} with one that is not a whole count: left out.
        </p>
      ) : null}
    </div>
  );
}

function IivSection({ bounds, theme }: { bounds: BoundsResult; theme: PlotTheme }) {
  const { iiv } = bounds;
  const figure = useMemo(() => rocFigure(iiv, theme), [iiv, theme]);
  if (iiv.n === 0) {
    return <p className="muted small">No attempted items with a stated confidence, so confidence cannot be read as a classifier here.</p>;
  }
  return (
    <div className="iiv" data-testid="iiv-panel">
      <div className="iiv-body">
        <PlotFigure figure={figure} filename="candor-confidence-roc" testId="roc-plot" className="rubric-plot roc-plot" label="ROC of stated confidence as a classifier of correct answers" />
        <table className="kv-table">
          <tbody>
            <tr>
              <th>attempted items with a confidence</th>
              <td className="num-col">{fmtCount(iiv.n)} ({fmtCount(iiv.positives)} correct)</td>
            </tr>
            <tr>
              <th>AUROC</th>
              <td className="num-col"><Num value={iiv.auroc} why="needs both correct and incorrect items" /></td>
            </tr>
            <tr>
              <th title="lowest misclassification rate over thresholds “valid iff confidence ≥ threshold”">err_iiv (best threshold)</th>
              <td className="num-col"><Num value={iiv.errIiv} testId="err-iiv" /></td>
            </tr>
            <tr>
              <th>best threshold</th>
              <td className="num-col">{iiv.bestThreshold === null ? 'call nothing valid' : fmt3(iiv.bestThreshold)}</td>
            </tr>
            <tr>
              <th title="the paper's Corollary 1 reading: err ≥ 2 err_iiv − |V|/|E| − δ">2 × err_iiv</th>
              <td className="num-col"><Num value={iiv.twiceErrIiv} testId="twice-err-iiv" /></td>
            </tr>
            <tr>
              <th>excluded</th>
              <td className="num-col small">
                {fmtCount(iiv.excludedAbstained)} abstained, {fmtCount(iiv.excludedNoConfidence)} without confidence
              </td>
            </tr>
          </tbody>
        </table>
      </div>
      <ul className="assumptions" data-testid="iiv-assumptions">
        {iiv.assumptions.split('\n').map((line) => (
          <li key={line}>{line}</li>
        ))}
      </ul>
    </div>
  );
}

export function BoundsPanel({
  bounds,
  theme,
  inputs = {},
  onInputs = () => {},
}: {
  bounds: BoundsResult;
  theme: PlotTheme;
  inputs?: BoundInputs;
  onInputs?: (inputs: BoundInputs) => void;
}) {
  return (
    <div className="bounds">
      <section className="panel">
        <h2 className="panel-title">Singleton rate (Theorem 2)</h2>
        <SingletonSection bounds={bounds} inputs={inputs} onInputs={onInputs} />
      </section>
      <section className="panel">
        <h2 className="panel-title">Confidence as an is-it-valid classifier (Corollary 1)</h2>
        <IivSection bounds={bounds} theme={theme} />
      </section>
    </div>
  );
}
