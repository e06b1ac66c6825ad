import type { Migration } from './types.ts';

// Versions 7 and 8 belong to issue 15b (run tags; abstention kinds), on its
// own branch: these stand in for them here so that version 9 (the results
// cache) keeps the registry's one-number-per-position rule. When the
// branches meet, 15b's real migrations replace these two and this file goes.
export const migration007: Migration = { version: 7, name: 'reserved for issue 15b (run tags)', up: '' };
export const migration008: Migration = { version: 8, name: 'reserved for issue 15b (abstention kinds)', up: '' };
