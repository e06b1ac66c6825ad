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
}

/** Rows that walk the items in confidence order: they arrive after the rest (CalibrationAnalysis.pointsPending). */
const SORTED = new Set(['corp-mcb', 'corp-dsc', 'auroc', 'aurc', 'eaurc', 'sel10', 'sel50', 'helm-ece', 'helm-platt', 'helm-sel', 'prr']);

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
    { key: 'aurc', name: 'AURC', what: 'Error rate averaged over every coverage when the most confident answers go first.', convention: 'ties in item order', get: (a) => a.aurc },
    { key: 'eaurc', name: 'E-AURC', what: 'AURC minus the best AURC this accuracy allows.', convention: 'ties in item order', get: (a) => a.eAurc },
    { key: 'sel10', name: 'Accuracy of the top 10 %', what: 'Accuracy of the 10 % most confident answers.', convention: 'round-half-even(0.1·n) items, stable ties', get: (a) => a.selective.find((x) => x.coverage === 0.1)?.accuracy ?? null },
    { key: 'sel50', name: 'Accuracy of the top 50 %', what: 'Accuracy of the more confident half of the answers.', convention: 'round-half-even(0.5·n) items, stable ties', get: (a) => a.selective.find((x) => x.coverage === 0.5)?.accuracy ?? null },
    { key: 'helm-ece', name: 'HELM ece_10_bin', what: 'HELM’s ECE over 10 equal-mass bins.', convention: 'HELM / Kumar get_equal_bins', get: (a) => a.helm.ece10Bin },
    { key: 'helm-platt', name: 'HELM platt_ece_10_bin', what: 'The same ECE after Platt scaling: what is left once confidence is rescaled.', convention: 'HELM (exact logistic MLE)', get: (a) => a.helm.plattEce10Bin },
    { key: 'helm-sel', name: 'HELM selective_acc@10', what: 'HELM’s accuracy of the floor(0.1·n)+1 most confident answers.', convention: 'HELM, numpy tie order', get: (a) => a.helm.selectiveAcc10 },
    { key: 'prr', name: 'PRR', what: 'Rejection by confidence against random (0) and oracle (1) rejection.', convention: 'LM-Polygraph, analytic random baseline', get: (a) => a.prr.normalized },
  ];
}

function Cell({ value, pending }: { value: Estimate | number | null; pending: boolean }) {
  const estimate = value === null || typeof value === 'number' ? { value, interval: null } : value;
  if (pending) {
    return (
      <td className="num-cell muted" title="sorting the items by confidence">
        …
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
            <tr key={row.key} data-testid={`metric-${row.key}`}>
              <th scope="row">
                {row.name}
                <span className="metric-what">{row.what}</span>
                <span className="metric-convention">{row.convention}</span>
              </th>
              {analysis.runs.map((run) => (
                <Cell key={run.runId} value={row.get(run)} pending={analysis.pointsPending === true && SORTED.has(row.key)} />
              ))}
            </tr>
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
