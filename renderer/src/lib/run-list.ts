// The sidebar's list as data: which runs a filter keeps and how they group.
// A filter is words (each must appear in the run's name, model, task, format
// or tags) and tag:NAME tokens (the run must carry that tag; tag:"two words"
// for a tag with spaces), all case-insensitive.
import type { RunSummary } from '../../../shared/domain.ts';
import { hasTag } from '../../../shared/runs/fields.ts';

export type RunGrouping = 'none' | 'model' | 'task' | 'tag';
export const RUN_GROUPINGS: readonly RunGrouping[] = ['none', 'model', 'task', 'tag'];

export interface RunFilter {
  words: string[];
  tags: string[];
}

export function parseRunFilter(text: string): RunFilter {
  const words: string[] = [];
  const tags: string[] = [];
  for (const match of text.matchAll(/tag:"([^"]*)"?|tag:(\S+)|(\S+)/gi)) {
    const tag = match[1] ?? match[2];
    if (tag !== undefined) {
      if (tag.trim()) tags.push(tag.trim());
    } else words.push(match[3]!.toLowerCase());
  }
  return { words, tags };
}

/** The filter text that shows the runs carrying `tag`. */
export function tagFilter(tag: string): string {
  return /\s|"/.test(tag) ? `tag:"${tag.replace(/"/g, '')}"` : `tag:${tag}`;
}

export function matchesRun(run: RunSummary, filter: RunFilter): boolean {
  if (!filter.tags.every((tag) => hasTag(run.tags, tag))) return false;
  if (filter.words.length === 0) return true;
  const haystack = [run.name, run.model ?? '', run.task ?? '', run.format, ...run.tags].join('\n').toLowerCase();
  return filter.words.every((word) => haystack.includes(word));
}

export interface RunGroup {
  /** the model, task or tag, or null for runs without one */
  key: string | null;
  runs: RunSummary[];
}

/**
 * Runs in groups by model, task or tag, named groups alphabetically, the
 * unnamed group last; runs keep their order. By tag, a run with several tags
 * is listed under each (a tag's group holds every run carrying it).
 */
export function groupRuns(runs: readonly RunSummary[], by: Exclude<RunGrouping, 'none'>): RunGroup[] {
  const groups = new Map<string | null, RunSummary[]>();
  const add = (key: string | null, run: RunSummary) => {
    const list = groups.get(key);
    if (list) list.push(run);
    else groups.set(key, [run]);
  };
  for (const run of runs) {
    if (by === 'tag') {
      if (run.tags.length === 0) add(null, run);
      // Tags differ only in case across runs at most; one group per tag whatever its case.
      for (const tag of run.tags) add([...groups.keys()].find((key) => key !== null && key.toLowerCase() === tag.toLowerCase()) ?? tag, run);
    } else {
      add((by === 'model' ? run.model : run.task) || null, run);
    }
  }
  return [...groups.entries()]
    .map(([key, list]) => ({ key, runs: list }))
    .sort((a, b) => (a.key === null ? 1 : b.key === null ? -1 : a.key.localeCompare(b.key, undefined, { numeric: true, sensitivity: 'base' })));
}

/** What a group without a key is called. */
export function unnamedGroup(by: Exclude<RunGrouping, 'none'>): string {
  return by === 'tag' ? 'untagged' : `unknown ${by}`;
}
