// Reports and exports.
// Library-free: the sandboxed preload imports the verb names.
export const REPORT_VERBS = ['reports/export'] as const;
