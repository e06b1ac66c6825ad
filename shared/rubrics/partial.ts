// Partial answers under a rubric. An imported partial grade (Inspect's "P",
// or a score strictly between 0 and 1) is stored as incorrect, and every
// metric counts it so; a rubric may state another choice:
//   'incorrect'    as incorrect (the default, what every other metric does);
//   'abstained'    as an abstention (it earns the rubric's abstention points);
//   { credit: c }  with partial credit: c of a correct answer and 1 - c of a
//                  wrong one, i.e. points = wrong + c (correct - wrong); with
//                  binary points that is c, Inspect's value for "P" at 0.5.
// Each is a move of counts (c items of correct weight out of incorrect), so a
// rubric stays a function of the counts and one bootstrap serves them all.
// How the bootstrap counts partial items: partial-plan.ts.

export type PartialScoring = 'incorrect' | 'abstained' | { credit: number };

export class PartialSpecError extends Error {
  override name = 'PartialSpecError';
}

/** Outcome counts with, of `incorrect`, how many are partial grades (rubric.ts's Counts). */
interface PartialCounts {
  correct: number;
  incorrect: number;
  abstained: number;
  partial?: number;
}

/** Counts as the rubric scores them: partial items (a share of `incorrect`) moved as it says. */
export function applyPartial(counts: PartialCounts, scoring: PartialScoring | undefined): PartialCounts {
  const partial = counts.partial ?? 0;
  if (partial === 0 || scoring === undefined || scoring === 'incorrect') return counts;
  if (scoring === 'abstained') return { correct: counts.correct, incorrect: counts.incorrect - partial, abstained: counts.abstained + partial, partial };
  const moved = scoring.credit * partial;
  return { correct: counts.correct + moved, incorrect: counts.incorrect - moved, abstained: counts.abstained, partial };
}

/** Whether scoring ever moves a count (so the bootstrap must tally partial items). */
export function scoresPartialApart(scoring: PartialScoring | undefined): boolean {
  return scoring !== undefined && scoring !== 'incorrect' && !(typeof scoring === 'object' && scoring.credit === 0);
}

/** "incorrect", "abstained", "credit:0.5" (credit in [0, 1]). */
export function parsePartial(text: string, spec: string): PartialScoring {
  const s = text.trim().toLowerCase();
  if (s === 'incorrect' || s === 'wrong') return 'incorrect';
  if (s === 'abstained' || s === 'abstain') return 'abstained';
  const m = /^credit\s*[:=]\s*([+-]?(\d+\.?\d*|\.\d+)(e[+-]?\d+)?)$/.exec(s);
  if (m) {
    const credit = Number(m[1]);
    if (!(credit >= 0 && credit <= 1)) throw new PartialSpecError(`${JSON.stringify(spec)}: partial credit must be in [0, 1], got ${credit}`);
    return { credit };
  }
  throw new PartialSpecError(`${JSON.stringify(spec)}: partial=${JSON.stringify(text)}; expected partial=incorrect, partial=abstained or partial=credit:<0..1>`);
}

export function formatPartial(scoring: PartialScoring): string {
  return typeof scoring === 'object' ? `credit:${scoring.credit}` : scoring;
}

/** How a rubric's column says it scores partial answers. */
export function partialLabel(scoring: PartialScoring): string {
  return typeof scoring === 'object' ? `partial credit ${scoring.credit}` : `partial as ${scoring}`;
}
