// `candor compare`: the candor.compare/v1 document of docs/cli-json.md.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli } from '../../../main/cli/index.ts';
import { ROOT_DIR } from '../../../main/paths.ts';
import { tempDir } from '../../support/temp.ts';

async function cli(args: string[]) {
  const out: string[] = [];
  const err: string[] = [];
  const code = await runCli(args, { out: (t) => out.push(t), err: (t) => err.push(t) });
  return { code, out: out.join('\n'), err: err.join('\n') };
}

const EXAMPLES = ['simpleqa-gpt5-thinking-mini.csv', 'simpleqa-o4-mini.csv'].map((f) => join(ROOT_DIR, 'assets', 'examples', f));

describe('candor compare', () => {
  it('--json prints the leaderboard, intervals, the SimpleQA flip and paired differences', async () => {
    const { code, out, err } = await cli(['compare', ...EXAMPLES, '--rubric', 'binary', '--rubric', 't=0.75', '--rubric', 'custom:1,-2,0@0.75', '--seed', '7', '--resamples', '300', '--json']);
    expect(err).toBe('');
    expect(code).toBe(0);
    const doc = JSON.parse(out);
    expect(doc.schema).toBe('candor.compare/v1');
    expect(Object.keys(doc)).toEqual(['schema', 'candor_version', 'bootstrap', 'reference', 'rubrics', 'runs', 'flips', 'pairs', 'crossovers', 'warnings']);
    expect(doc.warnings).toEqual([]);
    expect(doc.bootstrap).toMatchObject({ resamples: 300, seed: 7, level: 0.95, union_size: 1000 });
    expect(doc.reference).toBe('binary');
    expect(doc.rubrics.map((r: { id: string }) => r.id)).toEqual(['binary', 't=0.75', 'custom:1,-2,0@0.75']);
    expect(doc.rubrics[2].implied_threshold).toBeCloseTo(2 / 3, 12);
    expect(doc.rubrics[2].warnings[0].code).toBe('stated-threshold-mismatch');

    const [mini, o4] = doc.runs;
    expect([mini.name, mini.model, o4.model]).toEqual(['simpleqa-gpt5-thinking-mini.csv', 'gpt-5-thinking-mini', 'o4-mini']);
    expect(mini.counts).toEqual({ correct: 220, incorrect: 260, abstained: 520, unlabeled: 0, graded: 1000, partial: 0 });
    expect(mini.scores.map((s: { rank: number }) => s.rank)).toEqual([2, 1, 1]);
    expect(o4.scores.map((s: { rank: number }) => s.rank)).toEqual([1, 2, 2]);
    expect(mini.scores[1].score).toBeCloseTo(-0.56, 12);
    expect(o4.scores[1].score).toBeCloseTo(-2.01, 12);
    // custom 1/-2/0: 0.22 - 2 * 0.26 and 0.24 - 2 * 0.75
    expect(mini.scores[2].score).toBeCloseTo(-0.3, 12);
    expect(o4.scores[2].score).toBeCloseTo(-1.26, 12);
    for (const run of doc.runs) {
      for (const s of run.scores) {
        expect(s.interval).toHaveLength(2);
        expect(s.interval[0]).toBeLessThanOrEqual(s.score);
        expect(s.interval[1]).toBeGreaterThanOrEqual(s.score);
      }
    }
    expect(mini.scores.map((s: { flip: boolean; rank_change: number }) => [s.flip, s.rank_change])).toEqual([[false, 0], [true, 1], [true, 1]]);
    expect(doc.flips).toContainEqual({ rubric: 't=0.75', ahead: { run: 0, name: mini.name }, behind: { run: 1, name: o4.name }, distinguishable: true });
    expect(doc.pairs).toHaveLength(1);
    expect(doc.pairs[0].shared).toBe(1000);
    expect(doc.pairs[0].differences[0].diff).toBeCloseTo(-0.02, 12);
    expect(doc.pairs[0].differences[0].distinguishable).toBe(false);
    expect(doc.pairs[0].differences[1].diff).toBeCloseTo(1.45, 12);
    expect(doc.pairs[0].differences[1].distinguishable).toBe(true);
    expect(doc.crossovers).toHaveLength(1);
    expect(doc.crossovers[0].t).toBeCloseTo(2 / 51, 14);
    expect(doc.crossovers[0].leader_above).toEqual({ run: 0, name: mini.name });
  });

  // Issue 13, item 6: t=0.75 and penalty=3 are one rubric; they used to give two columns with one id and every flip twice.
  it('gives rubrics equal by value one column, and each flip once', async () => {
    const { code, out } = await cli(['compare', ...EXAMPLES, '--rubric', 't=0.75', '--rubric', 'penalty=3', '--rubric', 'custom:1,-3,0', '--rubric', 'binary', '--rubric', 't=0', '--resamples', '30', '--json']);
    expect(code).toBe(0);
    const doc = JSON.parse(out);
    expect(doc.rubrics.map((r: { id: string }) => r.id)).toEqual(['t=0.75', 'binary']);
    expect(doc.runs[0].scores).toHaveLength(2);
    expect(doc.flips.filter((f: { rubric: string }) => f.rubric === 't=0.75')).toHaveLength(1);
    expect(doc.pairs[0].differences).toHaveLength(2);
  });

  it('is reproducible with a seed, and defaults to binary, t = 0.5, 0.75, 0.9', async () => {
    const first = JSON.parse((await cli(['compare', ...EXAMPLES, '--resamples', '50', '--seed', '1', '--json'])).out);
    const again = JSON.parse((await cli(['compare', ...EXAMPLES, '--resamples', '50', '--seed', '1', '--json'])).out);
    expect(again).toEqual(first);
    expect(first.rubrics.map((r: { id: string }) => r.id)).toEqual(['binary', 't=0.5', 't=0.75', 't=0.9']);
  });

  it('prints a readable table without --json', async () => {
    const { code, out } = await cli(['compare', ...EXAMPLES, '--rubric', 't=0.75', '--resamples', '20']);
    expect(code).toBe(0);
    expect(out).toContain('reference binary: #1 simpleqa-o4-mini.csv, #2 simpleqa-gpt5-thinking-mini.csv');
    expect(out).toMatch(/#1 {2}-0\.560 \[-\d\.\d{3}, -\d\.\d{3}\] {2}simpleqa-gpt5-thinking-mini\.csv {2}flip \+1/);
    expect(out).toContain('crossover at t = 0.039');
  });

  // Issue 15, item 4: runs of different tasks share no items; a leaderboard pairing them pairs nothing.
  it('warns when the runs share no graded item key, or few', async () => {
    const tmp = tempDir();
    try {
      const rows = (prefix: string, n: number) => Array.from({ length: n }, (_, i) => `${prefix}${i},q${i},a${i},${i % 2 ? 'correct' : 'incorrect'}`).join('\n');
      const mmlu = tmp.file('mmlu.csv', `id,question,answer,grade\n${rows('mmlu-', 40)}\n`);
      const gsm = tmp.file('gsm8k.csv', `id,question,answer,grade\n${rows('gsm-', 40)}\n`);
      const some = tmp.file('some.csv', `id,question,answer,grade\n${rows('mmlu-', 10)}\n${rows('other-', 30)}\n`);
      const apart = JSON.parse((await cli(['compare', mmlu, gsm, '--resamples', '20', '--json'])).out);
      expect(apart.pairs[0].shared).toBe(0);
      expect(apart.warnings).toEqual([
        { code: 'no-shared-items', a: { run: 0, name: 'mmlu.csv' }, b: { run: 1, name: 'gsm8k.csv' }, shared: 0, message: expect.stringContaining('share no graded item') },
      ]);
      const few = JSON.parse((await cli(['compare', mmlu, some, '--resamples', '20', '--json'])).out);
      expect(few.pairs[0].shared).toBe(10);
      expect(few.warnings).toMatchObject([{ code: 'few-shared-items', shared: 10 }]);
      expect(few.warnings[0].message).toContain('share only 10 graded items (of 40 graded items and 40 graded items)');
      const text = await cli(['compare', mmlu, gsm, '--resamples', '20']);
      expect(text.out).toContain('mmlu.csv and gsm8k.csv: 0 graded items in both');
      expect(text.out).toContain('warning: mmlu.csv and gsm8k.csv share no graded item');
    } finally {
      tmp.cleanup();
    }
  });

  it('--items lists the keys on which the runs\' verdicts differ, as the files state them', async () => {
    const { code, out } = await cli(['compare', ...EXAMPLES, '--rubric', 'binary', '--resamples', '20', '--items', '--json']);
    expect(code).toBe(0);
    const doc = JSON.parse(out);
    const grades = (file: string) =>
      new Map(readFileSync(file, 'utf8').trim().split('\n').slice(1).map((line) => [line.split(',')[0]!, line.split(',')[3]!] as const));
    const [mini, o4] = EXAMPLES.map(grades) as [Map<string, string>, Map<string, string>];
    const expected = [...mini.keys()].filter((key) => mini.get(key) !== o4.get(key)).map((key) => ({ key, outcomes: [mini.get(key), o4.get(key)] }));
    expect(expected.length).toBeGreaterThan(100);
    expect(doc.items).toEqual({ shared: 1000, in_all: 1000, only_in: [0, 0], disagree: expected });
    const text = (await cli(['compare', ...EXAMPLES, '--rubric', 'binary', '--resamples', '20', '--items'])).out;
    expect(text).toContain(`1000 item keys in two runs or more (1000 in every run); the runs' verdicts differ on ${expected.length}:`);
    expect(text).toContain(`  ${expected[0]!.key}\t${expected[0]!.outcomes.join('\t')}`);
  });

  it('refuses a bad rubric, a bad number and no files with usage errors', async () => {
    expect(await cli(['compare', ...EXAMPLES, '--rubric', 't=1'])).toMatchObject({ code: 2 });
    expect((await cli(['compare', ...EXAMPLES, '--rubric', 't=1'])).err).toContain('target must be in [0, 1)');
    expect(await cli(['compare', ...EXAMPLES, '--seed', 'x'])).toMatchObject({ code: 2 });
    expect(await cli(['compare'])).toMatchObject({ code: 2 });
    const tmp = tempDir();
    try {
      const bad = tmp.file('bad.csv', 'id,question,answer,grade\n1,q,a,maybe\n');
      const result = await cli(['compare', bad, '--json']);
      expect(result.code).toBe(1);
      expect(result.err).toContain('bad.csv:2:grade');
    } finally {
      tmp.cleanup();
    }
  });
});
