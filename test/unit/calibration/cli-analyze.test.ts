// `candor analyze --json` on the two reference datasets prints the numbers of
// reference_values.json (within 1e-9) under each library's convention.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli } from '../../../main/cli/index.ts';
import { tempDir } from '../../support/temp.ts';
import { DATASET_FILES, expectClose, readFixture, ref, type DatasetName, type Json } from '../metrics/reference.ts';

const TOL = 1e-9;

async function analyze(file: string, flags: string[]): Promise<{ code: number; json: Json; err: string }> {
  const out: string[] = [];
  const err: string[] = [];
  const code = await runCli(['analyze', file, '--json', ...flags], { out: (t) => out.push(t), err: (t) => err.push(t) });
  return { code, json: code === 0 ? JSON.parse(out.join('\n')) : null, err: err.join('\n') };
}

/** The first run's analysis block, with the settings the document names. */
async function run(file: string, flags: string[]): Promise<Json> {
  const { code, json, err } = await analyze(file, flags);
  if (code !== 0) throw new Error(`candor analyze ${flags.join(' ')} exited ${code}: ${err}`);
  return { ...json.runs[0].analysis, settings: json.settings };
}

describe.each<DatasetName>(['beta', 'verbalized'])('candor analyze --json, %s dataset', (name) => {
  const v = ref(name);
  const tmp = tempDir();
  let file = '';
  beforeAll(() => {
    // The generic reader wants an answer column; the reference CSVs carry only id, confidence and grade.
    const [header, ...rows] = readFixture(DATASET_FILES[name]).trim().split(/\r?\n/);
    file = tmp.file(`${name}.csv`, [`${header},answer`, ...rows.map((row) => `${row},-`)].join('\n'));
  });
  afterAll(() => tmp.cleanup());

  it('default settings: sklearn 10 equal-width, scores, selective, smooth, HELM, PRR', async () => {
    const a = await run(file, ['--resamples', '0']);
    expect(a.settings).toEqual({
      bins: 10,
      binning: 'equal-width',
      convention: 'sklearn',
      interval: 'wilson',
      smooth: true,
      bootstrap: { resamples: 0, seed: 0, level: 0.95, smooth_resamples: 0 },
    });
    const sk = v.sklearn;
    expect(a.n).toBe(v.n);
    expectClose(a.binned.ece.value, sk['ece_l1_from_calibration_curve_uniform_10 (not an sklearn API)'], TOL, 'ece');
    const curve = sk.calibration_curve_uniform_10;
    const nonEmpty = a.bins.filter((b: Json) => b.count > 0);
    expect(nonEmpty.map((b: Json) => b.count)).toEqual(curve.count_nonempty);
    nonEmpty.forEach((b: Json, i: number) => {
      expectClose(b.accuracy, curve.prob_true[i], TOL, `prob_true ${i}`);
      expectClose(b.mean_confidence, curve.prob_pred[i], TOL, `prob_pred ${i}`);
    });
    a.binned.edges.forEach((e: number, i: number) => expectClose(e, curve.bin_edges[i], 0, `edge ${i}`));
    expectClose(a.brier.value, sk.brier_score_loss, TOL, 'brier');
    expectClose(a.log_loss.value, sk.log_loss, TOL, 'log loss');
    expectClose(a.auroc.value, sk.roc_auc_score_conf_vs_correct, TOL, 'auroc');
    const m = v.murphy_decomposition_binned;
    expectClose(a.murphy.reliability, m.reliability, TOL, 'REL');
    expectClose(a.murphy.resolution, m.resolution, TOL, 'RES');
    expectClose(a.murphy.uncertainty, m.uncertainty, TOL, 'UNC');
    expectClose(a.murphy.within_bin_variance, m.within_bin_variance, TOL, 'WBV');
    expectClose(a.murphy.within_bin_covariance, m.within_bin_covariance_x2, TOL, 'WBC');
    const c = v.corp_brier_decomposition_isotonic;
    expectClose(a.corp.mcb, c.MCB, TOL, 'MCB');
    expectClose(a.corp.dsc, c.DSC, TOL, 'DSC');
    expectClose(a.corp.unc, c.UNC, TOL, 'CORP UNC');
    const s = v.selective;
    expectClose(a.aurc.value, s.aurc_stable_ties_in_input_order, TOL, 'aurc');
    expectClose(a.e_aurc.value, s.eaurc_stable, TOL, 'e-aurc');
    expectClose(a.aurc_tie_expected, s.aurc_tie_expected_random_order, TOL, 'aurc tie expected');
    for (const { coverage, accuracy } of a.selective_accuracy) {
      const key = coverage === 1 ? '1.0' : String(coverage);
      expectClose(accuracy, s.acc_at_coverage[key], TOL, `acc@${key}`);
    }
    expectClose(a.smooth.smece.value, v.relplot.smECE_v1_0_3, TOL, 'smECE');
    expect(a.smooth.sigma).toBe(v.relplot.sigma_v1_0_3);
    const mesh = v.relplot.diagram_full_data;
    a.smooth.curve.accuracy.forEach((mu: number, i: number) => expectClose(mu, mesh.mu_full_data[i], TOL, `smooth mu ${i}`));
    const h = v.helm;
    expectClose(a.helm.ece_10_bin, h.ece_10_bin, TOL, 'helm ece_10_bin');
    expectClose(a.helm.ece_1_bin, h.ece_1_bin, TOL, 'helm ece_1_bin');
    expectClose(a.helm.selective_acc_10, h['selective_acc@10'], TOL, 'helm selective_acc@10');
    expectClose(a.helm.selective_cov_acc_area, h.selective_cov_acc_area, TOL, 'helm selective_cov_acc_area');
    const l = v.lm_polygraph;
    expectClose(a.prr.raw, l.prr_raw_area, TOL, 'prr raw');
    expectClose(a.prr.oracle, l.prr_oracle_area, TOL, 'prr oracle');
    expectClose(a.prr.random_analytic, l.prr_random_area_analytic, TOL, 'prr random');
    expectClose(a.prr.normalized, l.prr_normalized_analytic_random, TOL, 'prr normalized');
  });

  it('sklearn 15 bins and quantile bins', async () => {
    const sk = v.sklearn;
    expectClose((await run(file, ['--resamples', '0', '--no-smooth', '--bins', '15'])).binned.ece.value, sk['ece_l1_from_calibration_curve_uniform_15 (not an sklearn API)'], TOL, 'uniform 15');
    const q = await run(file, ['--resamples', '0', '--no-smooth', '--binning', 'equal-mass']);
    expectClose(q.binned.ece.value, sk['ece_l1_from_calibration_curve_quantile_10 (not an sklearn API)'], TOL, 'quantile 10');
    q.binned.edges.forEach((e: number, i: number) => expectClose(e, sk.calibration_curve_quantile_10.bin_edges[i], TOL, `quantile edge ${i}`));
  });

  it('torchmetrics (float64): l1, max and l2 with 15 bins, l1 with 10', async () => {
    const tm = v.torchmetrics_binary_calibration_error.torch_float64;
    const a = await run(file, ['--resamples', '0', '--no-smooth', '--convention', 'torchmetrics', '--bins', '15']);
    expectClose(a.binned.ece.value, tm.l1_15, TOL, 'l1_15');
    expectClose(a.binned.mce.value, tm.max_15, TOL, 'max_15');
    expectClose(a.binned.rms.value, tm.l2_15, TOL, 'l2_15');
    expectClose((await run(file, ['--resamples', '0', '--no-smooth', '--convention', 'torchmetrics'])).binned.ece.value, tm.l1_10, TOL, 'l1_10');
  });

  it('netcal: ECE, MCE, ACE; equal-mass refused where netcal refuses it', async () => {
    const nc = v.netcal;
    const a = await run(file, ['--resamples', '0', '--no-smooth', '--convention', 'netcal']);
    expectClose(a.binned.ece.value, nc.ECE_10_equal_width, TOL, 'ECE 10');
    expectClose(a.binned.mce.value, nc.MCE_10_equal_width, TOL, 'MCE 10');
    expectClose(a.binned.ace.value, nc.ACE_10_equal_width_default, TOL, 'ACE 10');
    expectClose((await run(file, ['--resamples', '0', '--no-smooth', '--convention', 'netcal', '--bins', '15'])).binned.ece.value, nc.ECE_15_equal_width, TOL, 'ECE 15');
    const flags = ['--resamples', '0', '--no-smooth', '--convention', 'netcal', '--binning', 'equal-mass'];
    if (typeof nc.ECE_10_equal_mass === 'number') {
      const m = await run(file, flags);
      expectClose(m.binned.ece.value, nc.ECE_10_equal_mass, TOL, 'ECE 10 equal mass');
      expectClose(m.binned.ace.value, nc.ACE_10_equal_mass, TOL, 'ACE 10 equal mass');
    } else {
      // A refusal that depends on the data is reported for the run, not as a usage error.
      const refused = await analyze(file, flags);
      expect(refused.code).toBe(0);
      expect(refused.json.runs[0].analysis).toBeUndefined();
      expect(refused.json.runs[0].analysis_refused).toMatchObject({ code: 'not-defined-for-data', message: expect.stringMatching(/numerically 0/) });
      expect(refused.err).toMatch(/numerically 0/);
      expect(refused.err).not.toMatch(/usage:/);
    }
  });

  it('Kumar et al.: plug-in L1 and L2, debiased L2', async () => {
    const k = v.uncertainty_calibration_kumar;
    const base = ['--resamples', '0', '--no-smooth', '--convention', 'kumar'];
    expectClose((await run(file, [...base, '--bins', '15'])).binned.ece.value, k.get_ece_15_equal_width_plugin, TOL, 'get_ece 15');
    const em = await run(file, [...base, '--bins', '15', '--binning', 'equal-mass']);
    expectClose(em.binned.ece.value, k.get_ece_em_15_equal_mass_plugin, TOL, 'get_ece_em 15');
    expectClose(em.binned.rms.value, k.l2_ce_15_equal_mass_plugin, TOL, 'l2 em plug-in');
    expectClose(em.binned.kumar_debiased_l2.value, k.l2_ce_15_equal_mass_debiased, TOL, 'l2 em debiased');
    const ew = await run(file, [...base, '--bins', '10']);
    expectClose(ew.binned.rms.value, k.l2_ce_10_equal_width_plugin, TOL, 'l2 ew plug-in');
    expectClose(ew.binned.kumar_debiased_l2.value, k.l2_ce_10_equal_width_debiased, TOL, 'l2 ew debiased');
  });

  it('relplot binnedECE, HELM equal-mass ECE and LM-Polygraph 20-bin ECE', async () => {
    const base = ['--resamples', '0', '--no-smooth'];
    expectClose((await run(file, [...base, '--convention', 'relplot'])).binned.ece.value, v.relplot.binnedECE_10, TOL, 'binnedECE 10');
    expectClose((await run(file, [...base, '--convention', 'relplot', '--bins', '15'])).binned.ece.value, v.relplot.binnedECE_15, TOL, 'binnedECE 15');
    expectClose((await run(file, [...base, '--convention', 'helm', '--binning', 'equal-mass'])).binned.ece.value, v.helm.ece_10_bin, TOL, 'helm ece_10_bin');
    expectClose((await run(file, [...base, '--convention', 'lmpolygraph', '--bins', '20'])).binned.ece.value, v.lm_polygraph.ece_lmpg_20bins, TOL, 'lmpg ece 20');
  });
});

describe('candor analyze --json intervals and settings', () => {
  const tmp = tempDir();
  afterAll(() => tmp.cleanup());

  it('prints intervals around each estimate, the same for the same seed, per-bin Clopper-Pearson on request', async () => {
    const [header, ...rows] = readFixture(DATASET_FILES.beta).trim().split(/\r?\n/);
    const file = tmp.file('beta.csv', [`${header},answer`, ...rows.map((row) => `${row},-`)].join('\n'));
    const flags = ['--resamples', '200', '--smooth-resamples', '20', '--seed', '7', '--interval', 'clopper-pearson'];
    const a = await run(file, flags);
    const b = await run(file, flags);
    expect(a).toEqual(b);
    expect(a.settings.bootstrap).toEqual({ resamples: 200, seed: 7, level: 0.95, smooth_resamples: 20 });
    for (const metric of [a.binned.ece, a.binned.mce, a.binned.rms, a.brier, a.log_loss, a.auroc, a.aurc, a.smooth.smece]) {
      expect(metric.interval[0]).toBeLessThanOrEqual(metric.value);
      expect(metric.interval[1]).toBeGreaterThanOrEqual(metric.value);
      expect(metric.interval[1]).toBeGreaterThan(metric.interval[0]);
    }
    // bin 0 of beta: 0 correct of 11, so the exact interval starts at 0 and ends at 1 - 0.025^(1/11)
    expect(a.bins[0].count).toBe(11);
    expect(a.bins[0].interval[0]).toBe(0);
    expectClose(a.bins[0].interval[1], 1 - 0.025 ** (1 / 11), 1e-12, 'Clopper-Pearson upper');
    const other = await run(file, ['--resamples', '200', '--smooth-resamples', '20', '--seed', '8']);
    expect(other.binned.ece.interval).not.toEqual(a.binned.ece.interval);
    expect(other.binned.ece.value).toBe(a.binned.ece.value);
  });

  // Issue 13, item 6: one run's data-dependent refusal used to abort the whole command and print the usage.
  it('reports a refusal that depends on one run for that run, and analyses the others', async () => {
    const files = (['beta', 'verbalized'] as const).map((name) => {
      const [header, ...rows] = readFixture(DATASET_FILES[name]).trim().split(/\r?\n/);
      return tmp.file(`${name}-em.csv`, [`${header},answer`, ...rows.map((row) => `${row},-`)].join('\n'));
    });
    const out: string[] = [];
    const err: string[] = [];
    const code = await runCli(['analyze', ...files, '--json', '--resamples', '0', '--no-smooth', '--convention', 'netcal', '--binning', 'equal-mass'], {
      out: (t) => out.push(t),
      err: (t) => err.push(t),
    });
    expect(code).toBe(0);
    const doc = JSON.parse(out.join('\n'));
    expect(doc.runs.map((run: Json) => run.name)).toEqual(['beta-em.csv', 'verbalized-em.csv']);
    expectClose(doc.runs[0].analysis.binned.ece.value, ref('beta').netcal.ECE_10_equal_mass, TOL, 'beta ECE 10 equal mass');
    expect(doc.runs[1].analysis).toBeUndefined();
    expect(doc.runs[1].analysis_refused.code).toBe('not-defined-for-data');
    expect(doc.runs[1].metrics.accuracy).not.toBeNull();
    expect(err.join('\n')).toMatch(/^candor analyze: verbalized-em\.csv: netcal equal-mass: .*numerically 0.*the other runs go on$/);
  });

  it('refuses bad settings with exit code 2 and names the flag', async () => {
    const file = tmp.file('tiny.csv', 'id,answer,grade,confidence\n1,a,correct,0.9\n2,b,incorrect,0.2\n');
    const bad = await analyze(file, ['--convention', 'sklaern']);
    expect(bad.code).toBe(2);
    expect(bad.err).toMatch(/--convention/);
    const torchMass = await analyze(file, ['--convention', 'torchmetrics', '--binning', 'equal-mass']);
    expect(torchMass.code).toBe(2);
    expect(torchMass.err).toMatch(/equal-mass binning is not defined/);
  });
});
