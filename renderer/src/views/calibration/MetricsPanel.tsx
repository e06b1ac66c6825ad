// The metrics of every analysed run side by side, each explained in one
// sentence and named by its convention; bootstrap intervals as [lo, hi].
import type { CalibrationAnalysis, CalibrationRunAnalysis, Estimate } from '../../../../shared/api/contract.ts';
import { fmt3, fmtCount } from '../../lib/format.ts';

interface Row {
  key: string;
  name: string;
  what: string;
  convention: string;
  get: (a: CalibrationRunAnalysis) => Estimate | number | null;
  /** Why the value is missing, when the engine says it is undefined rather than absent. */
  why?: (a: CalibrationRunAnalysis) => string | null;
}

const ORDER_FREE = 'ties in random order, in expectation (order-free)';
const STABLE = 'ties in item order (a stable sort)';
const NUMPY = 'ties in numpy argsort order, to match the library’s own number';

/**
 * Rows that walk the items in confidence order: they arrive after the rest
 * (CalibrationAnalysis.pointsPending), shown as "…" until then.
 */
const SORTED = new Set([
  'corp-mcb',
  'corp-dsc',
  'auroc',
  'aurc',
  'eaurc',
  'sel10',
  'sel50',
  'helm-ece',
  'helm-platt',
  'helm-platt-coef',
  'helm-sel',
  'helm-area',
  'prr',
  'aurc-stable',
  'eaurc-stable',
  'sel10-stable',
  'sel50-stable',
  'helm-sel-numpy',
  'helm-area-numpy',
  'prr-numpy',
]);

const selectiveAt = (rows: Array<{ coverage: number; accuracy: number | null }>, coverage: number) => rows.find((x) => x.coverage === coverage)?.accuracy ?? null;

function rows(analysis: CalibrationAnalysis): Row[] {
  const s = analysis.settings;
  const binned = `${s.convention}, ${s.bins} ${s.binning} bins`;
  return [
    { key: 'ece', name: 'ECE', what: 'Gap between confidence and accuracy per bin, averaged with bin sizes as weights.', convention: binned, get: (a) => a.binned.ece },
    { key: 'mce', name: 'MCE', what: 'The largest gap between confidence and accuracy in any non-empty bin.', convention: binned, get: (a) => a.binned.mce },
    { key: 'rms', name: 'RMS calibration error', what: 'Root of the size-weighted mean squared gap per bin (L2).', convention: binned, get: (a) => a.binned.rms },
    { key: 'ace', name: 'ACE', what: 'Mean gap over non-empty bins, every bin counting equally.', convention: `netcal ACE; ${binned}`, get: (a) => a.binned.ace },
    { key: 'kumar', name: 'Debiased L2', what: 'RMS gap with each bin’s sampling noise subtracted, so small bins do not inflate it.', convention: `Kumar et al. 2019; ${binned}`, get: (a) => a.binned.kumarDebiasedL2 },
    { key: 'smece', name: 'smECE', what: 'Calibration error of the kernel-smoothed reliability curve, at the bandwidth σ* where the two agree.', convention: 'relplot 1.0.3; interval at the full-data σ*', get: (a) => a.smooth?.smece ?? null },
    { key: 'sigma', name: 'σ* (smECE bandwidth)', what: 'The kernel width the smooth curve and smECE use.', convention: 'relplot 1.0.3', get: (a) => a.smooth?.sigma ?? null },
    { key: 'brier', name: 'Brier score', what: 'Mean squared difference between confidence and being right (lower is better).', convention: 'sklearn brier_score_loss', get: (a) => a.brier },
    { key: 'murphy-rel', name: 'Brier: reliability', what: 'The part of the Brier score due to miscalibration of the bins.', convention: `Murphy, ${binned}`, get: (a) => a.murphy?.reliability ?? null },
    { key: 'murphy-res', name: 'Brier: resolution', what: 'How far the bins’ accuracies spread from the overall accuracy (higher is better).', convention: `Murphy, ${binned}`, get: (a) => a.murphy?.resolution ?? null },
    { key: 'corp-mcb', name: 'CORP miscalibration', what: 'Brier score minus that of the isotonically recalibrated confidences.', convention: 'CORP (PAV isotonic)', get: (a) => a.corp?.MCB ?? null },
    { key: 'corp-dsc', name: 'CORP discrimination', what: 'How much the recalibrated confidences beat always predicting the base rate.', convention: 'CORP (PAV isotonic)', get: (a) => a.corp?.DSC ?? null },
    { key: 'logloss', name: 'Log loss', what: 'Mean negative log of the probability given to what happened; confident errors cost most.', convention: 'sklearn 1.2.1 (clipped at machine ε)', get: (a) => a.logLoss },
    { key: 'auroc', name: 'AUROC', what: 'Chance that a right answer carries more confidence than a wrong one.', convention: 'ties count ½ (sklearn roc_auc_score)', get: (a) => a.auroc },
    { key: 'aurc', name: 'AURC', what: 'Error rate averaged over every coverage when the most confident answers go first.', convention: ORDER_FREE, get: (a) => a.orderFree.aurc },
    { key: 'eaurc', name: 'E-AURC', what: 'AURC minus the best AURC this accuracy allows.', convention: ORDER_FREE, get: (a) => a.orderFree.eAurc },
    { key: 'sel10', name: 'Accuracy of the top 10 %', what: 'Accuracy of the 10 % most confident answers.', convention: `round-half-even(0.1·n) items; ${ORDER_FREE}`, get: (a) => selectiveAt(a.orderFree.selective, 0.1) },
    { key: 'sel50', name: 'Accuracy of the top 50 %', what: 'Accuracy of the more confident half of the answers.', convention: `round-half-even(0.5·n) items; ${ORDER_FREE}`, get: (a) => selectiveAt(a.orderFree.selective, 0.5) },
    { key: 'helm-ece', name: 'HELM ece_10_bin', what: 'HELM’s ECE over 10 equal-mass bins.', convention: 'HELM / Kumar get_equal_bins', get: (a) => a.helm.ece10Bin },
    { key: 'helm-platt', name: 'HELM platt_ece_10_bin', what: 'The same ECE after Platt scaling: what is left once confidence is rescaled.', convention: 'HELM (exact logistic MLE)', get: (a) => a.helm.plattEce10Bin, why: (a) => a.helm.plattUndefined },
    { key: 'helm-platt-coef', name: 'HELM platt_coef', what: 'The slope of the Platt fit on the logit of confidence (1 = no rescaling).', convention: 'HELM (exact logistic MLE)', get: (a) => a.helm.plattCoef, why: (a) => a.helm.plattUndefined },
    { key: 'helm-sel', name: 'HELM selective_acc@10', what: 'HELM’s accuracy of the floor(0.1·n)+1 most confident answers.', convention: `HELM; ${ORDER_FREE}`, get: (a) => a.orderFree.helmSelectiveAcc10 },
    { key: 'helm-area', name: 'HELM selective_cov_acc_area', what: 'HELM’s accuracy of the top k answers, averaged over every k.', convention: `HELM; ${ORDER_FREE}`, get: (a) => a.orderFree.helmSelectiveCovAccArea },
    { key: 'prr', name: 'PRR', what: 'Rejection by confidence against random (0) and oracle (1) rejection.', convention: `LM-Polygraph, analytic random baseline; ${ORDER_FREE}`, get: (a) => a.orderFree.prrNormalized },
  ];
}

/**
 * The same ranking metrics with tied confidences in the order the reference
 * libraries' sorts leave them: they reproduce those libraries' numbers, but
 * change when the same answers are listed in another order.
 */
function referenceOrderRows(): Row[] {
  return [
    { key: 'aurc-stable', name: 'AURC', what: 'As above, ties in item order.', convention: STABLE, get: (a) => a.aurc },
    { key: 'eaurc-stable', name: 'E-AURC', what: 'As above, ties in item order.', convention: STABLE, get: (a) => a.eAurc },
    { key: 'sel10-stable', name: 'Accuracy of the top 10 %', what: 'As above, ties in item order.', convention: STABLE, get: (a) => selectiveAt(a.selective, 0.1) },
    { key: 'sel50-stable', name: 'Accuracy of the top 50 %', what: 'As above, ties in item order.', convention: STABLE, get: (a) => selectiveAt(a.selective, 0.5) },
    { key: 'helm-sel-numpy', name: 'HELM selective_acc@10', what: 'As HELM prints it.', convention: NUMPY, get: (a) => a.helm.selectiveAcc10 },
    { key: 'helm-area-numpy', name: 'HELM selective_cov_acc_area', what: 'As HELM prints it.', convention: NUMPY, get: (a) => a.helm.selectiveCovAccArea },
    { key: 'prr-numpy', name: 'PRR', what: 'As LM-Polygraph prints it.', convention: NUMPY, get: (a) => a.prr.normalized },
  ];
}

function Cell({ value, why, pending }: { value: Estimate | number | null; why: string | null; pending: boolean }) {
  const estimate = value === null || typeof value === 'number' ? { value, interval: null } : value;
  if (pending) {
    return (
      <td className="num-cell muted" title="sorting the items by confidence">
        …
      </td>
    );
  }
  if (estimate.value === null && why) {
    return (
      <td className="num-cell" title={why}>
        <span className="num muted">undefined</span>
        <span className="metric-why">{why}</span>
      </td>
    );
  }
  return (
    <td className="num-cell">
      <span className="num">{fmt3(estimate.value)}</span>
      {estimate.interval ? <span className="ci"> [{fmt3(estimate.interval[0])}, {fmt3(estimate.interval[1])}]</span> : null}
    </td>
  );
}

function MetricRow({ row, analysis }: { row: Row; analysis: CalibrationAnalysis }) {
  return (
    <tr data-testid={`metric-${row.key}`}>
      <th scope="row">
        {row.name}
        <span className="metric-what">{row.what}</span>
        <span className="metric-convention">{row.convention}</span>
      </th>
      {analysis.runs.map((run) => (
        <Cell key={run.runId} value={row.get(run)} why={row.why?.(run) ?? null} pending={analysis.pointsPending === true && SORTED.has(row.key)} />
      ))}
    </tr>
  );
}

export function MetricsPanel({ analysis, labels }: { analysis: CalibrationAnalysis; labels: Map<number, string> }) {
  const s = analysis.settings;
  const { resamples, seed, level, smoothResamples } = s.bootstrap;
  return (
    <section className="calibration-metrics" data-testid="calibration-metrics" aria-label="Calibration metrics">
      <table className="data-table">
        <thead>
          <tr>
            <th scope="col">Metric</th>
            {analysis.runs.map((run) => (
              <th scope="col" key={run.runId} className="num-cell" title={labels.get(run.runId)}>
                {labels.get(run.runId) ?? `run ${run.runId}`}
                <span className="metric-convention">n = {fmtCount(run.n)}</span>
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {rows(analysis).map((row) => (
            <MetricRow key={row.key} row={row} analysis={analysis} />
          ))}
        </tbody>
        <tbody data-testid="metrics-reference-order">
          <tr className="metric-group">
            <th scope="rowgroup" colSpan={analysis.runs.length + 1}>
              Tie order of the reference libraries
              <span className="metric-what">
                These rank items by confidence and break ties the way each library’s sort does, so they reproduce its numbers but change when the same
                answers are listed in another order. The order-free values above are their expectation over every order of tied answers.
              </span>
            </th>
          </tr>
          {referenceOrderRows().map((row) => (
            <MetricRow key={row.key} row={row} analysis={analysis} />
          ))}
        </tbody>
      </table>
      <p className="muted small">
        Intervals: {resamples > 0 ? `${Math.round(level * 100)} % percentile bootstrap, ${fmtCount(resamples)} resamples (smECE: ${fmtCount(smoothResamples)}), seed ${seed}` : 'bootstrap off'}; per-bin
        intervals: {s.interval === 'wilson' ? 'Wilson' : 'Clopper-Pearson'}. Excluded from every metric:{' '}
        {analysis.runs
          .map((run) => `${labels.get(run.runId) ?? run.runId}: ${fmtCount(run.excluded.abstained)} abstained, ${fmtCount(run.excluded.noConfidence)} without a confidence`)
          .join('; ')}
        .
      </p>
    </section>
  );
}
