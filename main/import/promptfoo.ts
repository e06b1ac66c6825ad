import type { Outcome } from '../../shared/domain.ts';
import { ImportError, type ImportedItem, type ReadOptions, type ReaderSummary, type RunFileReader } from './types.ts';
import type { Detector } from './types.ts';
import { displayName } from './lines.ts';
import { readJsonPieces } from './json-stream.ts';

export interface PromptfooReadOptions extends ReadOptions {
  /** Assertion types that measure the call, not the answer; default latency and cost. */
  operationalAssertions?: readonly string[];
  /** Cap on one result object, in bytes; default 64 MiB. */
  maxLineBytes?: number;
}

type Json = Record<string, unknown>;
const isObject = (value: unknown): value is Json => value !== null && typeof value === 'object' && !Array.isArray(value);

const OPERATIONAL = ['latency', 'cost'];
/** vars a test commonly names its expected answer with. */
const GOLD_VARS = ['expected', 'answer', 'gold', 'reference', 'target', 'ideal'];
const GOLD_ASSERTIONS = new Set(['equals', 'contains', 'icontains', 'starts-with', 'contains-any', 'icontains-any', 'regex', 'similar']);

export function promptfooReader(path: string, options: PromptfooReadOptions = {}): RunFileReader {
  const file = displayName(path);
  const operational = new Set(options.operationalAssertions ?? OPERATIONAL);
  let summary: ReaderSummary | null = null;

  async function* items(): AsyncGenerator<ImportedItem> {
    const header: Json = {};
    const promptsPerProvider = new Map<string, number>();
    const seen = new Map<string, number>();
    let count = 0;
    // `promptfoo eval -o` nests the rows at results.results (v3+); older exports put them at results.
    for await (const pieces of readJsonPieces(path, { ...options, streamKeys: ['results', 'results.results'] })) {
      for (const piece of pieces) {
        if (piece.kind === 'value') {
          header[String(piece.key)] = piece.value;
          if ((piece.key === 'results.prompts' || piece.key === 'prompts') && Array.isArray(piece.value)) {
            for (const prompt of piece.value.filter(isObject)) {
              const provider = String(prompt.provider ?? '');
              promptsPerProvider.set(provider, (promptsPerProvider.get(provider) ?? 0) + 1);
            }
          }
          continue;
        }
        const where = { file, line: piece.line, field: `${piece.parent}[${piece.index}]` };
        if (!isObject(piece.value)) throw new ImportError('invalid-result', 'the result is not a JSON object (expected a promptfoo EvaluateResult)', where);
        const item = resultToItem(piece.value, piece.line, operational, promptsPerProvider);
        const unique = `${item.model ?? ''}\u0000${item.key}`;
        const first = seen.get(unique);
        if (first !== undefined) {
          throw new ImportError('duplicate-key', `test ${item.key} of provider ${item.model ?? '(none)'} appears twice (first on line ${first})`, where);
        }
        seen.set(unique, piece.line);
        count += 1;
        yield item;
      }
    }
    if (count === 0) throw new ImportError('empty-file', 'no results to import (expected the output of `promptfoo eval -o results.json`)', { file });
    const config = isObject(header.config) ? header.config : {};
    const meta = isObject(header.metadata) ? header.metadata : {};
    summary = {
      format: 'promptfoo',
      formatVersion: header['results.version'] !== undefined ? String(header['results.version']) : null,
      confidenceScale: 'unit',
      model: null,
      task: typeof config.description === 'string' ? config.description : null,
      metadata: {
        evalId: header.evalId ?? null,
        timestamp: header['results.timestamp'] ?? null,
        promptfooVersion: meta.promptfooVersion ?? null,
        operationalAssertions: [...operational],
      },
    };
  }

  return {
    items,
    summary() {
      if (summary === null) throw new Error('summary() is valid once items() has been fully consumed');
      return summary;
    },
  };
}

function providerName(provider: unknown): string | null {
  if (typeof provider === 'string') return provider;
  if (!isObject(provider)) return null;
  if (typeof provider.label === 'string' && provider.label !== '') return provider.label;
  return typeof provider.id === 'string' ? provider.id : null;
}

function assertionType(component: Json): string {
  return isObject(component.assertion) && typeof component.assertion.type === 'string' ? component.assertion.type : '';
}

/** Correct when every quality assertion passed; latency and cost failures say nothing about the answer. */
export function qualityGrade(result: Json, operational: ReadonlySet<string>): Outcome | null {
  const grading = isObject(result.gradingResult) ? result.gradingResult : null;
  if (!grading) return null;
  const components = Array.isArray(grading.componentResults) ? grading.componentResults.filter(isObject) : [];
  if (components.length > 0) {
    const quality = components.filter((c) => !operational.has(assertionType(c)));
    if (quality.length === 0) return null;
    return quality.every((c) => c.pass === true) ? 'correct' : 'incorrect';
  }
  // No breakdown: the overall pass is a quality verdict only if no operational assertion took part.
  const asserts = isObject(result.testCase) && Array.isArray(result.testCase.assert) ? result.testCase.assert.filter(isObject) : [];
  if (asserts.length === 0 || asserts.some((a) => operational.has(String(a.type)))) return null;
  return typeof grading.pass === 'boolean' ? (grading.pass ? 'correct' : 'incorrect') : null;
}

function goldOf(result: Json): string | null {
  const vars = isObject(result.vars) ? result.vars : {};
  for (const name of GOLD_VARS) if (typeof vars[name] === 'string') return vars[name] as string;
  const asserts = isObject(result.testCase) && Array.isArray(result.testCase.assert) ? result.testCase.assert.filter(isObject) : [];
  const reference = asserts.find((a) => GOLD_ASSERTIONS.has(String(a.type)) && typeof a.value === 'string');
  return reference ? (reference.value as string) : null;
}

function resultToItem(result: Json, line: number, operational: ReadonlySet<string>, promptsPerProvider: Map<string, number>): ImportedItem {
  const model = providerName(result.provider);
  const providerId = isObject(result.provider) ? String(result.provider.id ?? '') : String(result.provider ?? '');
  const testIdx = result.testIdx ?? line;
  // Several prompt templates against one provider would repeat a test index within the run.
  const key = (promptsPerProvider.get(providerId) ?? 1) > 1 ? `${String(testIdx)}/p${String(result.promptIdx)}` : String(testIdx);
  const prompt = isObject(result.prompt) && typeof result.prompt.raw === 'string' ? result.prompt.raw : typeof result.prompt === 'string' ? result.prompt : '';
  const output = isObject(result.response) ? result.response.output : undefined;
  const answer = typeof output === 'string' ? output : output === undefined || output === null ? '' : JSON.stringify(output);
  const grading = isObject(result.gradingResult) ? result.gradingResult : {};
  const components = Array.isArray(grading.componentResults) ? grading.componentResults.filter(isObject) : [];
  const extra: Json = {
    id: result.id ?? null,
    testIdx: result.testIdx ?? null,
    promptIdx: result.promptIdx ?? null,
    vars: result.vars ?? {},
    success: result.success ?? null,
    score: result.score ?? null,
    latencyMs: result.latencyMs ?? null,
    cost: result.cost ?? null,
    assertions: components.map((c) => ({ type: assertionType(c), pass: c.pass ?? null, score: c.score ?? null, reason: c.reason ?? null })),
  };
  if (result.error) extra.error = result.error;
  if (isObject(result.namedScores) && Object.keys(result.namedScores).length) extra.namedScores = result.namedScores;
  return {
    key,
    prompt,
    answer,
    gold: goldOf(result),
    grade: qualityGrade(result, operational),
    confidence: null,
    model,
    task: null,
    extra,
    line,
  };
}

/** An object opening with evalId, or whose head shows promptfoo's result fields. */
export const detectPromptfoo: Detector = (s) => {
  const reader = (path: string, options?: ReadOptions) => promptfooReader(path, options);
  if (/^\s*\{\s*"evalId"\s*:/.test(s.text)) return { format: 'promptfoo', reader };
  if (/^\s*\{/.test(s.text) && /"gradingResult"\s*:/.test(s.text) && /"promptIdx"\s*:/.test(s.text)) return { format: 'promptfoo', reader };
  return null;
};
