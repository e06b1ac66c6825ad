// Each reader on the real files its framework wrote, version by version.
import { cpSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { detectFormat } from '../../../main/import/detect.ts';
import { lmEvalReader } from '../../../main/import/lm-eval.ts';
import { lmEvalV03Reader } from '../../../main/import/lm-eval-v03.ts';
import { namesFromFileName } from '../../../main/import/lm-eval-context.ts';
import { helmReader } from '../../../main/import/helm.ts';
import { lightevalReader } from '../../../main/import/lighteval.ts';
import { deepevalReader } from '../../../main/import/deepeval.ts';
import { softmaxAt } from '../../../main/import/metric-grades.ts';
import { fixture, importError, readAll } from './helpers.ts';

const real = (...parts: string[]) => fixture('formats', 'real', ...parts);
const QNLI = real('lmeval040_qnli', '_qnli.jsonl');
const BOOLQ = real('lmeval040_boolq_seq2seq', '_boolq-seq2seq.jsonl');
const WMDP = real('lmeval042_wmdp_bio_gpt35', 'model__gpt-3.5-turbo-0125_wmdp_bio.jsonl');
const WINOGRANDE = real('lmeval03_winogrande_trimmed', 'winogrande_write_out_info.json');
const ANLI = real('lighteval013_details', 'details_anli:r1|0_2026-08-10T17-22-11.385681.parquet');
const HELM = real('helm_bbq_gpt4_0125');
const DEEPEVAL = fixture('formats', 'deepeval', 'beeai-framework', '.deepeval', '.latest_test_run.json');

const tally = (grades: Array<string | null>) => grades.reduce<Record<string, number>>((acc, g) => ({ ...acc, [g ?? 'none']: (acc[g ?? 'none'] ?? 0) + 1 }), {});

let dir: string;
beforeAll(() => (dir = mkdtempSync(join(tmpdir(), 'candor-real-'))));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('lm-eval early v0.4 (the 2023 refactor)', () => {
  it('multiple choice with ONE argument pair: grade from acc, confidence the softmax of the per-choice loglikelihoods', async () => {
    const { items, summary } = await readAll(lmEvalReader(QNLI));
    expect(items).toHaveLength(16);
    expect(tally(items.map((i) => i.grade))).toEqual({ correct: 7, incorrect: 9 });
    // Row 0: loglikelihoods -2.6239 ("yes") and -0.1519 ("no"): the model chose choice 1.
    expect(items[0]!.confidence).toBeCloseTo(softmaxAt([-2.623875617980957, -0.15189073979854584], 1), 12);
    expect(items[0]!.answer).toBe('choice 1');
    const mean = items.reduce((sum, i) => sum + i.confidence!, 0) / items.length;
    expect(mean).toBeCloseTo(0.69424, 5);
    expect(summary).toMatchObject({ format: 'lm-eval', model: null, task: 'qnli' });
  });

  it('a generative task: grade from exact_match by name, no confidence', async () => {
    const reader = lmEvalReader(BOOLQ);
    const { items } = await readAll(reader);
    expect(tally(items.map((i) => i.grade))).toEqual({ incorrect: 16 });
    expect(items.every((i) => i.confidence === null)).toBe(true);
    expect([items[0]!.answer, items[0]!.gold]).toEqual([' no', 'no']);
    expect(reader.notes!()).toContain('Grade from the per-sample metric "exact_match".');
  });

  it('a metric the user names must be 0/1: lm-eval refuses another with file:line:field', async () => {
    const path = join(dir, '_score.jsonl');
    const row = (id: number, score: number) => JSON.stringify({ doc_id: id, target: 'x', arguments: ['Q', { until: ['\n'] }], resps: [['y']], filtered_resps: ['y'], score });
    writeFileSync(path, `${row(0, 0)}\n${row(1, 1)}\n${row(2, 37.5)}\n`);
    // By default a continuous score grades nothing, even where it is 0 or 1.
    const reader = lmEvalReader(path);
    const { items } = await readAll(reader);
    expect(items.map((i) => i.grade)).toEqual([null, null, null]);
    expect(reader.notes!()[0]).toContain('No grade found: the metrics in the file (score)');
    expect(reader.choices!().metric).toEqual({ label: 'grade from metric', options: ['score'], value: null });
    const error = await importError(lmEvalReader(path, { metric: 'score' }));
    expect(error.message).toBe('_score.jsonl:3:score: 37.5 is not 0 or 1, so "score" cannot grade (choose a 0/1 metric, or none)');
  });
});

describe('lm-eval 0.4.2', () => {
  it('an indented JSON array named .jsonl, the model from config.model_args in results.json', async () => {
    const reader = lmEvalReader(WMDP);
    const { items, summary } = await readAll(reader);
    expect(items).toHaveLength(100);
    expect(tally(items.map((i) => i.grade))).toEqual({ correct: 100 });
    expect(summary).toMatchObject({ model: 'gpt-3.5-turbo-0125', task: 'wmdp_bio' });
    expect(items[0]!.line).toBe(2);
    expect(reader.notes!()).toContain('Model "gpt-3.5-turbo-0125" from the results file results.json.');
  });

  it('rows repeated once per filter without naming it take the filter names the results file lists', async () => {
    const sub = join(dir, 'filters');
    cpSync(real('lmeval042_wmdp_bio_gpt35'), sub, { recursive: true });
    const rows = [0, 1, 0, 1].map((id, n) => ({ doc_id: id, target: 'A', arguments: [['Q', {}]], resps: [['A']], filtered_resps: ['A'], exact_match: n < 2 ? 1 : 0 }));
    writeFileSync(join(sub, 'model__gpt-3.5-turbo-0125_wmdp_bio.jsonl'), JSON.stringify(rows, null, 2));
    const results = JSON.parse(await import('node:fs').then((fs) => fs.readFileSync(join(sub, 'results.json'), 'utf8')));
    results.results.wmdp_bio = { 'exact_match,strict-match': 0.5, 'exact_match,flexible-extract': 0.5 };
    writeFileSync(join(sub, 'results.json'), JSON.stringify(results));
    const strict = await readAll(lmEvalReader(join(sub, 'model__gpt-3.5-turbo-0125_wmdp_bio.jsonl')));
    expect(strict.items.map((i) => [i.key, i.grade, i.extra.filter])).toEqual([['0', 'correct', null], ['1', 'correct', null]]);
    expect(strict.summary.metadata.filters).toEqual(['strict-match', 'flexible-extract']);
    const flexible = await readAll(lmEvalReader(join(sub, 'model__gpt-3.5-turbo-0125_wmdp_bio.jsonl'), { filter: 'flexible-extract' }));
    expect(flexible.items.map((i) => i.grade)).toEqual(['incorrect', 'incorrect']);
  });
});

describe('lm-eval 0.3 --write_out', () => {
  it('grade from acc ("True"/"False"), confidence the softmax of logit_0..k at the argmax', async () => {
    const reader = lmEvalV03Reader(WINOGRANDE);
    const { items, summary } = await readAll(reader);
    expect(items).toHaveLength(25);
    expect(tally(items.map((i) => i.grade))).toEqual({ correct: 18, incorrect: 7 });
    expect(items[0]!.confidence).toBeCloseTo(softmaxAt([-60.83873748779297, -58.82115173339844], 1), 12);
    expect(items.reduce((sum, i) => sum + i.confidence!, 0) / 25).toBeCloseTo(0.77379, 5);
    // truth 1 is the second option: the one the model chose.
    expect(items[0]!.answer).toBe(items[0]!.gold);
    expect(summary).toMatchObject({ formatVersion: '0.3', task: 'winogrande', model: null });
    expect((await detectFormat(WINOGRANDE))?.format).toBe('lm-eval');
  });
});

describe('lm-eval file names', () => {
  it('say the model and task where the rows do not', () => {
    expect(namesFromFileName('pretrained=EleutherAI__pythia-2.8b_winogrande.jsonl')).toEqual({ model: 'EleutherAI/pythia-2.8b', task: 'winogrande' });
    expect(namesFromFileName('pretrained__EleutherAI__pythia-160m,dtype__float32_arc_easy.jsonl')).toEqual({ model: 'EleutherAI/pythia-160m', task: 'arc_easy' });
    expect(namesFromFileName('model__gpt-3.5-turbo-0125_wmdp_bio.jsonl')).toEqual({ model: 'gpt-3.5-turbo-0125', task: 'wmdp_bio' });
    expect(namesFromFileName('model__gpt-3.5-turbo-0125_wmdp_bio.jsonl', ['wmdp_bio', 'wmdp'])).toEqual({ model: 'gpt-3.5-turbo-0125', task: 'wmdp_bio' });
    expect(namesFromFileName('_qnli.jsonl')).toEqual({ model: null, task: 'qnli' });
    expect(namesFromFileName('samples_arc_easy_2024-05-01T10-00-00.000001.jsonl')).toEqual({ model: null, task: 'arc_easy' });
    expect(namesFromFileName('winogrande_write_out_info.json')).toEqual({ model: null, task: 'winogrande' });
  });
});

describe('HELM (2024-06 run folder)', () => {
  it('scenario_state.json: 45 correct, 5 incorrect, and no confidence because every logprob is 0.0', async () => {
    const reader = helmReader(HELM);
    const { items, summary } = await readAll(reader);
    expect(items).toHaveLength(50);
    expect(tally(items.map((i) => i.grade))).toEqual({ correct: 45, incorrect: 5 });
    expect(items.every((i) => i.confidence === null)).toBe(true);
    expect(summary).toMatchObject({ model: 'openai/gpt-4-0125-preview', formatVersion: 'scenario_state' });
    expect(reader.notes!().join(' ')).toContain('every logprob in this run is 0.0');
  });

  it('the display_* layout without scenario_state.json reads the same run', async () => {
    const sub = join(dir, 'display');
    cpSync(HELM, sub, { recursive: true });
    rmSync(join(sub, 'scenario_state.json'));
    expect((await detectFormat(sub))?.format).toBe('helm');
    const fromState = await readAll(helmReader(HELM));
    const fromDisplay = await readAll(helmReader(sub));
    expect(fromDisplay.summary.formatVersion).toBe('display');
    expect(fromDisplay.items.map((i) => [i.key, i.answer, i.gold, i.grade, i.confidence])).toEqual(
      fromState.items.map((i) => [i.key, i.answer, i.gold, i.grade, i.confidence]),
    );
    expect(fromDisplay.items[0]!.prompt).toBe(fromState.items[0]!.prompt);
  });

  it('where the chosen letter\'s token logprob is real, its probability is the confidence', async () => {
    const sub = join(dir, 'real-logprobs');
    cpSync(HELM, sub, { recursive: true });
    rmSync(join(sub, 'per_instance_stats.json'));
    const fs = await import('node:fs');
    const state = JSON.parse(fs.readFileSync(join(sub, 'scenario_state.json'), 'utf8'));
    // The completion logprob stays 0.0 (as providers write it); the token's is real.
    state.request_states[0].result.completions[0].tokens[0].logprob = Math.log(0.8);
    fs.writeFileSync(join(sub, 'scenario_state.json'), JSON.stringify(state));
    const { items } = await readAll(helmReader(sub));
    expect(items[0]!.confidence).toBeCloseTo(0.8, 12);
    // The rest of the run's tokens really were certain: probability 1.
    expect(items[1]!.confidence).toBe(1);
  });
});

describe('lighteval 0.13 details parquet', () => {
  it('multiple choice: answer and confidence from the per-choice logprobs, grade from acc, model from the results file', async () => {
    const { items, summary } = await readAll(lightevalReader(ANLI));
    expect(items.map((i) => [i.key, i.answer, i.gold, i.grade])).toEqual([['776', 'Neither', 'False', 'incorrect'], ['507', 'True', 'False', 'incorrect']]);
    expect(items[0]!.confidence).toBeCloseTo(softmaxAt([-0.6394267985, -0.0250107552, -0.2750293184], 1), 9);
    expect(items[1]!.confidence).toBeCloseTo(softmaxAt([-0.2232107381, -0.7364712142, -0.6766994874], 0), 9);
    expect(summary).toMatchObject({ format: 'lighteval', model: 'eee-smoke/dummy-model', task: 'anli:r1|0' });
    expect((await detectFormat(ANLI))?.format).toBe('lighteval');
  });

  it('finds the results file up the output folder, as lighteval lays them out', async () => {
    const out = join(dir, 'lighteval-out');
    const details = join(out, 'details', 'eee-smoke', 'dummy-model', '2026-08-10T17-22-11.385681');
    const results = join(out, 'results', 'eee-smoke', 'dummy-model');
    cpSync(ANLI, join(details, 'details_anli:r1|0_2026-08-10T17-22-11.385681.parquet'));
    cpSync(real('lighteval013_details', 'results_2026-08-10T17-22-11.385681.json'), join(results, 'results_2026-08-10T17-22-11.385681.json'));
    const { summary } = await readAll(lightevalReader(join(details, 'details_anli:r1|0_2026-08-10T17-22-11.385681.parquet')));
    expect(summary.model).toBe('eee-smoke/dummy-model');
  });
});

describe('DeepEval (.deepeval/.latest_test_run.json from beeai-framework)', () => {
  it('one item per test case; with nine metrics no grade until one is chosen, then its success grades', async () => {
    expect((await detectFormat(DEEPEVAL))?.format).toBe('deepeval');
    const unchosen = deepevalReader(DEEPEVAL);
    const { items } = await readAll(unchosen);
    expect(items.map((i) => [i.key, i.answer, i.gold, i.grade, i.confidence])).toEqual([
      ['test_case_0', "Arthur's Magazine", "Arthur's Magazine", null, null],
      ['test_case_1', 'New Delhi', 'Delhi', null, null],
    ]);
    expect(unchosen.notes!()[0]).toContain('No grade chosen: the run has 9 metrics');
    const exact = await readAll(deepevalReader(DEEPEVAL, { metric: 'Exact Match' }));
    expect(exact.items.map((i) => i.grade)).toEqual(['correct', 'incorrect']);
    expect(exact.items[1]!.extra.metrics).toMatchObject({ 'Exact Match': { score: 0, threshold: 1, success: false } });
    const judged = await readAll(deepevalReader(DEEPEVAL, { metric: 'AnswerLLMJudgeMetric' }));
    expect(judged.items.map((i) => i.grade)).toEqual(['correct', 'correct']);
    const whole = await readAll(deepevalReader(DEEPEVAL, { metric: 'test case' }));
    expect(whole.items.map((i) => i.grade)).toEqual(['incorrect', 'incorrect']);
  });
});
