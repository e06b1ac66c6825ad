import { helmReader } from '../../../main/import/helm.ts';
import { detectFormat } from '../../../main/import/detect.ts';
import { fixture, readAll } from './helpers.ts';

const RUN = fixture('formats', 'helm', 'mmlu_subject=anatomy_model=gpt2');

describe('HELM run folders (synthetic fixture)', () => {
  it('joins scenario_state with per_instance_stats, mapping joint-MC letters to choices', async () => {
    const { items, summary } = await readAll(helmReader(RUN));
    expect(items.map((i) => [i.key, i.answer, i.gold, i.grade, i.line])).toEqual([
      ['id101', 'Femur', 'Femur', 'correct', 4],
      ['id102', 'Two', 'Four', 'incorrect', 21],
    ]);
    expect(items[0]!.confidence).toBeCloseTo(0.8, 12);
    expect(items[1]!.confidence).toBeCloseTo(0.4, 12);
    expect(items[0]!.prompt).toBe('Which bone is the longest in the human body?\nA. Humerus\nB. Femur\nAnswer:');
    expect(summary).toMatchObject({ format: 'helm', model: 'openai/gpt2', task: 'mmlu:subject=anatomy,method=multiple_choice_joint,model=openai_gpt2' });
    expect(summary.metadata.metric).toBe('exact_match');
  });

  it('reads the same run from any file of the folder, and detects both', async () => {
    const fromFile = await readAll(helmReader(`${RUN}/scenario_state.json`));
    expect(fromFile.items.map((i) => i.key)).toEqual(['id101', 'id102']);
    expect((await detectFormat(RUN))?.format).toBe('helm');
    expect((await detectFormat(`${RUN}/scenario_state.json`))?.format).toBe('helm');
  });

  it('grades by another metric when asked, leaving instances without it ungraded', async () => {
    const { items } = await readAll(helmReader(RUN, { metric: 'quasi_exact_match' }));
    expect(items.map((i) => i.grade)).toEqual([null, null]);
  });
});
