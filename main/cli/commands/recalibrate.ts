import { readFileSync, writeFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { MAP_SCHEMA, mapDocumentSchema, type MapDocument } from '../../../shared/api/recalibration.ts';
import type { RunSummary } from '../../../shared/domain.ts';
import { METRIC_LABELS, RECALIBRATION_METHODS, type ApplyReport, type MapParams, type MetricComparison, type RecalibrationMethod } from '../../../shared/recalibration/index.ts';
import { ComputeRefused, computeClient } from '../../compute/client.ts';
import { resolve } from 'node:path';
import { mapRecord } from '../../handlers/recalibration.ts';
import { readNumbers, type NumbersRun } from '../../import/numbers.ts';
import { ImportError } from '../../import/types.ts';
import { candorVersion } from '../../paths.ts';
import { CliError, readerOptions, type Command, type CliIo } from '../workspace.ts';

export const APPLY_SCHEMA = 'candor.recalibrate-apply/v1';

const USAGE =
  'candor recalibrate fit RUN_FILE --method platt|temperature|beta|isotonic|histogram [--out map.json]\n' +
  '      [--folds 5] [--seed 0] [--bins 10] [--model NAME] [--name NAME] [--option key=value]...\n' +
  '      fit a recalibration map on a run file (judged by k-fold cross-fitting) and write it as JSON\n' +
  '  candor recalibrate apply MAP.json RUN_FILE... [--json] [--model NAME] [--option key=value]...\n' +
  `      apply a saved map to other runs: metrics before/after and re-scoring under confidence targets (${APPLY_SCHEMA})`;

function fmt(value: number | null): string {
  return value === null ? '—' : value.toFixed(3);
}

function metricLines(rows: MetricComparison[]): string[] {
  return rows.map(
    (r) =>
      `  ${METRIC_LABELS[r.metric].padEnd(36)} before ${fmt(r.before.value)} [${fmt(r.before.lo)}, ${fmt(r.before.hi)}]` +
      `  after ${fmt(r.after.value)} [${fmt(r.after.lo)}, ${fmt(r.after.hi)}]  change ${fmt(r.change.value)} [${fmt(r.change.lo)}, ${fmt(r.change.hi)}]`,
  );
}

function int(value: string | undefined, flag: string): number | undefined {
  if (value === undefined) return undefined;
  const n = Number(value);
  if (!Number.isInteger(n)) throw new CliError(`candor recalibrate: ${flag} takes a whole number, got "${value}"`, 2);
  return n;
}

/**
 * The runs in a file, read for their numbers only (no store: a fit needs
 * outcomes and confidences), narrowed to --model when the file holds several.
 */
async function fileRuns(file: string, options: ReturnType<typeof readerOptions>, model?: string): Promise<NumbersRun[]> {
  let runs: NumbersRun[];
  try {
    runs = await readNumbers([resolve(file)], options ?? {});
  } catch (error) {
    if (error instanceof ImportError) throw new CliError(error.message);
    throw error;
  }
  const chosen = model === undefined ? runs : runs.filter((run) => run.summary.model === model);
  if (chosen.length === 0) throw new CliError(`candor recalibrate: ${file} has no run for model "${model}" (models: ${runs.map((r) => r.summary.model ?? '(none)').join(', ')})`);
  return chosen;
}

/** The engine's refusal (degenerate input) as the CLI's error, naming the run. */
async function refusedAs<T>(what: string, work: Promise<T>): Promise<T> {
  try {
    return await work;
  } catch (error) {
    if (error instanceof ComputeRefused) throw new CliError(`${what}: ${error.message}`);
    throw error;
  }
}

async function fit(args: string[], io: CliIo): Promise<number> {
  const { values, positionals } = parseArgs({
    args,
    options: {
      method: { type: 'string' },
      out: { type: 'string' },
      folds: { type: 'string' },
      seed: { type: 'string' },
      bins: { type: 'string' },
      model: { type: 'string' },
      name: { type: 'string' },
      option: { type: 'string', multiple: true },
    },
    allowPositionals: true,
  });
  if (positionals.length !== 1) throw new CliError('candor recalibrate fit: give exactly one run file', 2);
  const method = values.method as RecalibrationMethod | undefined;
  if (!method || !RECALIBRATION_METHODS.includes(method)) {
    throw new CliError(`candor recalibrate fit: --method must be one of ${RECALIBRATION_METHODS.join(', ')}`, 2);
  }
  const runs = await fileRuns(positionals[0]!, readerOptions(values.option), values.model);
  if (runs.length > 1) {
    throw new CliError(`candor recalibrate fit: ${positionals[0]} holds ${runs.length} runs (models ${runs.map((r) => r.summary.model).join(', ')}); choose one with --model`);
  }
  const { summary: run, columns } = runs[0]!;
  const settings = Object.fromEntries(
    Object.entries({ folds: int(values.folds, '--folds'), seed: int(values.seed, '--seed'), nBins: int(values.bins, '--bins') }).filter(([, v]) => v !== undefined),
  );
  // The app's own task (recalibration/save fits the same way), its bootstrap on both cores.
  const report = await refusedAs('candor recalibrate fit', computeClient().recalibrationFit({ columns, method, settings }));
  const record = mapRecord(run, method, values.name, report, candorVersion());
  const doc: MapDocument = { schema: MAP_SCHEMA, name: record.name, method, params: record.params, settings: record.settings, provenance: record.provenance, crossFit: record.crossFit };
  const text = JSON.stringify(doc, null, 2);
  if (values.out) {
    writeFileSync(values.out, `${text}\n`);
    io.out(`${doc.name}: fitted on ${doc.provenance.items.n} attempted items with a confidence of ${run.name}`);
    io.out(`cross-fitted (${doc.settings.folds} folds, seed ${doc.settings.seed}), 95% bootstrap intervals:`);
    for (const line of metricLines(doc.crossFit)) io.out(line);
    io.out(`map written to ${values.out}`);
  } else io.out(text);
  return 0;
}

function readMap(path: string): MapDocument {
  let raw: unknown;
  try {
    raw = JSON.parse(readFileSync(path, 'utf8'));
  } catch (error) {
    throw new CliError(`candor recalibrate apply: ${path} is not a readable JSON file (${error instanceof Error ? error.message : String(error)})`);
  }
  const parsed = mapDocumentSchema.safeParse(raw);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    throw new CliError(`candor recalibrate apply: ${path}:${issue.path.join('.') || '(top)'}: ${issue.message} (expected a ${'candor.recalibration-map/v1'} file from \`candor recalibrate fit\`)`);
  }
  return parsed.data as unknown as MapDocument;
}

function applyJson(run: RunSummary, report: ApplyReport) {
  return { run: { name: run.name, model: run.model, task: run.task, source_path: run.sourcePath }, items: report.items, warnings: report.warnings, metrics: report.metrics, rescoring: report.rescoring.rows };
}

async function apply(args: string[], io: CliIo): Promise<number> {
  const { values, positionals } = parseArgs({
    args,
    options: { json: { type: 'boolean' }, model: { type: 'string' }, option: { type: 'string', multiple: true } },
    allowPositionals: true,
  });
  if (positionals.length < 2) throw new CliError('candor recalibrate apply: give a map file and at least one run file', 2);
  const [mapPath, ...files] = positionals as [string, ...string[]];
  const doc = readMap(mapPath);
  const results: Array<ReturnType<typeof applyJson>> = [];
  for (const file of files) {
    for (const { summary: run, columns } of await fileRuns(file, readerOptions(values.option), values.model)) {
      // The app's own task, in the compute worker, its bootstrap on both cores.
      const report: ApplyReport = await refusedAs(
        `candor recalibrate apply: ${run.name}`,
        computeClient().recalibrationApply({ columns, params: doc.params as MapParams, settings: {} }),
      );
      results.push(applyJson(run, report));
    }
  }
  if (values.json) {
    io.out(JSON.stringify({ schema: APPLY_SCHEMA, candor_version: candorVersion(), map: { name: doc.name, method: doc.method, params: doc.params, provenance: doc.provenance }, runs: results }, null, 2));
  } else {
    for (const r of results) {
      io.out(`${r.run.name}: ${doc.name} applied to ${r.items.n} attempted items with a confidence`);
      for (const line of metricLines(r.metrics)) io.out(line);
      io.out('  t      penalty  actual   answer iff stated > t   answer iff recalibrated > t');
      for (const row of r.rescoring) {
        io.out(`  ${row.t.toFixed(2).padEnd(6)} ${row.penalty.toFixed(2).padEnd(8)} ${fmt(row.actual).padEnd(8)} ${fmt(row.stated).padEnd(23)} ${fmt(row.recalibrated)}`);
      }
      for (const w of r.warnings) io.out(`  note: ${w}`);
    }
  }
  return 0;
}

export const recalibrateCommand: Command = {
  name: 'recalibrate',
  usage: USAGE,
  async run(args, io) {
    const [sub, ...rest] = args;
    if (sub === 'fit') return fit(rest, io);
    if (sub === 'apply') return apply(rest, io);
    throw new CliError(`candor recalibrate: expected "fit" or "apply", got ${sub === undefined ? 'nothing' : `"${sub}"`}`, 2);
  },
};
