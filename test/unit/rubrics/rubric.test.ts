import {
  defaultRubrics, equivalentTarget, formatRubric, impliedThreshold, parseRubric, penaltyForTarget, rankScores,
  relativePenalty, rubricLabel, rubricPoints, RubricSpecError, scoreFromCounts, targetForPenalty, validateRubric, type Rubric,
} from '../../../shared/rubrics/index.ts';

const counts = { correct: 6, incorrect: 3, abstained: 1 };
const score = (spec: string, c = counts) => scoreFromCounts(parseRubric(spec), c);

describe('rubric scores', () => {
  it('penalises a wrong answer t/(1-t): 1, 3 and 9 at t = 0.5, 0.75, 0.9', () => {
    expect(penaltyForTarget(0)).toBe(0);
    expect(penaltyForTarget(0.5)).toBe(1);
    expect(penaltyForTarget(0.75)).toBe(3);
    expect(penaltyForTarget(0.9)).toBeCloseTo(9, 12);
    expect(targetForPenalty(2)).toBeCloseTo(2 / 3, 15);
    expect(() => penaltyForTarget(1)).toThrow(RangeError);
  });

  it('scores 6 correct, 3 wrong, 1 abstained by hand', () => {
    expect(score('binary')).toBe(0.6);
    expect(score('t=0')).toBe(0.6);
    expect(score('t=0.5')).toBeCloseTo(0.3, 15);
    expect(score('t=0.75')).toBeCloseTo(-0.3, 15);
    expect(score('t=0.9')).toBeCloseTo(-2.1, 12);
    expect(score('open:0.75')).toBeCloseTo(0.675, 15);
    expect(score('custom:1,-2,0')).toBeCloseTo(0, 15);
    expect(score('custom:2,-1,0.5')).toBeCloseTo(0.95, 15);
    expect(score('simpleqa-correct')).toBe(0.6);
    expect(score('simpleqa-cga')).toBeCloseTo(6 / 9, 15);
    // harmonic mean of C/N and C/(C+I) is 2C / (N + C + I)
    expect(score('simpleqa-f')).toBeCloseTo(12 / 19, 15);
  });

  it('returns null for an empty denominator and 0 for an F-score with nothing right', () => {
    expect(score('t=0.5', { correct: 0, incorrect: 0, abstained: 0 })).toBeNull();
    expect(score('simpleqa-cga', { correct: 0, incorrect: 0, abstained: 4 })).toBeNull();
    expect(score('simpleqa-f', { correct: 0, incorrect: 0, abstained: 4 })).toBeNull();
    expect(score('simpleqa-f', { correct: 0, incorrect: 2, abstained: 4 })).toBe(0);
    expect(score('simpleqa-correct', { correct: 0, incorrect: 0, abstained: 4 })).toBe(0);
  });

  it('defaults to binary plus t = 0.5, 0.75, 0.9', () => {
    expect(defaultRubrics().map(formatRubric)).toEqual(['binary', 't=0.5', 't=0.75', 't=0.9']);
  });
});

describe('implied thresholds and warnings', () => {
  it('computes (a - w) / (c - w), which is L/(1+L) when abstaining scores 0', () => {
    expect(impliedThreshold({ kind: 'binary' })).toBe(0);
    expect(impliedThreshold({ kind: 'target', t: 0.75 })).toBeCloseTo(0.75, 15);
    expect(impliedThreshold({ kind: 'open', t: 0.6 })).toBeCloseTo(0.6, 15);
    expect(impliedThreshold(parseRubric('custom:1,-2,0'))).toBeCloseTo(2 / 3, 15);
    expect(impliedThreshold(parseRubric('custom:1,-3,0'))).toBeCloseTo(0.75, 15);
    expect(impliedThreshold(parseRubric('custom:2,-1,0.5'))).toBeCloseTo(0.5, 15);
    expect(relativePenalty({ correct: 2, wrong: -1, abstained: 0.5 })).toBe(1);
    expect(impliedThreshold({ kind: 'simpleqa', metric: 'f-score' })).toBeNull();
  });

  it('flags the paper\'s "t = 0.75, penalty 2" as implying t = 2/3', () => {
    const r = parseRubric('custom:1,-2,0@0.75');
    const warnings = validateRubric(r);
    expect(warnings.map((w) => w.code)).toEqual(['stated-threshold-mismatch']);
    expect(warnings[0]!.message).toContain('imply t = 0.666667');
    expect(warnings[0]!.message).toContain('needs relative penalty 3');
    expect(validateRubric(parseRubric('custom:1,-3,0@0.75'))).toEqual([]);
    expect(validateRubric({ kind: 'target', t: 0.9 })).toEqual([]);
  });

  it('warns when abstaining always pays or guessing always pays, and rejects degenerate points', () => {
    expect(validateRubric(parseRubric('custom:1,-1,1')).map((w) => w.code)).toEqual(['abstaining-always-pays']);
    expect(impliedThreshold(parseRubric('custom:1,0,-0.5'))).toBeCloseTo(-0.5, 15);
    expect(validateRubric(parseRubric('custom:1,0,-0.5')).map((w) => w.code)).toEqual(['guessing-always-pays']);
    expect(validateRubric({ kind: 'custom', correct: 1, wrong: 1, abstained: 0 }).map((w) => w.code)).toEqual(['degenerate']);
    expect(() => parseRubric('custom:1,2,0')).toThrow(/must earn more/);
  });

  it('maps any c > a > w rubric affinely onto target(t*)', () => {
    expect(equivalentTarget(parseRubric('custom:2,-1,0.5'))).toEqual({ t: 0.5, scale: 1.5, offset: 0.5 });
    // 1.5 * target(0.5) + 0.5 = 1.5 * 0.3 + 0.5
    expect(1.5 * score('t=0.5')! + 0.5).toBeCloseTo(score('custom:2,-1,0.5')!, 15);
    expect(equivalentTarget(parseRubric('custom:1,-1,1'))).toBeNull();
  });
});

describe('open rubric identity', () => {
  it('equals (1 - t) * score + t and ranks runs identically', () => {
    // deterministic pseudo-random count triples
    let s = 7;
    const next = () => ((s = (s * 1103515245 + 12345) % 2147483648) % 97);
    const runs = Array.from({ length: 12 }, () => ({ correct: next(), incorrect: next(), abstained: next() + 1 }));
    for (const t of [0, 0.3, 0.5, 0.75, 0.9]) {
      const target = runs.map((c) => scoreFromCounts({ kind: 'target', t }, c)!);
      const open = runs.map((c) => scoreFromCounts({ kind: 'open', t }, c)!);
      open.forEach((o, i) => expect(o).toBeCloseTo((1 - t) * target[i]! + t, 12));
      expect(rankScores(open)).toEqual(rankScores(target));
    }
    expect(rubricPoints({ kind: 'open', t: 0.75 })).toEqual({ correct: 1, wrong: 0, abstained: 0.75 });
  });
});

describe('parseRubric / formatRubric', () => {
  it('parses the CLI forms', () => {
    expect(parseRubric('binary')).toEqual({ kind: 'binary' });
    expect(parseRubric(' T=0.75 ')).toEqual({ kind: 'target', t: 0.75 });
    expect(parseRubric('t:0.5')).toEqual({ kind: 'target', t: 0.5 });
    expect(parseRubric('penalty=3')).toEqual({ kind: 'target', t: 0.75 });
    expect(parseRubric('open:0.75')).toEqual({ kind: 'open', t: 0.75 });
    expect(parseRubric('custom:1,-2,0')).toEqual({ kind: 'custom', correct: 1, wrong: -2, abstained: 0 });
    expect(parseRubric('custom:1, -2, 0 @ 0.75')).toEqual({ kind: 'custom', correct: 1, wrong: -2, abstained: 0, statedT: 0.75 });
    expect(parseRubric('simpleqa-f')).toEqual({ kind: 'simpleqa', metric: 'f-score' });
    expect(parseRubric('simpleqa-cga')).toEqual({ kind: 'simpleqa', metric: 'correct-given-attempted' });
    expect(parseRubric('simpleqa-correct')).toEqual({ kind: 'simpleqa', metric: 'correct' });
  });

  it('round-trips through formatRubric', () => {
    const specs = ['binary', 't=0.75', 'open:0.9', 'custom:1,-2,0', 'custom:2,-1,0.5@0.5', 'simpleqa-f', 'simpleqa-cga', 'simpleqa-correct'];
    for (const spec of specs) expect(formatRubric(parseRubric(spec))).toBe(spec);
    const r: Rubric = { kind: 'custom', correct: 1, wrong: -2, abstained: 0, statedT: 0.75 };
    expect(parseRubric(formatRubric(r))).toEqual(r);
    expect(JSON.parse(JSON.stringify(r))).toEqual(r);
  });

  it('gives clear errors', () => {
    expect(() => parseRubric('t=1')).toThrow(/target must be in \[0, 1\), got 1/);
    expect(() => parseRubric('t=abc')).toThrow(/target "abc" is not a number/);
    expect(() => parseRubric('t=')).toThrow(RubricSpecError);
    expect(() => parseRubric('custom:1,2')).toThrow(/three points/);
    expect(() => parseRubric('penalty=-1')).toThrow(/penalty must be finite and >= 0/);
    expect(() => parseRubric('f1')).toThrow(/unknown rubric "f1"; expected binary/);
    expect(() => parseRubric('')).toThrow(/empty rubric spec/);
  });

  it('labels rubrics for display', () => {
    expect(rubricLabel(parseRubric('t=0.75'))).toBe('t = 0.75 (penalty 3)');
    expect(rubricLabel(parseRubric('custom:1,-2,0'))).toBe('Custom 1 / -2 / 0 (implied t = 0.666667)');
    expect(rubricLabel(parseRubric('open:0.5'))).toBe('Open rubric t = 0.5 (IDK = 0.5)');
  });
});
