// `candor analyze --json --by FIELD`: each group's block equals what
// `candor analyze` prints for a file of that group's items alone, and a field
// one object down (Inspect's metadata.subject) is found by its plain name.
import { afterAll, describe, expect, it } from 'vitest';
import { runCli } from '../../../main/cli/index.ts';
import { tempDir } from '../../support/temp.ts';
import { HEADER, rows } from './dataset.ts';

import type { Json } from '../metrics/reference.ts';

async function analyze(args: string[]): Promise<{ json: Json; err: string }> {
  const out: string[] = [];
  const err: string[] = [];
  const code = await runCli(['analyze', ...args, '--json'], { out: (t) => out.push(t), err: (t) => err.push(t) });
  expect(code, err.join('\n')).toBe(0);
  return { json: JSON.parse(out.join('\n')) as Json, err: err.join('\n') };
}

const tmp = tempDir();
afterAll(() => tmp.cleanup());
const FLAGS = ['--resamples', '200', '--smooth-resamples', '30', '--seed', '3'];

describe('candor analyze --by', () => {
  it('prints each subject as a run of its own would be printed', async () => {
    const all = rows();
    const file = tmp.file('subjects.csv', [HEADER, ...all.map((r) => r.line)].join('\n'));
    const { json } = await analyze([file, '--by', 'subject', ...FLAGS]);
    const sub = json.runs[0].subgroups;
    expect(sub).toMatchObject({ field: 'subject', distinct_values: 4, max_groups: 50 });
    expect(sub.groups.map((g: Json) => g.label)).toEqual(['anatomy', 'college_physics', 'world_religions', 'easy', '(no value)']);
    for (const group of sub.groups) {
      const subset = all.filter((r) => r.subject === (group.kind === 'missing' ? '' : group.label)).map((r) => r.line);
      const alone = (await analyze([tmp.file(`${group.items}.csv`, [HEADER, ...subset].join('\n')), ...FLAGS])).json.runs[0];
      for (const key of ['counts', 'metrics', 'calibration', 'rubric', 'reliability_bins', 'analysis']) expect(group[key], `${group.label} ${key}`).toEqual(alone[key]);
      expect(group.rubric_scores.map((r: Json) => r.rubric)).toEqual(['binary', 't=0.5', 't=0.75', 't=0.9']);
    }
    expect(sub.groups[0].analysis.binned.ece.interval).not.toBeNull();
    expect(sub.groups[0].rubric_scores[0].interval).not.toBeNull();
  });

  it("finds Inspect's metadata.subject by its plain name, and says when no item has the field", async () => {
    const log = 'test/fixtures/formats/inspect/mmlu-summary-choices.eval';
    const { json } = await analyze([log, '--by', 'subject', '--resamples', '0']);
    expect(json.runs[0].subgroups.groups.map((g: Json) => [g.label, g.items])).toEqual([['college_physics', 1]]);
    const dotted = await analyze([log, '--by', 'metadata.subject', '--resamples', '0']);
    expect(dotted.json.runs[0].subgroups.groups[0].label).toBe('college_physics');
    const missing = await analyze([log, '--by', 'no_such_field', '--resamples', '0']);
    expect(missing.json.runs[0].subgroups).toBeUndefined();
    expect(missing.json.runs[0].subgroups_missing).toBe('no item of this run has a value for "no_such_field"');
    expect(missing.err).toContain('subgroups left out');
  });
});
