import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { safeRelativePath, UploadArea } from '../../../main/handlers/uploads.ts';
import { findRuns } from '../../../main/import/run-sources.ts';
import { mapColumns, isThreeWayGrade } from '../../../main/import/columns.ts';
import { looseLiteral } from '../../../main/import/python-literal.ts';
import { fixture } from './helpers.ts';

describe('staged uploads (browser mode)', () => {
  it('keeps bytes exact, in order, under safe relative paths, and removes them when discarded', async () => {
    const area = new UploadArea();
    try {
      const bytes = Buffer.from([0x50, 0x4b, 0x03, 0x04, 0x00, 0xff, 0xfe, 0x0a]);
      const { uploadId } = await area.put(undefined, 'run/a.eval', 0, bytes.subarray(0, 3));
      await area.put(uploadId, 'run/a.eval', 3, bytes.subarray(3));
      const { path, root } = await area.resolve(uploadId, 'run/a.eval');
      expect(readFileSync(path).equals(bytes)).toBe(true);
      await expect(area.put(uploadId, 'run/a.eval', 3, bytes)).rejects.toThrow('chunks must arrive in order');
      await expect(area.resolve(uploadId, '../../etc/passwd')).rejects.toThrow('is not a usable file name');
      expect(area.discard(uploadId)).toBe(true);
      expect(existsSync(root)).toBe(false);
      await expect(area.resolve(uploadId)).rejects.toThrow('that upload is gone');
    } finally {
      area.close();
    }
  });

  it('refuses paths that climb out, and normalises the rest', () => {
    expect(safeRelativePath('a\\b/./c.json')).toBe('a/b/c.json');
    expect(safeRelativePath('/abs/x.csv')).toBe('abs/x.csv');
    expect(() => safeRelativePath('a/../../x')).toThrow();
    expect(() => safeRelativePath('')).toThrow();
    expect(() => safeRelativePath('a\0b')).toThrow();
  });
});

describe('folders: which runs they hold', () => {
  it('a HELM run folder whole, the lm-eval samples without their results file, DeepEval inside .deepeval', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'candor-runs-'));
    try {
      const real = fixture('formats', 'real');
      const { cpSync } = await import('node:fs');
      cpSync(join(real, 'helm_bbq_gpt4_0125'), join(dir, 'runs', 'v1', 'bbq'), { recursive: true });
      cpSync(join(real, 'lmeval042_wmdp_bio_gpt35'), join(dir, 'lm'), { recursive: true });
      cpSync(fixture('formats', 'deepeval', 'beeai-framework', '.deepeval'), join(dir, 'project', '.deepeval'), { recursive: true });
      mkdirSync(join(dir, '.git'));
      writeFileSync(join(dir, '.git', 'x.jsonl'), '{"answer": "hidden"}\n');
      const runs = (await findRuns(dir)).map((p) => p.slice(dir.length + 1));
      expect(runs).toEqual(['lm/model__gpt-3.5-turbo-0125_wmdp_bio.jsonl', 'project/.deepeval/.latest_test_run.json', 'runs/v1/bbq']);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe('judge columns', () => {
  const firstRow: Record<string, unknown> = { judge_pred: 'NOT_ATTEMPTED', is_correct: false, grade_letter: 'C', label: 'B' };
  const threeWay = (c: string) => isThreeWayGrade(firstRow[c]);
  it('a three-way verdict beats is_correct; a label of A/B/C stays a gold answer', () => {
    expect(mapColumns(['question', 'response', 'is_correct', 'judge_pred'], () => false, threeWay).grade).toBe('judge_pred');
    expect(mapColumns(['question', 'response', 'is_correct'], () => false, threeWay).grade).toBe('is_correct');
    expect(mapColumns(['question', 'response', 'label'], () => false, threeWay)).toMatchObject({ gold: 'label' });
    expect(isThreeWayGrade('Not Attempted')).toBe(true);
    expect(isThreeWayGrade('true')).toBe(false);
  });
});

describe('Python literals in older details columns', () => {
  it('reads lists, tuples, dicts and strings; never evaluates anything else', () => {
    expect(looseLiteral("[(-1.5, False), (-0.25, True)]")).toEqual([[-1.5, false], [-0.25, true]]);
    expect(looseLiteral("{'acc': 1.0, 'em': 0}")).toEqual({ acc: 1, em: 0 });
    expect(looseLiteral("[' True', \"it's\", None]")).toEqual([' True', "it's", null]);
    expect(looseLiteral('__import__("os")')).toBe('__import__("os")');
    expect(looseLiteral('[1, 2')).toBe('[1, 2');
  });
});
