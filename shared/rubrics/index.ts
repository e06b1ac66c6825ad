// The rubric-comparison engine: pure functions over outcome columns.
export * from './rubric.ts';
export * from './resample.ts';
export * from './leaderboard.ts';
export * from './sweep.ts';
export * from './audit.ts';
export * from './singleton.ts';
export * from './iiv.ts';
export * from './frequency.ts';
