// The rubric-comparison engine: pure functions over outcome columns.
export * from './rubric.ts';
export { applyPartial, partialLabel, type PartialScoring } from './partial.ts';
export { partialPlan, type PartialPlan } from './partial-plan.ts';
export * from './resample.ts';
export * from './leaderboard.ts';
export * from './sweep.ts';
export * from './audit.ts';
export * from './singleton.ts';
export * from './iiv.ts';
export * from './frequency.ts';
