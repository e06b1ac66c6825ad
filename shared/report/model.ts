// The report as data: everything an HTML, PDF, CSV or JSON export shows, and
// what `candor report --check` recomputes and compares. Built in main/report
// from the store with the shared engines; nothing here computes a metric.
import type { KrippendorffAlpha, PairKappa, PercentAgreement } from '../agreement/index.ts';
import type { AbstentionKindCounts } from '../domain.ts';
import type { RunMetrics } from '../metrics/types.ts';
import type { Leaderboard, SingletonPanel, ThresholdSweep } from '../rubrics/index.ts';

export const REPORT_SCHEMA = 'candor.report/v1';

export interface ReportSettings {
  /** equal-width bins, scikit-learn's edges: the same summary `candor analyze` prints */
  nBins: number;
  binning: 'equal-width';
  convention: 'sklearn';
  /** per-bin accuracy intervals */
  intervalMethod: 'wilson' | 'clopper-pearson';
  level: number;
  /** one seed for every bootstrap (leaderboard, sweep, smooth band) */
  seed: number;
  resamples: number;
  /** resamples of the smooth reliability curve's band (each one is a kernel smoothing) */
  smoothResamples: number;
  /** rubric specs (shared/rubrics parseRubric) for the leaderboard columns */
  rubrics: string[];
  /** confidence targets of the per-run rubric scores */
  targets: number[];
  /** rows of the most-expensive-errors table */
  topErrors: number;
  /** format options the input files were read with (`--option key=value`), for a re-import */
  readerOptions: Record<string, string | number | boolean> | null;
}

export const DEFAULT_REPORT_SETTINGS: ReportSettings = {
  nBins: 10,
  binning: 'equal-width',
  convention: 'sklearn',
  intervalMethod: 'wilson',
  level: 0.95,
  seed: 0,
  resamples: 1000,
  smoothResamples: 100,
  rubrics: ['binary', 't=0.5', 't=0.75', 't=0.9'],
  targets: [0, 0.5, 0.75, 0.9],
  topErrors: 20,
  readerOptions: null,
};

export interface ManifestInput {
  path: string;
  size: number;
  sha256: string;
  /** names of the runs read from this file */
  runs: string[];
}

export interface ManifestAnnotator {
  annotator: string;
  /** label records, history included */
  labels: number;
  /** items this annotator labelled at least once */
  items: number;
}

export interface Manifest {
  schema: typeof REPORT_SCHEMA;
  candorVersion: string;
  createdAt: string;
  /** the database the report was made from; null when made from files in a throwaway store */
  database: string | null;
  inputs: ManifestInput[];
  labels: {
    /** sha256 over every label record of the reported runs, in a canonical order */
    sha256: string;
    records: number;
    perAnnotator: ManifestAnnotator[];
  };
  settings: ReportSettings;
  /** the rule that turns labels and grades into outcomes */
  outcomeRule: string;
}

export interface Band {
  lo: number | null;
  hi: number | null;
}

export interface SmoothCurve {
  smece: number;
  sigma: number;
  mesh: number[];
  mu: number[];
  /** bootstrap band of mu, parallel to mesh */
  lo: Array<number | null>;
  hi: Array<number | null>;
  resamples: number;
}

export interface ReportRun {
  id: number;
  name: string;
  model: string | null;
  task: string | null;
  format: string;
  source: { path: string; sha256: string; size: number };
  itemCount: number;
  metrics: RunMetrics;
  /** the abstained items by the kind their labels state (added within v1) */
  abstentionKinds: AbstentionKindCounts;
  /** of the incorrect items, the partial imported grades (Inspect's "P"; added within v1) */
  partialCount: number;
  /** per reliability bin, null for an empty bin */
  binIntervals: Array<Band | null>;
  smooth: SmoothCurve | null;
  /** the item field read as training frequency, when the run has one */
  frequencyField: string | null;
  singleton: SingletonPanel | null;
}

export interface ReportAgreement {
  runName: string;
  annotators: string[];
  /** items with at least one human label */
  labelledItems: number;
  alpha: KrippendorffAlpha;
  percent: PercentAgreement;
  pairs: PairKappa[];
}

/** A confident hallucination: answered wrongly, listed by stated confidence, highest first. */
export interface ExpensiveError {
  runName: string;
  key: string;
  prompt: string;
  answer: string;
  gold: string | null;
  confidence: number | null;
  /** where the 'incorrect' came from: a human label or the imported grade */
  source: 'label' | 'imported';
}

export interface ReportModel {
  manifest: Manifest;
  runs: ReportRun[];
  leaderboard: Leaderboard;
  sweep: ThresholdSweep;
  agreement: ReportAgreement[];
  expensiveErrors: ExpensiveError[];
}

/** One item with every label record, for the CSV and JSON exports. */
export interface ReportItem {
  run: string;
  key: string;
  prompt: string;
  answer: string;
  gold: string | null;
  importedGrade: string | null;
  confidence: number | null;
  outcome: string;
  label: string | null;
  labelSource: string | null;
  disputed: boolean;
  /** the resolved label's abstention kind (added within v1) */
  abstentionKind?: string | null;
  /** the imported grade is a partial one, stored as incorrect (added within v1) */
  importedPartial?: boolean;
  /** each annotator's current label */
  current: Record<string, string | null>;
  history: Array<{ annotator: string; outcome: string | null; abstentionKind?: string; kind: string; note: string | null; createdAt: string }>;
}
