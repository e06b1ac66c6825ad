// DeepEval test runs: .deepeval/.latest_test_run.json ({testRunData: TestRun}),
// .deepeval/.latest_run_full.json and DEEPEVAL_RESULTS_FOLDER's
// test_run_<time>.json (the TestRun itself). One item per test case; the grade
// is a chosen metric's own `success` verdict (DeepEval compares its score to
// its threshold), the score kept beside it. A metric score is the judge's, not
// the model's confidence, so no confidence is read.
import { basename } from 'node:path';
import type { Outcome } from '../../shared/domain.ts';
import { ImportError, type ImportedItem, type ReadOptions, type ReaderChoice, type ReaderSummary, type RunFileReader } from './types.ts';
import type { Detector } from './types.ts';
import { displayName } from './lines.ts';
import { readJsonPieces } from './json-stream.ts';

export interface DeepevalReadOptions extends ReadOptions {
  /** The metric whose success grades; default the only metric when there is one. "test case" uses the test case's own success (every metric passed). */
  metric?: string;
  maxLineBytes?: number;
}

type Json = Record<string, unknown>;
const isObject = (value: unknown): value is Json => value !== null && typeof value === 'object' && !Array.isArray(value);

/** DeepEval writes camelCase aliases; a run saved by hand from evaluate() has snake_case. */
const field = (o: Json, camel: string, snake: string): unknown => (o[camel] !== undefined ? o[camel] : o[snake]);

const TEST_CASE = 'test case';

function text(value: unknown): string {
  if (typeof value === 'string') return value;
  return value === undefined || value === null ? '' : JSON.stringify(value);
}

export function deepevalReader(path: string, options: DeepevalReadOptions = {}): RunFileReader {
  const file = displayName(path);
  const chosen = typeof options.metric === 'string' && options.metric !== '' ? options.metric : null;
  let summary: ReaderSummary | null = null;
  const metricNames: string[] = [];
  let metric: string | null = chosen;
  let missing = 0;
  let count = 0;
  const run: Json = {};
  const pending: Array<{ value: Json; line: number; conversational: boolean }> = [];

  function toItem(testCase: Json, line: number, index: number, conversational: boolean): ImportedItem {
    const metricsData = field(testCase, 'metricsData', 'metrics_data');
    const metrics = Array.isArray(metricsData) ? metricsData.filter(isObject) : [];
    let grade: Outcome | null = null;
    if (metric === TEST_CASE) {
      grade = typeof testCase.success === 'boolean' ? (testCase.success ? 'correct' : 'incorrect') : null;
    } else if (metric !== null) {
      const data = metrics.find((m) => m.name === metric);
      grade = data && typeof data.success === 'boolean' ? (data.success ? 'correct' : 'incorrect') : null;
    }
    if (metric !== null && grade === null) missing += 1;
    const turns = Array.isArray(testCase.turns) ? testCase.turns.filter(isObject) : [];
    const prompt = conversational ? turns.filter((t) => t.role === 'user').map((t) => text(t.content)).join('\n\n') : text(testCase.input);
    const answer = conversational ? turns.filter((t) => t.role === 'assistant').map((t) => text(t.content)).join('\n\n') : text(field(testCase, 'actualOutput', 'actual_output'));
    const expected = field(testCase, 'expectedOutput', 'expected_output') ?? field(testCase, 'expectedOutcome', 'expected_outcome');
    const scores: Json = {};
    for (const m of metrics) scores[String(m.name)] = { score: m.score ?? null, threshold: m.threshold ?? null, success: m.success ?? null, reason: m.reason ?? null, evaluationModel: field(m, 'evaluationModel', 'evaluation_model') ?? null };
    return {
      key: typeof testCase.name === 'string' && testCase.name !== '' ? testCase.name : `test_case_${index}`,
      prompt,
      answer,
      gold: expected === undefined || expected === null ? null : text(expected),
      grade,
      confidence: null,
      model: null,
      task: null,
      extra: {
        metrics: scores,
        success: testCase.success ?? null,
        order: testCase.order ?? null,
        context: testCase.context ?? null,
        retrievalContext: field(testCase, 'retrievalContext', 'retrieval_context') ?? null,
        tags: testCase.tags ?? null,
        metadata: testCase.metadata ?? null,
      },
      line,
    };
  }

  async function* items(): AsyncGenerator<ImportedItem> {
    // Test cases are streamed; the run's other fields (hyperparameters, testFile) are small.
    const streamKeys = ['testRunData.testCases', 'testRunData.conversationalTestCases', 'testCases', 'conversationalTestCases', 'test_cases', 'test_results'];
    for await (const pieces of readJsonPieces(path, { ...options, streamKeys })) {
      for (const piece of pieces) {
        if (piece.kind === 'value') {
          run[String(piece.key).replace(/^testRunData\./, '')] = piece.value;
          continue;
        }
        if (!isObject(piece.value)) throw new ImportError('not-an-object', 'the test case is not a JSON object', { file, line: piece.line, field: piece.parent });
        const metricsData = field(piece.value, 'metricsData', 'metrics_data');
        for (const m of Array.isArray(metricsData) ? metricsData.filter(isObject) : []) {
          if (typeof m.name === 'string' && !metricNames.includes(m.name)) metricNames.push(m.name);
        }
        pending.push({ value: piece.value, line: piece.line, conversational: /conversational/i.test(piece.parent) });
      }
    }
    // One metric grades without asking; with several, the user says which (a test case passes only if all do).
    if (metric === null && metricNames.length === 1) metric = metricNames[0]!;
    const seen = new Map<string, number>();
    for (const [index, { value, line, conversational }] of pending.entries()) {
      const item = toItem(value, line, index, conversational);
      const first = seen.get(item.key);
      if (first !== undefined) item.key = `${item.key}#${index}`;
      seen.set(item.key, line);
      count += 1;
      yield item;
    }
    if (count === 0) throw new ImportError('empty-file', 'the test run has no test cases', { file });
    const hyper = isObject(run.hyperparameters) ? run.hyperparameters : {};
    const model = [hyper.model, hyper.Model, hyper.model_name].find((v): v is string => typeof v === 'string' && v !== '') ?? null;
    summary = {
      format: 'deepeval',
      formatVersion: null,
      confidenceScale: 'unit',
      model,
      task: typeof run.testFile === 'string' ? run.testFile : typeof run.identifier === 'string' ? run.identifier : null,
      metadata: { metric, metrics: metricNames, hyperparameters: run.hyperparameters ?? null, notes: notes() },
    };
  }

  function notes(): string[] {
    const out: string[] = [];
    if (metric === TEST_CASE) out.push('Grade from each test case\'s own success: correct only when every metric passed.');
    else if (metric !== null) out.push(`Grade from the metric "${metric}"'s success (its score against its threshold); every metric's score is kept with the item.`);
    else if (metricNames.length > 1) out.push(`No grade chosen: the run has ${metricNames.length} metrics (${metricNames.join(', ')}). Choose the one whose success grades, or "${TEST_CASE}" for all of them.`);
    else out.push('No grade found: the test cases carry no metric results.');
    if (metric !== null && missing > 0) out.push(`${missing} test case${missing === 1 ? ' has' : 's have'} no result for it: left ungraded.`);
    out.push('No confidence: a DeepEval score is the judge\'s, not a probability the model stated.');
    return out;
  }

  return {
    items,
    notes,
    choices(): Record<string, ReaderChoice> {
      return metricNames.length ? { metric: { label: 'grade from metric', options: [...metricNames, TEST_CASE], value: metric } } : {};
    },
    summary() {
      if (summary === null) throw new Error('summary() is valid once items() has been fully consumed');
      return summary;
    },
  };
}

/** .latest_test_run.json / test_run_*.json by name, or a head with DeepEval's TestRun keys. */
export const detectDeepeval: Detector = (s) => {
  if (s.isDirectory) return null;
  const reader = (path: string, options?: ReadOptions & Record<string, unknown>) => deepevalReader(path, options);
  const name = basename(s.path);
  const head = s.text.slice(0, 64 * 1024);
  if (!/^\s*\{/.test(head)) return null;
  if (/^\{\s*"testRunData"\s*:/.test(head.trimStart())) return { format: 'deepeval', reader };
  const named = name === '.latest_test_run.json' || name === '.latest_run_full.json' || /^test_run_.*\.json$/.test(name);
  if ((named || /"testFile"\s*:/.test(head)) && /"(testCases|conversationalTestCases)"\s*:/.test(head) && /"metricsData"|"metricsScores"/.test(s.text)) {
    return { format: 'deepeval', reader };
  }
  return null;
};
