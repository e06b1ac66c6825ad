// The headline panel of one run in as few passes as the metrics allow: one
// sequential pass for the bins, Brier and log loss, one sort (carrying the
// labels) for both AUROC and AURC, and smECE, which needs no sort. Each value
// equals its stand-alone function's (ece.ts, scores.ts, selective.ts,
// smece.ts): the same sums in the same order.
import { binLayout, binOf, FLOAT64_EPS, type BinLayout, type BinningOptions, type BinStats } from './binning.ts';
import type { CalibrationData } from './calibration-data.ts';
import { aceFromBins, eceFromBins, mceFromBins, rmsFromBins } from './ece.ts';
import { auroc } from './scores.ts';
import { aurc } from './selective.ts';
import { smECE } from './smece.ts';
import { sortWithLabels } from './sort.ts';

export interface MetricPanel {
  ece: number | null;
  mce: number | null;
  rms: number | null;
  ace: number | null;
  brier: number | null;
  logLoss: number | null;
  auroc: number | null;
  aurc: number | null;
  smece: number | null;
  /** smECE's bandwidth */
  sigma: number | null;
  stats: BinStats;
}

export interface ScorePass {
  stats: BinStats;
  brier: number | null;
  logLoss: number | null;
}

/** The bins' sums, Brier and log loss in one pass over the items: binStatistics, brierScore and logLoss, sum for sum. */
export function scorePass(data: CalibrationData, layout: BinLayout): ScorePass {
  const { p, y } = data;
  const n = p.length;
  const k = layout.nBins;
  const count = new Float64Array(k);
  const sumConfidence = new Float64Array(k);
  const sumCorrect = new Float64Array(k);
  const eps = layout.clipEps;
  let sq = 0;
  let ll = 0;
  for (let i = 0; i < n; i++) {
    const raw = p[i]!;
    const label = y[i]!;
    let x = raw;
    if (eps > 0) x = x < eps ? eps : x > 1 - eps ? 1 - eps : x;
    const b = binOf(layout, x);
    count[b]! += 1;
    sumConfidence[b]! += x;
    sumCorrect[b]! += label;
    const d = raw - label;
    sq += d * d;
    // logLoss's clipping and row renormalisation, term for term
    const q = Math.min(Math.max(raw, FLOAT64_EPS), 1 - FLOAT64_EPS);
    const a = 1 - q;
    ll -= Math.log((label ? q : a) / (a + q));
  }
  return { stats: { layout, n, count, sumConfidence, sumCorrect }, brier: n === 0 ? null : sq / n, logLoss: n === 0 ? null : ll / n };
}

/** AUROC and stable-tie AURC from one ascending sort; the generic functions when p is not in [0, 1]. */
function rankScores(data: CalibrationData): { auroc: number | null; aurc: number | null } {
  const n = data.p.length;
  if (n === 0) return { auroc: null, aurc: null };
  const sorted = sortWithLabels(data.p, data.y);
  if (!sorted) return { auroc: auroc(data), aurc: aurc(data) };
  const { p, y } = sorted;
  let pos = 0;
  for (let i = 0; i < n; i++) pos += y[i]!;
  const neg = n - pos;
  // Tie groups as ends, ascending; AUROC walks them up, AURC down.
  const ends = new Int32Array(n);
  let groups = 0;
  let rankSumPos = 0;
  let g = 0;
  while (g < n) {
    let end = g + 1;
    const v = p[g]!;
    while (end < n && p[end] === v) end++;
    const avgRank = (g + 1 + end) / 2;
    let posInGroup = 0;
    for (let k = g; k < end; k++) posInGroup += y[k]!;
    rankSumPos += posInGroup * avgRank;
    ends[groups++] = end;
    g = end;
  }
  // Most confident group first; inside a group, input order (the stable rule).
  let errors = 0;
  let area = 0;
  let rank = 0;
  for (let gi = groups - 1; gi >= 0; gi--) {
    const first = gi === 0 ? 0 : ends[gi - 1]!;
    const end = ends[gi]!;
    for (let k = first; k < end; k++) {
      errors += 1 - y[k]!;
      rank++;
      area += errors / rank;
    }
  }
  return {
    auroc: pos === 0 || neg === 0 ? null : (rankSumPos - (pos * (pos + 1)) / 2) / (pos * neg),
    aurc: area / n,
  };
}

/** Binned ECE/MCE/RMS/ACE, Brier, log loss, AUROC, AURC (stable ties) and smECE of one run. */
export function metricPanel(data: CalibrationData, binning: BinningOptions = {}): MetricPanel {
  const layout = binLayout(data.p, binning);
  const pass = scorePass(data, layout);
  const ranks = rankScores(data);
  const smooth = smECE(data);
  const { stats } = pass;
  return {
    ece: eceFromBins(stats),
    mce: mceFromBins(stats),
    rms: rmsFromBins(stats),
    ace: aceFromBins(stats),
    brier: pass.brier,
    logLoss: pass.logLoss,
    auroc: ranks.auroc,
    aurc: ranks.aurc,
    smece: smooth?.smece ?? null,
    sigma: smooth?.sigma ?? null,
    stats,
  };
}
