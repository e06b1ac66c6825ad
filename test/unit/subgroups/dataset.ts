// A made-up run with a subject column, for the subgroup tests (deterministic LCG; no file needed).

export const HEADER = 'id,question,answer,grade,confidence,subject,difficulty';

/**
 * Rows of a run with four subjects of different sizes and calibration, some
 * abstentions, items without a confidence, and a few without a subject; one
 * subject answered all correctly (AUROC undefined there).
 */
export function rows(): Array<{ line: string; subject: string }> {
  let state = 12345;
  const random = () => {
    state = (Math.imul(state, 1103515245) + 12345) >>> 0;
    return state / 4294967296;
  };
  const subjects = [
    { name: 'anatomy', n: 240, skew: 1.8 },
    { name: 'college_physics', n: 130, skew: 1 },
    { name: 'world_religions', n: 60, skew: 0.6 },
    { name: 'easy', n: 25, skew: 0 },
  ];
  const out: Array<{ line: string; subject: string }> = [];
  let k = 0;
  for (let round = 0; round < 240; round++) {
    for (const s of subjects) {
      if (round >= s.n) continue;
      const c = Math.round((0.2 + 0.8 * random()) * 100) / 100;
      const abstain = s.skew > 0 && c < 0.3 && random() < 0.5;
      const grade = abstain ? 'abstained' : s.skew === 0 || random() < Math.pow(c, s.skew) ? 'correct' : 'incorrect';
      const confidence = k % 37 === 5 ? '' : String(c);
      const subject = k % 53 === 7 ? '' : s.name;
      out.push({ line: `q${k},question ${k},answer ${k},${grade},${confidence},${subject},${round % 3 === 0 ? 'hard' : 'easy'}`, subject });
      k++;
    }
  }
  return out;
}

