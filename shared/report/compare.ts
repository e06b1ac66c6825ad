// What `candor report --check` reports: every number (and string) of a stored
// report model that differs from a freshly computed one. Time and version are
// expected to differ and are left out; numbers agree within a relative 1e-9,
// which allows for a different machine's last bit and nothing more. A field
// the stored report lacks was added to the format after it was made (within
// v1 fields are only ever added): it is not a difference.
export interface Difference {
  path: string;
  stored: unknown;
  now: unknown;
}

const IGNORED = new Set(['manifest.createdAt', 'manifest.candorVersion', 'manifest.database']);

function close(a: number, b: number): boolean {
  return a === b || Math.abs(a - b) <= 1e-9 * Math.max(1, Math.abs(a), Math.abs(b));
}

function short(value: unknown): unknown {
  if (typeof value === 'string' && value.length > 80) return `${value.slice(0, 77)}...`;
  if (value !== null && typeof value === 'object') return Array.isArray(value) ? `[${value.length} entries]` : '{...}';
  return value;
}

/** Both sides as JSON reads them (a report's data went through JSON: Infinity became null). */
export function normalize(value: unknown): unknown {
  return JSON.parse(JSON.stringify(value)) as unknown;
}

export function compareModels(stored: unknown, now: unknown, limit = 200): Difference[] {
  const out: Difference[] = [];
  const walk = (a: unknown, b: unknown, path: string): void => {
    if (out.length >= limit || IGNORED.has(path)) return;
    if (typeof a === 'number' && typeof b === 'number') {
      if (!close(a, b)) out.push({ path, stored: a, now: b });
      return;
    }
    if (Array.isArray(a) && Array.isArray(b)) {
      if (a.length !== b.length) out.push({ path: `${path}.length`, stored: a.length, now: b.length });
      for (let i = 0; i < Math.min(a.length, b.length); i++) walk(a[i], b[i], `${path}[${i}]`);
      return;
    }
    if (a !== null && b !== null && typeof a === 'object' && typeof b === 'object' && !Array.isArray(a) && !Array.isArray(b)) {
      const keys = new Set([...Object.keys(a), ...Object.keys(b)]);
      for (const key of keys) {
        if (!(key in a)) continue;
        walk((a as Record<string, unknown>)[key], (b as Record<string, unknown>)[key], path ? `${path}.${key}` : key);
      }
      return;
    }
    if (a !== b) out.push({ path, stored: short(a), now: short(b) });
  };
  walk(normalize(stored), normalize(now), '');
  return out;
}

/**
 * Replaces database run ids by the run's position in the report, so a report
 * checked against a re-import (new ids, same runs) compares what matters.
 */
export function canonicalRunIds(model: unknown): unknown {
  const copy = normalize(model) as {
    runs?: Array<{ id: unknown }>;
    leaderboard?: { rows?: Array<{ runId: unknown }>; pairs?: Array<{ runA: unknown; runB: unknown }>; reversals?: Array<{ ahead: unknown; behind: unknown }> };
    sweep?: { runs?: Array<{ runId: unknown }>; crossovers?: Array<{ runA: unknown; runB: unknown; leaderAbove: unknown; leaderBelow: unknown }> };
  };
  const index = new Map<unknown, string>();
  (copy.runs ?? []).forEach((run, i) => {
    index.set(run.id, `run#${i}`);
    run.id = `run#${i}`;
  });
  const map = (id: unknown) => (id === null ? null : (index.get(id) ?? id));
  for (const row of copy.leaderboard?.rows ?? []) row.runId = map(row.runId);
  for (const pair of copy.leaderboard?.pairs ?? []) [pair.runA, pair.runB] = [map(pair.runA), map(pair.runB)];
  for (const r of copy.leaderboard?.reversals ?? []) [r.ahead, r.behind] = [map(r.ahead), map(r.behind)];
  for (const run of copy.sweep?.runs ?? []) run.runId = map(run.runId);
  for (const x of copy.sweep?.crossovers ?? []) [x.runA, x.runB, x.leaderAbove, x.leaderBelow] = [map(x.runA), map(x.runB), map(x.leaderAbove), map(x.leaderBelow)];
  return copy;
}
