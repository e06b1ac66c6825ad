// The machine-readable exports: JSON (one document) and CSV (three tables:
// items with every label and its history, per-run metrics, the leaderboard).
// Each carries the manifest: the JSON as a field, each CSV as a leading
// "# manifest" comment line (pandas: read_csv(..., comment='#')).
import { csvCell } from './escape.ts';
import { REPORT_SCHEMA, type ReportItem, type ReportModel } from './model.ts';

export interface ExportFile {
  name: string;
  mimeType: string;
  /** utf8 text, or base64 for binary files (PDF) */
  encoding: 'utf8' | 'base64';
  content: string;
}

export interface ReportJson extends ReportModel {
  schema: typeof REPORT_SCHEMA;
  items: ReportItem[];
}

export function reportJson(model: ReportModel, items: ReportItem[]): string {
  const document: ReportJson = { schema: REPORT_SCHEMA, ...model, items };
  return `${JSON.stringify(document, null, 2)}\n`;
}

/**
 * The manifest as one comment line. A spreadsheet still splits it at commas,
 * so commas inside strings (run names, paths: user text) are written as
 * \u002c: the JSON means the same, and no cell can begin with text someone
 * chose, such as a formula.
 */
function manifestLine(model: ReportModel, table: string): string {
  const json = JSON.stringify(model.manifest).replace(/"(?:[^"\\]|\\.)*"/g, (literal) => literal.replace(/,/g, '\\u002c'));
  return `# ${REPORT_SCHEMA} ${table}; manifest ${json}\r\n`;
}

function csvTable(header: string[], rows: string[][]): string {
  return [header.join(','), ...rows.map((row) => row.join(','))].join('\r\n') + '\r\n';
}

/** Annotators in the order they first appear, for one column each. */
function annotatorsOf(items: ReportItem[]): string[] {
  const seen = new Set<string>();
  for (const item of items) for (const name of Object.keys(item.current)) seen.add(name);
  return [...seen].sort();
}

export function itemsCsv(model: ReportModel, items: ReportItem[]): string {
  const annotators = annotatorsOf(items);
  const header = ['run', 'item_key', 'prompt', 'answer', 'gold', 'imported_grade', 'confidence', 'outcome', 'label', 'label_source', 'disputed', 'abstention_kind', 'imported_partial', ...annotators.map((a) => `label:${a}`), 'history'];
  const rows = items.map((item) => [
    csvCell(item.run, 'text'),
    csvCell(item.key, 'text'),
    csvCell(item.prompt, 'text'),
    csvCell(item.answer, 'text'),
    csvCell(item.gold, 'text'),
    csvCell(item.importedGrade),
    csvCell(item.confidence),
    csvCell(item.outcome),
    csvCell(item.label),
    csvCell(item.labelSource),
    csvCell(item.disputed),
    csvCell(item.abstentionKind ?? null),
    csvCell(item.importedPartial ?? false),
    ...annotators.map((a) => csvCell(item.current[a] ?? null)),
    // The whole history as JSON in one cell: every record, oldest first.
    csvCell(item.history.length ? JSON.stringify(item.history) : '', 'text'),
  ]);
  return manifestLine(model, 'items') + csvTable(header.map((x) => csvCell(x, 'text')), rows);
}

export function runsCsv(model: ReportModel): string {
  const targets = model.runs[0]?.metrics.rubric.map((r) => r.t) ?? [];
  const header = [
    'run', 'model', 'task', 'source_path', 'source_sha256', 'items', 'correct', 'incorrect', 'abstained', 'unlabeled',
    'accuracy', 'error_rate', 'abstention_rate', 'accuracy_given_attempted', 'f_score',
    'calibration_n', 'ece', 'mce', 'brier', 'smece', 'bins', 'binning', 'convention',
    ...targets.map((t) => `score_t=${t}`),
  ];
  const rows = model.runs.map((run) => {
    const m = run.metrics;
    return [
      csvCell(run.name, 'text'), csvCell(run.model, 'text'), csvCell(run.task, 'text'), csvCell(run.source.path, 'text'), csvCell(run.source.sha256),
      csvCell(run.itemCount), csvCell(m.counts.correct), csvCell(m.counts.incorrect), csvCell(m.counts.abstained), csvCell(m.counts.unlabeled),
      csvCell(m.accuracy), csvCell(m.errorRate), csvCell(m.abstentionRate), csvCell(m.accuracyGivenAttempted), csvCell(m.fScore),
      csvCell(m.calibration.n), csvCell(m.calibration.ece), csvCell(m.calibration.mce), csvCell(m.calibration.brier), csvCell(run.smooth?.smece ?? null),
      csvCell(m.calibration.nBins), csvCell(m.calibration.binning), csvCell(m.calibration.convention),
      ...m.rubric.map((r) => csvCell(r.score)),
    ];
  });
  return manifestLine(model, 'runs') + csvTable(header.map((x) => csvCell(x, 'text')), rows);
}

export function leaderboardCsv(model: ReportModel): string {
  const board = model.leaderboard;
  const header = ['run', 'rubric', 'rubric_label', 'implied_threshold', 'score', 'lo', 'hi', 'rank', 'reference_rank', 'rank_change', 'flip'];
  const rows = board.rows.flatMap((row) =>
    row.cells.map((cell, k) => {
      const col = board.rubrics[k]!;
      return [
        csvCell(row.name, 'text'), csvCell(col.id, 'text'), csvCell(col.label, 'text'), csvCell(col.impliedThreshold),
        csvCell(cell.score), csvCell(cell.lo), csvCell(cell.hi), csvCell(cell.rank), csvCell(row.referenceRank), csvCell(cell.rankChange), csvCell(cell.flip),
      ];
    }),
  );
  return manifestLine(model, 'leaderboard') + csvTable(header.map((x) => csvCell(x, 'text')), rows);
}

/** The three CSV tables, named after the requested file: report.csv, report.runs.csv, report.leaderboard.csv. */
export function csvFiles(model: ReportModel, items: ReportItem[], baseName: string): ExportFile[] {
  const stem = baseName.replace(/\.csv$/i, '');
  const file = (name: string, content: string): ExportFile => ({ name, mimeType: 'text/csv', encoding: 'utf8', content });
  return [file(`${stem}.csv`, itemsCsv(model, items)), file(`${stem}.runs.csv`, runsCsv(model)), file(`${stem}.leaderboard.csv`, leaderboardCsv(model))];
}
