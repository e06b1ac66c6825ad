// The pure side of subgroups: which fields group, how an item's value is
// found, how groups are planned and the columns split.
import { describe, expect, it } from 'vitest';
import { FieldCatalog, fieldValue, GroupCoder, planGroups, splitColumns, whyUndefined } from '../../../shared/metrics/subgroups.ts';
import { OUTCOME_CODE } from '../../../shared/metrics/types.ts';

describe('fieldValue', () => {
  const lmEval = { doc_id: 3, doc: { question: 'q', subject: 'anatomy', answer: 2 }, filter: 'none' };
  const inspect = { id: 'x', epoch: 1, metadata: { subject: 'college_physics', level: 3 }, scores: { match: { value: 'C' } } };
  it('reads a top-level key, a dotted key one object down, and a plain name found one object down', () => {
    expect(fieldValue(lmEval, 'filter')).toBe('none');
    expect(fieldValue(lmEval, 'doc.subject')).toBe('anatomy');
    expect(fieldValue(lmEval, 'subject')).toBe('anatomy');
    expect(fieldValue(inspect, 'subject')).toBe('college_physics');
    expect(fieldValue(inspect, 'metadata.level')).toBe('3');
    expect(fieldValue({ 'a.b': 'literal', a: { b: 'nested' } }, 'a.b')).toBe('literal');
  });
  it('has no value for objects, arrays, empty strings, non-finite numbers or missing keys', () => {
    expect(fieldValue(inspect, 'scores')).toBeNull();
    expect(fieldValue({ tags: ['a'] }, 'tags')).toBeNull();
    expect(fieldValue({ s: '' }, 's')).toBeNull();
    expect(fieldValue({ s: Number.NaN }, 's')).toBeNull();
    expect(fieldValue({ b: true }, 'b')).toBe('true');
    expect(fieldValue(lmEval, 'nope')).toBeNull();
    expect(fieldValue(lmEval, 'doc.nope')).toBeNull();
  });
});

describe('FieldCatalog', () => {
  it('offers fields that group, preferred names first, and leaves out ids, texts and free numbers', () => {
    const catalog = new FieldCatalog();
    for (let i = 0; i < 200; i++) {
      catalog.add({
        id: `item-${i}`,
        doc: { subject: ['anatomy', 'virology', 'law'][i % 3], answer: i % 4, question: `question ${i}` },
        split: 'test',
        score: i / 7,
        long: 'x'.repeat(300 + (i % 2)),
        level: i % 5,
      });
    }
    // split has one value; score and id a value per item; long is text; question unique text.
    expect(catalog.fields()).toEqual([
      { path: 'doc.subject', distinct: 3, items: 200 },
      { path: 'level', distinct: 5, items: 200 },
      { path: 'doc.answer', distinct: 4, items: 200 },
    ]);
  });
  it('drops a field past 1,000 values without keeping them', () => {
    const catalog = new FieldCatalog();
    for (let i = 0; i < 5000; i++) catalog.add({ bucket: i % 1500, kind: i % 2 });
    expect(catalog.fields().map((f) => f.path)).toEqual(['kind']);
  });
});

describe('planGroups and splitColumns', () => {
  it('keeps the largest values apart, merges the rest, puts the items without a value last', () => {
    const coder = new GroupCoder();
    const values = ['b', 'a', 'c', 'a', null, 'b', 'a', 'd', null, 'c'];
    values.forEach((v) => coder.add(v));
    const grouping = coder.result();
    expect(grouping.labels).toEqual(['b', 'a', 'c', 'd']);
    const plan = planGroups(grouping, 2);
    expect(plan.groups).toEqual([
      { label: 'a', kind: 'value', values: 1, items: 3 },
      { label: 'b', kind: 'value', values: 1, items: 2 },
      { label: 'other (2 values)', kind: 'other', values: 2, items: 3 },
      { label: '(no value)', kind: 'missing', values: 0, items: 2 },
    ]);
    const outcome = Uint8Array.from(values.map((_, i) => (i % 3 === 0 ? OUTCOME_CODE.correct : i % 3 === 1 ? OUTCOME_CODE.incorrect : OUTCOME_CODE.abstained)));
    const confidence = Float64Array.from(values.map((_, i) => i / 10));
    const partial = new Uint8Array(values.length);
    partial[1] = 1; // item 1 ('a', incorrect) is a partial grade
    const split = splitColumns({ outcome, confidence, partial }, grouping, 2);
    // Each group's items in run order, partial flags with their items, none where a group has none.
    expect(Array.from(split.columns[0]!.confidence)).toEqual([0.1, 0.3, 0.6]);
    expect(Array.from(split.columns[0]!.partial!)).toEqual([1, 0, 0]);
    expect(split.columns[1]!.partial).toBeUndefined();
    expect(Array.from(split.columns[2]!.confidence)).toEqual([0.2, 0.7, 0.9]);
    expect(Array.from(split.columns[3]!.outcome)).toEqual([OUTCOME_CODE.incorrect, OUTCOME_CODE.abstained]);
  });
  it('refuses a grouping of another length', () => {
    const coder = new GroupCoder();
    coder.add('a');
    expect(() => splitColumns({ outcome: new Uint8Array(2), confidence: new Float64Array(2) }, coder.result())).toThrow(/1 items, the run 2/);
  });
  it('says why a number is undefined', () => {
    expect(whyUndefined('rate', { graded: 0, calibrated: 0 })).toBe('no graded item in this group');
    expect(whyUndefined('calibration', { graded: 4, calibrated: 0 })).toBe('no attempted item with a confidence in this group');
    expect(whyUndefined('ranking', { graded: 4, calibrated: 4 })).toMatch(/AUROC is undefined/);
  });
});
