// science.md section 6: the published SimpleQA comparison, read from the bundled
// example CSVs through the generic importer.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { genericReader } from '../../../main/import/generic.ts';
import { buildLeaderboard, parseRubric, thresholdSweep, type RunInput } from '../../../shared/rubrics/index.ts';

const DIR = join(import.meta.dirname, '../../../assets/examples');
const CODE = { correct: 1, incorrect: 2, abstained: 3 } as const;

async function load(file: string): Promise<RunInput> {
  const keys: string[] = [];
  const outcome: number[] = [];
  let model = '';
  for await (const item of genericReader(join(DIR, file)).items()) {
    keys.push(item.key);
    outcome.push(item.grade === null ? 0 : CODE[item.grade]);
    model = item.model ?? model;
  }
  return { runId: model, name: model, keys, columns: { outcome: Uint8Array.from(outcome), confidence: new Float64Array(keys.length).fill(NaN) } };
}

describe('SimpleQA: gpt-5-thinking-mini vs o4-mini', async () => {
  const mini = await load('simpleqa-gpt5-thinking-mini.csv');
  const o4 = await load('simpleqa-o4-mini.csv');
  const rubrics = ['binary', 't=0.5', 't=0.75', 'simpleqa-f'].map(parseRubric);
  const board = buildLeaderboard([mini, o4], { rubrics });

  it('imports 1000 items each with exactly the published outcome rates', () => {
    expect(board.rows.map((r) => [r.name, r.counts])).toEqual([
      ['gpt-5-thinking-mini', { correct: 220, incorrect: 260, abstained: 520 }],
      ['o4-mini', { correct: 240, incorrect: 750, abstained: 10 }],
    ]);
  });

  it('ranks o4-mini first on binary accuracy and gpt-5-thinking-mini first at t = 0.75 (-0.56 vs -2.01)', () => {
    const [m, o] = board.rows;
    expect([m!.cells[0]!.score, o!.cells[0]!.score]).toEqual([0.22, 0.24]);
    expect([m!.cells[0]!.rank, o!.cells[0]!.rank]).toEqual([2, 1]);
    expect(m!.cells[2]!.score).toBeCloseTo(-0.56, 12);
    expect(o!.cells[2]!.score).toBeCloseTo(-2.01, 12);
    expect([m!.cells[2]!.rank, o!.cells[2]!.rank]).toEqual([1, 2]);
    expect(m!.cells[1]!.score).toBeCloseTo(-0.04, 12);
    expect(o!.cells[1]!.score).toBeCloseTo(-0.51, 12);
    // SimpleQA F = 2C / (N + C + I): 440/1480 vs 480/1990
    expect(m!.cells[3]!.score).toBeCloseTo(440 / 1480, 12);
    expect(o!.cells[3]!.score).toBeCloseTo(480 / 1990, 12);
  });

  it('flags the flip, and it is beyond bootstrap noise while the binary gap is not', () => {
    expect(board.rows.map((r) => r.cells.map((c) => c.flip))).toEqual([[false, true, true, true], [false, true, true, true]]);
    expect(board.reversals.find((r) => r.rubricId === 't=0.75')).toEqual({ rubricId: 't=0.75', ahead: 'gpt-5-thinking-mini', behind: 'o4-mini', distinguishable: true });
    const pair = board.pairs[0]!;
    expect(pair.shared).toBe(1000);
    expect(pair.byRubric[2]!.diff).toBeCloseTo(1.45, 12);
    expect(pair.byRubric[0]!.diff).toBeCloseTo(-0.02, 12);
    expect(pair.byRubric[0]!.distinguishable).toBe(false);
  });

  it('puts the crossover at t = 2/51: any wrong-answer penalty above 2/49 favours the abstainer', () => {
    const sweep = thresholdSweep([mini, o4], { resamples: 100 });
    expect(sweep.crossovers).toHaveLength(1);
    expect(sweep.crossovers[0]!.t).toBeCloseTo(2 / 51, 14);
    expect([sweep.crossovers[0]!.leaderBelow, sweep.crossovers[0]!.leaderAbove]).toEqual(['o4-mini', 'gpt-5-thinking-mini']);
  });

  it('is what the committed generator script writes', () => {
    const out = mkdtempSync(join(tmpdir(), 'candor-simpleqa-'));
    try {
      execFileSync(process.execPath, [join(DIR, 'make-simpleqa-examples.mjs'), out]);
      for (const f of ['simpleqa-gpt5-thinking-mini.csv', 'simpleqa-o4-mini.csv']) {
        expect(readFileSync(join(out, f), 'utf8')).toBe(readFileSync(join(DIR, f), 'utf8'));
      }
    } finally {
      rmSync(out, { recursive: true, force: true });
    }
  });
});
